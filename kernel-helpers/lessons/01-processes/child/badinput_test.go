package child_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/01-processes/child"
)

// TestBadInput: a nil or ended context is an error before any process
// starts, not a panic.
func TestBadInput(t *testing.T) {
	_, err := child.Separate(nil) //nolint:staticcheck // the bad input
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Separate needs a context")
	_, err = child.SharedWithGoroutine(nil) //nolint:staticcheck // the bad input
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SharedWithGoroutine needs a context")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = child.Separate(ctx)
	require.ErrorIs(t, err, context.Canceled)
}
