//go:build ignore

// Wrong: every fetch at once, ignoring the limit (asyncio.gather without a
// semaphore).
package main

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func boundedFetch(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (int, error)) ([]int, error) {
	sizes := make([]int, len(urls))
	g, ctx := errgroup.WithContext(ctx)
	for i, u := range urls {
		g.Go(func() error {
			n, err := fetch(ctx, u)
			sizes[i] = n
			return err
		})
	}
	return sizes, g.Wait()
}
