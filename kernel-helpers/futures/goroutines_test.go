package futures_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/futures"
)

// newPool returns a goroutine pool of n that the test closes when it ends.
func newPool(t *testing.T, n int) *futures.GoroutinePool {
	t.Helper()
	p, err := futures.NewGoroutinePool(n)
	require.NoError(t, err)
	t.Cleanup(func() { _ = p.Close() })
	return p
}

func TestNewGoroutinePoolBadSize(t *testing.T) {
	for _, n := range []int{0, -1} {
		p, err := futures.NewGoroutinePool(n)
		assert.Error(t, err, "n=%d", n)
		assert.Nil(t, p)
	}
}

func TestSubmitResults(t *testing.T) {
	for _, n := range []int{1, 3, 64} {
		t.Run(fmt.Sprintf("pool of %d", n), func(t *testing.T) {
			p := newPool(t, n)
			assert.Equal(t, n, p.Size())
			const tasks = 50
			futs := make([]*futures.Future[int], tasks)
			for i := range futs {
				futs[i] = futures.Submit(t.Context(), p, func(context.Context) (int, error) { return i * i, nil })
			}
			values, err := futures.Wait(futs...)
			require.NoError(t, err)
			for i, v := range values {
				assert.Equal(t, i*i, v)
			}
		})
	}
}

// TestConcurrencyLimit holds every task until n are running, then lets them
// all go: the most running at once must be exactly n, never more.
func TestConcurrencyLimit(t *testing.T) {
	for _, n := range []int{1, 3, 8} {
		t.Run(fmt.Sprintf("pool of %d", n), func(t *testing.T) {
			p := newPool(t, n)
			var running, most atomic.Int64
			gate := make(chan struct{})
			futs := make([]*futures.Future[struct{}], 4*n)
			for i := range futs {
				futs[i] = futures.Submit(t.Context(), p, func(context.Context) (struct{}, error) {
					now := running.Add(1)
					defer running.Add(-1)
					for old := most.Load(); now > old && !most.CompareAndSwap(old, now); old = most.Load() {
					}
					<-gate
					return struct{}{}, nil
				})
			}
			require.Eventually(t, func() bool { return running.Load() == int64(n) }, 10*time.Second, time.Millisecond)
			close(gate)
			_, err := futures.Wait(futs...)
			require.NoError(t, err)
			assert.Equal(t, int64(n), most.Load())
		})
	}
}

func TestSubmitOrderIsFIFO(t *testing.T) {
	p := newPool(t, 1)
	var mu sync.Mutex
	var order []int
	futs := make([]*futures.Future[int], 20)
	for i := range futs {
		futs[i] = futures.Submit(t.Context(), p, func(context.Context) (int, error) {
			mu.Lock()
			defer mu.Unlock()
			order = append(order, i)
			return i, nil
		})
	}
	_, err := futures.Wait(futs...)
	require.NoError(t, err)
	want := make([]int, 20)
	for i := range want {
		want[i] = i
	}
	assert.Equal(t, want, order, "one worker runs tasks in the order submitted")
}

