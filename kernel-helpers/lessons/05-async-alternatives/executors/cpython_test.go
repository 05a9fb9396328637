package executors_test

import (
	"concurrencylab/kernel-helpers/cpython/cpythontest"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/executors"
)

func TestCrashKillsOnlyItsTask(t *testing.T) {
	r, err := executors.Crash(context.Background(), 2, 4, 20*time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, 4, r.Succeeded)
	assert.Error(t, r.CrashErr)
	assert.True(t, r.Survived())
	assert.False(t, executors.CrashReport{Tasks: 4, Succeeded: 3, CrashErr: errors.New("x")}.Survived())
	assert.False(t, executors.CrashReport{Tasks: 4, Succeeded: 4}.Survived(), "a crash that returned no error did not crash")
	_, err = executors.Crash(context.Background(), 0, 4, time.Millisecond)
	assert.Error(t, err)
}

func TestTopLevelFiguresAndTable(t *testing.T) {
	tl := executors.TopLevel{Default: "fork", Methods: map[string]executors.Run{
		"fork": {OK: true}, "spawn": {Exit: 1, Error: "BrokenProcessPool", Bootstrapping: true}}}
	f := tl.Figures()
	assert.Equal(t, claims.Figures{"cpython.fork.ok": 1, "cpython.spawn.ok": 0, "cpython.default.fork": 1}, f)
	v, err := claims.Check("003-toplevel-process-pool", f)
	require.NoError(t, err)
	assert.Equal(t, claims.DependsOn, v.Outcome)
	_, rows := tl.Table()
	require.Len(t, rows, 2)
	assert.Equal(t, []string{"fork", "default", "ran to its last line"}, rows[0])
	assert.Contains(t, rows[1][2], "BrokenProcessPool")
}

func TestBatchFigures(t *testing.T) {
	g := executors.Batch{Tasks: 2, Sequential: 0.2, ThreadPool: 0.1, ProcessPool: 0.1}
	assert.False(t, executors.BatchFigures(2, g, nil).Has("cpython.gil"))
	f := executors.BatchFigures(2, g, &executors.Batch{Sequential: 0.2, ThreadPool: 0.2, ProcessPool: 0.1, GIL: true, Interp: 0.1})
	assert.Equal(t, 1.0, f["cpython.gil"])
	assert.Equal(t, 0.1, f["cpython.interpreter_pool.s"])
	assert.Contains(t, executors.InterpreterLine(executors.Batch{Version: "3.11.7"}), "3.14 brings it")
	assert.Contains(t, executors.InterpreterLine(executors.Batch{Version: "3.14.0", Sequential: 0.2, Interp: 0.1}), "2×")
}

func TestGoBatch(t *testing.T) {
	b, err := executors.GoBatch(context.Background(), 2, 5*time.Millisecond, 2)
	require.NoError(t, err)
	assert.Positive(t, b.Sequential)
	assert.Positive(t, b.ThreadPool)
	assert.Positive(t, b.ProcessPool)
	_, err = executors.GoBatch(context.Background(), 0, time.Millisecond, 1)
	assert.Error(t, err)
}

func TestPython(t *testing.T) {
	in := cpythontest.Python3(t)
	ctx := context.Background()
	tl, err := executors.PyTopLevel(ctx, in, time.Minute)
	require.NoError(t, err)
	assert.True(t, tl.Methods[tl.Default].OK || tl.Default != "fork", "under fork the example runs")
	b, err := executors.PyBatch(ctx, in, 2, 10*time.Millisecond, 1)
	require.NoError(t, err)
	assert.Positive(t, b.ThreadPool)
	assert.Positive(t, b.ProcessPool)
	src, err := executors.PythonSource("run_pool")
	require.NoError(t, err)
	assert.Contains(t, src, "ex.map")
}

func TestPyDispatch(t *testing.T) {
	in := cpythontest.Python3(t)
	d, err := executors.PyDispatch(context.Background(), in, 20, 2, 1)
	require.NoError(t, err)
	assert.Positive(t, d[cpython.ThreadPool])
	assert.Positive(t, d[cpython.ProcessPool])
	f := executors.DispatchFigures(time.Microsecond, 30*time.Microsecond, d)
	assert.True(t, f.Has("cpython.thread_pool.us", "cpython.process_pool.us", "go.goroutine_pool.us", "go.process_pool.us"))
}
