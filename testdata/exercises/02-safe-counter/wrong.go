//go:build ignore

// Wrong: an atomic add, but the count is read before the goroutines end.
package main

import "sync/atomic"

func safeCount(goroutines, increments int) int64 {
	var n atomic.Int64
	done := make(chan struct{}, goroutines)
	for range goroutines {
		go func() {
			for range increments {
				n.Add(1)
			}
			done <- struct{}{}
		}()
	}
	got := n.Load()
	for range goroutines {
		<-done
	}
	return got
}
