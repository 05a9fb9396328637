//go:build ignore

// Racy: n++ from every goroutine, with no lock.
package main

import "sync"

func safeCount(goroutines, increments int) int64 {
	var n int64
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range increments {
				n++
			}
		})
	}
	wg.Wait()
	return n
}
