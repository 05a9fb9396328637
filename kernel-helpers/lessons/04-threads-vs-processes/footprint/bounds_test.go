package footprint_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/footprint"
)

// CPython's counts and start methods are checked in Go, before python3
// starts and even without one, with the setting named.
func TestCPythonBadInput(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		threads, processes int
		methods            []string
		want               string
	}{
		{0, 1, nil, "threads 0 is outside [1, 2000]"},
		{2001, 1, nil, "threads 2001 is outside"},
		{1, 0, nil, "processes 0 is outside [1, 64]"},
		{1, 65, nil, "processes 65 is outside"},
		{1, 1, []string{"spawn", "vfork"}, `start method "vfork" is not one of fork, forkserver, spawn`},
		{1, 1, []string{"spawn"}, "no usable Python"},
	} {
		_, err := footprint.CPython(ctx, nil, tc.threads, tc.processes, tc.methods)
		assert.ErrorContains(t, err, tc.want)
	}
}

// A NaN or infinite figure cannot go on a log axis: Plot says which point.
func TestPlotNaN(t *testing.T) {
	for _, b := range []float64{math.NaN(), math.Inf(1), 0} {
		_, err := footprint.Plot([]footprint.Point{{Kind: footprint.Goroutine, N: 3, Bytes: b}})
		assert.ErrorContains(t, err, "3 goroutines measured")
	}
}
