//go:build ignore

// Leaking: returns at the first error, leaving the other tasks running.
package main

import "context"

func taskGroup(ctx context.Context, n int, task func(ctx context.Context, i int) error) error {
	errs := make(chan error, n)
	for i := range n {
		go func() { errs <- task(ctx, i) }()
	}
	for range n {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}
