package memory_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/memory"
)

func TestRollupOfSelf(t *testing.T) {
	r, err := memory.RollupOf(os.Getpid())
	require.NoError(t, err)
	assert.Equal(t, os.Getpid(), r.PID)
	assert.Positive(t, r.Private)
	assert.LessOrEqual(t, r.Private, r.PSS, "a private page counts whole in the PSS too")
	assert.LessOrEqual(t, r.PSS, r.RSS)

	_, err = memory.RollupOf(-1)
	assert.ErrorContains(t, err, "invalid pid")
	_, err = memory.RollupOf(1 << 30)
	assert.ErrorContains(t, err, "no smaps_rollup")
}

func TestPrivatePerThread(t *testing.T) {
	b, err := memory.PrivatePerThread(50)
	require.NoError(t, err)
	assert.Positive(t, b)
	_, err = memory.PrivatePerThread(0)
	assert.ErrorContains(t, err, "cannot park 0 threads")
}

func TestPrivatePerProcess(t *testing.T) {
	r, err := memory.PrivatePerProcess(t.Context(), 2)
	require.NoError(t, err)
	assert.Positive(t, r.Private)
	assert.Less(t, r.Private, r.RSS, "two copies of one binary share its code")
	assert.LessOrEqual(t, r.PSS, r.RSS)
	for _, n := range []int{0, memory.MaxProcesses + 1} {
		_, err := memory.PrivatePerProcess(t.Context(), n)
		assert.ErrorContains(t, err, "cannot start")
	}
	_, err = memory.PrivatePerProcess(nil, 1) //nolint:staticcheck // a nil context must be an error
	assert.ErrorContains(t, err, "needs a context")
}
