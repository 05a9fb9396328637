package gilcompare

import (
	"context"
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/source"
)

// The figures behind the tutorials' claims about the GIL (package claims,
// notebook "03-gil"): each function here turns one cell's measurement into
// the [claims.Figures] its claims are judged on.

//go:embed claims.go
var files embed.FS

// Source returns the Go source of one of this file's functions, for the
// notebook to show beside the Python.
func Source(name string) (string, error) { return source.Go(files, name) }

// ClaimsProgram is the course's Python program for these experiments
// (cpython/py/gil_claims.py); show it with [cpython.Source].
const ClaimsProgram = "gil_claims"

// CPUFigures reads the figures of claims 000-no-cpu-gain, 003-same-or-worse,
// 000-own-gil and 004-slow from the results of [CPU].
func CPUFigures(results []bench.Result) claims.Figures {
	f := claims.Figures{"cores": float64(runtime.GOMAXPROCS(0))}
	for _, r := range results {
		sec := r.Median().Seconds()
		if r.Median() <= 0 {
			continue
		}
		tasks, n := param(r, "tasks"), param(r, "n")
		if tasks > 0 {
			f["tasks"] = tasks
		}
		perStep := func() float64 { return 1e9 * sec / (tasks * n) }
		switch {
		case r.Strategy == Sequential:
			f["go.seq.s"] = sec
			if tasks > 0 && n > 0 {
				f["go.ns_per_step"] = perStep()
			}
		case r.Strategy == GILThreads:
			f["go.gil.s"] = sec
		case r.Strategy == Goroutines:
			f["go.goroutines.s"] = sec
		case freeThreaded(r.Strategy):
			_, kind, _ := strings.Cut(r.Strategy, "-")
			f["cpython.ft."+short(kind)+".s"] = sec
		case isPython(r.Strategy):
			_, kind, _ := strings.Cut(r.Strategy, "-")
			f["cpython."+short(kind)+".s"] = sec
			if kind == cpython.Sequential && tasks > 0 && n > 0 {
				f["cpython.ns_per_step"] = perStep()
			}
		}
	}
	if f.Has("go.seq.s", "tasks") {
		f["task.ms"] = 1000 * f["go.seq.s"] / f["tasks"] // what each task was sized to
	}
	return f
}

func short(kind string) string {
	if kind == cpython.Sequential {
		return "seq"
	}
	return kind
}

// SweepFigures reads the figures of claim 000-ops-or-time from the results
// of [Sweep]: the shortest and the longest interval, and the sleeper's median
// wait beyond its sleep at each, in CPython with a GIL and under the emulated GIL.
func SweepFigures(results []bench.Result) claims.Figures {
	f := claims.Figures{"cores": float64(runtime.GOMAXPROCS(0))}
	put := func(prefix string, pts []bench.Result) {
		if len(pts) < 2 {
			return
		}
		for end, r := range map[string]bench.Result{"lo": pts[0], "hi": pts[len(pts)-1]} {
			f[prefix+".sweep."+end+".interval_ms"] = param(r, "switch_interval_ms")
			f[prefix+".sweep."+end+".extra_ms"] = bench.Ms(r.Median()) - param(r, "sleep_ms")
		}
	}
	put("go.gil", sweepPoints(results, GILThreads))
	for _, py := range pythonThreads(results) {
		if !freeThreaded(py) {
			put("cpython", sweepPoints(results, py))
			break
		}
	}
	return f
}

// WhatRunsConfig says what [WhatRuns] measures. The zero value hashes 64 MiB
// on each of 2 threads, counts for 100 ms on each, and runs tutorial 003's
// print-and-sleep threads with 10 steps of 10 ms, 3 timed times each.
type WhatRunsConfig struct {
	// Tasks is the number of threads (and of buffers, and of counting
	// tasks); 0 means 2.
	Tasks int
	// HashMiB is each buffer's size: far above the 2 KiB from which
	// hashlib releases the GIL. 0 means 64.
	HashMiB int
	// TaskTime is one counting task's time; 0 means 100 ms.
	TaskTime time.Duration
	// Sleep is one sleep of print_numbers and print_letters (1 s in the
	// tutorial); 0 means 10 ms. Steps is how many each takes (10 in the
	// tutorial); 0 means 10.
	Sleep time.Duration
	Steps int
	// Reps is the timed repetitions; 0 means 3.
	Reps int
}

