package bench_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
)

func TestVerdict(t *testing.T) {
	for _, tc := range []struct {
		name           string
		speedup        float64
		workers, cores int
		want           string
	}{
		{"close", 1.94, 2, 2, "speedup 1.94× with 2 goroutines on 2 cores: 97% of the ideal 2×, close to the core count."},
		{"far", 1.1, 2, 2, "55% of the ideal 2×, well below it"},
		{"more workers than cores", 3.9, 8, 4, "98% of the ideal 4×, close to the core count"},
		{"fewer workers than cores", 1.9, 2, 8, "95% of the ideal 2×, close to the worker count"},
		{"no measurement", 0, 2, 2, "no verdict"},
		{"no cores", 1, 2, 0, "no verdict"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Contains(t, bench.Verdict(tc.speedup, tc.workers, tc.cores), tc.want)
		})
	}
}
