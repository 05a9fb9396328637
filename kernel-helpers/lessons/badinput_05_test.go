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
	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/asyncio"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/decide"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/eventloop"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/executors"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/heartbeat"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/waits"
)

// noPython is the interpreter a notebook has when Find found none: its
// calls must refuse bad sizes first, then say there is no interpreter.
var noPython cpython.Interpreter

// one is a task that succeeds at once.
func one(context.Context) (int, error) { return 1, nil }

// within is the probe's context cut to d, for calls whose bad value is
// harmless and which would otherwise run until the probe's budget.
func within(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

// want returns nil when ok, else an error saying what was wrong.
func want(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf(format, args...)
}

// probes05 is the bad-input table of folder 05-async-alternatives.
var probes05 = []probe.Probe{
	// asyncio
	probe.P("asyncio.CPythonGather huge n", func(ctx context.Context) error {
		_, err := asyncio.CPythonGather(ctx, noPython, huge, time.Second, time.Millisecond)
		return err
	}, "n 1000000000000 is outside [2, 1000]"),
	probe.P("asyncio.CPythonGather NaN latency", func(ctx context.Context) error {
		_, err := asyncio.CPythonGather(ctx, noPython, 4, nanD, time.Millisecond)
		return err
	}, "latency -2562047h47m16.854775808s is outside"),
	probe.P("asyncio.CPythonGather huge latency", func(ctx context.Context) error {
		_, err := asyncio.CPythonGather(ctx, noPython, 4, hugeD, time.Millisecond)
		return err
	}, "latency 2562047h47m16.854775807s is outside"),
	probe.P("asyncio.CPythonGather NaN failAfter", func(ctx context.Context) error {
		_, err := asyncio.CPythonGather(ctx, noPython, 4, time.Second, nanD)
		return err
	}, "failAfter -2562047h47m16.854775808s must be positive"),
	probe.P("asyncio.CPythonGather no python", func(ctx context.Context) error {
		_, err := asyncio.CPythonGather(ctx, noPython, 4, time.Second, time.Millisecond)
		return err
	}, "no path"),
	probe.P("asyncio.CPythonGather nil ctx", func(context.Context) error {
		_, err := asyncio.CPythonGather(nil, noPython, 4, time.Second, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "context"),
	probe.P("asyncio.Fetch huge pages", func(ctx context.Context) error {
		_, err := asyncio.Fetch(ctx, nil, huge, time.Millisecond)
		return err
	}, "1000000000000 pages is outside [1, 1000]"),
	probe.P("asyncio.Fetch zero pages", func(ctx context.Context) error {
		_, err := asyncio.Fetch(ctx, nil, 0, time.Millisecond)
		return err
	}, "0 pages is outside"),
	probe.P("asyncio.Fetch NaN latency", func(ctx context.Context) error {
		_, err := asyncio.Fetch(ctx, nil, 1, nanD)
		return err
	}, "latency -2562047h47m16.854775808s is outside"),
	probe.P("asyncio.Fetch huge latency", func(ctx context.Context) error {
		_, err := asyncio.Fetch(ctx, nil, 1, hugeD)
		return err
	}, "latency 2562047h47m16.854775807s is outside"),
	probe.P("asyncio.Fetch nil ctx", func(context.Context) error {
		_, err := asyncio.Fetch(nil, nil, 1, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("asyncio.Fetch nil interpreter gives the Go side only", func(ctx context.Context) error {
		r, err := asyncio.Fetch(ctx, nil, 2, time.Millisecond)
		if err != nil {
			return err
		}
		return want(!r.Python && r.GoSequential > 0 && r.GoGoroutines > 0, "want Go figures only, got %+v", r)
	}, probe.Harmless),
	probe.P("asyncio.Fetches nil client", func(ctx context.Context) error {
		_, err := asyncio.Fetches(nil, []string{"http://127.0.0.1:1/"})[0](ctx)
		return err
	}, "nil *http.Client"),
	probe.P("asyncio.Fetches nil urls", func(context.Context) error {
		n := len(asyncio.Fetches(nil, nil))
		return want(n == 0, "%d tasks for no URL", n)
	}, probe.Harmless),
	probe.P("asyncio.First nil ctx", func(context.Context) error {
		_, _, err := asyncio.First(nil, one) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("asyncio.First no tasks", func(ctx context.Context) error {
		_, _, err := asyncio.First[int](ctx)
		return err
	}, "no tasks"),
	probe.P("asyncio.First nil task", func(ctx context.Context) error {
		_, _, err := asyncio.First(ctx, one, nil)
		return err
	}, "task 1 is nil"),
	probe.P("asyncio.First every task fails", func(ctx context.Context) error {
		bad := func(context.Context) (int, error) { return 0, errors.New("replica down") }
		_, _, err := asyncio.First(ctx, bad, bad)
		return err
	}, "replica down"),
	probe.P("asyncio.First task that waits past the context", func(ctx context.Context) error {
		ctx, cancel := within(ctx, 20*time.Millisecond)
		defer cancel()
		_, _, err := asyncio.First(ctx, func(ctx context.Context) (int, error) { <-ctx.Done(); return 0, ctx.Err() })
		return err
	}, "deadline exceeded"),
	probe.P("asyncio.GatherFigures nil py", func(context.Context) error {
		f := asyncio.GatherFigures(asyncio.TaskGroupReport{}, nil)
		return want(f["n"] == 1 && len(f) == 2, "figures %v", f)
	}, probe.Harmless),
	probe.P("asyncio.GatherLimit zero limit", func(ctx context.Context) error {
		_, err := asyncio.GatherLimit(ctx, 0, one)
		return err
	}, "limit 0 must be positive"),
	probe.P("asyncio.GatherLimit negative limit", func(ctx context.Context) error {
		_, err := asyncio.GatherLimit(ctx, -huge, one)
		return err
	}, "limit -1000000000000 must be positive"),
	probe.P("asyncio.GatherLimit huge limit", func(ctx context.Context) error {
		r, err := asyncio.GatherLimit(ctx, huge, one, one)
		if err != nil {
			return err
		}
		return want(len(r) == 2 && r[0] == 1 && r[1] == 1, "results %v", r)
	}, probe.Harmless),
	probe.P("asyncio.GatherLimit nil ctx", func(context.Context) error {
		_, err := asyncio.GatherLimit(nil, 1, one) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("asyncio.GatherLimit nil task", func(ctx context.Context) error {
		_, err := asyncio.GatherLimit(ctx, 1, nil, one)
		return err
	}, "task 0 is nil"),
	probe.P("asyncio.GatherSemaphore zero limit", func(ctx context.Context) error {
		_, err := asyncio.GatherSemaphore(ctx, 0, one)
		return err
	}, "limit 0 must be positive"),
	probe.P("asyncio.GatherSemaphore negative limit", func(ctx context.Context) error {
		_, err := asyncio.GatherSemaphore(ctx, -1, one)
		return err
	}, "limit -1 must be positive"),
	probe.P("asyncio.GatherSemaphore huge limit", func(ctx context.Context) error {
		r, err := asyncio.GatherSemaphore(ctx, huge, one, one)
		if err != nil {
			return err
		}
		return want(len(r) == 2 && r[0] == 1 && r[1] == 1, "results %v", r)
	}, probe.Harmless),
	probe.P("asyncio.GatherSemaphore nil ctx", func(context.Context) error {
		_, err := asyncio.GatherSemaphore(nil, 1, one) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("asyncio.GatherSemaphore nil task", func(ctx context.Context) error {
		_, err := asyncio.GatherSemaphore(ctx, 1, one, nil)
		return err
	}, "task 1 is nil"),
	probe.P("asyncio.Point.Ideal zero limit", func(context.Context) error {
		d := asyncio.Point{Limit: 0}.Ideal(asyncio.SweepOptions{Pages: 10, Latency: time.Millisecond})
		return want(d == 0, "ideal %v, want 0", d)
	}, probe.Harmless),
	probe.P("asyncio.Point.Ideal negative limit", func(context.Context) error {
		d := asyncio.Point{Limit: -3}.Ideal(asyncio.SweepOptions{Pages: 10, Latency: time.Millisecond})
		return want(d == 0, "ideal %v, want 0", d)
	}, probe.Harmless),
	probe.P("asyncio.Point.Ideal huge pages and latency", func(context.Context) error {
		d := asyncio.Point{Limit: 1}.Ideal(asyncio.SweepOptions{Pages: huge, Latency: hugeD})
		return want(d == hugeD, "ideal %v, want the longest duration, not an overflow", d)
	}, probe.Harmless),
	probe.P("asyncio.Point.Ideal NaN latency", func(context.Context) error {
		d := asyncio.Point{Limit: 1}.Ideal(asyncio.SweepOptions{Pages: 1, Latency: nanD})
		return want(d == 0, "ideal %v, want 0", d)
	}, probe.Harmless),
	probe.P("asyncio.SweepLimits huge pages", func(ctx context.Context) error {
		_, err := asyncio.SweepLimits(ctx, asyncio.SweepOptions{Pages: huge, Latency: time.Millisecond, Limits: []int{1}})
		return err
	}, "1000000000000 pages is outside"),
	probe.P("asyncio.SweepLimits NaN latency", func(ctx context.Context) error {
		_, err := asyncio.SweepLimits(ctx, asyncio.SweepOptions{Pages: 1, Latency: nanD, Limits: []int{1}})
		return err
	}, "latency -2562047h47m16.854775808s is outside"),
	probe.P("asyncio.SweepLimits nil limits", func(ctx context.Context) error {
		_, err := asyncio.SweepLimits(ctx, asyncio.SweepOptions{Pages: 1, Latency: time.Millisecond})
		return err
	}, "no limits"),
	probe.P("asyncio.SweepLimits huge limit", func(ctx context.Context) error {
		_, err := asyncio.SweepLimits(ctx, asyncio.SweepOptions{Pages: 1, Latency: time.Millisecond, Limits: []int{1, huge}})
		return err
	}, "limit 1000000000000 is outside [1, 1000]"),
	probe.P("asyncio.SweepLimits negative reps", func(ctx context.Context) error {
		_, err := asyncio.SweepLimits(ctx, asyncio.SweepOptions{Pages: 1, Latency: time.Millisecond, Limits: []int{1}, Reps: -1})
		return err
	}, "Reps -1 is outside"),
	probe.P("asyncio.SweepLimits huge reps", func(ctx context.Context) error {
		_, err := asyncio.SweepLimits(ctx, asyncio.SweepOptions{Pages: 1, Latency: time.Millisecond, Limits: []int{1}, Reps: huge})
		return err
	}, "Reps 1000000000000 is outside"),
	probe.P("asyncio.SweepLimits nil ctx", func(context.Context) error {
		_, err := asyncio.SweepLimits(nil, asyncio.SweepOptions{Pages: 1, Latency: time.Millisecond, Limits: []int{1}}) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("asyncio.TaskGroup nil ctx", func(context.Context) error {
		_, err := asyncio.TaskGroup(nil, one) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("asyncio.TaskGroup nil task", func(ctx context.Context) error {
		_, err := asyncio.TaskGroup(ctx, one, nil)
		return err
	}, "task 1 is nil"),
	probe.P("asyncio.TaskGroup no tasks", func(ctx context.Context) error {
		r, err := asyncio.TaskGroup[int](ctx)
		if err != nil {
			return err
		}
		return want(len(r) == 0, "results %v for no task", r)
	}, probe.Harmless),
	probe.P("asyncio.TryFirst no latencies", func(ctx context.Context) error {
		_, err := asyncio.TryFirst(ctx)
		return err
	}, "no tasks"),
	probe.P("asyncio.TryFirst NaN latency", func(ctx context.Context) error {
		_, err := asyncio.TryFirst(ctx, nanD)
		return err
	}, "latency -2562047h47m16.854775808s is outside"),
	probe.P("asyncio.TryFirst a negative latency among good ones", func(ctx context.Context) error {
		_, err := asyncio.TryFirst(ctx, time.Millisecond, -time.Millisecond)
		return err
	}, "latency 1, -1ms, must be a whole number of milliseconds"),
	probe.P("asyncio.TryFirst huge latency", func(ctx context.Context) error {
		_, err := asyncio.TryFirst(ctx, time.Millisecond, hugeD)
		return err
	}, "latency 2562047h47m16.854775807s is outside"),
	probe.P("asyncio.TryFirst nil ctx", func(context.Context) error {
		_, err := asyncio.TryFirst(nil, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("asyncio.TryTaskGroup huge pages", func(ctx context.Context) error {
		_, err := asyncio.TryTaskGroup(ctx, huge, time.Millisecond)
		return err
	}, "1000000000000 pages is outside"),
	probe.P("asyncio.TryTaskGroup negative pages", func(ctx context.Context) error {
		_, err := asyncio.TryTaskGroup(ctx, -1, time.Millisecond)
		return err
	}, "-1 pages is outside"),
	probe.P("asyncio.TryTaskGroup NaN latency", func(ctx context.Context) error {
		_, err := asyncio.TryTaskGroup(ctx, 1, nanD)
		return err
	}, "latency -2562047h47m16.854775808s is outside"),
	probe.P("asyncio.TryTaskGroup huge latency", func(ctx context.Context) error {
		_, err := asyncio.TryTaskGroup(ctx, 1, hugeD)
		return err
	}, "latency 2562047h47m16.854775807s is outside"),
	probe.P("asyncio.TryTaskGroup nil ctx", func(context.Context) error {
		_, err := asyncio.TryTaskGroup(nil, 1, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("asyncio.TryTimeout NaN timeout", func(ctx context.Context) error {
		_, err := asyncio.TryTimeout(ctx, time.Millisecond, nanD)
		return err
	}, "timeout -2562047h47m16.854775808s must be positive"),
	probe.P("asyncio.TryTimeout zero timeout", func(ctx context.Context) error {
		_, err := asyncio.TryTimeout(ctx, time.Millisecond, 0)
		return err
	}, "timeout 0s must be positive"),
	probe.P("asyncio.TryTimeout NaN latency", func(ctx context.Context) error {
		_, err := asyncio.TryTimeout(ctx, nanD, time.Millisecond)
		return err
	}, "latency -2562047h47m16.854775808s is outside"),
	probe.P("asyncio.TryTimeout huge timeout", func(ctx context.Context) error {
		r, err := asyncio.TryTimeout(ctx, time.Millisecond, hugeD)
		if err != nil {
			return err
		}
		return want(r.Err == nil && r.Answered == 1, "a page within its timeout: err %v, %d answered", r.Err, r.Answered)
	}, probe.Harmless),
	probe.P("asyncio.TryTimeout nil ctx", func(context.Context) error {
		_, err := asyncio.TryTimeout(nil, time.Millisecond, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "nil context"),

	// decide: the figure makers take any value; Rows refuses the bad ones.
	probe.P("decide.Dur NaN", func(context.Context) error {
		_, err := decide.Rows([]decide.Entry{decide.Fact("a timeout", "a wait must end", decide.Dur("deadline", nanD))})
		return err
	}, `figure "deadline" is negative`),
	probe.P("decide.Dur huge", func(context.Context) error {
		rows, err := decide.Rows([]decide.Entry{decide.Fact("a timeout", "a wait must end", decide.Dur("deadline", hugeD))})
		if err != nil {
			return err
		}
		return want(rows[0][2] == "deadline 2561944h26m40s", "evidence %q, want the longest duration, rounded", rows[0][2])
	}, probe.Harmless),
	probe.P("decide.Measure NaN timeout, refused before any experiment", func(ctx context.Context) error {
		_, err := decide.Measure(ctx, decide.Sizes{
			Heartbeat: heartbeat.Options{Interval: time.Millisecond, Ticks: 1, HogN: heartbeat.MaxHogN}, // a minute of hog, were it run
			Waiters:   1, Wait: time.Millisecond, Pages: 1, Latency: time.Millisecond, Limit: 1,
			Timeout: nanD, SlowPage: time.Millisecond, Replicas: []time.Duration{time.Millisecond}, Tasks: 1, Workers: 1,
		})
		return err
	}, "Sizes.Timeout -2562047h47m16.854775808s is outside"),
	probe.P("decide.Fact no figures", func(context.Context) error {
		_, err := decide.Rows([]decide.Entry{decide.Fact("a timeout", "a wait must end")})
		return err
	}, "no figures"),
	probe.P("decide.Fact empty use", func(context.Context) error {
		_, err := decide.Rows([]decide.Entry{decide.Fact(" ", "a wait must end", decide.N("n", 1))})
		return err
	}, "no recommendation"),
	probe.P("decide.N negative", func(context.Context) error {
		_, err := decide.Rows([]decide.Entry{decide.Fact("a pool", "many tasks", decide.N("tasks", -huge))})
		return err
	}, `figure "tasks" is negative`),
	probe.P("decide.Pick no candidates", func(context.Context) error {
		_, err := decide.Rows([]decide.Entry{decide.Pick("many waits", "memory")})
		return err
	}, "no recommendation"),
	probe.P("decide.Pick NaN candidate", func(context.Context) error {
		_, err := decide.Rows([]decide.Entry{decide.Pick("many waits", "memory", decide.Size("goroutines", 1), decide.Size("threads", math.NaN()))})
		return err
	}, `figure "threads" is NaN`),
	probe.P("decide.Rows nil", func(context.Context) error {
		_, err := decide.Rows(nil)
		return err
	}, "no entries"),
	probe.P("decide.Size infinite", func(context.Context) error {
		_, err := decide.Rows([]decide.Entry{decide.Fact("goroutines", "many waits", decide.Size("memory", math.Inf(1)))})
		return err
	}, `figure "memory" is +Inf`),
	probe.P("decide.Size negative (memory can shrink)", func(context.Context) error {
		rows, err := decide.Rows([]decide.Entry{decide.Fact("goroutines", "many waits", decide.Size("memory", -2048))})
		if err != nil {
			return err
		}
		return want(strings.Contains(rows[0][2], "-2 KiB"), "evidence %q", rows[0][2])
	}, probe.Harmless),

	// eventloop
	probe.P("eventloop.Loop.Go nil function", func(context.Context) error {
		return eventloop.New().Go("t", nil)
	}, `task "t" has a nil function`),
	probe.P("eventloop.Loop.Go nil loop", func(context.Context) error {
		var l *eventloop.Loop
		return l.Go("t", func(*eventloop.Task) error { return nil })
	}, "nil *Loop"),
	probe.P("eventloop.Loop.Go after Run", func(ctx context.Context) error {
		l := eventloop.New()
		if err := l.Run(ctx); err != nil {
			return err
		}
		return l.Go("late", func(*eventloop.Task) error { return nil })
	}, "already run"),
	probe.P("eventloop.Loop.Run nil ctx", func(context.Context) error {
		return eventloop.New().Run(nil) //nolint:staticcheck // the probe
	}, "nil context"),
	probe.P("eventloop.Loop.Run nil loop", func(ctx context.Context) error {
		var l *eventloop.Loop
		return l.Run(ctx)
	}, "nil *Loop"),
	probe.P("eventloop.Task.Sleep NaN", func(ctx context.Context) error {
		l := eventloop.New()
		_ = l.Go("sleeper", func(t *eventloop.Task) error { return t.Sleep(nanD) })
		return l.Run(ctx)
	}, "negative sleep -2562047h47m16.854775808s"),
	probe.P("eventloop.Task.Sleep huge ends with the context", func(ctx context.Context) error {
		ctx, cancel := within(ctx, 20*time.Millisecond)
		defer cancel()
		l := eventloop.New()
		_ = l.Go("sleeper", func(t *eventloop.Task) error { return t.Sleep(hugeD) })
		return l.Run(ctx)
	}, "deadline exceeded"),
	probe.P("eventloop.Task.Sleep nil task", func(context.Context) error {
		var t *eventloop.Task
		return t.Sleep(time.Millisecond)
	}, "nil *Task"),

	// executors
	probe.P("executors.AsCompleted nil ctx", func(context.Context) error {
		_, err := executors.AsCompleted(nil, executors.Goroutines, executors.Options{Tasks: 1, Step: time.Millisecond}) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("executors.AsCompleted huge tasks", func(ctx context.Context) error {
		_, err := executors.AsCompleted(ctx, executors.Processes, executors.Options{Tasks: huge, Step: time.Millisecond})
		return err
	}, "1000000000000 tasks is outside [1, 64]"),
	probe.P("executors.AsCompleted NaN step", func(ctx context.Context) error {
		_, err := executors.AsCompleted(ctx, executors.Goroutines, executors.Options{Tasks: 2, Step: nanD})
		return err
	}, "step -2562047h47m16.854775808s must be positive"),
	probe.P("executors.AsCompleted huge step", func(ctx context.Context) error {
		_, err := executors.AsCompleted(ctx, executors.Goroutines, executors.Options{Tasks: 2, Step: hugeD})
		return err
	}, "steps at most a minute"),
	probe.P("executors.AsCompleted unknown pool", func(ctx context.Context) error {
		_, err := executors.AsCompleted(ctx, "", executors.Options{Tasks: 1, Step: time.Millisecond})
		return err
	}, `unknown pool ""`),
	probe.P("executors.BatchFigures nil py", func(context.Context) error {
		f := executors.BatchFigures(-1, executors.Batch{}, nil)
		return want(len(f) == 4, "figures %v", f)
	}, probe.Harmless),
	probe.P("executors.CostVerdict nothing measured", func(context.Context) error {
		s := executors.CostVerdict(bench.Result{}, bench.Result{})
		return want(strings.Contains(s, "no cost per task"), "verdict %q", s)
	}, probe.Harmless),
	probe.P("executors.Crash nil ctx", func(context.Context) error {
		_, err := executors.Crash(nil, 1, 1, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("executors.Crash huge workers", func(ctx context.Context) error {
		_, err := executors.Crash(ctx, huge, 1, time.Millisecond)
		return err
	}, "1000000000000 workers and 1 tasks must be in [1, 64]"),
	probe.P("executors.Crash negative tasks", func(ctx context.Context) error {
		_, err := executors.Crash(ctx, 1, -1, time.Millisecond)
		return err
	}, "-1 tasks must be in"),
	probe.P("executors.Crash NaN step", func(ctx context.Context) error {
		_, err := executors.Crash(ctx, 1, 1, nanD)
		return err
	}, "step -2562047h47m16.854775808s is outside"),
	probe.P("executors.DispatchFigures nil py, NaN durations", func(context.Context) error {
		f := executors.DispatchFigures(nanD, hugeD, nil)
		return want(len(f) == 2, "figures %v", f)
	}, probe.Harmless),
	probe.P("executors.Each no samples or tasks", func(context.Context) error {
		a := executors.Each(bench.Result{})
		b := executors.Each(bench.Result{Params: map[string]string{"tasks": "-5"}, Samples: []time.Duration{time.Second}})
		return want(a == 0 && b == 0, "each %v and %v, want 0", a, b)
	}, probe.Harmless),
	probe.P("executors.GoBatch nil ctx", func(context.Context) error {
		_, err := executors.GoBatch(nil, 1, time.Millisecond, 1) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("executors.GoBatch huge tasks", func(ctx context.Context) error {
		_, err := executors.GoBatch(ctx, huge, time.Millisecond, 1)
		return err
	}, "1000000000000 tasks is outside [1, 64]"),
	probe.P("executors.GoBatch huge reps", func(ctx context.Context) error {
		_, err := executors.GoBatch(ctx, 1, time.Millisecond, huge)
		return err
	}, "1000000000000 reps is outside [1, 100]"),
	probe.P("executors.GoBatch NaN target", func(ctx context.Context) error {
		_, err := executors.GoBatch(ctx, 1, nanD, 1)
		return err
	}, "target -2562047h47m16.854775808s per task is outside"),
	probe.P("executors.GoBatch huge target", func(ctx context.Context) error {
		_, err := executors.GoBatch(ctx, 1, hugeD, 1)
		return err
	}, "target 2562047h47m16.854775807s per task is outside"),
	probe.P("executors.InterpreterLine nothing measured", func(context.Context) error {
		s := executors.InterpreterLine(executors.Batch{})
		return want(strings.Contains(s, "no **InterpreterPoolExecutor**"), "line %q", s)
	}, probe.Harmless),
	probe.P("executors.PyBatch huge tasks", func(ctx context.Context) error {
		_, err := executors.PyBatch(ctx, noPython, huge, time.Millisecond, 1)
		return err
	}, "1000000000000 tasks is outside"),
	probe.P("executors.PyBatch NaN target", func(ctx context.Context) error {
		_, err := executors.PyBatch(ctx, noPython, 1, nanD, 1)
		return err
	}, "target -2562047h47m16.854775808s per task is outside"),
	probe.P("executors.PyBatch huge target", func(ctx context.Context) error {
		_, err := executors.PyBatch(ctx, noPython, 1, hugeD, 1)
		return err
	}, "target 2562047h47m16.854775807s per task is outside"),
	probe.P("executors.PyBatch zero reps", func(ctx context.Context) error {
		_, err := executors.PyBatch(ctx, noPython, 1, time.Millisecond, 0)
		return err
	}, "0 reps is outside"),
	probe.P("executors.PyBatch no python", func(ctx context.Context) error {
		_, err := executors.PyBatch(ctx, noPython, 1, time.Millisecond, 1)
		return err
	}, "no path"),
	probe.P("executors.PyDispatch huge tasks", func(ctx context.Context) error {
		_, err := executors.PyDispatch(ctx, noPython, huge, 1, 1)
		return err
	}, "Tasks"),
	probe.P("executors.PyDispatch negative workers", func(ctx context.Context) error {
		_, err := executors.PyDispatch(ctx, noPython, 1, -1, 1)
		return err
	}, "Workers"),
	probe.P("executors.PyDispatch huge reps", func(ctx context.Context) error {
		_, err := executors.PyDispatch(ctx, noPython, 1, 1, huge)
		return err
	}, "Reps"),
	probe.P("executors.PyDispatch no python", func(ctx context.Context) error {
		_, err := executors.PyDispatch(ctx, noPython, 1, 1, 1)
		return err
	}, "no path"),
	probe.P("executors.PyTopLevel NaN timeout", func(ctx context.Context) error {
		_, err := executors.PyTopLevel(ctx, noPython, nanD)
		return err
	}, "timeout -2562047h47m16.854775808s is outside"),
	probe.P("executors.PyTopLevel huge timeout", func(ctx context.Context) error {
		_, err := executors.PyTopLevel(ctx, noPython, hugeD)
		return err
	}, "timeout 2562047h47m16.854775807s is outside"),
	probe.P("executors.PyTopLevel no python", func(ctx context.Context) error {
		_, err := executors.PyTopLevel(ctx, noPython, time.Second)
		return err
	}, "no path"),
	probe.P("executors.Timeline nothing", func(context.Context) error {
		_, err := executors.Timeline()
		return err
	}, "nothing to draw"),
	probe.P("executors.Verdict nothing", func(context.Context) error {
		s := executors.Verdict()
		return want(strings.Contains(s, "not the reverse"), "verdict %q", s)
	}, probe.Harmless),

	// heartbeat
	probe.P("heartbeat.CPython huge beat", func(ctx context.Context) error {
		_, err := heartbeat.CPython(ctx, noPython, hugeD, time.Second)
		return err
	}, "beat 2562047h47m16.854775807s and hog 1s must be positive, the hog at least 4 beats"),
	probe.P("heartbeat.CPython NaN beat", func(ctx context.Context) error {
		_, err := heartbeat.CPython(ctx, noPython, nanD, time.Second)
		return err
	}, "beat -2562047h47m16.854775808s"),
	probe.P("heartbeat.CPython NaN hog", func(ctx context.Context) error {
		_, err := heartbeat.CPython(ctx, noPython, time.Millisecond, nanD)
		return err
	}, "hog -2562047h47m16.854775808s"),
	probe.P("heartbeat.CPython huge hog", func(ctx context.Context) error {
		_, err := heartbeat.CPython(ctx, noPython, time.Millisecond, hugeD)
		return err
	}, "at most 1m0s"),
	probe.P("heartbeat.CPython no python", func(ctx context.Context) error {
		_, err := heartbeat.CPython(ctx, noPython, time.Millisecond, time.Second)
		return err
	}, "no path"),
	probe.P("heartbeat.Figures nil py", func(context.Context) error {
		f := heartbeat.Figures(heartbeat.Result{}, heartbeat.Result{}, nil)
		return want(len(f) == 3 && f["go.loop.worst_ms"] == 0, "figures %v", f)
	}, probe.Harmless),
	probe.P("heartbeat.HogOff NaN HogTime", func(context.Context) error {
		off := heartbeat.HogOff(heartbeat.Result{Options: heartbeat.Options{HogTime: nanD}})
		return want(!off, "a hog with no target flagged as off")
	}, probe.Harmless),
	probe.P("heartbeat.HogOff negative HogTime is refused by the runs", func(ctx context.Context) error {
		_, err := heartbeat.OnEventLoop(ctx, heartbeat.Options{Interval: time.Millisecond, Ticks: 1, HogN: 1, HogTime: nanD})
		return err
	}, "HogTime -2562047h47m16.854775808s is outside"),
	probe.P("heartbeat.Plot nothing", func(context.Context) error {
		_, err := heartbeat.Plot()
		return err
	}, "nothing to plot"),
	probe.P("heartbeat.Plot no ticks", func(context.Context) error {
		_, err := heartbeat.Plot(heartbeat.Result{Scheduler: "event loop"})
		return err
	}, "event loop has no ticks"),
	probe.P("heartbeat.Verdict nothing measured", func(context.Context) error {
		s := heartbeat.Verdict(heartbeat.Result{}, heartbeat.Result{})
		return want(strings.Contains(s, "That is not the difference expected"), "verdict %q", s)
	}, probe.Harmless),

	// waits
	probe.P("waits.Agrees nothing measured", func(context.Context) error {
		return want(!waits.Agrees(waits.Result{}, waits.Result{}), "empty results agree")
	}, probe.Harmless),
	probe.P("waits.CPython huge n", func(ctx context.Context) error {
		_, err := waits.CPython(ctx, noPython, huge)
		return err
	}, "1000000000000 CPython waiters is outside [1, 20000]"),
	probe.P("waits.CPython zero n", func(ctx context.Context) error {
		_, err := waits.CPython(ctx, noPython, 0)
		return err
	}, "0 CPython waiters is outside"),
	probe.P("waits.CPython no python", func(ctx context.Context) error {
		_, err := waits.CPython(ctx, noPython, 1)
		return err
	}, "no path"),
	probe.P("waits.Figures nil py", func(context.Context) error {
		f := waits.Figures(waits.Result{}, waits.Result{}, nil)
		return want(f["n"] == 0 && f["go.goroutines.us"] == 0, "figures %v", f)
	}, probe.Harmless),
	probe.P("waits.Largest nil", func(context.Context) error {
		_, _, ok := waits.Largest(nil)
		return want(!ok, "a largest count among no results")
	}, probe.Harmless),
	probe.P("waits.OnGoroutines nil ctx", func(context.Context) error {
		_, err := waits.OnGoroutines(nil, 1, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("waits.OnGoroutines huge n", func(ctx context.Context) error {
		_, err := waits.OnGoroutines(ctx, huge, time.Millisecond)
		return err
	}, "1000000000000 waiters is outside [1, 1000000]"),
	probe.P("waits.OnGoroutines NaN wait", func(ctx context.Context) error {
		_, err := waits.OnGoroutines(ctx, 1, nanD)
		return err
	}, "wait -2562047h47m16.854775808s is outside"),
	probe.P("waits.OnGoroutines huge wait", func(ctx context.Context) error {
		_, err := waits.OnGoroutines(ctx, 1, hugeD)
		return err
	}, "wait 2562047h47m16.854775807s is outside"),
	probe.P("waits.OnThreads nil ctx", func(context.Context) error {
		_, err := waits.OnThreads(nil, 1, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("waits.OnThreads huge n", func(ctx context.Context) error {
		_, err := waits.OnThreads(ctx, huge, time.Millisecond)
		return err
	}, "1000000000000 waiters is outside [1, 10000]"),
	probe.P("waits.OnThreads negative n", func(ctx context.Context) error {
		_, err := waits.OnThreads(ctx, -1, time.Millisecond)
		return err
	}, "-1 waiters is outside"),
	probe.P("waits.OnThreads NaN wait", func(ctx context.Context) error {
		_, err := waits.OnThreads(ctx, 1, nanD)
		return err
	}, "wait -2562047h47m16.854775808s is outside"),
	probe.P("waits.PlotMemory nil", func(context.Context) error {
		_, err := waits.PlotMemory(nil)
		return err
	}, "nothing to plot"),
	probe.P("waits.PlotTime nil", func(context.Context) error {
		_, err := waits.PlotTime(nil)
		return err
	}, "nothing to plot"),
	probe.P("waits.Sweep nil counts", func(ctx context.Context) error {
		_, err := waits.Sweep(ctx, nil, time.Millisecond)
		return err
	}, "no counts"),
	probe.P("waits.Sweep a huge count after good ones", func(ctx context.Context) error {
		_, err := waits.Sweep(ctx, []int{1, huge}, time.Minute) // a minute each for the good one, were it run
		return err
	}, "1000000000000 waiters is outside [1, 1000000] (count 2 of the sweep)"),
	probe.P("waits.Sweep NaN wait", func(ctx context.Context) error {
		_, err := waits.Sweep(ctx, []int{1}, nanD)
		return err
	}, "wait -2562047h47m16.854775808s is outside"),
	probe.P("waits.Sweep nil ctx", func(context.Context) error {
		_, err := waits.Sweep(nil, []int{1}, time.Millisecond) //nolint:staticcheck // the probe
		return err
	}, "nil context"),
	probe.P("waits.Verdict nil", func(context.Context) error {
		s := waits.Verdict(nil)
		return want(strings.Contains(s, "no count was measured"), "verdict %q", s)
	}, probe.Harmless),
}
