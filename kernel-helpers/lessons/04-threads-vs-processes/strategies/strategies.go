package strategies

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/kernel-helpers/run"
)

// Kind is a strategy of package run, by name, for any number of workers.
type Kind struct {
	Name string
	New  func(workers int) run.Strategy
}

// The kinds the course compares. Sequential, Goroutines and OneCore do not
// use the worker count: one goroutine for all the tasks, one per task, and
// one per task with GOMAXPROCS=1 (concurrent, never parallel, like CPython
// threads under the GIL).
var (
	Sequential     = Kind{run.NameSequential, func(int) run.Strategy { return run.Sequential() }}
	Goroutines     = Kind{run.NameGoroutines, func(int) run.Strategy { return run.Goroutines() }}
	GoroutinePool  = Kind{run.NameGoroutinePool, run.GoroutinePool}
	Threads        = Kind{run.NameOSThreads, run.OSThreads}
	OneCore        = Kind{run.NameMaxProcs, func(int) run.Strategy { return run.MaxProcs(1) }}
	ProcessPool    = Kind{run.NameProcessPool, run.ProcessPool}
	ProcessPerTask = Kind{run.NameProcessPerTask, run.ProcessPerTask}
)

// Time runs the batch under k with workers workers: a warm-up run, then reps
// timed ones (bench.DefaultReps for 0). It returns the timings, named name
// with Strategy k.Name, and the records of the last run. A task that fails
// fails the whole measurement.
func Time(ctx context.Context, name string, k Kind, workers int, tasks []run.Task, reps int) (bench.Result, []run.Record, error) {
	if k.New == nil {
		return bench.Result{}, nil, fmt.Errorf("strategies: kind %q has no constructor", k.Name)
	}
	s := k.New(workers)
	var last []run.Record
	res, err := bench.Run(ctx, bench.Options{Name: name, Strategy: k.Name, Workers: workers, Reps: reps,
		Params: map[string]string{"tasks": strconv.Itoa(len(tasks))}}, func() error {
		recs, err := run.Batch(ctx, s, tasks)
		last = recs
		return err
	})
	if err != nil {
		return res, last, fmt.Errorf("strategies: %s: %w", k.Name, err)
	}
	return res, last, nil
}

// Sweep is the same work split more and more finely: the worker task Task
// (such as "count" or "sumsqrt") with Total iterations in all, divided into
// w equal tasks for each w in Workers, under each of Kinds, timed Reps
// times each (0: bench.DefaultReps).
type Sweep struct {
	Task    string
	Total   int64
	Workers []int
	Kinds   []Kind
	Reps    int
}

// Split times s: for each worker count and each kind, in that order.
func Split(ctx context.Context, s Sweep) ([]bench.Result, error) {
	task, total, workers, kinds, reps := s.Task, s.Total, s.Workers, s.Kinds, s.Reps
	if total <= 0 {
		return nil, fmt.Errorf("strategies: total %d must be positive", total)
	}
	if len(workers) == 0 || len(kinds) == 0 {
		return nil, errors.New("strategies: no worker counts or no kinds to time")
	}
	var results []bench.Result
	for _, w := range workers {
		if w <= 0 || int64(w) > total {
			return results, fmt.Errorf("strategies: %d workers cannot share %d iterations", w, total)
		}
		for _, k := range kinds {
			r, _, err := Time(ctx, task, k, w, run.Work(w, task, total/int64(w)), reps)
			if err != nil {
				return results, err
			}
			results = append(results, r)
		}
	}
	return results, nil
}

// WorkerCounts returns the worker counts a sweep on cores cores tries:
// 1, the powers of two, the core count and one more, and twice the core
// count, in order and without repeats; never more than twice the cores.
func WorkerCounts(cores int) []int {
	cores = max(cores, 1)
	counts := []int{1, cores, cores + 1, 2 * cores}
	for p := 2; p < 2*cores; p *= 2 {
		counts = append(counts, p)
	}
	slices.Sort(counts)
	return slices.Compact(counts)
}

