//go:build ignore

// Solution to exercise 00-parallel-sum (notebook 00): each goroutine sums
// its own part into its own slot, so no two goroutines write one variable;
// the function adds the slots up after wg.Wait.
package main

import (
	"math"
	"sync"
)

func parallelSum(n int64, workers int) float64 {
	parts := make([]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := int64(w); i < n; i += int64(workers) {
				parts[w] += math.Sqrt(float64(i))
			}
		})
	}
	wg.Wait()
	total := 0.0
	for _, p := range parts {
		total += p
	}
	return total
}
