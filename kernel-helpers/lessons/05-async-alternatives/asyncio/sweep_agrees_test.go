package asyncio_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/asyncio"
)

func TestSweepAgrees(t *testing.T) {
	ms := time.Millisecond
	opts := asyncio.SweepOptions{Pages: 6, Latency: 10 * ms}
	point := func(limit int, counted int64, took time.Duration) asyncio.Point {
		return asyncio.Point{Idiom: asyncio.ViaSetLimit, Limit: limit, Counted: counted,
			Result: bench.Result{Samples: []time.Duration{took}}}
	}
	for _, tc := range []struct {
		name   string
		points []asyncio.Point
		want   bool
	}{
		{"fewer rounds, less time", []asyncio.Point{point(1, 1, 62*ms), point(3, 3, 22*ms), point(6, 6, 11*ms)}, true},
		{"a limit not reached", []asyncio.Point{point(1, 1, 62*ms), point(3, 2, 32*ms)}, false},
		{"a limit exceeded", []asyncio.Point{point(1, 2, 62*ms)}, false},
		{"faster than the ideal", []asyncio.Point{point(1, 1, 40*ms)}, false},
		{"a higher limit took longer", []asyncio.Point{point(1, 1, 62*ms), point(3, 3, 70*ms)}, false},
		{"nothing measured", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, asyncio.Sweep{Options: opts, Points: tc.points}.Agrees())
		})
	}
}
