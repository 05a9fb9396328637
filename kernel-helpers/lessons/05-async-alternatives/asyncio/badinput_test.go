package asyncio_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

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
