package gilcompare

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/plots"
)

// ConvoyConfig says what [Convoy] measures. The zero value times 20 sleeps
// of 1 ms beside 0, 1 and 2 CPU-bound threads, with and without the emulated
// GIL at CPython's default switch interval, and no CPython.
type ConvoyConfig struct {
	// Hogs lists how many CPU-bound threads run beside the sleeper, one
	// measurement each; nil means 0, 1 and 2.
	Hogs []int
	// Interval is the switch interval, of the emulated GIL and of CPython
	// (sys.setswitchinterval) alike; 0 means [gil.DefaultSwitchInterval].
	Interval time.Duration
	// Sleep is the sleeper's blocking call; 0 means [gil.DefaultConvoySleep].
	Sleep time.Duration
	// Samples is how many sleeps are timed per measurement; 0 means
	// [gil.DefaultConvoySamples].
	Samples int
	// Python also measures every Python [cpython.Find] finds.
	Python bool
	// History, when not nil, receives the results.
	History *history.Store
}

// Convoy measures the convoy effect for each number of hogs in cfg.Hogs:
// the time a thread's short sleep really takes, until it runs again, while
// CPU-bound threads run beside it ([gil.Convoy]). It measures OS threads
// without a GIL ([Threads]), then under the emulated GIL ([GILThreads]),
// then with cfg.Python the same probe in CPython ("cpython-threads").
//
// The results are named [ConvoyName], with Workers and the param "hogs" set
// to the number of hogs, and params "sleep_ms" and "switch_interval_ms".
// Bad settings return an error before anything runs.
func Convoy(ctx context.Context, cfg ConvoyConfig) ([]bench.Result, error) {
	if ctx == nil {
		return nil, errors.New("gilcompare: Convoy needs a context, got nil")
	}
	if cfg.Hogs == nil {
		cfg.Hogs = []int{0, 1, 2}
	}
	if err := checkConvoy(cfg.Hogs, cfg.Interval, cfg.Sleep, cfg.Samples); err != nil {
		return nil, err
	}
	pys, err := findPython(ctx, cfg.Python)
	if err != nil {
		return nil, err
	}
	var results []bench.Result
	for _, withGIL := range []bool{false, true} {
		for _, hogs := range cfg.Hogs {
			r, err := goConvoy(ctx, withGIL, hogs, cfg.Interval, cfg.Sleep, cfg.Samples)
			if err != nil {
				return nil, err
			}
			results = append(results, r)
		}
	}
	for _, py := range pys {
		rs, err := py.Convoy(ctx, cpython.ConvoyConfig{Hogs: cfg.Hogs, Sleep: cfg.Sleep, Samples: cfg.Samples,
			SwitchIntervals: []time.Duration{orDefault(cfg.Interval, gil.DefaultSwitchInterval)}})
		if err != nil {
			return nil, fmt.Errorf("gilcompare: Convoy in %v: %w", py, err)
		}
		results = append(results, rename(rs, ConvoyName)...)
	}
	return results, record(cfg.History, cfg.Interval, results)
}

// checkConvoy validates the settings shared by [Convoy] and [Sweep], so
// that a bad one fails before anything runs rather than halfway.
func checkConvoy(hogs []int, interval, sleep time.Duration, samples int) error {
	if len(hogs) == 0 {
		return errors.New("gilcompare: no hog counts to measure")
	}
	for _, h := range hogs {
		if h < 0 || h > gil.MaxConvoyHogs {
			return fmt.Errorf("gilcompare: hogs must be between 0 and %d, got %d", gil.MaxConvoyHogs, h)
		}
	}
	if sleep < 0 || sleep > gil.MaxConvoySleep {
		return fmt.Errorf("gilcompare: Sleep must be between 0 (for %v) and %v, got %v", gil.DefaultConvoySleep, gil.MaxConvoySleep, sleep)
	}
	if samples < 0 || samples > gil.MaxConvoySamples {
		return fmt.Errorf("gilcompare: Samples must be between 0 (for %d) and %d, got %d", gil.DefaultConvoySamples, gil.MaxConvoySamples, samples)
	}
	return checkInterval(interval)
}

// goConvoy runs one [gil.Convoy] measurement, under a new GIL with the given
// interval or without one, and names it for this package. Without a GIL the
// switch interval still goes into the params, so that every point of a
// sweep has one.
func goConvoy(ctx context.Context, withGIL bool, hogs int, interval, sleep time.Duration, samples int) (bench.Result, error) {
	cfg := gil.ConvoyConfig{Hogs: hogs, Sleep: sleep, Samples: samples}
	if withGIL {
		g, err := newGIL(interval)
		if err != nil {
			return bench.Result{}, err
		}
		cfg.GIL = g
	}
	r, err := gil.Convoy(ctx, cfg)
	if err != nil {
		return bench.Result{}, fmt.Errorf("gilcompare: %w", err)
	}
	r.Name = ConvoyName
	r.Params["switch_interval_ms"] = fmtMillis(orDefault(interval, gil.DefaultSwitchInterval))
	return r, nil
}

// rename returns results with their Name set to name.
func rename(results []bench.Result, name string) []bench.Result {
	for i := range results {
		results[i].Name = name
	}
	return results
}

// series turns results into one line per strategy, in order of first
// appearance: x is the param xKey, y the median in ms, with a whisker from
// the fastest to the slowest sample. Results without xKey are left out.
func series(results []bench.Result, xKey string) []plots.Series {
	var out []plots.Series
	index := map[string]int{}
	for _, r := range results {
		x := param(r, xKey)
		if x < 0 || len(r.Samples) == 0 {
			continue
		}
		i, ok := index[r.Strategy]
		if !ok {
			i = len(out)
			index[r.Strategy] = i
			out = append(out, plots.Series{Name: Legend(r.Strategy)})
		}
		s := &out[i]
		s.X = append(s.X, x)
		s.Y = append(s.Y, bench.Ms(r.Median()))
		s.Low = append(s.Low, bench.Ms(r.Min()))
		s.High = append(s.High, bench.Ms(r.Max()))
	}
	return out
}

