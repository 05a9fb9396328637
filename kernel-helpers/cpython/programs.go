package cpython

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"concurrencylab/kernel-helpers/bench"
)

// The strategies of [Interpreter.Strategies], named as the Python programs
// name them (results carry them after the interpreter's [Interpreter.Prefix]).
const (
	Sequential  = bench.NameSequential  // one task after another on the main thread
	Threads     = bench.NameThreads     // one threading.Thread per task
	Processes   = bench.NameProcesses   // one multiprocessing.Process per task
	ThreadPool  = bench.NameThreadPool  // concurrent.futures.ThreadPoolExecutor
	ProcessPool = bench.NameProcessPool // concurrent.futures.ProcessPoolExecutor
)

// The workloads of [Interpreter.Strategies]: the same loops as
// [concurrencylab/workloads.CountTo] and [concurrencylab/workloads.SumSqrt].
const (
	Count   = "count"
	SumSqrt = "sumsqrt"
)

// Limits on the settings, so that a typo cannot start a program that runs
// for hours or forks thousands of processes.
const (
	MaxTasks   = 256
	MaxReps    = 100
	MaxTarget  = time.Minute
	MaxSamples = 10_000
	MaxHogs    = 64
	maxSleep   = time.Second
	maxNoops   = 1_000_000
)

var (
	allStrategies = []string{Sequential, Threads, Processes, ThreadPool, ProcessPool}
	allPools      = []string{ThreadPool, ProcessPool}
)

// StrategiesConfig says what [Interpreter.Strategies] runs. The zero value
// runs 4 counting tasks of about 100 ms each under all five strategies, 3
// timed times each after a warm-up.
type StrategiesConfig struct {
	// Workload is [Count] or [SumSqrt]; "" means Count.
	Workload string
	// N is the iterations per task; 0 lets Python calibrate it so that one
	// task takes about Target on this machine.
	N int64
	// Target is one task's time when N is 0; 0 means 100 ms.
	Target time.Duration
	// Tasks is how many tasks of N iterations run; 0 means 4.
	Tasks int
	// Workers is the pool size for [ThreadPool] and [ProcessPool]; 0 means
	// one per task. Threads and processes always get one per task.
	Workers int
	// Strategies lists which to run, in order; nil means all five.
	Strategies []string
	// Reps is the timed repetitions; 0 means 3.
	Reps int
}

// Strategies runs the same CPU-bound tasks under each strategy in Python and
// returns one result per strategy, named after the workload, with params
// "n" and "tasks" (and "start_method" for processes).
func (in Interpreter) Strategies(ctx context.Context, cfg StrategiesConfig) ([]bench.Result, error) {
	if cfg.Workload == "" {
		cfg.Workload = Count
	}
	if cfg.Target == 0 {
		cfg.Target = 100 * time.Millisecond
	}
	if cfg.Tasks == 0 {
		cfg.Tasks = 4
	}
	if cfg.Strategies == nil {
		cfg.Strategies = allStrategies
	}
	if cfg.Reps == 0 {
		cfg.Reps = 3
	}
	var errs []error
	if cfg.Workload != Count && cfg.Workload != SumSqrt {
		errs = append(errs, fmt.Errorf("unknown workload %q, want %q or %q", cfg.Workload, Count, SumSqrt))
	}
	errs = append(errs,
		inRange("N", cfg.N, 0, 1<<52),
		inRange("Target", cfg.Target, time.Millisecond, MaxTarget),
		inRange("Tasks", cfg.Tasks, 1, MaxTasks),
		inRange("Workers", cfg.Workers, 0, MaxTasks),
		inRange("Reps", cfg.Reps, 1, MaxReps),
		known("strategy", cfg.Strategies, allStrategies))
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("cpython: Strategies: %w", err)
	}
	return in.run(ctx, "strategies", map[string]any{
		"workload":   cfg.Workload,
		"n":          cfg.N,
		"target_s":   cfg.Target.Seconds(),
		"tasks":      cfg.Tasks,
		"workers":    cfg.Workers,
		"strategies": cfg.Strategies,
		"reps":       cfg.Reps,
	})
}

// DispatchConfig says what [Interpreter.Dispatch] measures. The zero value
// times 2000 no-op tasks through each pool of 2 workers, 5 times.
type DispatchConfig struct {
	// Tasks is how many no-op tasks one repetition submits; 0 means 2000.
	Tasks int
	// Workers is the pool size; 0 means 2.
	Workers int
	// Pools lists [ThreadPool] and/or [ProcessPool]; nil means both.
	Pools []string
	// Reps is the timed repetitions; 0 means 5.
	Reps int
}

