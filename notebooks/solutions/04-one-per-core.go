//go:build ignore

// Solution to exercise 04-one-per-core (notebook 04): a goroutine per task,
// all started before waiting for any, and a WaitGroup to wait for them all,
// as tutorial 001 starts a Process per core and then joins each one.
package main

import "sync"

func runPerCore(n int, task func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { task(i) })
	}
	wg.Wait()
}
