package heartbeat_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/heartbeat"
)

// experiments are the package's two runs, each with a hog far too long to
// finish (MaxHogN, about a minute), started at once.
var experiments = []struct {
	name string
	run  func(context.Context, heartbeat.Options) (heartbeat.Result, error)
}{
	{"OnEventLoop", heartbeat.OnEventLoop},
	{"OnGoroutines", heartbeat.OnGoroutines},
}

var longHog = heartbeat.Options{Interval: time.Millisecond, Ticks: 5, HogN: heartbeat.MaxHogN}

func TestStopsWhenCancelled(t *testing.T) {
	for _, e := range experiments {
		t.Run(e.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := e.run(ctx, longHog)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			// Generous, for a loaded machine: BenchmarkCancelLatency
			// measures the 100 ms promise.
			assert.Less(t, time.Since(start), time.Second)
		})
	}
}
