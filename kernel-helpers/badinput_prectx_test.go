//go:build !ctxmerged

package kernelhelpers_test

import (
	"context"

	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/workloads/counter"
)

// counterProbes call counter.Count as it is before it takes a context.
// Delete this file when the ctxmerged tag is removed.
var counterProbes = []probe.Probe{
	probe.P("counter.Count huge", func(context.Context) error { _, err := counter.Count(counter.Unsafe, 2, huge); return err }, "more than"),
	probe.P("counter.Count total", func(context.Context) error {
		_, err := counter.Count(counter.Mutex, counter.MaxGoroutines, 1<<20)
		return err
	}, "in all"),
	probe.P("counter.Lost negative", harmlessLost, probe.Harmless),
}

func harmlessLost(context.Context) error { counter.Lost(-1, huge, -1); return nil }
