package datarace

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

// MaxProcs bounds MeasureLossesOn's GOMAXPROCS: the runtime allocates
// per-P state for each, and the lesson needs 1 or the machine's cores.
const MaxProcs = 256

// MeasureLossesOn is [MeasureLosses] with GOMAXPROCS set to procs for the
// duration of the trials (restored after): with procs = 1 only one
// goroutine runs Go code at any instant, and the unsafe counter still loses
// updates, because the scheduler can preempt a goroutine between its load
// and its store (asynchronously, since Go 1.14). A race needs no
// parallelism, only two unordered accesses, one a write.
//
// Increments should be large enough that each goroutine runs longer than a
// scheduler turn (10 to 20 ms), or no goroutine is ever preempted. The
// setting is process-wide: do not run it beside other measurements.
//
// It returns soon after ctx ends, with an error that wraps ctx.Err().
func MeasureLossesOn(ctx context.Context, procs int, goroutines []int, increments, trials int) ([]Losses, error) {
	if ctx == nil {
		return nil, errNilContext
	}
	if procs < 1 || procs > MaxProcs {
		return nil, fmt.Errorf("datarace: GOMAXPROCS (the threads that run goroutines at once) must be 1 to %d, got %d", MaxProcs, procs)
	}
	if len(goroutines) == 0 {
		return nil, errors.New("datarace: no goroutine counts to measure")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	ls, err := MeasureLosses(ctx, goroutines, increments, trials)
	for i := range ls {
		ls[i].Procs = procs
	}
	return ls, err
}
