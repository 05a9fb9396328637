package gil

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultSwitchInterval is CPython's default switch interval: 5 ms, the
// DEFAULT_INTERVAL of Python/ceval_gil.c and what sys.getswitchinterval()
// returns in a fresh interpreter.
const DefaultSwitchInterval = 5 * time.Millisecond

// MaxSwitchInterval is the longest interval [GIL.SetSwitchInterval] accepts.
// CPython takes any positive value, but with an interval of minutes a
// waiting thread looks hung; ten seconds is already long enough to show a
// thread starving.
const MaxSwitchInterval = 10 * time.Second

// ErrNotHeld is returned by [Thread.Release] when the thread does not hold
// the GIL: a Release without a matching [Thread.Acquire].
var ErrNotHeld = errors.New("gil: Release without Acquire: this thread does not hold the GIL")

// GIL is an emulated global interpreter lock. Goroutines take part through a
// [Thread] each, made by [GIL.Thread].
//
// The zero value is a GIL nobody holds, with the default switch interval;
// [New] returns the same, ready to use. A GIL must not be copied after first use.
type GIL struct {
	// dropRequest is CPython's gil_drop_request (and, since it is the only
	// reason to stop here, its eval_breaker): set by a waiter whose switch
	// interval ran out, read by the holder at every [Thread.Check]. It is
	// atomic so that the check needs no lock.
	dropRequest atomic.Bool
	// interval is the switch interval in nanoseconds; 0 means the default.
	interval atomic.Int64

	// mu guards everything below, like gil->mutex in CPython. It is held
	// only for a few instructions at a time, so it is rarely contended.
	mu         sync.Mutex
	locked     bool
	lastHolder *Thread   // the thread holding the GIL, or that held it last
	waiters    []*Thread // threads waiting in take, first come first woken
	stats      Stats
}

// Stats counts what happened to a [GIL] since it was made.
type Stats struct {
	// Acquires counts every time a thread took the GIL: in Acquire, after a
	// Blocking call, and after a forced drop.
	Acquires int64
	// Switches counts the times the GIL went to a different thread than
	// the one that held it last (CPython's switch_number).
	Switches int64
	// DropRequests counts the times a waiting thread's switch interval ran
	// out without the GIL changing hands, so that it asked the holder to drop it.
	DropRequests int64
	// ForcedDrops counts the times a holder dropped the GIL at a [Thread.Check]
	// because of a drop request.
	ForcedDrops int64
}

// New returns a GIL that nobody holds, with the default switch interval of
// [DefaultSwitchInterval].
func New() *GIL {
	return &GIL{}
}

// SwitchInterval returns the switch interval: how long a waiting thread lets
// the holder run before it asks for the GIL. Like sys.getswitchinterval().
func (g *GIL) SwitchInterval() time.Duration {
	if d := time.Duration(g.interval.Load()); d > 0 {
		return d
	}
	return DefaultSwitchInterval
}

// SetSwitchInterval sets the switch interval, like sys.setswitchinterval.
// It returns an error, leaving the interval unchanged, for an interval that
// is not positive (CPython raises ValueError then) or longer than
// [MaxSwitchInterval]. Threads already waiting use the new interval from
// their next wait on.
func (g *GIL) SetSwitchInterval(d time.Duration) error {
	switch {
	case d <= 0:
		return fmt.Errorf("gil: switch interval must be positive, got %v", d)
	case d > MaxSwitchInterval:
		return fmt.Errorf("gil: switch interval %v is longer than the %v limit", d, MaxSwitchInterval)
	}
	g.interval.Store(int64(d))
	return nil
}

// Stats returns the counts so far.
func (g *GIL) Stats() Stats {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.stats
}

// Thread returns a new thread of g: the handle one goroutine uses to take
// and release the GIL, like a CPython thread state. It does not hold the GIL yet.
func (g *GIL) Thread() *Thread {
	return &Thread{
		g:        g,
		wake:     make(chan struct{}, 1),
		switched: make(chan struct{}, 1),
	}
}

