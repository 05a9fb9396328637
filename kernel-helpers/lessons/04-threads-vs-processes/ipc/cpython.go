package ipc

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
)

// The two ways of a CPython round trip, as Point.How names them.
const (
	PyThread = "CPython thread (queue.Queue)"
	PyPipe   = "CPython process (multiprocessing.Pipe)"
)

// CPython times the same round trips in python3 (py/n04_ipc.py): to a
// thread through a pair of queue.Queue objects, which hand over a reference,
// and to a process through multiprocessing.Pipe, which pickles the bytes and
// copies them through the kernel, both ways. Each sample times as many round
// trips as [Measure] would for that size.
func CPython(ctx context.Context, py *cpython.Interpreter, sizes []int, reps int) ([]Point, error) {
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
	if reps < 0 || reps > cpython.MaxReps {
		return nil, fmt.Errorf("ipc: %d reps is outside [0 (for %d), %d]", reps, bench.DefaultReps, cpython.MaxReps)
	}
	if py == nil {
		return nil, cpython.ErrNoPython
	}
	if reps == 0 {
		reps = bench.DefaultReps
	}
	var out struct {
		Points []struct {
			How     string    `json:"how"`
			Bytes   int       `json:"bytes"`
			Calls   int       `json:"calls"`
			Samples []float64 `json:"samples_s"`
		} `json:"points"`
	}
	if err := py.RunJSON(ctx, "n04_ipc", map[string]any{"sizes": sizes, "reps": reps}, &out); err != nil {
		return nil, err
	}
	var points []Point
	for _, p := range out.Points {
		how := map[string]string{"thread": PyThread, "pipe": PyPipe}[p.How]
		if how == "" || p.Calls <= 0 || len(p.Samples) == 0 {
			return nil, fmt.Errorf("ipc: n04_ipc.py returned a point it should not: %q, %d calls, %d samples", p.How, p.Calls, len(p.Samples))
		}
		r := bench.Result{Name: "round trip", Strategy: how, Params: map[string]string{"bytes": strconv.Itoa(p.Bytes), "calls": strconv.Itoa(p.Calls)}}
		for _, s := range p.Samples {
			r.Samples = append(r.Samples, time.Duration(s*float64(time.Second)))
		}
		points = append(points, Point{How: how, Size: p.Bytes, Calls: p.Calls, Result: r})
	}
	return points, nil
}

// Figures are the figures of claim 002-ipc-overhead from Go's points and
// CPython's (nil when not measured): microseconds per round trip at the
// smallest and the largest size.
func Figures(goPoints, pyPoints []Point) claims.Figures {
	f := claims.Figures{}
	var sizes []int
	for _, p := range goPoints {
		sizes = append(sizes, p.Size)
	}
	if len(sizes) == 0 {
		return f
	}
	small, large := slices.Min(sizes), slices.Max(sizes)
	f["bytes.small"], f["bytes.large"] = float64(small), float64(large)
	us := func(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
	for _, set := range []struct {
		points []Point
		names  map[string]string
	}{
		{goPoints, map[string]string{Channel: "go.channel", Pipe: "go.pipe"}},
		{pyPoints, map[string]string{PyThread: "cpython.thread", PyPipe: "cpython.pipe"}},
	} {
		for _, p := range set.points {
			key, ok := set.names[p.How]
			if !ok {
				continue
			}
			switch p.Size {
			case small:
				f[key+".small.us"] = us(p.PerCall())
			case large:
				f[key+".large.us"] = us(p.PerCall())
			}
		}
	}
	return f
}