// WhatRuns measures whether threads run at once depending on what they run:
// hashing large buffers (C code that releases the GIL) and counting in
// Python, each on Tasks threads against one after another, and tutorial
// 003's print_numbers and print_letters on two threads; in Go, the hashing
// on goroutines. It returns the figures of claims 001-one-thread and
// 003-simultaneously; without python3 only the Go side.
func WhatRuns(ctx context.Context, cfg WhatRunsConfig) (claims.Figures, error) {
	if ctx == nil {
		return nil, errors.New("gilcompare: WhatRuns needs a context, got nil")
	}
	cfg.Tasks = orDefault(cfg.Tasks, 2)
	cfg.HashMiB = orDefault(cfg.HashMiB, 64)
	cfg.TaskTime = orDefault(cfg.TaskTime, 100*time.Millisecond)
	cfg.Sleep = orDefault(cfg.Sleep, 10*time.Millisecond)
	cfg.Steps = orDefault(cfg.Steps, 10)
	cfg.Reps = orDefault(cfg.Reps, 3)
	switch {
	case cfg.Tasks < 1 || cfg.Tasks > MaxTasks:
		return nil, fmt.Errorf("gilcompare: WhatRuns: Tasks must be between 1 and %d, got %d", MaxTasks, cfg.Tasks)
	case cfg.HashMiB < 1 || cfg.HashMiB > MaxHashMiB:
		return nil, fmt.Errorf("gilcompare: WhatRuns: HashMiB must be between 1 and %d, got %d", MaxHashMiB, cfg.HashMiB)
	case cfg.Tasks*cfg.HashMiB > MaxHashMiB:
		return nil, fmt.Errorf("gilcompare: WhatRuns: Tasks %d × HashMiB %d is %d MiB to hash in all, more than %d: every buffer is held in memory at once",
			cfg.Tasks, cfg.HashMiB, cfg.Tasks*cfg.HashMiB, MaxHashMiB)
	case cfg.TaskTime < 0 || cfg.TaskTime > MaxTaskTime:
		return nil, fmt.Errorf("gilcompare: WhatRuns: TaskTime must be between 0 (for 100ms) and %v, got %v", MaxTaskTime, cfg.TaskTime)
	case cfg.Sleep < 0 || cfg.Sleep > time.Second:
		return nil, fmt.Errorf("gilcompare: WhatRuns: Sleep must be between 0 (for 10ms) and 1s, got %v", cfg.Sleep)
	case cfg.Steps < 1 || cfg.Steps > 10:
		return nil, fmt.Errorf("gilcompare: WhatRuns: Steps must be between 1 and 10 (the tutorial's count), got %d", cfg.Steps)
	case cfg.Reps < 1 || cfg.Reps > MaxReps:
		return nil, fmt.Errorf("gilcompare: WhatRuns: Reps must be between 1 and %d, got %d", MaxReps, cfg.Reps)
	}
	f := claims.Figures{"cores": float64(runtime.GOMAXPROCS(0)), "tasks": float64(cfg.Tasks)}
	bufs := make([][]byte, cfg.Tasks)
	for i := range bufs {
		bufs[i] = make([]byte, cfg.HashMiB<<20)
		for j := range bufs[i] {
			bufs[i][j] = byte(i)
		}
	}
	f["go.hash.seq.s"] = medianSeconds(cfg.Reps, func() { HashSequential(bufs) })
	f["go.hash.goroutines.s"] = medianSeconds(cfg.Reps, func() { HashGoroutines(bufs) })

	py, err := python3(ctx)
	if err != nil || py == nil {
		return f, err
	}
	var out struct {
		Parts map[string]struct {
			Sequential []float64 `json:"sequential"`
			Threads    []float64 `json:"threads"`
			CPU        float64   `json:"cpu_s"`
		} `json:"parts"`
	}
	if err := py.RunJSON(ctx, ClaimsProgram, map[string]any{
		"parts": []string{"hash", "count", "waits"}, "tasks": cfg.Tasks, "hash_mib": cfg.HashMiB,
		"target_ms": bench.Ms(cfg.TaskTime), "sleep_ms": bench.Ms(cfg.Sleep), "steps": cfg.Steps, "reps": cfg.Reps,
	}, &out); err != nil {
		return f, fmt.Errorf("gilcompare: WhatRuns: %w", err)
	}
	for name, p := range out.Parts {
		f["cpython."+name+".seq.s"] = median(p.Sequential)
		f["cpython."+name+".threads.s"] = median(p.Threads)
		if name == "waits" {
			f["cpython.waits.cpu_s"] = p.CPU
		}
	}
	return f, nil
}

// HashSequential hashes each buffer with SHA-256, one after another.
func HashSequential(bufs [][]byte) {
	for _, b := range bufs {
		sha256.Sum256(b)
	}
}

