package datarace

import (
	"embed"
	"fmt"
	"sync"
	"sync/atomic"

	"concurrencylab/kernel-helpers/source"
	"concurrencylab/workloads/counter"
)

// The loops the notebook shows are the ones that run: [MeasureLosses] and
// [FixCosts] call them, and [Source] reads them from this file.
//
//go:embed loops.go
var loopsFS embed.FS

// Source returns the Go source of one of this package's loops, by name:
// "racyLoop", "mutexLoop", "atomicLoop", "channelLoop" or "owner".
func Source(name string) (string, error) { return source.Go(loopsFS, name) }

// racyLoop adds 1 to *count n times with nothing to order it against the
// other goroutines: load, add, store. A goroutine paused between its load
// and its store (by another core's store or by preemption) writes back a
// stale value, and every increment made meanwhile is lost.
func racyLoop(count *int64, n int) {
	for range n {
		v := load(count) // load
		v++              // add
		store(count, v)  // store
	}
}

// mutexLoop does the same load, add, store while holding mu: one goroutine
// at a time.
func mutexLoop(mu *sync.Mutex, count *int64, n int) {
	for range n {
		mu.Lock()
		store(count, load(count)+1)
		mu.Unlock()
	}
}

// atomicLoop makes each increment one indivisible read-add-write.
func atomicLoop(count *atomic.Int64, n int) {
	for range n {
		count.Add(1)
	}
}

// channelLoop never touches the count: it sends each increment to the
// owner goroutine.
func channelLoop(inc chan<- struct{}, n int) {
	for range n {
		inc <- struct{}{}
	}
}

// owner is the one goroutine that reads and writes the count; it reports
// the total when every sender is done and inc is closed.
func owner(inc <-chan struct{}, total chan<- int64) {
	var count int64
	for range inc {
		count++
	}
	total <- count
}

// load and store are real calls (noinline) so that every increment reads
// and writes memory, as CPython's bytecodes do; otherwise the compiler may
// keep the count in a register for the whole loop.
//
//go:noinline
func load(p *int64) int64 { return *p }

//go:noinline
func store(p *int64, v int64) { *p = v }

// count runs goroutines goroutines, each running strategy s's loop
// increments times on one shared count from a common start line, and
// returns the count. The fixes always return goroutines × increments.
func count(s counter.Strategy, goroutines, increments int) (int64, error) {
	switch {
	case goroutines < 1 || goroutines > counter.MaxGoroutines:
		return 0, fmt.Errorf("datarace: goroutines must be in [1, %d], got %d", counter.MaxGoroutines, goroutines)
	case increments < 0 || increments > counter.MaxIncrements:
		return 0, fmt.Errorf("datarace: increments must be in [0, %d], got %d", int64(counter.MaxIncrements), increments)
	case int64(goroutines)*int64(increments) > counter.MaxTotal:
		return 0, fmt.Errorf("datarace: %d goroutines × %d increments is more than %d in all (about a minute of counting)", goroutines, increments, int64(counter.MaxTotal))
	}
	var body func()
	var result func() int64
	switch s {
	case counter.Unsafe:
		var c int64
		body, result = func() { racyLoop(&c, increments) }, func() int64 { return c }
	case counter.Mutex:
		var mu sync.Mutex
		var c int64
		body, result = func() { mutexLoop(&mu, &c, increments) }, func() int64 { return c }
	case counter.Atomic:
		var c atomic.Int64
		body, result = func() { atomicLoop(&c, increments) }, c.Load
	case counter.Channel:
		inc, total := make(chan struct{}, counter.ChannelBuffer), make(chan int64)
		go owner(inc, total)
		startTogether(goroutines, func() { channelLoop(inc, increments) })
		close(inc) // every send is done: the owner drains the buffer and reports
		return <-total, nil
	default:
		return 0, fmt.Errorf("datarace: unknown strategy %v", s)
	}
	startTogether(goroutines, body)
	return result(), nil
}

// startTogether starts n goroutines running body from a common start line,
// so that they really overlap, and waits for them.
func startTogether(n int, body func()) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			<-start
			body()
		})
	}
	close(start)
	wg.Wait()
}

// FixTotals runs each fix (mutex, atomic, channel) once with goroutines
// goroutines of increments increments and returns the totals by name: each
// is goroutines × increments.
func FixTotals(goroutines, increments int) (map[string]int64, error) {
	out := map[string]int64{}
	for _, s := range counter.Fixes() {
		n, err := count(s, goroutines, increments)
		if err != nil {
			return nil, err
		}
		out[s.String()] = n
	}
	return out, nil
}
