package gil_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/workloads"
)

// checkN is about 1-3 ms of counting: long enough that the per-call cost
// vanishes from ns/iter.
const checkN = 1 << 20

// BenchmarkCheck shows that a workload pays nothing measurable for being
// able to run under a GIL: plain is the loop without a hook, nil the hooked
// loop without a GIL, uncontended the hooked loop checking a GIL that it
// holds and nobody else wants (one atomic load per CheckEvery iterations).
func BenchmarkCheck(b *testing.B) {
	g := gil.New()
	th := g.Thread()
	th.Acquire()
	defer th.Release()
	cases := []struct {
		name string
		run  func() int64
	}{
		{"plain", func() int64 { return workloads.CountTo(checkN) }},
		{"nil", func() int64 { return workloads.CountToWith(checkN, nil) }},
		{"uncontended", func() int64 { return workloads.CountToWith(checkN, th.Check) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var sink int64
			for b.Loop() {
				sink += c.run()
			}
			if sink == 0 {
				b.Fatal("the loop counted nothing")
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/checkN, "ns/iter")
		})
	}
}

// Fidelity settings. 150 ms per task puts CPython's four tasks at 0.6 s,
// 120 switch intervals: long enough for the start and end of a run not to
// matter. Go's tasks are sized to the same time, not the same iteration
// count, because the switch interval is a time: the same number of
// intervals passes in both.
//
// Each operation of BenchmarkSeqRatio times fidelityPairs pairs (sequential,
// then under the GIL), and CPython runs fidelityReps pairs: the figures are
// medians of paired ratios, and on a machine shared with other programs
// the more pairs the steadier the median.
const (
	fidelityTasks   = 4
	fidelityPerTask = 150 * time.Millisecond
	fidelityPairs   = 3
	fidelityReps    = 7
	convoySamples   = 30
)

// python3 returns this machine's python3 for the CPython half of a
// fidelity benchmark, or false (having said why) when there is none.
func python3(b *testing.B) (cpython.Interpreter, bool) {
	py, err := cpython.Lookup(context.Background(), "python3")
	if errors.Is(err, cpython.ErrNoPython) {
		b.Logf("no CPython figure: %v", err)
		return py, false
	}
	if err != nil {
		b.Fatal(err)
	}
	py.Timeout = 5 * time.Minute
	return py, true
}

// BenchmarkSeqRatio is the fidelity check for CPU-bound threads: 4 tasks
// on 4 threads under the GIL take about as long as the 4 one after another,
// because only one runs at a time. seq-ratio is threads' time over
// sequential time for the emulated GIL, cpython-seq-ratio the same measured
// on real CPython in the same run; vs-cpython is the first over the second
// (1 means the same).
func BenchmarkSeqRatio(b *testing.B) {
	ctx := context.Background()
	cpyRatio := 0.0
	if py, ok := python3(b); ok {
		results, err := py.Strategies(ctx, cpython.StrategiesConfig{
			Workload:   cpython.Count,
			Target:     fidelityPerTask,
			Tasks:      fidelityTasks,
			Strategies: []string{cpython.Sequential, cpython.Threads},
			Reps:       fidelityReps,
		})
		if err != nil {
			b.Fatal(err)
		}
		// The program takes turns between the two, rep by rep: compare each
		// threads run with the sequential run just before it.
		cpyRatio = medianRatio(results[1].Samples, results[0].Samples)
		b.Logf("%v: %v; %v", py, results[0], results[1])
	}

	//lint:ignore SA4017 the count is the work; CountTo is go:noinline, so the call stays
	n, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, fidelityPerTask)
	if err != nil {
		b.Fatal(err)
	}
	tasks := slices.Repeat([]gil.Task{gil.CountTask(n)}, fidelityTasks)
	var seq, threads []time.Duration
	var switches int64
	for b.Loop() {
		for range fidelityPairs {
			start := time.Now()
			for range fidelityTasks {
				workloads.CountTo(n)
			}
			seq = append(seq, time.Since(start))

			g := gil.New()
			start = time.Now()
			if _, err := g.Run(ctx, tasks...); err != nil {
				b.Fatal(err)
			}
			threads = append(threads, time.Since(start))
			switches += g.Stats().Switches
		}
	}
	ratio := medianRatio(threads, seq)
	b.ReportMetric(ratio, "seq-ratio")
	b.ReportMetric(float64(switches)/float64(len(threads)), "switches/run")
	b.Logf("Go: n=%d per task; %v; %v", n,
		bench.Result{Strategy: "sequential", Samples: seq}, bench.Result{Strategy: gil.StrategyGIL, Samples: threads})
	if cpyRatio > 0 {
		b.ReportMetric(cpyRatio, "cpython-seq-ratio")
		b.ReportMetric(ratio/cpyRatio, "vs-cpython")
	}
}

// BenchmarkConvoy is the fidelity check for the convoy effect: the median
// time a 1 ms sleep takes, counted until the sleeper holds the GIL again,
// with one CPU-bound thread running (convoy-ms). Under the GIL (gil) that is
// about 1 ms plus the 5 ms switch interval, as cpython-convoy-ms shows for
// real CPython, measured in the same run; without a GIL (nogil) it is about
// the sleep itself.
func BenchmarkConvoy(b *testing.B) {
	ctx := context.Background()
	b.Run("gil", func(b *testing.B) {
		cpyMillis := 0.0
		if py, ok := python3(b); ok {
			results, err := py.Convoy(ctx, cpython.ConvoyConfig{
				Hogs:            []int{1},
				SwitchIntervals: []time.Duration{gil.DefaultSwitchInterval},
				Samples:         convoySamples,
			})
			if err != nil {
				b.Fatal(err)
			}
			cpyMillis = millis(results[0].Median())
			b.Logf("%v: %v", py, results[0])
		}
		all := runConvoy(b, func() *gil.GIL { return gil.New() })
		ms := millis(all.Median())
		b.ReportMetric(ms, "convoy-ms")
		if cpyMillis > 0 {
			b.ReportMetric(cpyMillis, "cpython-convoy-ms")
			b.ReportMetric(ms/cpyMillis, "vs-cpython")
		}
	})
	b.Run("nogil", func(b *testing.B) {
		all := runConvoy(b, func() *gil.GIL { return nil })
		b.ReportMetric(millis(all.Median()), "convoy-ms")
	})
}

// runConvoy runs one convoy measurement per benchmark iteration and
// returns all their samples together.
func runConvoy(b *testing.B, newGIL func() *gil.GIL) bench.Result {
	var all bench.Result
	for b.Loop() {
		res, err := gil.Convoy(context.Background(), gil.ConvoyConfig{GIL: newGIL(), Hogs: 1, Samples: convoySamples})
		if err != nil {
			b.Fatal(err)
		}
		all.Name, all.Strategy = res.Name, res.Strategy
		all.Samples = append(all.Samples, res.Samples...)
	}
	b.Logf("Go: %v", all)
	return all
}

// medianRatio returns the median of a[i]/b[i]: pairs measured one right
// after the other share the machine's mood, so a busy moment on the shared
// machine moves one pair, not the figure.
func medianRatio(a, b []time.Duration) float64 {
	ratios := make([]float64, min(len(a), len(b)))
	for i := range ratios {
		ratios[i] = float64(a[i]) / float64(b[i])
	}
	slices.Sort(ratios)
	n := len(ratios)
	if n%2 == 1 {
		return ratios[n/2]
	}
	return (ratios[n/2-1] + ratios[n/2]) / 2
}

func millis(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}
