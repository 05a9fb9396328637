package asyncio

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// TaskGroup runs every task at once and returns their results in the order
// of tasks, like Python 3.11's asyncio.TaskGroup: the first task to fail
// cancels the context the others run with, so they stop early, and
// TaskGroup returns that first error once every task has returned: nothing
// is left running. It is not asyncio.gather, which propagates the first
// exception at once, cancels nothing and leaves the other awaitables
// running (the Python docs say so; the notebook measures it).
func TaskGroup[T any](ctx context.Context, tasks ...func(context.Context) (T, error)) ([]T, error) {
	if err := check(ctx, tasks); err != nil {
		return nil, err
	}
	g, ctx := errgroup.WithContext(ctx)
	results := make([]T, len(tasks))
	for i, task := range tasks {
		g.Go(func() error {
			v, err := task(ctx)
			results[i] = v
			return err
		})
	}
	return results, g.Wait()
}

// GatherLimit is [TaskGroup] with at most limit tasks running at once: g.Go
// waits for a free slot before it starts a goroutine, so only limit
// goroutines ever exist, like a pool of limit workers.
func GatherLimit[T any](ctx context.Context, limit int, tasks ...func(context.Context) (T, error)) ([]T, error) {
	if err := check(ctx, tasks); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("asyncio: limit %d must be positive", limit)
	}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	results := make([]T, len(tasks))
	for i, task := range tasks {
		g.Go(func() error {
			v, err := task(ctx)
			results[i] = v
			return err
		})
	}
	return results, g.Wait()
}

// GatherSemaphore is [TaskGroup] with at most limit tasks running at once, the
// way asyncio code does it: every task starts (here, a goroutine each) and
// waits its turn at a semaphore, like "async with sem:". A task still
// waiting when another fails gives up without running.
func GatherSemaphore[T any](ctx context.Context, limit int, tasks ...func(context.Context) (T, error)) ([]T, error) {
	if err := check(ctx, tasks); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("asyncio: limit %d must be positive", limit)
	}
	sem := semaphore.NewWeighted(int64(limit))
	g, ctx := errgroup.WithContext(ctx)
	results := make([]T, len(tasks))
	for i, task := range tasks {
		g.Go(func() error {
			if err := sem.Acquire(ctx, 1); err != nil {
				return err
			}
			defer sem.Release(1)
			v, err := task(ctx)
			results[i] = v
			return err
		})
	}
	return results, g.Wait()
}

// check rejects what would otherwise panic in a goroutine: a nil context
// or a nil task.
func check[T any](ctx context.Context, tasks []func(context.Context) (T, error)) error {
	if ctx == nil {
		return errors.New("asyncio: nil context")
	}
	for i, task := range tasks {
		if task == nil {
			return fmt.Errorf("asyncio: task %d is nil", i)
		}
	}
	return nil
}
