package unit_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/01-processes/unit"
)

// TestSpinBadInput: a nil context is an error, not a panic in a spinning
// goroutine, and Spin returns soon after its context ends even when d is
// long (it used to sleep d/2 whatever the context).
func TestSpinBadInput(t *testing.T) {
	_, err := unit.Spin(nil, 1, time.Millisecond) //nolint:staticcheck // the bad input
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs a context")

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = unit.Spin(ctx, 1, unit.MaxSpin)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 10*time.Second, "Spin outlived its context")
}
