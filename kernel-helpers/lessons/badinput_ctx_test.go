package lessons_test

import (
	"context"

	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
	"concurrencylab/kernel-helpers/lessons/02-threads/sched"
)

// ctxProbes call 02's counting functions, which take a context.
var ctxProbes = []probe.Probe{
	probe.P("sched.Trace huge n", func(ctx context.Context) error { _, err := sched.Trace(ctx, 2, 2, 1<<62, true); return err }, "more than 34359738368 in all"),
	probe.P("sched.Trace nil ctx", func(context.Context) error { _, err := sched.Trace(nil, 2, 2, 1, true); return err }, "context"), //nolint:staticcheck // the probe
	probe.P("datarace.FixCosts huge increments", func(ctx context.Context) error {
		_, err := datarace.FixCosts(ctx, 2, huge, 1)
		return err
	}, "increments is more than"),
	probe.P("datarace.FixCosts huge reps", func(ctx context.Context) error {
		_, err := datarace.FixCosts(ctx, 2, 1, huge)
		return err
	}, "Reps must be at most"),
	probe.P("datarace.MeasureLosses huge trials", func(ctx context.Context) error {
		_, err := datarace.MeasureLosses(ctx, []int{2}, 1, huge)
		return err
	}, "trials must be 1 to 100000"),
	probe.P("datarace.CheckFixes huge", func(ctx context.Context) error {
		_, err := datarace.CheckFixes(ctx, huge, huge, huge)
		return err
	}, "trials must be 1 to 100000"),
	probe.P("datarace.CompareThreads nil interpreter, huge goroutines", func(ctx context.Context) error {
		_, err := datarace.CompareThreads(ctx, nil, huge, 1, 1, 1, 1)
		return err
	}, "goroutines"),
	probe.P("datarace.Detect nil ctx", func(context.Context) error {
		_, err := datarace.Detect(nil, "package main") //nolint:staticcheck // the probe
		return err
	}, "context"),
}
