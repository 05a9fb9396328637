package waits_test

import (
	"context"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/waits"
	"concurrencylab/kernel-helpers/memory"
)

func TestOnGoroutinesHoldsNoThreads(t *testing.T) {
	r, err := waits.OnGoroutines(context.Background(), 500, 20*time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, waits.Goroutines, r.How)
	assert.Equal(t, 500, r.N)
	assert.Less(t, r.Threads, 50, "500 waiting goroutines must not hold 500 threads")
	assert.Positive(t, r.Start)
	assert.Positive(t, r.Wake)
	assert.Equal(t, r.Start+r.Wait+r.Wake, r.Took())
}

func TestOnThreadsHoldsOneThreadEach(t *testing.T) {
	before, err := memory.Self()
	require.NoError(t, err)
	r, err := waits.OnThreads(context.Background(), 100, 20*time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, waits.Threads, r.How)
	assert.GreaterOrEqual(t, r.Threads, 95, "each waiter holds its own thread (a few idle ones may be reused)")
	assert.Positive(t, r.RSS)

	// The threads end with their goroutines: none is left behind.
	assert.Eventually(t, func() bool {
		now, err := memory.Self()
		return err == nil && now.Threads <= before.Threads+5
	}, 5*time.Second, 10*time.Millisecond)
	// And the runtime's thread limit is back to its default.
	prev := debug.SetMaxThreads(10_000)
	assert.Equal(t, 10_000, prev)
}

func TestCancelReleasesEveryWaiter(t *testing.T) {
	for name, run := range map[string]func(context.Context, int, time.Duration) (waits.Result, error){
		"goroutines": waits.OnGoroutines,
		"threads":    waits.OnThreads,
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := run(ctx, 50, time.Minute)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Less(t, time.Since(start), 10*time.Second)
		})
	}
}

func TestBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"no goroutines", func() error { _, err := waits.OnGoroutines(ctx, 0, time.Millisecond); return err }, "0 waiters"},
		{"too many threads", func() error { _, err := waits.OnThreads(ctx, waits.MaxThreads+1, time.Millisecond); return err }, "outside [1, 10000]"},
		{"no wait", func() error { _, err := waits.OnGoroutines(ctx, 1, 0); return err }, "wait 0s"},
		{"long wait", func() error { _, err := waits.OnThreads(ctx, 1, time.Hour); return err }, "wait 1h0m0s"},
		//lint:ignore SA1012 a nil context is the bad input under test
		{"nil context", func() error { _, err := waits.OnGoroutines(nil, 1, time.Millisecond); return err }, "nil context"},
		{"no counts", func() error { _, err := waits.Sweep(ctx, nil, time.Millisecond); return err }, "no counts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorContains(t, tt.run(), tt.want)
		})
	}
}

func TestSweep(t *testing.T) {
	results, err := waits.Sweep(context.Background(), []int{10, 40}, 5*time.Millisecond)
	require.NoError(t, err)
	require.Len(t, results, 4)
	for i, want := range []struct {
		how string
		n   int
	}{{waits.Goroutines, 10}, {waits.Threads, 10}, {waits.Goroutines, 40}, {waits.Threads, 40}} {
		assert.Equal(t, want.how, results[i].How, "result %d", i)
		assert.Equal(t, want.n, results[i].N, "result %d", i)
	}
	for _, plot := range []func([]waits.Result) ([]byte, error){waits.PlotMemory, waits.PlotTime} {
		svg, err := plot(results)
		require.NoError(t, err)
		assert.True(t, strings.Contains(string(svg), "<svg"))
		_, err = plot(nil)
		assert.ErrorContains(t, err, "nothing to plot")
	}
}

func TestVerdict(t *testing.T) {
	g := waits.Result{How: waits.Goroutines, N: 10_000, Wait: time.Second, Start: 40 * time.Millisecond, Wake: 8 * time.Millisecond,
		RSS: 25 << 20, Threads: 1}
	th := waits.Result{How: waits.Threads, N: 10_000, Wait: time.Second, Start: 800 * time.Millisecond, Wake: 760 * time.Millisecond,
		RSS: 170 << 20, Threads: 9_998}
	small := waits.Result{How: waits.Threads, N: 10, RSS: 1 << 20, Threads: 10}

	got, gotT, ok := waits.Largest([]waits.Result{small, g, th})
	require.True(t, ok)
	assert.Equal(t, g, got)
	assert.Equal(t, th, gotT)
	_, _, ok = waits.Largest([]waits.Result{small, g})
	assert.False(t, ok, "10 was measured on threads only, 10,000 on goroutines only")

	v := waits.Verdict([]waits.Result{g, th})
	assert.Contains(t, v, "10000 goroutines waiting together added 25 MiB to the process (2.56 KiB each) and 1 OS threads; starting and waking them took 48ms.")
	assert.Contains(t, v, "10000 waiters on OS threads added 9998 threads and 170 MiB (17.4 KiB each, 6.8× a goroutine)")
	assert.Contains(t, v, "took 1.56s (32× as long)")
	assert.Contains(t, v, "holds no OS thread")

	bigger := waits.Result{How: waits.Goroutines, N: 100_000, RSS: 250 << 20}
	assert.Contains(t, waits.Verdict([]waits.Result{g, th, bigger}), "(100000 waiters ran on goroutines only")
	assert.NotContains(t, v, "goroutines only")

	th.Threads = 12 // threads that did not each hold a thread: not what the course claims
	assert.False(t, waits.Agrees(g, th))
	assert.Contains(t, waits.Verdict([]waits.Result{g, th}), "That is not a thread per waiter")
	assert.Contains(t, waits.Verdict(nil), "no count was measured")
}
