package cancellation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/display"
)

// Stopping is the stop experiment in Go and in CPython: stop delays for
// each check interval, and a worker that never checks.
type Stopping struct {
	Go      []Latencies
	Ignored Ignored
	Py      PyStop
	// PyErr says why the CPython side is missing.
	PyErr error
}

// CompareStops runs [Sweep] and [Ignore] (n iterations, looked at wait
// after cancel) in Go and, when py is not nil, [CPython] with the same
// intervals, trials and wait. A CPython failure is kept in PyErr.
func CompareStops(ctx context.Context, py *cpython.Interpreter, checkEvery []int64, trials int, n int64, wait time.Duration) (Stopping, error) {
	var s Stopping
	var err error
	if s.Go, err = Sweep(ctx, checkEvery, trials); err != nil {
		return s, err
	}
	if s.Ignored, err = Ignore(ctx, n, wait); err != nil {
		return s, err
	}
	if py == nil {
		s.PyErr = cpython.ErrNoPython
		return s, nil
	}
	s.Py, s.PyErr = CPython(ctx, *py, checkEvery, trials, wait)
	return s, nil
}

// Markdown shows the median stop delays side by side, then what happened
// to the worker that never checks, on each side.
func (s Stopping) Markdown() string {
	header := []string{"iterations between checks", "Go: goroutine checking ctx.Done()", "CPython: thread checking an Event"}
	var rows [][]string
	for _, l := range s.Go {
		row := []string{display.Count(l.CheckEvery), medianText(l), "—"}
		if s.PyErr == nil {
			if i := slices.IndexFunc(s.Py.Stops, func(p Latencies) bool { return p.CheckEvery == l.CheckEvery }); i >= 0 {
				row[2] = medianText(s.Py.Stops[i])
			}
		}
		rows = append(rows, row)
	}
	table, err := display.TableMarkdown(header, rows)
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	b.WriteString("Median delay from the stop request to the return (slowest trial in brackets).\n\n" + table)
	b.WriteString("\n**Go:** " + s.Ignored.Verdict())
	switch {
	case s.PyErr == nil:
		kill := "none of " + strings.Join(killNames, ", ")
		if len(s.Py.KillMethods) > 0 {
			kill = strings.Join(s.Py.KillMethods, ", ")
		}
		running := "had finished"
		if s.Py.IgnoredRunning {
			running = "was **still running**"
		}
		fmt.Fprintf(&b, "\n\n**CPython:** kill-like methods on threading.Thread: %s. A thread that never checks its Event %s %v after the Event was set.", kill, running, bench.Round(s.Py.Waited))
	case errors.Is(s.PyErr, cpython.ErrNoPython):
		b.WriteString("\n\n**CPython:** not run, no python3 on this machine.")
	default:
		b.WriteString("\n\n**CPython:** not run: " + s.PyErr.Error())
	}
	return b.String()
}

// killNames are the names nb02_stop.py looks for on threading.Thread.
var killNames = []string{"kill", "terminate", "stop", "cancel", "interrupt", "abort"}

func medianText(l Latencies) string {
	if len(l.Stops) == 0 {
		return "no trial"
	}
	sorted := slices.Sorted(slices.Values(l.Stops))
	return fmt.Sprintf("%v (%v)", bench.Round(median(sorted)), bench.Round(sorted[len(sorted)-1]))
}

// Figures are the figures of claims 002-not-killable and
// 004-not-interruptible.
func (s Stopping) Figures() claims.Figures {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	f := claims.Figures{"go.ignored.running": b(s.Ignored.StillRunning)}
	if lo, hi, ok := MedianMS(s.Go); ok {
		f["go.stop.small.ms"], f["go.stop.large.ms"] = lo, hi
	}
	if s.PyErr == nil {
		f["cpython.kill.methods"] = float64(len(s.Py.KillMethods))
		f["cpython.ignored.running"] = b(s.Py.IgnoredRunning)
		if lo, hi, ok := MedianMS(s.Py.Stops); ok {
			f["cpython.stop.small.ms"], f["cpython.stop.large.ms"] = lo, hi
		}
	}
	return f
}
