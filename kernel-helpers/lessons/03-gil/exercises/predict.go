package exercises

import (
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/gil"
)

// ConvoyWait picks from the convoy's results the figure a learner is asked
// to predict: the median time a 1-hog sleep took in CPython, or under the
// emulated GIL when CPython was not measured; 0 when neither is there.
func ConvoyWait(results []bench.Result) (time.Duration, string) {
	var emulated time.Duration
	for _, r := range results {
		if r.Params["hogs"] != "1" {
			continue
		}
		switch r.Strategy {
		case "cpython-threads":
			return r.Median(), "in CPython"
		case gil.StrategyGIL:
			emulated = r.Median()
		}
	}
	return emulated, "under the emulated GIL"
}
