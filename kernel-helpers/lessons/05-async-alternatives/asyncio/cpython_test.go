package asyncio_test

import (
	"concurrencylab/kernel-helpers/cpython/cpythontest"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/asyncio"
)

func TestFetchGoOnly(t *testing.T) {
	r, err := asyncio.Fetch(context.Background(), nil, 4, 10*time.Millisecond)
	require.NoError(t, err)
	assert.False(t, r.Python)
	assert.GreaterOrEqual(t, r.GoSequential, 0.04, "four pages one after the other wait four latencies")
	_, rows := r.Table()
	assert.Len(t, rows, 2)
	v, err := claims.Check("003-io-fetch-concurrent", r.Figures())
	require.NoError(t, err)
	assert.Equal(t, claims.Unmeasured, v.Outcome)
	assert.Contains(t, v.Text, "no python3")
}

func TestGatherFigures(t *testing.T) {
	g := asyncio.TaskGroupReport{Pages: 6, Answered: 0}
	f := asyncio.GatherFigures(g, &asyncio.PyGather{N: 7, Gather: asyncio.PyFailure{Completed: 6, Others: 6},
		TaskGroup: &asyncio.PyFailure{Cancelled: 6, Others: 6}})
	assert.Equal(t, claims.Figures{"n": 7, "go.taskgroup.answered": 0, "cpython.gather.completed": 6, "cpython.gather.cancelled": 0,
		"cpython.taskgroup.completed": 0, "cpython.taskgroup.cancelled": 6}, f)
	assert.Contains(t, asyncio.PyGather{Gather: asyncio.PyFailure{Others: 6}}.Markdown(), "needs Python 3.11")
}

func TestPython(t *testing.T) {
	in := cpythontest.Python3(t)
	ctx := context.Background()
	g, err := asyncio.CPythonGather(ctx, in, 5, 30*time.Millisecond, 5*time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, 4, g.Gather.Others)
	assert.Equal(t, 4, g.Gather.Completed, "gather cancels nothing: the others complete")
	if g.TaskGroup != nil {
		assert.Equal(t, 4, g.TaskGroup.Cancelled, "TaskGroup cancels the others")
		assert.Equal(t, 0, g.TaskGroup.Completed)
	}
	r, err := asyncio.Fetch(ctx, &in, 3, 10*time.Millisecond)
	require.NoError(t, err)
	assert.True(t, r.Python)
	assert.GreaterOrEqual(t, r.PySequential, 0.03)
	src, err := asyncio.PythonSource("fetch_async")
	require.NoError(t, err)
	assert.Contains(t, src, "await reader.read()")
	_, err = asyncio.CPythonGather(ctx, in, 1, time.Millisecond, time.Millisecond)
	assert.Error(t, err)
}
