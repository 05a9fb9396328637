package kernelhelpers_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/amdahl"
	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/contention"
	"concurrencylab/kernel-helpers/course"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/exercise"
	"concurrencylab/kernel-helpers/futures"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/internal/apiscan"
	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/kernel-helpers/ipynb"
	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/kernel-helpers/predict"
	"concurrencylab/kernel-helpers/progress"
	"concurrencylab/kernel-helpers/quick"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/kernel-helpers/snippet"
	"concurrencylab/kernel-helpers/source"
	"concurrencylab/kernel-helpers/worker"
	"concurrencylab/workloads"
	"concurrencylab/workloads/latency"
)

// The values a reader types when they change a parameter to "a lot".
const (
	huge  = probe.Huge
	nanD  = probe.NaND
	hugeD = probe.HugeD
)

var nan = math.NaN()

// harmless turns a call that returns no error into a probe's call: it
// passes when check accepts the result.
func harmless(check func() bool) func(context.Context) error {
	return func(context.Context) error {
		if !check() {
			return errors.New("unexpected result")
		}
		return nil
	}
}

// libraryProbes is the bad-input table of the library floor.
func libraryProbes(t *testing.T) []probe.Probe {
	var nilGIL *gil.GIL
	var nilStore *history.Store
	var nilPool *worker.Pool
	var nilBar *progress.Bar
	ok := func() error { return nil }
	nanResult := bench.Result{Name: "x", Samples: []time.Duration{nanD}}
	probes := []probe.Probe{
		probe.P("amdahl.Fit nil", func(context.Context) error { _, err := amdahl.Fit(nil); return err }, "no point"),
		probe.P("amdahl.Fit NaN", func(context.Context) error {
			_, err := amdahl.Fit([]amdahl.Point{{Workers: nan, Speedup: 1}})
			return err
		}, "NaN workers"),
		probe.P("amdahl.FitOn cores negative", func(context.Context) error {
			_, err := amdahl.FitOn([]amdahl.Point{{Workers: 2, Speedup: 1.5}}, -1)
			return err
		}, "cores"),
		probe.P("amdahl.Model.Curve nil", harmless(func() bool { return len(amdahl.Model{Serial: nan}.Curve("x", nil, -1).X) == 0 }), probe.Harmless),
		probe.P("amdahl.Model.Describe cores negative", harmless(func() bool { return amdahl.Model{Serial: nan}.Describe(-1) != "" }), probe.Harmless),
		probe.P("amdahl.Model.On NaN", harmless(func() bool { return math.IsNaN(amdahl.Model{Serial: 0.5}.On(nan, -1)) }), probe.Harmless),
		probe.P("amdahl.Model.Speedup NaN", harmless(func() bool { return math.IsNaN(amdahl.Model{Serial: 0.5}.Speedup(nan)) }), probe.Harmless),
		probe.P("amdahl.Speedup NaN", harmless(func() bool { return math.IsNaN(amdahl.Speedup(nan, 2)) }), probe.Harmless),

		probe.P("bench.Median nil", harmless(func() bool { return bench.Median[float64](nil) == 0 }), probe.Harmless),
		probe.P("bench.Ms NaN", harmless(func() bool { return bench.Ms(nanD) < 0 }), probe.Harmless),
		probe.P("bench.Round NaN", harmless(func() bool { return bench.Round(nanD) < 0 }), probe.Harmless),
		probe.P("bench.Shown negative", harmless(func() bool { return bench.Shown("x", -1) != "" }), probe.Harmless),
		probe.P("bench.Speedup empty", harmless(func() bool { return bench.Speedup(bench.Result{}, nanResult) == 0 }), probe.Harmless),
		probe.P("bench.Verdict NaN", harmless(func() bool {
			return strings.Contains(bench.Verdict(nan, 0, "x", bench.Cores{GOMAXPROCS: -1}), "not a measurement")
		}), probe.Harmless),
		probe.P("bench.Run reps huge", func(ctx context.Context) error {
			_, err := bench.Run(ctx, bench.Options{Reps: huge}, ok)
			return err
		}, "Reps must be at most"),
		probe.P("bench.Run reps negative", func(ctx context.Context) error {
			_, err := bench.Run(ctx, bench.Options{Reps: -1}, ok)
			return err
		}, "Reps must be 0"),
		probe.P("bench.Run warmup huge", func(ctx context.Context) error {
			_, err := bench.Run(ctx, bench.Options{Warmup: huge}, ok)
			return err
		}, "Warmup must be at most"),
		probe.P("bench.Run nil func", func(ctx context.Context) error {
			_, err := bench.Run(ctx, bench.Options{}, nil)
			return err
		}, "function to time"),
		probe.P("bench.Run nil ctx", func(context.Context) error {
			_, err := bench.Run(nil, bench.Options{}, ok) //nolint:staticcheck // the nil context is the probe
			return err
		}, "needs a context"),

		probe.P("claims.Check unknown", func(context.Context) error { _, err := claims.Check("no-such-claim", nil); return err }, "no-such-claim"),
		probe.P("claims.Claim.Check nil figures", harmless(func() bool { return claims.All()[0].Check(nil).Outcome == claims.Unmeasured }), probe.Harmless),
		probe.P("claims.Claim.FiguresIn nil", harmless(func() bool { return len(claims.All()[0].FiguresIn(nil)) == 0 }), probe.Harmless),
		probe.P("claims.Claim.Markdown nil figures", harmless(func() bool { return claims.All()[0].Markdown(nil) != "" }), probe.Harmless),
		probe.P("claims.Claim.Plain nil figures", harmless(func() bool { return claims.All()[0].Plain(nil) != "" }), probe.Harmless),
		probe.P("claims.Claim.Row nil figures", harmless(func() bool { return len(claims.All()[0].Row(nil)) > 0 }), probe.Harmless),
		probe.P("claims.Claim.Check zero claim", harmless(func() bool { return claims.Claim{}.Check(claims.Figures{"x": nan}).Outcome == claims.Unmeasured }), probe.Harmless),
		probe.P("claims.Counts nil", harmless(func() bool { return len(claims.Counts(nil, nil)) == 0 }), probe.Harmless),
		probe.P("claims.Figures.Has nil", harmless(func() bool { return !claims.Figures(nil).Has("x") }), probe.Harmless),
		probe.P("claims.KeyPoints unknown claim", harmless(func() bool { claims.KeyPoints(claims.Point{Claim: "no-such-claim"}); return true }), probe.Harmless),
		probe.P("claims.KeyPointsText unknown claim", func(context.Context) error {
			_, err := claims.KeyPointsText([]claims.Point{{Claim: "no-such-claim"}}, nil)
			return err
		}, "no-such-claim"),
		probe.P("claims.LedgerText unknown notebook", func(context.Context) error { _, _, err := claims.LedgerText("99-none", nil); return err }, probe.Harmless),
		probe.P("claims.Measured NaN", harmless(func() bool { claims.Measured(claims.Figures{"x": nan}); return true }), probe.Harmless),
		probe.P("claims.ParseShown nil", func(context.Context) error { _, err := claims.ParseShown(nil); return err }, "claims"),
		probe.P("claims.Record unknown", func(context.Context) error { return claims.Record("no-such-claim", nil) }, "no-such-claim"),
		probe.P("claims.Show unknown", harmless(func() bool { claims.Show("no-such-claim", nil); return true }), probe.Harmless),
		probe.P("claims.Summary nil", harmless(func() bool { claims.Summary(nil, nil); return true }), probe.Harmless),
		probe.P("claims.Table nil", func(context.Context) error { _, err := claims.Table(nil, nil); return err }, probe.Harmless),
		probe.P("claims.WithMachine nil", harmless(func() bool { claims.WithMachine(nil); return true }), probe.Harmless),

		probe.P("contention.Judge nil verdict", harmless(func() bool { contention.Judge(nil, nil); return true }), probe.Harmless),
		probe.P("contention.Measure nil", harmless(func() bool { return !contention.Measure(nil).Known }), probe.Harmless),
		probe.P("contention.Worst none", harmless(func() bool { return !contention.Worst().Known }), probe.Harmless),

		probe.P("course.About.Markdown nil", harmless(func() bool { course.About{}.Markdown(nil); return true }), probe.Harmless),
		probe.P("course.Entry nil notebook", func(context.Context) error { _, err := course.Entry("x.ipynb", nil); return err }, "x.ipynb"),
		probe.P("course.AboutOf nil", harmless(func() bool { return len(course.AboutOf(nil).Objectives) == 0 }), probe.Harmless),
		probe.P("ipynb.Parse nil", func(context.Context) error { _, err := ipynb.Parse(nil); return err }, "not a notebook"),
		probe.P("ipynb.Parse huge", func(context.Context) error { _, err := ipynb.Parse(make([]byte, ipynb.MaxSize+1)); return err }, "MaxSize"),
		probe.P("ipynb.Tree deep", func(context.Context) error {
			_, err := ipynb.Tree([]byte(strings.Repeat("[", ipynb.MaxDepth+1) + strings.Repeat("]", ipynb.MaxDepth+1)))
			return err
		}, "MaxDepth"),
		probe.P("ipynb.Text.UnmarshalJSON number", harmless(func() bool { // kept as its JSON text, as documented
			var x ipynb.Text
			return x.UnmarshalJSON([]byte("12")) == nil && x == "12"
		}), probe.Harmless),
		probe.P("course.Markdown nil link", harmless(func() bool { course.Markdown([]course.Notebook{{File: "x"}}, nil); return true }), probe.Harmless),
		probe.P("course.ReadingMinutes negative", harmless(func() bool { return course.ReadingMinutes(-1) >= 0 }), probe.Harmless),

		probe.P("cpython.Find nil ctx", func(context.Context) error { _, err := cpython.Find(nil); return err }, "context"),                //nolint:staticcheck // the probe
		probe.P("cpython.Lookup nil ctx", func(context.Context) error { _, err := cpython.Lookup(nil, "python3"); return err }, "context"), //nolint:staticcheck // the probe
		probe.P("cpython.Parse garbage", func(context.Context) error { _, err := cpython.Parse([]byte("{garbage"), ""); return err }, "not the expected JSON"),
		probe.P("cpython.Interpreter.Convoy negative hogs", func(ctx context.Context) error {
			_, err := cpython.Interpreter{}.Convoy(ctx, cpython.ConvoyConfig{Hogs: []int{-1}})
			return err
		}, "Hogs"),
		probe.P("cpython.Interpreter.Dispatch huge tasks", func(ctx context.Context) error {
			_, err := cpython.Interpreter{}.Dispatch(ctx, cpython.DispatchConfig{Tasks: huge})
			return err
		}, "Tasks"),
		probe.P("cpython.Interpreter.Strategies huge tasks", func(ctx context.Context) error {
			_, err := cpython.Interpreter{}.Strategies(ctx, cpython.StrategiesConfig{Tasks: huge, Workers: huge})
			return err
		}, "Tasks is 1000000000000"),
		probe.P("cpython.Interpreter.RunJSON nil ctx", func(context.Context) error {
			return cpython.Interpreter{}.RunJSON(nil, "nope", nil, nil) //nolint:staticcheck // the probe
		}, `no program "nope"`),

		probe.P("display.Alt nil", harmless(func() bool { display.Alt(nil); return true }), probe.Harmless),
		probe.P("display.Count negative", harmless(func() bool { return display.Count(-1) != "" }), probe.Harmless),
		probe.P("display.ImageHTML nil", harmless(func() bool { display.ImageHTML(nil); return true }), probe.Harmless),
		probe.P("display.Plot nil", harmless(func() bool { display.Plot(nil, nil); return true }), probe.Harmless),
		probe.P("display.SVG nil", harmless(func() bool { display.SVG(nil); return true }), probe.Harmless),
		probe.P("display.Table ragged", harmless(func() bool { display.Table(nil, [][]string{{"a", "b"}, nil}); return true }), probe.Harmless),
		probe.P("display.TableMarkdown ragged", func(context.Context) error {
			_, err := display.TableMarkdown([]string{"a"}, [][]string{{"a", "b"}})
			return err
		}, "cells"),

		probe.P("exercise.New nil test", func(ctx context.Context) error {
			r := exercise.New[func()]("00-x", "x", nil).Run(ctx)
			if r.Passed() {
				return nil
			}
			return errors.New(r.Hint)
		}, "test"),
		probe.P("exercise.Exercise.Run nil ctx", func(context.Context) error {
			r := exercise.New("00-x", "x", func(t *exercise.T, f func() int) {}).Run(nil) //nolint:staticcheck // the probe
			if r.Passed() {
				return nil
			}
			return errors.New(r.Hint)
		}, "context"),
		probe.P("exercise.Show negative took", harmless(func() bool { exercise.Show(exercise.Result{Took: nanD}); return true }), probe.Harmless),

		probe.P("futures.AsCompleted nil futures", harmless(func() bool {
			n := 0
			for range futures.AsCompleted[int](context.Background(), []*futures.Future[int]{nil}) {
				n++
			}
			return n <= 1
		}), probe.Harmless),
		probe.P("futures.Wait nil future", func(context.Context) error { _, err := futures.Wait[int](nil); return err }, "nil"),
		probe.P("futures.NewGoroutinePool zero", func(context.Context) error {
			_, err := futures.NewGoroutinePool(0)
			return err
		}, "must be positive"),
		probe.P("futures.NewProcessPool huge", func(ctx context.Context) error {
			_, err := futures.NewProcessPool(ctx, huge)
			return err
		}, "more than this machine allows"),
		probe.P("futures.Submit zero pool", func(ctx context.Context) error {
			_, err := futures.Submit(ctx, &futures.GoroutinePool{}, func(context.Context) (int, error) { return 1, nil }).Wait()
			return err
		}, "zero-value"),
		probe.P("futures.Submit nil func", func(ctx context.Context) error {
			p, err := futures.NewGoroutinePool(1)
			if err != nil {
				return err
			}
			defer p.Close()
			_, err = futures.Submit[int](ctx, p, nil).Wait()
			return err
		}, "nil"),
		probe.P("futures.SubmitTask nil pool", func(ctx context.Context) error {
			_, err := futures.SubmitTask[int](ctx, nil, "noop", nil).Wait()
			return err
		}, "nil"),

		probe.P("gil.Blocking nil func", func(ctx context.Context) error { gil.Blocking(ctx, nil); return nil }, probe.Harmless),
		probe.P("gil.CheckFunc nil ctx", harmless(func() bool { return gil.CheckFunc(nil) == nil }), probe.Harmless), //nolint:staticcheck // the probe
		probe.P("gil.Convoy huge hogs", func(ctx context.Context) error {
			_, err := gil.Convoy(ctx, gil.ConvoyConfig{Hogs: huge})
			return err
		}, "Hogs"),
		probe.P("gil.CountTask negative", func(ctx context.Context) error { _, err := gil.New().Run(ctx, gil.CountTask(-1)); return err }, "CountTask: n -1 must be 0 or more"),
		probe.P("gil.SumSqrtTask negative", func(ctx context.Context) error { _, err := gil.New().Run(ctx, gil.SumSqrtTask(-1)); return err }, "SumSqrtTask: n -1 must be 0 or more"),
		probe.P("gil.SleepTask NaN", func(ctx context.Context) error { _, err := gil.New().Run(ctx, gil.SleepTask(nanD)); return err }, "SleepTask: duration"),
		probe.P("gil.FromContext nil", harmless(func() bool { return gil.FromContext(nil) == nil }), probe.Harmless), //nolint:staticcheck // the probe
		probe.P("gil.NewContext nil thread", harmless(func() bool { return gil.NewContext(context.Background(), nil) != nil }), probe.Harmless),
		probe.P("gil.GIL.Run nil GIL", func(ctx context.Context) error { _, err := nilGIL.Run(ctx, gil.CountTask(1)); return err }, "needs a GIL"),
		probe.P("gil.GIL.Run too many", func(ctx context.Context) error {
			tasks := make([]gil.Task, gil.MaxThreads+1)
			for i := range tasks {
				tasks[i] = gil.SleepTask(time.Millisecond)
			}
			_, err := gil.New().Run(ctx, tasks...)
			return err
		}, "more than"),
		probe.P("gil.GIL.SetSwitchInterval NaN", func(context.Context) error { return gil.New().SetSwitchInterval(nanD) }, "positive"),
		probe.P("gil.GIL.SetSwitchInterval huge", func(context.Context) error { return gil.New().SetSwitchInterval(hugeD) }, "limit"),
		probe.P("gil.Thread.Blocking nil thread", harmless(func() bool { (*gil.Thread)(nil).Blocking(func() {}); return true }), probe.Harmless),

		probe.P("history.Compare nil", harmless(func() bool { return len(history.Compare(nil)) == 0 }), probe.Harmless),
		probe.P("history.Decode nil", func(context.Context) error { _, _, err := history.Decode(nil); return err }, "needs a reader"),
		probe.P("history.Last negative", harmless(func() bool { return len(history.Last([]history.Entry{{}}, -1)) == 0 }), probe.Harmless),
		probe.P("history.Plot nil", func(context.Context) error { _, err := history.Plot("x", nil); return err }, "no"),
		probe.P("history.Select nil filter", harmless(func() bool { history.Select([]history.Entry{{}}, nil); return true }), probe.Harmless),
		probe.P("history.Since zero", harmless(func() bool { return len(history.Select([]history.Entry{{}}, history.Since(time.Time{}))) == 1 }), probe.Harmless),
		probe.P("history.Store.Record nil store", func(context.Context) error { return nilStore.Record("", bench.Result{Name: "x"}) }, "no store"),
		probe.P("history.Store.Append nil store", func(context.Context) error { return nilStore.Append(history.Entry{}) }, "no store"),
		probe.P("history.Store.Plot nil store", func(context.Context) error { _, err := nilStore.Plot("x"); return err }, "no store"),
		probe.P("history.Store.Query nil store", func(context.Context) error { _, err := nilStore.Query("x", nil); return err }, "no store"),
		probe.P("history.Store.Load zero store", func(context.Context) error { _, err := (&history.Store{}).Load(); return err }, "no store"),
		probe.P("history.Open empty", func(context.Context) error { _, err := history.Open(""); return err }, "file path"),

		probe.P("latency.Start NaN latency", func(context.Context) error { _, err := latency.Start(latency.Options{Latency: nanD}); return err }, "outside"),
		probe.P("latency.Start huge body", func(context.Context) error { _, err := latency.Start(latency.Options{BodySize: huge}); return err }, "outside"),
		probe.P("latency.Fetch nil client", func(ctx context.Context) error { _, err := latency.Fetch(ctx, nil, "http://127.0.0.1:1/"); return err }, "nil *http.Client"),
		probe.P("latency.FetchAll huge concurrency", func(ctx context.Context) error {
			_, err := latency.FetchAll(ctx, []string{"http://127.0.0.1:1/"}, huge)
			return err
		}, "more than this machine allows"),
		probe.P("latency.FetchAllWith nil client", func(ctx context.Context) error {
			_, err := latency.FetchAllWith(ctx, nil, []string{"http://127.0.0.1:1/"}, 1)
			return err
		}, "nil *http.Client"),
		probe.P("latency.Server.URLs huge", func(ctx context.Context) error {
			s, err := latency.Start(latency.Options{})
			if err != nil {
				return err
			}
			defer s.Close()
			_, err = latency.FetchAll(ctx, s.URLs(huge), 1)
			return err
		}, "at most"),
		probe.P("latency.Server.URL negative", func(ctx context.Context) error {
			s, err := latency.Start(latency.Options{})
			if err != nil {
				return err
			}
			defer s.Close()
			_, err = latency.Fetch(ctx, s.Client(), s.URL(-1))
			return err
		}, probe.Harmless),

		probe.P("memory.PrivateOf zero pid", func(context.Context) error { _, err := memory.PrivateOf(0); return err }, "pid"),
		probe.P("memory.PrivateOf negative pid", func(context.Context) error { _, err := memory.PrivateOf(-1); return err }, "pid"),
		probe.P("memory.PrivateOf huge pid", func(context.Context) error { _, err := memory.PrivateOf(math.MaxInt); return err }, "no process"),
		probe.P("memory.PerGoroutine huge", func(context.Context) error { _, err := memory.PerGoroutine(huge); return err }, "n must be in [1, 1000000]"),
		probe.P("memory.PerThread huge", func(context.Context) error { _, err := memory.PerThread(huge); return err }, "n must be in [1, 2000]"),
		probe.P("memory.PrivatePerThread huge", func(context.Context) error { _, err := memory.PrivatePerThread(huge); return err }, "n must be in [1, 2000]"),
		probe.P("memory.PerProcess huge", func(ctx context.Context) error { _, err := memory.PerProcess(ctx, huge); return err }, "n must be in [1, 128]"),
		probe.P("memory.PrivatePerProcess huge", func(ctx context.Context) error { _, err := memory.PrivatePerProcess(ctx, huge); return err }, "n must be in [1, 128]"),
		probe.P("memory.ParkThreads negative", func(context.Context) error { _, err := memory.ParkThreads(-1); return err }, "n must be in [1, 2000]"),
		probe.P("memory.ParkGoroutines huge", func(context.Context) error { _, err := memory.ParkGoroutines(huge); return err }, "n must be in [1, 1000000]"),
		probe.P("memory.Of negative", func(context.Context) error { _, err := memory.Of(-1); return err }, "invalid pid -1"),
		probe.P("memory.ChildrenOf negative", func(context.Context) error { _, err := memory.ChildrenOf(-1); return err }, "invalid pid -1"),

		probe.P("plots.Lines NaN", func(context.Context) error {
			_, err := plots.Lines("x", plots.Axis{}, plots.Axis{}, []plots.Series{{Name: "a", X: []float64{1}, Y: []float64{nan}}})
			return err
		}, "Y[0] is NaN"),
		probe.P("plots.Options.Lines none", func(context.Context) error {
			_, err := plots.Options{}.Lines("x", plots.Axis{}, plots.Axis{}, nil)
			return err
		}, "no series"),
		probe.P("plots.Speedup NaN", func(context.Context) error {
			_, err := plots.Speedup("x", []plots.Series{{Name: "a", X: []float64{nan}, Y: []float64{1}}}, true)
			return err
		}, "X[0] is NaN"),
		probe.P("plots.Options.Speedup none", func(context.Context) error { _, err := plots.Options{}.Speedup("x", nil, true); return err }, "no series"),
		probe.P("plots.Timeline none", func(context.Context) error { _, err := plots.Timeline("x", nil); return err }, "no spans"),
		probe.P("plots.Options.Timeline none", func(context.Context) error { _, err := plots.Options{}.Timeline("x", nil); return err }, "no spans"),
		probe.P("plots.Timings none", func(context.Context) error { _, err := plots.Timings("x", nil); return err }, "no results"),
		probe.P("plots.Options.Timings no samples", func(context.Context) error {
			_, err := plots.Options{}.Timings("x", []bench.Result{{Name: "a"}})
			return err
		}, "no samples"),
		probe.P("plots.SpeedupSeries empty base", func(context.Context) error {
			_, err := plots.SpeedupSeries("x", bench.Result{}, []bench.Result{nanResult})
			return err
		}, "baseline has no positive samples"),

		probe.P("predict.Duration NaN", harmless(func() bool { return predict.Duration("x", nanD, nanD) != "" }), probe.Harmless),
		probe.P("predict.Number NaN", harmless(func() bool { return predict.Number("x", nan, nan, "") != "" }), probe.Harmless),
		probe.P("predict.Ratio NaN", harmless(func() bool { return predict.Ratio("x", nan, math.Inf(1)) != "" }), probe.Harmless),

		probe.P("progress.New negative total", harmless(func() bool {
			b := progress.New("x", -1, progress.WithWriter(&bytes.Buffer{}))
			b.Done()
			return true
		}), probe.Harmless),
		probe.P("progress.WithWriter nil", harmless(func() bool { progress.New("x", 1, progress.WithWriter(nil)).Done(); return true }), probe.Harmless),
		probe.P("progress.Bar.Add negative on nil bar", harmless(func() bool { nilBar.Add(-1); return nilBar.Count() == 0 }), probe.Harmless),
		probe.P("progress.Bar.Set huge", harmless(func() bool {
			b := progress.New("x", 1, progress.WithWriter(&bytes.Buffer{}))
			b.Set(huge)
			b.Done()
			return true
		}), probe.Harmless),

		probe.P("quick.Pick nil", harmless(func() bool { return quick.Pick[any](nil, nil) == nil }), probe.Harmless),

		probe.P("run.MaxProcs huge", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.MaxProcs(huge), run.Work(1, "noop", nil))
			return err
		}, "GOMAXPROCS must be"),
		probe.P("run.OSThreads huge", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.OSThreads(huge), run.Work(1, "noop", nil))
			return err
		}, "threads"),
		probe.P("run.ProcessPool huge", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.ProcessPool(huge), run.Work(1, "noop", nil))
			return err
		}, "processes"),
		probe.P("run.ProcessPerTask negative", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.ProcessPerTask(-1), run.Work(1, "noop", nil))
			return err
		}, "processes"),
		probe.P("run.GoroutinePool zero", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.GoroutinePool(0), run.Work(1, "noop", nil))
			return err
		}, "at least 1"),
		probe.P("run.Work negative", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.Sequential(), run.Work(-1, "noop", nil))
			return err
		}, "n must be 0 to"),
		probe.P("run.Work huge", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.Goroutines(), run.Work(huge, "noop", nil))
			return err
		}, "n must be 0 to"),
		probe.P("run.GILThreads nil", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.GILThreads(nil), run.Work(1, "noop", nil))
			return err
		}, "needs a GIL"),
		probe.P("run.GILBatch nil", func(ctx context.Context) error {
			_, err := run.GILBatch(ctx, nil, run.Work(1, "noop", nil))
			return err
		}, "needs a GIL"),
		probe.P("run.UsePool nil", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.UsePool(nil), run.Work(1, "noop", nil))
			return err
		}, "needs a pool"),
		probe.P("run.Strategies negative", harmless(func() bool { run.Strategies(-1); return true }), probe.Harmless),
		probe.P("run.Batch nil ctx", func(context.Context) error {
			_, err := run.Batch(nil, run.Sequential(), nil) //nolint:staticcheck // the probe
			return err
		}, "needs a context"),
		probe.P("run.BatchOf zero strategy", func(ctx context.Context) error {
			_, err := run.BatchOf[int](ctx, run.Strategy{}, run.Work(1, "noop", nil))
			return err
		}, probe.Harmless),

		probe.P("snippet.Program.Build nil program", func(ctx context.Context) error { _, err := (*snippet.Program)(nil).Build(ctx); return err }, "zero Program"),
		probe.P("snippet.Program.Run nil ctx", func(context.Context) error { _, err := (&snippet.Program{}).Run(nil); return err }, "before a successful Build"), //nolint:staticcheck // the probe

		probe.P("source.Go nil fs", func(context.Context) error { _, err := source.Go(nil, "F"); return err }, "no files"),
		probe.P("source.ShowErr nil", harmless(func() bool { source.ShowErr("go", "", nil); return true }), probe.Harmless),

		probe.P("worker.NewPool huge", func(ctx context.Context) error {
			_, err := worker.NewPool(ctx, huge)
			return err
		}, "more than this machine allows"),
		probe.P("worker.NewPool zero", func(ctx context.Context) error {
			_, err := worker.NewPool(ctx, 0)
			return err
		}, "at least 1"),
		probe.P("worker.NewPoolDepth huge depth", func(ctx context.Context) error {
			_, err := worker.NewPoolDepth(ctx, 1, huge)
			return err
		}, "depth"),
		probe.P("worker.Pool.Call nil pool", func(ctx context.Context) error { _, err := nilPool.Call(ctx, "noop", nil, nil); return err }, "nil *Pool"),
		probe.P("worker.Register nil func", func(context.Context) error { return worker.Register("badinput-nil", nil) }, "nil function"),
		probe.P("worker.RegisterFunc nil func", func(context.Context) error {
			return worker.RegisterFunc[int, int]("badinput-nil", nil)
		}, "nil function"),
		probe.P("worker.Typed nil func", func(context.Context) error {
			f := worker.Typed[int, int](nil)
			if f == nil {
				return errors.New("nil Func")
			}
			_, err := f(context.Background(), []byte("1"))
			return err
		}, "nil function"),
		probe.P("worker.Spawn nil ctx", func(context.Context) error { _, err := worker.Spawn(nil, "noop", nil, nil); return err }, "nil context"), //nolint:staticcheck // the probe

		probe.P("workloads.WriteFiles huge", func(context.Context) error { _, err := workloads.WriteFiles(t.TempDir(), 1, huge); return err }, "more than"),
		probe.P("workloads.WriteFiles huge n", func(context.Context) error { _, err := workloads.WriteFiles(t.TempDir(), huge, 1); return err }, "n=1000000000000 is more than"),
		probe.P("workloads.ReadFiles nil", harmless(func() bool { n, err := workloads.ReadFiles(nil); return n == 0 && err == nil }), probe.Harmless),
		probe.P("workloads.Calibrate nil", func(context.Context) error { _, err := workloads.Calibrate(nil, time.Millisecond); return err }, "needs a task"),
		probe.P("workloads.Calibrate NaN", func(context.Context) error {
			_, err := workloads.Calibrate(func(int64) {}, nanD)
			return err
		}, "target must be positive"),
		probe.P("workloads.Sleep NaN", func(ctx context.Context) error { return workloads.Sleep(ctx, nanD) }, "negative duration"),
		probe.P("workloads.CountTo negative", harmless(func() bool { return workloads.CountTo(-1) == 0 }), probe.Harmless),
		probe.P("workloads.CountToWith nil check", harmless(func() bool { return workloads.CountToWith(10, nil) == 10 }), probe.Harmless),
		probe.P("workloads.SumSqrt negative", harmless(func() bool { return workloads.SumSqrt(-1) == 0 }), probe.Harmless),
		probe.P("workloads.SumSqrtWith nil check", harmless(func() bool { return workloads.SumSqrtWith(-1, nil) == 0 }), probe.Harmless),
	}
	return append(probes, counterProbes...)
}

