package gil_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/gil"
)

func TestConvoyWithoutGIL(t *testing.T) {
	res, err := gil.Convoy(context.Background(), gil.ConvoyConfig{Samples: 5})
	require.NoError(t, err)
	assert.Equal(t, "convoy", res.Name)
	assert.Equal(t, gil.StrategyNoGIL, res.Strategy)
	assert.Equal(t, 0, res.Workers)
	assert.Equal(t, map[string]string{"hogs": "0", "sleep_ms": "1"}, res.Params)
	require.Len(t, res.Samples, 5)
	for _, s := range res.Samples {
		assert.GreaterOrEqual(t, s, time.Millisecond, "a sleep never ends early")
	}
}

func TestConvoyUnderGIL(t *testing.T) {
	const interval = 3 * time.Millisecond
	g := gil.New()
	require.NoError(t, g.SetSwitchInterval(interval))
	res, err := gil.Convoy(context.Background(), gil.ConvoyConfig{GIL: g, Hogs: 1, Samples: 10})
	require.NoError(t, err)
	assert.Equal(t, gil.StrategyGIL, res.Strategy)
	assert.Equal(t, 1, res.Workers)
	assert.Equal(t, map[string]string{"hogs": "1", "sleep_ms": "1", "switch_interval_ms": "3"}, res.Params)
	require.Len(t, res.Samples, 10)
	// The behaviour, not a speed: the hog took the GIL while the probe
	// slept and kept it, so the probe had to wait out an interval and ask.
	assert.GreaterOrEqual(t, res.Max(), time.Millisecond+interval, "the slowest wake-up waited a whole interval")
	st := g.Stats()
	assert.Positive(t, st.DropRequests)
	assert.Positive(t, st.ForcedDrops)
}

func TestConvoyErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  gil.ConvoyConfig
		want string
	}{
		{"negative hogs", gil.ConvoyConfig{Hogs: -1}, "Hogs must be between 0 and 64, got -1"},
		{"too many hogs", gil.ConvoyConfig{Hogs: gil.MaxConvoyHogs + 1}, "got 65"},
		{"negative sleep", gil.ConvoyConfig{Sleep: -time.Millisecond}, "Sleep must be"},
		{"long sleep", gil.ConvoyConfig{Sleep: time.Minute}, "got 1m0s"},
		{"negative samples", gil.ConvoyConfig{Samples: -1}, "Samples must be"},
		{"too many samples", gil.ConvoyConfig{Samples: gil.MaxConvoySamples + 1}, "got 10001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := gil.Convoy(context.Background(), tt.cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, res.Samples)
		})
	}
	var noContext context.Context
	_, err := gil.Convoy(noContext, gil.ConvoyConfig{})
	assert.ErrorContains(t, err, "needs a context")
}

func TestConvoyCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := gil.Convoy(ctx, gil.ConvoyConfig{GIL: gil.New(), Hogs: 2, Samples: 5})
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "after 0 of 5 samples")
	assert.Empty(t, res.Samples)
	// goleak (TestMain) checks that the hogs stopped.
}

func ExampleConvoy() {
	// Latency of a 1 ms sleep beside 0, 1 and 2 CPU-bound threads, with
	// and without a GIL. Timings vary, so there is no Output comment.
	ctx := context.Background()
	for _, g := range []*gil.GIL{nil, gil.New()} {
		for hogs := range 3 {
			res, err := gil.Convoy(ctx, gil.ConvoyConfig{GIL: g, Hogs: hogs})
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Println(res)
		}
	}
}
