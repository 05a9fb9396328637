package eventloop_test

import (
	"context"
	"testing"
	"time"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/eventloop"
)

// switches is how many times each of the two tasks hands over per run.
const switches = 1000

// BenchmarkHandOver measures what it costs to pass control from one task to
// another: on the event loop (a coroutine switch through iter.Pull and the
// loop's queue), and between two goroutines over unbuffered channels (the
// Go scheduler parking one and waking the other). ns/handover is the
// figure to compare.
func BenchmarkHandOver(b *testing.B) {
	b.Run("eventloop", func(b *testing.B) {
		var total time.Duration
		for b.Loop() {
			loop := eventloop.New()
			for range 2 {
				_ = loop.Go("yielder", func(t *eventloop.Task) error {
					for range switches {
						if err := t.Yield(); err != nil {
							return err
						}
					}
					return nil
				})
			}
			start := time.Now()
			if err := loop.Run(context.Background()); err != nil {
				b.Fatal(err)
			}
			total += time.Since(start)
		}
		b.ReportMetric(float64(total.Nanoseconds())/float64(b.N*2*switches), "ns/handover")
	})
	b.Run("goroutines", func(b *testing.B) {
		var total time.Duration
		for b.Loop() {
			ping, pong := make(chan struct{}), make(chan struct{})
			done := make(chan struct{})
			start := time.Now()
			go func() {
				defer close(done)
				for range switches {
					<-ping
					pong <- struct{}{}
				}
			}()
			for range switches {
				ping <- struct{}{}
				<-pong
			}
			<-done
			total += time.Since(start)
		}
		b.ReportMetric(float64(total.Nanoseconds())/float64(b.N*2*switches), "ns/handover")
	})
}
