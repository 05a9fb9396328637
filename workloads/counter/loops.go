package counter

import (
	"embed"
	"io/fs"
	"sync"
	"sync/atomic"
)

// The loops a notebook shows are the ones that run: [Count] calls them, and
// [Code] hands this very file to whoever wants to show them.
//
//go:embed loops.go
var loopsFS embed.FS

// Code returns the Go source of the loops [Count] runs (the file loops.go,
// with racyLoop, mutexLoop, atomicLoop, channelLoop and owner), for showing
// them: source.Go(counter.Code(), "racyLoop") in package source of the
// kernel helpers.
func Code() fs.FS { return loopsFS }

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
