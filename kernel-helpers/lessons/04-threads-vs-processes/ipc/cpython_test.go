package ipc_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/ipc"
)

func python(t *testing.T) *cpython.Interpreter {
	found, err := cpython.Find(context.Background())
	if errors.Is(err, cpython.ErrNoPython) {
		t.Log(err)
		return nil
	}
	require.NoError(t, err)
	return &found[0]
}

func TestCPythonRoundTrips(t *testing.T) {
	_, err := ipc.CPython(t.Context(), nil, []int{16}, 1)
	require.ErrorIs(t, err, cpython.ErrNoPython)
	py := python(t)
	if py == nil {
		t.Skip("no python3")
	}
	_, err = ipc.CPython(t.Context(), py, []int{0}, 1)
	assert.ErrorContains(t, err, "payload size 0")
	points, err := ipc.CPython(t.Context(), py, []int{16, 4096}, 1)
	require.NoError(t, err)
	require.Len(t, points, 4)
	assert.Equal(t, ipc.PyThread, points[0].How)
	assert.Equal(t, ipc.PyPipe, points[1].How)
	assert.Positive(t, points[3].PerCall())

	goPoints := []ipc.Point{
		point(ipc.Channel, 16, 10, time.Millisecond), point(ipc.Pipe, 16, 10, 2*time.Millisecond),
		point(ipc.Channel, 4096, 10, time.Millisecond), point(ipc.Pipe, 4096, 10, 3*time.Millisecond),
	}
	f := ipc.Figures(goPoints, points)
	assert.Equal(t, 100.0, f["go.channel.small.us"])
	assert.Equal(t, 300.0, f["go.pipe.large.us"])
	v, err := claims.Check("002-ipc-overhead", f)
	require.NoError(t, err)
	assert.NotEqual(t, claims.Unmeasured, v.Outcome, v.Text)
	assert.Empty(t, ipc.Figures(nil, points), "no Go points, no sizes")
}

func TestMessages(t *testing.T) {
	o := ipc.MessageOptions{Target: 20 * time.Millisecond, Workers: 2, Messages: 40, Reps: 1}
	for _, py := range []*cpython.Interpreter{nil, python(t)} {
		m, err := ipc.Messages(t.Context(), py, o)
		require.NoError(t, err)
		require.Len(t, m.Go, 5)
		assert.Contains(t, m.DepthMarkdown(), "depth 1")
		v, err := claims.Check("000-message-passing", m.Figures)
		require.NoError(t, err)
		if py == nil {
			assert.NotEmpty(t, m.NoPython)
			assert.Equal(t, claims.Unmeasured, v.Outcome)
			continue
		}
		require.Len(t, m.CPython, 3)
		assert.NotEqual(t, claims.Unmeasured, v.Outcome, v.Text)
	}
	for name, bad := range map[string]ipc.MessageOptions{
		"no workers":     {Target: time.Millisecond, Messages: 4},
		"fewer messages": {Target: time.Millisecond, Workers: 4, Messages: 2},
		"negative reps":  {Target: time.Millisecond, Workers: 1, Messages: 2, Reps: -1},
		"no target":      {Workers: 1, Messages: 2},
	} {
		_, err := ipc.Messages(t.Context(), nil, bad)
		assert.Error(t, err, name)
	}
	assert.Contains(t, ipc.MessageRun{}.DepthMarkdown(), "not measured")
	src, err := ipc.Source("CountIn")
	require.NoError(t, err)
	assert.Contains(t, src, "run.UsePool")
}
