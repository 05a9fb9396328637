//go:build ignore

// Too slow: errgroup without WithContext, like asyncio.gather: the first
// error comes back only after every other task has finished.
package main

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func taskGroup(ctx context.Context, n int, task func(ctx context.Context, i int) error) error {
	var g errgroup.Group
	for i := range n {
		g.Go(func() error { return task(ctx, i) })
	}
	return g.Wait()
}
