//go:build ignore

// Solution to exercise 02-safe-counter (notebook 02), three ways: an atomic
// add (countAtomic, the one the check runs), a mutex around the increment
// (countMutex), and one goroutine that owns the count and receives every
// increment on a channel (countChannel). Each gives the exact count.
package main

import (
	"sync"
	"sync/atomic"
)

func safeCount(goroutines, increments int) int64 {
	return countAtomic(goroutines, increments)
}

func countAtomic(goroutines, increments int) int64 {
	var n atomic.Int64
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range increments {
				n.Add(1)
			}
		})
	}
	wg.Wait()
	return n.Load()
}

func countMutex(goroutines, increments int) int64 {
	var mu sync.Mutex
	var n int64
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range increments {
				mu.Lock()
				n++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return n
}

func countChannel(goroutines, increments int) int64 {
	adds := make(chan int64)
	total := make(chan int64)
	go func() { // the owner: the only goroutine that touches n
		var n int64
		for d := range adds {
			n += d
		}
		total <- n
	}()
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range increments {
				adds <- 1
			}
		})
	}
	wg.Wait()
	close(adds)
	return <-total
}
