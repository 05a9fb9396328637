package asyncio_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/asyncio"
)

func TestTryTaskGroup(t *testing.T) {
	r, err := asyncio.TryTaskGroup(context.Background(), 6, 200*time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, int64(6), r.MaxInFlight, "all pages held at once")
	assert.ErrorIs(t, r.FailErr, asyncio.ErrPageBroken)
	assert.Equal(t, int64(0), r.Answered, "the failure after 50ms cancelled pages that take 200ms")
	assert.Less(t, r.FailedTook, r.Latency)
	assert.Contains(t, r.Markdown(), `the error "page could not be parsed"`)
}

func TestTryTimeout(t *testing.T) {
	r, err := asyncio.TryTimeout(context.Background(), 500*time.Millisecond, 30*time.Millisecond)
	require.NoError(t, err)
	assert.ErrorIs(t, r.Err, context.DeadlineExceeded)
	assert.GreaterOrEqual(t, r.Took, 30*time.Millisecond)
	assert.Equal(t, int64(0), r.Answered)
	assert.Equal(t, int64(0), r.InFlight, "the server noticed the client had gone")
	assert.Contains(t, r.Markdown(), `"context deadline exceeded"`, "the innermost error, without the server's address")
	assert.NotContains(t, r.Markdown(), "127.0.0.1")
}

func TestTryFirst(t *testing.T) {
	r, err := asyncio.TryFirst(context.Background(), 500*time.Millisecond, 20*time.Millisecond, 400*time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, 1, r.Winner)
	assert.Equal(t, int64(1), r.Answered, "the slower replicas were cancelled unanswered")
	assert.True(t, r.Agrees(), r.Markdown())
}

func TestSweepLimits(t *testing.T) {
	opts := asyncio.SweepOptions{Pages: 6, Latency: 5 * time.Millisecond, Limits: []int{1, 3, 6, 10}, Reps: 2}
	s, err := asyncio.SweepLimits(context.Background(), opts)
	require.NoError(t, err)
	require.Len(t, s.Points, 8)
	for _, p := range s.Points {
		assert.LessOrEqual(t, p.Counted, int64(p.Limit), "%s limit %d", p.Idiom, p.Limit)
		assert.Positive(t, p.Server)
		assert.Len(t, p.Result.Samples, 2)
	}
	assert.Equal(t, asyncio.ViaSetLimit, s.Points[0].Idiom)
	assert.Equal(t, asyncio.ViaSemaphore, s.Points[1].Idiom)
	assert.Equal(t, 6*opts.Latency, s.Points[0].Ideal(opts))
	assert.Equal(t, 2*opts.Latency, s.Points[2].Ideal(opts))
	assert.Equal(t, opts.Latency, s.Points[6].Ideal(opts), "a limit above the pages is one round")
	header, rows := s.Table()
	assert.Len(t, header, 6)
	assert.Len(t, rows, 8)
	svg, err := s.Plot()
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
}

func TestBadExperiments(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"no pages", func() error { _, err := asyncio.TryTaskGroup(ctx, 0, time.Millisecond); return err }, "0 pages"},
		{"too many pages", func() error { _, err := asyncio.TryTaskGroup(ctx, asyncio.MaxPages+1, time.Millisecond); return err }, "pages is outside"},
		{"no latency", func() error { _, err := asyncio.TryTaskGroup(ctx, 1, 0); return err }, "latency 0s"},
		{"no timeout", func() error { _, err := asyncio.TryTimeout(ctx, time.Millisecond, 0); return err }, "timeout 0s"},
		{"no replicas", func() error { _, err := asyncio.TryFirst(ctx); return err }, "no tasks"},
		{"odd latency", func() error { _, err := asyncio.TryFirst(ctx, 1500*time.Microsecond); return err }, "whole number of milliseconds"},
		{"no limits", func() error {
			_, err := asyncio.SweepLimits(ctx, asyncio.SweepOptions{Pages: 1, Latency: time.Millisecond})
			return err
		}, "no limits"},
		{"zero limit", func() error {
			_, err := asyncio.SweepLimits(ctx, asyncio.SweepOptions{Pages: 1, Latency: time.Millisecond, Limits: []int{0}})
			return err
		}, "limit 0"},
		//lint:ignore SA1012 a nil context is the bad input under test
		{"nil context", func() error { _, err := asyncio.TryTaskGroup(nil, 1, time.Millisecond); return err }, "nil context"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorContains(t, tt.run(), tt.want)
		})
	}
}

// The sentences depend only on the figures: hand-made reports check both
// verdicts.
func TestReportsAgree(t *testing.T) {
	g := asyncio.TaskGroupReport{Pages: 10, Latency: 100 * time.Millisecond, Took: 104 * time.Millisecond, MaxInFlight: 10,
		FailAfter: 25 * time.Millisecond, FailedTook: 26 * time.Millisecond, FailErr: asyncio.ErrPageBroken}
	assert.True(t, g.Agrees())
	assert.Contains(t, g.Markdown(), "TaskGroup fetched 10 pages, each held 100ms by the server, in 104ms; the server held 10 at once.")
	assert.Contains(t, g.Markdown(), "So the waits overlapped")
	g.Answered = 3
	assert.False(t, g.Agrees())
	assert.Contains(t, g.Markdown(), "is not what the pattern is built to do")

	to := asyncio.TimeoutReport{Latency: time.Second, Timeout: 50 * time.Millisecond, Took: 51 * time.Millisecond,
		Err: context.DeadlineExceeded}
	assert.True(t, to.Agrees())
	to.Err = errors.New("other")
	assert.False(t, to.Agrees())

	f := asyncio.FirstReport{Latencies: []time.Duration{300 * time.Millisecond, 20 * time.Millisecond}, Winner: 1,
		Took: 21 * time.Millisecond, Answered: 1}
	assert.True(t, f.Agrees())
	assert.Contains(t, f.Markdown(), "replica 1's answer (it takes 20ms) after 21ms")
	f.Winner = 0
	assert.False(t, f.Agrees())
	f.Winner = 5
	assert.False(t, f.Agrees())
	assert.Contains(t, f.Markdown(), "(it takes ?)")
}
