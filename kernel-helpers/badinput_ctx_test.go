package kernelhelpers_test

import (
	"context"

	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/workloads/counter"
)

// counterProbes call counter.Count with the context it takes after the
// change that gave it a context.
var counterProbes = []probe.Probe{
	probe.P("counter.Count huge", func(ctx context.Context) error { _, err := counter.Count(ctx, counter.Unsafe, 2, huge); return err }, "more than"),
	probe.P("counter.Count total", func(ctx context.Context) error {
		_, err := counter.Count(ctx, counter.Mutex, counter.MaxGoroutines, counter.MaxIncrements)
		return err
	}, "in all"),
	probe.P("counter.Count nil ctx", func(context.Context) error {
		_, err := counter.Count(nil, counter.Mutex, 1, 1) //nolint:staticcheck // the probe
		return err
	}, "context"),
	probe.P("counter.Lost negative", harmlessLost, probe.Harmless),
}

func harmlessLost(context.Context) error { counter.Lost(-1, huge, -1); return nil }
