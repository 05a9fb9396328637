package ipc

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/kernel-helpers/worker"
)

// The three ways of a round trip, as Point.How names them.
const (
	Channel     = "channel (shared memory)"
	ChannelCopy = "channel, copying the bytes"
	Pipe        = "pipe to a worker process"
)

// MaxSize bounds a payload: the worker package refuses frames over 64 MiB,
// and JSON makes a payload a little longer, so 16 MiB is a safe ceiling far
// above what the lesson needs.
const MaxSize = 16 << 20

// Point is one way at one payload size.
type Point struct {
	How    string
	Size   int          // payload bytes
	Calls  int          // round trips per timed sample
	Result bench.Result // each sample times Calls round trips
}

// PerCall returns the median time of one round trip.
func (p Point) PerCall() time.Duration {
	if p.Calls <= 0 {
		return 0
	}
	return p.Result.Median() / time.Duration(p.Calls)
}

// callsFor picks how many round trips make one sample: enough that a
// sample takes well over a timer tick for tiny payloads, few enough that a
// sample of megabytes through a pipe takes tens of milliseconds.
func callsFor(size int) int {
	return min(max((4<<20)/max(size, 1), 5), 1000)
}

// Measure times round trips of each size over each way, reps samples each
// after a warm-up. It starts one worker process for the pipe and stops it
// before returning.
func Measure(ctx context.Context, sizes []int, reps int) ([]Point, error) {
	if ctx == nil {
		return nil, errors.New("ipc: nil context")
	}
	if len(sizes) == 0 {
		return nil, errors.New("ipc: no payload sizes")
	}
	for _, s := range sizes {
		if s <= 0 || s > MaxSize {
			return nil, fmt.Errorf("ipc: payload size %d is outside [1, %d]", s, MaxSize)
		}
	}
	pool, err := worker.NewPool(ctx, 1)
	if err != nil {
		return nil, fmt.Errorf("ipc: %w", err)
	}
	defer pool.Close()
	ch := startEcho(false)
	defer ch.stop()
	cp := startEcho(true)
	defer cp.stop()

	var points []Point
	for _, size := range sizes {
		payload := strings.Repeat("x", size)
		data := []byte(payload)
		copies := callsFor(size)
		// A channel moves only the slice header, so it gets as many round
		// trips per sample at every size: the same timer resolution for the
		// comparison of sizes. The others copy the bytes and get fewer.
		ways := []struct {
			how   string
			calls int
			trip  func() error
		}{
			{Channel, 1000, func() error { return ch.trip(data) }},
			{ChannelCopy, copies, func() error { return cp.trip(data) }},
			{Pipe, copies, func() error {
				var back string
				if _, err := pool.Call(ctx, "echo", payload, &back); err != nil {
					return err
				}
				if len(back) != size {
					return fmt.Errorf("echo returned %d bytes, not %d", len(back), size)
				}
				return nil
			}},
		}
		for _, w := range ways {
			res, err := bench.Run(ctx, bench.Options{Name: "round trip", Strategy: w.how, Reps: reps,
				Params: map[string]string{"bytes": strconv.Itoa(size), "calls": strconv.Itoa(w.calls)}}, func() error {
				for range w.calls {
					if err := w.trip(); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return points, fmt.Errorf("ipc: %s, %d bytes: %w", w.how, size, err)
			}
			points = append(points, Point{How: w.how, Size: size, Calls: w.calls, Result: res})
		}
	}
	return points, nil
}

// echo is a goroutine that sends back what it receives, copied or not.
type echo struct {
	in, out chan []byte
	done    chan struct{}
}

func startEcho(copying bool) *echo {
	e := &echo{in: make(chan []byte), out: make(chan []byte), done: make(chan struct{})}
	go func() {
		defer close(e.done)
		for b := range e.in {
			if copying {
				b = append([]byte(nil), b...)
			}
			e.out <- b
		}
	}()
	return e
}

func (e *echo) trip(b []byte) error {
	e.in <- b
	if back := <-e.out; len(back) != len(b) {
		return fmt.Errorf("echo returned %d bytes, not %d", len(back), len(b))
	}
	return nil
}

func (e *echo) stop() {
	close(e.in)
	<-e.done
}

// Plot draws the time of one round trip against the payload size for each
// way, both axes logarithmic, with whiskers from the fastest and slowest
// samples.
func Plot(points []Point) ([]byte, error) {
	if len(points) == 0 {
		return nil, errors.New("ipc: nothing to plot")
	}
	var series []plots.Series
	for _, how := range hows(points) {
		s := plots.Series{Name: how}
		for _, p := range points {
			if p.How != how || p.Calls <= 0 {
				continue
			}
			per := func(d time.Duration) float64 { return float64(d) / float64(p.Calls) / float64(time.Microsecond) }
			s.X = append(s.X, float64(p.Size))
			s.Y = append(s.Y, per(p.Result.Median()))
			s.Low = append(s.Low, per(p.Result.Min()))
			s.High = append(s.High, per(p.Result.Max()))
		}
		series = append(series, s)
	}
	return plots.Lines("one round trip: send a payload, get it back",
		plots.Axis{Label: "payload", Unit: "bytes", Log: true}, plots.Axis{Label: "time per round trip", Unit: "µs", Log: true}, series)
}

func hows(points []Point) []string {
	var out []string
	for _, p := range points {
		if !slices.Contains(out, p.How) {
			out = append(out, p.How)
		}
	}
	return out
}

// Verdict compares the pipe with the channel at the smallest and the
// largest payload, with the figures, and tests two statements instead of
// asserting them: that passing a slice over a channel costs about the same
// whatever its size (within 2×: it hands over a reference), and that the
// pipe is the dearest way at both sizes.
func Verdict(points []Point) string {
	find := func(how string, size int) (Point, bool) {
		for _, p := range points {
			if p.How == how && p.Size == size {
				return p, true
			}
		}
		return Point{}, false
	}
	if len(points) == 0 {
		return "**This machine:** nothing was measured."
	}
	sizes := []int{}
	for _, p := range points {
		sizes = append(sizes, p.Size)
	}
	small, large := slices.Min(sizes), slices.Max(sizes)
	var parts []string
	pipeDearest := true
	var chSmall, chLarge time.Duration
	for _, size := range slices.Compact([]int{small, large}) {
		ch, ok1 := find(Channel, size)
		cp, ok2 := find(ChannelCopy, size)
		pp, ok3 := find(Pipe, size)
		if !ok1 || !ok2 || !ok3 || ch.PerCall() <= 0 {
			return "**This machine:** not every way was measured at every size."
		}
		parts = append(parts, fmt.Sprintf("with %s a round trip took %v over a channel, %v with a copy, and %v through a pipe to a process (%.0f× the channel)",
			bytes(size), bench.Round(ch.PerCall()), bench.Round(cp.PerCall()), bench.Round(pp.PerCall()), float64(pp.PerCall())/float64(ch.PerCall())))
		pipeDearest = pipeDearest && pp.PerCall() > cp.PerCall() && pp.PerCall() > ch.PerCall()
		if size == small {
			chSmall = ch.PerCall()
		}
		chLarge = ch.PerCall()
	}
	s := "**This machine:** " + strings.Join(parts, "; ") + ". "
	if large > small {
		if chLarge <= 2*chSmall {
			s += fmt.Sprintf("Over a channel %s cost about what %s did (%v vs %v): the goroutine receives a reference to the same bytes, not a copy. ",
				bytes(large), bytes(small), bench.Round(chLarge), bench.Round(chSmall))
		} else {
			s += fmt.Sprintf("Over a channel %s cost %.1f× what %s did (%v vs %v): not the same cost at every size here. ",
				bytes(large), float64(chLarge)/float64(chSmall), bytes(small), bench.Round(chLarge), bench.Round(chSmall))
		}
	}
	if pipeDearest {
		return s + "The pipe was the dearest way at every size: a process must encode and copy every byte, both ways."
	}
	return s + "The pipe was not the dearest way at every size here."
}

func bytes(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}
