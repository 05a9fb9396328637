package deadlock_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/02-threads/deadlock"
)

// TestBadInput: a nil context is an error; a hold so long that hold +
// 100ms overflows is refused (it used to pass the check and hang); a
// context that ends during the deadlock ends Run, with both workers freed.
func TestBadInput(t *testing.T) {
	_, err := deadlock.Run(nil, 0, time.Second) //nolint:staticcheck // the bad input
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs a context")

	bg := context.Background()
	for _, tc := range []struct {
		hold, timeout time.Duration
		want          string
	}{
		{1<<63 - 1, time.Second, "hold ≥ 0"},
		{-1, time.Second, "hold ≥ 0"},
		{0, time.Hour, "timeout must be at most"},
		{0, -1 << 63, "timeout above"},
	} {
		_, err := deadlock.Run(bg, tc.hold, tc.timeout)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
		_, err = deadlock.CPython(bg, cpython.Interpreter{}, tc.hold, tc.timeout)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
	}

	ctx, cancel := context.WithTimeout(bg, 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = deadlock.Run(ctx, 10*time.Millisecond, deadlock.MaxTimeout)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 10*time.Second, "Run outlived its context")
}
