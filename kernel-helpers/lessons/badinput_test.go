// Package lessons_test holds the bad-input table of the lesson floor: one
// probe (or more) for each exported function of a lesson package that takes
// a size, count, duration, function, pointer or context.
package lessons_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/internal/apiscan"
	"concurrencylab/kernel-helpers/internal/probe"
	"concurrencylab/kernel-helpers/internal/testmain"
	"concurrencylab/kernel-helpers/lessons/01-processes/child"
	"concurrencylab/kernel-helpers/lessons/01-processes/startcost"
	"concurrencylab/kernel-helpers/lessons/02-threads/cancellation"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/iobound"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/ipc"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/strategies"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/asyncio"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/decide"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/executors"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/heartbeat"
)

func TestMain(m *testing.M) { testmain.Main(m) }

const (
	huge  = probe.Huge
	nanD  = probe.NaND
	hugeD = probe.HugeD
)

// lessonProbes is the bad-input table of the lesson floor.
func lessonProbes() []probe.Probe {
	probes := []probe.Probe{
		probe.P("asyncio.Track nil gauge", func(ctx context.Context) error {
			_, err := asyncio.TaskGroup(ctx, asyncio.Track[int](nil, []func(context.Context) (int, error){
				func(context.Context) (int, error) { return 1, nil },
			})...)
			return err
		}, "needs a *Gauge"),
		probe.P("asyncio.WaitFor negative timeout", func(ctx context.Context) error {
			_, err := asyncio.WaitFor(ctx, -1, func(context.Context) (int, error) { return 1, nil })
			return err
		}, "timeout"),
		probe.P("asyncio.WaitFor NaN timeout", func(ctx context.Context) error {
			_, err := asyncio.WaitFor(ctx, nanD, func(context.Context) (int, error) { return 1, nil })
			return err
		}, "timeout"),

		probe.P("cancellation.Ignore huge n", func(ctx context.Context) error {
			_, err := cancellation.Ignore(ctx, 1<<62, time.Millisecond)
			return err
		}, "n must be"),
		probe.P("cancellation.StopLatency huge trials", func(ctx context.Context) error {
			_, err := cancellation.StopLatency(ctx, 1, huge)
			return err
		}, "trials must be at most"),

		probe.P("child.Kill nil ctx", func(context.Context) error {
			_, err := child.Kill(nil, 10, time.Millisecond, time.Millisecond) //nolint:staticcheck // the probe
			return err
		}, "context"),

		probe.P("decide.Measure huge tasks", func(ctx context.Context) error {
			_, err := decide.Measure(ctx, decide.Sizes{Tasks: huge})
			return err
		}, "Interval 0s must be positive"),

		probe.P("executors.PerTask huge reps", func(ctx context.Context) error {
			_, err := executors.PerTask(ctx, executors.Goroutines, 1, 1, huge)
			return err
		}, "Reps must be at most"),
		probe.P("executors.PerTask huge tasks", func(ctx context.Context) error {
			_, err := executors.PerTask(ctx, executors.Goroutines, huge, 1, 1)
			return err
		}, "tasks is more than"),

		probe.P("heartbeat.OnGoroutines huge HogN", func(ctx context.Context) error {
			_, err := heartbeat.OnGoroutines(ctx, heartbeat.Options{Interval: time.Millisecond, Ticks: 5, HogAfter: time.Millisecond, HogN: 1 << 62})
			return err
		}, "HogN"),
		probe.P("heartbeat.OnEventLoop huge HogN", func(ctx context.Context) error {
			_, err := heartbeat.OnEventLoop(ctx, heartbeat.Options{Interval: time.Millisecond, Ticks: 5, HogAfter: time.Millisecond, HogN: 1 << 62})
			return err
		}, "HogN"),

		probe.P("iobound.Compare huge reps", func(ctx context.Context) error {
			_, err := iobound.Compare(ctx, iobound.Options{Pages: 1, Latency: time.Millisecond, Workers: 1, Reps: huge})
			return err
		}, "Reps must be at most"),
		probe.P("ipc.Measure huge reps", func(ctx context.Context) error {
			_, err := ipc.Measure(ctx, []int{1}, huge)
			return err
		}, "Reps must be at most"),
		probe.P("startcost.Sweep nil plans", func(ctx context.Context) error {
			_, err := startcost.Sweep(ctx, nil, huge)
			return err
		}, "nothing to measure"),
		probe.P("strategies.Split nil kinds", func(ctx context.Context) error {
			_, err := strategies.Split(ctx, strategies.Sweep{Task: "count", Total: 1000, Workers: []int{1}, Kinds: nil, Reps: huge})
			return err
		}, "no worker counts or no kinds"),
		probe.P("strategies.Split nil kinds, huge workers", func(ctx context.Context) error {
			_, err := strategies.Split(ctx, strategies.Sweep{Task: "count", Total: 1 << 62, Workers: []int{huge}, Kinds: nil, Reps: 1})
			return err
		}, "no worker counts or no kinds"),
		probe.P("strategies.WorkerCounts huge", func(context.Context) error {
			if n := len(strategies.WorkerCounts(huge)); n > 64 {
				return fmt.Errorf("%d worker counts", n)
			}
			return nil
		}, probe.Harmless),
	}
	// One file of probes per notebook's lessons.
	probes = append(probes, probes0102...) // badinput_0102_test.go: 00, 01, 02, 07
	probes = append(probes, probes02...)   // badinput_02_test.go: 02's datarace and sched
	probes = append(probes, probes0304...) // badinput_0304_test.go: 03, 04
	return append(probes, probes05...)     // badinput_05_test.go: 05
}

// TestBadInput runs the lesson floor's table.
func TestBadInput(t *testing.T) {
	probe.Run(t, lessonProbes())
}

// lessonExempt lists lesson functions that need no probe, with the reason.
var lessonExempt = map[string]string{}

// TestBadInputCovers checks that the table has a probe for every exported
// function and method of a lesson package that takes a value a reader can
// get wrong, and fails naming each one that has none.
func TestBadInputCovers(t *testing.T) {
	api, err := apiscan.Load(".", "concurrencylab/kernel-helpers/lessons/...")
	require.NoError(t, err)
	lesson := func(path string) bool { return strings.Contains(path, "/kernel-helpers/lessons/") }
	probe.Covers(t, api, lesson, lessonProbes(), lessonExempt)
}
