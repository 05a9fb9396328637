package heartbeat_test

import (
	"concurrencylab/kernel-helpers/cpython/cpythontest"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/heartbeat"
)

func TestCPython(t *testing.T) {
	in := cpythontest.Python3(t)
	r, err := heartbeat.CPython(context.Background(), in, 2*time.Millisecond, 40*time.Millisecond)
	require.NoError(t, err)
	assert.Positive(t, r.Asyncio.Hog)
	assert.Positive(t, r.Threads.Hog)
	f := heartbeat.Figures(heartbeat.Result{}, heartbeat.Result{}, &r)
	assert.True(t, f.Has("cpython.threads.worst_ms", "cpython.asyncio.worst_ms", "cpython.hog_ms", "go.hog_ms"))
	_, err = heartbeat.CPython(context.Background(), in, time.Millisecond, time.Millisecond)
	assert.Error(t, err)
}
