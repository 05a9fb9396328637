package gilcompare

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/history"
)

// Names of the measurements, as recorded in the results history. They start
// with "gil-" so that they never mix with another notebook's.
const (
	CPUName    = "gil-cpu"
	ConvoyName = "gil-convoy"
	SweepName  = "gil-sweep"
	SleepName  = "gil-sleep"
)

// Strategies of the Go side. Python's carry the interpreter's prefix, such as
// "cpython-threads" (see [cpython.Interpreter.Prefix]).
const (
	// Sequential runs the tasks one after another on one goroutine.
	Sequential = "sequential"
	// Goroutines runs one goroutine per task, without a GIL.
	Goroutines = "goroutines"
	// GILThreads runs one OS thread per task, all under one emulated GIL.
	GILThreads = gil.StrategyGIL
	// Threads runs one OS thread per task without a GIL ([gil.Convoy]'s
	// threads when it is given no GIL).
	Threads = gil.StrategyNoGIL
	// MaxProcs1 runs goroutines without a GIL, with GOMAXPROCS set to 1
	// for the measurement: one goroutine runs at a time, by the scheduler's
	// choice, not a lock's.
	MaxProcs1 = "gomaxprocs-1"
)

// Limits on the settings, so that a typo cannot make a notebook cell run for
// an hour or start thousands of threads.
const (
	MaxTasks     = 64
	MaxTaskTime  = 10 * time.Second
	MaxReps      = 100
	MaxSleepers  = 1000
	MaxIntervals = 20
	// MaxHashMiB bounds the buffers WhatRuns hashes, all of them together:
	// they are all in memory at once.
	MaxHashMiB = 1024
)

// maxprocsMu serialises the measurements that change GOMAXPROCS, which
// belongs to the whole process: two of them at once would undo each other.
var maxprocsMu sync.Mutex

// withMaxProcs runs f with GOMAXPROCS set to p and restores it afterwards,
// even if f panics.
func withMaxProcs(p int, f func()) {
	maxprocsMu.Lock()
	defer maxprocsMu.Unlock()
	prev := runtime.GOMAXPROCS(p)
	defer runtime.GOMAXPROCS(prev)
	f()
}

// newGIL returns a GIL with the given switch interval (0 for the default).
func newGIL(interval time.Duration) (*gil.GIL, error) {
	g := gil.New()
	if interval != 0 {
		if err := g.SetSwitchInterval(interval); err != nil {
			return nil, fmt.Errorf("gilcompare: %w", err)
		}
	}
	return g, nil
}

// checkInterval reports a switch interval [gil.GIL.SetSwitchInterval] would
// refuse; 0 means the default and is fine.
func checkInterval(d time.Duration) error {
	if d < 0 || d > gil.MaxSwitchInterval {
		return fmt.Errorf("gilcompare: switch interval %v must be between 0 (for the default %v) and %v", d, gil.DefaultSwitchInterval, gil.MaxSwitchInterval)
	}
	return nil
}

// orDefault returns d, or def when d is 0.
func orDefault[T comparable](d, def T) T {
	var zero T
	if d == zero {
		return def
	}
	return d
}

// record appends results to store, if there is one, labelled with the
// switch interval when it is not the default.
func record(store *history.Store, interval time.Duration, results []bench.Result) error {
	if store == nil || len(results) == 0 {
		return nil
	}
	label := ""
	if interval != 0 && interval != gil.DefaultSwitchInterval {
		label = "switch interval " + interval.String()
	}
	if err := store.Record(label, results...); err != nil {
		return fmt.Errorf("gilcompare: recording the results: %w", err)
	}
	return nil
}

// Legend returns the name a chart's legend gives a strategy: "Go, emulated
// GIL" for [GILThreads], "Go, no GIL (Go's scheduler)" for [Threads], "CPython" for "cpython-threads", "CPython 3.13t"
// for a free-threaded build's threads, and the strategy itself otherwise.
func Legend(strategy string) string {
	switch strategy {
	case GILThreads:
		return "Go, emulated GIL"
	case Goroutines:
		return "Go, no GIL"
	case Threads:
		// Not "no lock, no wait": with every core busy, a woken thread
		// waits for Go's scheduler to preempt a hog (10–20 ms).
		return "Go, no GIL (Go's scheduler)"
	case MaxProcs1:
		return "Go, GOMAXPROCS=1"
	}
	prefix, rest, ok := strings.Cut(strategy, "-")
	if ok && strings.HasPrefix(prefix, "cpython") && rest == "threads" {
		if v := strings.TrimPrefix(prefix, "cpython"); v != "" {
			return "CPython " + v
		}
		return "CPython"
	}
	return strategy
}

// isPython reports whether a strategy was measured by a Python interpreter.
func isPython(strategy string) bool {
	return strings.HasPrefix(strategy, "cpython") || strings.HasPrefix(strategy, "pypy")
}

// freeThreaded reports whether a Python strategy comes from a free-threaded
// build, whose prefix ends in "t" after its version ("cpython3.13t").
func freeThreaded(strategy string) bool {
	prefix, _, _ := strings.Cut(strategy, "-")
	return isPython(strategy) && strings.HasSuffix(prefix, "t") && strings.ContainsAny(prefix, "0123456789")
}

// fmtMillis writes d in milliseconds for a params map, as short as exact.
func fmtMillis(d time.Duration) string {
	return strconv.FormatFloat(bench.Ms(d), 'f', -1, 64)
}

// times writes a speedup as "1.93×".
func times(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) + "×" }

// param reads an integer or millisecond param, or -1 when it is missing or
// not a number.
func param(r bench.Result, key string) float64 {
	v, err := strconv.ParseFloat(r.Params[key], 64)
	if err != nil {
		return -1
	}
	return v
}
