package bench_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
)

func TestShown(t *testing.T) {
	assert.Equal(t, "process pool (2)", bench.Shown(bench.NameProcessPool, 2))
	assert.Equal(t, "goroutines", bench.Shown(bench.NameGoroutines, 0), "no count: the name alone")
	assert.Equal(t, "sequential", bench.Shown(bench.NameSequential, -1))
}

func TestMedian(t *testing.T) {
	assert.Equal(t, 0.0, bench.Median([]float64(nil)))
	assert.Equal(t, 2.0, bench.Median([]float64{3, 1, 2}))
	assert.Equal(t, 2.5, bench.Median([]float64{4, 1, 3, 2}), "even count: the mean of the middle two")
	in := []time.Duration{3 * time.Second, time.Second, 2 * time.Second}
	assert.Equal(t, 2*time.Second, bench.Median(in))
	assert.Equal(t, 3*time.Second, in[0], "the input keeps its order")
	assert.Equal(t, 5, bench.Median([]int{9, 5, 1}))
}
