package waits

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/workloads"
)

// How the waiters run, as Result.How names it.
const (
	Goroutines = "goroutines"
	Threads    = "OS threads"
)

// Limits on n. MaxGoroutines: a waiting goroutine takes a few KiB, so
// a million take a few GiB. MaxThreads: the course's experiment is 10,000
// threads, the Go runtime's default limit; each takes tens of KiB of RSS
// and a kernel stack outside it.
const (
	MaxGoroutines = 1_000_000
	MaxThreads    = 10_000
	MaxWait       = time.Minute
)

// Result is one run of n waiters.
type Result struct {
	How  string // Goroutines or Threads
	N    int
	Wait time.Duration // how long all N waited together
	// Start is the time from the first start until all N were waiting;
	// Wake is from the moment their wait ended until all had finished.
	Start, Wake time.Duration
	// RSS and Threads are how much the process's resident memory (bytes)
	// and OS thread count had grown while all N waited.
	RSS     int64
	Threads int
}

// Took returns the time from the first start until the last waiter had
// finished: Start + Wait + Wake.
func (r Result) Took() time.Duration { return r.Start + r.Wait + r.Wake }

// Overhead returns what the run cost on top of the wait itself: starting
// and waking the waiters, Start + Wake.
func (r Result) Overhead() time.Duration { return r.Start + r.Wake }

// PerWaiter returns the memory each waiter took, in bytes: the RSS growth
// divided by N.
func (r Result) PerWaiter() float64 {
	if r.N == 0 {
		return 0
	}
	return float64(r.RSS) / float64(r.N)
}

// OnGoroutines runs n goroutines that each wait for wait, all at once.
func OnGoroutines(ctx context.Context, n int, wait time.Duration) (Result, error) {
	if err := check(ctx, n, MaxGoroutines, wait); err != nil {
		return Result{}, err
	}
	return run(ctx, Goroutines, n, wait, false)
}

// ErrNoRoom is the error (wrapped) of [OnThreads] when the kernel's limits
// leave no room for the threads asked for.
var ErrNoRoom = errors.New("waits: this machine has no room for that many more threads")

// OnThreads runs n waiters that each hold an OS thread of their own, all at
// once. It returns an error, before starting any, when the kernel's limits
// leave no room for n more threads.
func OnThreads(ctx context.Context, n int, wait time.Duration) (Result, error) {
	if err := check(ctx, n, MaxThreads, wait); err != nil {
		return Result{}, err
	}
	self, err := memory.Self()
	if err != nil {
		return Result{}, fmt.Errorf("waits: %w", err)
	}
	room, err := threadRoom()
	if err != nil {
		return Result{}, err
	}
	if n+threadMargin > room {
		return Result{}, fmt.Errorf("%w: about %d more (the kernel's limits, minus the threads that exist), not %d", ErrNoRoom, room, n)
	}
	limitMu.Lock()
	defer limitMu.Unlock()
	need := self.Threads + n + threadMargin
	prev := debug.SetMaxThreads(need)
	if prev > need {
		debug.SetMaxThreads(prev) // it was high enough already
	} else {
		defer restoreLimit(prev)
	}
	return run(ctx, Threads, n, wait, true)
}

// threadMargin is room for the threads the runtime starts besides the
// waiters' (one to run the scheduler's P when every waiter parks, sysmon,
// the garbage collector's helpers): a few, so 64 is plenty.
const threadMargin = 64

// limitMu serializes OnThreads runs, so that two cannot restore each
// other's thread limit.
var limitMu sync.Mutex

// restoreLimit puts the runtime's thread limit back to prev once the
// waiters' threads have ended. Lowering the limit below the threads the
// runtime holds would abort the program, so if they have not ended within a
// few seconds, the limit stays raised: harmless, only less protective.
func restoreLimit(prev int) {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if u, err := memory.Self(); err == nil && u.Threads+threadMargin < prev {
			debug.SetMaxThreads(prev)
			return
		}
	}
}

func check(ctx context.Context, n, most int, wait time.Duration) error {
	switch {
	case ctx == nil:
		return errors.New("waits: nil context")
	case n <= 0 || n > most:
		return fmt.Errorf("waits: %d waiters is outside [1, %d]", n, most)
	case wait <= 0 || wait > MaxWait:
		return fmt.Errorf("waits: wait %v is outside (0, %v]", wait, MaxWait)
	}
	return nil
}

// run starts n waiters that each block until their "data arrives", which
// for all of them is wait after the last one started, the way ten thousand
// clients of a server might all answer at once. Each waiter is parked on a
// channel meanwhile: a goroutine holds no thread then, a locked one keeps
// its thread asleep in the kernel.
func run(ctx context.Context, how string, n int, wait time.Duration, lock bool) (Result, error) {
	// Hand freed memory back to the kernel first, so that the RSS growth
	// below is the waiters' and not garbage from earlier work.
	debug.FreeOSMemory()
	before, err := memory.Self()
	if err != nil {
		return Result{}, fmt.Errorf("waits: %w", err)
	}
	r := Result{How: how, N: n, Wait: wait}
	var waiting atomic.Int64
	allWaiting, arrived := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	start := time.Now()
	for range n {
		wg.Go(func() {
			if lock {
				// No UnlockOSThread: exiting locked ends the thread, so
				// the threads do not outlive the run.
				runtime.LockOSThread()
			}
			if waiting.Add(1) == int64(n) {
				close(allWaiting)
			}
			<-arrived
		})
	}
	// However this ends, the waiters are released and waited for.
	cancelled := func() (Result, error) {
		close(arrived)
		wg.Wait()
		return r, fmt.Errorf("waits: %w", context.Cause(ctx))
	}
	select {
	case <-allWaiting:
	case <-ctx.Done():
		return cancelled()
	}
	r.Start = time.Since(start)
	during, err := memory.Self()
	if err := workloads.Sleep(ctx, wait); err != nil {
		return cancelled()
	}
	woke := time.Now()
	close(arrived)
	wg.Wait()
	r.Wake = time.Since(woke)
	if err != nil {
		return r, fmt.Errorf("waits: %w", err)
	}
	r.RSS, r.Threads = during.RSS-before.RSS, during.Threads-before.Threads
	return r, nil
}
