package predict_test

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/predict"
)

func TestRatio(t *testing.T) {
	cases := []struct {
		name            string
		guess, measured float64
		want            string
	}{
		{"no guess", 0, 1.9, "no guess given; measured 1.9×"},
		{"close", 2, 1.9, "you guessed 2×; measured 1.9×: close"},
		{"too high", 3.5, 1.9, "you guessed 3.5×; measured 1.9×: 1.8 times too high"},
		{"too low", 0.5, 1.9, "3.8 times too low"},
		{"negative", -1, 1.9, "must be a positive number"},
		{"not measured", 2, math.NaN(), "nothing was measured"},
		{"zero measured", 2, 0, "nothing was measured"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Contains(t, predict.Ratio("the speedup", c.guess, c.measured), c.want)
		})
	}
}

func TestDuration(t *testing.T) {
	assert.Contains(t, predict.Duration("the wait", time.Millisecond, 6170*time.Microsecond), "you guessed 1ms; measured 6.17ms: 6.2 times too low")
	assert.Contains(t, predict.Duration("the wait", 0, 6170*time.Microsecond), "no guess given")
	assert.Contains(t, predict.Number("threads", 3, 3, "threads"), "close")
}
