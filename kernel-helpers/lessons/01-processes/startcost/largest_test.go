package startcost_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/lessons/01-processes/startcost"
)

func TestLargest(t *testing.T) {
	got := startcost.Largest([]startcost.Plan{
		{Kind: startcost.Goroutine, Counts: []int{1, 100, 10}},
		{Kind: startcost.Thread},
		{Kind: startcost.Process, Counts: []int{3}},
	})
	assert.Equal(t, []startcost.Plan{{Kind: startcost.Goroutine, Counts: []int{100}}, {Kind: startcost.Process, Counts: []int{3}}}, got)
	assert.Empty(t, startcost.Largest(nil))
}
