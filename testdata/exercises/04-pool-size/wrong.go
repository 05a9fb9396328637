//go:build ignore

// Wrong: no workers at all.
package main

func poolSize(ioBound bool, tasks, cores int) int {
	return 0
}