// HashGoroutines hashes each buffer with SHA-256 on a goroutine of its own:
// Go has no GIL to release, so they run on every core at once.
func HashGoroutines(bufs [][]byte) {
	var wg sync.WaitGroup
	for _, b := range bufs {
		wg.Go(func() { sha256.Sum256(b) })
	}
	wg.Wait()
}

// IOConfig says what [IO] measures: Sleepers sleeps of Sleep (the I/O
// waits), and Samples sleeps of Nap beside 0 and 1 CPU-bound thread (the
// reacquiring), at the switch interval Interval (0: CPython's default).
type IOConfig struct {
	Sleepers int
	Sleep    time.Duration
	Nap      time.Duration
	Samples  int
	Reps     int
	Interval time.Duration
}

// IOResult is what [IO] measured: the sleeps as [Sleeps] returns them plus
// CPython's ("cpython-sequential", "cpython-threads"), for [SleepPlot], and
// the figures of claim 001-io-release.
type IOResult struct {
	Results []bench.Result
	Figures claims.Figures
}

// IO measures whether the GIL is released during I/O and what it costs to
// take it back: Sleepers sleeps one after another and on one thread each,
// in Go (sequential, emulated GIL, goroutines: [Sleeps]) and in python3;
// then a short sleep's time until its thread runs again, alone and beside a
// CPU-bound thread, under the emulated GIL, without one, and in python3.
// Unlike the emulated GIL, which releases around a sleep because it was
// written to, CPython's figures can say no.
func IO(ctx context.Context, cfg IOConfig) (IOResult, error) {
	if ctx == nil {
		return IOResult{}, errors.New("gilcompare: IO needs a context, got nil")
	}
	cfg.Sleepers = orDefault(cfg.Sleepers, 8)
	cfg.Sleep = orDefault(cfg.Sleep, 50*time.Millisecond)
	cfg.Nap = orDefault(cfg.Nap, time.Millisecond)
	cfg.Samples = orDefault(cfg.Samples, 20)
	cfg.Reps = orDefault(cfg.Reps, 3)
	interval := orDefault(cfg.Interval, gil.DefaultSwitchInterval)
	// Nap and Samples go to Convoy, whose errors would call Nap "Sleep".
	switch {
	case cfg.Nap < 0 || cfg.Nap > gil.MaxConvoySleep:
		return IOResult{}, fmt.Errorf("gilcompare: IO: Nap must be between 0 (for 1ms) and %v, got %v", gil.MaxConvoySleep, cfg.Nap)
	case cfg.Samples < 1 || cfg.Samples > gil.MaxConvoySamples:
		return IOResult{}, fmt.Errorf("gilcompare: IO: Samples must be between 1 and %d, got %d", gil.MaxConvoySamples, cfg.Samples)
	}
	res, err := Sleeps(ctx, SleepConfig{Sleepers: cfg.Sleepers, Sleep: cfg.Sleep, Reps: cfg.Reps, Interval: cfg.Interval})
	if err != nil {
		return IOResult{}, err
	}
	conv, err := Convoy(ctx, ConvoyConfig{Hogs: []int{1}, Interval: cfg.Interval, Sleep: cfg.Nap, Samples: cfg.Samples})
	if err != nil {
		return IOResult{}, err
	}
	f := claims.Figures{"cores": float64(runtime.GOMAXPROCS(0)), "sleepers": float64(cfg.Sleepers),
		"sleep.ms": bench.Ms(cfg.Nap), "interval.ms": bench.Ms(interval)}
	for _, r := range res {
		if r.Strategy == GILThreads {
			f["go.gil.io.threads.s"] = r.Median().Seconds()
		}
	}
	for _, r := range conv {
		key := map[string]string{GILThreads: "go.gil.wake1.ms", Threads: "go.wake1.ms"}[r.Strategy]
		if key != "" {
			f[key] = bench.Ms(r.Median())
		}
	}
	py, err := python3(ctx)
	if err != nil || py == nil {
		return IOResult{Results: res, Figures: f}, err
	}
	var out struct {
		Parts map[string]struct {
			Sequential []float64 `json:"sequential"`
			Threads    []float64 `json:"threads"`
		} `json:"parts"`
	}
	if err := py.RunJSON(ctx, ClaimsProgram, map[string]any{
		"parts": []string{"sleeps"}, "tasks": cfg.Sleepers, "sleep_ms": bench.Ms(cfg.Sleep), "reps": cfg.Reps,
	}, &out); err != nil {
		return IOResult{}, fmt.Errorf("gilcompare: IO: %w", err)
	}
	p := out.Parts["sleeps"]
	f["cpython.io.seq.s"], f["cpython.io.threads.s"] = median(p.Sequential), median(p.Threads)
	params := res[0].Params
	for strategy, samples := range map[string][]float64{py.Prefix() + "-" + cpython.Sequential: p.Sequential, py.Prefix() + "-" + cpython.Threads: p.Threads} {
		r := bench.Result{Name: SleepName, Strategy: strategy, Workers: cfg.Sleepers, Params: params}
		for _, s := range samples {
			r.Samples = append(r.Samples, time.Duration(s*float64(time.Second)))
		}
		res = append(res, r)
	}
	wakes, err := py.Convoy(ctx, cpython.ConvoyConfig{Hogs: []int{0, 1}, SwitchIntervals: []time.Duration{interval}, Sleep: cfg.Nap, Samples: cfg.Samples})
	if err != nil {
		return IOResult{}, fmt.Errorf("gilcompare: IO: %w", err)
	}
	for _, r := range wakes {
		f["cpython.wake"+r.Params["hogs"]+".ms"] = bench.Ms(r.Median())
	}
	return IOResult{Results: res, Figures: f}, nil
}

