package futures

import (
	"context"
	"errors"
	"fmt"

	"concurrencylab/kernel-helpers/worker"
)

// ProcessPool runs named tasks in n worker processes: the
// ProcessPoolExecutor of this package. It is a [worker.Pool] that hands
// out [Future]s. Create it with [NewProcessPool].
//
// Only tasks registered with [worker.Register] can run, because a Go
// function cannot be sent to another process; the worker, a copy of this
// program, finds the task by its name. The argument is encoded as JSON, and
// the result decoded from JSON into the future's type.
type ProcessPool struct {
	workers *worker.Pool
	// dispatch turns submits into worker.Pool calls, in the order they were
	// submitted. It has more goroutines than there are workers so that each
	// worker finds its next request already waiting in its pipe when it
	// finishes one; the worker pool itself allows only one running task per
	// process, so at most n tasks run at once.
	dispatch *GoroutinePool
}

// dispatchPerWorker is how many calls per worker process the pool keeps
// under way: one running and one waiting in its pipe, as CPython's
// ProcessPoolExecutor queues one call more than its workers. [worker.Pool]
// would take more ([worker.DefaultDepth]); two already hide the round trip.
const dispatchPerWorker = 2

// NewProcessPool starts n worker processes. When ctx ends, the workers are
// killed at once, and tasks still running or queued fail with an error
// wrapping [worker.ErrClosed] and ctx's cause.
func NewProcessPool(ctx context.Context, n int) (*ProcessPool, error) {
	switch {
	case n <= 0:
		return nil, fmt.Errorf("futures: pool size %d must be positive", n)
	case n > worker.MaxWorkers():
		return nil, fmt.Errorf("futures: pool size %d is more than this machine allows (%d worker processes)", n, worker.MaxWorkers())
	}
	workers, err := worker.NewPool(ctx, n)
	if err != nil {
		return nil, fmt.Errorf("futures: %w", err)
	}
	dispatch, err := NewGoroutinePool(dispatchPerWorker * n)
	if err != nil {
		_ = workers.Close()
		return nil, err
	}
	return &ProcessPool{workers: workers, dispatch: dispatch}, nil
}

// Size returns the number of worker processes.
func (p *ProcessPool) Size() int { return p.workers.Size() }

// PIDs returns the process ids of the workers.
func (p *ProcessPool) PIDs() []int { return p.workers.PIDs() }

// SubmitTask queues the registered task with arg for a worker process and
// returns its [Future] at once; the result, JSON from the worker, is decoded
// into T. The future fails with [ErrClosed] after Close, with an error
// wrapping [worker.ErrUnknownTask] for a name nobody registered, with a
// [*worker.CrashError] when the worker process died running the task (it
// panicked, exited or was killed; the pool replaces it), and with ctx's
// error when ctx ends first.
func SubmitTask[T any](ctx context.Context, p *ProcessPool, task string, arg any) *Future[T] {
	if p == nil || p.workers == nil {
		return failed[T](errors.New("futures: nil or zero-value pool; make one with NewProcessPool"))
	}
	return Submit(ctx, p.dispatch, func(ctx context.Context) (T, error) {
		var result T
		_, err := p.workers.Call(ctx, task, arg, &result)
		return result, err
	})
}

// Close stops the pool from accepting tasks, waits until the queued and
// running ones have finished, then stops the worker processes and reaps
// them, like Python's executor.shutdown(wait=True). To abandon the queued
// tasks instead, cancel the context they were submitted with, or the one
// given to [NewProcessPool], which also kills the running ones. Close is safe
// to call more than once.
func (p *ProcessPool) Close() error {
	if p == nil || p.workers == nil {
		return nil
	}
	_ = p.dispatch.Close()
	return p.workers.Close()
}
