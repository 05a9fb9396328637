package iobound_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/iobound"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/strategies"
)

func TestThreadsGoOnly(t *testing.T) {
	o := iobound.Options{Pages: 4, Latency: 20 * time.Millisecond, Reps: 1}
	p, err := iobound.Threads(t.Context(), nil, o)
	require.NoError(t, err)
	require.Len(t, p.Go, 2)
	assert.Nil(t, p.CPython)
	assert.Contains(t, p.NoPython, "no usable Python")
	// Sequential pays every latency; one goroutine per page pays it once.
	assert.GreaterOrEqual(t, p.Go[0].Min(), 4*o.Latency)
	assert.GreaterOrEqual(t, p.Go[1].Min(), o.Latency)
	assert.Equal(t, 4.0, p.Figures["pages"])
	assert.True(t, p.Figures.Has("go.sequential.s", "go.goroutines.s", "latency.s"))

	for name, bad := range map[string]iobound.Options{"no pages": {}, "reps": {Pages: 1, Reps: -1}} {
		_, err := iobound.Threads(t.Context(), nil, bad)
		assert.Error(t, err, name)
	}
	_, err = iobound.Threads(nil, nil, o) //nolint:staticcheck // a nil context must be an error
	assert.ErrorContains(t, err, "nil context")
}

func TestThreadsCPython(t *testing.T) {
	py, err := strategies.Python(context.Background())
	if errors.Is(err, cpython.ErrNoPython) {
		t.Skip(err)
	}
	require.NoError(t, err)
	o := iobound.Options{Pages: 3, Latency: 20 * time.Millisecond, Reps: 1}
	p, err := iobound.Threads(t.Context(), py, o)
	require.NoError(t, err)
	require.Len(t, p.CPython, 2)
	assert.Empty(t, p.NoPython)
	assert.GreaterOrEqual(t, p.CPython[0].Min(), 3*o.Latency, "urllib one after the other pays every latency")
	assert.True(t, p.Figures.Has("cpython.sequential.s", "cpython.threads.s"))
}

func TestSource(t *testing.T) {
	src, err := iobound.Source("OnePerPage")
	require.NoError(t, err)
	assert.Contains(t, src, "wg.Go")
}
