package executors_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/executors"
)

// The target of a batch and PyTopLevel's timeout are bounded before
// anything starts: a NaN or huge one used to reach the Python program
// (and GoBatch's only check was workloads.Calibrate's).
func TestBatchAndTimeoutBounds(t *testing.T) {
	ctx := context.Background()
	var none cpython.Interpreter
	nan, huge := time.Duration(math.MinInt64), time.Duration(math.MaxInt64)
	for _, d := range []time.Duration{0, nan, huge} {
		_, err := executors.PyBatch(ctx, none, 1, d, 1)
		assert.ErrorContains(t, err, "target "+d.String()+" per task is outside (0, 1m0s]")
		_, err = executors.GoBatch(ctx, 1, d, 1)
		assert.ErrorContains(t, err, "target "+d.String()+" per task is outside (0, 1m0s]")
		_, err = executors.PyTopLevel(ctx, none, d)
		assert.ErrorContains(t, err, "PyTopLevel timeout "+d.String()+" is outside (0, 1m0s]")
	}
	_, err := executors.PyTopLevel(ctx, none, time.Minute)
	assert.ErrorContains(t, err, "no path", "a good timeout reaches the interpreter")
}
