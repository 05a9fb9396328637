package iobound_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/iobound"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/kernel-helpers/worker"
	"concurrencylab/workloads/latency"
)

// The fetch task works in this process and in worker processes alike.
func TestFetchTaskEverywhere(t *testing.T) {
	srv, err := latency.Start(latency.Options{BodySize: 100})
	require.NoError(t, err)
	defer srv.Close()
	for _, s := range []run.Strategy{run.Sequential(), run.Goroutines(), run.ProcessPool(2), run.ProcessPerTask(3)} {
		t.Run(s.String(), func(t *testing.T) {
			recs, err := run.Batch(context.Background(), s, iobound.Tasks(srv.URLs(3)))
			require.NoError(t, err)
			require.Len(t, recs, 3)
			for i, r := range recs {
				assert.Equal(t, float64(100), r.Result, "page %d: bytes read", i)
				assert.Equal(t, "page "+string(rune('0'+i)), r.Name)
			}
		})
	}
}

func TestFetchTaskErrors(t *testing.T) {
	fetch, ok := worker.Lookup(iobound.Task)
	require.True(t, ok, "importing iobound registers the task")
	_, err := fetch(context.Background(), json.RawMessage(`42`))
	assert.ErrorContains(t, err, "must be a URL string")
	_, err = fetch(context.Background(), json.RawMessage(`"http://127.0.0.1:1/closed"`))
	assert.Error(t, err, "nothing listens on port 1")
}

func TestCompare(t *testing.T) {
	o := iobound.Options{Pages: 4, Latency: 20 * time.Millisecond, Workers: 2, Reps: 1}
	results, err := iobound.Compare(context.Background(), o)
	require.NoError(t, err)
	require.Len(t, results, 5)
	for i, want := range []struct {
		strategy string
		workers  int
	}{{"sequential", 1}, {"goroutines", 4}, {"OS threads", 2}, {"process pool", 2}, {"process per task", 4}} {
		assert.Equal(t, want.strategy, results[i].Strategy)
		assert.Equal(t, want.workers, results[i].Workers)
		assert.Equal(t, "20ms", results[i].Params["latency"])
		// Each batch waits at least one latency per round: a real wait, not a faked one.
		rounds := (o.Pages + want.workers - 1) / want.workers
		assert.GreaterOrEqual(t, results[i].Min(), time.Duration(rounds)*o.Latency, want.strategy)
	}
}

func TestCompareBadOptions(t *testing.T) {
	for name, o := range map[string]iobound.Options{
		"no pages":   {Workers: 1, Latency: time.Millisecond},
		"no workers": {Pages: 1, Latency: time.Millisecond},
		"too many":   {Pages: run.MaxProcesses + 1, Workers: 1},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := iobound.Compare(context.Background(), o)
			assert.Error(t, err)
		})
	}
}

func TestVerdict(t *testing.T) {
	o := iobound.Options{Pages: 8, Latency: 50 * time.Millisecond, Workers: 4}
	seq := bench.Result{Strategy: "sequential", Workers: 1, Samples: []time.Duration{410 * time.Millisecond}}
	gor := bench.Result{Strategy: "goroutines", Workers: 8, Samples: []time.Duration{52 * time.Millisecond}}
	pool := bench.Result{Strategy: "process pool", Workers: 4, Samples: []time.Duration{108 * time.Millisecond}}
	v := iobound.Verdict([]bench.Result{seq, gor, pool}, o)
	assert.Contains(t, v, "sequential with 1 took 410ms (at least 8 rounds of 50ms: 400ms)")
	assert.Contains(t, v, "goroutines with 8 took 52ms (at least 1 round of 50ms: 50ms)")
	assert.Contains(t, v, "process pool with 4 took 108ms (at least 2 rounds of 50ms: 100ms)")
	assert.Contains(t, v, "the waits overlapped")
	assert.NotContains(t, v, "bench.", "a format string mangled by a rename (audit E22)")
	pool.Samples = []time.Duration{time.Second}
	assert.Contains(t, iobound.Verdict([]bench.Result{seq, pool}, o), "Process pool took no less than one after the other could at best (400ms)")
	assert.Contains(t, iobound.Verdict(nil, o), "nothing was measured")
}
