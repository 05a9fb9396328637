package worker_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/worker"
)

func TestTypedNil(t *testing.T) {
	f := worker.Typed[int, int](nil)
	require.NotNil(t, f)
	_, err := f(context.Background(), []byte("1"))
	require.ErrorContains(t, err, "nil function")
}
