//go:build ignore

// Wrong: goroutines run at once, but that is Go without a GIL, not what a
// CPython program can do.
package main

import (
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/run"
)

func cpuStrategy(g *gil.GIL, workers int) run.Strategy {
	return run.Goroutines()
}
