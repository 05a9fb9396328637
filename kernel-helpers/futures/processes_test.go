package futures_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/futures"
	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/worker"
	"concurrencylab/workloads"
)

// newProcessPool returns a process pool of n that the test closes when it
// ends, checking that no worker process is left behind.
func newProcessPool(t *testing.T, n int) *futures.ProcessPool {
	t.Helper()
	p, err := futures.NewProcessPool(t.Context(), n)
	require.NoError(t, err)
	t.Cleanup(func() {
		assert.NoError(t, p.Close())
		children, err := memory.Children()
		assert.NoError(t, err)
		assert.Empty(t, children, "worker processes left after Close")
	})
	return p
}

func TestNewProcessPoolBadInput(t *testing.T) {
	for _, n := range []int{0, -2} {
		p, err := futures.NewProcessPool(t.Context(), n)
		assert.Error(t, err, "n=%d", n)
		assert.Nil(t, p)
	}
	//lint:ignore SA1012 a nil context is the bad input under test
	p, err := futures.NewProcessPool(nil, 1) //nolint:staticcheck
	assert.Error(t, err, "nil context")
	assert.Nil(t, p)
}

func TestSubmitTaskResults(t *testing.T) {
	p := newProcessPool(t, 2)
	assert.Equal(t, 2, p.Size())

	echoes := make([]*futures.Future[int], 20)
	for i := range echoes {
		echoes[i] = futures.SubmitTask[int](t.Context(), p, "echo", i)
	}
	sums := make([]*futures.Future[float64], 4)
	for i := range sums {
		sums[i] = futures.SubmitTask[float64](t.Context(), p, "sumsqrt", int64(1000*(i+1)))
	}

	values, err := futures.Wait(echoes...)
	require.NoError(t, err)
	for i, v := range values {
		assert.Equal(t, i, v)
	}
	got, err := futures.Wait(sums...)
	require.NoError(t, err)
	for i, v := range got {
		// JSON carries a float64 exactly, so the worker's sum arrives bit for bit.
		assert.Equal(t, workloads.SumSqrt(int64(1000*(i+1))), v)
	}
}

func TestSubmitTaskRunsInWorkerProcesses(t *testing.T) {
	const n = 3
	p := newProcessPool(t, n)
	workers := map[int]bool{}
	for _, pid := range p.PIDs() {
		workers[pid] = true
	}
	require.Len(t, workers, n)

	futs := make([]*futures.Future[int], 30)
	for i := range futs {
		futs[i] = futures.SubmitTask[int](t.Context(), p, "getpid", nil)
	}
	pids, err := futures.Wait(futs...)
	require.NoError(t, err)
	for _, pid := range pids {
		assert.NotEqual(t, os.Getpid(), pid, "a task runs in another process")
		assert.True(t, workers[pid], "pid %d is one of the pool's workers", pid)
	}
	children, err := memory.Children()
	require.NoError(t, err)
	for _, c := range children {
		assert.True(t, workers[c.PID], "child %d is a worker", c.PID)
	}
	assert.Len(t, children, n)
}

// makeFIFOs creates n named pipes in a temporary directory.
func makeFIFOs(t *testing.T, n int) []string {
	dir := t.TempDir()
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, "gate-"+strconv.Itoa(i))
		require.NoError(t, syscall.Mkfifo(paths[i], 0o600))
	}
	return paths
}

// openGate lets the gate task waiting on fifo finish: it opens the pipe
// (which waits for the task to open its end) and closes it again.
func openGate(fifo string) error {
	f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	return f.Close()
}

func TestProcessAsCompletedYieldsInCompletionOrder(t *testing.T) {
	finishOrder := []int{1, 2, 0}
	// One worker per task: each blocks in its own process.
	p := newProcessPool(t, len(finishOrder))
	fifos := makeFIFOs(t, len(finishOrder))
	futs := make([]*futures.Future[int], len(fifos))
	for i, fifo := range fifos {
		futs[i] = futures.SubmitTask[int](t.Context(), p, "futures-test-gate", gateArg{FIFO: fifo, Value: 10 * i})
	}

	require.NoError(t, openGate(fifos[finishOrder[0]]))
	var got []int
	for i, f := range futures.AsCompleted(t.Context(), futs) {
		v, err := f.Wait()
		assert.NoError(t, err)
		assert.Equal(t, 10*i, v)
		got = append(got, i)
		if len(got) < len(finishOrder) {
			require.NoError(t, openGate(fifos[finishOrder[len(got)]]))
		}
	}
	assert.Equal(t, finishOrder, got)
}

func TestSubmitTaskErrors(t *testing.T) {
	p := newProcessPool(t, 1)
	closed, err := futures.NewProcessPool(t.Context(), 1)
	require.NoError(t, err)
	require.NoError(t, closed.Close())
	require.NoError(t, closed.Close(), "a second Close is harmless")

	_, err = futures.SubmitTask[int](t.Context(), p, "no-such-task", nil).Wait()
	assert.ErrorIs(t, err, worker.ErrUnknownTask)

	_, err = futures.SubmitTask[int](t.Context(), closed, "noop", nil).Wait()
	assert.ErrorIs(t, err, futures.ErrClosed)

	_, err = futures.SubmitTask[int](t.Context(), nil, "noop", nil).Wait()
	assert.Error(t, err, "nil pool")

	_, err = futures.SubmitTask[int](t.Context(), p, "echo", "not a number").Wait()
	assert.Error(t, err, "a result that does not decode into T")

	_, err = futures.SubmitTask[struct{}](t.Context(), p, "panic", "on purpose").Wait()
	var crash *worker.CrashError
	require.ErrorAs(t, err, &crash)
	assert.Equal(t, "panic", crash.Task)

	// The pool replaced the crashed worker and goes on.
	v, err := futures.SubmitTask[int](t.Context(), p, "echo", 5).Wait()
	require.NoError(t, err)
	assert.Equal(t, 5, v)
}

func TestProcessPoolContextKillsWorkers(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	p, err := futures.NewProcessPool(ctx, 2)
	require.NoError(t, err)
	hung := futures.SubmitTask[struct{}](t.Context(), p, "hang", nil)
	// "hang" blocks its worker until it is killed: only cancelling the
	// pool's context can end the call.
	require.Eventually(t, func() bool {
		children, err := memory.Children()
		return err == nil && len(children) == 2
	}, 10*time.Second, time.Millisecond)
	cancel()
	done := make(chan error, 1)
	go func() { _, err := hung.Wait(); done <- err }()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatal("the hung task still runs a minute after the cancel")
	}
	assert.ErrorIs(t, err, context.Canceled)
	require.NoError(t, p.Close())
	children, err := memory.Children()
	require.NoError(t, err)
	assert.Empty(t, children)
}
