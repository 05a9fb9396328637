package counter

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// Strategy is how the goroutines share the count.
type Strategy int

const (
	Unsafe  Strategy = iota // no synchronisation: a data race
	Mutex                   // a sync.Mutex around each increment
	Atomic                  // atomic.Int64.Add
	Channel                 // one owner goroutine, increments sent over a channel
)

var names = [...]string{Unsafe: "unsafe", Mutex: "mutex", Atomic: "atomic", Channel: "channel"}

// String returns the strategy's name: "unsafe", "mutex", "atomic" or "channel".
func (s Strategy) String() string {
	if s < 0 || int(s) >= len(names) {
		return fmt.Sprintf("Strategy(%d)", int(s))
	}
	return names[s]
}

// Strategies returns every strategy, Unsafe first.
func Strategies() []Strategy { return []Strategy{Unsafe, Mutex, Atomic, Channel} }

// Fixes returns the strategies that never lose an update.
func Fixes() []Strategy { return []Strategy{Mutex, Atomic, Channel} }

// Limits on Count's arguments: their product must fit an int64, and a
// million goroutines is already far more than the lesson needs.
const (
	MaxGoroutines = 1 << 20
	MaxIncrements = 1 << 40
	// MaxTotal bounds goroutines × increments: about a minute of unsafe
	// increments on one core, far more than the lesson needs, so that a
	// typo fails at once instead of running for hours.
	MaxTotal = 1 << 35
)

// ChannelBuffer is the capacity of the channel Channel sends increments on.
// A buffer lets a sender go on while the owner is busy, as a queue of jobs
// would; it changes the cost, not the result.
const ChannelBuffer = 1024

// Count starts goroutines goroutines that each add 1 to one shared count
// increments times, waits for all of them and returns the count. With the
// fixes it is always goroutines × increments; with Unsafe it can be less.
//
// The goroutines wait at a start line until all of them exist, so they
// really run at the same time: otherwise the first could be done before the
// last had started, and there would be nothing to race with.
//
// It returns an error for an unknown strategy, fewer than one goroutine,
// a negative number of increments, or more than [MaxGoroutines] or
// [MaxIncrements].
func Count(s Strategy, goroutines, increments int) (int64, error) {
	switch {
	case s < 0 || int(s) >= len(names):
		return 0, fmt.Errorf("counter: unknown strategy %v", s)
	case goroutines < 1:
		return 0, fmt.Errorf("counter: need at least one goroutine, got %d", goroutines)
	case goroutines > MaxGoroutines:
		return 0, fmt.Errorf("counter: %d goroutines is more than %d", goroutines, MaxGoroutines)
	case increments < 0:
		return 0, fmt.Errorf("counter: negative number of increments %d", increments)
	case increments > MaxIncrements:
		return 0, fmt.Errorf("counter: %d increments is more than %d", increments, MaxIncrements)
	case int64(goroutines)*int64(increments) > MaxTotal:
		return 0, fmt.Errorf("counter: %d goroutines × %d increments is more than %d in all", goroutines, increments, int64(MaxTotal))
	}
	switch s {
	case Mutex:
		return countMutex(goroutines, increments), nil
	case Atomic:
		return countAtomic(goroutines, increments), nil
	case Channel:
		return countChannel(goroutines, increments), nil
	default:
		return countUnsafe(goroutines, increments), nil
	}
}

func countUnsafe(goroutines, increments int) int64 {
	var count int64
	run(goroutines, func() {
		for range increments {
			increment(&count)
		}
	})
	return count
}

func countMutex(goroutines, increments int) int64 {
	var (
		mu    sync.Mutex
		count int64
	)
	run(goroutines, func() {
		for range increments {
			mu.Lock()
			increment(&count)
			mu.Unlock()
		}
	})
	return count
}

func countAtomic(goroutines, increments int) int64 {
	var count atomic.Int64
	run(goroutines, func() {
		for range increments {
			count.Add(1)
		}
	})
	return count.Load()
}

// countChannel confines the count to one owner goroutine: the only one that
// ever reads or writes it. The others only send on inc.
func countChannel(goroutines, increments int) int64 {
	inc := make(chan struct{}, ChannelBuffer)
	total := make(chan int64)
	go func() {
		var count int64
		for range inc {
			count++
		}
		total <- count
	}()
	run(goroutines, func() {
		for range increments {
			inc <- struct{}{}
		}
	})
	close(inc) // every send is done: the owner drains the buffer and reports
	return <-total
}

// run starts n goroutines running body from a common start line and waits for them.
func run(n int, body func()) {
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

// increment adds 1 to *p in three separate steps, as CPython runs
// counter += 1 as three bytecodes: load the value, add 1, store the result.
// Another goroutine (or thread) can come between the load and the store.
// load and store are real calls (noinline), so every increment reads and
// writes memory: see the package documentation for why.
func increment(p *int64) {
	store(p, load(p)+1)
}

//go:noinline
func load(p *int64) int64 { return *p }

//go:noinline
func store(p *int64, v int64) { *p = v }

// Lost returns how many of goroutines × increments updates a count of got
// is missing. It is 0 for every fix.
func Lost(goroutines, increments int, got int64) int64 {
	return int64(goroutines)*int64(increments) - got
}
