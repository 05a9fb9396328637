package gil_test

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/workloads"
)

// holders counts the goroutines inside a section that needs the GIL, and
// keeps the highest count seen: the sourcegraph/conc way to test a limit.
type holders struct {
	now, max atomic.Int64
}

func (h *holders) enter() {
	n := h.now.Add(1)
	for {
		m := h.max.Load()
		if n <= m || h.max.CompareAndSwap(m, n) {
			return
		}
	}
}

func (h *holders) leave() { h.now.Add(-1) }

// spin runs CPU work checking t until stop is set, as a CPU-bound Python
// thread runs until it is done.
func spin(t *gil.Thread, stop *atomic.Bool) (chunks int) {
	for !stop.Load() {
		workloads.CountToWith(4*workloads.CheckEvery, t.Check)
		chunks++
	}
	return chunks
}

func TestNeverMoreThanOneHolder(t *testing.T) {
	const goroutines, rounds = 16, 300
	g := gil.New()
	// A short interval makes the GIL change hands often.
	require.NoError(t, g.SetSwitchInterval(50*time.Microsecond))
	var h holders
	shared := 0 // a plain int: the race detector objects if two goroutines touch it at once
	var wg sync.WaitGroup
	for i := range goroutines {
		wg.Go(func() {
			th := g.Thread()
			th.Acquire()
			for r := range rounds {
				// Between two GIL checks the code runs alone.
				h.enter()
				shared++
				//lint:ignore SA4017 the count is the work; CountTo is go:noinline, so the call stays
				workloads.CountTo(workloads.CheckEvery)
				h.leave()
				th.Check()
				if (r+i)%10 == 0 {
					// A short "I/O" wait: other goroutines run meanwhile.
					th.Blocking(func() { time.Sleep(20 * time.Microsecond) })
				}
			}
			assert.NoError(t, th.Release())
		})
	}
	wg.Wait()
	assert.Equal(t, int64(1), h.max.Load(), "most holders at once")
	assert.Equal(t, goroutines*rounds, shared)
	st := g.Stats()
	assert.Greater(t, st.Switches, int64(goroutines), "the GIL changed hands")
	if runtime.GOMAXPROCS(0) > 1 {
		// With one P a waiter cannot even run to ask for the GIL until Go
		// preempts the spinning holder, every 10 ms: longer than this test.
		assert.Positive(t, st.ForcedDrops, "some switches were forced at a check")
	}
}

func TestWaiterGetsTheGILAfterOneInterval(t *testing.T) {
	for _, interval := range []time.Duration{time.Millisecond, gil.DefaultSwitchInterval, 20 * time.Millisecond} {
		t.Run(interval.String(), func(t *testing.T) {
			g := gil.New()
			require.NoError(t, g.SetSwitchInterval(interval))
			var stop atomic.Bool
			holding := make(chan struct{})
			done := make(chan int)
			go func() {
				th := g.Thread()
				th.Acquire()
				close(holding)
				chunks := spin(th, &stop)
				th.Release()
				done <- chunks
			}()
			<-holding

			waiter := g.Thread()
			start := time.Now()
			waiter.Acquire()
			waited := time.Since(start)
			stop.Store(true)
			require.NoError(t, waiter.Release())
			chunks := <-done

			// The holder never lets go by itself: the waiter waits out one
			// interval, asks, and gets it at the holder's next check, the
			// one forced drop counted below. How soon after the interval
			// is the scheduler's business on a shared machine, so the
			// upper bound only catches a request ignored for seconds.
			assert.GreaterOrEqual(t, waited, interval)
			assert.Less(t, waited, interval+5*time.Second)
			assert.Positive(t, chunks)
			st := g.Stats()
			assert.GreaterOrEqual(t, st.DropRequests, int64(1))
			assert.Equal(t, int64(1), st.ForcedDrops)
			assert.Equal(t, int64(1), waiter.Stats().Acquires)
			assert.GreaterOrEqual(t, waiter.Stats().Waited, interval, "the wait is recorded")
			assert.LessOrEqual(t, waiter.Stats().Waited, waited)
		})
	}
}

func TestNoStarvation(t *testing.T) {
	const threads, switches = 4, 60
	g := gil.New()
	require.NoError(t, g.SetSwitchInterval(time.Millisecond))
	deadline := time.Now().Add(20 * time.Second) // only reached if something is wrong
	chunks := make([]int, threads)
	stats := make([]gil.ThreadStats, threads)
	var wg sync.WaitGroup
	for i := range threads {
		wg.Go(func() {
			th := g.Thread()
			th.Acquire()
			for g.Stats().Switches < switches && time.Now().Before(deadline) {
				workloads.CountToWith(4*workloads.CheckEvery, th.Check)
				chunks[i]++
			}
			th.Release()
			stats[i] = th.Stats()
		})
	}
	wg.Wait()
	require.GreaterOrEqual(t, g.Stats().Switches, int64(switches), "switches before the deadline")
	for i := range threads {
		assert.Positive(t, chunks[i], "thread %d made progress", i)
		assert.GreaterOrEqual(t, stats[i].Acquires, int64(2), "thread %d got the GIL back after losing it", i)
		assert.Positive(t, stats[i].Held, "thread %d", i)
		assert.LessOrEqual(t, stats[i].LongestHold, stats[i].Held, "thread %d", i)
	}
}

