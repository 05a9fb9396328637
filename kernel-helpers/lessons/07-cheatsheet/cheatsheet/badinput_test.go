package cheatsheet_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/07-cheatsheet/cheatsheet"
)

// TestRunBadInput: a nil context is an error before any snippet runs (the
// snippets would panic on it, some in their goroutines); a row without
// snippets is an error, not a silent pass.
func TestRunBadInput(t *testing.T) {
	err := cheatsheet.Run(nil, cheatsheet.Rows()[0]) //nolint:staticcheck // the bad input
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs a context")
	err = cheatsheet.Run(t.Context(), cheatsheet.Row{Python: "x"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "has no snippet")
}
