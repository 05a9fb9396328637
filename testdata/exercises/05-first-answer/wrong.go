//go:build ignore

// Wrong: keeps the first reply, even a failure, like asyncio.wait with
// FIRST_COMPLETED without looking at the result.
package main

import "context"

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
	r := <-replies
	cancel()
	for range len(replicas) - 1 {
		<-replies
	}
	if r.err != nil {
		return "", r.err
	}
	return r.s, nil
}
