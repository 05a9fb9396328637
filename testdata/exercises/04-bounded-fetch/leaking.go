//go:build ignore

// Leaking: a semaphore bounds the fetches, but the function returns without
// waiting for the last ones.
package main

import "context"

func boundedFetch(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (int, error)) ([]int, error) {
	sizes := make([]int, len(urls))
	slots := make(chan struct{}, limit)
	for i, u := range urls {
		slots <- struct{}{}
		go func() {
			defer func() { <-slots }()
			sizes[i], _ = fetch(ctx, u)
		}()
	}
	return sizes, nil
}
