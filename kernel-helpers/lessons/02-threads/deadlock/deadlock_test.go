package deadlock_test

import (
	"concurrencylab/kernel-helpers/cpython/cpythontest"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/02-threads/deadlock"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestRun(t *testing.T) {
	r, err := deadlock.Run(t.Context(), 20*time.Millisecond, 300*time.Millisecond)
	require.NoError(t, err)
	assert.True(t, r.SameOrder.Finished, "the same order never deadlocks")
	assert.False(t, r.SameOrder.Released)
	assert.False(t, r.OppositeOrder.Finished, "opposite orders with a hold deadlock")
	assert.True(t, r.OppositeOrder.Released, "the deadlock was broken: goleak checks nothing is left")
	assert.GreaterOrEqual(t, r.OppositeOrder.Elapsed, 300*time.Millisecond)
	assert.Equal(t, map[string]float64{"go.deadlock": 1, "go.same.finished": 1}, r.Figures("go"))
	assert.Contains(t, r.String(), "deadlocked, found by the 300ms timeout")
}

func TestRunBadInput(t *testing.T) {
	_, err := deadlock.Run(t.Context(), -time.Millisecond, time.Second)
	assert.ErrorContains(t, err, "hold ≥ 0")
	_, err = deadlock.Run(t.Context(), 100*time.Millisecond, 150*time.Millisecond)
	assert.ErrorContains(t, err, "timeout above")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = deadlock.Run(ctx, 0, time.Second)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestResultString(t *testing.T) {
	r := deadlock.Result{Timeout: time.Second,
		SameOrder:     deadlock.Attempt{Finished: true, Elapsed: 40 * time.Millisecond},
		OppositeOrder: deadlock.Attempt{Finished: true, Elapsed: 45 * time.Millisecond}}
	assert.Equal(t, "Same order: finished in 40ms. Opposite orders: finished in 45ms, no deadlock this time.", r.String())
	assert.Equal(t, map[string]float64{"cpython.deadlock": 0, "cpython.same.finished": 1}, r.Figures("cpython"))
	r.SameOrder.Finished = false
	assert.Contains(t, r.String(), "Same order: not finished")
}

func TestSource(t *testing.T) {
	src, err := deadlock.Source("worker")
	require.NoError(t, err)
	assert.Contains(t, src, "second.Lock()")
	_, err = deadlock.Source("nope")
	assert.ErrorContains(t, err, "attempt")
}

func TestCPython(t *testing.T) {
	py := cpythontest.Python3(t)
	py.Timeout = time.Minute
	r, err := deadlock.CPython(t.Context(), py, 20*time.Millisecond, 300*time.Millisecond)
	require.NoError(t, err)
	assert.True(t, r.SameOrder.Finished)
	assert.False(t, r.OppositeOrder.Finished)
	_, err = deadlock.CPython(t.Context(), py, time.Second, time.Second)
	assert.ErrorContains(t, err, "timeout above")
}

func TestCompare(t *testing.T) {
	c, err := deadlock.Compare(t.Context(), nil, 10*time.Millisecond, 200*time.Millisecond)
	require.NoError(t, err)
	assert.ErrorIs(t, c.PyErr, cpython.ErrNoPython)
	assert.Contains(t, c.Markdown(), "not run, no python3")
	assert.Equal(t, map[string]float64{"go.deadlock": 1, "go.same.finished": 1}, map[string]float64(c.Figures()))
	c.PyErr = nil
	c.Py = deadlock.Result{Timeout: time.Second, SameOrder: deadlock.Attempt{Finished: true}, OppositeOrder: deadlock.Attempt{Elapsed: time.Second}}
	assert.Equal(t, 1.0, c.Figures()["cpython.deadlock"])
	assert.Contains(t, c.Markdown(), "daemons")
	c.PyErr = errors.New("boom")
	assert.Contains(t, c.Markdown(), "not run: boom")
	_, err = deadlock.Compare(t.Context(), nil, time.Second, time.Second)
	assert.Error(t, err)
}
