package exercises

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"concurrencylab/kernel-helpers/exercise"
	"concurrencylab/workloads/latency"
)

// FetchFunc fetches every URL with fetch, at most limit at once, and
// returns the sizes fetch returned, in the order of urls; the first error
// ends it.
type FetchFunc = func(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (int, error)) ([]int, error)

// The check's sizes: pages pages held latency each, limit at a time, take
// about pages/limit latencies; one after another, pages latencies.
const (
	fetchPages   = 12
	fetchLimit   = 3
	fetchLatency = 60 * time.Millisecond
)

// BoundedFetch checks fetches with bounded concurrency against the latency
// server: the sizes in order, never more than limit requests open at once
// (counted around every call of fetch), and the waits overlapped.
var BoundedFetch = &exercise.Exercise[FetchFunc]{
	ID: "04-bounded-fetch", Title: "at most limit fetches at once", Timeout: 10 * time.Second, Race: true,
	Test: func(t *exercise.T, f FetchFunc) {
		srv, err := latency.Start(latency.Options{Latency: fetchLatency})
		if err != nil {
			t.Fail("starting the latency server failed: %v", err)
		}
		defer srv.Close()
		urls := make([]string, fetchPages)
		for i := range urls {
			urls[i] = fmt.Sprintf("%s?bytes=%d", srv.URL(i), 100+i)
		}
		var open, most, finished atomic.Int64
		fetch := func(ctx context.Context, url string) (int, error) {
			n := open.Add(1)
			defer open.Add(-1)
			defer finished.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			return latency.Fetch(ctx, srv.Client(), url)
		}
		start := time.Now()
		sizes, err := f(t.Context(), urls, fetchLimit, fetch)
		took := time.Since(start)
		t.NoError(err)
		// A fetch still running when boundedFetch returns, or started but
		// not yet in fetch, was left behind: if any fetch ends after the
		// return (watched for up to 2 s), that is a leak, whichever moment
		// the goroutines had reached.
		if n := finished.Load(); n < fetchPages || open.Load() != 0 {
			for wait := time.Now(); time.Since(wait) < 2*time.Second; time.Sleep(10 * time.Millisecond) {
				if later := finished.Load(); later > n {
					t.Leak("boundedFetch returned with fetches still running (%d ended after it returned): wait for every one (wg.Wait, g.Wait).", later-n)
				}
			}
		}
		if len(sizes) != fetchPages {
			t.Fail("boundedFetch returned %d sizes for %d URLs.", len(sizes), fetchPages)
		}
		for i, n := range sizes {
			if n != 100+i {
				t.Fail("size %d is %d, want %d: put each size at its URL's index.", i, n, 100+i)
			}
		}
		if m := most.Load(); m > fetchLimit {
			t.Fail("%d fetches were open at once, over the limit of %d: take a slot before each fetch (a buffered channel of limit slots, semaphore.Weighted, or errgroup's SetLimit).", m, fetchLimit)
		}
		if sequential := fetchPages * fetchLatency; took > sequential*3/4 {
			t.TooSlow("%d fetches of %v took %v, about one after another (%v): with %d at once they take about %v.", fetchPages, fetchLatency, took.Round(time.Millisecond), sequential, fetchLimit, fetchPages/fetchLimit*fetchLatency)
		}
		t.Passed("%d pages in order, at most %d open at once (%d seen), in %v.", fetchPages, fetchLimit, most.Load(), took.Round(time.Millisecond))
	},
}

// PerCoreFunc runs task(0), task(1), … task(n-1) at the same time and
// returns when every one has ended.
type PerCoreFunc = func(n int, task func(i int))

// coreTask is how long one task of the check takes.
const coreTask = 50 * time.Millisecond

// OnePerCore checks tutorial 001's experiment in Go: the tasks must run
// at the same time (their run intervals overlap, whatever the machine's
// load) and all be over when the function returns.
var OnePerCore = &exercise.Exercise[PerCoreFunc]{
	ID: "04-one-per-core", Title: "one task per core, at once", Timeout: 10 * time.Second, Race: true,
	Test: func(t *exercise.T, f PerCoreFunc) {
		const n = 4
		var mu sync.Mutex
		starts, ends := make([]time.Time, n), make([]time.Time, n)
		ran := make([]int, n)
		f(n, func(i int) {
			mu.Lock()
			starts[i] = time.Now()
			ran[i]++
			mu.Unlock()
			time.Sleep(coreTask) // the check measures overlap, not speed: a sleep keeps it fair on a busy machine
			mu.Lock()
			ends[i] = time.Now()
			mu.Unlock()
		})
		returned := time.Now()
		// A task still running, or not even started, when runPerCore
		// returned ends (or starts) after it: give them the time to show.
		time.Sleep(2 * coreTask)
		mu.Lock()
		defer mu.Unlock()
		for i := range n {
			if ends[i].After(returned) || starts[i].After(returned) {
				t.Leak("runPerCore returned while task %d was still to run or running: wait for them all (sync.WaitGroup).", i)
			}
		}
		for i, c := range ran {
			if c != 1 {
				t.Fail("task %d ran %d times, want once: call task(i) for every i in 0..n-1.", i, c)
			}
		}
		at := 0
		for _, s := range starts {
			k := 0
			for j := range starts {
				if !starts[j].After(s) && ends[j].After(s) {
					k++
				}
			}
			at = max(at, k)
		}
		if at < n {
			t.TooSlow("at most %d of the %d tasks ran at one instant: start every task on a goroutine of its own before waiting for any.", at, n)
		}
		t.Passed("%d tasks ran at once, and all had ended when runPerCore returned.", n)
	},
}
