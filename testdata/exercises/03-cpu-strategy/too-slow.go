//go:build ignore

// Too slow: threads under the GIL take turns.
package main

import (
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/run"
)

func cpuStrategy(g *gil.GIL, workers int) run.Strategy {
	return run.GILThreads(g)
}