// ConvoyPlot draws the results of [Convoy]: the sleeper's median time against
// the number of hogs, a line per strategy.
func ConvoyPlot(results []bench.Result) ([]byte, error) {
	s := series(results, "hogs")
	if len(s) == 0 {
		return nil, errors.New("gilcompare: ConvoyPlot: no convoy results")
	}
	// Titles and labels stay short: the legend takes a third of the width.
	title := fmt.Sprintf("a %s ms sleep beside CPU-bound threads", results[0].Params["sleep_ms"])
	return plots.Lines(title, plots.Axis{Label: "CPU-bound threads (hogs)"}, plots.Axis{Label: "time to run again", Unit: "ms"}, s)
}

// find returns the result of strategy with the param key equal to value.
func find(results []bench.Result, strategy, key, value string) (bench.Result, bool) {
	i := slices.IndexFunc(results, func(r bench.Result) bool {
		return r.Strategy == strategy && r.Params[key] == value
	})
	if i < 0 {
		return bench.Result{}, false
	}
	return results[i], true
}

// pythonThreads returns the Python thread strategies in results, GIL builds
// first, each once.
func pythonThreads(results []bench.Result) []string {
	var out []string
	for _, r := range results {
		if isPython(r.Strategy) && strings.HasSuffix(r.Strategy, "-threads") && !slices.Contains(out, r.Strategy) {
			out = append(out, r.Strategy)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(b2i(freeThreaded(a)), b2i(freeThreaded(b))) })
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ConvoyVerdict says, with the figures, whether this machine shows the
// convoy effect as the course describes it, with one CPU-bound thread
// beside the sleeper: under a GIL (emulated, and CPython's) the sleep takes
// about the sleep plus one switch interval (see [aboutInterval]), without a
// GIL about the sleep itself (less than half an interval more, checked only
// when GOMAXPROCS leaves a core free). When the
// hogs fill every core, it says what that did to the sleeper without a GIL.
func ConvoyVerdict(results []bench.Result) string {
	return convoyVerdict(results, runtime.GOMAXPROCS(0))
}

func convoyVerdict(results []bench.Result, procs int) string {
	noGIL, ok1 := find(results, Threads, "hogs", "1")
	withGIL, ok2 := find(results, GILThreads, "hogs", "1")
	if !ok1 || !ok2 {
		return "**No verdict:** the results hold no measurement with one CPU-bound thread, with and without the GIL."
	}
	sleep := time.Duration(param(withGIL, "sleep_ms") * float64(time.Millisecond))
	interval := time.Duration(param(withGIL, "switch_interval_ms") * float64(time.Millisecond))
	convoyed := func(r bench.Result) bool { return aboutInterval(r.Median()-sleep, interval) }
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine**, with one CPU-bound thread beside the sleeper: a %v sleep took **%v** under the emulated GIL",
		sleep, bench.Round(withGIL.Median()))
	agree := convoyed(withGIL)
	for _, py := range pythonThreads(results) {
		r, ok := find(results, py, "hogs", "1")
		if !ok {
			continue
		}
		if freeThreaded(py) {
			fmt.Fprintf(&b, ", %v in free-threaded %s", bench.Round(r.Median()), Legend(py))
			continue
		}
		fmt.Fprintf(&b, ", **%v** in %s", bench.Round(r.Median()), Legend(py))
		agree = agree && convoyed(r)
	}
	fmt.Fprintf(&b, ", and %v without a GIL. ", bench.Round(noGIL.Median()))
	fmt.Fprintf(&b, "The sleep plus one switch interval is %v. ", sleep+interval)
	if procs > 1 {
		agree = agree && noGIL.Median()-sleep < interval/2
	}
	if agree {
		b.WriteString("That is the convoy effect (bpo-7946; the handover of ceval_gil.c since 3.2): the CPU-bound thread took the GIL while the other slept, " +
			"and kept it until the sleeper had waited a whole switch interval and asked for it back.")
	} else {
		b.WriteString("That is not the convoy effect's pattern (about one switch interval more under a GIL, about the sleep without): " +
			"a busy machine can blur it (rerun when quiet); if it persists, the model is wrong here.")
	}
	// Hogs that fill every core delay the sleeper even without a GIL.
	for _, r := range results {
		h := int(param(r, "hogs"))
		if r.Strategy != Threads || h < procs {
			continue
		}
		fmt.Fprintf(&b, "\n\nWith %d CPU-bound threads and GOMAXPROCS=%d, the sleeper without a GIL took %v: ", h, procs, bench.Round(r.Median()))
		if r.Median()-sleep >= interval/2 {
			b.WriteString("every core Go may use was busy, so the woken goroutine waited until Go's scheduler preempted a hog. " +
				"No lock did that; the GOMAXPROCS section below measures it.")
		} else {
			b.WriteString("the woken goroutine still got a core promptly.")
		}
		break
	}
	return b.String()
}

// WakeSlack is how much longer than the course's model a wait may take and
// still count as "about one switch interval": the time a busy machine may
// take to wake a thread and give it a core.
const WakeSlack = time.Millisecond

// aboutInterval reports whether a wait beyond the sleep is about one switch
// interval: at least half of it, at most twice it plus [WakeSlack].
func aboutInterval(extra, interval time.Duration) bool {
	return extra >= interval/2 && extra <= 2*interval+WakeSlack
}
