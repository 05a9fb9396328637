package workloads

import (
	"errors"
	"fmt"
	"time"
)

// MaxCalibrateTarget is the longest target [Calibrate] accepts. A notebook
// cell that runs one task for more than a minute is a mistake, not a lesson.
const MaxCalibrateTarget = time.Minute

// Calibration settings. The probe only needs to be long enough for the
// clock and the noise of a shared machine to be small next to it; 200 ms is
// plenty for that, and running longer probes would make calibrating a
// 30-second task take 30 seconds.
const (
	maxProbe      = 200 * time.Millisecond
	calibrateRuns = 3 // the final probe size runs this often; the fastest counts
	maxN          = int64(1) << 52
)

// Calibrate picks the n for which one call of task(n) takes about target on
// this machine, and returns it (at least 1).
//
// It doubles n from 1 until a call takes at least a quarter of target (or
// 200 ms, whichever is shorter), times that size a few more times, keeps the
// fastest run (the one least disturbed by other programs) and scales n
// linearly to the target. This assumes the task's time grows in proportion to
// n, as it does for [CountTo] and [SumSqrt]. Calibrating costs a few probe
// lengths, so about a second at most whatever the target (unless task(1)
// alone takes longer, which it then runs once).
//
// It returns an error for a nil task, a target that is not positive or longer
// than [MaxCalibrateTarget], or a task whose time does not grow with n.
func Calibrate(task func(n int64), target time.Duration) (int64, error) {
	return calibrate(task, target, time.Since)
}

// calibrate is Calibrate with the clock passed in, so that tests can drive
// it with a fake clock and check the arithmetic exactly.
func calibrate(task func(n int64), target time.Duration, since func(time.Time) time.Duration) (int64, error) {
	switch {
	case task == nil:
		return 0, errors.New("workloads: Calibrate needs a task, got nil")
	case target <= 0:
		return 0, fmt.Errorf("workloads: Calibrate target must be positive, got %v", target)
	case target > MaxCalibrateTarget:
		return 0, fmt.Errorf("workloads: Calibrate target %v is longer than the %v limit", target, MaxCalibrateTarget)
	}
	probe := min(target/4, maxProbe)

	timeOne := func(n int64) time.Duration {
		start := time.Now()
		task(n)
		return since(start)
	}

	n := int64(1)
	for {
		elapsed := timeOne(n)
		if elapsed >= probe {
			// Rerun only a size of sensible length: when even n=1 takes far
			// longer than the probe, running it twice more only wastes time.
			for i := 1; i < calibrateRuns && elapsed < 4*probe; i++ {
				elapsed = min(elapsed, timeOne(n))
			}
			if elapsed <= 0 {
				// Only a broken clock gets here: elapsed was >= probe > 0 once.
				return 0, errors.New("workloads: Calibrate measured no time")
			}
			// n * target / elapsed, in floating point because n * target
			// can overflow int64 for large n.
			scaled := float64(n) * float64(target) / float64(elapsed)
			if scaled < 1 {
				return 1, nil
			}
			if scaled > float64(maxN) {
				return 0, fmt.Errorf("workloads: Calibrate: task's time does not grow with n (n=%d took %v)", n, elapsed)
			}
			return int64(scaled), nil
		}
		if n >= maxN {
			return 0, fmt.Errorf("workloads: Calibrate: task's time does not grow with n (n=%d took only %v)", n, elapsed)
		}
		n *= 2
	}
}
