//go:build ignore

// Too slow: each goroutine is waited for before the next starts, like
// calling p.start(); p.join() in one loop.
package main

import "sync"

func runPerCore(n int, task func(i int)) {
	for i := range n {
		var wg sync.WaitGroup
		wg.Go(func() { task(i) })
		wg.Wait()
	}
}
