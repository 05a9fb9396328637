package ipc_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/ipc"
	"concurrencylab/kernel-helpers/memory"
)

func TestMeasure(t *testing.T) {
	points, err := ipc.Measure(context.Background(), []int{16, 1 << 20}, 2)
	require.NoError(t, err)
	require.Len(t, points, 6)
	for i, want := range []struct {
		how   string
		size  int
		calls int
	}{
		{ipc.Channel, 16, 1000}, {ipc.ChannelCopy, 16, 1000}, {ipc.Pipe, 16, 1000},
		{ipc.Channel, 1 << 20, 1000}, {ipc.ChannelCopy, 1 << 20, 5}, {ipc.Pipe, 1 << 20, 5},
	} {
		p := points[i]
		assert.Equal(t, want.how, p.How, "point %d", i)
		assert.Equal(t, want.size, p.Size, "point %d", i)
		assert.Equal(t, want.calls, p.Calls, "point %d", i)
		assert.Len(t, p.Result.Samples, 2)
		assert.Positive(t, p.PerCall())
	}
	svg, err := ipc.Plot(points)
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
	// The worker process is gone.
	assert.Eventually(t, func() bool {
		c, err := memory.Children()
		return err == nil && len(c) == 0
	}, 5*time.Second, 10*time.Millisecond)
}

func TestMeasureBadInput(t *testing.T) {
	for name, sizes := range map[string][]int{
		"no sizes":  nil,
		"empty":     {0},
		"too large": {ipc.MaxSize + 1},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ipc.Measure(context.Background(), sizes, 1)
			assert.Error(t, err)
		})
	}
	//lint:ignore SA1012 a nil context is the bad input under test
	_, err := ipc.Measure(nil, []int{1}, 1)
	assert.ErrorContains(t, err, "nil context")
	_, err = ipc.Plot(nil)
	assert.ErrorContains(t, err, "nothing to plot")
}

func point(how string, size, calls int, sample time.Duration) ipc.Point {
	return ipc.Point{How: how, Size: size, Calls: calls, Result: bench.Result{Samples: []time.Duration{sample}}}
}

func TestVerdict(t *testing.T) {
	points := []ipc.Point{
		point(ipc.Channel, 16, 1000, 300*time.Microsecond),
		point(ipc.ChannelCopy, 16, 1000, 350*time.Microsecond),
		point(ipc.Pipe, 16, 1000, 25*time.Millisecond),
		point(ipc.Channel, 1<<20, 5, 1500*time.Nanosecond),
		point(ipc.ChannelCopy, 1<<20, 5, 500*time.Microsecond),
		point(ipc.Pipe, 1<<20, 5, 20*time.Millisecond),
	}
	assert.Equal(t, 25*time.Microsecond, points[2].PerCall())
	v := ipc.Verdict(points)
	assert.Contains(t, v, "with 16 bytes a round trip took 300ns over a channel, 350ns with a copy, and 25µs through a pipe to a process (83× the channel)")
	assert.Contains(t, v, "with 1 MiB a round trip took 300ns over a channel, 100µs with a copy, and 4ms through a pipe to a process (13333× the channel)")
	assert.Contains(t, v, "Over a channel 1 MiB cost about what 16 bytes did (300ns vs 300ns)")
	assert.Contains(t, v, "The pipe was the dearest way at every size")
	assert.Contains(t, ipc.Verdict(points[:2]), "not every way was measured")
	assert.Contains(t, ipc.Verdict(nil), "nothing was measured")
	points[2].Result.Samples = []time.Duration{time.Microsecond}
	assert.Contains(t, ipc.Verdict(points), "The pipe was not the dearest way at every size")
	points[3].Result.Samples = []time.Duration{50 * time.Microsecond}
	assert.Contains(t, ipc.Verdict(points), "Over a channel 1 MiB cost 33.3× what 16 bytes did (10µs vs 300ns): not the same cost at every size here.")
}
