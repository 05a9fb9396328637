package deadlock

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/source"
)

//go:embed deadlock.go
var files embed.FS

// Source returns the Go source of a function of this file, such as
// "worker" or "attempt", for the notebook to show.
func Source(name string) (string, error) { return source.Go(files, name) }

// Attempt is one run of two goroutines taking two locks.
type Attempt struct {
	Finished bool          // both goroutines got both locks before the timeout
	Elapsed  time.Duration // until both finished, or until the timeout
	// Released is true when the deadlock was broken after the timeout by
	// unlocking a mutex from outside, so both goroutines ended.
	Released bool
}

// Result is the same experiment with the locks in the same order and in
// opposite orders.
type Result struct {
	Hold, Timeout            time.Duration
	SameOrder, OppositeOrder Attempt
}

// A worker's state, for breaking a deadlock safely: exactly one of the
// worker (finishing) and the breaker (broken) moves it on from holding, and
// that one unlocks the worker's first mutex.
const (
	starting  int32 = iota
	holding         // holds its first mutex
	finishing       // got both: will unlock its first mutex itself
	broken          // its first mutex was unlocked from outside
)

// worker takes first, holds it while it works (a sleep of hold), then takes
// second.
func worker(first, second *sync.Mutex, hold time.Duration, state *atomic.Int32) {
	first.Lock()
	state.Store(holding)
	time.Sleep(hold) // work while holding the first lock
	second.Lock()
	second.Unlock()
	if state.CompareAndSwap(holding, finishing) {
		first.Unlock()
	}
}

// attempt starts two workers on mutexes a and b, the second in opposite
// order when opposite is true, and waits for both at most timeout. On a
// timeout it breaks the deadlock (see [release]). When ctx ends first it
// does the same, and returns ctx's error.
func attempt(ctx context.Context, opposite bool, hold, timeout time.Duration) (Attempt, error) {
	var a, b sync.Mutex
	var state1, state2 atomic.Int32
	done := make(chan struct{}, 2)
	start := time.Now()
	go func() { worker(&a, &b, hold, &state1); done <- struct{}{} }()
	first, second := &a, &b
	if opposite {
		first, second = &b, &a
	}
	go func() { worker(first, second, hold, &state2); done <- struct{}{} }()

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	firsts, states := [2]*sync.Mutex{&a, first}, [2]*atomic.Int32{&state1, &state2}
	for finished := 0; finished < 2; finished++ {
		select {
		case <-done:
		case <-timer.C:
			r := Attempt{Elapsed: time.Since(start)}
			r.Released = release(done, 2-finished, firsts, states)
			return r, nil
		case <-ctx.Done():
			r := Attempt{Elapsed: time.Since(start)}
			r.Released = release(done, 2-finished, firsts, states)
			return r, ctx.Err()
		}
	}
	return Attempt{Finished: true, Elapsed: time.Since(start)}, nil
}

// release breaks a deadlock and waits for the running workers (n of
// them) to end: it unlocks the first mutex of each worker that holds it
// and has not got its second (a mutex belongs to no goroutine: anyone may
// unlock it), again each millisecond until all have ended, so that a
// worker that took its first lock late is freed too. It reports whether it
// unlocked one.
func release(done <-chan struct{}, n int, firsts [2]*sync.Mutex, states [2]*atomic.Int32) bool {
	released := false
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for n > 0 {
		for i, st := range states {
			if st.CompareAndSwap(holding, broken) {
				firsts[i].Unlock()
				released = true
			}
		}
		select {
		case <-done:
			n--
		case <-tick.C:
		}
	}
	return released
}

// Bounds of [Run]'s and [CPython]'s hold and timeout. A worker sleeps out
// its hold even when the run is abandoned, so the hold is kept short.
const (
	MaxHold    = time.Second
	MaxTimeout = time.Minute
)

