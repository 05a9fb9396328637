package gil

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"concurrencylab/workloads"
)

// Task is one piece of work for [GIL.Run]. It runs holding the GIL through
// t, and should call t.Check regularly if it is CPU-bound and wrap blocking
// calls in t.Blocking, as CPython code does without thinking about it.
type Task func(t *Thread)

// Span says when one task of [GIL.Run] ran, as offsets from the moment the
// batch started, and what its thread did with the GIL.
type Span struct {
	// Start is when the task first held the GIL and began; End is when it returned.
	Start, End time.Duration
	// Stats are its thread's GIL counts, taken when it finished.
	Stats ThreadStats
}

// CountTask returns a task that runs [workloads.CountToWith] to n, checking
// the GIL every [workloads.CheckEvery] steps: the tutorials' CPU-bound
// counting loop, as a Python thread would run it.
func CountTask(n int64) Task {
	return func(t *Thread) { workloads.CountToWith(n, t.Check) }
}

// SumSqrtTask returns a task that runs [workloads.SumSqrtWith] over n
// numbers, checking the GIL every [workloads.CheckEvery] steps.
func SumSqrtTask(n int64) Task {
	return func(t *Thread) { workloads.SumSqrtWith(n, t.Check) }
}

// SleepTask returns a task that blocks for d without the GIL, the way
// time.sleep or waiting for a network reply does in CPython: other threads
// run meanwhile.
func SleepTask(d time.Duration) Task {
	return func(t *Thread) { t.Blocking(func() { time.Sleep(d) }) }
}

// MaxThreads bounds the tasks of one [GIL.Run]: each is a thread, as in
// CPython, and a blocked thread holds an OS thread; Go stops a program that
// has 10,000 of them (see [runtime/debug.SetMaxThreads]).
const MaxThreads = 1000

// Run runs every task on its own goroutine locked to its own OS thread (a
// CPython thread is an OS thread), all under g, and waits for them all, like
// starting Python threads and joining them. It returns one [Span] per task,
// in task order.
//
// It returns an error, running nothing, for a nil context or a nil task. A
// task that panics does not crash the program: its panic becomes the error
// and its Span stays zero. Once ctx is done, tasks that have not started yet
// are skipped and Run returns ctx's error; a task already running is not
// interrupted.
func (g *GIL) Run(ctx context.Context, tasks ...Task) ([]Span, error) {
	switch {
	case g == nil:
		return nil, errors.New("gil: Run needs a GIL, got nil (gil.New() makes one)")
	case ctx == nil:
		return nil, errors.New("gil: Run needs a context, got nil")
	case len(tasks) > MaxThreads:
		return nil, fmt.Errorf("gil: Run: %d tasks is more than %d: each runs on an OS thread of its own, and a Go program dies at 10,000 threads", len(tasks), MaxThreads)
	}
	for i, task := range tasks {
		if task == nil {
			return nil, fmt.Errorf("gil: Run: task %d is nil", i)
		}
	}
	spans := make([]Span, len(tasks))
	errs := make([]error, len(tasks))
	start := time.Now()
	var wg sync.WaitGroup
	for i, task := range tasks {
		wg.Go(func() {
			errs[i] = g.runOne(ctx, task, start, &spans[i])
			if errs[i] != nil {
				errs[i] = fmt.Errorf("gil: task %d: %w", i, errs[i])
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return spans, fmt.Errorf("gil: Run stopped: %w", err)
	}
	return spans, errors.Join(errs...)
}

// runOne runs one task on the calling goroutine's own OS thread, holding the
// GIL, and fills in its span.
func (g *GIL) runOne(ctx context.Context, task Task, batchStart time.Time, span *Span) (err error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t := g.Thread()
	t.Acquire()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
			*span = Span{}
		}
		// Release however deep the panic left the thread's Acquire calls.
		for t.Held() {
			_ = t.Release()
		}
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	span.Start = time.Since(batchStart)
	task(t)
	span.End = time.Since(batchStart)
	span.Stats = t.Stats()
	return nil
}
