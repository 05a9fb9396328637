package executors

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/futures"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/workloads"
)

// The pools, as Completion.Pool and bench.Result.Strategy name them.
const (
	Goroutines = "goroutine pool"
	Processes  = "process pool"
)

// MaxTasks bounds Options.Tasks and the workers of PerTask: AsCompleted
// starts a worker per task, and a process each is dear.
const MaxTasks = 64

// Options says what [AsCompleted] submits.
type Options struct {
	// Tasks is how many tasks, submitted at once to a pool of as many
	// workers, so that all of them run at the same time.
	Tasks int
	// Step sets the waits: task i waits (Tasks − i) × Step, so the first
	// submitted waits longest.
	Step time.Duration
}

func (o Options) validate() error {
	switch {
	case o.Tasks <= 0 || o.Tasks > MaxTasks:
		return fmt.Errorf("executors: %d tasks is outside [1, %d]", o.Tasks, MaxTasks)
	case o.Step <= 0 || o.Step > time.Minute/time.Duration(o.Tasks):
		return fmt.Errorf("executors: step %v must be positive, and %d steps at most a minute", o.Step, o.Tasks)
	}
	return nil
}

// Done is one task as AsCompleted handed it back.
type Done struct {
	Task int           // its position in submission order, from 0
	Wait time.Duration // how long it waited
	At   time.Duration // when AsCompleted yielded it, from the first submit
}

// Completion is the order a pool's tasks came back in.
type Completion struct {
	Pool string
	Done []Done // in the order AsCompleted yielded them
}

// Order returns the tasks' submission positions in the order they came
// back.
func (c Completion) Order() []int {
	order := make([]int, len(c.Done))
	for i, d := range c.Done {
		order[i] = d.Task
	}
	return order
}

// Reversed reports whether the tasks came back in the reverse of the order
// they were submitted in, which is the order they finish: shortest first.
func (c Completion) Reversed() bool {
	for i, d := range c.Done {
		if d.Task != len(c.Done)-1-i {
			return false
		}
	}
	return len(c.Done) > 0
}

// AsCompleted submits opts.Tasks waiting tasks to a fresh pool (pool is
// [Goroutines] or [Processes]) and records the order [futures.AsCompleted]
// yields them in. The process pool is started before the clock starts.
func AsCompleted(ctx context.Context, pool string, opts Options) (Completion, error) {
	if ctx == nil {
		return Completion{}, errors.New("executors: nil context")
	}
	if err := opts.validate(); err != nil {
		return Completion{}, err
	}
	waits := make([]time.Duration, opts.Tasks)
	for i := range waits {
		waits[i] = time.Duration(opts.Tasks-i) * opts.Step
	}
	var futs []*futures.Future[struct{}]
	var start time.Time
	switch pool {
	case Goroutines:
		p, err := futures.NewGoroutinePool(opts.Tasks)
		if err != nil {
			return Completion{}, err
		}
		defer p.Close()
		start = time.Now()
		for _, d := range waits {
			futs = append(futs, futures.Submit(ctx, p, func(ctx context.Context) (struct{}, error) {
				return struct{}{}, workloads.Sleep(ctx, d)
			}))
		}
	case Processes:
		p, err := futures.NewProcessPool(ctx, opts.Tasks)
		if err != nil {
			return Completion{}, err
		}
		defer p.Close()
		start = time.Now()
		for _, d := range waits {
			futs = append(futs, futures.SubmitTask[struct{}](ctx, p, "sleep", d))
		}
	default:
		return Completion{}, fmt.Errorf("executors: unknown pool %q (want %q or %q)", pool, Goroutines, Processes)
	}
	c := Completion{Pool: pool}
	for i, f := range futures.AsCompleted(ctx, futs) {
		if _, err := f.Wait(); err != nil {
			return c, fmt.Errorf("executors: %s, task %d: %w", pool, i, err)
		}
		c.Done = append(c.Done, Done{Task: i, Wait: waits[i], At: time.Since(start)})
	}
	if err := ctx.Err(); err != nil {
		return c, context.Cause(ctx)
	}
	return c, nil
}

// Timeline draws every task of every completion as a bar from its submit
// to the moment AsCompleted handed it back, one row per task.
func Timeline(cs ...Completion) ([]byte, error) {
	var spans []plots.Span
	for _, c := range cs {
		byTask := slices.Clone(c.Done)
		slices.SortFunc(byTask, func(a, b Done) int { return a.Task - b.Task })
		for _, d := range byTask {
			spans = append(spans, plots.Span{
				Worker: fmt.Sprintf("%s, task %d", c.Pool, d.Task),
				Task:   "waits " + d.Wait.String(),
				End:    d.At,
			})
		}
	}
	if len(spans) == 0 {
		return nil, errors.New("executors: nothing to draw")
	}
	return plots.Timeline("tasks submitted at once, handed back by AsCompleted", spans)
}

