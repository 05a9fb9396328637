//go:build ignore

// Solution to exercise 04-pool-size (notebook 04): CPU-bound tasks need a
// core each, so one worker per core keeps every core busy and more gain
// nothing; waiting tasks need no core, so one worker per task overlaps every
// wait (asyncio, or a goroutine each, does the same).
package main

func poolSize(ioBound bool, tasks, cores int) int {
	if ioBound {
		return tasks
	}
	return cores
}
