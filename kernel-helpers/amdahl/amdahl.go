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

// KarpFlatt returns the point's experimentally determined serial fraction
// (Karp and Flatt, 1990): the f for which Amdahl's law gives exactly this
// speedup, e = (1/S − 1/n) / (1 − 1/n). It is NaN for one worker, whose
// speedup is 1 whatever f is. A value that grows with n says the overhead
// grows with the workers (starting them, talking to them), which a constant
// serial fraction does not explain; a negative value means a speedup above
// n (superlinear: caches, or a noisy baseline).
func (p Point) KarpFlatt() float64 {
	if p.Workers <= 1 || p.Speedup <= 0 {
		return math.NaN()
	}
	return (1/p.Speedup - 1/p.Workers) / (1 - 1/p.Workers)
}

// Speedup returns Amdahl's predicted speedup on n workers when the fraction f
// of the work is serial: 1 / (f + (1 − f) / n).
func Speedup(f, n float64) float64 { return 1 / (f + (1-f)/n) }

// MinPoints is how many measurements with at most one worker per core
// [FitOn] needs. Two would always fit: the one-worker point has speedup 1
// whatever f is, so a single point with more workers decides f alone and
// leaves nothing to check the law against.
const MinPoints = 3

// ErrTooFewPoints is what [FitOn] returns (wrapped, with the counts) when
// there are fewer than [MinPoints] measurements with workers ≤ cores: on a
// 2-core machine only 1 and 2 workers qualify, so no fit is possible there.
var ErrTooFewPoints = errors.New("amdahl: too few measurements to fit")

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

// Limit returns the speedup the model predicts for unlimited workers, 1/f,
// or +Inf for f = 0.
func (m Model) Limit() float64 {
	if m.Serial == 0 {
		return math.Inf(1)
	}
	return 1 / m.Serial
}

// Fit returns the serial fraction that best matches the points, by least
// squares on 1/S. Amdahl's law reads 1/S = 1/n + f·(1 − 1/n): linear in f,
// so with y = 1/S − 1/n and x = 1 − 1/n the best f has a closed form,
// Σxy / Σx², a weighted mean of the points' [Point.KarpFlatt] fractions,
// clamped to [0, 1]. It needs at least one point with more than one worker
// (a single worker's speedup is 1 whatever f is), and rejects workers below
// 1 and speedups that are not positive or not finite. Fit does not check
// that the points are enough to trust the fit: [FitOn] does.
func Fit(points []Point) (Model, error) {
	var sxy, sxx float64
	for i, p := range points {
		switch {
		case math.IsNaN(p.Workers) || math.IsInf(p.Workers, 0) || p.Workers < 1:
			return Model{}, fmt.Errorf("amdahl: point %d: %v workers (want 1 or more)", i, p.Workers)
		case math.IsNaN(p.Speedup) || math.IsInf(p.Speedup, 0) || p.Speedup <= 0:
			return Model{}, fmt.Errorf("amdahl: point %d: speedup %v (want a positive number)", i, p.Speedup)
		}
		x := 1 - 1/p.Workers
		sxy += x * (1/p.Speedup - 1/p.Workers)
		sxx += x * x
	}
	if sxx == 0 {
		return Model{}, errors.New("amdahl: no point with more than one worker: any serial fraction fits")
	}
	f := min(max(sxy/sxx, 0), 1)
	sse := 0.0
	for _, p := range points {
		d := p.Speedup - Speedup(f, p.Workers)
		sse += d * d
	}
	return Model{Serial: f, RMS: math.Sqrt(sse / float64(len(points))), Points: len(points)}, nil
}

// FitOn fits only the points with at most cores workers (past the core
// count workers take turns, which is not the parallel work the law
// describes), and only when there are at least [MinPoints] of them;
// otherwise it returns an error wrapping [ErrTooFewPoints] that says how
// many there were. cores is what the run could use: runtime.GOMAXPROCS(0),
// not runtime.NumCPU.
func FitOn(points []Point, cores int) (Model, error) {
	if cores < 1 {
		return Model{}, fmt.Errorf("amdahl: %d cores (want 1 or more)", cores)
	}
	var kept []Point
	for _, p := range points {
		if p.Workers <= float64(cores) {
			kept = append(kept, p)
		}
	}
	if len(kept) < MinPoints {
		return Model{}, fmt.Errorf("%w: %d with up to %d workers (one per core), want %d or more",
			ErrTooFewPoints, len(kept), cores, MinPoints)
	}
	return Fit(kept)
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

// Describe says in words what the fit found and what it predicts, with the
// figures, e.g. "a serial fraction of 5% (least squares on 1/S from 3
// measurements; root mean square error 0.02 in speedup), which predicts
// 1.9× with 2 workers and 20× with unlimited workers". It states
// predictions, not bounds: a measured speedup may well exceed them, and a
// notebook shows the two side by side.
func (m Model) Describe(cores int) string {
	limit := "no limit with unlimited workers"
	if !math.IsInf(m.Limit(), 1) {
		limit = fmt.Sprintf("%.3g× with unlimited workers", m.Limit())
	}
	return fmt.Sprintf("a serial fraction of %.3g%% (least squares on 1/S from %d measurements; root mean square error %.2g in speedup), "+
		"which predicts %.3g× with %d workers and %s",
		100*m.Serial, m.Points, m.RMS, m.On(float64(cores), cores), cores, limit)
}
