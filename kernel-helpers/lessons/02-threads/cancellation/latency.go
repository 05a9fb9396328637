package cancellation

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"slices"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/kernel-helpers/source"
	"concurrencylab/workloads"
)

//go:embed latency.go
var files embed.FS

// Source returns the Go source of a function of latency.go, such as
// "stopOnce", for the notebook to show beside the CPython.
func Source(name string) (string, error) { return source.Go(files, name) }

// MaxCheckEvery bounds the iterations between two checks: at a few ns an
// iteration, 1<<32 of them is already seconds of work that no cancel can
// interrupt.
const MaxCheckEvery = 1 << 32

// MaxTrials bounds [StopLatency]'s trials, checked before the latencies'
// slice is allocated: a million trials is 8 MB of latencies and far more
// than a median needs.
const MaxTrials = 1_000_000

// StopLatency measures, trials times, how long a CPU-bound goroutine that
// checks its context every checkEvery iterations of [workloads.CountTo]
// keeps running after cancel() is called: from the call to the moment the
// goroutine sees ctx.Done() and returns.
//
// Each trial cancels right after the goroutine passes a check, the worst
// moment, so the figure is close to the time of one whole stretch of
// checkEvery iterations, plus the time for the goroutine to be scheduled
// if another program holds the core.
//
// It returns an error for a nil ctx, checkEvery outside [1,
// MaxCheckEvery], fewer than one trial, or ctx ending first. When ctx ends
// during a trial, StopLatency returns once that trial's goroutine has
// stopped, at its next check: a goroutine that checks rarely cannot be
// stopped sooner, which is what this function measures, and nothing is
// left running after it returns.
func StopLatency(ctx context.Context, checkEvery int64, trials int) ([]time.Duration, error) {
	if ctx == nil {
		return nil, errors.New("cancellation: StopLatency needs a context, got nil")
	}
	if checkEvery < 1 || checkEvery > MaxCheckEvery {
		return nil, fmt.Errorf("cancellation: checkEvery must be in [1, %d], got %d", int64(MaxCheckEvery), checkEvery)
	}
	if trials < 1 {
		return nil, fmt.Errorf("cancellation: need at least one trial, got %d", trials)
	}
	if trials > MaxTrials {
		return nil, fmt.Errorf("cancellation: trials must be at most %d, got %d (the latencies are kept in memory, and each trial starts a goroutine and cancels it)", MaxTrials, trials)
	}
	out := make([]time.Duration, 0, trials)
	for range trials {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("cancellation: %w", err)
		}
		d, err := stopOnce(ctx, checkEvery)
		if err != nil {
			return out, fmt.Errorf("cancellation: %w", err)
		}
		out = append(out, d)
	}
	return out, nil
}

// stopOnce runs one trial of StopLatency, or returns parent's error if
// parent ends before the goroutine has passed its first check (after the
// goroutine has stopped, at most one stretch of checkEvery iterations
// later).
func stopOnce(parent context.Context, checkEvery int64) (time.Duration, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	passed := make(chan struct{}) // closed after the first check
	stopped := make(chan time.Time, 1)
	go func() {
		first := true
		for {
			workloads.CountTo(checkEvery)
			select {
			case <-ctx.Done():
				stopped <- time.Now()
				return
			default:
			}
			if first {
				close(passed)
				first = false
			}
		}
	}()
	select {
	case <-passed:
	case <-parent.Done():
		// The goroutine stops at its next check; wait for it, so that
		// nothing is left counting after StopLatency returns.
		<-stopped
		return 0, parent.Err()
	}
	at := time.Now()
	cancel()
	return (<-stopped).Sub(at), nil
}

// Latencies are the stop delays measured for one check interval.
type Latencies struct {
	CheckEvery int64           // iterations between two checks of ctx.Done()
	Stops      []time.Duration // delay from cancel() to the goroutine's return, one per trial
}

// Sweep runs [StopLatency] for each check interval.
func Sweep(ctx context.Context, checkEvery []int64, trials int) ([]Latencies, error) {
	if len(checkEvery) == 0 {
		return nil, errors.New("cancellation: no check intervals")
	}
	out := make([]Latencies, 0, len(checkEvery))
	for _, k := range checkEvery {
		stops, err := StopLatency(ctx, k, trials)
		if err != nil {
			return nil, err
		}
		out = append(out, Latencies{CheckEvery: k, Stops: stops})
	}
	return out, nil
}