// TestBadInput calls the library's exported functions that take a size,
// count, duration, function, pointer or context with zero, negative, huge,
// NaN and nil values. Each must fail with a clear error, or give a
// harmless result: no fatal error, no panic, no hang, no unbounded memory.
func TestBadInput(t *testing.T) {
	probe.Run(t, libraryProbes(t))
}

// libraryExempt lists library functions that need no probe, with the
// reason. Keep it short.
var libraryExempt = map[string]string{
	// Test support: it takes the *testing.B of a benchmark, which only the
	// testing package makes; benchtest_test.go runs it.
	"benchtest.CancelLatency": "takes a benchmark's *testing.B; benchtest_test.go runs it",
	"cpythontest.Python3":     "takes a test's testing.TB; cpythontest_test.go runs it",
	// Check runs the tests in a child copy of the calling program (here the
	// test binary, which would rerun this table); exercise_test.go checks
	// that a panicking function is reported as a failure.
	"exercise.Exercise.Check": "runs in a child process; exercise_test.go probes it",
	// The handle a test gets inside that child: it records a message.
	"exercise.T.Fail":    "records a message inside the child; exercise_test.go drives it",
	"exercise.T.Leak":    "records a message inside the child; exercise_test.go drives it",
	"exercise.T.NoError": "records a message inside the child; exercise_test.go drives it",
	"exercise.T.Passed":  "records a message inside the child; exercise_test.go drives it",
	"exercise.T.TooSlow": "records a message inside the child; exercise_test.go drives it",
}

// TestBadInputCovers checks that the table has a probe for every exported
// function and method of the library (kernel-helpers/* and workloads/*,
// not tooling) that takes a value a reader can get wrong.
func TestBadInputCovers(t *testing.T) {
	api, err := apiscan.Load(".", "concurrencylab/kernel-helpers/...", "concurrencylab/workloads/...")
	require.NoError(t, err)
	library := func(path string) bool { return floor(path) == "library" && !strings.Contains(path, "/internal/") }
	probe.Covers(t, api, library, libraryProbes(t), libraryExempt)
}
