package ipc

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/claims"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/kernel-helpers/source"
	"concurrencylab/kernel-helpers/worker"
	"concurrencylab/workloads"
)

//go:embed messages.go
var files embed.FS

// Source returns the Go source of one of this file's functions, for the
// notebook to show beside the Python (py/n04_messages.py).
func Source(name string) (string, error) { return source.Go(files, name) }

// MaxMessages bounds the tasks a count is split into, in [CountIn] and
// [Messages].
const MaxMessages = 100_000

// MessageOptions sizes [Messages]. Every field must be set, but Reps (0
// means bench.DefaultReps).
type MessageOptions struct {
	Target   time.Duration // the serial count's time on one core
	Workers  int           // processes in each pool: one per core
	Messages int           // tasks the fine split sends
	Reps     int
}

// MessageRun is the experiment measured in Go and in CPython.
type MessageRun struct {
	Go, CPython []bench.Result // serial, coarse, fine (Go: fine at depths 1, 2 and the default)
	NoPython    string         // why CPython was not measured, "" when it was
	Figures     claims.Figures // for claim 000-message-passing
}

// CountIn counts to n in messages tasks of n/messages each, sent to the
// pool's worker processes: each task is a message there (its argument as
// JSON through a pipe) and one back (its result).
func CountIn(ctx context.Context, pool *worker.Pool, n int64, messages int) error {
	switch {
	case ctx == nil:
		return errors.New("ipc: CountIn: nil context")
	case messages < 1 || messages > MaxMessages:
		return fmt.Errorf("ipc: CountIn: messages %d is outside [1, %d]: the count is split into that many tasks", messages, MaxMessages)
	case n < 0:
		return fmt.Errorf("ipc: CountIn: n %d must be 0 or more", n)
	case pool == nil:
		return errors.New("ipc: CountIn: nil pool (worker.NewPool makes one)")
	}
	_, err := run.Batch(ctx, run.UsePool(pool), run.Work(messages, "count", n/int64(messages)))
	return err
}

