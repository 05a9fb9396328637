package footprint_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/cpython"
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
	assert.Positive(t, points[4].RSS)
	assert.Less(t, points[4].Bytes, points[4].RSS, "a worker's private memory leaves out the code its siblings share")
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
	svg, err := footprint.Plot([]footprint.Point{{Kind: footprint.Goroutine, N: 10, Bytes: 2600}, {Kind: footprint.Thread, N: 10, Bytes: 20000}})
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
	_, err = footprint.Plot(nil)
	assert.ErrorContains(t, err, "nothing to plot")
	_, err = footprint.Plot([]footprint.Point{{Kind: footprint.Thread, N: 10, Bytes: -5}})
	assert.ErrorContains(t, err, "log axis")
}

func TestVerdict(t *testing.T) {
	points := []footprint.Point{
		{Kind: footprint.Goroutine, N: 100, Bytes: 3000}, {Kind: footprint.Goroutine, N: 10000, Bytes: 2560},
		{Kind: footprint.Thread, N: 100, Bytes: 20480},
		{Kind: footprint.Process, N: 4, Bytes: 1 << 20, RSS: 6 << 20},
	}
	v := footprint.Verdict(points)
	assert.Equal(t, "**This machine**, private memory per idle worker: a goroutine took 2.5 KiB (measured with 10000); an OS thread took 20 KiB (with 100), as much as 8 goroutines; "+
		"an idle worker process took 1 MiB (with 4), as much as 410 goroutines (its RSS, 6 MiB, also counts the program's code, which every worker shares). "+
		"A goroutine is the cheapest, a thread dearer, a process dearest.", v)
	points[2].Bytes = 1000
	assert.Contains(t, footprint.Verdict(points), "not the order")
	assert.Contains(t, footprint.Verdict(points[2:]), "no goroutine was measured")
}

func TestCPython(t *testing.T) {
	_, err := footprint.CPython(context.Background(), nil, 10, 1, nil)
	require.ErrorIs(t, err, cpython.ErrNoPython)
	found, err := cpython.Find(context.Background())
	if errors.Is(err, cpython.ErrNoPython) {
		t.Skip(err)
	}
	require.NoError(t, err)
	py, err := footprint.CPython(t.Context(), &found[0], 10, 1, []string{"spawn"})
	require.NoError(t, err)
	require.Len(t, py.Processes, 2, "the default, then spawn")
	assert.Equal(t, "spawn", py.Processes[1].StartMethod)
	assert.Positive(t, py.Processes[1].Private)
	assert.Less(t, py.Processes[1].Private, py.Processes[1].RSS)
	assert.Contains(t, py.Markdown(), "a process started by spawn")

	f := footprint.Figures([]footprint.Point{{Kind: footprint.Goroutine, N: 10, Bytes: 2048}}, &py)
	assert.Equal(t, 2.0, f["go.goroutine.kib"])
	assert.True(t, f.Has("cpython.thread.kib", "cpython.process.kib"))
	assert.False(t, footprint.Figures(nil, nil).Has("cpython.thread.kib"))
}
