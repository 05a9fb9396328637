package run_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/run"
	"concurrencylab/kernel-helpers/worker"
)

func TestSource(t *testing.T) {
	src, err := run.Source("batch.worker")
	require.NoError(t, err)
	assert.Contains(t, src, "func (b *batch) worker()")
	src, err = worker.Source("startOnLauncher")
	require.NoError(t, err)
	assert.Contains(t, src, "launcher")
	_, err = run.Source("nope")
	assert.ErrorContains(t, err, "no function")
}