// Messages is tutorial 000's "message passing … can still outperform
// serial execution depending on the task": the same count, o.Target long on
// one core, done serially, then by o.Workers worker processes in o.Workers
// messages (coarse) and in o.Messages messages (fine). The pools are
// started before the timing: what is timed is the messages, not the start.
//
// A pool's depth is how many calls a worker may have in flight, the running
// one included. CPython's ProcessPoolExecutor keeps up to max_workers + 1
// calls waiting in its call queue (EXTRA_QUEUED_CALLS = 1 in
// concurrent/futures/process.py), shared by its workers: about one waiting
// call per worker, so Go's like-for-like is depth 2. The fine split runs in
// Go on pools of depth 1 (no call waits: a worker gets its next task only
// after a round trip to this process), 2, and the default,
// [worker.DefaultDepth]. CPython (py/n04_messages.py) does the same with a
// ProcessPoolExecutor; py nil runs only the Go side.
func Messages(ctx context.Context, py *cpython.Interpreter, o MessageOptions) (MessageRun, error) {
	var m MessageRun
	switch {
	case ctx == nil:
		return m, errors.New("ipc: nil context")
	case o.Workers < 1 || o.Workers > run.MaxProcesses:
		return m, fmt.Errorf("ipc: %d workers is outside [1, %d]", o.Workers, run.MaxProcesses)
	case o.Messages < o.Workers || o.Messages > MaxMessages:
		return m, fmt.Errorf("ipc: %d messages is outside [%d, %d]", o.Messages, o.Workers, MaxMessages)
	case o.Reps < 0 || o.Reps > cpython.MaxReps:
		return m, fmt.Errorf("ipc: %d reps is outside [0, %d]", o.Reps, cpython.MaxReps)
	case o.Target <= 0 || o.Target > cpython.MaxTarget:
		return m, fmt.Errorf("ipc: Target %v is outside (0, %v]: it is the serial count's time on one core", o.Target, cpython.MaxTarget)
	}
	n, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, o.Target)
	if err != nil {
		return m, fmt.Errorf("ipc: %w", err)
	}
	n = max(n, int64(o.Messages))
	deep, err := worker.NewPool(ctx, o.Workers)
	if err != nil {
		return m, fmt.Errorf("ipc: %w", err)
	}
	defer deep.Close()
	shallow, err := worker.NewPoolDepth(ctx, o.Workers, 1)
	if err != nil {
		return m, fmt.Errorf("ipc: %w", err)
	}
	defer shallow.Close()
	like, err := worker.NewPoolDepth(ctx, o.Workers, 2)
	if err != nil {
		return m, fmt.Errorf("ipc: %w", err)
	}
	defer like.Close()
	for _, way := range []struct {
		name, strategy string
		workers        int
		f              func() error
	}{
		{"serial", run.NameSequential, 1, func() error { workloads.CountTo(n); return nil }},
		{fmt.Sprintf("%d messages", o.Workers), run.NameProcessPool, o.Workers, func() error { return CountIn(ctx, deep, n, o.Workers) }},
		{fmt.Sprintf("%d messages, depth 1", o.Messages), run.NameProcessPool, o.Workers, func() error { return CountIn(ctx, shallow, n, o.Messages) }},
		{fmt.Sprintf("%d messages, depth 2", o.Messages), run.NameProcessPool, o.Workers, func() error { return CountIn(ctx, like, n, o.Messages) }},
		{fmt.Sprintf("%d messages, depth %d", o.Messages, worker.DefaultDepth), run.NameProcessPool, o.Workers, func() error { return CountIn(ctx, deep, n, o.Messages) }},
	} {
		r, err := bench.Run(ctx, bench.Options{Name: way.name, Strategy: way.strategy, Workers: way.workers, Reps: o.Reps,
			Params: map[string]string{"n": strconv.FormatInt(n, 10)}}, way.f)
		if err != nil {
			return m, fmt.Errorf("ipc: %s: %w", way.name, err)
		}
		m.Go = append(m.Go, r)
	}
	m.Figures = claims.Figures{"cores": float64(o.Workers), "messages.fine": float64(o.Messages), "task.s": o.Target.Seconds(),
		"go.serial.s": m.Go[0].Median().Seconds(), "go.coarse.s": m.Go[1].Median().Seconds(),
		"go.fine.depth1.s": m.Go[2].Median().Seconds(), "go.fine.s": m.Go[3].Median().Seconds(),
		"go.fine.depth4.s": m.Go[4].Median().Seconds()}
	if py == nil {
		m.NoPython = cpython.ErrNoPython.Error()
		return m, nil
	}
	reps := o.Reps
	if reps == 0 {
		reps = bench.DefaultReps
	}
	var out struct {
		N       int64                `json:"n"`
		Samples map[string][]float64 `json:"samples_s"`
	}
	if err := py.RunJSON(ctx, "n04_messages", map[string]any{"target_s": o.Target.Seconds(), "workers": o.Workers,
		"messages": o.Messages, "reps": reps}, &out); err != nil {
		return m, err
	}
	for _, way := range []struct{ key, name, strategy string }{
		{"serial", "serial", run.NameSequential},
		{"coarse", fmt.Sprintf("%d messages", o.Workers), cpython.ProcessPool},
		{"fine", fmt.Sprintf("%d messages", o.Messages), cpython.ProcessPool},
	} {
		r := bench.Result{Name: way.name, Strategy: py.Prefix() + "-" + way.strategy, Workers: o.Workers,
			Params: map[string]string{"n": strconv.FormatInt(out.N, 10)}}
		if way.key == "serial" {
			r.Workers = 1
		}
		for _, s := range out.Samples[way.key] {
			r.Samples = append(r.Samples, time.Duration(s*float64(time.Second)))
		}
		if len(r.Samples) == 0 {
			return m, fmt.Errorf("ipc: n04_messages.py returned no %s samples", way.key)
		}
		m.CPython = append(m.CPython, r)
		m.Figures["cpython."+way.key+".s"] = r.Median().Seconds()
	}
	return m, nil
}

// DepthMarkdown says what the queued calls bought on the fine split, with
// the figures: depth 2 is like for like with ProcessPoolExecutor, depth 1
// queues nothing, the default depth queues more.
func (m MessageRun) DepthMarkdown() string {
	if len(m.Go) < 5 {
		return "**This machine:** the pools were not measured."
	}
	one, two, deep := m.Go[2].Median(), m.Go[3].Median(), m.Go[4].Median()
	s := fmt.Sprintf("**This machine:** Go's fine split took %v on a pool of depth 1, %v at depth 2 (ProcessPoolExecutor's) and %v at depth %d",
		bench.Round(one), bench.Round(two), bench.Round(deep), worker.DefaultDepth)
	if d := float64(one) / float64(deep); d >= 1.1 {
		return s + fmt.Sprintf(": depth %d was %.2f× as fast as depth 1. With calls queued behind the running one, a worker starts its next task "+
			"without waiting for a round trip to this process.", worker.DefaultDepth, d)
	}
	return s + fmt.Sprintf(": the queued calls bought nothing measurable (depth 1 took %.2f× depth %d's time), so the round trips were not what the fine split waited for.",
		float64(one)/float64(deep), worker.DefaultDepth)
}
