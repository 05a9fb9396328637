package datarace

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/snippet"
)

// ProcShare is a Go program in which processes race on shared memory: it
// starts -procs copies of itself, each maps the same 8-byte file
// (mmap with MAP_SHARED) and adds 1 to the int64 in it -n times, with a
// plain load-add-store or, with -atomic, an atomic add. It prints the
// count and the expected count. It builds on Linux and other Unix systems.
//
//go:embed procshare.go.txt
var ProcShare string

// ProcLosses are the updates lost by processes sharing one count, per trial.
type ProcLosses struct {
	Processes  int     // processes incrementing at once
	Increments int     // increments each made
	Unsafe     []int64 // lost with the plain load, add, store (Go) or v.value += 1 (CPython)
	Safe       []int64 // lost with the atomic add (Go) or under v.get_lock() (CPython)
	// StartMethod is multiprocessing's start method (CPython only).
	StartMethod string
}

// Expected is the count a trial should reach: processes × increments.
func (p ProcLosses) Expected() int64 { return int64(p.Processes) * int64(p.Increments) }

// GoProcessRace builds [ProcShare] (go build, in a throwaway module) and
// runs it trials times unsafe and trials times atomic, with procs processes
// of increments increments each.
func GoProcessRace(ctx context.Context, procs, increments, trials int) (ProcLosses, error) {
	out := ProcLosses{Processes: procs, Increments: increments}
	if ctx == nil {
		return out, errNilContext
	}
	if err := checkRace("processes", procs, increments, MaxRaceIncrements, trials); err != nil {
		return out, err
	}
	p, err := snippet.New(ProcShare)
	if err != nil {
		return out, fmt.Errorf("datarace: %w", err)
	}
	defer p.Remove()
	if _, err := p.Build(ctx); err != nil {
		return out, fmt.Errorf("datarace: building the shared-memory program: %w", err)
	}
	for range trials {
		for _, atomic := range []bool{false, true} {
			res, err := p.Run(ctx, "-procs", strconv.Itoa(procs), "-n", strconv.Itoa(increments), "-atomic="+strconv.FormatBool(atomic))
			if err != nil {
				return out, fmt.Errorf("datarace: %w", err)
			}
			lost, err := parseProcShare(res)
			if err != nil {
				return out, err
			}
			if atomic {
				out.Safe = append(out.Safe, lost)
			} else {
				out.Unsafe = append(out.Unsafe, lost)
			}
		}
	}
	return out, nil
}

// parseProcShare reads "count expected" from a run of ProcShare.
func parseProcShare(res snippet.Result) (int64, error) {
	f := strings.Fields(res.Output)
	if res.ExitCode != 0 || len(f) != 2 {
		return 0, fmt.Errorf("datarace: the shared-memory program failed (exit %d): %s", res.ExitCode, strings.TrimSpace(res.Output))
	}
	got, err1 := strconv.ParseInt(f[0], 10, 64)
	want, err2 := strconv.ParseInt(f[1], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("datarace: the shared-memory program printed %q: %w", res.Output, err)
	}
	return want - got, nil
}

// PyThreadRace is what CPython threads lost on one shared counter, per
// trial, with the two loops of cpython/py/nb02_race.py.
type PyThreadRace struct {
	Python     PythonInfo `json:"python"`
	Threads    int        `json:"threads"`
	Increments int        `json:"increments"`
	Expected   int64      `json:"expected"`
	Plain      []int64    `json:"plain"` // lost by counter += 1
	Split      []int64    `json:"split"` // lost by v = counter; abs(0); counter = v + 1
}

// PythonInfo is what the course's Python programs say about themselves.
type PythonInfo struct {
	Version    string  `json:"version"`
	GILEnabled bool    `json:"gil_enabled"`
	SwitchMS   float64 `json:"switch_interval_ms"`
}

// PyRaceProgram and PyProcRaceProgram are the CPython programs this
// package runs (cpython.Source shows them).
const (
	PyRaceProgram     = "nb02_race"
	PyProcRaceProgram = "nb02_procrace"
)

// CPythonThreadRace runs nb02_race.py: threads threads, increments each,
// trials trials of each loop.
func CPythonThreadRace(ctx context.Context, py cpython.Interpreter, threads, increments, trials int) (PyThreadRace, error) {
	var out PyThreadRace
	if ctx == nil {
		return out, errNilContext
	}
	if err := checkRace("threads", threads, increments, MaxPyThreadIncrements, trials); err != nil {
		return out, err
	}
	err := py.RunJSON(ctx, PyRaceProgram, map[string]int{"threads": threads, "increments": increments, "trials": trials}, &out)
	if err == nil && (len(out.Plain) != trials || len(out.Split) != trials) {
		err = fmt.Errorf("datarace: %s returned %d and %d trials, not %d", PyRaceProgram, len(out.Plain), len(out.Split), trials)
	}
	return out, err
}

// CPythonProcessRace runs nb02_procrace.py: procs processes racing on a
// multiprocessing.Value, unlocked then under its lock.
func CPythonProcessRace(ctx context.Context, py cpython.Interpreter, procs, increments, trials int) (ProcLosses, error) {
	if ctx == nil {
		return ProcLosses{}, errNilContext
	}
	if err := checkRace("processes", procs, increments, MaxPyProcessIncrements, trials); err != nil {
		return ProcLosses{}, err
	}
	var raw struct {
		StartMethod string  `json:"start_method"`
		Unlocked    []int64 `json:"unlocked"`
		Locked      []int64 `json:"locked"`
	}
	err := py.RunJSON(ctx, PyProcRaceProgram, map[string]int{"processes": procs, "increments": increments, "trials": trials}, &raw)
	if err == nil && (len(raw.Unlocked) != trials || len(raw.Locked) != trials) {
		err = fmt.Errorf("datarace: %s returned %d and %d trials, not %d", PyProcRaceProgram, len(raw.Unlocked), len(raw.Locked), trials)
	}
	return ProcLosses{Processes: procs, Increments: increments, Unsafe: raw.Unlocked, Safe: raw.Locked, StartMethod: raw.StartMethod}, err
}

// Bounds of the race programs: each racer is a process or an OS thread
// (64 of them already share 2 cores here), the increments are a count each
// racer loops over, and each trial reruns the whole program. CPython's
// programs check the same increments bounds themselves: a billion steps of
// CPython is minutes, and its shared Value takes a lock at every step.
const (
	MaxRacers              = 64
	MaxRaceIncrements      = 1 << 32     // Go's processes on shared memory
	MaxPyThreadIncrements  = 100_000_000 // nb02_race.py
	MaxPyProcessIncrements = 10_000_000  // nb02_procrace.py
	MaxRaceTrials          = 100
)

// checkRace checks the sizes of one race program before anything starts.
func checkRace(racers string, n, increments, maxIncrements, trials int) error {
	switch {
	case n < 1 || n > MaxRacers:
		return fmt.Errorf("datarace: %s must be 1 to %d (each is a process or an OS thread), got %d", racers, MaxRacers, n)
	case increments < 0 || increments > maxIncrements:
		return fmt.Errorf("datarace: increments must be 0 to %d (each racer loops over them), got %d", maxIncrements, increments)
	case trials < 1 || trials > MaxRaceTrials:
		return fmt.Errorf("datarace: trials must be 1 to %d (each reruns the program), got %d", MaxRaceTrials, trials)
	}
	return nil
}
