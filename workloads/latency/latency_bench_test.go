package latency_test

import (
	"fmt"
	"testing"
	"time"

	"concurrencylab/workloads/latency"
)

// BenchmarkFetch fetches 100 pages that each take 50 ms to arrive. With all
// requests open at once the batch should take little more than one latency
// (the target is 60 ms); with 10 at a time, ten latencies.
//
// "reused" fetches with [latency.Server.Client], whose connections stay open
// from one batch to the next; "fresh" with [latency.FetchAll], which dials
// new connections for every batch. The difference is the cost of the TCP
// handshakes.
func BenchmarkFetch(b *testing.B) {
	const pages, wait = 100, 50 * time.Millisecond
	srv, err := latency.Start(latency.Options{Latency: wait, BodySize: 1024})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	urls := srv.URLs(pages)
	for _, concurrency := range []int{0, 10} {
		name := fmt.Sprintf("concurrency=%d", concurrency)
		if concurrency == 0 {
			name = "concurrency=all"
		}
		clients := []struct {
			name  string
			fetch func(b *testing.B) error
		}{
			{"reused", func(b *testing.B) error {
				_, err := latency.FetchAllWith(b.Context(), srv.Client(), urls, concurrency)
				return err
			}},
			{"fresh", func(b *testing.B) error {
				_, err := latency.FetchAll(b.Context(), urls, concurrency)
				return err
			}},
		}
		for _, c := range clients {
			b.Run(name+"/"+c.name, func(b *testing.B) {
				for b.Loop() {
					if err := c.fetch(b); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/batch")
			})
		}
	}
}
