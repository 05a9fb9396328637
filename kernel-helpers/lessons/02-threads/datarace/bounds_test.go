package datarace_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/cpython"

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

// The race programs refuse their sizes before anything is built or
// started, even with a zero Interpreter.
func TestRaceProgramsAreBounded(t *testing.T) {
	var py cpython.Interpreter
	for _, tc := range []struct {
		name string
		run  func() error
		want string
	}{
		{"go processes", func() error { _, err := datarace.GoProcessRace(t.Context(), datarace.MaxRacers+1, 1, 1); return err }, "processes must be 1 to 64"},
		{"go increments", func() error { _, err := datarace.GoProcessRace(t.Context(), 2, -1, 1); return err }, "increments must be 0 to"},
		{"go trials", func() error {
			_, err := datarace.GoProcessRace(t.Context(), 2, 1, datarace.MaxRaceTrials+1)
			return err
		}, "trials must be 1 to 100"},
		{"cpython threads", func() error { _, err := datarace.CPythonThreadRace(t.Context(), py, 0, 1, 1); return err }, "threads must be 1 to 64"},
		{"cpython increments", func() error {
			_, err := datarace.CPythonThreadRace(t.Context(), py, 2, datarace.MaxPyThreadIncrements+1, 1)
			return err
		}, "increments must be 0 to"},
		{"cpython processes", func() error { _, err := datarace.CPythonProcessRace(t.Context(), py, 1000, 1, 1); return err }, "processes must be 1 to 64"},
		{"cpython nil ctx", func() error {
			_, err := datarace.CPythonProcessRace(nil, py, 2, 1, 1) //nolint:staticcheck // the nil context is the test
			return err
		}, "needs a context"},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.ErrorContains(t, tc.run(), tc.want) })
	}
}
