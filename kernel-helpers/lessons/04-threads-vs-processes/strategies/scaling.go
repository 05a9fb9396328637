package strategies

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"concurrencylab/kernel-helpers/amdahl"
	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/kernel-helpers/run"
)

// Scaling is the same CPU-bound work timed sequentially, then split among
// more and more workers under several kinds, with Amdahl's law fitted to
// one of them.
type Scaling struct {
	Cores   int
	Base    bench.Result   // the whole work as one task, run sequentially
	Results []bench.Result // for each worker count, each kind
	// Points are FitKind's speedups with 2 to Cores workers, whose
	// Karp–Flatt serial fractions Markdown shows.
	FitKind string
	Points  []amdahl.Point
	// Fit is Amdahl's law fitted to FitKind's speedups with at most Cores
	// workers, when FitErr is nil; FitErr says why there is no fit (fewer
	// than amdahl.MinPoints such runs: on 2 cores there are only 1 and 2
	// workers).
	Fit    amdahl.Model
	FitErr error
}

// Scale measures a Scaling of sw on cores cores (runtime.GOMAXPROCS(0),
// what the run may use, not runtime.NumCPU): the worker task with all its
// iterations as one task, then [Split]. The Amdahl fit uses the first
// kind, and only when it has at least amdahl.MinPoints runs with at most
// cores workers.
func Scale(ctx context.Context, sw Sweep, cores int) (Scaling, error) {
	if err := checkScale(ctx, sw.Total, sw.Workers, sw.Kinds, cores); err != nil {
		return Scaling{}, err
	}
	s := Scaling{Cores: cores, FitKind: sw.Kinds[0].Name}
	var err error
	if s.Base, _, err = Time(ctx, sw.Task, Sequential, 1, run.Work(1, sw.Task, sw.Total), sw.Reps); err != nil {
		return s, err
	}
	if s.Results, err = Split(ctx, sw); err != nil {
		return s, err
	}
	var points []amdahl.Point
	for _, r := range s.Results {
		if r.Strategy == s.FitKind && r.Workers <= cores {
			p := amdahl.Point{Workers: float64(r.Workers), Speedup: bench.Speedup(s.Base, r)}
			points = append(points, p)
			if r.Workers > 1 {
				s.Points = append(s.Points, p)
			}
		}
	}
	s.Fit, err = amdahl.FitOn(points, cores)
	switch {
	case errors.Is(err, amdahl.ErrTooFewPoints):
		s.FitErr = err
	case err != nil:
		return s, fmt.Errorf("strategies: fitting %s: %w", s.FitKind, err)
	}
	return s, nil
}

// kinds returns the kind names in the order they were measured.
func (s Scaling) kinds() []string {
	var names []string
	for _, r := range s.Results {
		if !slices.Contains(names, r.Strategy) {
			names = append(names, r.Strategy)
		}
	}
	return names
}

// Series returns one speedup series per kind, with whiskers from the
// slowest and fastest runs, and the Amdahl fit as a last series.
func (s Scaling) Series() ([]plots.Series, error) {
	var series []plots.Series
	var xs []float64
	for _, name := range s.kinds() {
		var rs []bench.Result
		for _, r := range s.Results {
			if r.Strategy == name {
				rs = append(rs, r)
			}
		}
		sr, err := plots.SpeedupSeries(name, s.Base, rs)
		if err != nil {
			return nil, err
		}
		series = append(series, sr)
		if len(sr.X) > len(xs) {
			xs = sr.X
		}
	}
	if len(series) == 0 {
		return nil, errors.New("strategies: nothing measured")
	}
	if s.FitErr != nil || s.Fit.Points == 0 {
		return series, nil
	}
	fit := s.Fit.Curve(fmt.Sprintf("Amdahl fit, serial %.2g%%", 100*s.Fit.Serial), xs, s.Cores)
	return append(series, fit), nil
}

// Plot draws every kind's speedup against the number of workers, the ideal
// line and the Amdahl fit.
func (s Scaling) Plot() ([]byte, error) {
	series, err := s.Series()
	if err != nil {
		return nil, err
	}
	return plots.Speedup(fmt.Sprintf("the same work split among w workers, %d cores", s.Cores), series, true)
}

// Markdown states the fit (or why there is none), each run's Karp–Flatt
// serial fraction, and what happened past the core count, with the figures.
// It states the fit's predictions beside the measurements, never a bound a
// measurement could contradict.
func (s Scaling) Markdown() string {
	var b strings.Builder
	b.WriteString("**This machine:** ")
	if s.FitErr != nil || s.Fit.Points == 0 {
		why := "no fit was made"
		if s.FitErr != nil {
			why = s.FitErr.Error()
		}
		fmt.Fprintf(&b, "no Amdahl fit is possible on %d cores (%s). ", s.Cores, why)
	} else {
		fmt.Fprintf(&b, "Amdahl's law fitted to the runs on %s with up to %d workers gives %s. ", s.FitKind, s.Cores, s.Fit.Describe(s.Cores))
	}
	if len(s.Points) > 0 {
		var kf []string
		for _, p := range s.Points {
			kf = append(kf, fmt.Sprintf("%g workers %.3g× → %.3g%%", p.Workers, p.Speedup, 100*p.KarpFlatt()))
		}
		fmt.Fprintf(&b, "The serial fraction each %s run implies on its own (Karp–Flatt): %s. ", s.FitKind, strings.Join(kf, ", "))
	}
	most := 0
	for _, r := range s.Results {
		most = max(most, r.Workers)
	}
	if most <= s.Cores {
		b.WriteString("No run used more workers than cores.")
		return b.String()
	}
	var parts []string
	for _, name := range s.kinds() {
		var atCores, atMost float64
		for _, r := range s.Results {
			if r.Strategy != name {
				continue
			}
			if r.Workers == s.Cores {
				atCores = bench.Speedup(s.Base, r)
			}
			if r.Workers == most {
				atMost = bench.Speedup(s.Base, r)
			}
		}
		parts = append(parts, fmt.Sprintf("%s %.2f× (%.2f× with %d)", name, atMost, atCores, s.Cores))
	}
	fmt.Fprintf(&b, "With %d workers on %d cores: %s.", most, s.Cores, strings.Join(parts, ", "))
	return b.String()
}
