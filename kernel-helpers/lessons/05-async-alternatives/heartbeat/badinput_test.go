package heartbeat_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/heartbeat"
)

// A huge beat used to pass the check: 4 × beat overflowed to a negative
// duration, shorter than any hog.
func TestCPythonHugeBeat(t *testing.T) {
	var none cpython.Interpreter
	_, err := heartbeat.CPython(context.Background(), none, time.Duration(math.MaxInt64), time.Second)
	assert.ErrorContains(t, err, "the hog at least 4 beats")
	_, err = heartbeat.CPython(context.Background(), none, 250*time.Millisecond, time.Second)
	assert.ErrorContains(t, err, "no path", "a hog of exactly 4 beats is fine")
	_, err = heartbeat.CPython(context.Background(), none, 250*time.Millisecond+1, time.Second)
	assert.ErrorContains(t, err, "the hog at least 4 beats")
}
