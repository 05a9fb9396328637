package decide_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/decide"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/heartbeat"
	"concurrencylab/workloads"
)

func TestPickRecommendsTheLowest(t *testing.T) {
	tests := []struct {
		name     string
		figures  []decide.Figure
		want     string
		evidence string
	}{
		{"first wins", []decide.Figure{decide.Size("goroutines", 2560), decide.Size("threads", 17408)},
			"goroutines", "memory per waiter: goroutines 2.5 KiB, threads 17 KiB (next best: 6.8× as much)"},
		{"second wins", []decide.Figure{decide.Dur("event loop", 222*time.Millisecond), decide.Dur("goroutines", 17300*time.Microsecond)},
			"goroutines", "memory per waiter: event loop 222ms, goroutines 17.3ms (next best: 12.8× as much)"},
		{"runner-up is not the last", []decide.Figure{decide.N("a", 10), decide.N("b", 1), decide.N("c", 100)},
			"b", "memory per waiter: a 10, b 1, c 100 (next best: 10× as much)"},
		{"tie: the first", []decide.Figure{decide.N("a", 3), decide.N("b", 3)}, "a", "memory per waiter: a 3, b 3 (next best: 1× as much)"},
		{"alone", []decide.Figure{decide.N("only", 3)}, "only", "memory per waiter: only 3"},
		{"best is zero: no ratio", []decide.Figure{decide.N("a", 0), decide.N("b", 3)}, "a", "memory per waiter: a 0, b 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := decide.Pick("when", "memory per waiter", tt.figures...)
			assert.Equal(t, tt.want, e.Use)
			assert.Equal(t, tt.evidence, e.Evidence())
		})
	}
}

func TestRows(t *testing.T) {
	entries := []decide.Entry{
		decide.Pick("10000 tasks wait", "memory per waiter", decide.Size("goroutines", 2600), decide.Size("threads", 18000)),
		decide.Fact("context.WithTimeout", "a wait must end by a deadline",
			decide.Dur("deadline", 50*time.Millisecond), decide.Dur("gave up after", 50800*time.Microsecond)).Confirmed(true),
		decide.Fact("select", "the first answer will do", decide.N("answers sent", 2)).Confirmed(false),
	}
	rows, err := decide.Rows(entries)
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		{"goroutines", "10000 tasks wait", "memory per waiter: goroutines 2.54 KiB, threads 17.6 KiB (next best: 6.92× as much)"},
		{"context.WithTimeout", "a wait must end by a deadline", "deadline 50ms, gave up after 50.8ms"},
		{"select (not confirmed by this run)", "the first answer will do", "answers sent 2"},
	}, rows)
	assert.Len(t, decide.Header, 3)
}

func TestRowsRejectsBadEntries(t *testing.T) {
	tests := []struct {
		name  string
		entry decide.Entry
		want  string
	}{
		{"pick without candidates", decide.Pick("w", "m"), "no recommendation"},
		{"no situation", decide.Fact("x", " ", decide.N("n", 1)), "no situation"},
		{"no figures", decide.Fact("x", "w"), "no figures"},
		{"unlabelled figure", decide.Fact("x", "w", decide.N("", 1)), "without a label"},
		{"NaN", decide.Fact("x", "w", decide.Figure{Label: "f", Value: math.NaN()}), "is NaN"},
		{"infinite", decide.Fact("x", "w", decide.Figure{Label: "f", Value: math.Inf(1)}), "is +Inf"},
		{"negative time", decide.Fact("x", "w", decide.Dur("f", -time.Second)), "negative"},
		{"negative count", decide.Fact("x", "w", decide.N("f", -1)), "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := decide.Rows([]decide.Entry{decide.Fact("ok", "w", decide.N("n", 1)), tt.entry})
			assert.ErrorContains(t, err, "entry 2")
			assert.ErrorContains(t, err, tt.want)
			assert.Nil(t, rows)
		})
	}
	_, err := decide.Rows(nil)
	assert.ErrorContains(t, err, "no entries")
	// Memory can shrink between two readings: a negative size is a figure.
	_, err = decide.Rows([]decide.Entry{decide.Fact("x", "w", decide.Size("RSS growth", -4096))})
	assert.NoError(t, err)
}

