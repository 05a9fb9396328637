package lessons_test

import (
	"context"
	"math"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/kernel-helpers/lessons/03-gil/exercises"
	"concurrencylab/kernel-helpers/lessons/03-gil/gilcompare"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/footprint"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/iobound"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/ipc"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/strategies"
	"concurrencylab/kernel-helpers/run"
)

// probes0304 are the probes of folders 03-gil and 04-threads-vs-processes.
var probes0304 = concat0304(gilProbes0304(), footprintProbes0304(), ioboundProbes0304(), ipcProbes0304(), strategiesProbes0304())

func concat0304(sets ...[]probe.Probe) []probe.Probe {
	var out []probe.Probe
	for _, s := range sets {
		out = append(out, s...)
	}
	return out
}

// sample0304 is a result with samples, for the verdicts and plots.
var sample0304 = []bench.Result{{Name: "x", Strategy: gilcompare.Sequential, Workers: 1, Samples: []time.Duration{time.Millisecond}}}

func gilProbes0304() []probe.Probe {
	var nilCtx context.Context
	// verdict is a harmless probe of a pure formatter given no results.
	verdict := func(name string, f func([]bench.Result) string) probe.Probe {
		return probe.P("gilcompare."+name+" nil results", func(context.Context) error {
			s := f(nil)
			return want(s != "", "empty text")
		}, probe.Harmless)
	}
	plot := func(name string, f func([]bench.Result) ([]byte, error), want string) probe.Probe {
		return probe.P("gilcompare."+name+" nil results", func(context.Context) error { _, err := f(nil); return err }, want)
	}
	return []probe.Probe{
		probe.P("gilcompare.CPU nil ctx", func(context.Context) error { _, err := gilcompare.CPU(nilCtx, gilcompare.CPUConfig{}); return err }, "needs a context"),
		probe.P("gilcompare.CPU huge Tasks", func(ctx context.Context) error {
			_, err := gilcompare.CPU(ctx, gilcompare.CPUConfig{Tasks: huge})
			return err
		}, "Tasks must be between 1 and 64, got 1000000000000"),
		probe.P("gilcompare.CPU negative Tasks", func(ctx context.Context) error {
			_, err := gilcompare.CPU(ctx, gilcompare.CPUConfig{Tasks: -1})
			return err
		}, "Tasks must be between"),
		probe.P("gilcompare.CPU NaN TaskTime", func(ctx context.Context) error {
			_, err := gilcompare.CPU(ctx, gilcompare.CPUConfig{TaskTime: nanD})
			return err
		}, "TaskTime must be between"),
		probe.P("gilcompare.CPU huge TaskTime", func(ctx context.Context) error {
			_, err := gilcompare.CPU(ctx, gilcompare.CPUConfig{TaskTime: hugeD})
			return err
		}, "TaskTime must be between"),
		probe.P("gilcompare.CPU huge Reps", func(ctx context.Context) error {
			_, err := gilcompare.CPU(ctx, gilcompare.CPUConfig{Reps: huge})
			return err
		}, "Reps must be between"),
		probe.P("gilcompare.CPU NaN Interval", func(ctx context.Context) error {
			_, err := gilcompare.CPU(ctx, gilcompare.CPUConfig{Interval: nanD})
			return err
		}, "switch interval"),
		probe.P("gilcompare.CPUFigures nil results", func(context.Context) error {
			f := gilcompare.CPUFigures(nil)
			return want(len(f) == 1 && f["cores"] >= 1, "figures %v, want only cores", f)
		}, probe.Harmless),
		plot("CPUPlot", gilcompare.CPUPlot, "no results"),
		verdict("CPUVerdict", gilcompare.CPUVerdict),

		probe.P("gilcompare.Convoy nil ctx", func(context.Context) error {
			_, err := gilcompare.Convoy(nilCtx, gilcompare.ConvoyConfig{})
			return err
		}, "needs a context"),
		probe.P("gilcompare.Convoy huge hogs", func(ctx context.Context) error {
			_, err := gilcompare.Convoy(ctx, gilcompare.ConvoyConfig{Hogs: []int{huge}})
			return err
		}, "hogs must be between 0 and"),
		probe.P("gilcompare.Convoy negative hogs", func(ctx context.Context) error {
			_, err := gilcompare.Convoy(ctx, gilcompare.ConvoyConfig{Hogs: []int{-1}})
			return err
		}, "hogs must be between 0 and"),
		probe.P("gilcompare.Convoy empty hogs", func(ctx context.Context) error {
			_, err := gilcompare.Convoy(ctx, gilcompare.ConvoyConfig{Hogs: []int{}})
			return err
		}, "no hog counts"),
		probe.P("gilcompare.Convoy NaN Sleep", func(ctx context.Context) error {
			_, err := gilcompare.Convoy(ctx, gilcompare.ConvoyConfig{Sleep: nanD})
			return err
		}, "Sleep must be between"),
		probe.P("gilcompare.Convoy huge Sleep", func(ctx context.Context) error {
			_, err := gilcompare.Convoy(ctx, gilcompare.ConvoyConfig{Sleep: hugeD})
			return err
		}, "Sleep must be between"),
		probe.P("gilcompare.Convoy huge Samples", func(ctx context.Context) error {
			_, err := gilcompare.Convoy(ctx, gilcompare.ConvoyConfig{Samples: huge})
			return err
		}, "Samples must be between"),
		probe.P("gilcompare.Convoy NaN Interval", func(ctx context.Context) error {
			_, err := gilcompare.Convoy(ctx, gilcompare.ConvoyConfig{Interval: nanD})
			return err
		}, "switch interval"),
		plot("ConvoyPlot", gilcompare.ConvoyPlot, "no convoy results"),
		verdict("ConvoyVerdict", gilcompare.ConvoyVerdict),

		probe.P("gilcompare.HashSequential nil", func(context.Context) error {
			gilcompare.HashSequential(nil)
			gilcompare.HashSequential([][]byte{nil})
			return nil
		}, probe.Harmless),
		probe.P("gilcompare.HashGoroutines nil", func(context.Context) error {
			gilcompare.HashGoroutines(nil)
			gilcompare.HashGoroutines([][]byte{nil, nil})
			return nil
		}, probe.Harmless),

		probe.P("gilcompare.IO nil ctx", func(context.Context) error { _, err := gilcompare.IO(nilCtx, gilcompare.IOConfig{}); return err }, "needs a context"),
		probe.P("gilcompare.IO huge Sleepers", func(ctx context.Context) error {
			_, err := gilcompare.IO(ctx, gilcompare.IOConfig{Sleepers: huge})
			return err
		}, "Sleepers must be between"),
		probe.P("gilcompare.IO NaN Sleep", func(ctx context.Context) error {
			_, err := gilcompare.IO(ctx, gilcompare.IOConfig{Sleep: nanD})
			return err
		}, "Sleep must be between"),
		probe.P("gilcompare.IO NaN Nap", func(ctx context.Context) error {
			_, err := gilcompare.IO(ctx, gilcompare.IOConfig{Nap: nanD})
			return err
		}, "IO: Nap must be between"),
		probe.P("gilcompare.IO huge Samples", func(ctx context.Context) error {
			_, err := gilcompare.IO(ctx, gilcompare.IOConfig{Samples: huge})
			return err
		}, "Samples must be between"),
		probe.P("gilcompare.IO huge Reps", func(ctx context.Context) error {
			_, err := gilcompare.IO(ctx, gilcompare.IOConfig{Reps: huge})
			return err
		}, "Reps must be between"),
		probe.P("gilcompare.IO NaN Interval", func(ctx context.Context) error {
			_, err := gilcompare.IO(ctx, gilcompare.IOConfig{Interval: nanD})
			return err
		}, "switch interval"),

		verdict("MaxProcsVerdict", gilcompare.MaxProcsVerdict),
		probe.P("gilcompare.PythonReport nil ctx", func(context.Context) error {
			s := gilcompare.PythonReport(nilCtx)
			return want(strings.Contains(s, "No CPython figures") && strings.Contains(s, "context"), "report %q does not say why", s)
		}, probe.Harmless),
		probe.P("gilcompare.Schedule.TaskSlices negative", func(context.Context) error {
			s := gilcompare.Schedule{Slices: []gilcompare.Slice{{Task: 0, End: time.Millisecond}}}
			return want(len(s.TaskSlices(-1)) == 0 && len(s.TaskSlices(huge)) == 0, "slices of a task that does not exist")
		}, probe.Harmless),
		plot("SleepPlot", gilcompare.SleepPlot, "no results"),
		verdict("SleepVerdict", gilcompare.SleepVerdict),

		probe.P("gilcompare.Sleeps nil ctx", func(context.Context) error {
			_, err := gilcompare.Sleeps(nilCtx, gilcompare.SleepConfig{})
			return err
		}, "needs a context"),
		probe.P("gilcompare.Sleeps huge Sleepers", func(ctx context.Context) error {
			_, err := gilcompare.Sleeps(ctx, gilcompare.SleepConfig{Sleepers: huge})
			return err
		}, "Sleepers must be between"),
		probe.P("gilcompare.Sleeps NaN Sleep", func(ctx context.Context) error {
			_, err := gilcompare.Sleeps(ctx, gilcompare.SleepConfig{Sleep: nanD})
			return err
		}, "Sleep must be between"),
		probe.P("gilcompare.Sleeps huge Sleep", func(ctx context.Context) error {
			_, err := gilcompare.Sleeps(ctx, gilcompare.SleepConfig{Sleep: hugeD})
			return err
		}, "Sleep must be between"),
		probe.P("gilcompare.Sleeps huge Reps", func(ctx context.Context) error {
			_, err := gilcompare.Sleeps(ctx, gilcompare.SleepConfig{Reps: huge})
			return err
		}, "Reps must be between"),
		probe.P("gilcompare.Sleeps NaN Interval", func(ctx context.Context) error {
			_, err := gilcompare.Sleeps(ctx, gilcompare.SleepConfig{Interval: nanD})
			return err
		}, "switch interval"),

		probe.P("gilcompare.Speedups nil results", func(context.Context) error {
			return want(len(gilcompare.Speedups(nil)) == 0 && len(gilcompare.Speedups(sample0304)) == 0, "speedups without a baseline to compare")
		}, probe.Harmless),
		probe.P("gilcompare.Summary nil entries", func(context.Context) error {
			return want(gilcompare.Summary(nil) != "", "empty summary")
		}, probe.Harmless),

		probe.P("gilcompare.Sweep nil ctx", func(context.Context) error {
			_, err := gilcompare.Sweep(nilCtx, gilcompare.SweepConfig{})
			return err
		}, "needs a context"),
		probe.P("gilcompare.Sweep NaN interval", func(ctx context.Context) error {
			_, err := gilcompare.Sweep(ctx, gilcompare.SweepConfig{Intervals: []time.Duration{nanD}})
			return err
		}, "must be positive"),
		probe.P("gilcompare.Sweep huge interval", func(ctx context.Context) error {
			_, err := gilcompare.Sweep(ctx, gilcompare.SweepConfig{Intervals: []time.Duration{hugeD}})
			return err
		}, "switch interval"),
		probe.P("gilcompare.Sweep empty intervals", func(ctx context.Context) error {
			_, err := gilcompare.Sweep(ctx, gilcompare.SweepConfig{Intervals: []time.Duration{}})
			return err
		}, "give 1 to 20 intervals, got 0"),
		probe.P("gilcompare.Sweep too many intervals", func(ctx context.Context) error {
			_, err := gilcompare.Sweep(ctx, gilcompare.SweepConfig{Intervals: make([]time.Duration, 1000)})
			return err
		}, "give 1 to 20 intervals, got 1000"),
		probe.P("gilcompare.Sweep huge Hogs", func(ctx context.Context) error {
			_, err := gilcompare.Sweep(ctx, gilcompare.SweepConfig{Hogs: huge})
			return err
		}, "hogs must be between"),
		probe.P("gilcompare.Sweep NaN Sleep", func(ctx context.Context) error {
			_, err := gilcompare.Sweep(ctx, gilcompare.SweepConfig{Sleep: nanD})
			return err
		}, "Sleep must be between"),
		probe.P("gilcompare.Sweep huge Samples", func(ctx context.Context) error {
			_, err := gilcompare.Sweep(ctx, gilcompare.SweepConfig{Samples: huge})
			return err
		}, "Samples must be between"),
		probe.P("gilcompare.SweepFigures nil results", func(context.Context) error {
			f := gilcompare.SweepFigures(nil)
			return want(len(f) == 1, "figures %v, want only cores", f)
		}, probe.Harmless),
		plot("SweepPlot", gilcompare.SweepPlot, "no sweep results"),
		verdict("SweepVerdict", gilcompare.SweepVerdict),

		probe.P("gilcompare.Turns nil ctx", func(context.Context) error { _, err := gilcompare.Turns(nilCtx, gilcompare.TurnsConfig{}); return err }, "needs a context"),
		probe.P("gilcompare.Turns huge Tasks", func(ctx context.Context) error {
			_, err := gilcompare.Turns(ctx, gilcompare.TurnsConfig{Tasks: huge})
			return err
		}, "Tasks must be between"),
		probe.P("gilcompare.Turns NaN TaskTime", func(ctx context.Context) error {
			_, err := gilcompare.Turns(ctx, gilcompare.TurnsConfig{TaskTime: nanD})
			return err
		}, "TaskTime must be between"),
		probe.P("gilcompare.Turns unknown mode", func(ctx context.Context) error {
			_, err := gilcompare.Turns(ctx, gilcompare.TurnsConfig{Modes: []string{""}})
			return err
		}, "unknown mode"),
		probe.P("gilcompare.Turns NaN Interval", func(ctx context.Context) error {
			_, err := gilcompare.Turns(ctx, gilcompare.TurnsConfig{Interval: nanD})
			return err
		}, "switch interval"),
		probe.P("gilcompare.TurnsPlot nil schedules", func(context.Context) error { _, err := gilcompare.TurnsPlot(nil); return err }, "no slices"),
		probe.P("gilcompare.TurnsVerdict nil schedules", func(context.Context) error {
			return want(gilcompare.TurnsVerdict(nil) != "", "empty text")
		}, probe.Harmless),

		probe.P("gilcompare.Versions nil ctx", func(context.Context) error {
			_, err := gilcompare.Versions(nilCtx, gilcompare.VersionsConfig{})
			return err
		}, "needs a context"),
		probe.P("gilcompare.Versions huge Tasks", func(ctx context.Context) error {
			_, err := gilcompare.Versions(ctx, gilcompare.VersionsConfig{Tasks: huge})
			return err
		}, "Tasks must be between"),
		probe.P("gilcompare.Versions NaN TaskTime", func(ctx context.Context) error {
			_, err := gilcompare.Versions(ctx, gilcompare.VersionsConfig{TaskTime: nanD})
			return err
		}, "TaskTime must be between"),
		probe.P("gilcompare.Versions huge Reps", func(ctx context.Context) error {
			_, err := gilcompare.Versions(ctx, gilcompare.VersionsConfig{Reps: huge})
			return err
		}, "Reps must be between"),

		probe.P("gilcompare.WhatRuns nil ctx", func(context.Context) error {
			_, err := gilcompare.WhatRuns(nilCtx, gilcompare.WhatRunsConfig{})
			return err
		}, "needs a context"),
		probe.P("gilcompare.WhatRuns huge Tasks", func(ctx context.Context) error {
			_, err := gilcompare.WhatRuns(ctx, gilcompare.WhatRunsConfig{Tasks: huge})
			return err
		}, "Tasks must be between"),
		probe.P("gilcompare.WhatRuns huge HashMiB", func(ctx context.Context) error {
			_, err := gilcompare.WhatRuns(ctx, gilcompare.WhatRunsConfig{HashMiB: huge})
			return err
		}, "HashMiB must be between"),
		probe.P("gilcompare.WhatRuns Tasks times HashMiB too much memory", func(ctx context.Context) error {
			_, err := gilcompare.WhatRuns(ctx, gilcompare.WhatRunsConfig{Tasks: gilcompare.MaxTasks, HashMiB: 1024})
			return err
		}, "MiB to hash in all"),
		probe.P("gilcompare.WhatRuns NaN TaskTime", func(ctx context.Context) error {
			_, err := gilcompare.WhatRuns(ctx, gilcompare.WhatRunsConfig{TaskTime: nanD})
			return err
		}, "TaskTime must be between"),
		probe.P("gilcompare.WhatRuns NaN Sleep", func(ctx context.Context) error {
			_, err := gilcompare.WhatRuns(ctx, gilcompare.WhatRunsConfig{Sleep: nanD})
			return err
		}, "Sleep must be between"),
		probe.P("gilcompare.WhatRuns huge Steps", func(ctx context.Context) error {
			_, err := gilcompare.WhatRuns(ctx, gilcompare.WhatRunsConfig{Steps: huge})
			return err
		}, "Steps must be between"),
		probe.P("gilcompare.WhatRuns huge Reps", func(ctx context.Context) error {
			_, err := gilcompare.WhatRuns(ctx, gilcompare.WhatRunsConfig{Reps: huge})
			return err
		}, "Reps must be between"),

		probe.P("exercises.ConvoyWait nil results", func(context.Context) error {
			d, where := exercises.ConvoyWait(nil)
			return want(d == 0 && where != "", "ConvoyWait(nil) = %v, %q", d, where)
		}, probe.Harmless),
	}
}

