//go:build ignore

// Too slow: within the limit, trivially: one fetch after another.
package main

import "context"

func boundedFetch(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (int, error)) ([]int, error) {
	sizes := make([]int, len(urls))
	for i, u := range urls {
		n, err := fetch(ctx, u)
		if err != nil {
			return nil, err
		}
		sizes[i] = n
	}
	return sizes, nil
}
