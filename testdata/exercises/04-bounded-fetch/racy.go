//go:build ignore

// Racy: a semaphore bounds the fetches, but every goroutine appends to one
// slice with no lock (and in no particular order).
package main

import (
	"context"
	"sync"
)

func boundedFetch(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (int, error)) ([]int, error) {
	var sizes []int
	slots := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for _, u := range urls {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			n, _ := fetch(ctx, u)
			sizes = append(sizes, n)
		})
	}
	wg.Wait()
	return sizes, nil
}