func footprintProbes0304() []probe.Probe {
	var nilCtx context.Context
	nan := math.NaN()
	return []probe.Probe{
		probe.P("footprint.CPython nil ctx", func(context.Context) error {
			_, err := footprint.CPython(nilCtx, nil, 1, 1, nil)
			return err
		}, "nil context"),
		probe.P("footprint.CPython nil interpreter", func(ctx context.Context) error {
			_, err := footprint.CPython(ctx, nil, 1, 1, nil)
			return err
		}, "no usable Python"),
		probe.P("footprint.CPython huge threads", func(ctx context.Context) error {
			_, err := footprint.CPython(ctx, nil, huge, 1, nil)
			return err
		}, "threads 1000000000000 is outside"),
		probe.P("footprint.CPython negative processes", func(ctx context.Context) error {
			_, err := footprint.CPython(ctx, nil, 1, -1, nil)
			return err
		}, "processes -1 is outside"),
		probe.P("footprint.CPython unknown start method", func(ctx context.Context) error {
			_, err := footprint.CPython(ctx, nil, 1, 1, []string{"teleport"})
			return err
		}, "start method"),
		probe.P("footprint.Figures nil", func(context.Context) error {
			f := footprint.Figures(nil, nil)
			return want(len(f) == 0, "figures %v from nothing", f)
		}, probe.Harmless),
		probe.P("footprint.Largest nil", func(context.Context) error {
			return want(len(footprint.Largest(nil)) == 0, "a largest point of nothing")
		}, probe.Harmless),
		probe.P("footprint.Plot nil", func(context.Context) error { _, err := footprint.Plot(nil); return err }, "nothing to plot"),
		probe.P("footprint.Plot NaN bytes", func(context.Context) error {
			_, err := footprint.Plot([]footprint.Point{{Kind: footprint.Goroutine, N: 1, Bytes: nan}})
			return err
		}, "1 goroutines measured NaN bytes each"),
		probe.P("footprint.Sweep nil ctx", func(context.Context) error {
			_, err := footprint.Sweep(nilCtx, footprint.Counts{Goroutines: []int{1}})
			return err
		}, "nil context"),
		probe.P("footprint.Sweep no counts", func(ctx context.Context) error {
			_, err := footprint.Sweep(ctx, footprint.Counts{})
			return err
		}, "no counts"),
		probe.P("footprint.Sweep huge goroutines", func(ctx context.Context) error {
			_, err := footprint.Sweep(ctx, footprint.Counts{Goroutines: []int{huge}})
			return err
		}, "cannot park 1000000000000 goroutines"),
		probe.P("footprint.Sweep negative threads", func(ctx context.Context) error {
			_, err := footprint.Sweep(ctx, footprint.Counts{Threads: []int{-1}})
			return err
		}, "cannot park -1 threads"),
		probe.P("footprint.Sweep huge processes", func(ctx context.Context) error {
			_, err := footprint.Sweep(ctx, footprint.Counts{Processes: []int{huge}})
			return err
		}, "cannot start 1000000000000 processes"),
		probe.P("footprint.Verdict nil", func(context.Context) error {
			s := footprint.Verdict(nil) + footprint.Verdict([]footprint.Point{{Kind: footprint.Goroutine, N: 1, Bytes: nan}})
			return want(strings.Contains(s, "nothing to compare"), "verdict %q", s)
		}, probe.Harmless),
	}
}

