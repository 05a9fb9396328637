//go:build ignore

// Solution to exercise 05-first-answer (notebook 05): every replica runs on
// its own goroutine with a context the function cancels once it has a good
// answer; a buffered channel takes every reply, so no replica blocks on its
// send, and the function reads all len(replicas) replies before returning,
// so every replica has ended.
package main

import (
	"context"
	"errors"
)

func firstAnswer(ctx context.Context, replicas []func(ctx context.Context) (string, error)) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type reply struct {
		s   string
		err error
	}
	replies := make(chan reply, len(replicas))
	for _, r := range replicas {
		go func() {
			s, err := r(ctx)
			replies <- reply{s, err}
		}()
	}
	var (
		best string
		ok   bool
		errs []error
	)
	for range replicas {
		r := <-replies
		switch {
		case r.err == nil && !ok:
			best, ok = r.s, true
			cancel()
		case r.err != nil && !ok:
			errs = append(errs, r.err)
		}
	}
	if ok {
		return best, nil
	}
	return "", errors.Join(errs...)
}
