package workloads_test

import (
	"sync"
	"testing"
	"time"

	"concurrencylab/workloads"
)

// BenchmarkSleepers starts 10,000 goroutines that each wait 100 ms. Waiting
// uses no CPU, so the batch should end after little more than 100 ms
// (the target is 150 ms), not after 10,000 × 100 ms.
func BenchmarkSleepers(b *testing.B) {
	const sleepers, wait = 10_000, 100 * time.Millisecond
	for b.Loop() {
		var wg sync.WaitGroup
		errs := make(chan error, sleepers)
		for range sleepers {
			wg.Go(func() {
				if err := workloads.Sleep(b.Context(), wait); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		if len(errs) > 0 {
			b.Fatal(<-errs)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/batch")
}

// BenchmarkReadFiles reads 100 files of 64 KiB from the page cache, one after
// the other; MB/s is the speed of the read system calls and the copying.
func BenchmarkReadFiles(b *testing.B) {
	const files, size = 100, 64 << 10
	paths, err := workloads.WriteFiles(b.TempDir(), files, size)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(files * size)
	for b.Loop() {
		if _, err := workloads.ReadFiles(paths); err != nil {
			b.Fatal(err)
		}
	}
}
