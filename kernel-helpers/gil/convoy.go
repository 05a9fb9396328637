package gil

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/workloads"
)

// Strategy names [Convoy] puts in its [bench.Result]: the course's one
// spelling of each, from package bench (also run.NameGILThreads and
// run.NameOSThreads).
const (
	// StrategyGIL: OS threads taking turns under an emulated GIL.
	StrategyGIL = bench.NameGILThreads
	// StrategyNoGIL: the same OS threads without a GIL, as Go runs them.
	StrategyNoGIL = bench.NameOSThreads
)

// Limits on [ConvoyConfig]. More hogs than this is many times the cores of
// any laptop and shows nothing new; a blocking call of over a second or more
// than 10,000 samples would make a notebook cell run for minutes.
const (
	MaxConvoyHogs    = 64
	MaxConvoySleep   = time.Second
	MaxConvoySamples = 10_000
)

// Defaults for the zero fields of [ConvoyConfig]: the 1 ms sleep of the
// course's CPython convoy probe, and enough samples for a steady median.
const (
	DefaultConvoySleep   = time.Millisecond
	DefaultConvoySamples = 20
)

// hogChunk is how many counting steps a hog runs between looks at its stop
// flag: about 0.1-0.2 ms at the 2.5-3 ns per step measured for
// [workloads.CountTo], so that hogs stop promptly.
const hogChunk = 64 * workloads.CheckEvery

// ConvoyConfig says what [Convoy] measures. The zero value times 20 sleeps of
// 1 ms with no hog and no GIL.
type ConvoyConfig struct {
	// GIL is the lock the probe and the hogs share; nil runs them without one.
	// Its switch interval is the one that counts.
	GIL *GIL
	// Hogs is how many CPU-bound threads run beside the probe.
	Hogs int
	// Sleep is the probe's blocking call; 0 means [DefaultConvoySleep].
	Sleep time.Duration
	// Samples is how many sleeps are timed; 0 means [DefaultConvoySamples].
	Samples int
}

// Convoy measures the convoy effect: how long a thread that sleeps for a
// moment (a stand-in for a quick I/O call) takes to get going again while
// CPU-bound threads ("hogs") run beside it.
//
// Every thread is a goroutine locked to its own OS thread. The probe sleeps
// through [Thread.Blocking], releasing the GIL, and each sample is the time
// from before the sleep until the probe holds the GIL again. Without a GIL
// that is about the sleep itself. Under a GIL a hog takes the GIL while the
// probe sleeps and, being CPU-bound, never gives it back by itself: the
// probe waits a whole switch interval before it may ask for it. CPython
// shows the same, about 1 ms + 5 ms.
//
// The [bench.Result] is named "convoy", with strategy [StrategyGIL] or
// [StrategyNoGIL], Workers set to the number of hogs, and params "hogs",
// "sleep_ms" and (under a GIL) "switch_interval_ms", the keys the CPython
// convoy probe uses too. One untimed sleep comes first, as a warm-up.
//
// Bad settings return an error before anything starts. Once ctx is done the
// probe stops and Convoy returns the samples so far with ctx's error.
func Convoy(ctx context.Context, cfg ConvoyConfig) (bench.Result, error) {
	if ctx == nil {
		return bench.Result{}, errors.New("gil: Convoy needs a context, got nil")
	}
	if cfg.Sleep == 0 {
		cfg.Sleep = DefaultConvoySleep
	}
	if cfg.Samples == 0 {
		cfg.Samples = DefaultConvoySamples
	}
	switch {
	case cfg.Hogs < 0 || cfg.Hogs > MaxConvoyHogs:
		return bench.Result{}, fmt.Errorf("gil: Convoy: Hogs must be between 0 and %d, got %d", MaxConvoyHogs, cfg.Hogs)
	case cfg.Sleep < 0 || cfg.Sleep > MaxConvoySleep:
		return bench.Result{}, fmt.Errorf("gil: Convoy: Sleep must be between 0 (for %v) and %v, got %v", DefaultConvoySleep, MaxConvoySleep, cfg.Sleep)
	case cfg.Samples < 0 || cfg.Samples > MaxConvoySamples:
		return bench.Result{}, fmt.Errorf("gil: Convoy: Samples must be between 0 (for %d) and %d, got %d", DefaultConvoySamples, MaxConvoySamples, cfg.Samples)
	}

	res := bench.Result{
		Name:     "convoy",
		Strategy: StrategyNoGIL,
		Workers:  cfg.Hogs,
		Params: map[string]string{
			"hogs":     strconv.Itoa(cfg.Hogs),
			"sleep_ms": formatMillis(cfg.Sleep),
		},
	}
	if cfg.GIL != nil {
		res.Strategy = StrategyGIL
		res.Params["switch_interval_ms"] = formatMillis(cfg.GIL.SwitchInterval())
	}

	var stop atomic.Bool
	var hogs sync.WaitGroup
	running := make(chan struct{}, cfg.Hogs)
	for range cfg.Hogs {
		hogs.Go(func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var check func()
			if cfg.GIL != nil {
				t := cfg.GIL.Thread()
				t.Acquire()
				defer t.Release()
				check = t.Check
			}
			running <- struct{}{}
			for !stop.Load() {
				workloads.CountToWith(hogChunk, check)
			}
		})
	}
	// Measure only once every hog is busy: the effect is about hogs that run.
	for range cfg.Hogs {
		<-running
	}

	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		res.Samples, err = probe(ctx, cfg)
	}()
	<-done
	stop.Store(true)
	hogs.Wait()
	return res, err
}

// probe is the sleeping thread of [Convoy]: it times cfg.Samples sleeps,
// each from before the sleep until it holds the GIL again.
func probe(ctx context.Context, cfg ConvoyConfig) ([]time.Duration, error) {
	var t *Thread
	if cfg.GIL != nil {
		t = cfg.GIL.Thread()
		t.Acquire()
		defer t.Release()
	}
	sleep := func() { time.Sleep(cfg.Sleep) }
	blocking := func() {
		if t == nil {
			sleep()
			return
		}
		t.Blocking(sleep)
	}

	blocking() // warm-up
	samples := make([]time.Duration, 0, cfg.Samples)
	for i := range cfg.Samples {
		if err := ctx.Err(); err != nil {
			return samples, fmt.Errorf("gil: Convoy stopped after %d of %d samples: %w", i, cfg.Samples, err)
		}
		start := time.Now()
		blocking()
		samples = append(samples, time.Since(start))
	}
	return samples, nil
}

// formatMillis writes d in milliseconds, as short as exact: "1", "0.5", "12.25".
func formatMillis(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', -1, 64)
}
