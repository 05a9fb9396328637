package amdahl

import (
	"errors"
	"fmt"
	"math"

	"concurrencylab/kernel-helpers/plots"
)

// Point is one measurement: with Workers workers the work ran Speedup times
// as fast as with one.
type Point struct {
	Workers, Speedup float64
}

// Speedup returns Amdahl's predicted speedup on n workers when the fraction f
// of the work is serial: 1 / (f + (1 − f) / n).
func Speedup(f, n float64) float64 { return 1 / (f + (1-f)/n) }

// Model is a fitted serial fraction.
type Model struct {
	// Serial is the fitted fraction f of the work that ran serially, in [0, 1].
	Serial float64
	// RMS is the root mean square of the differences between the measured
	// speedups and the fitted ones: how far the law is from the points.
	RMS float64
	// Points is how many measurements the fit used.
	Points int
}

// Speedup returns the model's speedup on n workers.
func (m Model) Speedup(n float64) float64 { return Speedup(m.Serial, n) }

// On returns the model's speedup on n workers sharing cores cores: beyond
// the core count extra workers add no parallelism, so n is capped at cores.
func (m Model) On(n float64, cores int) float64 {
	return m.Speedup(math.Min(n, float64(cores)))
}

// Limit returns the speedup no number of workers can pass, 1/f, or +Inf for
// f = 0.
func (m Model) Limit() float64 {
	if m.Serial == 0 {
		return math.Inf(1)
	}
	return 1 / m.Serial
}

// Fit returns the serial fraction that best matches the points, by least
// squares. It needs at least one point with more than one worker (a single
// worker's speedup is 1 whatever f is), and rejects workers below 1 and
// speedups that are not positive or not finite.
func Fit(points []Point) (Model, error) {
	informative := 0
	for i, p := range points {
		switch {
		case math.IsNaN(p.Workers) || math.IsInf(p.Workers, 0) || p.Workers < 1:
			return Model{}, fmt.Errorf("amdahl: point %d: %v workers (want 1 or more)", i, p.Workers)
		case math.IsNaN(p.Speedup) || math.IsInf(p.Speedup, 0) || p.Speedup <= 0:
			return Model{}, fmt.Errorf("amdahl: point %d: speedup %v (want a positive number)", i, p.Speedup)
		}
		if p.Workers > 1 {
			informative++
		}
	}
	if informative == 0 {
		return Model{}, errors.New("amdahl: no point with more than one worker: any serial fraction fits")
	}
	sse := func(f float64) float64 {
		s := 0.0
		for _, p := range points {
			d := p.Speedup - Speedup(f, p.Workers)
			s += d * d
		}
		return s
	}
	// A grid finds the right valley (the sum is smooth in f, but need not
	// have a single minimum for odd data); golden-section search then
	// narrows it down to far below any measurement's precision.
	const steps = 1000
	best := 0
	for i := 1; i <= steps; i++ {
		if sse(float64(i)/steps) < sse(float64(best)/steps) {
			best = i
		}
	}
	lo, hi := math.Max(0, float64(best-1)/steps), math.Min(1, float64(best+1)/steps)
	phi := (math.Sqrt(5) - 1) / 2
	for hi-lo > 1e-9 {
		a, b := hi-phi*(hi-lo), lo+phi*(hi-lo)
		if sse(a) <= sse(b) {
			hi = b
		} else {
			lo = a
		}
	}
	f := (lo + hi) / 2
	// The search never lands exactly on a bound; the best fit often is one
	// (speedups above the ideal give f = 0, speedups below 1 give f = 1).
	for _, bound := range []float64{0, 1} {
		if sse(bound) <= sse(f) {
			f = bound
		}
	}
	return Model{Serial: f, RMS: math.Sqrt(sse(f) / float64(len(points))), Points: len(points)}, nil
}

// Curve returns the model's speedups at the given worker counts, capped at
// cores as [Model.On] does, as a series for plots.Speedup.
func (m Model) Curve(name string, workers []float64, cores int) plots.Series {
	s := plots.Series{Name: name}
	for _, n := range workers {
		s.X = append(s.X, n)
		s.Y = append(s.Y, m.On(n, cores))
	}
	return s
}

// Describe says in words what the fit found, with the figures, e.g. "a
// serial fraction of 5% (root mean square error 0.02, from 3 measurements):
// at most 1.9× on this machine's 2 cores, and at most 20× however many
// cores there were."
func (m Model) Describe(cores int) string {
	limit := "no limit however many cores there were"
	if !math.IsInf(m.Limit(), 1) {
		limit = fmt.Sprintf("at most %.3g× however many cores there were", m.Limit())
	}
	return fmt.Sprintf("a serial fraction of %.3g%% (root mean square error %.2g, from %d measurements): "+
		"at most %.3g× on this machine's %d cores, and %s.",
		100*m.Serial, m.RMS, m.Points, m.On(float64(cores), cores), cores, limit)
}
