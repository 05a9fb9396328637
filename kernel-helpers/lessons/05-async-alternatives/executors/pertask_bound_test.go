package executors_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/executors"
)

// A huge task count is refused before any future is made (it was a fatal
// out-of-memory error).
func TestPerTaskBound(t *testing.T) {
	_, err := executors.PerTask(context.Background(), executors.Goroutines, 1e12, 1, 1)
	require.ErrorContains(t, err, "1000000000000 tasks is more than 100000")
}
