//go:build ignore

// Solution to exercise 03-cpu-strategy (notebook 03): one worker process per
// task, each with its own GIL, as multiprocessing.Pool(workers) gives.
package main

import (
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/run"
)

func cpuStrategy(g *gil.GIL, workers int) run.Strategy {
	return run.ProcessPool(workers)
}
