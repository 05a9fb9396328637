package exercises_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/lessons/03-gil/exercises"
)

func TestConvoyWait(t *testing.T) {
	res := func(strategy, hogs string, d time.Duration) bench.Result {
		return bench.Result{Strategy: strategy, Params: map[string]string{"hogs": hogs}, Samples: []time.Duration{d}}
	}
	emu := res(gil.StrategyGIL, "1", 6*time.Millisecond)
	py := res("cpython-threads", "1", 7*time.Millisecond)
	d, where := exercises.ConvoyWait([]bench.Result{res(gil.StrategyGIL, "2", time.Second), emu, py})
	assert.Equal(t, 7*time.Millisecond, d)
	assert.Equal(t, "in CPython", where)
	d, where = exercises.ConvoyWait([]bench.Result{emu})
	assert.Equal(t, 6*time.Millisecond, d)
	assert.Equal(t, "under the emulated GIL", where)
	d, _ = exercises.ConvoyWait(nil)
	assert.Zero(t, d)
}
