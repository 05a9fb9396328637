package strategies

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
)

// MaxCores bounds the cores argument of [OneTwoFour], [PerCore], [Ten] and
// [Scale]: far above any machine the course runs on, low enough that a
// typo cannot ask for a million workers.
const MaxCores = 1024

// checkPair validates the arguments [OneTwoFour], [PerCore] and [Ten] share,
// before anything starts: fn names the function, work the size argument
// (goTotal or goN), which must be positive and, times perCore, fit in an
// int64.
func checkPair(ctx context.Context, fn, work string, n int64, perCore bool, target time.Duration, cores, reps int) error {
	switch {
	case ctx == nil:
		return fmt.Errorf("strategies: %s needs a context, got nil", fn)
	case n <= 0:
		return fmt.Errorf("strategies: %s: %s %d must be positive: it is the iterations to count", fn, work, n)
	case target <= 0 || target > cpython.MaxTarget:
		return fmt.Errorf("strategies: %s: target %v is outside (0, %v]: it sizes CPython's tasks (a NaN converted to a time.Duration is the most negative one)", fn, target, cpython.MaxTarget)
	case cores < 1 || cores > MaxCores:
		return fmt.Errorf("strategies: %s: cores %d is outside [1, %d]", fn, cores, MaxCores)
	case perCore && n > math.MaxInt64/int64(cores):
		return fmt.Errorf("strategies: %s: %s %d times %d cores does not fit in an int64", fn, work, n, cores)
	case reps < 0 || reps > cpython.MaxReps:
		return fmt.Errorf("strategies: %s: reps %d is outside [0 (for %d), %d]", fn, reps, bench.DefaultReps, cpython.MaxReps)
	}
	return nil
}

// checkScale validates [Scale]'s arguments before its first run.
func checkScale(ctx context.Context, total int64, workers []int, kinds []Kind, cores int) error {
	switch {
	case ctx == nil:
		return errors.New("strategies: Scale needs a context, got nil")
	case len(kinds) == 0:
		return errors.New("strategies: no kinds to scale")
	case cores <= 0 || cores > MaxCores:
		return fmt.Errorf("strategies: %d cores is outside [1, %d]", cores, MaxCores)
	case total <= 0:
		return fmt.Errorf("strategies: Scale: total %d must be positive", total)
	case len(workers) == 0:
		return errors.New("strategies: Scale: no worker counts to time")
	}
	for _, w := range workers {
		if w <= 0 || int64(w) > total {
			return fmt.Errorf("strategies: Scale: %d workers cannot share %d iterations", w, total)
		}
	}
	return nil
}
