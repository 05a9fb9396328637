package kernelhelpers_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/futures"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/kernel-helpers/worker"
	"concurrencylab/workloads"
	"concurrencylab/workloads/counter"
	"concurrencylab/workloads/latency"
)

// The values a reader types when they change a parameter to "a lot".
const (
	huge  = 1_000_000_000_000
	nanD  = time.Duration(math.MinInt64) // what time.Duration(math.NaN()) gives on amd64
	hugeD = time.Duration(math.MaxInt64)
)

// probe is one call with bad input; it must return an error containing
// want, within the time budget, without panicking and without growing the
// heap past the memory budget.
type probe struct {
	name string
	call func(ctx context.Context) error
	want string
}

const (
	probeTime   = 5 * time.Second
	probeMemory = 256 << 20
)

// TestBadInput calls the library's exported functions that take a size,
// count, duration, function, pointer or context with zero, negative, huge,
// NaN and nil values. Each must fail with a clear error: no fatal error, no
// panic, no hang, no unbounded memory.
func TestBadInput(t *testing.T) {
	var nilGIL *gil.GIL
	var nilStore *history.Store
	ok := func() error { return nil }
	probes := []probe{
		{"bench.Run reps huge", func(ctx context.Context) error {
			_, err := bench.Run(ctx, bench.Options{Reps: huge}, ok)
			return err
		}, "Reps must be at most"},
		{"bench.Run reps negative", func(ctx context.Context) error {
			_, err := bench.Run(ctx, bench.Options{Reps: -1}, ok)
			return err
		}, "Reps must be 0"},
		{"bench.Run warmup huge", func(ctx context.Context) error {
			_, err := bench.Run(ctx, bench.Options{Warmup: huge}, ok)
			return err
		}, "Warmup must be at most"},
		{"bench.Run nil func", func(ctx context.Context) error {
			_, err := bench.Run(ctx, bench.Options{}, nil)
			return err
		}, "function to time"},
		{"bench.Run nil ctx", func(context.Context) error {
			_, err := bench.Run(nil, bench.Options{}, ok) //nolint:staticcheck // the nil context is the probe
			return err
		}, "needs a context"},
		{"run.MaxProcs huge", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.MaxProcs(huge), run.Work(1, "noop", nil))
			return err
		}, "GOMAXPROCS must be"},
		{"run.OSThreads huge", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.OSThreads(huge), run.Work(1, "noop", nil))
			return err
		}, "threads"},
		{"run.ProcessPool huge", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.ProcessPool(huge), run.Work(1, "noop", nil))
			return err
		}, "processes"},
		{"run.ProcessPerTask negative", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.ProcessPerTask(-1), run.Work(1, "noop", nil))
			return err
		}, "processes"},
		{"run.GoroutinePool zero", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.GoroutinePool(0), run.Work(1, "noop", nil))
			return err
		}, "at least 1"},
		{"run.Work negative", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.Sequential(), run.Work(-1, "noop", nil))
			return err
		}, "n must be 0 to"},
		{"run.Work huge", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.Goroutines(), run.Work(huge, "noop", nil))
			return err
		}, "n must be 0 to"},
		{"run.GILThreads nil", func(ctx context.Context) error {
			_, err := run.Batch(ctx, run.GILThreads(nil), run.Work(1, "noop", nil))
			return err
		}, "needs a GIL"},
		{"run.Batch nil ctx", func(context.Context) error {
			_, err := run.Batch(nil, run.Sequential(), nil) //nolint:staticcheck // the probe
			return err
		}, "needs a context"},
		{"worker.NewPool huge", func(ctx context.Context) error {
			_, err := worker.NewPool(ctx, huge)
			return err
		}, "more than this machine allows"},
		{"worker.NewPool zero", func(ctx context.Context) error {
			_, err := worker.NewPool(ctx, 0)
			return err
		}, "at least 1"},
		{"worker.NewPoolDepth huge depth", func(ctx context.Context) error {
			_, err := worker.NewPoolDepth(ctx, 1, huge)
			return err
		}, "depth"},
		{"futures.NewGoroutinePool zero", func(context.Context) error {
			_, err := futures.NewGoroutinePool(0)
			return err
		}, "must be positive"},
		{"futures.NewProcessPool huge", func(ctx context.Context) error {
			_, err := futures.NewProcessPool(ctx, huge)
			return err
		}, "more than this machine allows"},
		{"futures.Submit zero pool", func(ctx context.Context) error {
			_, err := futures.Submit(ctx, &futures.GoroutinePool{}, func(context.Context) (int, error) { return 1, nil }).Wait()
			return err
		}, "zero-value"},
		{"futures.Submit nil func", func(ctx context.Context) error {
			p, err := futures.NewGoroutinePool(1)
			if err != nil {
				return err
			}
			defer p.Close()
			_, err = futures.Submit[int](ctx, p, nil).Wait()
			return err
		}, "nil"},
		{"memory.PerGoroutine huge", func(context.Context) error { _, err := memory.PerGoroutine(huge); return err }, ""},
		{"memory.PerThread huge", func(context.Context) error { _, err := memory.PerThread(huge); return err }, ""},
		{"memory.PerProcess huge", func(ctx context.Context) error { _, err := memory.PerProcess(ctx, huge); return err }, ""},
		{"memory.ParkThreads negative", func(context.Context) error { _, err := memory.ParkThreads(-1); return err }, ""},
		{"memory.ParkGoroutines huge", func(context.Context) error { _, err := memory.ParkGoroutines(huge); return err }, ""},
		{"gil.Run nil GIL", func(ctx context.Context) error { _, err := nilGIL.Run(ctx, gil.CountTask(1)); return err }, "needs a GIL"},
		{"gil.Run too many", func(ctx context.Context) error {
			tasks := make([]gil.Task, gil.MaxThreads+1)
			for i := range tasks {
				tasks[i] = gil.SleepTask(time.Millisecond)
			}
			_, err := gil.New().Run(ctx, tasks...)
			return err
		}, "more than"},
		{"gil.SetSwitchInterval NaN", func(context.Context) error { return gil.New().SetSwitchInterval(nanD) }, "positive"},
		{"gil.SetSwitchInterval huge", func(context.Context) error { return gil.New().SetSwitchInterval(hugeD) }, "limit"},
		{"history.Open empty", func(context.Context) error { _, err := history.Open(""); return err }, "file path"},
		{"history.Decode nil", func(context.Context) error { _, _, err := history.Decode(nil); return err }, "needs a reader"},
		{"history nil store", func(context.Context) error { return nilStore.Record("", bench.Result{Name: "x"}) }, "no store"},
		{"history zero store", func(context.Context) error { _, err := (&history.Store{}).Load(); return err }, "no store"},
		{"latency.Start NaN latency", func(context.Context) error { _, err := latency.Start(latency.Options{Latency: nanD}); return err }, "outside"},
		{"latency.Start huge body", func(context.Context) error { _, err := latency.Start(latency.Options{BodySize: huge}); return err }, "outside"},
		{"latency.FetchAll huge concurrency", func(ctx context.Context) error {
			_, err := latency.FetchAll(ctx, []string{"http://127.0.0.1:1/"}, huge)
			return err
		}, "more than this machine allows"},
		{"workloads.WriteFiles huge", func(context.Context) error { _, err := workloads.WriteFiles(t.TempDir(), 1, huge); return err }, "more than"},
		{"workloads.Calibrate nil", func(context.Context) error { _, err := workloads.Calibrate(nil, time.Millisecond); return err }, ""},
		{"workloads.Calibrate NaN", func(context.Context) error {
			_, err := workloads.Calibrate(func(int64) {}, nanD)
			return err
		}, ""},
		{"workloads.Sleep NaN", func(ctx context.Context) error { return workloads.Sleep(ctx, nanD) }, ""},
		{"counter.Count huge", func(context.Context) error { _, err := counter.Count(counter.Unsafe, 2, huge); return err }, "more than"},
		{"counter.Count total", func(context.Context) error {
			_, err := counter.Count(counter.Mutex, counter.MaxGoroutines, 1<<20)
			return err
		}, "in all"},
	}
	for _, p := range probes {
		t.Run(p.name, func(t *testing.T) {
			err, grew, took := runProbe(p)
			if took >= probeTime {
				t.Fatalf("still running after %v", probeTime)
			}
			if grew > probeMemory {
				t.Errorf("the heap grew by %d MiB", grew>>20)
			}
			var pe panicked
			if errors.As(err, &pe) {
				t.Fatalf("panicked: %v", pe.v)
			}
			if err == nil {
				t.Fatalf("no error")
			}
			if p.want != "" && !strings.Contains(err.Error(), p.want) {
				t.Errorf("error %q does not say %q", err, p.want)
			}
		})
	}
}

type panicked struct{ v any }

func (p panicked) Error() string { return fmt.Sprint("panic: ", p.v) }

// runProbe runs one probe on a goroutine of its own with a context that
// ends at the time budget, and measures how much the heap grew.
func runProbe(p probe) (err error, grew uint64, took time.Duration) {
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ctx, cancel := context.WithTimeout(context.Background(), probeTime)
	defer cancel()
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- panicked{r}
			}
		}()
		done <- p.call(ctx)
	}()
	select {
	case err = <-done:
	case <-time.After(probeTime):
		return nil, 0, probeTime
	}
	took = time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if after.HeapAlloc > before.HeapAlloc {
		grew = after.HeapAlloc - before.HeapAlloc
	}
	return err, grew, took
}