// VersionsConfig says what [Versions] measures: Tasks counting tasks of
// TaskTime (0: one per core, 100 ms), Reps times (0: 3).
type VersionsConfig struct {
	Tasks    int
	TaskTime time.Duration
	Reps     int
}

// VersionsResult is what [Versions] found: one Markdown line per way of
// running Python code on several cores that this machine has or lacks, and
// the figures of claims 003-redesign and 004-a-must.
type VersionsResult struct {
	Markdown string
	Figures  claims.Figures
}

// Versions looks at the Pythons here: python3's version and what it offers
// besides processes (a per-interpreter GIL from 3.12, PEP 684;
// InterpreterPoolExecutor from 3.14, PEP 734, which it runs if present), and
// every free-threaded build (PEP 703, 3.13t), whose threads it runs. It also
// times processes against one after another in python3.
func Versions(ctx context.Context, cfg VersionsConfig) (VersionsResult, error) {
	if ctx == nil {
		return VersionsResult{}, errors.New("gilcompare: Versions needs a context, got nil")
	}
	cfg.Tasks = orDefault(cfg.Tasks, min(runtime.GOMAXPROCS(0), MaxTasks))
	cfg.TaskTime = orDefault(cfg.TaskTime, 100*time.Millisecond)
	cfg.Reps = orDefault(cfg.Reps, 3)
	switch {
	case cfg.Tasks < 1 || cfg.Tasks > MaxTasks:
		return VersionsResult{}, fmt.Errorf("gilcompare: Versions: Tasks must be between 1 and %d, got %d", MaxTasks, cfg.Tasks)
	case cfg.TaskTime < 0 || cfg.TaskTime > MaxTaskTime:
		return VersionsResult{}, fmt.Errorf("gilcompare: Versions: TaskTime must be between 0 (for 100ms) and %v, got %v", MaxTaskTime, cfg.TaskTime)
	case cfg.Reps < 1 || cfg.Reps > MaxReps:
		return VersionsResult{}, fmt.Errorf("gilcompare: Versions: Reps must be between 1 and %d, got %d", MaxReps, cfg.Reps)
	}
	f := claims.Figures{"cores": float64(runtime.GOMAXPROCS(0)), "task.ms": bench.Ms(cfg.TaskTime)}
	found, err := findPython(ctx, true)
	if err != nil {
		return VersionsResult{}, err
	}
	if len(found) == 0 {
		return VersionsResult{Markdown: "No usable python3: nothing to look at.", Figures: f}, nil
	}
	var lines []string
	f["cpython.ft"] = 0
	for _, py := range found {
		if py.FreeThreaded {
			rs, err := py.Strategies(ctx, cpython.StrategiesConfig{Target: cfg.TaskTime, Tasks: cfg.Tasks,
				Strategies: []string{cpython.Sequential, cpython.Threads}, Reps: cfg.Reps})
			if err != nil {
				return VersionsResult{}, fmt.Errorf("gilcompare: Versions: %w", err)
			}
			f["cpython.ft"], f["cpython.ft.speedup"] = 1, speedupOf(rs, cpython.Threads)
			lines = append(lines, fmt.Sprintf("- `%s`: free-threaded (PEP 703): %d counting threads ran %s as fast as one after another", py.Name, cfg.Tasks, times(f["cpython.ft.speedup"])))
			continue
		}
		var out struct {
			Parts struct {
				Features struct {
					Minor          int  `json:"minor"`
					PerInterpGIL   bool `json:"per_interpreter_gil"`
					InterpreterPol bool `json:"interpreter_pool"`
				} `json:"features"`
				Interpreters struct {
					Available  bool      `json:"available"`
					Error      string    `json:"error"`
					Sequential []float64 `json:"sequential"`
					Pool       []float64 `json:"pool"`
				} `json:"interpreters"`
			} `json:"parts"`
		}
		if err := py.RunJSON(ctx, ClaimsProgram, map[string]any{"parts": []string{"features", "interpreters"},
			"tasks": cfg.Tasks, "target_ms": bench.Ms(cfg.TaskTime), "reps": cfg.Reps}, &out); err != nil {
			return VersionsResult{}, fmt.Errorf("gilcompare: Versions: %w", err)
		}
		ft, ip := out.Parts.Features, out.Parts.Interpreters
		f["cpython.minor"] = float64(ft.Minor)
		rs, err := py.Strategies(ctx, cpython.StrategiesConfig{Target: cfg.TaskTime, Tasks: cfg.Tasks,
			Strategies: []string{cpython.Sequential, cpython.Processes}, Reps: cfg.Reps})
		if err != nil {
			return VersionsResult{}, fmt.Errorf("gilcompare: Versions: %w", err)
		}
		f["cpython.processes.speedup"] = speedupOf(rs, cpython.Processes)
		lines = append(lines, fmt.Sprintf("- `%s` %s: %d processes ran %s as fast as one after another", py.Name, py.Version, cfg.Tasks, times(f["cpython.processes.speedup"])))
		if ft.PerInterpGIL {
			lines = append(lines, "- a GIL per interpreter (PEP 684): yes, from 3.12")
		} else {
			lines = append(lines, fmt.Sprintf("- a GIL per interpreter (PEP 684): no, it comes with 3.12 (this is 3.%d)", ft.Minor))
		}
		f["cpython.interp_pool"] = 0
		switch {
		case ip.Available && ip.Error == "" && len(ip.Pool) > 0:
			f["cpython.interp_pool"], f["cpython.interp_pool.speedup"] = 1, median(ip.Sequential)/median(ip.Pool)
			lines = append(lines, fmt.Sprintf("- `InterpreterPoolExecutor` (PEP 734): %d tasks ran %s as fast as one after another", cfg.Tasks, times(f["cpython.interp_pool.speedup"])))
		case ip.Available:
			lines = append(lines, "- `InterpreterPoolExecutor` (PEP 734) is there but failed: "+ip.Error)
		default:
			lines = append(lines, "- `InterpreterPoolExecutor` (PEP 734): no, it comes with 3.14")
		}
	}
	if f["cpython.ft"] == 0 {
		lines = append(lines, fmt.Sprintf("- a free-threaded build (PEP 703; `python3.13t` from 3.13): none found among %s", strings.Join(cpython.Candidates[1:], ", ")))
	}
	return VersionsResult{Markdown: "**Ways to run Python code on several cores, on this machine:**\n\n" + strings.Join(lines, "\n"), Figures: f}, nil
}

