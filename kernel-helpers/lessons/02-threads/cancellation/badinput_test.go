package cancellation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/02-threads/cancellation"
)

// TestBadInput: a nil context is an error, not a panic; a context that
// ends during the trials ends StopLatency; CPython's bounds are checked
// before Python starts.
func TestBadInput(t *testing.T) {
	_, err := cancellation.StopLatency(nil, 1, 1) //nolint:staticcheck // the bad input
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs a context")
	_, err = cancellation.Sweep(nil, []int64{1}, 1) //nolint:staticcheck // the bad input
	require.Error(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = cancellation.StopLatency(ctx, 1<<16, cancellation.MaxTrials)
	require.ErrorIs(t, err, context.DeadlineExceeded)

	bg := context.Background()
	for _, tc := range []struct {
		every  []int64
		trials int
		wait   time.Duration
		want   string
	}{
		{[]int64{1}, cancellation.MaxTrials + 1, time.Millisecond, "trials must be at most"},
		{[]int64{cancellation.MaxCheckEvery + 1}, 1, time.Millisecond, "checkEvery must be in"},
		{[]int64{1}, 1, cancellation.MaxWait + 1, "wait must be at most"},
	} {
		_, err := cancellation.CPython(bg, cpython.Interpreter{}, tc.every, tc.trials, tc.wait)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
	}
}
