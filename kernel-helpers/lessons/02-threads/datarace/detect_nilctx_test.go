package datarace_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
)

// A nil context is an error, not a panic "nil Context" (issue #12, D9).
func TestDetectNilContext(t *testing.T) {
	_, err := datarace.Detect(nil, "package main\nfunc main() {}\n") //nolint:staticcheck // the nil context is the test
	require.ErrorContains(t, err, "needs a context")
}