func TestBlockingReleasesTheGIL(t *testing.T) {
	g := gil.New()
	blocked := make(chan struct{})
	unblock := make(chan struct{})
	aDone := make(chan struct{})
	var aBack atomic.Bool
	go func() {
		defer close(aDone)
		a := g.Thread()
		a.Acquire()
		a.Blocking(func() {
			close(blocked)
			<-unblock // stands for a read that waits for the network
		})
		aBack.Store(a.Held())
		a.Release()
	}()
	<-blocked

	got := make(chan bool)
	go func() {
		b := g.Thread()
		b.Acquire() // succeeds only if a let go while blocking
		got <- aBack.Load()
		close(unblock)
		b.Release()
	}()
	select {
	case aWasBack := <-got:
		assert.False(t, aWasBack, "b ran while a was still blocked")
	case <-time.After(5 * time.Second):
		t.Error("a second thread could not take the GIL while the first blocked")
		close(unblock)
		<-got
	}
	<-aDone
	assert.True(t, aBack.Load(), "a holds the GIL again after Blocking")
}

func TestBlockingWithoutTheGIL(t *testing.T) {
	th := gil.New().Thread()
	ran := false
	th.Blocking(func() { ran = true })
	assert.True(t, ran, "f runs even when the thread does not hold the GIL")
	assert.False(t, th.Held())
	th.Blocking(nil) // does nothing
}

func TestAcquireNests(t *testing.T) {
	g := gil.New()
	th := g.Thread()
	th.Acquire()
	th.Acquire()
	th.Blocking(func() {
		assert.False(t, th.Held(), "Blocking releases however deep")
	})
	require.NoError(t, th.Release())
	assert.True(t, th.Held(), "one Acquire still unmatched")
	require.NoError(t, th.Release())
	assert.False(t, th.Held())
	assert.ErrorIs(t, th.Release(), gil.ErrNotHeld)
	// Nested calls and Blocking take the GIL only when it was free: twice here.
	assert.Equal(t, int64(2), g.Stats().Acquires)
}

func TestReleaseWithoutAcquire(t *testing.T) {
	err := gil.New().Thread().Release()
	require.ErrorIs(t, err, gil.ErrNotHeld)
	assert.Contains(t, err.Error(), "without Acquire")
}

func TestSwitchInterval(t *testing.T) {
	var zero gil.GIL
	assert.Equal(t, gil.DefaultSwitchInterval, zero.SwitchInterval(), "zero value")
	assert.Equal(t, 5*time.Millisecond, gil.New().SwitchInterval(), "CPython's default")

	tests := []struct {
		interval time.Duration
		want     string // part of the error; "" for none
	}{
		{time.Nanosecond, ""},
		{time.Millisecond, ""},
		{gil.MaxSwitchInterval, ""},
		{0, "must be positive"},
		{-time.Millisecond, "must be positive"},
		{gil.MaxSwitchInterval + 1, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.interval.String(), func(t *testing.T) {
			g := gil.New()
			err := g.SetSwitchInterval(tt.interval)
			if tt.want == "" {
				require.NoError(t, err)
				assert.Equal(t, tt.interval, g.SwitchInterval())
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, gil.DefaultSwitchInterval, g.SwitchInterval(), "unchanged")
		})
	}
}

func TestZeroGILWorks(t *testing.T) {
	var g gil.GIL
	var wg sync.WaitGroup
	var h holders
	for range 4 {
		wg.Go(func() {
			th := g.Thread()
			for range 50 {
				th.Acquire()
				h.enter()
				//lint:ignore SA4017 the count is the work; CountTo is go:noinline, so the call stays
				workloads.CountTo(workloads.CheckEvery)
				h.leave()
				th.Release()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int64(1), h.max.Load())
	assert.Equal(t, int64(200), g.Stats().Acquires)
}

func ExampleGIL_SetSwitchInterval() {
	g := gil.New()
	fmt.Println(g.SwitchInterval())
	if err := g.SetSwitchInterval(time.Millisecond); err != nil {
		fmt.Println(err)
	}
	fmt.Println(g.SwitchInterval())
	fmt.Println(g.SetSwitchInterval(0))
	// Output:
	// 5ms
	// 1ms
	// gil: switch interval must be positive, got 0s
}

func ExampleThread() {
	g := gil.New()
	t := g.Thread()
	t.Acquire()
	// CPU work checks the GIL regularly; alone, it never has to let go.
	n := workloads.CountToWith(10*workloads.CheckEvery, t.Check)
	// A blocking call lets other threads run meanwhile.
	t.Blocking(func() { time.Sleep(time.Millisecond) })
	if err := t.Release(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(n, t.Stats().Acquires, t.Stats().ForcedDrops)
	// Output: 40960 2 0
}
