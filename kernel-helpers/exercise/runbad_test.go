package exercise_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/exercise"
)

// Bad input to Run is refused in the parent, before any child starts.
func TestRunBadInput(t *testing.T) {
	e := exercise.New("00-bad", "bad", func(t *exercise.T, f func()) {})
	r := e.Run(nil) //nolint:staticcheck // the nil context is the test
	assert.Equal(t, exercise.Fail, r.Outcome)
	assert.Contains(t, r.Hint, "needs a context")

	r = exercise.New[func()]("00-bad", "bad", nil).Run(context.Background())
	assert.Equal(t, exercise.Fail, r.Outcome)
	assert.Contains(t, r.Hint, "no test function")
}