func ioboundProbes0304() []probe.Probe {
	var nilCtx context.Context
	ok := iobound.Options{Pages: 1, Latency: time.Millisecond, Workers: 1, Reps: 1}
	with := func(f func(*iobound.Options)) iobound.Options { o := ok; f(&o); return o }
	const nowhere = "http://127.0.0.1:1/"
	return []probe.Probe{
		probe.P("iobound.Compare nil ctx", func(context.Context) error { _, err := iobound.Compare(nilCtx, ok); return err }, "nil context"),
		probe.P("iobound.Compare huge Pages", func(ctx context.Context) error {
			_, err := iobound.Compare(ctx, with(func(o *iobound.Options) { o.Pages = huge }))
			return err
		}, "pages is outside"),
		probe.P("iobound.Compare huge Workers", func(ctx context.Context) error {
			_, err := iobound.Compare(ctx, with(func(o *iobound.Options) { o.Workers = huge }))
			return err
		}, "workers is outside"),
		probe.P("iobound.Compare NaN Latency", func(ctx context.Context) error {
			_, err := iobound.Compare(ctx, with(func(o *iobound.Options) { o.Latency = nanD }))
			return err
		}, "Latency"),
		probe.P("iobound.OneByOne nil ctx", func(context.Context) error { return iobound.OneByOne(nilCtx, []string{nowhere}) }, "nil context"),
		probe.P("iobound.OneByOne nil urls", func(ctx context.Context) error { return iobound.OneByOne(ctx, nil) }, probe.Harmless),
		probe.P("iobound.OnePerPage nil ctx", func(context.Context) error { return iobound.OnePerPage(nilCtx, []string{nowhere, nowhere}) }, "nil context"),
		probe.P("iobound.OnePerPage nil urls", func(ctx context.Context) error { return iobound.OnePerPage(ctx, nil) }, probe.Harmless),
		probe.P("iobound.Tasks nil urls", func(context.Context) error {
			return want(len(iobound.Tasks(nil)) == 0, "tasks from no URL")
		}, probe.Harmless),
		probe.P("iobound.Threads nil ctx", func(context.Context) error { _, err := iobound.Threads(nilCtx, nil, ok); return err }, "nil context"),
		probe.P("iobound.Threads huge Pages", func(ctx context.Context) error {
			_, err := iobound.Threads(ctx, nil, with(func(o *iobound.Options) { o.Pages = huge }))
			return err
		}, "pages is outside"),
		probe.P("iobound.Threads huge Reps", func(ctx context.Context) error {
			_, err := iobound.Threads(ctx, nil, with(func(o *iobound.Options) { o.Reps = huge }))
			return err
		}, "reps is outside"),
		probe.P("iobound.Threads NaN Latency", func(ctx context.Context) error {
			_, err := iobound.Threads(ctx, nil, with(func(o *iobound.Options) { o.Latency = nanD }))
			return err
		}, "Latency"),
		probe.P("iobound.Threads nil interpreter", func(ctx context.Context) error {
			p, err := iobound.Threads(ctx, nil, ok)
			if err != nil {
				return err
			}
			return want(len(p.Go) == 2 && p.CPython == nil && strings.Contains(p.NoPython, "no usable Python"), "Go side %d results, CPython %d, NoPython %q", len(p.Go), len(p.CPython), p.NoPython)
		}, probe.Harmless),
		probe.P("iobound.Verdict nil results", func(context.Context) error {
			s := iobound.Verdict(nil, iobound.Options{Pages: huge, Latency: hugeD}) +
				iobound.Verdict(sample0304, iobound.Options{Pages: huge, Latency: hugeD}) + iobound.Verdict(sample0304, iobound.Options{Pages: 1, Latency: nanD})
			return want(strings.Contains(s, "nothing was measured"), "verdict %q", s)
		}, probe.Harmless),
	}
}