// Verdicts compares each result with base in one line each: the speedup,
// how close it is to the ideal, min(workers, cores), and whether that is
// close to it (bench.CloseToIdeal) or well below. A closing sentence says
// what "well below" means when it happened.
func Verdicts(base bench.Result, results []bench.Result, cores int) string {
	var lines []string
	below := 0
	for _, r := range results {
		s := bench.Speedup(base, r)
		if s == 0 {
			lines = append(lines, fmt.Sprintf("%s: no speedup could be computed", label(r)))
			continue
		}
		ideal := min(max(r.Workers, 1), cores)
		share := s / float64(ideal)
		judgement := "close to it"
		if share < bench.CloseToIdeal {
			judgement = "well below it"
			below++
		}
		lines = append(lines, fmt.Sprintf("%s: %.2f× as fast as %s, %.0f%% of the ideal %d×, %s",
			label(r), s, label(base), 100*share, ideal, judgement))
	}
	out := "**This machine:** " + strings.Join(lines, "; ") + "."
	if below > 0 {
		out += " Well below the ideal means the work did not get the cores to itself: the start of worker processes, or other programs running meanwhile (rerun the cell to see which)."
	}
	return out
}

func label(r bench.Result) string {
	if r.Workers > 0 && r.Strategy != Sequential.Name {
		return fmt.Sprintf("%s with %d", r.Strategy, r.Workers)
	}
	return r.Strategy
}

// Times lists each result's median time and how it compares with the
// first's, with the figures.
func Times(results []bench.Result) string {
	if len(results) == 0 {
		return "**This machine:** nothing was measured."
	}
	first := results[0]
	parts := []string{fmt.Sprintf("%s took %v", label(first), bench.Round(first.Median()))}
	for _, r := range results[1:] {
		part := fmt.Sprintf("%s took %v", label(r), bench.Round(r.Median()))
		if first.Median() > 0 {
			part += fmt.Sprintf(" (%.2f× the first)", float64(r.Median())/float64(first.Median()))
		}
		parts = append(parts, part)
	}
	return "**This machine:** " + strings.Join(parts, "; ") + "."
}

// Entry is a kind with its number of workers, for [Compare].
type Entry struct {
	Kind    Kind
	Workers int
}

// Comparison is one batch timed under several entries.
type Comparison struct {
	Results []bench.Result
	Records [][]run.Record // the last run of each entry
}

// Compare times the same tasks under each entry, in order.
func Compare(ctx context.Context, name string, tasks []run.Task, entries []Entry, reps int) (Comparison, error) {
	if len(entries) == 0 {
		return Comparison{}, errors.New("strategies: nothing to compare")
	}
	var c Comparison
	for _, e := range entries {
		r, recs, err := Time(ctx, name, e.Kind, e.Workers, tasks, reps)
		if err != nil {
			return c, err
		}
		c.Results = append(c.Results, r)
		c.Records = append(c.Records, recs)
	}
	return c, nil
}

// Timeline draws the last run of every entry: one row per thread or
// process (see [Spans]), named with the entry's strategy so that two
// entries that ran on the same OS threads never share a row, each entry's
// rows after the previous entry's, and each entry timed from its own first
// start.
func (c Comparison) Timeline(title string) ([]byte, error) {
	var spans []plots.Span
	for i, recs := range c.Records {
		name := ""
		if i < len(c.Results) {
			name = c.Results[i].Strategy
		}
		spans = append(spans, Spans(name, recs)...)
	}
	if len(spans) == 0 {
		return nil, errors.New("strategies: no task ran, so there is no timeline")
	}
	return plots.Timeline(title, spans)
}

// Spans turns a batch run under the named strategy into timeline bars: one
// row per OS thread for tasks that ran in this process ("sequential ·
// thread 1234"), one per process for tasks that ran in worker processes
// ("process per task · process 5678"), times measured from the earliest
// start. The strategy's name keeps apart the rows of two strategies whose
// tasks ran on the same OS threads; an empty name leaves it out. Tasks that
// never started are left out.
func Spans(strategy string, records []run.Record) []plots.Span {
	var first time.Time
	for _, r := range records {
		if !r.Start.IsZero() && (first.IsZero() || r.Start.Before(first)) {
			first = r.Start
		}
	}
	self := os.Getpid()
	var spans []plots.Span
	for _, r := range records {
		if r.Start.IsZero() {
			continue
		}
		worker := fmt.Sprintf("process %d", r.PID)
		if r.PID == self {
			worker = fmt.Sprintf("thread %d", r.TID)
		}
		if strategy != "" {
			worker = strategy + " · " + worker
		}
		spans = append(spans, plots.Span{Worker: worker, Task: "#" + strconv.Itoa(r.Task),
			Start: r.Start.Sub(first), End: max(r.End.Sub(first), r.Start.Sub(first))})
	}
	return spans
}
