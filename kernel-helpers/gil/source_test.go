package gil_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/gil"
)

func TestSource(t *testing.T) {
	for name, want := range map[string]string{
		"GIL.take":     "dropRequest.Store(true)",
		"GIL.drop":     "awaitingSwitch = true",
		"Thread.Check": "dropRequest.Load()",
	} {
		src, err := gil.Source(name)
		require.NoError(t, err, name)
		assert.Contains(t, src, want, name)
	}
	_, err := gil.Source("nope")
	assert.Error(t, err)
}
