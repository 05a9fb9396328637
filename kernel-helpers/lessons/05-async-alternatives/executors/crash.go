package executors

import (
	"context"
	"errors"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/futures"
)

// CrashReport is what [Crash] saw: one task ended its worker process with
// os.Exit, the others slept.
type CrashReport struct {
	Tasks     int   // tasks besides the crashing one
	Succeeded int   // of those, how many returned their result
	CrashErr  error // what the crashing task's future returned
}

// Survived reports whether the crash killed only its own task: every other
// task returned, and the crashing one returned an error.
func (c CrashReport) Survived() bool {
	return c.Tasks > 0 && c.Succeeded == c.Tasks && c.CrashErr != nil
}

// Crash submits, to a process pool of workers, one task that calls os.Exit
// in its worker (the built-in "exit") among tasks others that sleep step,
// and counts the other tasks that still returned their result.
func Crash(ctx context.Context, workers, tasks int, step time.Duration) (CrashReport, error) {
	switch {
	case ctx == nil:
		return CrashReport{}, errors.New("executors: nil context")
	case workers <= 0 || workers > MaxTasks || tasks <= 0 || tasks > MaxTasks:
		return CrashReport{}, fmt.Errorf("executors: %d workers and %d tasks must be in [1, %d]", workers, tasks, MaxTasks)
	case step <= 0 || step > time.Second:
		return CrashReport{}, fmt.Errorf("executors: step %v is outside (0, 1s]", step)
	}
	p, err := futures.NewProcessPool(ctx, workers)
	if err != nil {
		return CrashReport{}, err
	}
	defer p.Close()
	// The crash goes in half-way, so that tasks run beside it and wait
	// behind it.
	futs := make([]*futures.Future[struct{}], tasks)
	var crash *futures.Future[struct{}]
	for i := range futs {
		if i == tasks/2 {
			crash = futures.SubmitTask[struct{}](ctx, p, "exit", 3)
		}
		futs[i] = futures.SubmitTask[struct{}](ctx, p, "sleep", step)
	}
	r := CrashReport{Tasks: tasks}
	_, r.CrashErr = crash.Wait()
	for _, f := range futs {
		if _, err := f.Wait(); err == nil {
			r.Succeeded++
		}
	}
	return r, nil
}
