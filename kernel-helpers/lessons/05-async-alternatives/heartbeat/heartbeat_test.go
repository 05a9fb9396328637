package heartbeat_test

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/heartbeat"
	"concurrencylab/workloads"
)

// hogN is the size of a hog of about 80 ms on this machine: long enough for
// several 2 ms ticks to fall due while it runs, under the race detector too.
var hogN = sync.OnceValues(func() (int64, error) {
	return workloads.Calibrate(func(n int64) { workloads.SumSqrt(n) }, 80*time.Millisecond)
})

func options(t *testing.T) heartbeat.Options {
	n, err := hogN()
	require.NoError(t, err)
	return heartbeat.Options{Interval: 2 * time.Millisecond, Ticks: 60, HogAfter: 10 * time.Millisecond, HogN: n}
}

func TestOnEventLoopNoTickRunsDuringTheHog(t *testing.T) {
	opts := options(t)
	r, err := heartbeat.OnEventLoop(context.Background(), opts)
	require.NoError(t, err)
	require.Len(t, r.Ticks, opts.Ticks)
	require.Positive(t, r.Hog())
	assert.Equal(t, 0, r.During())
	overdue := 0
	for i, tick := range r.Ticks {
		if tick.Due >= r.HogStart && tick.Due < r.HogEnd {
			overdue++
			assert.GreaterOrEqual(t, tick.Ran, r.HogEnd, "tick %d fell due during the hog: it must wait for the hog's end", i)
		}
	}
	assert.Positive(t, overdue, "the hog should outlast a tick interval")
	assert.GreaterOrEqual(t, r.Worst(), r.HogEnd-r.HogStart-opts.Interval)
}

func TestOnGoroutinesTicksRunDuringTheHog(t *testing.T) {
	opts := options(t)
	before := runtime.GOMAXPROCS(0)
	// The runtime preempts the hog after 10 ms, so ticks run while it
	// does. On a loaded machine the OS may hold this whole process off the
	// core for the hog's time; so the test allows three runs, and fails
	// only if no tick ran during the hog in any of them.
	var r heartbeat.Result
	for range 3 {
		var err error
		r, err = heartbeat.OnGoroutines(context.Background(), opts)
		require.NoError(t, err)
		assert.Equal(t, before, runtime.GOMAXPROCS(0), "GOMAXPROCS restored")
		require.Len(t, r.Ticks, opts.Ticks)
		require.Positive(t, r.Hog())
		if r.During() > 0 {
			break
		}
	}
	assert.Positive(t, r.During(), "no tick ran during the hog in three runs")
	for i, tick := range r.Ticks {
		assert.GreaterOrEqual(t, tick.Ran, tick.Due, "tick %d ran before it was due", i)
	}
}

func TestCancelled(t *testing.T) {
	opts := options(t)
	opts.HogAfter = time.Minute // the hog never starts: cancellation ends the wait
	for name, run := range map[string]func(context.Context, heartbeat.Options) (heartbeat.Result, error){
		"event loop": heartbeat.OnEventLoop,
		"goroutines": heartbeat.OnGoroutines,
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			r, err := run(ctx, opts)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Less(t, time.Since(start), 10*time.Second)
			assert.Less(t, len(r.Ticks), opts.Ticks)
		})
	}
}

func TestBadOptions(t *testing.T) {
	good := heartbeat.Options{Interval: time.Millisecond, Ticks: 10, HogN: 1000}
	tests := []struct {
		name   string
		change func(*heartbeat.Options)
		want   string
	}{
		{"no interval", func(o *heartbeat.Options) { o.Interval = 0 }, "Interval"},
		{"no ticks", func(o *heartbeat.Options) { o.Ticks = 0 }, "Ticks"},
		{"too long", func(o *heartbeat.Options) { o.Ticks = 1_000_000; o.Interval = time.Second }, "longer than"},
		{"negative hog start", func(o *heartbeat.Options) { o.HogAfter = -time.Second }, "HogAfter"},
		{"no hog", func(o *heartbeat.Options) { o.HogN = 0 }, "HogN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := good
			tt.change(&opts)
			_, err := heartbeat.OnEventLoop(context.Background(), opts)
			assert.ErrorContains(t, err, tt.want)
			_, err = heartbeat.OnGoroutines(context.Background(), opts)
			assert.ErrorContains(t, err, tt.want)
		})
	}
	t.Run("nil context", func(t *testing.T) {
		//lint:ignore SA1012 a nil context is the bad input under test
		_, err := heartbeat.OnGoroutines(nil, good)
		assert.ErrorContains(t, err, "nil context")
	})
}

