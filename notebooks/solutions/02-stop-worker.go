//go:build ignore

// Solution to exercise 02-stop-worker (notebook 02): the goroutine selects
// on ctx.Done() beside its send and its wait, so a cancel reaches it whether
// it is sending or sleeping; it closes the channel as it returns.
package main

import (
	"context"
	"time"
)

func startTicker(ctx context.Context, every time.Duration) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for i := 1; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}
