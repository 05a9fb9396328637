package gilcompare

import (
	"time"

	"concurrencylab/kernel-helpers/bench"
)

// res fabricates a result whose samples are the given milliseconds.
func res(name, strategy string, workers int, params map[string]string, millis ...float64) bench.Result {
	r := bench.Result{Name: name, Strategy: strategy, Workers: workers, Params: params}
	for _, m := range millis {
		r.Samples = append(r.Samples, time.Duration(m*float64(time.Millisecond)))
	}
	return r
}

// kv builds a params map from key, value pairs.
func kv(pairs ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}
