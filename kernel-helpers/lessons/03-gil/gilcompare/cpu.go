package gilcompare

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/kernel-helpers/progress"
	"concurrencylab/workloads"

	"gonum.org/v1/plot/vg"
)

// Gain is the speedup from which the course says a strategy gained from
// running tasks at once: a quarter faster than one after another. Below
// it, the difference is within what a busy machine makes of two runs of the
// same thing.
const Gain = 1.25

// CPUConfig says what [CPU] measures. The zero value runs 4 counting tasks
// of about 100 ms each, 5 timed times per strategy, with CPython's default
// switch interval and no CPython.
type CPUConfig struct {
	// Tasks is how many CPU-bound tasks run, one thread, goroutine or
	// process each; 0 means 4.
	Tasks int
	// TaskTime is one task's time on one core; Go and Python each calibrate
	// their loop count to it. 0 means 100 ms.
	TaskTime time.Duration
	// Reps is the timed repetitions of each strategy, after a warm-up;
	// 0 means [bench.DefaultReps].
	Reps int
	// Interval is the emulated GIL's switch interval; 0 means
	// [gil.DefaultSwitchInterval]. CPython keeps its own default.
	Interval time.Duration
	// Python also runs the tasks in every Python [cpython.Find] finds:
	// sequentially, on threads and on processes (a free-threaded build on
	// threads only). Without a usable Python the Go side runs alone.
	Python bool
	// History, when not nil, receives the results.
	History *history.Store
}

func (c CPUConfig) withDefaults() (CPUConfig, error) {
	c.Tasks = orDefault(c.Tasks, 4)
	c.TaskTime = orDefault(c.TaskTime, 100*time.Millisecond)
	c.Reps = orDefault(c.Reps, bench.DefaultReps)
	switch {
	case c.Tasks < 1 || c.Tasks > MaxTasks:
		return c, fmt.Errorf("gilcompare: CPU: Tasks must be between 1 and %d, got %d", MaxTasks, c.Tasks)
	case c.TaskTime < 0 || c.TaskTime > MaxTaskTime:
		return c, fmt.Errorf("gilcompare: CPU: TaskTime must be between 0 (for 100ms) and %v, got %v", MaxTaskTime, c.TaskTime)
	case c.Reps < 1 || c.Reps > MaxReps:
		return c, fmt.Errorf("gilcompare: CPU: Reps must be between 1 and %d, got %d", MaxReps, c.Reps)
	}
	return c, checkInterval(c.Interval)
}

