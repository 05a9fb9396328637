package exercises_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
	"concurrencylab/kernel-helpers/lessons/02-threads/exercises"
)

func TestLostPercent(t *testing.T) {
	p, g := exercises.LostPercent(nil)
	assert.Zero(t, p)
	assert.Zero(t, g)
	losses := []datarace.Losses{
		{Goroutines: 1, Increments: 100, Lost: []int64{0, 0, 0}},
		{Goroutines: 4, Increments: 100, Lost: []int64{40, 0, 200}}, // 10 %, 0 %, 50 % of 400
		{Goroutines: 2, Increments: 100, Lost: []int64{100}},
	}
	p, g = exercises.LostPercent(losses)
	assert.Equal(t, 4, g)
	assert.InDelta(t, 10.0, p, 1e-9, "the median trial, not the mean")
}
