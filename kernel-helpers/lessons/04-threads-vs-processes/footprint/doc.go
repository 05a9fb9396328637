// Package footprint measures what one worker costs in memory, a goroutine, an
// OS thread or a process, at several counts, and draws the three side by side.
//
// The measurements are package [concurrencylab/kernel-helpers/memory]'s:
// [memory.PerGoroutine] (the Go runtime's own accounting of parked
// goroutines), [memory.PrivatePerThread] (the growth of this process's
// private memory per new OS thread) and [memory.PrivatePerProcess] (the
// private memory, USS, of idle worker processes: not their RSS, which counts
// again for each one the program code they all share). [CPython] measures
// the same for CPython threads and processes.
// Measuring each at several counts shows that the price per worker is about
// constant, so the totals grow in proportion: a thousand of the cheapest
// cost what a handful of the dearest do.
package footprint
