package lessons_test

import (
	"context"
	"fmt"
	"strings"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/kernel-helpers/lessons/02-threads/datarace"
	"concurrencylab/kernel-helpers/lessons/02-threads/sched"
)

// probes02 are the probes of notebook 02's lessons (datarace, sched).
var probes02 = []probe.Probe{
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
	probe.P("datarace.CompareThreads nil interpreter, huge GOMAXPROCS", func(ctx context.Context) error {
		_, err := datarace.CompareThreads(ctx, nil, datarace.Race{Procs: huge, Racers: 2, GoIncrements: 1, PyIncrements: 1, Trials: 1})
		return err
	}, "GOMAXPROCS"),
	probe.P("datarace.CompareThreads zero Race", func(ctx context.Context) error {
		_, err := datarace.CompareThreads(ctx, nil, datarace.Race{})
		return err
	}, "Race.Racers must be at least 1"),
	probe.P("datarace.CompareProcesses zero Race", func(ctx context.Context) error {
		return datarace.CompareProcesses(ctx, nil, datarace.Race{}).GoErr
	}, "Race.Racers must be at least 1"),
	probe.P("datarace.Detect nil ctx", func(context.Context) error {
		_, err := datarace.Detect(nil, "package main") //nolint:staticcheck // the probe
		return err
	}, "context"),
	probe.P("datarace.CPythonProcessRace huge processes", func(ctx context.Context) error {
		_, err := datarace.CPythonProcessRace(ctx, cpython.Interpreter{}, huge, 1, 1)
		return err
	}, "processes must be 1 to 64"),
	probe.P("datarace.CPythonThreadRace huge increments", func(ctx context.Context) error {
		_, err := datarace.CPythonThreadRace(ctx, cpython.Interpreter{}, 2, huge, 1)
		return err
	}, "increments must be 0 to"),
	probe.P("datarace.CPythonThreadRace zero interpreter", func(ctx context.Context) error {
		_, err := datarace.CPythonThreadRace(ctx, cpython.Interpreter{}, 2, 1, 1)
		return err
	}, "interpreter has no path"),
	probe.P("datarace.CompareProcesses nil interpreter, huge trials", func(ctx context.Context) error {
		return datarace.CompareProcesses(ctx, nil, datarace.Race{Racers: 2, GoIncrements: 1, PyIncrements: 1, Trials: huge}).GoErr
	}, "trials must be 1 to 100"),
	probe.P("datarace.CostSummary nil", func(context.Context) error { _, err := datarace.CostSummary(nil); return err }, "no fix"),
	probe.P("datarace.CostTable nil", func(context.Context) error { _, err := datarace.CostTable(nil); return err }, "no results"),
	probe.P("datarace.DetectVerdict zero reports", func(context.Context) error {
		if v := datarace.DetectVerdict(datarace.Report{}, datarace.Report{}); !strings.Contains(v, "no** race") {
			return fmt.Errorf("verdict %q does not say no race was seen", v)
		}
		return nil
	}, probe.Harmless),
	probe.P("datarace.FixTotals huge increments", func(ctx context.Context) error { _, err := datarace.FixTotals(ctx, 2, huge); return err }, "in all"),
	probe.P("datarace.FixTotals nil ctx", func(context.Context) error {
		_, err := datarace.FixTotals(nil, 2, 1) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("datarace.GoProcessRace huge trials", func(ctx context.Context) error { _, err := datarace.GoProcessRace(ctx, 2, 1, huge); return err }, "trials must be 1 to 100"),
	probe.P("datarace.LossSeries nil", func(context.Context) error { _, err := datarace.LossSeries(nil); return err }, "no losses"),
	probe.P("datarace.LossVerdict nil", func(context.Context) error {
		if v := datarace.LossVerdict(nil); !strings.Contains(v, "nothing could race") {
			return fmt.Errorf("verdict %q", v)
		}
		return nil
	}, probe.Harmless),
	probe.P("datarace.MeasureLossesOn huge GOMAXPROCS", func(ctx context.Context) error {
		_, err := datarace.MeasureLossesOn(ctx, huge, []int{2}, 1, 1)
		return err
	}, "GOMAXPROCS (the threads that run goroutines at once) must be 1 to"),
	probe.P("datarace.MeasureLossesOn nil ctx", func(context.Context) error {
		_, err := datarace.MeasureLossesOn(nil, 1, []int{2}, 1, 1) //nolint:staticcheck // the probe
		return err
	}, "needs a context"),
	probe.P("datarace.PerIncrement zero result, NaN duration", func(context.Context) error {
		_, err := datarace.PerIncrement(bench.Result{}, nanD)
		return err
	}, "no increment count"),
	probe.P("sched.CountSeries nil", func(context.Context) error { _, err := sched.CountSeries(nil); return err }, "no thread counts"),
	probe.P("sched.CountVerdict nil, negative GOMAXPROCS", func(context.Context) error {
		if v := sched.CountVerdict(nil, -1); !strings.Contains(v, "No plain goroutines") {
			return fmt.Errorf("verdict %q", v)
		}
		return nil
	}, probe.Harmless),
	probe.P("sched.Spans nil", func(context.Context) error { _, err := sched.Spans(nil); return err }, "empty trace"),
	probe.P("sched.Summarize nil", func(context.Context) error {
		if s := sched.Summarize(nil); s.String() == "" {
			return fmt.Errorf("empty summary text")
		}
		return nil
	}, probe.Harmless),
	probe.P("sched.ThreadCounts huge", func(context.Context) error { _, err := sched.ThreadCounts([]int{huge}, 1); return err }, "n must be in [1, 1000000]"),
	probe.P("sched.ThreadCounts huge locked", func(context.Context) error { _, err := sched.ThreadCounts([]int{2}, huge); return err }, "at most 2000 locked goroutines"),
	probe.P("sched.ThreadCounts negative", func(context.Context) error { _, err := sched.ThreadCounts([]int{-1}, -1); return err }, "cannot park -1"),
	probe.P("sched.ThreadCounts nil", func(context.Context) error { _, err := sched.ThreadCounts(nil, 1); return err }, "no goroutine counts"),
}
