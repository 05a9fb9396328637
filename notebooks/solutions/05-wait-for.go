//go:build ignore

// Solution to exercise 05-wait-for (notebook 05): the call gets a context
// that ends after timeout, and the function simply waits for the call, which
// returns when its context ends; nothing is left running.
package main

import (
	"context"
	"time"
)

func withTimeout(ctx context.Context, timeout time.Duration, call func(ctx context.Context) (string, error)) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return call(ctx)
}
