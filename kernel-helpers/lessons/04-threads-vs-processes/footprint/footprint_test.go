package footprint_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/footprint"
)

func TestSweep(t *testing.T) {
	points, err := footprint.Sweep(context.Background(), footprint.Counts{
		Goroutines: []int{100, 1000}, Threads: []int{20}, Processes: []int{1, 2}})
	require.NoError(t, err)
	require.Len(t, points, 5)
	for i, want := range []struct {
		kind string
		n    int
	}{{footprint.Goroutine, 100}, {footprint.Goroutine, 1000}, {footprint.Thread, 20}, {footprint.Process, 1}, {footprint.Process, 2}} {
		assert.Equal(t, want.kind, points[i].Kind, "point %d", i)
		assert.Equal(t, want.n, points[i].N, "point %d", i)
		assert.Positive(t, points[i].Bytes, "point %d", i)
	}
	largest := footprint.Largest(points)
	assert.Equal(t, 1000, largest[footprint.Goroutine].N)
	assert.Equal(t, 2, largest[footprint.Process].N)
}

func TestSweepBadInput(t *testing.T) {
	_, err := footprint.Sweep(context.Background(), footprint.Counts{})
	assert.ErrorContains(t, err, "no counts")
	_, err = footprint.Sweep(context.Background(), footprint.Counts{Threads: []int{0}})
	assert.ErrorContains(t, err, "0 OS threads")
	//lint:ignore SA1012 a nil context is the bad input under test
	_, err = footprint.Sweep(nil, footprint.Counts{Goroutines: []int{1}})
	assert.ErrorContains(t, err, "nil context")
}

func TestPlot(t *testing.T) {
	svg, err := footprint.Plot([]footprint.Point{{footprint.Goroutine, 10, 2600}, {footprint.Thread, 10, 20000}})
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
	_, err = footprint.Plot(nil)
	assert.ErrorContains(t, err, "nothing to plot")
	_, err = footprint.Plot([]footprint.Point{{footprint.Thread, 10, -5}})
	assert.ErrorContains(t, err, "log axis")
}

func TestVerdict(t *testing.T) {
	points := []footprint.Point{
		{footprint.Goroutine, 100, 3000}, {footprint.Goroutine, 10000, 2560},
		{footprint.Thread, 100, 20480},
		{footprint.Process, 4, 8 << 20},
	}
	v := footprint.Verdict(points)
	assert.Equal(t, "**This machine:** a goroutine took 2.5 KiB (measured with 10000); an OS thread took 20 KiB (with 100), as much as 8 goroutines; "+
		"a process took 8 MiB (with 4), as much as 3277 goroutines. That agrees with the course: a goroutine is cheap, a thread dearer, a process dearest.", v)
	points[2].Bytes = 1000
	assert.Contains(t, footprint.Verdict(points), "not the order")
	assert.Contains(t, footprint.Verdict(points[2:]), "no goroutine was measured")
}