// Series turns a sweep into a series for [plots.Lines] with log axes: X is
// the iterations between checks, Y the median delay in microseconds, and
// the whisker runs from the quickest stop to the slowest.
func Series(ls []Latencies) (plots.Series, error) {
	s := plots.Series{Name: "stop after cancel()"}
	if len(ls) == 0 {
		return s, errors.New("cancellation: no latencies")
	}
	for _, l := range ls {
		if len(l.Stops) == 0 {
			return s, fmt.Errorf("cancellation: no trials for checkEvery %d", l.CheckEvery)
		}
		sorted := slices.Sorted(slices.Values(l.Stops))
		s.X = append(s.X, float64(l.CheckEvery))
		s.Y = append(s.Y, micros(median(sorted)))
		// A log axis needs positive values; a stop faster than the clock's
		// resolution shows as 1 ns rather than 0.
		s.Low = append(s.Low, micros(max(sorted[0], time.Nanosecond)))
		s.High = append(s.High, micros(max(sorted[len(sorted)-1], time.Nanosecond)))
		s.Y[len(s.Y)-1] = max(s.Y[len(s.Y)-1], s.Low[len(s.Low)-1])
	}
	return s, nil
}

func micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// median is the course's one median ([bench.Median]).
func median(sorted []time.Duration) time.Duration { return bench.Median(sorted) }

// Growth compares the stop delays of the rarest and the most frequent
// checks: the ratio of their medians, and the ratio of their check
// intervals. ok is false when there are not two intervals with trials.
func Growth(ls []Latencies) (delayRatio, intervalRatio float64, ok bool) {
	var with []Latencies
	for _, l := range ls {
		if len(l.Stops) > 0 && l.CheckEvery > 0 {
			with = append(with, l)
		}
	}
	if len(with) < 2 {
		return 0, 0, false
	}
	byK := slices.SortedFunc(slices.Values(with), func(a, b Latencies) int { return cmp.Compare(a.CheckEvery, b.CheckEvery) })
	lo, hi := byK[0], byK[len(byK)-1]
	if lo.CheckEvery == hi.CheckEvery {
		return 0, 0, false
	}
	mlo := max(median(slices.Sorted(slices.Values(lo.Stops))), time.Nanosecond)
	mhi := median(slices.Sorted(slices.Values(hi.Stops)))
	return float64(mhi) / float64(mlo), float64(hi.CheckEvery) / float64(lo.CheckEvery), true
}

// Verdict says whether the goroutine stopped after cancel() at every check
// interval, and whether the delay grew with the interval, as it must if the
// goroutine stops only when it next looks: the rarest checks must take at
// least twice as long to stop as the most frequent ones, when their
// intervals differ tenfold or more. Otherwise it says the delay was set by
// something else (the scheduler, another program), with the figures.
func Verdict(ls []Latencies) string {
	if len(ls) == 0 {
		return "No stop was measured."
	}
	byK := slices.SortedFunc(slices.Values(ls), func(a, b Latencies) int { return cmp.Compare(a.CheckEvery, b.CheckEvery) })
	for _, l := range byK {
		if len(l.Stops) == 0 {
			return fmt.Sprintf("Checking every %s iterations, no trial stopped: the goroutine did not return after cancel().", display.Count(l.CheckEvery))
		}
	}
	desc := func(l Latencies) string {
		sorted := slices.Sorted(slices.Values(l.Stops))
		return fmt.Sprintf("checking every %s iterations stopped a median %v after cancel() (at worst %v)",
			display.Count(l.CheckEvery), bench.Round(median(sorted)), bench.Round(sorted[len(sorted)-1]))
	}
	if len(byK) == 1 {
		return "A goroutine " + desc(byK[0]) + ". With one check interval, whether the delay follows it is not measured."
	}
	s := "A goroutine " + desc(byK[0]) + "; one " + desc(byK[len(byK)-1]) + ". "
	delay, interval, _ := Growth(byK)
	switch {
	case interval < 10:
		return s + fmt.Sprintf("The intervals differ only %.3g×: too little to tell whether the delay follows them.", interval)
	case delay >= 2:
		return s + fmt.Sprintf("Every trial stopped, and %.3g× rarer checks made the delay %.3g× longer: it stops when it next looks, so how soon is up to its code.",
			interval, delay)
	default:
		return s + fmt.Sprintf("Every trial stopped, but %.3g× rarer checks made the delay only %.3g× longer: here the delay was set by something else than the check interval (the scheduler, another program on these cores).",
			interval, delay)
	}
}
