package escape_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/01-processes/escape"
)

// TestBadInput: a nil context is an error, not a panic in exec; a make too
// large over all its runs is refused before the first make.
func TestBadInput(t *testing.T) {
	_, err := escape.Analyze(nil, escape.Demo) //nolint:staticcheck // the bad input
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs a context")

	_, err = escape.MakeAllocs(escape.MaxMakeSize, 1_000_000)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bytes in all, more than")
	_, err = escape.MakeAllocs(64<<10, 1000) // the notebook's large make
	assert.NoError(t, err)
}
