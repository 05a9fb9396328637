package datarace

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/workloads/counter"
)

// Losses is what several trials of the unsafe counter lost, for one number
// of goroutines.
type Losses struct {
	Goroutines int     // goroutines incrementing at once
	Increments int     // increments each goroutine made
	Lost       []int64 // updates lost in each trial, in trial order
	// Procs is GOMAXPROCS during the trials; 0 means it was left as it was.
	Procs int
}

// Expected is the count a trial should reach: goroutines × increments.
func (l Losses) Expected() int64 { return int64(l.Goroutines) * int64(l.Increments) }

// Percents returns each trial's loss as a percentage of Expected, sorted.
func (l Losses) Percents() []float64 {
	out := make([]float64, len(l.Lost))
	for i, lost := range l.Lost {
		if e := l.Expected(); e > 0 {
			out[i] = 100 * float64(lost) / float64(e)
		}
	}
	slices.Sort(out)
	return out
}

// Losing returns how many trials lost at least one update.
func (l Losses) Losing() int {
	n := 0
	for _, lost := range l.Lost {
		if lost > 0 {
			n++
		}
	}
	return n
}

// MeasureLosses runs the unsafe counter trials times for each goroutine
// count: each goroutine adds 1 to the shared count increments times. It
// returns, per goroutine count, how many updates each trial lost.
//
// It returns soon after ctx ends, with an error that wraps ctx.Err(), and
// an error for a nil ctx, no goroutine counts, fewer than one trial, or
// arguments package counter refuses (a goroutine count below 1, negative
// increments, too many in all).
func MeasureLosses(ctx context.Context, goroutines []int, increments, trials int) ([]Losses, error) {
	if ctx == nil {
		return nil, errNilContext
	}
	if len(goroutines) == 0 {
		return nil, errors.New("datarace: no goroutine counts to measure")
	}
	if trials < 1 || trials > bench.MaxReps {
		return nil, fmt.Errorf("datarace: trials must be 1 to %d, got %d", bench.MaxReps, trials)
	}
	out := make([]Losses, 0, len(goroutines))
	for _, g := range goroutines {
		l := Losses{Goroutines: g, Increments: increments}
		for range trials {
			got, err := counter.Count(ctx, counter.Unsafe, g, increments)
			if err != nil {
				return nil, fmt.Errorf("datarace: %w", err)
			}
			l.Lost = append(l.Lost, counter.Lost(g, increments, got))
		}
		out = append(out, l)
	}
	return out, nil
}

// LossSeries turns measured losses into a series for [plots.Lines]: X is the
// number of goroutines, Y the median percentage of updates lost, and the
// whisker runs from the trial that lost least to the one that lost most.
func LossSeries(ls []Losses) (plots.Series, error) {
	s := plots.Series{Name: "unsafe counter"}
	if len(ls) == 0 {
		return s, errors.New("datarace: no losses to plot")
	}
	for _, l := range ls {
		p := l.Percents()
		if len(p) == 0 {
			return s, fmt.Errorf("datarace: no trials for %d goroutines", l.Goroutines)
		}
		s.X = append(s.X, float64(l.Goroutines))
		s.Y = append(s.Y, median(p))
		s.Low = append(s.Low, p[0])
		s.High = append(s.High, p[len(p)-1])
	}
	return s, nil
}

// median is the course's one median ([bench.Median]).
func median(sorted []float64) float64 { return bench.Median(sorted) }

// LossVerdict says in a sentence or two what the trials show, with the
// figures: whether the lone goroutine counted exactly (it must), and how many
// trials with several goroutines lost updates, and how many at most. When no
// trial lost anything it says so, and why that proves nothing. Losses
// measured with GOMAXPROCS=1 ([MeasureLossesOn]) are introduced as such.
func LossVerdict(ls []Losses) string {
	var b strings.Builder
	if len(ls) > 0 && ls[0].Procs == 1 {
		b.WriteString("With GOMAXPROCS=1, one goroutine running Go code at a time: ")
	}
	var trials, losing int
	var worst Losses
	worstPct := -1.0
	for _, l := range ls {
		if l.Goroutines == 1 {
			if n := l.Losing(); n == 0 {
				fmt.Fprintf(&b, "One goroutine alone counted exactly in all %d trials, as it must. ", len(l.Lost))
			} else {
				fmt.Fprintf(&b, "One goroutine alone lost updates in %d of %d trials, which should never happen: something else is wrong. ", n, len(l.Lost))
			}
			continue
		}
		trials += len(l.Lost)
		losing += l.Losing()
		if p := l.Percents(); len(p) > 0 && p[len(p)-1] > worstPct {
			worst, worstPct = l, p[len(p)-1]
		}
	}
	switch {
	case trials == 0:
		b.WriteString("No trial had more than one goroutine, so nothing could race.")
	case losing == trials:
		fmt.Fprintf(&b, "**Every** one of the %d trials with several goroutines lost updates; the worst lost %.1f%% of the %s increments of %d goroutines.",
			trials, worstPct, display.Count(worst.Expected()), worst.Goroutines)
	case losing > 0:
		fmt.Fprintf(&b, "%d of the %d trials with several goroutines lost updates (the worst %.1f%% of %s increments of %d goroutines); the others happened to lose none, and their code is just as wrong.",
			losing, trials, worstPct, display.Count(worst.Expected()), worst.Goroutines)
	default:
		fmt.Fprintf(&b, "None of the %d trials with several goroutines lost an update this time: no goroutine happened to be paused, or overtaken by another core, between its load and its store. The race is still there, as the detector below shows.", trials)
	}
	return b.String()
}
