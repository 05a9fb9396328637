package startcost_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/01-processes/startcost"
)

// TestStartNilContext: a nil context is an error, for every kind.
func TestStartNilContext(t *testing.T) {
	for _, k := range startcost.Kinds() {
		err := startcost.Start(nil, k) //nolint:staticcheck // the bad input
		require.Error(t, err, k)
		assert.Contains(t, err.Error(), "needs a context")
	}
}
