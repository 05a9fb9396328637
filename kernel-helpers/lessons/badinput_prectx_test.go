//go:build !ctxmerged

package lessons_test

import (
	"context"

	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
	"concurrencylab/kernel-helpers/lessons/02-threads/sched"
)

// ctxProbes call the counting functions as they are before they take a
// context. Delete this file when the ctxmerged tag is removed.
var ctxProbes = []probe.Probe{
	probe.P("sched.Trace huge n", func(context.Context) error { _, err := sched.Trace(2, 2, 1<<62, true); return err }, "more than 34359738368 in all"),
	probe.P("datarace.FixCosts huge increments", func(ctx context.Context) error {
		_, err := datarace.FixCosts(ctx, 2, huge, 1)
		return err
	}, "increments is more than"),
	probe.P("datarace.FixCosts huge reps", func(ctx context.Context) error {
		_, err := datarace.FixCosts(ctx, 2, 1, huge)
		return err
	}, "Reps must be at most"),
	probe.P("datarace.MeasureLosses huge trials", func(context.Context) error {
		_, err := datarace.MeasureLosses([]int{2}, 1, huge)
		return err
	}, "trials must be 1 to 100000"),
	probe.P("datarace.CheckFixes huge", func(context.Context) error {
		_, err := datarace.CheckFixes(huge, huge, huge)
		return err
	}, "trials must be 1 to 100000"),
	probe.P("datarace.Detect nil ctx", func(context.Context) error {
		_, err := datarace.Detect(nil, "package main") //nolint:staticcheck // the probe
		return err
	}, "context"),
}