func TestFigureFormats(t *testing.T) {
	for want, f := range map[string]decide.Figure{
		"512 B":    decide.Size("s", 512),
		"1.5 KiB":  decide.Size("s", 1536),
		"-4 KiB":   decide.Size("s", -4096),
		"170 MiB":  decide.Size("s", 170<<20),
		"1.56s":    decide.Dur("d", 1555*time.Millisecond),
		"698ns":    decide.Dur("d", 698),
		"10000":    decide.N("n", 10000),
		"24.3µs":   decide.Dur("d", 24321),
		"0":        decide.N("n", 0),
		"1.23 MiB": decide.Size("s", 1.23*(1<<20)),
		// The longest duration is a float of 2⁶³, one past it: not negative.
		"2561944h26m40s": decide.Dur("d", time.Duration(math.MaxInt64)),
	} {
		assert.Equal(t, want, f.String())
	}
}

// Measure runs every experiment with tiny sizes: the test checks that each
// row is there and well formed, not which tool won (that is a measurement).
func TestMeasure(t *testing.T) {
	hogN, err := workloads.Calibrate(func(n int64) { workloads.SumSqrt(n) }, 20*time.Millisecond)
	require.NoError(t, err)
	entries, err := decide.Measure(context.Background(), decide.Sizes{
		Heartbeat: heartbeat.Options{Interval: 2 * time.Millisecond, Ticks: 20, HogAfter: 5 * time.Millisecond, HogN: hogN},
		Waiters:   50, Wait: 5 * time.Millisecond,
		Pages: 4, Latency: 5 * time.Millisecond, Limit: 2,
		Timeout: 10 * time.Millisecond, SlowPage: 300 * time.Millisecond,
		Replicas: []time.Duration{300 * time.Millisecond, 5 * time.Millisecond},
		Tasks:    20, Workers: 2,
	})
	require.NoError(t, err)
	rows, err := decide.Rows(entries)
	require.NoError(t, err)
	require.Len(t, rows, 10)
	uses := map[int][]string{
		0: {"goroutines (preemptive)", "an event loop (cooperative, like asyncio)"},
		1: {"goroutines", "an OS thread each"},
		2: {"goroutines", "an OS thread each"},
		3: {"all at once (TaskGroup)", "one after the other"},
		8: {"a goroutine pool", "a process pool"},
	}
	for i, candidates := range uses {
		assert.Contains(t, candidates, entries[i].Use, "row %d recommends one of its candidates", i)
	}
	assert.Equal(t, "errgroup.WithContext (a TaskGroup)", entries[4].Use)
	assert.Contains(t, rows[5][1], "more than 2 requests at once")
	assert.Equal(t, "a process pool", entries[9].Use)
	assert.Equal(t, "a process pool", rows[9][0], "the crash test confirmed isolation: the row is not marked unconfirmed")
	assert.Contains(t, rows[9][2], "other tasks that returned after a worker called os.Exit 4, of 4")

	_, err = decide.Measure(context.Background(), decide.Sizes{})
	assert.Error(t, err, "zero sizes are rejected by the first experiment")
}

// Measure checks every size before the first experiment: a bad timeout
// used to be found only after the heartbeat and the waiters had run.
func TestMeasureChecksSizesFirst(t *testing.T) {
	hb := heartbeat.Options{Interval: time.Millisecond, Ticks: 1, HogN: 1 << 35} // half a minute of hog, were it run
	good := decide.Sizes{Heartbeat: hb, Waiters: 10, Wait: time.Millisecond, Pages: 2, Latency: time.Millisecond, Limit: 1,
		Timeout: time.Millisecond, SlowPage: time.Second, Replicas: []time.Duration{0, time.Millisecond}, Tasks: 1, Workers: 1}
	nan := time.Duration(math.MinInt64)
	for want, change := range map[string]func(*decide.Sizes){
		"Sizes.Timeout -2562047h47m16.854775808s is outside": func(s *decide.Sizes) { s.Timeout = nan },
		"Sizes.Wait -2562047h47m16.854775808s is outside":    func(s *decide.Sizes) { s.Wait = nan },
		"Sizes.Replicas[1] -1ms is outside [0, 1m0s]":        func(s *decide.Sizes) { s.Replicas[1] = -time.Millisecond },
		"Sizes.Replicas (how many) 0 is outside":             func(s *decide.Sizes) { s.Replicas = nil },
		"Sizes.Tasks 1000000000000 is outside [1, 100000]":   func(s *decide.Sizes) { s.Tasks = 1e12 },
		"Sizes.Waiters 0 is outside [1, 10000]":              func(s *decide.Sizes) { s.Waiters = 0 },
		"HogN":                                               func(s *decide.Sizes) { s.Heartbeat.HogN = -1 },
	} {
		s := good
		s.Replicas = slices.Clone(good.Replicas)
		change(&s)
		start := time.Now()
		_, err := decide.Measure(context.Background(), s)
		assert.ErrorContains(t, err, want)
		assert.Less(t, time.Since(start), 5*time.Second, "%s: refused before anything ran", want)
	}
}
