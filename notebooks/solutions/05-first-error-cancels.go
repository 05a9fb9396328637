//go:build ignore

// Solution to exercise 05-first-error-cancels (notebook 05): errgroup's
// WithContext cancels the group's context at the first error, and Wait
// returns that error once every task has returned, as asyncio.TaskGroup
// does when its async with block ends.
package main

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func taskGroup(ctx context.Context, n int, task func(ctx context.Context, i int) error) error {
	g, ctx := errgroup.WithContext(ctx)
	for i := range n {
		g.Go(func() error { return task(ctx, i) })
	}
	return g.Wait()
}
