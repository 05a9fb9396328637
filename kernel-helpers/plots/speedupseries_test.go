package plots_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
)

func TestSpeedupSeries(t *testing.T) {
	ms := time.Millisecond
	base := bench.Result{Workers: 1, Samples: []time.Duration{100 * ms, 120 * ms, 110 * ms}} // median 110
	two := bench.Result{Workers: 2, Samples: []time.Duration{50 * ms, 55 * ms, 110 * ms}}    // median 55
	s, err := plots.SpeedupSeries("goroutines", base, []bench.Result{base, two})
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 2}, s.X)
	assert.InDeltaSlice(t, []float64{1, 2}, s.Y, 1e-9)
	assert.InDeltaSlice(t, []float64{110.0 / 120, 1}, s.Low, 1e-9)
	assert.InDeltaSlice(t, []float64{1.1, 2.2}, s.High, 1e-9)

	_, err = plots.SpeedupSeries("x", bench.Result{}, []bench.Result{two})
	assert.ErrorContains(t, err, "baseline")
	_, err = plots.SpeedupSeries("x", base, []bench.Result{{Samples: []time.Duration{ms}}})
	assert.ErrorContains(t, err, "worker count")
}
