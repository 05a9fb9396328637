package cancellation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/workloads"
)

// MaxCheckEvery bounds the iterations between two checks: at a few ns an
// iteration, 1<<32 of them is already seconds of work that no cancel can
// interrupt.
const MaxCheckEvery = 1 << 32

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
// It returns an error for checkEvery outside [1, MaxCheckEvery], fewer than
// one trial, or ctx ending first.
func StopLatency(ctx context.Context, checkEvery int64, trials int) ([]time.Duration, error) {
	if checkEvery < 1 || checkEvery > MaxCheckEvery {
		return nil, fmt.Errorf("cancellation: checkEvery must be in [1, %d], got %d", int64(MaxCheckEvery), checkEvery)
	}
	if trials < 1 {
		return nil, fmt.Errorf("cancellation: need at least one trial, got %d", trials)
	}
	out := make([]time.Duration, 0, trials)
	for range trials {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("cancellation: %w", err)
		}
		out = append(out, stopOnce(ctx, checkEvery))
	}
	return out, nil
}

// stopOnce runs one trial of StopLatency.
func stopOnce(parent context.Context, checkEvery int64) time.Duration {
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
	<-passed
	at := time.Now()
	cancel()
	return (<-stopped).Sub(at)
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

func median(sorted []time.Duration) time.Duration {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// Verdict says how quickly the goroutine stopped with the most frequent and
// the rarest checks, with the figures.
func Verdict(ls []Latencies) string {
	if len(ls) == 0 {
		return "No stop was measured."
	}
	byK := slices.SortedFunc(slices.Values(ls), func(a, b Latencies) int { return int(a.CheckEvery - b.CheckEvery) })
	desc := func(l Latencies) string {
		sorted := slices.Sorted(slices.Values(l.Stops))
		if len(sorted) == 0 {
			return fmt.Sprintf("checking every %s iterations: no trial", display.Count(l.CheckEvery))
		}
		return fmt.Sprintf("checking every %s iterations stopped a median %v after cancel() (at worst %v)",
			display.Count(l.CheckEvery), bench.Round(median(sorted)), bench.Round(sorted[len(sorted)-1]))
	}
	if len(byK) == 1 {
		return "A goroutine " + desc(byK[0]) + "."
	}
	return "A goroutine " + desc(byK[0]) + "; one " + desc(byK[len(byK)-1]) +
		". It always stopped, but only when it next looked: how soon is up to the code."
}
