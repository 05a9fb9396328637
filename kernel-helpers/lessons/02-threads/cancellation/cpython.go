package cancellation

import (
	"context"
	"fmt"
	"slices"
	"time"

	"concurrencylab/kernel-helpers/cpython"
)

// Program is the CPython program [CPython] runs: cpython/py/nb02_stop.py.
const Program = "nb02_stop"

// PyStop is what CPython showed about stopping a thread.
type PyStop struct {
	// KillMethods lists which of kill, terminate, stop, cancel, interrupt
	// and abort threading.Thread has: none, on every CPython so far.
	KillMethods []string
	// Stops are the delays from stop.set() (a threading.Event) to the
	// return of a thread that checks it every CheckEvery iterations.
	Stops []Latencies
	// IgnoredRunning is whether a thread that never checks the Event was
	// still running Waited after stop.set().
	IgnoredRunning bool
	Waited         time.Duration
}

// MaxWait bounds the wait [CPython] gives the thread that ignores its
// Event before it looks at it again.
const MaxWait = time.Minute

// CPython runs nb02_stop.py with the check intervals, trials per interval,
// and the wait before looking at the thread that ignores the Event. The
// bounds are [StopLatency]'s, and wait at most [MaxWait], checked before
// Python starts.
func CPython(ctx context.Context, py cpython.Interpreter, checkEvery []int64, trials int, wait time.Duration) (PyStop, error) {
	if len(checkEvery) == 0 || trials < 1 || wait <= 0 {
		return PyStop{}, fmt.Errorf("cancellation: need check intervals, a trial and a positive wait, got %v, %d, %v", checkEvery, trials, wait)
	}
	if trials > MaxTrials {
		return PyStop{}, fmt.Errorf("cancellation: trials must be at most %d, got %d", MaxTrials, trials)
	}
	if wait > MaxWait {
		return PyStop{}, fmt.Errorf("cancellation: wait must be at most %v, got %v", MaxWait, wait)
	}
	for _, k := range checkEvery {
		if k < 1 || k > MaxCheckEvery {
			return PyStop{}, fmt.Errorf("cancellation: checkEvery must be in [1, %d], got %d", int64(MaxCheckEvery), k)
		}
	}
	var raw struct {
		KillMethods []string `json:"kill_methods"`
		Stops       []struct {
			CheckEvery int64     `json:"check_every"`
			Delays     []float64 `json:"delays_s"`
		} `json:"stops"`
		Ignored struct {
			Running bool    `json:"running_after_wait"`
			Waited  float64 `json:"waited_s"`
		} `json:"ignored"`
	}
	settings := map[string]any{"check_every": checkEvery, "trials": trials, "ignore_wait_s": wait.Seconds()}
	if err := py.RunJSON(ctx, Program, settings, &raw); err != nil {
		return PyStop{}, err
	}
	out := PyStop{KillMethods: raw.KillMethods, IgnoredRunning: raw.Ignored.Running, Waited: seconds(raw.Ignored.Waited)}
	if out.KillMethods == nil {
		out.KillMethods = []string{}
	}
	for _, s := range raw.Stops {
		l := Latencies{CheckEvery: s.CheckEvery}
		for _, d := range s.Delays {
			l.Stops = append(l.Stops, seconds(d))
		}
		out.Stops = append(out.Stops, l)
	}
	if len(out.Stops) != len(checkEvery) {
		return out, fmt.Errorf("cancellation: %s returned %d check intervals, not %d", Program, len(out.Stops), len(checkEvery))
	}
	return out, nil
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// MedianMS returns the median stop delay, in milliseconds, of the
// smallest and the largest check interval; ok is false without trials.
func MedianMS(ls []Latencies) (smallest, largest float64, ok bool) {
	var lo, hi *Latencies
	for i := range ls {
		if len(ls[i].Stops) == 0 {
			continue
		}
		if lo == nil || ls[i].CheckEvery < lo.CheckEvery {
			lo = &ls[i]
		}
		if hi == nil || ls[i].CheckEvery > hi.CheckEvery {
			hi = &ls[i]
		}
	}
	if lo == nil {
		return 0, 0, false
	}
	ms := func(l *Latencies) float64 {
		return float64(median(slices.Sorted(slices.Values(l.Stops)))) / float64(time.Millisecond)
	}
	return ms(lo), ms(hi), true
}
