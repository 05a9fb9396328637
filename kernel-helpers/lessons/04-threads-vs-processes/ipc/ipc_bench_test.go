package ipc

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"concurrencylab/kernel-helpers/worker"
)

// BenchmarkRoundTrip compares the three ways behind one loop, as
// semaphore_bench_test.go in x/sync compares its implementations. SetBytes
// turns the time per round trip into a throughput: flat for the channel,
// which moves no bytes at all.
func BenchmarkRoundTrip(b *testing.B) {
	pool, err := worker.NewPool(context.Background(), 1)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	for _, size := range []int{16, 1 << 10, 64 << 10, 1 << 20} {
		payload := strings.Repeat("x", size)
		data := []byte(payload)
		for _, copying := range []bool{false, true} {
			name := "channel"
			if copying {
				name = "channel-copy"
			}
			b.Run(fmt.Sprintf("%s/%dB", name, size), func(b *testing.B) {
				e := startEcho(copying)
				defer e.stop()
				b.SetBytes(int64(size))
				for b.Loop() {
					if err := e.trip(data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(fmt.Sprintf("pipe/%dB", size), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				var back string
				if _, err := pool.Call(context.Background(), "echo", payload, &back); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
