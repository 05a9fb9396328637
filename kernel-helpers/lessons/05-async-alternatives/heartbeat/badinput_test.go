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

// A negative or NaN HogTime used to pass as "no check"; it is an error.
func TestValidateHogTime(t *testing.T) {
	o := heartbeat.Options{Interval: time.Millisecond, Ticks: 1, HogN: 1}
	assert.NoError(t, o.Validate())
	for _, d := range []time.Duration{-1, time.Duration(math.MinInt64), time.Duration(math.MaxInt64)} {
		o.HogTime = d
		assert.ErrorContains(t, o.Validate(), "HogTime "+d.String()+" is outside [0, 1m0s]")
	}
}
