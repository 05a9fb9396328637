package bench_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
)

func TestShown(t *testing.T) {
	assert.Equal(t, "process pool (2)", bench.Shown(bench.NameProcessPool, 2))
	assert.Equal(t, "goroutines", bench.Shown(bench.NameGoroutines, 0), "no count: the name alone")
	assert.Equal(t, "sequential", bench.Shown(bench.NameSequential, -1))
}
