package iobound

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"sync"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/cpython"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/strategies"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/kernel-helpers/source"
	"concurrencylab/workloads/latency"
)

//go:embed cpython.go
var files embed.FS

// Source returns the Go source of one of this file's functions, for the
// notebook to show beside the Python (py/n04_fetch.py) that does the same.
func Source(name string) (string, error) { return source.Go(files, name) }

// OneByOne fetches the pages one after the other: the tutorial's plain loop.
func OneByOne(ctx context.Context, urls []string) error {
	for _, url := range urls {
		if _, err := latency.Fetch(ctx, client, url); err != nil {
			return err
		}
	}
	return nil
}

// OnePerPage fetches every page on a goroutine of its own: the tutorial's
// thread per URL.
func OnePerPage(ctx context.Context, urls []string) error {
	var wg sync.WaitGroup
	errs := make([]error, len(urls))
	for i, url := range urls {
		wg.Go(func() {
			_, errs[i] = latency.Fetch(ctx, client, url)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Threads is tutorial 003's I/O-bound experiment on one local server that
// holds each of o.Pages pages o.Latency: in Go one after the other and a
// goroutine per page; in CPython (py/n04_fetch.py, urllib) one after the
// other and a thread per page, the same pages, o.Reps times each (0 means
// bench.DefaultReps). py nil runs only the Go side.
func Threads(ctx context.Context, py *cpython.Interpreter, o Options) (strategies.Pair, error) {
	p := strategies.Pair{}
	switch {
	case ctx == nil:
		return p, errors.New("iobound: nil context")
	case o.Pages <= 0 || o.Pages > run.MaxProcesses:
		return p, fmt.Errorf("iobound: %d pages is outside [1, %d]", o.Pages, run.MaxProcesses)
	case o.Reps < 0 || o.Reps > cpython.MaxReps:
		return p, fmt.Errorf("iobound: %d reps is outside [0, %d]", o.Reps, cpython.MaxReps)
	}
	srv, err := latency.Start(latency.Options{Latency: o.Latency})
	if err != nil {
		return p, err
	}
	defer srv.Close()
	urls := srv.URLs(o.Pages)
	reps := o.Reps
	if reps == 0 {
		reps = bench.DefaultReps
	}
	params := map[string]string{"pages": fmt.Sprint(o.Pages), "latency": o.Latency.String()}
	for _, way := range []struct {
		name    string
		workers int
		fetch   func(context.Context, []string) error
	}{{run.NameSequential, 1, OneByOne}, {run.NameGoroutines, o.Pages, OnePerPage}} {
		r, err := bench.Run(ctx, bench.Options{Name: Task, Strategy: way.name, Workers: way.workers, Reps: reps, Params: params},
			func() error { return way.fetch(ctx, urls) })
		if err != nil {
			return p, fmt.Errorf("iobound: %s: %w", way.name, err)
		}
		p.Go = append(p.Go, r)
	}
	p.Figures = map[string]float64{"pages": float64(o.Pages), "latency.s": o.Latency.Seconds(),
		"go.sequential.s": p.Go[0].Median().Seconds(), "go.goroutines.s": p.Go[1].Median().Seconds()}
	if py == nil {
		p.NoPython = cpython.ErrNoPython.Error()
		return p, nil
	}
	var out struct {
		Samples map[string][]float64 `json:"samples_s"`
	}
	if err := py.RunJSON(ctx, "n04_fetch", map[string]any{"urls": urls, "reps": reps}, &out); err != nil {
		return p, err
	}
	for _, way := range []struct{ key, name string }{{"sequential", run.NameSequential}, {"threads", run.NameThreads}} {
		r := bench.Result{Name: Task, Strategy: py.Prefix() + "-" + way.name, Params: params}
		for _, s := range out.Samples[way.key] {
			r.Samples = append(r.Samples, time.Duration(s*float64(time.Second)))
		}
		if len(r.Samples) == 0 {
			return p, fmt.Errorf("iobound: n04_fetch.py returned no %s samples", way.key)
		}
		r.Workers = map[string]int{"sequential": 1, "threads": o.Pages}[way.key]
		p.CPython = append(p.CPython, r)
		p.Figures["cpython."+way.key+".s"] = r.Median().Seconds()
	}
	return p, nil
}