// CPU runs cfg.Tasks counting tasks ([workloads.CountTo], the tutorials'
// "while i < n: i += 1") one after another ([Sequential]), on one goroutine
// each ([Goroutines]) and on one OS thread each under an emulated GIL
// ([GILThreads]), then, with cfg.Python, the same in CPython: "sequential",
// "threads" and "processes" after the interpreter's prefix.
//
// The Go strategies take turns repetition by repetition, as the Python
// program does, so that a moment when the machine is busy slows all of them
// alike. The results are named [CPUName], with params "n" (each side's own
// loop count) and "tasks". While it runs, a notebook shows a progress bar.
//
// Bad settings return an error before anything runs.
func CPU(ctx context.Context, cfg CPUConfig) ([]bench.Result, error) {
	if ctx == nil {
		return nil, errors.New("gilcompare: CPU needs a context, got nil")
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	pys, err := findPython(ctx, cfg.Python)
	if err != nil {
		return nil, err
	}
	bar := progress.New(fmt.Sprintf("%d CPU-bound tasks: Go, then %d Python", cfg.Tasks, len(pys)), 1+cfg.Reps+len(pys))
	defer bar.Done()

	results, err := goCPU(ctx, cfg, bar)
	if err != nil {
		return nil, err
	}
	for _, py := range pys {
		strategies := []string{cpython.Sequential, cpython.Threads, cpython.Processes}
		if py.FreeThreaded {
			strategies = strategies[:2]
		}
		rs, err := py.Strategies(ctx, cpython.StrategiesConfig{
			Workload: cpython.Count, Target: cfg.TaskTime, Tasks: cfg.Tasks,
			Strategies: strategies, Reps: cfg.Reps,
		})
		if err != nil {
			return nil, fmt.Errorf("gilcompare: CPU in %v: %w", py, err)
		}
		for i := range rs {
			rs[i].Name = CPUName
		}
		results = append(results, rs...)
		bar.Add(1)
	}
	return results, record(cfg.History, cfg.Interval, results)
}

// goCPU is the Go half of [CPU].
func goCPU(ctx context.Context, cfg CPUConfig, bar *progress.Bar) ([]bench.Result, error) {
	n, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, cfg.TaskTime)
	if err != nil {
		return nil, fmt.Errorf("gilcompare: CPU: %w", err)
	}
	g, err := newGIL(cfg.Interval)
	if err != nil {
		return nil, err
	}
	gilTasks := slices.Repeat([]gil.Task{gil.CountTask(n)}, cfg.Tasks)
	type strategy struct {
		name    string
		workers int
		run     func() error
	}
	strategies := []strategy{
		{Sequential, 1, func() error {
			for range cfg.Tasks {
				if got := workloads.CountTo(n); got != n {
					return fmt.Errorf("gilcompare: CountTo(%d) = %d", n, got)
				}
			}
			return nil
		}},
		{Goroutines, cfg.Tasks, func() error {
			var wg sync.WaitGroup
			counts := make([]int64, cfg.Tasks)
			for i := range cfg.Tasks {
				wg.Go(func() { counts[i] = workloads.CountTo(n) })
			}
			wg.Wait()
			if slices.ContainsFunc(counts, func(c int64) bool { return c != n }) {
				return fmt.Errorf("gilcompare: a goroutine's CountTo(%d) came out wrong: %v", n, counts)
			}
			return nil
		}},
		{GILThreads, cfg.Tasks, func() error {
			_, err := g.Run(ctx, gilTasks...)
			return err
		}},
	}
	results := make([]bench.Result, len(strategies))
	for i, s := range strategies {
		results[i] = bench.Result{Name: CPUName, Strategy: s.name, Workers: s.workers,
			Params: map[string]string{"n": strconv.FormatInt(n, 10), "tasks": strconv.Itoa(cfg.Tasks)}}
	}
	results[2].Params["switch_interval_ms"] = fmtMillis(g.SwitchInterval())
	for rep := -1; rep < cfg.Reps; rep++ { // rep -1 is the warm-up
		for i, s := range strategies {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("gilcompare: CPU stopped: %w", err)
			}
			start := time.Now()
			if err := s.run(); err != nil {
				return nil, err
			}
			if rep >= 0 {
				results[i].Samples = append(results[i].Samples, time.Since(start))
			}
		}
		bar.Add(1)
	}
	return results, nil
}

// CPUPlot draws the results of [CPU] as bars of median time with their
// spread, Go's first, then each Python's.
func CPUPlot(results []bench.Result) ([]byte, error) {
	if len(results) == 0 {
		return nil, errors.New("gilcompare: CPUPlot: no results")
	}
	title := fmt.Sprintf("%s CPU-bound tasks, each sized to the same time in Go and in Python", results[0].Params["tasks"])
	// Seven bars with labels such as "cpython-processes" need more room
	// than the default width.
	return plots.Options{Width: 20 * vg.Centimeter}.Timings(title, results)
}

// Speedup is one strategy's speedup over the sequential run of the same
// language: Go's strategies over Go's [Sequential], Python's over the same
// interpreter's "sequential".
type Speedup struct {
	Strategy string
	Baseline string
	Workers  int
	// X is how many times faster the strategy ran than its baseline, median
	// against median; 0 when it cannot be computed.
	X float64
}

// baseline returns the sequential strategy a strategy is compared with.
func baseline(strategy string) string {
	if isPython(strategy) {
		prefix, _, _ := strings.Cut(strategy, "-")
		return prefix + "-" + cpython.Sequential
	}
	return Sequential
}

