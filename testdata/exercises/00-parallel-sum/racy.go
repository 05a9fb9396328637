//go:build ignore

// Racy: every goroutine adds to one total with no lock.
package main

import (
	"math"
	"sync"
)

func parallelSum(n int64, workers int) float64 {
	total := 0.0
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := int64(w); i < n; i += int64(workers) {
				total += math.Sqrt(float64(i))
			}
		})
	}
	wg.Wait()
	return total
}
