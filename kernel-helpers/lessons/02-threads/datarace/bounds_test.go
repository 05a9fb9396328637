package datarace_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
)

func TestSizesAreBounded(t *testing.T) {
	_, err := datarace.FixCosts(context.Background(), 2, 1_000_000_000_000, 1)
	assert.ErrorContains(t, err, "more than")
	_, err = datarace.MeasureLosses(t.Context(), []int{2}, 1_000_000_000_000, 1)
	assert.ErrorContains(t, err, "more than")
	_, err = datarace.MeasureLosses(t.Context(), []int{2}, 1, 1_000_000_000_000)
	assert.ErrorContains(t, err, "trials must be")
}
