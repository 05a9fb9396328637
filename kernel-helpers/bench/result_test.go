package bench_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
)

func ms(v ...int) []time.Duration {
	out := make([]time.Duration, len(v))
	for i, x := range v {
		out[i] = time.Duration(x) * time.Millisecond
	}
	return out
}

func TestResultStats(t *testing.T) {
	tests := []struct {
		name                         string
		samples                      []time.Duration
		min, median, max, mean, sprd time.Duration
	}{
		{"empty", nil, 0, 0, 0, 0, 0},
		{"one", ms(7), 7 * time.Millisecond, 7 * time.Millisecond, 7 * time.Millisecond, 7 * time.Millisecond, 0},
		// Sorted: 1 2 9 -> median 2; mean 4.
		{"odd", ms(9, 1, 2), time.Millisecond, 2 * time.Millisecond, 9 * time.Millisecond, 4 * time.Millisecond, 8 * time.Millisecond},
		// Sorted: 1 3 5 11 -> median (3+5)/2 = 4; mean 5.
		{"even", ms(11, 3, 1, 5), time.Millisecond, 4 * time.Millisecond, 11 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := bench.Result{Samples: tt.samples}
			assert.Equal(t, tt.min, r.Min(), "Min")
			assert.Equal(t, tt.median, r.Median(), "Median")
			assert.Equal(t, tt.max, r.Max(), "Max")
			assert.Equal(t, tt.mean, r.Mean(), "Mean")
			assert.Equal(t, tt.sprd, r.Spread(), "Spread")
		})
	}
}

func TestMedianKeepsRunOrder(t *testing.T) {
	r := bench.Result{Samples: ms(3, 1, 2)}
	r.Median()
	assert.Equal(t, ms(3, 1, 2), r.Samples, "Samples are in run order and must stay so")
}

func TestSpeedup(t *testing.T) {
	tests := []struct {
		name    string
		base, r []time.Duration
		want    float64
	}{
		{"twice as fast", ms(10, 10, 10), ms(5, 5, 5), 2},
		{"slower", ms(4), ms(8), 0.5},
		{"same", ms(3, 4, 5), ms(4), 1},
		{"medians, not means", ms(10, 10, 1000), ms(5, 5, 5), 2},
		{"no base samples", nil, ms(5), 0},
		{"no samples", ms(5), nil, 0},
		{"zero median", ms(5), []time.Duration{0, 0, 1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := bench.Speedup(bench.Result{Samples: tt.base}, bench.Result{Samples: tt.r})
			assert.InDelta(t, tt.want, got, 1e-12)
		})
	}
}

func TestResultString(t *testing.T) {
	tests := []struct {
		name string
		r    bench.Result
		want string
	}{
		{
			"full",
			bench.Result{
				Name: "sumsqrt", Strategy: "goroutines", Workers: 4,
				Params:  map[string]string{"n": "2000000", "chunks": "8"},
				Samples: []time.Duration{12_345_678, 11_912_345, 13_004_999},
			},
			"sumsqrt/goroutines workers=4 chunks=8 n=2000000: median 12.3ms (min 11.9ms, max 13ms, 3 runs)",
		},
		{"one run", bench.Result{Name: "count", Samples: ms(5)}, "count: median 5ms (min 5ms, max 5ms, 1 run)"},
		{"strategy only", bench.Result{Strategy: "sequential", Samples: []time.Duration{999}}, "sequential: median 999ns (min 999ns, max 999ns, 1 run)"},
		{"empty", bench.Result{}, "(unnamed): no samples"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.r.String())
		})
	}
}
