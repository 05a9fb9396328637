// Package strategies times the same work under several of package run's
// strategies (goroutines, OS threads, processes, GOMAXPROCS=1, ...) and
// turns the timings into what the threads-vs-processes notebook shows: bars
// with their spread, speedup curves with an Amdahl fit, and timelines of who
// ran what when.
//
// A [Kind] names a strategy and builds it for a number of workers: the
// Python tutorials' "2 threads" and "2 processes" become
// Threads.New(2) and ProcessPool.New(2). [Time] runs one batch a few times
// with [concurrencylab/kernel-helpers/bench]; [Split] divides a fixed amount
// of work (say, counting to n) into w equal tasks for each w and times every
// kind; [Scale] does so for a range of worker counts, measures the
// sequential baseline, and fits Amdahl's law
// ([concurrencylab/kernel-helpers/amdahl]) to the goroutine runs when there
// are at least three within the core count, with each run's Karp–Flatt
// serial fraction.
//
// The work is always a task registered with package worker (such as "count"
// or "sumsqrt"), so that the same batch runs in this process and in worker
// processes alike.
//
// [OneTwoFour], [PerCore] and [Ten] run the tutorials' three CPU-bound
// experiments (1, 2 and 4 processes; one task per core; 10 threads vs 10
// processes) in Go and, through package cpython, in real CPython at the same
// size; each returns a [Pair] whose Figures judge the tutorial's claim with
// package claims.
package strategies
