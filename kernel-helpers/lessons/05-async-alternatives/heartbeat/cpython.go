package heartbeat

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/source"
)

// PyBeat is one CPython run: how late the worst tick ran and how long the
// hog computed.
type PyBeat struct {
	Worst, Hog time.Duration
}

// PyResult is the CPython side: the heartbeat and the hog as asyncio tasks
// on one event loop, then as two threads.
type PyResult struct {
	Asyncio, Threads PyBeat
}

// CPython runs a heartbeat every beat beside a hog of about hog, as asyncio
// tasks and then as threads, in CPython.
func CPython(ctx context.Context, in cpython.Interpreter, beat, hog time.Duration) (PyResult, error) {
	if beat <= 0 || hog <= 0 || hog > MaxSpan || hog/4 < beat { // hog/4: 4*beat can overflow
		return PyResult{}, fmt.Errorf("heartbeat: beat %v and hog %v must be positive, the hog at least 4 beats and at most %v", beat, hog, MaxSpan)
	}
	type run struct {
		Worst float64 `json:"worst_s"`
		Hog   float64 `json:"hog_s"`
	}
	var out struct {
		Result struct {
			Asyncio run `json:"asyncio"`
			Threads run `json:"threads"`
		} `json:"result"`
	}
	err := in.RunJSON(ctx, "async_alternatives", map[string]any{"experiment": "heartbeat", "beat_s": beat.Seconds(), "hog_s": hog.Seconds()}, &out)
	sec := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	r := out.Result
	return PyResult{Asyncio: PyBeat{sec(r.Asyncio.Worst), sec(r.Asyncio.Hog)}, Threads: PyBeat{sec(r.Threads.Worst), sec(r.Threads.Hog)}}, err
}

// PythonSource returns a function of the CPython program, to show.
func PythonSource(def string) (string, error) {
	src, err := cpython.Source("async_alternatives")
	if err != nil {
		return "", err
	}
	return source.Python(src, def)
}

// Figures are the figures of claim 002-threads-responsive-ui; py is nil
// when CPython was not measured. The hog's target is loop's HogTime.
func Figures(loop, goroutines Result, py *PyResult) claims.Figures {
	f := claims.Figures{"go.loop.worst_ms": bench.Ms(loop.Worst()), "go.goroutines.worst_ms": bench.Ms(goroutines.Worst()), "go.hog_ms": bench.Ms(loop.Hog())}
	if loop.Options.HogTime > 0 {
		f["hog_target_ms"] = bench.Ms(loop.Options.HogTime)
	}
	if py != nil {
		f["cpython.asyncio.worst_ms"], f["cpython.threads.worst_ms"] = bench.Ms(py.Asyncio.Worst), bench.Ms(py.Threads.Worst)
		f["cpython.hog_ms"] = bench.Ms(py.Asyncio.Hog)
	}
	return f
}
