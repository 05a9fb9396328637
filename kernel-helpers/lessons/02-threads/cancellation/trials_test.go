package cancellation_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/02-threads/cancellation"
)

// A huge trial count is refused before anything is allocated (it was a
// fatal out-of-memory error).
func TestStopLatencyTrialsBound(t *testing.T) {
	_, err := cancellation.StopLatency(context.Background(), 1, 1e12)
	require.ErrorContains(t, err, "trials must be at most 1000000, got 1000000000000")
}