// python3 returns the first Python with a GIL [cpython.Find] finds, or nil
// without an error when there is none.
func python3(ctx context.Context) (*cpython.Interpreter, error) {
	found, err := findPython(ctx, true)
	if err != nil {
		return nil, err
	}
	for _, in := range found {
		if !in.FreeThreaded {
			return &in, nil
		}
	}
	return nil, nil
}

// medianSeconds runs f once to warm up, then reps times, and returns the
// median time in seconds.
func medianSeconds(reps int, f func()) float64 {
	f()
	s := make([]float64, reps)
	for i := range s {
		start := time.Now()
		f()
		s[i] = time.Since(start).Seconds()
	}
	return median(s)
}

// median returns the median of xs, NaN for none (a figure the judges treat
// as missing).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return nan()
	}
	return bench.Median(xs)
}

func nan() float64 { return math.NaN() }

// speedupOf returns the speedup of the Python strategy kind over the same
// interpreter's sequential run among rs, NaN when either is missing.
func speedupOf(rs []bench.Result, kind string) float64 {
	var seq, other *bench.Result
	for i, r := range rs {
		switch {
		case strings.HasSuffix(r.Strategy, "-"+cpython.Sequential):
			seq = &rs[i]
		case strings.HasSuffix(r.Strategy, "-"+kind):
			other = &rs[i]
		}
	}
	if seq == nil || other == nil {
		return nan()
	}
	return bench.Speedup(*seq, *other)
}
