package footprint

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
)

// PyProcess is the average of idle CPython processes started one way.
type PyProcess struct {
	StartMethod string  `json:"start_method"` // fork, forkserver or spawn
	N           int     `json:"n"`
	RSS         float64 `json:"rss_kib"`
	PSS         float64 `json:"pss_kib"`
	Private     float64 `json:"private_kib"`
}

// Py is what py/n04_footprint.py measured, in KiB per idle worker.
type Py struct {
	Threads struct {
		N       int     `json:"n"`
		Private float64 `json:"private_kib"`
	} `json:"threads"`
	// Processes has one entry per start method, the default first: the
	// one claim 002-memory-footprint is judged on.
	Processes []PyProcess `json:"processes"`
}

// Bounds of [CPython]'s settings, the same as py/n04_footprint.py's.
const (
	MaxPyThreads   = 2000
	MaxPyProcesses = 64
)

// StartMethods are multiprocessing's start methods, which [CPython] may
// be given (a Python may lack one; the program says so).
var StartMethods = []string{"fork", "forkserver", "spawn"}

// CPython measures, in python3, the private memory per idle thread (the
// rise in the process's USS with threads idle threads) and per idle
// process (processes of them, started by the default start method, fork on
// Linux before 3.14, then by each other method in methods). A forked child shares its
// parent's pages until either writes to them, so its private memory is far
// less than a spawned child's, which starts a new interpreter.
func CPython(ctx context.Context, py *cpython.Interpreter, threads, processes int, methods []string) (Py, error) {
	var out Py
	if ctx == nil {
		return out, errors.New("footprint: nil context")
	}
	if threads < 1 || threads > MaxPyThreads {
		return out, fmt.Errorf("footprint: CPython: threads %d is outside [1, %d]: each is a real thread of python3", threads, MaxPyThreads)
	}
	if processes < 1 || processes > MaxPyProcesses {
		return out, fmt.Errorf("footprint: CPython: processes %d is outside [1, %d] per start method: each is a python3 process", processes, MaxPyProcesses)
	}
	for _, m := range methods {
		if !slices.Contains(StartMethods, m) {
			return out, fmt.Errorf("footprint: CPython: start method %q is not one of %s", m, strings.Join(StartMethods, ", "))
		}
	}
	if py == nil {
		return out, cpython.ErrNoPython
	}
	if methods == nil {
		methods = []string{}
	}
	err := py.RunJSON(ctx, "n04_footprint", map[string]any{"threads": threads, "processes": processes, "start_methods": methods}, &out)
	if err == nil && len(out.Processes) == 0 {
		err = errors.New("footprint: n04_footprint.py measured no process")
	}
	return out, err
}

// Markdown states the CPython figures in one sentence.
func (p Py) Markdown() string {
	var procs []string
	for _, pr := range p.Processes {
		procs = append(procs, fmt.Sprintf("a process started by %s %s (RSS %s, PSS %s)",
			pr.StartMethod, size(1024*pr.Private), size(1024*pr.RSS), size(1024*pr.PSS)))
	}
	return fmt.Sprintf("**This machine, CPython**, private memory per idle worker: a thread %s (measured with %d); %s.",
		size(1024*p.Threads.Private), p.Threads.N, strings.Join(procs, "; "))
}

// Figures are the figures of claim 002-memory-footprint: the Go points'
// largest counts and, when py is not nil, CPython's thread and its first
// (default start method) process, in KiB.
func Figures(points []Point, py *Py) claims.Figures {
	f := claims.Figures{}
	for kind, p := range Largest(points) {
		key := map[string]string{Goroutine: "go.goroutine.kib", Thread: "go.thread.kib", Process: "go.process.kib"}[kind]
		f[key] = p.Bytes / 1024
	}
	if py != nil && len(py.Processes) > 0 {
		f["cpython.thread.kib"] = py.Threads.Private
		f["cpython.process.kib"] = py.Processes[0].Private
	}
	return f
}
