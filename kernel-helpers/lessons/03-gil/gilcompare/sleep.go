package gilcompare

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/plots"
)

// SleepConfig says what [Sleeps] measures. The zero value times 8 sleeps
// of 50 ms, 5 times per strategy, at CPython's default switch interval.
type SleepConfig struct {
	// Sleepers is how many sleeps run, one thread or goroutine each;
	// 0 means 8.
	Sleepers int
	// Sleep is each one's sleep; 0 means 50 ms.
	Sleep time.Duration
	// Reps is the timed repetitions of each strategy, after a warm-up;
	// 0 means [bench.DefaultReps].
	Reps int
	// Interval is the emulated GIL's switch interval; 0 means
	// [gil.DefaultSwitchInterval].
	Interval time.Duration
	// History, when not nil, receives the results.
	History *history.Store
}

// Sleeps times cfg.Sleepers sleeps of cfg.Sleep three ways: one after
// another ([Sequential]), on one OS thread each under an emulated GIL
// ([GILThreads]), each sleep through [gil.Thread.Blocking] as CPython's
// time.sleep releases the GIL, and on one goroutine each without a GIL
// ([Goroutines]). Repetitions take turns between the three.
//
// The results are named [SleepName], with params "sleepers" and "sleep_ms".
// Bad settings return an error before anything runs.
func Sleeps(ctx context.Context, cfg SleepConfig) ([]bench.Result, error) {
	if ctx == nil {
		return nil, errors.New("gilcompare: Sleeps needs a context, got nil")
	}
	cfg.Sleepers = orDefault(cfg.Sleepers, 8)
	cfg.Sleep = orDefault(cfg.Sleep, 50*time.Millisecond)
	cfg.Reps = orDefault(cfg.Reps, bench.DefaultReps)
	switch {
	case cfg.Sleepers < 1 || cfg.Sleepers > MaxSleepers:
		return nil, fmt.Errorf("gilcompare: Sleeps: Sleepers must be between 1 and %d, got %d", MaxSleepers, cfg.Sleepers)
	case cfg.Sleep < 0 || cfg.Sleep > gil.MaxConvoySleep:
		return nil, fmt.Errorf("gilcompare: Sleeps: Sleep must be between 0 (for 50ms) and %v, got %v", gil.MaxConvoySleep, cfg.Sleep)
	case cfg.Reps < 1 || cfg.Reps > MaxReps:
		return nil, fmt.Errorf("gilcompare: Sleeps: Reps must be between 1 and %d, got %d", MaxReps, cfg.Reps)
	}
	g, err := newGIL(cfg.Interval)
	if err != nil {
		return nil, err
	}
	sleepTasks := slices.Repeat([]gil.Task{gil.SleepTask(cfg.Sleep)}, cfg.Sleepers)
	type strategy struct {
		name    string
		workers int
		run     func() error
	}
	strategies := []strategy{
		{Sequential, 1, func() error {
			for range cfg.Sleepers {
				time.Sleep(cfg.Sleep)
			}
			return nil
		}},
		{GILThreads, cfg.Sleepers, func() error {
			_, err := g.Run(ctx, sleepTasks...)
			return err
		}},
		{Goroutines, cfg.Sleepers, func() error {
			var wg sync.WaitGroup
			for range cfg.Sleepers {
				wg.Go(func() { time.Sleep(cfg.Sleep) })
			}
			wg.Wait()
			return nil
		}},
	}
	results := make([]bench.Result, len(strategies))
	for i, s := range strategies {
		results[i] = bench.Result{Name: SleepName, Strategy: s.name, Workers: s.workers,
			Params: map[string]string{"sleepers": strconv.Itoa(cfg.Sleepers), "sleep_ms": fmtMillis(cfg.Sleep)}}
	}
	for rep := -1; rep < cfg.Reps; rep++ { // rep -1 is the warm-up
		for i, s := range strategies {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("gilcompare: Sleeps stopped: %w", err)
			}
			start := time.Now()
			if err := s.run(); err != nil {
				return nil, fmt.Errorf("gilcompare: Sleeps: %w", err)
			}
			if rep >= 0 {
				results[i].Samples = append(results[i].Samples, time.Since(start))
			}
		}
	}
	return results, record(cfg.History, cfg.Interval, results)
}

// SleepPlot draws the results of [Sleeps] as bars of median time with their
// spread.
func SleepPlot(results []bench.Result) ([]byte, error) {
	if len(results) == 0 {
		return nil, errors.New("gilcompare: SleepPlot: no results")
	}
	r := results[0]
	return plots.Timings(fmt.Sprintf("%s sleeps of %s ms each", r.Params["sleepers"], r.Params["sleep_ms"]), results)
}

// SleepVerdict says, with the figures, whether the sleeps under the
// emulated GIL overlapped: all of them together took less than two sleeps'
// time, where one after another they take one sleep per sleeper.
func SleepVerdict(results []bench.Result) string {
	i := slices.IndexFunc(results, func(r bench.Result) bool { return r.Strategy == GILThreads })
	j := slices.IndexFunc(results, func(r bench.Result) bool { return r.Strategy == Sequential })
	if i < 0 || j < 0 {
		return "**No verdict:** the results hold no run under the GIL and one after another."
	}
	withGIL, seq := results[i], results[j]
	n := int(param(withGIL, "sleepers"))
	sleep := time.Duration(param(withGIL, "sleep_ms") * float64(time.Millisecond))
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine:** %d sleeps of %v took **%v** on %d threads under the emulated GIL, against %v one after another",
		n, sleep, bench.Round(withGIL.Median()), n, bench.Round(seq.Median()))
	if k := slices.IndexFunc(results, func(r bench.Result) bool { return r.Strategy == Goroutines }); k >= 0 {
		fmt.Fprintf(&b, " and %v on goroutines without a GIL", bench.Round(results[k].Median()))
	}
	b.WriteString(". ")
	if withGIL.Median() < 2*sleep && n > 1 {
		b.WriteString("Under the GIL they overlapped, taking about one sleep rather than one per thread, as a GIL released for every wait predicts. " +
			"A thread releases the GIL while it waits, so the others wait at the same time.")
	} else {
		b.WriteString("Under the GIL they did not take about one sleep's time, which a GIL released for every wait does not predict: rerun the cell on a quiet machine.")
	}
	return b.String()
}