func ipcProbes0304() []probe.Probe {
	var nilCtx context.Context
	return []probe.Probe{
		probe.P("ipc.CPython nil ctx", func(context.Context) error { _, err := ipc.CPython(nilCtx, nil, []int{1}, 1); return err }, "nil context"),
		probe.P("ipc.CPython nil interpreter", func(ctx context.Context) error { _, err := ipc.CPython(ctx, nil, []int{1}, 1); return err }, "no usable Python"),
		probe.P("ipc.CPython no sizes", func(ctx context.Context) error { _, err := ipc.CPython(ctx, nil, nil, 1); return err }, "no payload sizes"),
		probe.P("ipc.CPython huge size", func(ctx context.Context) error { _, err := ipc.CPython(ctx, nil, []int{huge}, 1); return err }, "payload size 1000000000000 is outside"),
		probe.P("ipc.CPython huge reps", func(ctx context.Context) error { _, err := ipc.CPython(ctx, nil, []int{1}, huge); return err }, "reps is outside"),
		probe.P("ipc.CountIn nil ctx", func(context.Context) error { return ipc.CountIn(nilCtx, nil, 10, 1) }, "nil context"),
		probe.P("ipc.CountIn nil pool", func(ctx context.Context) error { return ipc.CountIn(ctx, nil, 10, 1) }, "nil pool"),
		probe.P("ipc.CountIn zero messages", func(ctx context.Context) error { return ipc.CountIn(ctx, nil, 10, 0) }, "messages 0 is outside"),
		probe.P("ipc.CountIn huge messages", func(ctx context.Context) error { return ipc.CountIn(ctx, nil, 10, huge) }, "messages 1000000000000 is outside"),
		probe.P("ipc.CountIn negative n", func(ctx context.Context) error { return ipc.CountIn(ctx, nil, -1, 1) }, "n -1 must be"),
		probe.P("ipc.Figures nil", func(context.Context) error {
			return want(len(ipc.Figures(nil, nil)) == 0, "figures from nothing")
		}, probe.Harmless),
		probe.P("ipc.Plot nil", func(context.Context) error { _, err := ipc.Plot(nil); return err }, "nothing to plot"),
		probe.P("ipc.Verdict nil", func(context.Context) error {
			s := ipc.Verdict(nil) + ipc.Verdict([]ipc.Point{{How: ipc.Channel, Size: -1}})
			return want(strings.Contains(s, "nothing was measured"), "verdict %q", s)
		}, probe.Harmless),
		probe.P("ipc.Messages nil ctx", func(context.Context) error {
			_, err := ipc.Messages(nilCtx, nil, ipc.MessageOptions{Target: time.Millisecond, Workers: 1, Messages: 1})
			return err
		}, "nil context"),
		probe.P("ipc.Messages huge Workers", func(ctx context.Context) error {
			_, err := ipc.Messages(ctx, nil, ipc.MessageOptions{Target: time.Millisecond, Workers: huge, Messages: 1})
			return err
		}, "workers is outside"),
		probe.P("ipc.Messages huge Messages", func(ctx context.Context) error {
			_, err := ipc.Messages(ctx, nil, ipc.MessageOptions{Target: time.Millisecond, Workers: 1, Messages: huge})
			return err
		}, "messages is outside"),
		probe.P("ipc.Messages huge Reps", func(ctx context.Context) error {
			_, err := ipc.Messages(ctx, nil, ipc.MessageOptions{Target: time.Millisecond, Workers: 1, Messages: 1, Reps: huge})
			return err
		}, "reps is outside"),
		probe.P("ipc.Messages NaN Target", func(ctx context.Context) error {
			_, err := ipc.Messages(ctx, nil, ipc.MessageOptions{Target: nanD, Workers: 1, Messages: 1})
			return err
		}, "Target -2562047h47m16.854775808s is outside"),
		probe.P("ipc.Messages huge Target", func(ctx context.Context) error {
			_, err := ipc.Messages(ctx, nil, ipc.MessageOptions{Target: hugeD, Workers: 1, Messages: 1})
			return err
		}, "Target 2562047h47m16.854775807s is outside"),
		probe.P("ipc.Measure nil ctx", func(context.Context) error { _, err := ipc.Measure(nilCtx, []int{1}, 1); return err }, "nil context"),
		probe.P("ipc.Measure no sizes", func(ctx context.Context) error { _, err := ipc.Measure(ctx, nil, 1); return err }, "no payload sizes"),
		probe.P("ipc.Measure negative size", func(ctx context.Context) error { _, err := ipc.Measure(ctx, []int{-1}, 1); return err }, "payload size -1 is outside"),
	}
}

