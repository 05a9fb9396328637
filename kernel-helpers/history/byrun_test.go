package history

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
)

func TestByRun(t *testing.T) {
	s := []time.Duration{time.Millisecond}
	one := []bench.Result{
		{Name: "run 1 (06:00)", Strategy: "goroutines", Workers: 2, Samples: s},
		{Name: "this run (06:05)", Strategy: "goroutines", Workers: 2, Samples: s},
	}
	title, got := byRun("sumsqrt", one)
	assert.Equal(t, "sumsqrt: goroutines", title)
	assert.Equal(t, []string{"", ""}, []string{got[0].Strategy, got[1].Strategy}, "bars labelled by run")
	assert.Equal(t, "goroutines", one[0].Strategy, "input untouched")

	mixed := append(one, bench.Result{Name: "this run (06:05)", Strategy: "sequential", Workers: 1, Samples: s})
	title, got = byRun("sumsqrt", mixed)
	assert.Equal(t, "sumsqrt", title)
	assert.Equal(t, mixed, got, "several strategies keep their labels")
}