// gated submits one task per gate; task i returns i once gate i is closed.
func gated(t *testing.T, p *futures.GoroutinePool, gates []chan struct{}) []*futures.Future[int] {
	futs := make([]*futures.Future[int], len(gates))
	for i := range gates {
		futs[i] = futures.Submit(t.Context(), p, func(ctx context.Context) (int, error) {
			select {
			case <-gates[i]:
				return i, nil
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		})
	}
	return futs
}

func makeGates(n int) []chan struct{} {
	gates := make([]chan struct{}, n)
	for i := range gates {
		gates[i] = make(chan struct{})
	}
	return gates
}

func TestAsCompletedYieldsInCompletionOrder(t *testing.T) {
	finishOrder := []int{2, 0, 3, 1}
	p := newPool(t, len(finishOrder))
	gates := makeGates(len(finishOrder))
	futs := gated(t, p, gates)

	// Open one gate, and the next only once its task has been yielded: the
	// tasks can finish in no other order.
	close(gates[finishOrder[0]])
	var got []int
	for i, f := range futures.AsCompleted(t.Context(), futs) {
		v, err := f.Wait()
		assert.NoError(t, err)
		assert.Equal(t, i, v)
		got = append(got, i)
		if len(got) < len(finishOrder) {
			close(gates[finishOrder[len(got)]])
		}
	}
	assert.Equal(t, finishOrder, got)
}

func TestAsCompletedAlreadyFinished(t *testing.T) {
	finishOrder := []int{1, 3, 0, 2}
	p := newPool(t, len(finishOrder))
	gates := makeGates(len(finishOrder))
	futs := gated(t, p, gates)
	for _, i := range finishOrder {
		close(gates[i])
		<-futs[i].Done()
	}
	var got []int
	for i := range futures.AsCompleted(t.Context(), futs) {
		got = append(got, i)
	}
	assert.Equal(t, finishOrder, got, "futures done before the call come in the order they finished")
}

func TestAsCompletedStopsWithContext(t *testing.T) {
	p := newPool(t, 3)
	gates := makeGates(3)
	futs := gated(t, p, gates)
	close(gates[1])
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var got []int
	for i := range futures.AsCompleted(ctx, futs) {
		got = append(got, i)
		cancel() // the other two never finish while we wait
	}
	assert.Equal(t, []int{1}, got)
	assert.ErrorIs(t, ctx.Err(), context.Canceled)
	close(gates[0])
	close(gates[2])
}

func TestAsCompletedBreakAndNil(t *testing.T) {
	p := newPool(t, 2)
	futs := []*futures.Future[int]{
		nil,
		futures.Submit(t.Context(), p, func(context.Context) (int, error) { return 7, nil }),
		futures.Submit(t.Context(), p, func(context.Context) (int, error) { return 8, nil }),
	}
	count := 0
	for i, f := range futures.AsCompleted(t.Context(), futs) {
		assert.NotNil(t, f, "index %d", i)
		count++
		break
	}
	assert.Equal(t, 1, count)
	for range futures.AsCompleted[int](t.Context(), nil) {
		t.Error("nothing to yield")
	}
}

func TestSubmitErrors(t *testing.T) {
	closed, err := futures.NewGoroutinePool(1)
	require.NoError(t, err)
	require.NoError(t, closed.Close())
	require.NoError(t, closed.Close(), "a second Close is harmless")
	p := newPool(t, 2)
	ok := func(context.Context) (int, error) { return 1, nil }
	boom := errors.New("boom")

	tests := []struct {
		name  string
		fut   *futures.Future[int]
		check func(t *testing.T, err error)
	}{
		{"nil function", futures.Submit[int](t.Context(), p, nil), func(t *testing.T, err error) { assert.ErrorIs(t, err, futures.ErrNilFunc) }},
		{"closed pool", futures.Submit(t.Context(), closed, ok), func(t *testing.T, err error) { assert.ErrorIs(t, err, futures.ErrClosed) }},
		{"nil pool", futures.Submit(t.Context(), nil, ok), func(t *testing.T, err error) { assert.Error(t, err) }},
		//lint:ignore SA1012 a nil context is the bad input under test
		{"nil context", futures.Submit(nil, p, ok), func(t *testing.T, err error) { assert.Error(t, err) }}, //nolint:staticcheck
		{"task error", futures.Submit(t.Context(), p, func(context.Context) (int, error) { return 0, boom }),
			func(t *testing.T, err error) { assert.ErrorIs(t, err, boom) }},
		{"task panics", futures.Submit(t.Context(), p, func(context.Context) (int, error) { panic("oops") }),
			func(t *testing.T, err error) {
				var pe *futures.PanicError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, "oops", pe.Value)
				assert.NotEmpty(t, pe.Stack)
			}},
		{"task calls Goexit", futures.Submit(t.Context(), p, func(context.Context) (int, error) { runtime.Goexit(); return 0, nil }),
			func(t *testing.T, err error) { assert.ErrorContains(t, err, "Goexit") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.fut.Wait()
			assert.Zero(t, v)
			tt.check(t, err)
		})
	}

	// The pool survived the panic and the Goexit.
	v, err := futures.Submit(t.Context(), p, ok).Wait()
	require.NoError(t, err)
	assert.Equal(t, 1, v)
}

func TestCancelledTaskDoesNotRun(t *testing.T) {
	p := newPool(t, 1)
	gate := make(chan struct{})
	first := futures.Submit(t.Context(), p, func(context.Context) (int, error) { <-gate; return 1, nil })
	ctx, cancel := context.WithCancel(t.Context())
	var ran atomic.Bool
	second := futures.Submit(ctx, p, func(context.Context) (int, error) { ran.Store(true); return 2, nil })
	cancel() // the only worker is busy with first, so second is still queued
	close(gate)
	v, err := first.Wait()
	require.NoError(t, err)
	assert.Equal(t, 1, v)
	_, err = second.Wait()
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, ran.Load(), "a task cancelled while queued never runs")
}

func TestCloseRunsQueuedTasks(t *testing.T) {
	p, err := futures.NewGoroutinePool(1)
	require.NoError(t, err)
	gate := make(chan struct{})
	futs := []*futures.Future[int]{
		futures.Submit(t.Context(), p, func(context.Context) (int, error) { <-gate; return 0, nil }),
	}
	for i := 1; i < 5; i++ {
		futs = append(futs, futures.Submit(t.Context(), p, func(context.Context) (int, error) { return i, nil }))
	}
	closed := make(chan struct{})
	go func() {
		_ = p.Close()
		close(closed)
	}()
	close(gate)
	<-closed
	for i, f := range futs {
		select {
		case <-f.Done():
		default:
			t.Errorf("future %d not done after Close", i)
		}
	}
	values, err := futures.Wait(futs...)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1, 2, 3, 4}, values)
}

func TestWaitCountsFailures(t *testing.T) {
	p := newPool(t, 2)
	boom := errors.New("boom")
	futs := []*futures.Future[int]{
		futures.Submit(t.Context(), p, func(context.Context) (int, error) { return 1, nil }),
		futures.Submit(t.Context(), p, func(context.Context) (int, error) { return 0, boom }),
		futures.Submit(t.Context(), p, func(context.Context) (int, error) { return 3, nil }),
		nil,
	}
	values, err := futures.Wait(futs...)
	require.Error(t, err)
	assert.ErrorIs(t, err, boom)
	assert.ErrorContains(t, err, "2 of 4")
	assert.Equal(t, []int{1, 0, 3, 0}, values)

	values, err = futures.Wait[int]()
	assert.NoError(t, err)
	assert.Empty(t, values)
}
