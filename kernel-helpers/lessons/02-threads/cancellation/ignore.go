package cancellation

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/display"
	"concurrencylab/workloads"
)

// Ignored is what happened to a goroutine that never checks its context.
type Ignored struct {
	N int64 // iterations of work it was given
	// CancelledAt is when cancel() was called, from the goroutine's start;
	// DoneAtCancel is how many iterations it had done by then.
	CancelledAt  time.Duration
	DoneAtCancel int64
	// Waited is how long after cancel() it was looked at again; DoneAfterWait
	// is how many iterations it had done then, and StillRunning whether it
	// had not yet returned.
	Waited        time.Duration
	DoneAfterWait int64
	StillRunning  bool
	// FinishedAt is when it returned, from its start, and Count what it
	// returned: all N iterations, cancelled or not.
	FinishedAt time.Duration
	Count      int64
}

// MaxIgnore bounds [Ignore]'s n: about a minute of counting on a fast core.
const MaxIgnore = 1 << 36

// Ignore starts a goroutine that counts to n with [workloads.CountTo]'s loop,
// reporting its progress through a shared counter but never looking at its
// context. Once the goroutine has made some progress, Ignore cancels the
// context, waits for wait, and reads the progress again; then it waits for
// the goroutine to finish, since nothing else can end it, and returns what
// it saw.
//
// Pick n so that the work takes several times wait (see
// [workloads.Calibrate]); otherwise the goroutine may be done before it is
// looked at again, and StillRunning is false.
//
// Ignore returns only when the goroutine has returned, even if ctx ends
// first: that is the lesson. It is the one helper of the course that breaks
// the promise to return within 100 ms of its context's end, on purpose:
// nothing outside a goroutine can stop it. [MaxIgnore] bounds the wait
// instead (n ≤ 2^36, about a minute of counting on a fast core), and the
// notebook sizes n from its ignoreWait parameter with
// [workloads.Calibrate], whose target is capped at a minute too.
//
// It returns an error for n < 1 or more than MaxIgnore, or a negative wait.
func Ignore(ctx context.Context, n int64, wait time.Duration) (Ignored, error) {
	if n < 1 || n > MaxIgnore {
		return Ignored{}, fmt.Errorf("cancellation: n must be 1 to %d (a worker that ignores its context cannot be stopped: only its size bounds it), got %d", int64(MaxIgnore), n)
	}
	if wait < 0 {
		return Ignored{}, fmt.Errorf("cancellation: negative wait %v", wait)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	res := Ignored{N: n}
	var progress atomic.Int64
	underway := make(chan struct{}) // closed at the first progress report
	result := make(chan int64, 1)
	start := time.Now()
	go func() {
		// The loop reports its progress, and that is all its check does:
		// nothing in it looks at ctx.
		first := true
		result <- workloads.CountToWith(n, func() {
			progress.Add(workloads.CheckEvery)
			if first {
				close(underway)
				first = false
			}
		})
	}()

	// Cancel once the goroutine is under way (or done, for an n too small
	// to report progress).
	select {
	case <-underway:
	case c := <-result:
		result <- c // put it back for the receive below
	}
	res.CancelledAt, res.DoneAtCancel = time.Since(start), progress.Load()
	cancel()

	timer := time.NewTimer(wait)
	select {
	case <-timer.C:
		res.StillRunning = true
	case c := <-result:
		result <- c // put it back for the receive below
	}
	timer.Stop()
	res.Waited, res.DoneAfterWait = time.Since(start)-res.CancelledAt, progress.Load()

	res.Count = <-result
	res.FinishedAt = time.Since(start)
	res.DoneAfterWait = min(res.DoneAfterWait, n)
	res.DoneAtCancel = min(res.DoneAtCancel, n)
	return res, nil
}

// Verdict says what the run showed, with its figures.
func (r Ignored) Verdict() string {
	if !r.StillRunning {
		return fmt.Sprintf("The goroutine finished its %s iterations %v after it started, before it could be looked at again %v after cancel(): give it more work to see it ignore the cancel.",
			display.Count(r.N), bench.Round(r.FinishedAt), bench.Round(r.Waited))
	}
	return fmt.Sprintf("cancel() was called %v after the goroutine started, when it had done %s of %s iterations. %v later it was **still running**, at %s iterations. It returned only when its work was done, %v after the cancel, with the full count %s.",
		bench.Round(r.CancelledAt), display.Count(r.DoneAtCancel), display.Count(r.N), bench.Round(r.Waited), display.Count(r.DoneAfterWait), bench.Round(r.FinishedAt-r.CancelledAt), display.Count(r.Count))
}