// Dispatch measures what a pool costs per task in Python: submitting a
// no-op to an already started ThreadPoolExecutor or ProcessPoolExecutor and
// waiting for its result. Each result is named "noop-dispatch"; each sample
// is one repetition's time divided by its number of tasks, the cost of one task.
func (in Interpreter) Dispatch(ctx context.Context, cfg DispatchConfig) ([]bench.Result, error) {
	if cfg.Tasks == 0 {
		cfg.Tasks = 2000
	}
	if cfg.Workers == 0 {
		cfg.Workers = 2
	}
	if cfg.Pools == nil {
		cfg.Pools = allPools
	}
	if cfg.Reps == 0 {
		cfg.Reps = 5
	}
	if err := errors.Join(
		inRange("Tasks", cfg.Tasks, 1, maxNoops),
		inRange("Workers", cfg.Workers, 1, MaxTasks),
		inRange("Reps", cfg.Reps, 1, MaxReps),
		known("pool", cfg.Pools, allPools),
	); err != nil {
		return nil, fmt.Errorf("cpython: Dispatch: %w", err)
	}
	return in.run(ctx, "dispatch", map[string]any{
		"tasks":   cfg.Tasks,
		"workers": cfg.Workers,
		"pools":   cfg.Pools,
		"reps":    cfg.Reps,
	})
}

// ConvoyConfig says what [Interpreter.Convoy] measures. The zero value times
// 20 sleeps of 1 ms beside 0, 1 and 2 CPU-bound threads at the default
// switch interval of 5 ms.
type ConvoyConfig struct {
	// Hogs lists how many CPU-bound threads to run beside the sleeper, one
	// measurement each; nil means 0, 1 and 2.
	Hogs []int
	// SwitchIntervals lists the sys.setswitchinterval values to try; nil
	// means only CPython's default, 5 ms.
	SwitchIntervals []time.Duration
	// Sleep is the sleeper's time.sleep; 0 means 1 ms.
	Sleep time.Duration
	// Samples is the sleeps timed per measurement; 0 means 20.
	Samples int
}

// Convoy measures the convoy effect in Python: the time a thread's
// time.sleep(Sleep) really takes while CPU-bound threads run, for each
// switch interval and each number of hogs. Each result is named "convoy"
// with strategy "threads", Workers set to the number of hogs, and params
// "hogs", "sleep_ms" and "switch_interval_ms", the same as
// [concurrencylab/kernel-helpers/gil.Convoy] returns.
func (in Interpreter) Convoy(ctx context.Context, cfg ConvoyConfig) ([]bench.Result, error) {
	if cfg.Hogs == nil {
		cfg.Hogs = []int{0, 1, 2}
	}
	if cfg.SwitchIntervals == nil {
		cfg.SwitchIntervals = []time.Duration{5 * time.Millisecond}
	}
	if cfg.Sleep == 0 {
		cfg.Sleep = time.Millisecond
	}
	if cfg.Samples == 0 {
		cfg.Samples = 20
	}
	errs := []error{
		inRange("Sleep", cfg.Sleep, time.Microsecond, maxSleep),
		inRange("Samples", cfg.Samples, 1, MaxSamples),
	}
	if len(cfg.Hogs) == 0 || len(cfg.SwitchIntervals) == 0 {
		errs = append(errs, errors.New("the lists Hogs and SwitchIntervals must not be empty (nil means the defaults)"))
	}
	for _, h := range cfg.Hogs {
		errs = append(errs, inRange("a count in Hogs", h, 0, MaxHogs))
	}
	intervals := make([]float64, len(cfg.SwitchIntervals))
	for i, d := range cfg.SwitchIntervals {
		// 10 s is the gil package's limit too.
		errs = append(errs, inRange("a switch interval", d, time.Microsecond, 10*time.Second))
		intervals[i] = float64(d) / float64(time.Millisecond)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("cpython: Convoy: %w", err)
	}
	return in.run(ctx, "convoy", map[string]any{
		"hogs":                cfg.Hogs,
		"switch_intervals_ms": intervals,
		"sleep_ms":            float64(cfg.Sleep) / float64(time.Millisecond),
		"samples":             cfg.Samples,
	})
}

// inRange returns an error unless low <= v <= high. (Callers have already
// replaced a zero meaning "the default" by the default.)
func inRange[T int | int64 | time.Duration](name string, v, low, high T) error {
	if v < low || v > high {
		return fmt.Errorf("%s is %v, want %v to %v", name, v, low, high)
	}
	return nil
}

// known returns an error naming the first value of got that is not in want
// or comes twice.
func known(what string, got, want []string) error {
	if len(got) == 0 {
		return fmt.Errorf("no %s given (nil means all of %v)", what, want)
	}
	for i, g := range got {
		if !slices.Contains(want, g) {
			return fmt.Errorf("unknown %s %q, want one of %v", what, g, want)
		}
		if slices.Contains(got[:i], g) {
			return fmt.Errorf("%s %q is listed twice", what, g)
		}
	}
	return nil
}
