package workloads_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/workloads"
)

func TestCalibrateErrors(t *testing.T) {
	noop := func(int64) {}
	tests := []struct {
		name   string
		task   func(int64)
		target time.Duration
		want   string
	}{
		{"nil task", nil, time.Second, "nil"},
		{"zero target", noop, 0, "positive"},
		{"negative target", noop, -time.Second, "positive"},
		{"target too long", noop, workloads.MaxCalibrateTarget + 1, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := workloads.Calibrate(tt.task, tt.target)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Zero(t, n)
		})
	}
}

func TestCalibrateTaskIgnoringN(t *testing.T) {
	// A task that does no work cannot be stretched to 10 ms: an error, not a hang.
	_, err := workloads.Calibrate(func(int64) {}, 10*time.Millisecond)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "does not grow")
}

func TestCalibrateRealTask(t *testing.T) {
	// Only the shape of the answer is checked, not how long it ends up
	// taking: timings on a shared machine are a benchmark's business.
	//lint:ignore SA4017 the count is the work; CountTo is go:noinline, so the call stays
	small, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, 5*time.Millisecond)
	require.NoError(t, err)
	//lint:ignore SA4017 the count is the work; CountTo is go:noinline, so the call stays
	large, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, 80*time.Millisecond)
	require.NoError(t, err)
	assert.Greater(t, small, int64(1000), "5 ms of counting is more than 1000 steps")
	assert.Greater(t, large, small, "a 16x longer target needs a larger n")
}
