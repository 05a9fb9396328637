//go:build ignore

// Leaking: returns the first good answer, but never cancels or waits for the
// other replicas.
package main

import (
	"context"
	"errors"
)

func firstAnswer(ctx context.Context, replicas []func(ctx context.Context) (string, error)) (string, error) {
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
	var errs []error
	for range replicas {
		if r := <-replies; r.err == nil {
			return r.s, nil
		} else {
			errs = append(errs, r.err)
		}
	}
	return "", errors.Join(errs...)
}
