package gilcompare

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/plots"
)

// SweepConfig says what [Sweep] measures. The zero value times 20 sleeps of
// 1 ms beside one CPU-bound thread under the emulated GIL at switch intervals
// of 1, 2, 5, 10 and 20 ms.
type SweepConfig struct {
	// Intervals lists the switch intervals to try; nil means 1, 2, 5, 10
	// and 20 ms.
	Intervals []time.Duration
	// Hogs is how many CPU-bound threads run beside the sleeper; 0 means 1.
	Hogs int
	// Sleep is the sleeper's blocking call; 0 means [concurrencylab/kernel-helpers/gil.DefaultConvoySleep].
	Sleep time.Duration
	// Samples is how many sleeps are timed per interval; 0 means
	// [concurrencylab/kernel-helpers/gil.DefaultConvoySamples].
	Samples int
	// Python also measures every Python [cpython.Find] finds, setting its
	// interval with sys.setswitchinterval.
	Python bool
	// MaxProcs1 also measures, at every interval, the sleeper and the hogs
	// as goroutines without a GIL at GOMAXPROCS=1 ([MaxProcs1]): there the
	// switch interval plays no part, and the line shows it.
	MaxProcs1 bool
	// History, when not nil, receives the results.
	History *history.Store
}

// Sweep measures the convoy effect against the switch interval: for each
// of cfg.Intervals, the time a thread's short sleep takes beside cfg.Hogs
// CPU-bound threads under the emulated GIL ([GILThreads]), then, as asked,
// the same at GOMAXPROCS=1 without a GIL ([MaxProcs1]) and in CPython
// ("cpython-threads").
//
// The results are named [SweepName], with params "switch_interval_ms",
// "hogs" and "sleep_ms". Bad settings return an error before anything runs.
func Sweep(ctx context.Context, cfg SweepConfig) ([]bench.Result, error) {
	if ctx == nil {
		return nil, errors.New("gilcompare: Sweep needs a context, got nil")
	}
	if cfg.Intervals == nil {
		cfg.Intervals = []time.Duration{time.Millisecond, 2 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond}
	}
	cfg.Hogs = orDefault(cfg.Hogs, 1)
	if len(cfg.Intervals) == 0 || len(cfg.Intervals) > MaxIntervals {
		return nil, fmt.Errorf("gilcompare: Sweep: give 1 to %d intervals, got %d", MaxIntervals, len(cfg.Intervals))
	}
	for _, iv := range cfg.Intervals {
		if iv <= 0 {
			return nil, fmt.Errorf("gilcompare: Sweep: switch interval %v must be positive", iv)
		}
		if err := checkConvoy([]int{cfg.Hogs}, iv, cfg.Sleep, cfg.Samples); err != nil {
			return nil, err
		}
	}
	pys, err := findPython(ctx, cfg.Python)
	if err != nil {
		return nil, err
	}
	var results []bench.Result
	for _, iv := range cfg.Intervals {
		r, err := goConvoy(ctx, true, cfg.Hogs, iv, cfg.Sleep, cfg.Samples)
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	if cfg.MaxProcs1 {
		for _, iv := range cfg.Intervals {
			var r bench.Result
			withMaxProcs(1, func() { r, err = goConvoy(ctx, false, cfg.Hogs, iv, cfg.Sleep, cfg.Samples) })
			if err != nil {
				return nil, err
			}
			r.Strategy = MaxProcs1
			results = append(results, r)
		}
	}
	for _, py := range pys {
		rs, err := py.Convoy(ctx, cpython.ConvoyConfig{Hogs: []int{cfg.Hogs}, Sleep: cfg.Sleep, Samples: cfg.Samples, SwitchIntervals: cfg.Intervals})
		if err != nil {
			return nil, fmt.Errorf("gilcompare: Sweep in %v: %w", py, err)
		}
		results = append(results, rs...)
	}
	rename(results, SweepName)
	// Each result carries its own interval: record them unlabelled.
	return results, record(cfg.History, 0, results)
}

// SweepPlot draws the results of [Sweep]: the sleeper's median time against
// the switch interval, on logarithmic axes, a line per strategy, and the
// sleep plus the interval for reference, what the course predicts under a
// GIL.
func SweepPlot(results []bench.Result) ([]byte, error) {
	s := series(results, "switch_interval_ms")
	if len(s) == 0 {
		return nil, errors.New("gilcompare: SweepPlot: no sweep results")
	}
	r := results[0]
	sleep := param(r, "sleep_ms")
	model := plots.Series{Name: "sleep + interval"}
	for _, x := range s[0].X {
		model.X = append(model.X, x)
		model.Y = append(model.Y, sleep+x)
	}
	s = append(s, model)
	title := fmt.Sprintf("a %s ms sleep beside %s CPU-bound thread%s", r.Params["sleep_ms"], r.Params["hogs"], plural(r.Params["hogs"]))
	return plots.Lines(title,
		plots.Axis{Label: "switch interval", Unit: "ms", Log: true},
		plots.Axis{Label: "time to run again", Unit: "ms", Log: true}, s)
}

// sweepPoints returns, for one strategy, its results ordered by interval.
func sweepPoints(results []bench.Result, strategy string) []bench.Result {
	var out []bench.Result
	for _, r := range results {
		if r.Strategy == strategy {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b bench.Result) int {
		return int(1000 * (param(a, "switch_interval_ms") - param(b, "switch_interval_ms")))
	})
	return out
}

// follows reports whether a strategy's extra time beyond the sleep is about
// the switch interval at every point (see [aboutInterval]).
func follows(points []bench.Result) bool {
	if len(points) == 0 {
		return false
	}
	for _, r := range points {
		sleep := time.Duration(param(r, "sleep_ms") * float64(time.Millisecond))
		iv := time.Duration(param(r, "switch_interval_ms") * float64(time.Millisecond))
		if !aboutInterval(r.Median()-sleep, iv) {
			return false
		}
	}
	return true
}

// describe writes a strategy's medians from the shortest interval to the
// longest, e.g. "2.2ms at 1 ms … 21.3ms at 20 ms".
func describe(points []bench.Result) string {
	first, last := points[0], points[len(points)-1]
	return fmt.Sprintf("%v at a %s ms interval, %v at %s ms", bench.Round(first.Median()), first.Params["switch_interval_ms"],
		bench.Round(last.Median()), last.Params["switch_interval_ms"])
}

// SweepVerdict says, with the figures, whether under a GIL (the emulated
// one, and every CPython with a GIL in results) the sleeper's extra time
// beyond its sleep is about the switch interval at every interval: from half
// of it to twice it plus [WakeSlack].
func SweepVerdict(results []bench.Result) string {
	emulated := sweepPoints(results, GILThreads)
	if len(emulated) < 2 {
		return "**No verdict:** a sweep needs the emulated GIL at two intervals or more."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine:** under the emulated GIL the sleep took %s", describe(emulated))
	agree := follows(emulated)
	for _, py := range pythonThreads(results) {
		pts := sweepPoints(results, py)
		fmt.Fprintf(&b, "; in %s %s", Legend(py), describe(pts))
		if !freeThreaded(py) {
			agree = agree && follows(pts)
		}
	}
	b.WriteString(". ")
	b.WriteString(widest(emulated, "the emulated GIL"))
	for _, py := range pythonThreads(results) {
		b.WriteString(widest(sweepPoints(results, py), Legend(py)))
	}
	if agree {
		b.WriteString("At every interval the median wait beyond the sleep was about one switch interval, as CPython's handover (ceval_gil.c, since 3.2) predicts: " +
			"the interval is how long a thread coming back from I/O waits behind a CPU-bound one.")
	} else {
		b.WriteString("At some interval the wait beyond the sleep was not about one switch interval (from half to twice it, plus a millisecond), " +
			"so the handover model does not hold on this run: a busy machine can do that (rerun when it is quiet); if it persists, the model is wrong here.")
	}
	return b.String()
}

// MaxProcsVerdict says, with the figures, whether at GOMAXPROCS=1 without a
// GIL the sleeper's time ignores the switch interval while under the GIL it
// follows it: across the sweep, the GOMAXPROCS=1 medians must spread less than
// half as far as the emulated GIL's. It needs a [Sweep] run with MaxProcs1.
func MaxProcsVerdict(results []bench.Result) string {
	emulated, one := sweepPoints(results, GILThreads), sweepPoints(results, MaxProcs1)
	if len(emulated) < 2 || len(one) < 2 {
		return "**No verdict:** this needs a sweep over two intervals or more with MaxProcs1 set."
	}
	spread := func(points []bench.Result) time.Duration {
		lo, hi := points[0].Median(), points[0].Median()
		for _, r := range points {
			lo, hi = min(lo, r.Median()), max(hi, r.Median())
		}
		return hi - lo
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine:** at GOMAXPROCS=1 with no GIL, the sleeper took %s (medians %v apart); under the emulated GIL, %s (%v apart). ",
		describe(one), bench.Round(spread(one)), describe(emulated), bench.Round(spread(emulated)))
	if 2*spread(one) < spread(emulated) {
		b.WriteString("The switch interval moved the GIL's figure, not GOMAXPROCS=1's, as the two mechanisms predict. At GOMAXPROCS=1 " +
			"the woken goroutine waits until Go's scheduler preempts the CPU-bound one, however the interval is set.")
	} else {
		b.WriteString("Here the GOMAXPROCS=1 figure moved about as much as the GIL's, which neither mechanism predicts: rerun the cell on a quiet machine; if it persists, the two are not as different as this section says.")
	}
	return b.String()
}

// widest says how far single sleeps spread at the interval where they
// spread most: the medians above hide it.
func widest(points []bench.Result, who string) string {
	if len(points) == 0 {
		return ""
	}
	w := slices.MaxFunc(points, func(a, b bench.Result) int { return cmp.Compare(a.Spread(), b.Spread()) })
	return fmt.Sprintf("Single sleeps in %s spread most at the %s ms interval: from %v to %v. ", who, w.Params["switch_interval_ms"], bench.Round(w.Min()), bench.Round(w.Max()))
}

// plural returns "s" unless count is "1".
func plural(count string) string {
	if count == "1" {
		return ""
	}
	return "s"
}
