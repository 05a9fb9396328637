package sched_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/lessons/02-threads/sched"
)

func TestTraceBoundsTheWork(t *testing.T) {
	_, err := sched.Trace(t.Context(), 2, 2, 1<<62, true)
	assert.ErrorContains(t, err, "more than")
}
