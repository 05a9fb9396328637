// Package workloads holds the work the course runs under different
// strategies (one goroutine, many goroutines, an emulated GIL, processes).
//
// The Python tutorials the course follows use two CPU-bound tasks: counting
// to n one step at a time ([CountTo]) and summing square roots ([SumSqrt]).
// They are written here so that the Go compiler cannot delete or shortcut the
// loop: a benchmark of an empty loop would make every strategy look equally
// fast and teach nothing.
//
// Go runs these loops tens of times faster than CPython, and machines differ
// too, so the tutorials' fixed sizes such as 50_000_000 mean little here.
// Use [Calibrate] to pick the n that takes a chosen time on the reader's
// machine instead.
//
// [CountToWith] and [SumSqrtWith] run the same loops but call a function every
// [CheckEvery] iterations. That is the hook for an emulated GIL: CPython's
// interpreter likewise stops now and then (its "eval breaker") to see whether
// another thread asked for the lock.
package workloads
