package asyncio

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// ErrNoTasks is the error of [First] with nothing to run.
var ErrNoTasks = errors.New("asyncio: no tasks")

// First runs every task at once and returns the index and result of the
// first one to succeed: a hedged request, which asks several replicas and
// keeps the first good answer. A failure does not end it, so it is not
// asyncio.wait(tasks, return_when=FIRST_COMPLETED), which returns when any
// task completes, failed or not; in asyncio it is a loop over
// asyncio.as_completed that skips exceptions, then cancels the rest. A
// select waits for whichever comes first: an answer, or the end of ctx (its
// deadline or a cancel).
//
// When First returns, the other tasks have been cancelled and have returned:
// nothing is left running. If every task fails, the error joins theirs.
func First[T any](ctx context.Context, tasks ...func(context.Context) (T, error)) (int, T, error) {
	var zero T
	if err := check(ctx, tasks); err != nil {
		return -1, zero, err
	}
	if len(tasks) == 0 {
		return -1, zero, ErrNoTasks
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait() // runs after cancel: the losers stop, then First returns
	defer cancel()

	type answer struct {
		i   int
		v   T
		err error
	}
	answers := make(chan answer, len(tasks)) // room for all: a loser never blocks
	for i, task := range tasks {
		wg.Go(func() {
			v, err := task(ctx)
			answers <- answer{i, v, err}
		})
	}
	var errs []error
	for range tasks {
		select {
		case a := <-answers:
			if a.err == nil {
				return a.i, a.v, nil
			}
			errs = append(errs, a.err)
		case <-ctx.Done():
			return -1, zero, context.Cause(ctx)
		}
	}
	return -1, zero, errors.Join(errs...)
}

// WaitFor runs task with a deadline timeout from now, like
// asyncio.wait_for(task, timeout): the task's context ends at the deadline,
// and a task that respects it returns context.DeadlineExceeded.
func WaitFor[T any](ctx context.Context, timeout time.Duration, task func(context.Context) (T, error)) (T, error) {
	var zero T
	if err := check(ctx, []func(context.Context) (T, error){task}); err != nil {
		return zero, err
	}
	if timeout <= 0 { // NaN durations are negative too
		return zero, fmt.Errorf("asyncio: WaitFor timeout %v must be positive", timeout)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel() // frees the timer even when the task is quick
	v, err := task(ctx)
	if err == nil && ctx.Err() != nil {
		// The task ignored its context and finished late: as Python's
		// wait_for, report the timeout, not a success.
		return zero, fmt.Errorf("asyncio: WaitFor: the task finished after its %v timeout: %w", timeout, context.Cause(ctx))
	}
	return v, err
}
