package asyncio

import (
	"context"
	"fmt"
	"time"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/workloads/latency"
)

// PyFailure is what one CPython way of running a failing batch did: how
// many of the other tasks completed after the failure, and how many were
// cancelled.
type PyFailure struct {
	RaisedAfter float64 `json:"raised_after_s"`
	Completed   int     `json:"completed_after"`
	Cancelled   int     `json:"cancelled"`
	Others      int     `json:"others"`
}

// PyGather is the CPython side of the failing batch: asyncio.gather, and
// asyncio.TaskGroup when the Python has it (3.11+; nil otherwise).
type PyGather struct {
	N         int
	Gather    PyFailure
	TaskGroup *PyFailure
}

// CPythonGather runs n asyncio tasks of lat each, one of which fails after
// failAfter, under asyncio.gather and under asyncio.TaskGroup, then waits
// two latencies more and counts the others that completed.
func CPythonGather(ctx context.Context, in cpython.Interpreter, n int, lat, failAfter time.Duration) (PyGather, error) {
	switch {
	case n < 2 || n > MaxPages:
		return PyGather{}, fmt.Errorf("asyncio: CPythonGather n %d is outside [2, %d] (one task fails, the others are counted)", n, MaxPages)
	case lat <= 0 || lat > latency.MaxLatency:
		return PyGather{}, fmt.Errorf("asyncio: CPythonGather latency %v is outside (0, %v]", lat, latency.MaxLatency)
	case failAfter <= 0 || failAfter >= lat:
		return PyGather{}, fmt.Errorf("asyncio: CPythonGather failAfter %v must be positive and shorter than the latency %v (the failure comes first)", failAfter, lat)
	}
	var out struct {
		Result struct {
			N         int        `json:"n"`
			Gather    PyFailure  `json:"gather"`
			TaskGroup *PyFailure `json:"taskgroup"`
		} `json:"result"`
	}
	err := in.RunJSON(ctx, "async_alternatives", map[string]any{"experiment": "gather", "n": n,
		"latency_s": lat.Seconds(), "fail_s": failAfter.Seconds()}, &out)
	return PyGather{N: out.Result.N, Gather: out.Result.Gather, TaskGroup: out.Result.TaskGroup}, err
}

// Markdown says what CPython did, with the figures.
func (p PyGather) Markdown() string {
	s := fmt.Sprintf("**CPython:** asyncio.gather raised the error after %.3g ms; %d of the %d other tasks then completed and %d were cancelled: "+
		"gather does not cancel them.", 1000*p.Gather.RaisedAfter, p.Gather.Completed, p.Gather.Others, p.Gather.Cancelled)
	if p.TaskGroup == nil {
		return s + " asyncio.TaskGroup, which cancels them, needs Python 3.11."
	}
	return s + fmt.Sprintf(" asyncio.TaskGroup raised after %.3g ms, having cancelled %d and awaited them; %d completed.",
		1000*p.TaskGroup.RaisedAfter, p.TaskGroup.Cancelled, p.TaskGroup.Completed)
}

// GatherFigures are the figures of claim 003-asyncio-gather; py is nil when
// CPython was not measured.
func GatherFigures(g TaskGroupReport, py *PyGather) claims.Figures {
	f := claims.Figures{"n": float64(g.Pages + 1), "go.taskgroup.answered": float64(g.Answered)}
	if py != nil {
		f["n"] = float64(py.N)
		f["cpython.gather.completed"], f["cpython.gather.cancelled"] = float64(py.Gather.Completed), float64(py.Gather.Cancelled)
		if py.TaskGroup != nil {
			f["cpython.taskgroup.completed"], f["cpython.taskgroup.cancelled"] = float64(py.TaskGroup.Completed), float64(py.TaskGroup.Cancelled)
		}
	}
	return f
}

// FetchReport is the same pages fetched every way: seconds for all of them.
type FetchReport struct {
	Pages   int
	Latency time.Duration
	// Go: one after the other, and a goroutine each (TaskGroup).
	GoSequential, GoGoroutines float64
	// CPython (0 when not measured): one after the other with http.client,
	// one thread each, and asyncio streams under asyncio.gather.
	PySequential, PyThreads, PyAsyncio float64
	Python                             bool
}

// Fetch starts a server that holds every page lat and fetches pages pages
// from it one after the other and concurrently in Go, then, when in is
// not nil, the same pages in CPython: one after the other, a thread each
// and with asyncio.
func Fetch(ctx context.Context, in *cpython.Interpreter, pages int, lat time.Duration) (FetchReport, error) {
	if err := checkPages(ctx, pages, lat); err != nil {
		return FetchReport{}, err
	}
	srv, err := latency.Start(latency.Options{Latency: lat})
	if err != nil {
		return FetchReport{}, err
	}
	defer srv.Close()
	r := FetchReport{Pages: pages, Latency: lat}
	urls := srv.URLs(pages)
	start := time.Now()
	if _, err := latency.FetchAll(ctx, urls, 1); err != nil {
		return r, err
	}
	r.GoSequential = time.Since(start).Seconds()
	start = time.Now()
	if _, err := TaskGroup(ctx, Fetches(srv.Client(), urls)...); err != nil {
		return r, err
	}
	r.GoGoroutines = time.Since(start).Seconds()
	if in == nil {
		return r, nil
	}
	var out struct {
		Result struct {
			Sequential float64 `json:"sequential_s"`
			Threads    float64 `json:"threads_s"`
			Asyncio    float64 `json:"asyncio_s"`
		} `json:"result"`
	}
	if err := in.RunJSON(ctx, "async_alternatives", map[string]any{"experiment": "fetch", "urls": urls}, &out); err != nil {
		return r, err
	}
	r.PySequential, r.PyThreads, r.PyAsyncio, r.Python = out.Result.Sequential, out.Result.Threads, out.Result.Asyncio, true
	return r, nil
}

// Table returns a header and one row per way of fetching.
func (r FetchReport) Table() ([]string, [][]string) {
	row := func(lang, how string, s float64) []string {
		return []string{lang, how, fmt.Sprintf("%.3g s", s), fmt.Sprintf("%.3g", s/r.Latency.Seconds())}
	}
	rows := [][]string{row("Go", "one after the other", r.GoSequential), row("Go", "a goroutine each", r.GoGoroutines)}
	if r.Python {
		rows = append(rows, row("CPython", "one after the other", r.PySequential), row("CPython", "a thread each", r.PyThreads),
			row("CPython", "asyncio", r.PyAsyncio))
	}
	return []string{"", fmt.Sprintf("%d pages of %v", r.Pages, r.Latency), "took", "in latencies"}, rows
}

// Figures are the figures of claim 003-io-fetch-concurrent.
func (r FetchReport) Figures() claims.Figures {
	f := claims.Figures{"pages": float64(r.Pages), "go.sequential.s": r.GoSequential, "go.goroutines.s": r.GoGoroutines}
	if r.Python {
		f["cpython.sequential.s"], f["cpython.threads.s"], f["cpython.asyncio.s"] = r.PySequential, r.PyThreads, r.PyAsyncio
	}
	return f
}
