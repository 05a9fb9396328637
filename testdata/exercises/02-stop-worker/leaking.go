//go:build ignore

// Leaking: the goroutine never looks at its context; once nobody reads, it
// waits on its send for ever.
package main

import (
	"context"
	"time"
)

func startTicker(ctx context.Context, every time.Duration) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 1; ; i++ {
			time.Sleep(every)
			ch <- i
		}
	}()
	return ch
}
