package lessons_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/kernel-helpers/lessons/00-overview/firstlook"
	"concurrencylab/kernel-helpers/lessons/01-processes/child"
	"concurrencylab/kernel-helpers/lessons/01-processes/escape"
	"concurrencylab/kernel-helpers/lessons/01-processes/startcost"
	"concurrencylab/kernel-helpers/lessons/01-processes/startmethod"
	"concurrencylab/kernel-helpers/lessons/01-processes/unit"
	"concurrencylab/kernel-helpers/lessons/02-threads/cancellation"
	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
	"concurrencylab/kernel-helpers/lessons/02-threads/deadlock"
	threadsex "concurrencylab/kernel-helpers/lessons/02-threads/exercises"
	gilex "concurrencylab/kernel-helpers/lessons/03-gil/exercises"
	"concurrencylab/kernel-helpers/lessons/07-cheatsheet/cheatsheet"
)

// short is the context of a probe that must see its context end: far less
// than the probe's budget, so that the whole table stays quick.
func short(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 300*time.Millisecond)
}

// cancelled is a context that has already ended.
func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// harmless fails when a formatter's text shows a broken figure.
func harmless(s string) error {
	for _, bad := range []string{"NaN", "Inf", "%!"} {
		if strings.Contains(s, bad) {
			return fmt.Errorf("the text shows %q: %s", bad, s)
		}
	}
	return nil
}

