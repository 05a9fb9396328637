//go:build ignore

// Leaking: stops waiting at the timeout, but the call goes on running with a
// context nobody cancels.
package main

import (
	"context"
	"time"
)

func withTimeout(ctx context.Context, timeout time.Duration, call func(ctx context.Context) (string, error)) (string, error) {
	type answer struct {
		s   string
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		s, err := call(context.Background())
		ch <- answer{s, err}
	}()
	select {
	case a := <-ch:
		return a.s, a.err
	case <-time.After(timeout):
		return "", context.DeadlineExceeded
	}
}
