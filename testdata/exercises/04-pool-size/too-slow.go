//go:build ignore

// Too slow: one worker per core for everything, as multiprocessing.Pool()
// does by default; waiting tasks then wait in rounds.
package main

func poolSize(ioBound bool, tasks, cores int) int {
	return cores
}
