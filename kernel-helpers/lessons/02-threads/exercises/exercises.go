package exercises

import (
	"context"
	"sync"
	"time"

	"concurrencylab/kernel-helpers/exercise"
)

// CountFunc starts goroutines goroutines that each add 1 to one count
// increments times, and returns the count once they have all ended.
type CountFunc = func(goroutines, increments int) int64

// SafeCounter checks a counter shared by goroutines: the count must be
// exact, every time, and the race detector must find no data race.
var SafeCounter = &exercise.Exercise[CountFunc]{
	ID: "02-safe-counter", Title: "a counter that loses nothing", Timeout: 20 * time.Second, Race: true,
	Test: func(t *exercise.T, f CountFunc) {
		const trials, increments = 5, 20_000
		for _, g := range []int{1, 2, 4, 8} {
			for range trials {
				if got, want := f(g, increments), int64(g*increments); got != want {
					t.Fail("safeCount(%d, %d) = %d, want %d: %d updates were lost (or counted twice). Every goroutine must add under one lock, with one atomic add, or through one owner of the count.", g, increments, got, want, want-got)
				}
			}
		}
		t.Passed("1, 2, 4 and 8 goroutines counted exactly, %d trials each, under the race detector.", trials)
	},
}

// Account is a bank account with its own lock. ID orders the accounts.
type Account struct {
	ID      int
	mu      sync.Mutex
	Balance int
}

// Lock takes the account's lock.
func (a *Account) Lock() { a.mu.Lock() }

// Unlock releases the account's lock.
func (a *Account) Unlock() { a.mu.Unlock() }

// TransferFunc moves amount from one account to another, holding both
// accounts' locks while it does.
type TransferFunc = func(from, to *Account, amount int)

// LockOrder checks transfers made in both directions at once: the
// classic lock-order deadlock, where one goroutine holds a and waits for b
// while the other holds b and waits for a.
var LockOrder = &exercise.Exercise[TransferFunc]{
	ID: "02-lock-order", Title: "transfers without a deadlock", Timeout: 5 * time.Second, Race: true,
	Test: func(t *exercise.T, f TransferFunc) {
		const rounds = 2000
		a, b := &Account{ID: 1, Balance: 1000}, &Account{ID: 2, Balance: 1000}
		f(a, b, 0) // once from here first: an untouched stub says "not done yet"
		var wg sync.WaitGroup
		wg.Go(func() {
			for range rounds {
				f(a, b, 1)
			}
		})
		wg.Go(func() {
			for range rounds {
				f(b, a, 1)
			}
		})
		wg.Wait()
		if a.Balance+b.Balance != 2000 || a.Balance != 1000 {
			t.Fail("after %d transfers each way the balances are %d and %d, want 1000 and 1000: take both accounts' locks before reading or writing a balance.", rounds, a.Balance, b.Balance)
		}
		t.Passed("%d transfers each way, at once, ended with both balances at 1000.", rounds)
	},
}

// TickerFunc starts a goroutine that sends 1, 2, 3, … on the channel it
// returns, one value every every, until ctx is cancelled; then the
// goroutine closes the channel and ends.
type TickerFunc = func(ctx context.Context, every time.Duration) <-chan int

// stopWithin is how long a ticker may take to close its channel once its
// context is cancelled: a few ticks.
const stopWithin = 500 * time.Millisecond

// StopWorker checks a goroutine stopped through its context: it must
// send, then stop soon after the cancel, closing its channel, and leave
// nothing running.
var StopWorker = &exercise.Exercise[TickerFunc]{
	ID: "02-stop-worker", Title: "stop a goroutine through its context", Timeout: 5 * time.Second,
	Test: func(t *exercise.T, f TickerFunc) {
		const every = 5 * time.Millisecond
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		ch := f(ctx, every)
		if ch == nil {
			t.Fail("startTicker returned a nil channel: make one, start the goroutine, return the channel.")
		}
		for want := 1; want <= 3; want++ {
			select {
			case got, ok := <-ch:
				if !ok {
					t.Fail("the channel was closed after %d values, before the context was cancelled.", want-1)
				}
				if got != want {
					t.Fail("value %d was %d: send 1, 2, 3, … in order.", want, got)
				}
			case <-time.After(time.Second):
				t.Fail("no value %d within 1 s: send one every %v.", want, every)
			}
		}
		cancel()
		deadline := time.After(stopWithin)
		for {
			select {
			case _, ok := <-ch:
				if !ok {
					t.Passed("3 values came in order, and the goroutine closed its channel after the cancel.")
					return
				}
			case <-deadline:
				t.Leak("the channel was still open %v after the cancel: the goroutine never stopped. Select on ctx.Done() beside the send, and close the channel when it returns (defer close(ch)).", stopWithin)
			}
		}
	},
}
