package exercises

import (
	"slices"

	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
)

// LostPercent picks from the unsafe counter's trials the figure a learner
// is asked to predict: the median percentage of updates lost with the
// most goroutines, and that goroutine count; 0, 0 without trials.
func LostPercent(losses []datarace.Losses) (float64, int) {
	if len(losses) == 0 {
		return 0, 0
	}
	most := slices.MaxFunc(losses, func(a, b datarace.Losses) int { return a.Goroutines - b.Goroutines })
	p := slices.Clone(most.Percents())
	if len(p) == 0 {
		return 0, most.Goroutines
	}
	slices.Sort(p)
	return p[len(p)/2], most.Goroutines
}
