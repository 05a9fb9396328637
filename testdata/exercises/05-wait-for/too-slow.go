//go:build ignore

// Too slow: the timeout is made but never given to the call.
package main

import (
	"context"
	"time"
)

func withTimeout(ctx context.Context, timeout time.Duration, call func(ctx context.Context) (string, error)) (string, error) {
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	s, err := call(ctx)
	if err == nil {
		err = tctx.Err()
	}
	return s, err
}
