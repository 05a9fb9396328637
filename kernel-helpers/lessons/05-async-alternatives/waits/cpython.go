package waits

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/source"
)

// PyMaxWaiters bounds the CPython waiters: n threads are n OS threads.
const PyMaxWaiters = 20_000

// PyWaiter is what one kind of CPython waiter cost.
type PyWaiter struct {
	KiB       float64 `json:"kib_each"`    // private memory (USS) per waiter
	CPUus     float64 `json:"cpu_us_each"` // CPU time per waiter, to start, wait and finish
	OSThreads int     `json:"os_threads"`  // the process's OS threads while they waited
}

// PyWaiters is the CPython side: n asyncio tasks, then n threads, each
// waiting on one event.
type PyWaiters struct {
	N                int
	Asyncio, Threads PyWaiter
}

// CPython measures n waiting asyncio tasks and then n waiting threads in
// CPython: private memory (Private_Clean + Private_Dirty of
// /proc/self/smaps_rollup, not RSS, which also counts shared pages), CPU
// time and OS threads.
func CPython(ctx context.Context, in cpython.Interpreter, n int) (PyWaiters, error) {
	if n <= 0 || n > PyMaxWaiters {
		return PyWaiters{}, fmt.Errorf("waits: %d CPython waiters is outside [1, %d]", n, PyMaxWaiters)
	}
	var out struct {
		Result struct {
			N       int      `json:"n"`
			Asyncio PyWaiter `json:"asyncio"`
			Threads PyWaiter `json:"threads"`
		} `json:"result"`
	}
	err := in.RunJSON(ctx, "async_alternatives", map[string]any{"experiment": "waiters", "n": n}, &out)
	return PyWaiters{N: out.Result.N, Asyncio: out.Result.Asyncio, Threads: out.Result.Threads}, err
}

// PythonSource returns a function of the CPython program, to show.
func PythonSource(def string) (string, error) {
	src, err := cpython.Source("async_alternatives")
	if err != nil {
		return "", err
	}
	return source.Python(src, def)
}

// Figures are the figures of claims 003-asyncio-one-thread and
// 003-asyncio-efficient: g and t are the Go goroutine and thread runs of one
// count; py is nil when CPython was not measured.
func Figures(g, t Result, py *PyWaiters) claims.Figures {
	perUs := func(r Result) float64 {
		return float64(r.Overhead()) / float64(time.Microsecond) / float64(max(r.N, 1))
	}
	f := claims.Figures{"n": float64(g.N),
		"go.goroutines.threads": float64(g.Threads), "go.threads.threads": float64(t.Threads),
		"go.goroutines.kib": g.PerWaiter() / 1024, "go.threads.kib": t.PerWaiter() / 1024,
		"go.goroutines.us": perUs(g), "go.threads.us": perUs(t)}
	if py != nil {
		f["n"] = float64(py.N)
		f["cpython.asyncio.threads"], f["cpython.threads.threads"] = float64(py.Asyncio.OSThreads), float64(py.Threads.OSThreads)
		f["cpython.asyncio.kib"], f["cpython.threads.kib"] = py.Asyncio.KiB, py.Threads.KiB
		f["cpython.asyncio.cpu_us"], f["cpython.threads.cpu_us"] = py.Asyncio.CPUus, py.Threads.CPUus
	}
	return f
}
