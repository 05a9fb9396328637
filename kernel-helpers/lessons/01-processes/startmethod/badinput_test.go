package startmethod_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/01-processes/startmethod"
)

// TestBadSettings: bad settings are an error before Python is looked up or
// run (so also on a machine without python3), and a nil context is an error.
func TestBadSettings(t *testing.T) {
	ctx := context.Background()
	for _, s := range []startmethod.Settings{{Reps: -1}, {Reps: startmethod.MaxReps + 1}, {Methods: []string{"vfork"}}} {
		_, err := startmethod.Measure(ctx, s)
		require.Error(t, err, s)
		assert.Contains(t, err.Error(), "startmethod:")
		_, err = startmethod.Run(ctx, cpython.Interpreter{}, s)
		require.Error(t, err, s)
		assert.NotContains(t, err.Error(), "no path", "the settings are checked first")
	}
	_, err := startmethod.Run(nil, cpython.Interpreter{}, startmethod.Settings{}) //nolint:staticcheck // the bad input
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs a context")
}
