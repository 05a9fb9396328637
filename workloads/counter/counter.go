package counter

import (
	"context"
	"errors"
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

// Limits on Count's arguments: their product must fit an int64, and
// neither is anywhere near what the lesson needs (8 goroutines at most).
const (
	// MaxGoroutines is 2^14 so that Count keeps its promise to return within
	// 100 ms of its context's end: after the end, every goroutine must still
	// be scheduled once to see it and exit, a few µs each on a busy machine.
	// On the shared 2-core machine this was measured on, cancelling 2^20
	// goroutines took about 1 s, 2^16 took 160-280 ms, 2^14 about 50 ms.
	MaxGoroutines = 1 << 14
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

// Count's goroutines run their loop in chunks and look at a stop flag
// (raised when ctx ends) between two chunks. A chunk is at most maxChunk
// increments: about 10 µs of unsafe increments at the 2-3 ns each that
// BenchmarkCount measured, so a goroutine that is running stops within
// microseconds. Goroutines waiting for the mutex or for room in the channel
// are each in the middle of a chunk too, and each must finish it, so the
// chunk also shrinks as goroutines are added: at most inFlight increments
// in all are left to do after ctx ends, about 2 ms at the ~100 ns a
// contended mutex or channel increment costs (one per goroutine at
// MaxGoroutines).
const (
	maxChunk = 1 << 12
	inFlight = 1 << 14
)

// chunkFor returns the chunk size for goroutines goroutines.
func chunkFor(goroutines int) int { return max(1, min(maxChunk, inFlight/goroutines)) }

// Count starts goroutines goroutines that each add 1 to one shared count
// increments times, waits for all of them and returns the count. With the
// fixes it is always goroutines × increments; with Unsafe it can be less.
// The loops it runs are in loops.go ([Code] returns them).
//
// The goroutines wait at a start line until all of them exist, so they
// really run at the same time: otherwise the first could be done before the
// last had started, and there would be nothing to race with.
//
// Each goroutine runs its loop in chunks of at most 4096 increments and
// looks at a stop flag between two chunks, so Count returns soon after ctx
// ends (within milliseconds; see BenchmarkCancelLatency), with an error
// that wraps ctx.Err(). The flag is an atomic load that nothing ever
// stores to until ctx ends, so it orders nothing: the unsafe loop races as
// before, inside every chunk and across them.
//
// It returns an error for a nil ctx, an unknown strategy, fewer than one
// goroutine, a negative number of increments, or more than [MaxGoroutines],
// [MaxIncrements] or [MaxTotal].
func Count(ctx context.Context, s Strategy, goroutines, increments int) (int64, error) {
	switch {
	case ctx == nil:
		return 0, errors.New("counter: Count needs a context, got nil")
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
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("counter: %w", err)
	}
	var stop, cut atomic.Bool
	defer context.AfterFunc(ctx, func() { stop.Store(true) })()
	chunk := chunkFor(goroutines)
	// inChunks runs loop increments times in all, chunk by chunk, until stop.
	inChunks := func(loop func(n int)) func() {
		return func() {
			done := 0
			for done < increments && !stop.Load() {
				n := min(chunk, increments-done)
				loop(n)
				done += n
			}
			if done < increments {
				cut.Store(true)
			}
		}
	}
	var got int64
	switch s {
	case Mutex:
		var mu sync.Mutex
		var c int64
		run(goroutines, &stop, &cut, inChunks(func(n int) { mutexLoop(&mu, &c, n) }))
		got = c
	case Atomic:
		var c atomic.Int64
		run(goroutines, &stop, &cut, inChunks(func(n int) { atomicLoop(&c, n) }))
		got = c.Load()
	case Channel:
		// The owner confines the count: it is the only goroutine that
		// reads or writes it. The others only send on inc.
		inc, total := make(chan struct{}, ChannelBuffer), make(chan int64)
		go owner(inc, total)
		run(goroutines, &stop, &cut, inChunks(func(n int) { channelLoop(inc, n) }))
		close(inc) // every send is done: the owner drains the buffer and reports
		got = <-total
	default:
		var c int64
		run(goroutines, &stop, &cut, inChunks(func(n int) { racyLoop(&c, n) }))
		got = c
	}
	if cut.Load() {
		return 0, fmt.Errorf("counter: %v stopped before the end: %w", s, ctx.Err())
	}
	return got, nil
}

// run starts n goroutines running body from a common start line and waits
// for them. It starts no more once stop is set: a million goroutines take
// a while to start.
func run(n int, stop, cut *atomic.Bool, body func()) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		if stop.Load() {
			cut.Store(true) // the rest never started
			break
		}
		wg.Go(func() {
			<-start
			body()
		})
	}
	close(start)
	wg.Wait()
}

// Lost returns how many of goroutines × increments updates a count of got
// is missing. It is 0 for every fix.
func Lost(goroutines, increments int, got int64) int64 {
	return int64(goroutines)*int64(increments) - got
}
