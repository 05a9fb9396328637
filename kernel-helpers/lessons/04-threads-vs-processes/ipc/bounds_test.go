package ipc_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/ipc"
	"concurrencylab/kernel-helpers/worker"
)

// CountIn refuses what it cannot split before it sends anything: 0
// messages used to divide by zero.
func TestCountInBadInput(t *testing.T) {
	ctx := context.Background()
	pool, err := worker.NewPool(ctx, 1)
	require.NoError(t, err)
	defer pool.Close()
	assert.ErrorContains(t, ipc.CountIn(ctx, pool, 10, 0), "messages 0 is outside [1, 100000]")
	assert.ErrorContains(t, ipc.CountIn(ctx, pool, 10, -1), "messages -1 is outside")
	assert.ErrorContains(t, ipc.CountIn(ctx, pool, 10, ipc.MaxMessages+1), "messages 100001 is outside")
	assert.ErrorContains(t, ipc.CountIn(ctx, pool, -1, 1), "n -1 must be 0 or more")
	assert.ErrorContains(t, ipc.CountIn(ctx, nil, 10, 1), "nil pool")
	assert.ErrorContains(t, ipc.CountIn(nil, pool, 10, 1), "nil context") //nolint:staticcheck // the bad input tested
	assert.NoError(t, ipc.CountIn(ctx, pool, 10, 2))
}

// Bad sizes and reps are refused before CPython is looked at, so the
// error names them even without an interpreter.
func TestCPythonBadInputBeforeInterpreter(t *testing.T) {
	ctx := context.Background()
	_, err := ipc.CPython(ctx, nil, []int{ipc.MaxSize + 1}, 1)
	assert.ErrorContains(t, err, "payload size 16777217 is outside")
	_, err = ipc.CPython(ctx, nil, []int{1}, 1000)
	assert.ErrorContains(t, err, "1000 reps is outside")
	_, err = ipc.CPython(ctx, nil, []int{1}, 0)
	assert.ErrorContains(t, err, "no usable Python")
}

func TestMessagesBadTarget(t *testing.T) {
	for _, target := range []time.Duration{0, -time.Second, time.Hour} {
		_, err := ipc.Messages(context.Background(), nil, ipc.MessageOptions{Target: target, Workers: 1, Messages: 1})
		assert.ErrorContains(t, err, "Target "+target.String()+" is outside")
	}
}
