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
//
// A negative n is an error, which [GIL.Run] returns as the task's: a count
// to less than 0 is a typo, not a task that does nothing.
func CountTask(n int64) Task {
	if n < 0 {
		return failed(fmt.Errorf("gil: CountTask: n %d must be 0 or more: the task counts from 0 up to n", n))
	}
	return func(t *Thread) { workloads.CountToWith(n, t.Check) }
}

// SumSqrtTask returns a task that runs [workloads.SumSqrtWith] over n
// numbers, checking the GIL every [workloads.CheckEvery] steps.
//
// A negative n is an error, which [GIL.Run] returns as the task's.
func SumSqrtTask(n int64) Task {
	if n < 0 {
		return failed(fmt.Errorf("gil: SumSqrtTask: n %d must be 0 or more: the task sums the square roots of 0 to n-1", n))
	}
	return func(t *Thread) { workloads.SumSqrtWith(n, t.Check) }
}

// SleepTask returns a task that blocks for d without the GIL, the way
// time.sleep or waiting for a network reply does in CPython: other threads
// run meanwhile. The sleep ends early when the context of [GIL.Run] ends.
//
// A negative d is an error, which [GIL.Run] returns as the task's; so is
// a NaN converted to a Duration, which is the most negative one.
func SleepTask(d time.Duration) Task {
	if d < 0 {
		return failed(fmt.Errorf("gil: SleepTask: duration %v must be 0 or more (a NaN converted to a time.Duration is the most negative one)", d))
	}
	return func(t *Thread) { t.Blocking(func() { t.sleep(d) }) }
}

// failed returns a task that does nothing but make [GIL.Run] return err
// as its error: the error of a task made with a bad value.
func failed(err error) Task {
	return func(t *Thread) { t.fail(err) }
}

// fail records the error of the task running on t, the first one only. A
// nil t has nowhere to record it.
func (t *Thread) fail(err error) {
	if t != nil && t.err == nil {
		t.err = err
	}
}

// sleep sleeps for d, or until the context of the [GIL.Run] running t ends.
func (t *Thread) sleep(d time.Duration) {
	var done <-chan struct{}
	if t != nil && t.ctx != nil {
		done = t.ctx.Done()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-done:
	}
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
	t.ctx = ctx
	span.Start = time.Since(batchStart)
	task(t)
	span.End = time.Since(batchStart)
	span.Stats = t.Stats()
	return t.err
}
