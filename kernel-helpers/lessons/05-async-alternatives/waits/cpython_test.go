package waits_test

import (
	"concurrencylab/kernel-helpers/cpython/cpythontest"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/waits"
)

func TestFigures(t *testing.T) {
	g := waits.Result{How: waits.Goroutines, N: 100, RSS: 256 * 1024, Threads: 1}
	tr := waits.Result{How: waits.Threads, N: 100, RSS: 2048 * 1024, Threads: 100}
	f := waits.Figures(g, tr, nil)
	assert.Equal(t, 2.56, f["go.goroutines.kib"])
	assert.False(t, f.Has("cpython.asyncio.kib"))
	f = waits.Figures(g, tr, &waits.PyWaiters{N: 100, Asyncio: waits.PyWaiter{KiB: 1, OSThreads: 1}, Threads: waits.PyWaiter{KiB: 15, OSThreads: 101}})
	assert.Equal(t, 101.0, f["cpython.threads.threads"])
}

func TestCPython(t *testing.T) {
	in := cpythontest.Python3(t)
	p, err := waits.CPython(context.Background(), in, 50)
	require.NoError(t, err)
	assert.Equal(t, 1, p.Asyncio.OSThreads, "asyncio's tasks wait on the one thread")
	assert.GreaterOrEqual(t, p.Threads.OSThreads, 51)
	_, err = waits.CPython(context.Background(), in, 0)
	assert.Error(t, err)
}
