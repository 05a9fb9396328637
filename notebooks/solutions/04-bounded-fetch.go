//go:build ignore

// Solution to exercise 04-bounded-fetch (notebook 04): errgroup.SetLimit
// keeps at most limit fetches running (g.Go waits for a free slot), each
// writes its own index of sizes, and g.Wait returns the first error after
// every fetch has ended. A buffered channel of limit slots, or
// semaphore.Weighted, does the same as SetLimit.
package main

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func boundedFetch(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (int, error)) ([]int, error) {
	sizes := make([]int, len(urls))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for i, u := range urls {
		g.Go(func() error {
			n, err := fetch(ctx, u)
			sizes[i] = n
			return err
		})
	}
	return sizes, g.Wait()
}