// check returns an error naming the bad one of hold and timeout.
func check(hold, timeout time.Duration) error {
	switch {
	case hold < 0 || hold > MaxHold:
		return fmt.Errorf("deadlock: need hold ≥ 0 and at most %v, got %v (each worker sleeps that long holding a lock, even when the run is abandoned)", MaxHold, hold)
	case timeout > MaxTimeout:
		return fmt.Errorf("deadlock: timeout must be at most %v, got %v", MaxTimeout, timeout)
	case timeout <= hold+100*time.Millisecond:
		return fmt.Errorf("deadlock: need a timeout above hold + 100ms (else a run that is merely slow looks deadlocked), got hold %v and timeout %v", hold, timeout)
	}
	return nil
}

// Run runs the experiment with the locks in the same order, then in
// opposite orders: each goroutine holds its first lock for hold before it
// takes the second, and a run that has not finished after timeout is a
// deadlock (then broken, see [attempt]). It returns an error for a nil ctx,
// hold outside [0, MaxHold], a timeout above MaxTimeout or not above hold +
// 100 ms, or ctx ending (the workers are freed and have ended by then).
func Run(ctx context.Context, hold, timeout time.Duration) (Result, error) {
	if ctx == nil {
		return Result{}, errors.New("deadlock: Run needs a context, got nil")
	}
	if err := check(hold, timeout); err != nil {
		return Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("deadlock: %w", err)
	}
	r := Result{Hold: hold, Timeout: timeout}
	var err error
	if r.SameOrder, err = attempt(ctx, false, hold, timeout); err != nil {
		return Result{}, fmt.Errorf("deadlock: %w", err)
	}
	if r.OppositeOrder, err = attempt(ctx, true, hold, timeout); err != nil {
		return Result{}, fmt.Errorf("deadlock: %w", err)
	}
	return r, nil
}

// Program is the CPython program [CPython] runs.
const Program = "nb02_deadlock"

// CPython runs the same experiment in CPython threads (cpython/py/nb02_deadlock.py).
func CPython(ctx context.Context, py cpython.Interpreter, hold, timeout time.Duration) (Result, error) {
	if err := check(hold, timeout); err != nil {
		return Result{}, err
	}
	type side struct {
		Finished bool    `json:"finished"`
		Elapsed  float64 `json:"elapsed_s"`
	}
	var raw struct {
		Same     *side `json:"same_order"`
		Opposite *side `json:"opposite_order"`
	}
	if err := py.RunJSON(ctx, Program, map[string]float64{"hold_s": hold.Seconds(), "timeout_s": timeout.Seconds()}, &raw); err != nil {
		return Result{}, err
	}
	if raw.Same == nil || raw.Opposite == nil {
		return Result{}, errors.New("deadlock: the CPython program printed no result for one of the orders")
	}
	conv := func(s side) Attempt {
		return Attempt{Finished: s.Finished, Elapsed: time.Duration(s.Elapsed * float64(time.Second))}
	}
	return Result{Hold: hold, Timeout: timeout, SameOrder: conv(*raw.Same), OppositeOrder: conv(*raw.Opposite)}, nil
}

// Figures are a result as the claims' figures, under prefix ("go" or
// "cpython"): prefix.deadlock is 1 when the opposite orders did not finish,
// prefix.same.finished is 1 when the same order did.
func (r Result) Figures(prefix string) map[string]float64 {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	return map[string]float64{
		prefix + ".deadlock":      b(!r.OppositeOrder.Finished),
		prefix + ".same.finished": b(r.SameOrder.Finished),
	}
}

// String describes a result in a sentence, with its figures.
func (r Result) String() string {
	s := fmt.Sprintf("Same order: finished in %v. ", r.SameOrder.Elapsed.Round(time.Millisecond))
	if !r.SameOrder.Finished {
		s = fmt.Sprintf("Same order: not finished after %v. ", r.SameOrder.Elapsed.Round(time.Millisecond))
	}
	if r.OppositeOrder.Finished {
		return s + fmt.Sprintf("Opposite orders: finished in %v, no deadlock this time.", r.OppositeOrder.Elapsed.Round(time.Millisecond))
	}
	s += fmt.Sprintf("Opposite orders: deadlocked, found by the %v timeout", r.Timeout)
	if r.OppositeOrder.Released {
		s += ", then broken by unlocking one mutex from outside; both goroutines ended"
	}
	return s + "."
}