// Thread is one goroutine's handle on a [GIL], made by [GIL.Thread].
//
// A Thread belongs to one goroutine at a time: its methods must not be
// called concurrently. Different threads of the same GIL are used from
// different goroutines; that is the point.
type Thread struct {
	g *GIL

	// depth counts Acquire calls not yet matched by Release. Only the
	// goroutine that owns the thread touches it, so Check can read it
	// without a lock.
	depth int

	// wake receives a token when a releasing thread picks this one, the
	// first in the queue, to try for the GIL (CPython's COND_SIGNAL).
	wake chan struct{}
	// switched receives a token when another thread took the GIL after
	// this one dropped it on request (CPython's switch_cond).
	switched chan struct{}
	// timer times the switch interval while waiting; made on first wait.
	timer *time.Timer
	// ctx is the context of the [GIL.Run] running this thread's task, and
	// err the error its task recorded (a task made with a bad value).
	ctx context.Context
	err error

	// Guarded by g.mu:
	queued         bool      // in g.waiters
	awaitingSwitch bool      // in drop, waiting on switched
	heldSince      time.Time // when this thread last took the GIL
	stats          ThreadStats
}

// ThreadStats counts what happened to one [Thread].
type ThreadStats struct {
	// Acquires counts the times this thread took the GIL.
	Acquires int64
	// ForcedDrops counts the times it dropped the GIL at a [Thread.Check]
	// because another thread asked for it.
	ForcedDrops int64
	// Held is the total time it held the GIL, and LongestHold its longest
	// single hold. With CPU-bound threads competing, holds last about one
	// switch interval.
	Held, LongestHold time.Duration
	// Waited is the total time it spent waiting for the GIL.
	Waited time.Duration
}

// Stats returns this thread's counts so far. Unlike the other methods it may
// be called from any goroutine.
func (t *Thread) Stats() ThreadStats {
	t.g.mu.Lock()
	defer t.g.mu.Unlock()
	return t.stats
}

// Acquire takes the GIL, waiting for it as long as another thread holds it.
//
// If this thread already holds it, Acquire only counts the call, like
// PyGILState_Ensure: the GIL is dropped when every Acquire has been matched
// by a [Thread.Release].
func (t *Thread) Acquire() {
	t.depth++
	if t.depth == 1 {
		t.g.take(t)
	}
}

// Release drops the GIL once every [Thread.Acquire] has been matched, so
// that a waiting thread can take it. It returns [ErrNotHeld] if this thread
// does not hold the GIL.
func (t *Thread) Release() error {
	if t.depth == 0 {
		return ErrNotHeld
	}
	t.depth--
	if t.depth == 0 {
		t.g.drop(t)
	}
	return nil
}

// Held reports whether this thread holds the GIL.
func (t *Thread) Held() bool {
	return t.depth > 0
}

// Check is the eval breaker: CPU-bound work calls it regularly while holding
// the GIL, as CPython's interpreter loop checks its eval breaker (since 3.10
// at calls, backward jumps such as a loop's, and RESUME, not after every
// bytecode). When
// another thread has asked for the GIL, Check drops it, waits until another
// thread has taken it, and queues to take it back; then it returns. When
// nobody asked, it is one atomic load.
//
// Check does nothing on a thread that does not hold the GIL, so a task can
// be run with or without a GIL. Pass the method value t.Check as the check
// function of [concurrencylab/workloads.CountToWith].
func (t *Thread) Check() {
	if t.g.dropRequest.Load() && t.depth > 0 {
		t.yield()
	}
}

// yield is the slow path of Check, kept apart so that Check stays small.
func (t *Thread) yield() {
	g := t.g
	g.mu.Lock()
	g.stats.ForcedDrops++
	t.stats.ForcedDrops++
	g.mu.Unlock()
	g.drop(t)
	g.take(t)
}

