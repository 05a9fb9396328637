package iobound

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/strategies"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/kernel-helpers/worker"
	"concurrencylab/workloads/latency"
)

// Task is the name of the worker task that downloads one page.
const Task = "fetch"

func init() {
	if err := worker.Register(Task, fetch); err != nil {
		panic(err) // only a second package registering "fetch" can cause this
	}
}

// client downloads the pages. It opens a connection per request and keeps
// none (DisableKeepAlives), so that nothing stays open in this process or a
// worker after a batch: a fresh TCP connection on the loopback costs far
// less than the server's latency.
var client = &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}

func fetch(ctx context.Context, arg json.RawMessage) (json.RawMessage, error) {
	var url string
	if err := json.Unmarshal(arg, &url); err != nil {
		return nil, fmt.Errorf("fetch: the argument must be a URL string: %w", err)
	}
	n, err := latency.Fetch(ctx, client, url)
	if err != nil {
		return nil, err
	}
	return json.Marshal(n)
}

// Tasks returns one fetch task per URL, named "page i".
func Tasks(urls []string) []run.Task {
	tasks := make([]run.Task, len(urls))
	for i, u := range urls {
		tasks[i] = run.Task{Name: fmt.Sprintf("page %d", i), Worker: Task, Arg: u}
	}
	return tasks
}

// Options sizes the experiment.
type Options struct {
	Pages   int           // pages to download
	Latency time.Duration // how long the server holds each one
	Workers int           // threads and worker processes of the pools
	Reps    int           // timed runs of each strategy; 0 means bench.DefaultReps
}

// Kinds returns the strategies the experiment compares, and the workers
// each gets.
func (o Options) kinds() []struct {
	kind    strategies.Kind
	workers int
} {
	return []struct {
		kind    strategies.Kind
		workers int
	}{
		{strategies.Sequential, 1},
		{strategies.Goroutines, o.Pages},
		{strategies.Threads, o.Workers},
		{strategies.ProcessPool, o.Workers},
		{strategies.ProcessPerTask, o.Pages},
	}
}

// Compare starts a server and downloads its pages under each strategy:
// sequential, a goroutine per page, a pool of OS threads, a pool of worker
// processes, and a process per page.
func Compare(ctx context.Context, o Options) ([]bench.Result, error) {
	switch {
	case ctx == nil:
		return nil, errors.New("iobound: nil context")
	case o.Pages <= 0 || o.Pages > run.MaxProcesses:
		return nil, fmt.Errorf("iobound: %d pages is outside [1, %d]", o.Pages, run.MaxProcesses)
	case o.Workers <= 0 || o.Workers > run.MaxProcesses:
		return nil, fmt.Errorf("iobound: %d workers is outside [1, %d]", o.Workers, run.MaxProcesses)
	}
	srv, err := latency.Start(latency.Options{Latency: o.Latency})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	tasks := Tasks(srv.URLs(o.Pages))
	var results []bench.Result
	for _, k := range o.kinds() {
		r, _, err := strategies.Time(ctx, "fetch", k.kind, k.workers, tasks, o.Reps)
		if err != nil {
			return results, fmt.Errorf("iobound: %w", err)
		}
		r.Params["latency"] = o.Latency.String()
		results = append(results, r)
	}
	return results, nil
}

// Verdict says how long each strategy took against the least it could: a
// latency per round of pages, where a round is as many pages as the
// strategy has workers.
func Verdict(results []bench.Result, o Options) string {
	if len(results) == 0 || o.Pages <= 0 {
		return "**This machine:** nothing was measured."
	}
	var parts, slow []string
	for _, r := range results {
		workers := max(r.Workers, 1)
		rounds := (o.Pages + workers - 1) / workers
		ideal := time.Duration(rounds) * o.Latency
		parts = append(parts, fmt.Sprintf("%s with %d took %v (at least %s of %v: %v)",
			r.Strategy, workers, bench.Round(r.Median()), plural(rounds, "round"), o.Latency, ideal))
		if workers > 1 && r.Median() >= time.Duration(o.Pages)*o.Latency {
			slow = append(slow, r.Strategy)
		}
	}
	s := fmt.Sprintf("**This machine:** %d pages of %v each: %s. ", o.Pages, o.Latency, strings.Join(parts, "; "))
	if len(slow) == 0 {
		return s + "Every strategy with more than one worker beat the least time one after the other could take: the waits overlapped, whoever waited."
	}
	return s + fmt.Sprintf("%s took no less than one after the other could at best (%v): what it spends besides waiting, such as starting "+
		"worker processes, which counts in a pool's time here, outweighed the waits it overlapped at this latency.",
		capital(strings.Join(slow, " and ")), time.Duration(o.Pages)*o.Latency)
}

// plural formats a count with its noun: "1 round", "8 rounds".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