func strategiesProbes0304() []probe.Probe {
	var nilCtx context.Context
	tasks := run.Work(1, "count", 10)
	return []probe.Probe{
		probe.P("strategies.Compare no entries", func(ctx context.Context) error {
			_, err := strategies.Compare(ctx, "count", tasks, nil, 1)
			return err
		}, "nothing to compare"),
		probe.P("strategies.Compare nil kind", func(ctx context.Context) error {
			_, err := strategies.Compare(ctx, "count", tasks, []strategies.Entry{{Workers: 1}}, 1)
			return err
		}, "has no constructor"),
		probe.P("strategies.Compare huge workers", func(ctx context.Context) error {
			_, err := strategies.Compare(ctx, "count", tasks, []strategies.Entry{{Kind: strategies.Threads, Workers: huge}}, 1)
			return err
		}, "needs 1 to 1000 threads"),
		probe.P("strategies.Compare nil ctx", func(context.Context) error {
			_, err := strategies.Compare(nilCtx, "count", tasks, []strategies.Entry{{Kind: strategies.Sequential, Workers: 1}}, 1)
			return err
		}, "context"),

		probe.P("strategies.OneTwoFour nil ctx", func(context.Context) error {
			_, err := strategies.OneTwoFour(nilCtx, nil, 100, time.Millisecond, 1, 1)
			return err
		}, "context"),
		probe.P("strategies.OneTwoFour zero goTotal", func(ctx context.Context) error {
			_, err := strategies.OneTwoFour(ctx, nil, 0, time.Millisecond, 1, 1)
			return err
		}, "goTotal 0 must be"),
		probe.P("strategies.OneTwoFour NaN target", func(ctx context.Context) error {
			_, err := strategies.OneTwoFour(ctx, nil, 100, nanD, 1, 1)
			return err
		}, "target -2562047h47m16.854775808s is outside"),
		probe.P("strategies.OneTwoFour zero cores", func(ctx context.Context) error {
			_, err := strategies.OneTwoFour(ctx, nil, 100, time.Millisecond, 0, 1)
			return err
		}, "cores 0 is outside"),
		probe.P("strategies.OneTwoFour huge reps", func(ctx context.Context) error {
			_, err := strategies.OneTwoFour(ctx, nil, 100, time.Millisecond, 1, huge)
			return err
		}, "reps 1000000000000 is outside"),
		probe.P("strategies.OneTwoFour huge goTotal stops with its context", func(ctx context.Context) error {
			ctx, cancel := within(ctx, 100*time.Millisecond)
			defer cancel()
			_, err := strategies.OneTwoFour(ctx, nil, 1<<62, time.Millisecond, 1, 1)
			return err
		}, "deadline exceeded"),

		probe.P("strategies.PerCore nil ctx", func(context.Context) error {
			_, err := strategies.PerCore(nilCtx, nil, 100, time.Millisecond, 1, 1)
			return err
		}, "context"),
		probe.P("strategies.PerCore huge cores", func(ctx context.Context) error {
			_, err := strategies.PerCore(ctx, nil, huge, time.Millisecond, huge, 1)
			return err
		}, "cores 1000000000000 is outside"),
		probe.P("strategies.PerCore negative goN", func(ctx context.Context) error {
			_, err := strategies.PerCore(ctx, nil, -1, time.Millisecond, 1, 1)
			return err
		}, "goN -1 must be"),
		probe.P("strategies.PerCore NaN target", func(ctx context.Context) error {
			_, err := strategies.PerCore(ctx, nil, 100, nanD, 1, 1)
			return err
		}, "target -2562047h47m16.854775808s is outside"),
		probe.P("strategies.PerCore huge reps", func(ctx context.Context) error {
			_, err := strategies.PerCore(ctx, nil, 100, time.Millisecond, 1, huge)
			return err
		}, "reps 1000000000000 is outside"),

		probe.P("strategies.Python nil ctx", func(context.Context) error { _, err := strategies.Python(nilCtx); return err }, "context"),

		probe.P("strategies.Scale no kinds", func(ctx context.Context) error {
			_, err := strategies.Scale(ctx, strategies.Sweep{Task: "count", Total: 100, Workers: []int{1}, Kinds: nil, Reps: 1}, 1)
			return err
		}, "no kinds"),
		probe.P("strategies.Scale zero cores", func(ctx context.Context) error {
			_, err := strategies.Scale(ctx, strategies.Sweep{Task: "count", Total: 100, Workers: []int{1}, Kinds: []strategies.Kind{strategies.Goroutines}, Reps: 1}, 0)
			return err
		}, "0 cores"),
		probe.P("strategies.Scale no workers, huge total", func(ctx context.Context) error {
			ctx, cancel := within(ctx, 100*time.Millisecond)
			defer cancel()
			_, err := strategies.Scale(ctx, strategies.Sweep{Task: "count", Total: 1 << 62, Workers: nil, Kinds: []strategies.Kind{strategies.Goroutines}, Reps: 1}, 1)
			return err
		}, "no worker counts"),
		probe.P("strategies.Scale negative total", func(ctx context.Context) error {
			_, err := strategies.Scale(ctx, strategies.Sweep{Task: "count", Total: -1, Workers: []int{1}, Kinds: []strategies.Kind{strategies.Goroutines}, Reps: 1}, 1)
			return err
		}, "total -1 must be positive"),
		probe.P("strategies.Scale huge reps", func(ctx context.Context) error {
			_, err := strategies.Scale(ctx, strategies.Sweep{Task: "count", Total: 100, Workers: []int{1}, Kinds: []strategies.Kind{strategies.Goroutines}, Reps: huge}, 1)
			return err
		}, "Reps must be at most"),

		probe.P("strategies.Spans nil records", func(context.Context) error {
			return want(len(strategies.Spans("", nil)) == 0, "spans of nothing")
		}, probe.Harmless),

		probe.P("strategies.Ten nil ctx", func(context.Context) error {
			_, _, err := strategies.Ten(nilCtx, nil, 100, time.Millisecond, 1, 1)
			return err
		}, "context"),
		probe.P("strategies.Ten negative goTotal", func(ctx context.Context) error {
			_, _, err := strategies.Ten(ctx, nil, -1, time.Millisecond, 1, 1)
			return err
		}, "goTotal -1 must be"),
		probe.P("strategies.Ten NaN target", func(ctx context.Context) error {
			_, _, err := strategies.Ten(ctx, nil, 100, nanD, 1, 1)
			return err
		}, "target -2562047h47m16.854775808s is outside"),
		probe.P("strategies.Ten huge cores", func(ctx context.Context) error {
			_, _, err := strategies.Ten(ctx, nil, 100, time.Millisecond, huge, 1)
			return err
		}, "cores 1000000000000 is outside"),
		probe.P("strategies.Ten huge goTotal stops with its context", func(ctx context.Context) error {
			ctx, cancel := within(ctx, 100*time.Millisecond)
			defer cancel()
			_, _, err := strategies.Ten(ctx, nil, 1<<62, time.Millisecond, 1, 1)
			return err
		}, "deadline exceeded"),

		probe.P("strategies.Time nil kind", func(ctx context.Context) error {
			_, _, err := strategies.Time(ctx, "count", strategies.Kind{}, 1, tasks, 1)
			return err
		}, "has no constructor"),
		probe.P("strategies.Time huge workers", func(ctx context.Context) error {
			_, _, err := strategies.Time(ctx, "count", strategies.ProcessPool, huge, tasks, 1)
			return err
		}, "1000000000000"),
		probe.P("strategies.Time negative workers", func(ctx context.Context) error {
			_, _, err := strategies.Time(ctx, "count", strategies.Threads, -1, tasks, 1)
			return err
		}, "needs 1 to 1000 threads"),
		probe.P("strategies.Time huge reps", func(ctx context.Context) error {
			_, _, err := strategies.Time(ctx, "count", strategies.Sequential, 1, tasks, huge)
			return err
		}, "Reps must be at most"),
		probe.P("strategies.Time nil tasks", func(ctx context.Context) error {
			_, _, err := strategies.Time(ctx, "count", strategies.Sequential, 1, nil, 1)
			return err
		}, probe.Harmless),
		probe.P("strategies.Time nil ctx", func(context.Context) error {
			_, _, err := strategies.Time(nilCtx, "count", strategies.Sequential, 1, tasks, 1)
			return err
		}, "context"),

		probe.P("strategies.Times nil results", func(context.Context) error {
			s := strategies.Times(nil) + strategies.Times([]bench.Result{{}, {}})
			return want(strings.Contains(s, "nothing was measured"), "text %q", s)
		}, probe.Harmless),
		probe.P("strategies.Verdicts zero cores", func(context.Context) error {
			s := strategies.Verdicts(bench.Result{}, nil, 0) + strategies.Verdicts(sample0304[0], sample0304, -1)
			return want(s != "", "empty text")
		}, probe.Harmless),
	}
}