// probes0102 are the probes of the lessons of folders 00-overview,
// 01-processes, 02-threads (but datarace and sched) and 07-cheatsheet, and
// of every exercises package.
var probes0102 = []probe.Probe{
	// 00-overview/firstlook: pure formatters of measured results.
	probe.P("firstlook.OnePerCore zero results and cores", func(context.Context) error {
		s := firstlook.OnePerCore(bench.Result{}, bench.Result{}, bench.Cores{})
		if !strings.Contains(s, "no verdict") {
			return fmt.Errorf("no results gave a verdict: %s", s)
		}
		return harmless(s)
	}, probe.Harmless),
	probe.P("firstlook.OnePerCore negative workers, huge cores", func(context.Context) error {
		r := bench.Result{Workers: -1, Samples: []time.Duration{nanD, hugeD}}
		return harmless(firstlook.OnePerCore(r, r, bench.Cores{GOMAXPROCS: math.MaxInt, NumCPU: -1}))
	}, probe.Harmless),
	probe.P("firstlook.Scaling nil results", func(context.Context) error {
		s := firstlook.Scaling(nil, bench.Cores{GOMAXPROCS: 2, NumCPU: 2})
		if !strings.Contains(s, "Nothing was measured") {
			return fmt.Errorf("nil results: %s", s)
		}
		return harmless(s)
	}, probe.Harmless),
	probe.P("firstlook.Scaling zero and negative workers, huge cores", func(context.Context) error {
		rs := []bench.Result{{Workers: 0}, {Workers: -3, Samples: []time.Duration{nanD}}, {Workers: math.MaxInt, Samples: []time.Duration{hugeD}}}
		for _, c := range []bench.Cores{{}, {GOMAXPROCS: -1}, {GOMAXPROCS: math.MaxInt, NumCPU: math.MaxInt}} {
			if err := harmless(firstlook.Scaling(rs, c)); err != nil {
				return err
			}
		}
		return nil
	}, probe.Harmless),
	probe.P("firstlook.Runs nil entries", func(context.Context) error {
		if n := firstlook.Runs(nil); n != 0 {
			return fmt.Errorf("%d runs in nil entries", n)
		}
		return nil
	}, probe.Harmless),
	probe.P("firstlook.RunsNote nil and zero entries", func(context.Context) error {
		if s := firstlook.RunsNote(nil); !strings.Contains(s, "Nothing recorded") {
			return fmt.Errorf("nil entries: %s", s)
		}
		return harmless(firstlook.RunsNote([]history.Entry{{}}))
	}, probe.Harmless),

	// 01-processes/child.
	probe.P("child.Separate nil ctx", func(context.Context) error {
		_, err := child.Separate(nil) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("child.Separate cancelled ctx", func(context.Context) error {
		_, err := child.Separate(cancelled())
		return err
	}, "context canceled"),
	probe.P("child.SharedWithGoroutine nil ctx", func(context.Context) error {
		_, err := child.SharedWithGoroutine(nil) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("child.MemoryFigures zero separation", func(context.Context) error {
		if f := child.MemoryFigures(child.Separation{}, true); len(f) != 0 {
			return fmt.Errorf("figures from an experiment that did not run: %v", f)
		}
		return nil
	}, probe.Harmless),
	probe.P("child.Kill huge n", func(ctx context.Context) error {
		_, err := child.Kill(ctx, math.MaxInt64, time.Millisecond, time.Millisecond)
		return err
	}, "n must be in"),
	probe.P("child.Kill NaN interval", func(ctx context.Context) error {
		_, err := child.Kill(ctx, 10, nanD, time.Millisecond)
		return err
	}, "interval"),

	// 01-processes/escape.
	probe.P("escape.Analyze nil ctx", func(context.Context) error {
		_, err := escape.Analyze(nil, escape.Demo) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("escape.Analyze empty source", func(ctx context.Context) error {
		_, err := escape.Analyze(ctx, "")
		return err
	}, "escape:"),
	probe.P("escape.MakeAllocs zero n", func(context.Context) error { _, err := escape.MakeAllocs(0, 1); return err }, "n=0"),
	probe.P("escape.MakeAllocs negative runs", func(context.Context) error { _, err := escape.MakeAllocs(16, -1); return err }, "runs=-1"),
	probe.P("escape.MakeAllocs huge n", func(context.Context) error { _, err := escape.MakeAllocs(huge, 1); return err }, "n=1000000000000"),
	probe.P("escape.MakeAllocs huge runs", func(context.Context) error { _, err := escape.MakeAllocs(16, huge); return err }, "runs=1000000000000"),
	probe.P("escape.MakeAllocs largest n, most runs", func(context.Context) error {
		_, err := escape.MakeAllocs(escape.MaxMakeSize, 1_000_000)
		return err
	}, "bytes in all"),
	probe.P("escape.Figures nil decisions, NaN allocations", func(context.Context) error {
		f := escape.Figures(nil, math.NaN())
		if _, ok := f["go.make.large_allocs"]; ok || f["go.stack"] != 0 {
			return fmt.Errorf("figures from nothing: %v", f)
		}
		return nil
	}, probe.Harmless),
	probe.P("escape.Markdown nil decisions, decisions past the source", func(context.Context) error {
		if s := escape.Markdown("", nil); strings.Count(s, "\n") != 2 {
			return fmt.Errorf("nil decisions gave rows: %s", s)
		}
		ds := []escape.Decision{{File: "main.go", Line: -1}, {File: "main.go", Line: math.MaxInt}, {}}
		return harmless(escape.Markdown("x", ds))
	}, probe.Harmless),
	probe.P("escape.Moved nil decisions", func(context.Context) error {
		if m := escape.Moved(nil); len(m) != 0 {
			return fmt.Errorf("moved %v", m)
		}
		return nil
	}, probe.Harmless),
	probe.P("escape.Summary nil decisions", func(context.Context) error {
		if s := escape.Summary(nil); !strings.Contains(s, "nothing on the heap") {
			return fmt.Errorf("nil decisions: %s", s)
		}
		return nil
	}, probe.Harmless),

	// 01-processes/startcost.
	probe.P("startcost.Start nil ctx", func(context.Context) error {
		return startcost.Start(nil, startcost.Process) //nolint:staticcheck // the probe
	}, "needs a context"),
	probe.P("startcost.Start negative kind", func(ctx context.Context) error { return startcost.Start(ctx, -1) }, "unknown kind"),
	probe.P("startcost.Start huge kind", func(ctx context.Context) error { return startcost.Start(ctx, math.MaxInt) }, "unknown kind"),
	probe.P("startcost.Start cancelled ctx", func(context.Context) error { return startcost.Start(cancelled(), startcost.Process) }, "context canceled"),
	probe.P("startcost.CheckThreads zero", func(context.Context) error { _, err := startcost.CheckThreads(0); return err }, "n must be in"),
	probe.P("startcost.CheckThreads negative", func(context.Context) error { _, err := startcost.CheckThreads(-1); return err }, "got -1"),
	probe.P("startcost.CheckThreads huge", func(context.Context) error { _, err := startcost.CheckThreads(huge); return err }, "got 1000000000000"),
	probe.P("startcost.Sweep huge count", func(ctx context.Context) error {
		_, err := startcost.Sweep(ctx, []startcost.Plan{{Kind: startcost.Goroutine, Counts: []int{huge}}}, 1)
		return err
	}, "count 1000000000000 is not in"),
	probe.P("startcost.Sweep huge reps", func(ctx context.Context) error {
		_, err := startcost.Sweep(ctx, []startcost.Plan{{Kind: startcost.Goroutine, Counts: []int{1}}}, huge)
		return err
	}, "Reps must be at most"),
	probe.P("startcost.Sweep nil ctx", func(context.Context) error {
		_, err := startcost.Sweep(nil, []startcost.Plan{{Kind: startcost.Process, Counts: []int{1}}}, 1) //nolint:staticcheck // the probe
		return err
	}, "context"),
	probe.P("startcost.Largest nil and empty plans", func(context.Context) error {
		if ps := startcost.Largest(nil); len(ps) != 0 {
			return fmt.Errorf("plans from nil: %v", ps)
		}
		if ps := startcost.Largest([]startcost.Plan{{Kind: startcost.Thread}}); len(ps) != 0 {
			return fmt.Errorf("a plan without counts kept: %v", ps)
		}
		return nil
	}, probe.Harmless),
	probe.P("startcost.PerStart nil results", func(context.Context) error { _, err := startcost.PerStart(nil); return err }, "no results"),
	probe.P("startcost.PerStart result without a count", func(context.Context) error {
		_, err := startcost.PerStart([]bench.Result{{Strategy: "goroutine"}})
		return err
	}, "has no start count"),
	probe.P("startcost.PerStart negative count", func(context.Context) error {
		_, err := startcost.PerStart([]bench.Result{{Strategy: "goroutine", Params: map[string]string{"starts": "-5"}}})
		return err
	}, "has no start count"),
	probe.P("startcost.Series nil results", func(context.Context) error { _, err := startcost.Series(nil); return err }, "no results"),
	probe.P("startcost.Series result without a count", func(context.Context) error {
		_, err := startcost.Series([]bench.Result{{Strategy: "process"}})
		return err
	}, "has no start count"),
	probe.P("startcost.Verdict nil results", func(context.Context) error { _, err := startcost.Verdict(nil); return err }, "no results"),
	probe.P("startcost.Verdict zero and huge samples", func(context.Context) error {
		n := map[string]string{"starts": "1"}
		s, err := startcost.Verdict([]bench.Result{{Strategy: "goroutine", Params: n}, {Strategy: "process", Params: n, Samples: []time.Duration{hugeD}}})
		if err != nil {
			return err
		}
		return harmless(s)
	}, probe.Harmless),

	// 01-processes/startmethod.
	probe.P("startmethod.Measure nil ctx", func(context.Context) error {
		_, err := startmethod.Measure(nil, startmethod.Settings{}) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("startmethod.Measure huge reps", func(ctx context.Context) error {
		_, err := startmethod.Measure(ctx, startmethod.Settings{Reps: huge})
		return err
	}, "reps must be in"),
	probe.P("startmethod.Measure negative reps", func(ctx context.Context) error {
		_, err := startmethod.Measure(ctx, startmethod.Settings{Reps: -1})
		return err
	}, "reps must be in"),
	probe.P("startmethod.Measure unknown method", func(ctx context.Context) error {
		_, err := startmethod.Measure(ctx, startmethod.Settings{Methods: []string{"vfork"}})
		return err
	}, "unknown start method"),
	probe.P("startmethod.Run nil ctx", func(context.Context) error {
		_, err := startmethod.Run(nil, cpython.Interpreter{}, startmethod.Settings{}) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("startmethod.Run zero interpreter", func(ctx context.Context) error {
		_, err := startmethod.Run(ctx, cpython.Interpreter{}, startmethod.Settings{})
		return err
	}, "no path"),
	probe.P("startmethod.Run huge reps", func(ctx context.Context) error {
		_, err := startmethod.Run(ctx, cpython.Interpreter{}, startmethod.Settings{Reps: huge})
		return err
	}, "reps must be in"),
	probe.P("startmethod.GoStarts nil and odd medians", func(context.Context) error {
		if f := startmethod.GoStarts(nil); len(f) != 0 {
			return fmt.Errorf("figures from nil: %v", f)
		}
		f := startmethod.GoStarts(map[string]time.Duration{"process": nanD, "goroutine": hugeD, "nonsense": 1})
		if len(f) != 2 {
			return fmt.Errorf("want the figures of the two known kinds, got %v", f)
		}
		return nil
	}, probe.Harmless),
	probe.P("startmethod.Merge nothing and nil", func(context.Context) error {
		if f := startmethod.Merge(); f == nil || len(f) != 0 {
			return fmt.Errorf("Merge() = %v", f)
		}
		if f := startmethod.Merge(nil, nil); f == nil || len(f) != 0 {
			return fmt.Errorf("Merge(nil, nil) = %v", f)
		}
		return nil
	}, probe.Harmless),

	// 01-processes/unit.
	probe.P("unit.Spin nil ctx", func(context.Context) error {
		_, err := unit.Spin(nil, 1, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("unit.Spin zero n", func(ctx context.Context) error { _, err := unit.Spin(ctx, 0, time.Millisecond); return err }, "got 0"),
	probe.P("unit.Spin huge n", func(ctx context.Context) error { _, err := unit.Spin(ctx, huge, time.Millisecond); return err }, "got 1000000000000"),
	probe.P("unit.Spin NaN d", func(ctx context.Context) error { _, err := unit.Spin(ctx, 1, nanD); return err }, "0 < d"),
	probe.P("unit.Spin huge d", func(ctx context.Context) error { _, err := unit.Spin(ctx, 1, hugeD); return err }, "0 < d"),
	probe.P("unit.Spin longest d, short ctx", func(ctx context.Context) error {
		ctx, cancel := short(ctx)
		defer cancel()
		_, err := unit.Spin(ctx, 1, unit.MaxSpin)
		return err
	}, "deadline exceeded"),

	// 02-threads/cancellation.
	probe.P("cancellation.StopLatency nil ctx", func(context.Context) error {
		_, err := cancellation.StopLatency(nil, 1, 1) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("cancellation.StopLatency most trials, short ctx", func(ctx context.Context) error {
		ctx, cancel := short(ctx)
		defer cancel()
		_, err := cancellation.StopLatency(ctx, 1<<16, cancellation.MaxTrials)
		return err
	}, "deadline exceeded"),
	probe.P("cancellation.Sweep nil intervals", func(ctx context.Context) error { _, err := cancellation.Sweep(ctx, nil, 1); return err }, "no check intervals"),
	probe.P("cancellation.Sweep zero interval", func(ctx context.Context) error {
		_, err := cancellation.Sweep(ctx, []int64{0}, 1)
		return err
	}, "checkEvery must be in"),
	probe.P("cancellation.Sweep huge interval", func(ctx context.Context) error {
		_, err := cancellation.Sweep(ctx, []int64{math.MaxInt64}, 1)
		return err
	}, "checkEvery must be in"),
	probe.P("cancellation.Sweep negative trials", func(ctx context.Context) error {
		_, err := cancellation.Sweep(ctx, []int64{1}, -1)
		return err
	}, "at least one trial"),
	probe.P("cancellation.Sweep huge trials", func(ctx context.Context) error {
		_, err := cancellation.Sweep(ctx, []int64{1}, huge)
		return err
	}, "trials must be at most"),
	probe.P("cancellation.Sweep nil ctx", func(context.Context) error {
		_, err := cancellation.Sweep(nil, []int64{1}, 1) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("cancellation.CompareStops nil interpreter, huge trials", func(ctx context.Context) error {
		_, err := cancellation.CompareStops(ctx, nil, []int64{1}, huge, 1, time.Millisecond)
		return err
	}, "trials must be at most"),
	probe.P("cancellation.CompareStops nil interpreter, NaN wait", func(ctx context.Context) error {
		_, err := cancellation.CompareStops(ctx, nil, []int64{1}, 1, 1, nanD)
		return err
	}, "wait"),
	probe.P("cancellation.CompareStops nil interpreter, huge n", func(ctx context.Context) error {
		_, err := cancellation.CompareStops(ctx, nil, []int64{1}, 1, math.MaxInt64, time.Millisecond)
		return err
	}, "n must be 1 to"),
	probe.P("cancellation.CompareStops nil interpreter, nil ctx", func(context.Context) error {
		_, err := cancellation.CompareStops(nil, nil, []int64{1}, 1, 1, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("cancellation.CompareStops nil interpreter", func(ctx context.Context) error {
		s, err := cancellation.CompareStops(ctx, nil, []int64{1}, 1, 1, time.Millisecond)
		if err != nil {
			return err
		}
		if !errors.Is(s.PyErr, cpython.ErrNoPython) || len(s.Go) != 1 {
			return fmt.Errorf("want the Go side and ErrNoPython, got %d Go rows and %v", len(s.Go), s.PyErr)
		}
		return nil
	}, probe.Harmless),
	probe.P("cancellation.CPython nil intervals", func(ctx context.Context) error {
		_, err := cancellation.CPython(ctx, cpython.Interpreter{}, nil, 1, time.Millisecond)
		return err
	}, "need check intervals"),
	probe.P("cancellation.CPython NaN wait", func(ctx context.Context) error {
		_, err := cancellation.CPython(ctx, cpython.Interpreter{}, []int64{1}, 1, nanD)
		return err
	}, "positive wait"),
	probe.P("cancellation.CPython huge trials", func(ctx context.Context) error {
		_, err := cancellation.CPython(ctx, cpython.Interpreter{}, []int64{1}, huge, time.Millisecond)
		return err
	}, "trials must be at most"),
	probe.P("cancellation.CPython huge interval", func(ctx context.Context) error {
		_, err := cancellation.CPython(ctx, cpython.Interpreter{}, []int64{math.MaxInt64}, 1, time.Millisecond)
		return err
	}, "checkEvery must be in"),
	probe.P("cancellation.CPython huge wait", func(ctx context.Context) error {
		_, err := cancellation.CPython(ctx, cpython.Interpreter{}, []int64{1}, 1, hugeD)
		return err
	}, "wait must be at most"),
	probe.P("cancellation.CPython zero interpreter", func(ctx context.Context) error {
		_, err := cancellation.CPython(ctx, cpython.Interpreter{}, []int64{1}, 1, time.Millisecond)
		return err
	}, "no path"),
	probe.P("cancellation.Growth nil and odd latencies", func(context.Context) error {
		if _, _, ok := cancellation.Growth(nil); ok {
			return errors.New("a growth from nil")
		}
		ls := []cancellation.Latencies{{CheckEvery: -1, Stops: []time.Duration{1}}, {CheckEvery: 1, Stops: []time.Duration{nanD}}, {CheckEvery: math.MaxInt64, Stops: []time.Duration{hugeD}}}
		d, i, ok := cancellation.Growth(ls)
		if ok && (math.IsNaN(d) || math.IsNaN(i)) {
			return fmt.Errorf("NaN growth %v, %v", d, i)
		}
		return nil
	}, probe.Harmless),
	probe.P("cancellation.MedianMS nil latencies", func(context.Context) error {
		if _, _, ok := cancellation.MedianMS(nil); ok {
			return errors.New("medians from nil")
		}
		if _, _, ok := cancellation.MedianMS([]cancellation.Latencies{{CheckEvery: 1}}); ok {
			return errors.New("medians without trials")
		}
		return nil
	}, probe.Harmless),
	probe.P("cancellation.Series nil latencies", func(context.Context) error { _, err := cancellation.Series(nil); return err }, "no latencies"),
	probe.P("cancellation.Series no trials", func(context.Context) error {
		_, err := cancellation.Series([]cancellation.Latencies{{CheckEvery: 7}})
		return err
	}, "no trials for checkEvery 7"),
	probe.P("cancellation.Verdict nil and odd latencies", func(context.Context) error {
		if s := cancellation.Verdict(nil); !strings.Contains(s, "No stop") {
			return fmt.Errorf("nil latencies: %s", s)
		}
		ls := []cancellation.Latencies{{CheckEvery: 0, Stops: []time.Duration{nanD}}, {CheckEvery: math.MaxInt64, Stops: []time.Duration{hugeD}}}
		return harmless(cancellation.Verdict(ls))
	}, probe.Harmless),

	// 02-threads/deadlock.
	probe.P("deadlock.Run nil ctx", func(context.Context) error {
		_, err := deadlock.Run(nil, 0, time.Second) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("deadlock.Run NaN hold", func(ctx context.Context) error { _, err := deadlock.Run(ctx, nanD, time.Second); return err }, "hold"),
	probe.P("deadlock.Run huge hold", func(ctx context.Context) error { _, err := deadlock.Run(ctx, hugeD, time.Second); return err }, "hold"),
	probe.P("deadlock.Run NaN timeout", func(ctx context.Context) error { _, err := deadlock.Run(ctx, 0, nanD); return err }, "timeout"),
	probe.P("deadlock.Run huge timeout, short ctx", func(ctx context.Context) error {
		ctx, cancel := short(ctx)
		defer cancel()
		_, err := deadlock.Run(ctx, 10*time.Millisecond, 10*time.Minute)
		return err
	}, "timeout must be at most"),
	probe.P("deadlock.Run longest timeout, short ctx", func(ctx context.Context) error {
		ctx, cancel := short(ctx)
		defer cancel()
		_, err := deadlock.Run(ctx, 10*time.Millisecond, deadlock.MaxTimeout)
		return err
	}, "deadline exceeded"),
	probe.P("deadlock.Compare nil interpreter, huge hold", func(ctx context.Context) error {
		_, err := deadlock.Compare(ctx, nil, hugeD, time.Second)
		return err
	}, "hold"),
	probe.P("deadlock.Compare nil interpreter, nil ctx", func(context.Context) error {
		_, err := deadlock.Compare(nil, nil, 0, time.Second) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("deadlock.CPython zero interpreter, NaN timeout", func(ctx context.Context) error {
		_, err := deadlock.CPython(ctx, cpython.Interpreter{}, 0, nanD)
		return err
	}, "timeout"),
	probe.P("deadlock.CPython zero interpreter, huge hold", func(ctx context.Context) error {
		_, err := deadlock.CPython(ctx, cpython.Interpreter{}, hugeD, hugeD)
		return err
	}, "hold"),
	probe.P("deadlock.CPython zero interpreter", func(ctx context.Context) error {
		_, err := deadlock.CPython(ctx, cpython.Interpreter{}, 0, time.Second)
		return err
	}, "no path"),

	// 07-cheatsheet/cheatsheet.
	probe.P("cheatsheet.Run nil ctx", func(context.Context) error {
		return cheatsheet.Run(nil, cheatsheet.Rows()[0]) //nolint:staticcheck // the probe
	}, "needs a context"),
	probe.P("cheatsheet.Run every row, cancelled ctx", func(context.Context) error {
		for _, r := range cheatsheet.Rows() {
			if err := cheatsheet.Run(cancelled(), r); err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("%s: %w", r.Python, err)
			}
		}
		return nil
	}, probe.Harmless),
	probe.P("cheatsheet.Run zero row", func(ctx context.Context) error { return cheatsheet.Run(ctx, cheatsheet.Row{}) }, "has no snippet"),
	probe.P("cheatsheet.Snippet zero row", func(context.Context) error { _, err := cheatsheet.Snippet(cheatsheet.Row{}); return err }, "has no snippet"),
	probe.P("cheatsheet.Snippet unknown function", func(context.Context) error {
		_, err := cheatsheet.Snippet(cheatsheet.Row{Python: "x", Snippets: []string{"nope"}})
		return err
	}, `the row "x"`),
	probe.P("cheatsheet.Markdown nil rows", func(context.Context) error { _, err := cheatsheet.Markdown(nil, "asyncio"); return err }, "no rows in the group"),

	// The exercises packages.
	probe.P("exercises.LostPercent nil and empty losses", func(context.Context) error {
		if p, g := threadsex.LostPercent(nil); p != 0 || g != 0 {
			return fmt.Errorf("LostPercent(nil) = %v, %d", p, g)
		}
		p, g := threadsex.LostPercent([]datarace.Losses{{Goroutines: -1}, {Goroutines: math.MaxInt, Increments: 0, Lost: []int64{math.MaxInt64}}})
		if math.IsNaN(p) || math.IsInf(p, 0) {
			return fmt.Errorf("LostPercent = %v with %d goroutines", p, g)
		}
		return nil
	}, probe.Harmless),
	probe.P("exercises.ConvoyWait nil results", func(context.Context) error {
		if d, _ := gilex.ConvoyWait(nil); d != 0 {
			return fmt.Errorf("ConvoyWait(nil) = %v", d)
		}
		return nil
	}, probe.Harmless),
}
