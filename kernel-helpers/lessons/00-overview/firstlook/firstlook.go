package firstlook

import (
	"fmt"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/run"
)

// Names of the measurements in the results history: the one-per-core
// comparison, which the compare plot draws, and the scaling sweep.
const (
	Name        = "sumsqrt"
	ScalingName = "sumsqrt-scaling"
)

// Tutorial 001's figures (001_c15645a1bbb281df.txt, its cells "In [4]" and
// "In [2]"): os.cpu_count() = 16 calls of calc() one after another, then on
// 16 processes.
const (
	t001CPUs       = 16
	t001Sequential = 5.171923637390137   // seconds, one after another
	t001Processes  = 0.42549967765808105 // seconds, one process each
)

// Tutorial 000's figures (000_0f4e085f5752bd81.txt, "Example output"):
// the same task on one, two and four processes, seconds. Its machine's core
// count is not given.
const (
	t000One  = 4.85234808921814
	t000Two  = 2.902682065963745
	t000Four = 1.6929938793182373
)

// t000Quote is tutorial 000's own words on more processes.
const t000Quote = "the rate of runtime improvement will not always increase as number of processes increases"

// OnePerCore sets the speedup of one goroutine per core (par, with as many
// tasks as goroutines) over the same tasks one after another (seq) against
// tutorial 001's 16 processes on 16 CPUs, and says how it compares with the
// ideal for the run's cores c.
func OnePerCore(seq, par bench.Result, c bench.Cores) string {
	theirs := t001Sequential / t001Processes
	s := fmt.Sprintf("Tutorial 001 (`%s`) ran os.cpu_count() = %d tasks one after another in %.2f s and one per process in %.3f s: "+
		"%.1f× on its %d CPUs, %.0f %% of the ideal %d×. Here, in Go, ",
		claims.Seed001, t001CPUs, t001Sequential, t001Processes, theirs, t001CPUs, 100*theirs/t001CPUs, t001CPUs)
	return s + bench.Verdict(bench.Speedup(seq, par), par.Workers, run.NameGoroutines, c)
}

// Scaling sets the speedups of results (the same total work on 1, 2, …
// goroutines, results[0] on one) against tutorial 000's 1, 2 and 4
// processes and its remark that more workers help less and less. Past the
// run's GOMAXPROCS, more goroutines cannot be quicker: if they were (by more
// than 10 %, the noise between reruns), the verdict says the runs at the
// core count were slowed, not that the cores grew.
func Scaling(results []bench.Result, c bench.Cores) string {
	head := fmt.Sprintf("Tutorial 000 (`%s`) measured %.2f× with 2 processes and %.2f× with 4 (its core count is not given), "+
		"and says “%s”.", claims.Seed000, t000One/t000Two, t000One/t000Four, t000Quote)
	if len(results) == 0 || c.GOMAXPROCS <= 0 {
		return head + " Nothing was measured here."
	}
	speedup := map[int]float64{}
	var parts []string
	for _, r := range results {
		s := bench.Speedup(results[0], r)
		speedup[r.Workers] = s
		if r.Workers > 1 {
			parts = append(parts, fmt.Sprintf("%d goroutines %.2f×", r.Workers, s))
		}
	}
	p := c.GOMAXPROCS
	atP, ok := speedup[p]
	if !ok || len(parts) == 0 {
		return head + fmt.Sprintf(" Here the sweep did not reach GOMAXPROCS=%d: nothing to compare.", p)
	}
	out := head + " Here, in Go with " + c.String() + ": " + strings.Join(parts, ", ") + "."
	best, bestW := 0.0, 0
	for w, s := range speedup {
		if w > p && (s > best || (s == best && w < bestW)) {
			best, bestW = s, w
		}
	}
	switch {
	case p == 1:
		out += " With GOMAXPROCS=1 Go runs one goroutine at a time, so no number of them can be quicker here: the remark cannot be judged in this run."
	case atP < 1+0.25*float64(p-1):
		// Less than a quarter of what the extra cores allow: too little
		// gain to say whether it then shrinks.
		out += fmt.Sprintf(" Here more goroutines were not clearly quicker even up to GOMAXPROCS=%d (%.2f× with %d): "+
			"this run cannot judge the remark; see below for why the cores gave so little.", p, atP, p)
	case bestW == 0:
	case best <= 1.1*atP:
		out += fmt.Sprintf(" Here too the gains stop, and the reason shows: past GOMAXPROCS=%d the goroutines only take turns (best %.2f× with %d, against %.2f× with %d).",
			p, best, bestW, atP, p)
	default:
		out += fmt.Sprintf(" Past GOMAXPROCS=%d, %d goroutines were still quicker (%.2f× against %.2f×), which %d cores cannot give: the runs near the core count were slowed by something else; rerun the cell.",
			p, bestW, best, atP, p)
	}
	return out + " At the core count: " + bench.Verdict(atP, p, run.NameGoroutines, c)
}

// Runs counts the program runs (cell executions) in entries.
func Runs(entries []history.Entry) int {
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Run] = true
	}
	return len(seen)
}

// RunsNote says what the compare plot of entries can show: with a single
// run, that it needs a rerun first.
func RunsNote(entries []history.Entry) string {
	switch n := Runs(entries); {
	case n == 0:
		return "Nothing recorded yet: run the measurement cell first."
	case n == 1:
		last := entries[len(entries)-1].Time.Local().Format(time.TimeOnly)
		return fmt.Sprintf("Only one run so far (%s), so the plot has a single bar: rerun the measurement cell, "+
			"or set `%%env GOMAXPROCS=1` and rerun it, then this cell, to compare.", last[:5])
	case n > history.PlotRuns:
		return fmt.Sprintf("%d runs so far; the plot shows the last %d.", n, history.PlotRuns)
	default:
		return fmt.Sprintf("%d runs so far, side by side.", n)
	}
}
