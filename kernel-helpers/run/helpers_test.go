package run

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"concurrencylab/kernel-helpers/memory"
)

// children returns the pids of this process's children, zombies included:
// a child that was killed but not reaped would show here.
func children(t *testing.T) []int {
	t.Helper()
	us, err := memory.Children()
	if err != nil {
		t.Fatal(err)
	}
	pids := make([]int, len(us))
	for i, u := range us {
		pids[i] = u.PID
	}
	return pids
}

func noChildren(t *testing.T) {
	t.Helper()
	if kids := children(t); len(kids) > 0 {
		t.Errorf("child processes left: %v", kids)
	}
}

// batchResult is what a Batch run in a goroutine sends back.
type batchResult struct {
	recs []Record
	err  error
	took time.Duration
}

// patience is how long a test waits for something that should happen at
// once: generous, because a loaded 2-core machine starting race-built
// workers can stall for seconds. A right answer never takes this long; it
// bounds how long a wrong one (a hang) takes to show.
const patience = 20 * time.Second

// quiet is an [assert.TestingT] that drops failures: with it,
// [assert.Eventually] only reports whether its condition came true.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}

// goBatch runs Batch in a goroutine; receive its result with waitBatch.
func goBatch(ctx context.Context, s Strategy, tasks []Task) <-chan batchResult {
	ch := make(chan batchResult, 1)
	go func() {
		start := time.Now()
		recs, err := Batch(ctx, s, tasks)
		ch <- batchResult{recs, err, time.Since(start)}
	}()
	return ch
}

// waitBatch receives a batch's result, failing the test after limit instead
// of hanging.
func waitBatch(t *testing.T, limit time.Duration, s Strategy, ch <-chan batchResult) batchResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(limit):
		t.Fatalf("Batch under %v still running after %v", s, limit)
		return batchResult{}
	}
}

// batchWithin runs Batch and fails the test if it takes longer than limit,
// instead of hanging.
func batchWithin(t *testing.T, limit time.Duration, ctx context.Context, s Strategy, tasks []Task) batchResult {
	t.Helper()
	return waitBatch(t, limit, s, goBatch(ctx, s, tasks))
}

// barrier lets tasks wait until n of them are waiting at once, which proves
// that n run at the same time. Later tasks pass straight through.
type barrier struct {
	n     int64
	count atomic.Int64
	full  chan struct{}
}

func newBarrier(n int) *barrier { return &barrier{n: int64(n), full: make(chan struct{})} }

func (b *barrier) wait(ctx context.Context) error {
	if b.count.Add(1) == b.n {
		close(b.full)
	}
	select {
	case <-b.full:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// maxGauge counts running tasks and remembers the most seen at once.
type maxGauge struct{ running, most atomic.Int64 }

func (g *maxGauge) enter() {
	n := g.running.Add(1)
	for {
		m := g.most.Load()
		if n <= m || g.most.CompareAndSwap(m, n) {
			return
		}
	}
}

func (g *maxGauge) leave() { g.running.Add(-1) }
