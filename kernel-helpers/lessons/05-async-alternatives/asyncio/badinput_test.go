package asyncio_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/asyncio"
)

func TestWaitForBadInput(t *testing.T) {
	task := func(context.Context) (int, error) { return 1, nil }
	for _, d := range []time.Duration{0, -1, time.Duration(math.MinInt64)} {
		_, err := asyncio.WaitFor(context.Background(), d, task)
		assert.ErrorContains(t, err, "must be positive")
	}
	late := func(context.Context) (int, error) { time.Sleep(50 * time.Millisecond); return 1, nil }
	_, err := asyncio.WaitFor(context.Background(), time.Millisecond, late)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "a task that ignores its context and ends late is a timeout")
}

func TestTrackNilGauge(t *testing.T) {
	tasks := asyncio.Track[int](nil, []func(context.Context) (int, error){func(context.Context) (int, error) { return 1, nil }})
	_, err := tasks[0](context.Background())
	assert.ErrorContains(t, err, "needs a *Gauge")
}

func TestIdealWithoutRounds(t *testing.T) {
	o := asyncio.SweepOptions{Pages: 10, Latency: time.Millisecond}
	assert.Equal(t, time.Duration(0), asyncio.Point{Limit: 0}.Ideal(o), "a zero limit has no rounds (it divided by zero)")
	assert.Equal(t, time.Duration(0), asyncio.Point{Limit: -1}.Ideal(o))
	assert.Equal(t, 4*time.Millisecond, asyncio.Point{Limit: 3}.Ideal(o))
	assert.Equal(t, time.Duration(math.MaxInt64), asyncio.Point{Limit: 1}.Ideal(asyncio.SweepOptions{Pages: 1 << 40, Latency: time.Hour}),
		"an ideal too long for a Duration is the longest one, not an overflow")
}

func TestCPythonGatherBounds(t *testing.T) {
	var none cpython.Interpreter
	for _, tc := range []struct {
		n              int
		lat, failAfter time.Duration
		want           string
	}{
		{1, time.Second, time.Millisecond, "n 1 is outside [2, 1000]"},
		{4, time.Duration(math.MaxInt64), time.Millisecond, "latency 2562047h47m16.854775807s is outside"},
		{4, time.Second, time.Duration(math.MinInt64), "failAfter -2562047h47m16.854775808s must be positive"},
		{4, time.Second, time.Second, "failAfter 1s must be positive and shorter than the latency 1s"},
		{4, time.Second, time.Millisecond, "no path"},
	} {
		_, err := asyncio.CPythonGather(context.Background(), none, tc.n, tc.lat, tc.failAfter)
		assert.ErrorContains(t, err, tc.want)
	}
}

func TestSweepLimitsRepsBound(t *testing.T) {
	_, err := asyncio.SweepLimits(context.Background(), asyncio.SweepOptions{Pages: 1, Latency: time.Millisecond, Limits: []int{1}, Reps: bench.MaxReps + 1})
	assert.ErrorContains(t, err, "Reps 100001 is outside [0, 100000]")
}