// Verdict says in which order each pool handed the tasks back, and whether
// that was finishing order (shortest first) as the course says.
func Verdict(cs ...Completion) string {
	var b strings.Builder
	b.WriteString("**This machine:** ")
	all := len(cs) > 0
	for _, c := range cs {
		fmt.Fprintf(&b, "the %s handed the tasks back in the order %v; ", c.Pool, c.Order())
		all = all && c.Reversed()
	}
	if all {
		b.WriteString("that is the order they finished, shortest wait first, the reverse of the order they were submitted: AsCompleted hands results back as they finish.")
	} else {
		b.WriteString("that is not the reverse of the submission order, which finishing order would give: a late timer on a busy machine can swap neighbours, so rerun the cell or use a longer step.")
	}
	return b.String()
}

// MaxPerTask bounds [PerTask]'s tasks, checked before any future is made:
// one repetition holds every task's future (a few hundred bytes each), so a
// million is hundreds of MB; a cost per task needs a few thousand.
const MaxPerTask = 100_000

// PerTask times tasks tasks that do nothing on a fresh pool of workers
// workers, reps times after a warm-up, and returns the batch times: what the
// pool itself adds, divided by tasks, is its cost per task.
func PerTask(ctx context.Context, pool string, tasks, workers, reps int) (bench.Result, error) {
	switch {
	case ctx == nil:
		return bench.Result{}, errors.New("executors: nil context")
	case tasks <= 0:
		return bench.Result{}, fmt.Errorf("executors: %d tasks must be positive", tasks)
	case tasks > MaxPerTask:
		return bench.Result{}, fmt.Errorf("executors: %d tasks is more than %d (every task's future is held in memory until the batch ends)", tasks, MaxPerTask)
	case workers <= 0 || workers > MaxTasks:
		return bench.Result{}, fmt.Errorf("executors: %d workers is outside [1, %d]", workers, MaxTasks)
	}
	opts := bench.Options{Name: "noop tasks", Strategy: pool, Workers: workers, Reps: reps,
		Params: map[string]string{"tasks": strconv.Itoa(tasks)}}
	noop := func(context.Context) (struct{}, error) { return struct{}{}, nil }
	switch pool {
	case Goroutines:
		p, err := futures.NewGoroutinePool(workers)
		if err != nil {
			return bench.Result{}, err
		}
		defer p.Close()
		return bench.Run(ctx, opts, func() error {
			futs := make([]*futures.Future[struct{}], tasks)
			for i := range futs {
				futs[i] = futures.Submit(ctx, p, noop)
			}
			_, err := futures.Wait(futs...)
			return err
		})
	case Processes:
		p, err := futures.NewProcessPool(ctx, workers)
		if err != nil {
			return bench.Result{}, err
		}
		defer p.Close()
		return bench.Run(ctx, opts, func() error {
			futs := make([]*futures.Future[struct{}], tasks)
			for i := range futs {
				futs[i] = futures.SubmitTask[struct{}](ctx, p, "noop", nil)
			}
			_, err := futures.Wait(futs...)
			return err
		})
	}
	return bench.Result{}, fmt.Errorf("executors: unknown pool %q (want %q or %q)", pool, Goroutines, Processes)
}

// Each returns the median cost of one task in a PerTask result.
func Each(r bench.Result) time.Duration {
	n, err := strconv.Atoi(r.Params["tasks"])
	if err != nil || n <= 0 {
		return 0
	}
	return r.Median() / time.Duration(n)
}

// CostVerdict compares the cost per task of the two pools, with the figures.
func CostVerdict(goroutines, processes bench.Result) string {
	g, p := Each(goroutines), Each(processes)
	if g <= 0 || p <= 0 {
		return "**This machine:** no cost per task could be measured."
	}
	s := fmt.Sprintf("**This machine:** a task that does nothing cost %v on the goroutine pool and %v on the process pool, %.0f× as much. ",
		bench.Round(g), bench.Round(p), float64(p)/float64(g))
	if p > g {
		return s + "So every task sent to another process pays for the trip."
	}
	return s + "That is not the extra cost a trip to another process should add: rerun the cell before drawing a conclusion."
}