// Speedups returns the speedup of every result that has a sequential
// baseline among results (see [Speedup]), in the order of results. The
// baselines themselves, and results without one, are left out.
func Speedups(results []bench.Result) []Speedup {
	byStrategy := map[string]bench.Result{}
	for _, r := range results {
		byStrategy[r.Strategy] = r
	}
	var out []Speedup
	for _, r := range results {
		b := baseline(r.Strategy)
		base, ok := byStrategy[b]
		if !ok || b == r.Strategy {
			continue
		}
		out = append(out, Speedup{Strategy: r.Strategy, Baseline: b, Workers: r.Workers, X: bench.Speedup(base, r)})
	}
	return out
}

// CPUVerdict says, with the figures, whether this machine agrees with the
// course: threads under a GIL (the emulated one, and CPython's) gain less
// than [Gain] over running the tasks one after another, while goroutines and
// CPython's processes gain at least that when GOMAXPROCS is 2 or more. It
// also compares the emulated GIL's speedup with CPython's.
func CPUVerdict(results []bench.Result) string {
	return cpuVerdict(results, runtime.GOMAXPROCS(0))
}

func cpuVerdict(results []bench.Result, procs int) string {
	sp := Speedups(results)
	if len(sp) == 0 {
		return "**No verdict:** these results hold no sequential run to compare with."
	}
	get := func(strategy string) (Speedup, bool) {
		i := slices.IndexFunc(sp, func(s Speedup) bool { return s.Strategy == strategy })
		if i < 0 {
			return Speedup{}, false
		}
		return sp[i], true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine** (%s tasks, GOMAXPROCS=%d), speedup over running the same tasks one after another:\n\n",
		results[0].Params["tasks"], procs)
	agree := true
	gilX, haveGIL := get(GILThreads)
	if haveGIL {
		fmt.Fprintf(&b, "- threads under the emulated GIL: **%s**%s\n", times(gilX.X), gained(gilX.X))
		agree = agree && gilX.X < Gain
	}
	var cpyThreads Speedup
	havePython := false
	for _, s := range sp {
		if !isPython(s.Strategy) {
			continue
		}
		havePython = true
		prefix, kind, _ := strings.Cut(s.Strategy, "-")
		who := "CPython"
		if freeThreaded(s.Strategy) {
			who = "free-threaded " + prefix + " (no GIL)"
		}
		fmt.Fprintf(&b, "- %s %s: **%s**%s\n", who, kind, times(s.X), gained(s.X))
		switch {
		case kind == cpython.Threads && !freeThreaded(s.Strategy):
			cpyThreads = s
			agree = agree && s.X < Gain
		case procs > 1:
			agree = agree && s.X >= Gain
		}
	}
	if g, ok := get(Goroutines); ok {
		fmt.Fprintf(&b, "- goroutines, no GIL: **%s**%s\n", times(g.X), gained(g.X))
		if procs > 1 {
			agree = agree && g.X >= Gain
		}
	}
	b.WriteString("\n")
	if haveGIL && cpyThreads.X > 0 {
		diff := gilX.X/cpyThreads.X - 1
		fmt.Fprintf(&b, "The emulated GIL's speedup is %s CPython's (%+.0f%%). ", closeness(diff), 100*diff)
	}
	if !havePython {
		b.WriteString("No CPython figures: no usable Python was found (see the Python cell above). ")
	}
	if agree {
		b.WriteString("That is what a GIL predicts (CPython's threading docs: only one thread executes Python bytecode at once): threads gain nothing on CPU work")
		if procs > 1 {
			b.WriteString(", while goroutines and processes use the cores.")
		} else {
			b.WriteString("; with GOMAXPROCS=1 nothing else could gain either.")
		}
	} else {
		b.WriteString("That is not what a GIL predicts on every line: either something else held the cores during the run (rerun when the machine is quiet), or the prediction fails here; the figures above say which line.")
	}
	return b.String()
}

// gained says whether a speedup counts as a gain, for a list item.
func gained(x float64) string {
	switch {
	case x == 0:
		return " (not measurable)"
	case x >= Gain:
		return ": the tasks ran at the same time"
	default:
		return ": no gain"
	}
}

// closeness words a relative difference.
func closeness(diff float64) string {
	switch d := max(diff, -diff); {
	case d <= 0.1:
		return "within 10% of"
	case d <= 0.25:
		return "within 25% of"
	default:
		return "far from"
	}
}
