package plots

import (
	"errors"
	"fmt"

	"concurrencylab/kernel-helpers/bench"
)

// SpeedupSeries turns measurements into a series for [Speedup]: for each
// result, X is its worker count and Y how many times faster than base it ran
// (median against median). Low and High come from its slowest and fastest
// samples against base's median, so the whisker shows this run's spread.
func SpeedupSeries(name string, base bench.Result, results []bench.Result) (Series, error) {
	if base.Median() <= 0 {
		return Series{}, errors.New("plots: the baseline has no positive samples")
	}
	s := Series{Name: name}
	b := float64(base.Median())
	for _, r := range results {
		if r.Workers <= 0 || r.Min() <= 0 {
			return Series{}, fmt.Errorf("plots: result %q needs a worker count and positive samples", r.Strategy)
		}
		s.X = append(s.X, float64(r.Workers))
		s.Y = append(s.Y, b/float64(r.Median()))
		s.Low = append(s.Low, b/float64(r.Max()))
		s.High = append(s.High, b/float64(r.Min()))
	}
	return s, nil
}