// made builds a result by hand: the sentences depend on the figures only.
func made(scheduler string, hogStart, hogEnd time.Duration, ticks ...heartbeat.Tick) heartbeat.Result {
	return heartbeat.Result{Scheduler: scheduler, Options: heartbeat.Options{Interval: 10 * time.Millisecond},
		Ticks: ticks, HogStart: hogStart, HogEnd: hogEnd}
}

func TestFigures(t *testing.T) {
	r := made("x", 15*time.Millisecond, 95*time.Millisecond,
		heartbeat.Tick{Due: 10 * time.Millisecond, Ran: 11 * time.Millisecond},
		heartbeat.Tick{Due: 20 * time.Millisecond, Ran: 95500 * time.Microsecond},
		heartbeat.Tick{Due: 30 * time.Millisecond, Ran: 96 * time.Millisecond})
	assert.Equal(t, 80*time.Millisecond, r.Hog())
	assert.Equal(t, 75500*time.Microsecond, r.Worst())
	assert.Equal(t, 0, r.During())
	r.Ticks[1].Ran = 50 * time.Millisecond
	assert.Equal(t, 1, r.During())
	assert.Equal(t, time.Duration(0), heartbeat.Result{}.Worst())
}

func TestVerdict(t *testing.T) {
	loop := made("event loop", 10*time.Millisecond, 210*time.Millisecond,
		heartbeat.Tick{Due: 20 * time.Millisecond, Ran: 210 * time.Millisecond})
	goroutines := made("goroutines", 10*time.Millisecond, 215*time.Millisecond,
		heartbeat.Tick{Due: 20 * time.Millisecond, Ran: 31 * time.Millisecond})
	t.Run("agrees", func(t *testing.T) {
		v := heartbeat.Verdict(loop, goroutines)
		assert.Contains(t, v, "hog ran for 200ms and 0 ticks ran meanwhile; the worst tick came 190ms late")
		assert.Contains(t, v, "1 tick ran meanwhile, and the worst came 11ms late")
		assert.Contains(t, v, "cooperative loop let no tick run")
	})
	t.Run("disagrees", func(t *testing.T) {
		slow := goroutines
		slow.Ticks = []heartbeat.Tick{{Due: 20 * time.Millisecond, Ran: 215 * time.Millisecond}}
		v := heartbeat.Verdict(loop, slow)
		assert.Contains(t, v, "is not the difference expected")
	})
	t.Run("hog on size", func(t *testing.T) {
		sized := loop
		sized.Options.HogTime = 180 * time.Millisecond
		assert.False(t, heartbeat.HogOff(sized))
		assert.Contains(t, heartbeat.Verdict(sized, goroutines), "cooperative loop let no tick run")
	})
	t.Run("hog far from its size", func(t *testing.T) {
		long := loop
		long.Options.HogTime = 90 * time.Millisecond // the hog ran 200 ms, 2.2× its size
		assert.True(t, heartbeat.HogOff(long))
		v := heartbeat.Verdict(long, goroutines)
		assert.Contains(t, v, "No verdict: the hog on event loop ran 200ms, far from the 90ms")
		short := goroutines
		short.Options.HogTime = time.Second
		assert.Contains(t, heartbeat.Verdict(loop, short), "No verdict: the hog on goroutines")
	})
}

func TestPlot(t *testing.T) {
	r := made("loop", 0, time.Millisecond, heartbeat.Tick{Due: time.Millisecond, Ran: 2 * time.Millisecond})
	svg, err := heartbeat.Plot(r, r)
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(svg), "<svg"))
	_, err = heartbeat.Plot()
	assert.ErrorContains(t, err, "nothing to plot")
	_, err = heartbeat.Plot(heartbeat.Result{Scheduler: "empty"})
	assert.ErrorContains(t, err, "empty has no ticks")
}

func TestHogNBound(t *testing.T) {
	_, err := heartbeat.OnGoroutines(context.Background(), heartbeat.Options{Interval: time.Millisecond, Ticks: 5, HogN: 1 << 62})
	assert.ErrorContains(t, err, "more than")
}