// Blocking runs f without the GIL, as CPython does around a blocking call
// (Py_BEGIN_ALLOW_THREADS ... Py_END_ALLOW_THREADS): it releases the GIL, runs
// f, and takes the GIL back, however many Acquire calls it holds. Other
// threads run while f blocks. On a thread that does not hold the GIL it just
// calls f. A nil f does nothing.
func (t *Thread) Blocking(f func()) {
	if f == nil {
		return
	}
	if t == nil || t.depth == 0 { // a nil thread holds no GIL to drop

		f()
		return
	}
	depth := t.depth
	t.depth = 0
	t.g.drop(t)
	// Taken back even if f panics, so that the thread's state stays true.
	defer func() {
		t.g.take(t)
		t.depth = depth
	}()
	f()
}

// take is CPython's take_gil: wait for the GIL, asking the holder to drop it
// whenever a whole switch interval passes without it changing hands.
func (g *GIL) take(t *Thread) {
	g.mu.Lock()
	if g.locked {
		start := time.Now()
		g.waiters = append(g.waiters, t)
		t.queued = true
		for g.locked {
			saved := g.stats.Switches
			interval := g.SwitchInterval()
			g.mu.Unlock()
			if t.timer == nil {
				t.timer = time.NewTimer(interval)
			} else {
				t.timer.Reset(interval)
			}
			timedOut := false
			select {
			case <-t.wake:
				// Since Go 1.23 a stopped timer delivers nothing stale.
				t.timer.Stop()
			case <-t.timer.C:
				timedOut = true
			}
			g.mu.Lock()
			// A whole interval and still the same holder: ask it to drop.
			if timedOut && g.locked && g.stats.Switches == saved {
				g.dropRequest.Store(true)
				g.stats.DropRequests++
			}
			if g.locked && !t.queued {
				// Woken, but another thread got there first: queue again.
				g.waiters = append(g.waiters, t)
				t.queued = true
			}
		}
		if t.queued {
			// The interval ran out just as the GIL came free.
			g.waiters = slices.DeleteFunc(g.waiters, func(w *Thread) bool { return w == t })
			t.queued = false
		}
		// A wake-up sent after the timeout would end the next wait early.
		select {
		case <-t.wake:
		default:
		}
		t.stats.Waited += time.Since(start)
	}

	g.locked = true
	if prev := g.lastHolder; prev != t {
		g.lastHolder = t
		g.stats.Switches++
		if prev != nil && prev.awaitingSwitch {
			prev.awaitingSwitch = false
			prev.switched <- struct{}{}
		}
	}
	// Whoever asked for the GIL, it has changed hands now (or was free).
	g.dropRequest.Store(false)
	g.stats.Acquires++
	t.stats.Acquires++
	t.heldSince = time.Now()
	g.mu.Unlock()
}

// drop is CPython's drop_gil: free the GIL, wake the first waiter and, if the
// GIL was dropped on request, wait until another thread has taken it.
func (g *GIL) drop(t *Thread) {
	g.mu.Lock()
	held := time.Since(t.heldSince)
	t.stats.Held += held
	t.stats.LongestHold = max(t.stats.LongestHold, held)
	g.locked = false
	if len(g.waiters) > 0 {
		w := g.waiters[0]
		g.waiters = g.waiters[1:]
		w.queued = false
		select {
		case w.wake <- struct{}{}:
		default: // it has a token already
		}
	}
	// FORCE_SWITCHING: without this wait the dropping thread, still running
	// on its core, would usually take the GIL straight back before the woken
	// thread is even scheduled, and time slices would grow far beyond the
	// interval. The drop request implies a waiter that has not yet taken
	// the GIL (taking resets it), so somebody will take it and end the wait.
	if g.dropRequest.Load() && g.lastHolder == t {
		g.dropRequest.Store(false)
		t.awaitingSwitch = true
		g.mu.Unlock()
		<-t.switched
		return
	}
	g.mu.Unlock()
}
