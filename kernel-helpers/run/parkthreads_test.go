package run_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/run"
)

// TestWorkersSurviveRetiredThreads runs a process batch while another
// goroutine keeps parking and releasing OS threads, which Go then retires.
// No worker may die with a retired thread (the parent-death signal belongs
// to the forking thread; worker forks from a launcher thread of its own).
func TestWorkersSurviveRetiredThreads(t *testing.T) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			p, err := memory.ParkThreads(20)
			if err == nil {
				p.Release()
			}
		}
	})
	recs, err := run.Batch(context.Background(), run.ProcessPerTask(4), run.Work(40, "sleep", "20ms"))
	close(stop)
	wg.Wait()
	require.Len(t, recs, 40)
	failed := 0
	for _, r := range recs {
		if r.Err != nil {
			failed++
			t.Log(r.Name, r.Err)
		}
	}
	assert.Zero(t, failed, "tasks whose worker died")
	assert.NoError(t, err)
}
