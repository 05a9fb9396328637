package asyncio

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"

	"concurrencylab/workloads/latency"
)

// Gauge counts the tasks running at this moment and remembers the most that
// ever ran at once: the client's side of "how many requests were open". The
// zero value is ready to use and safe for concurrent use.
type Gauge struct {
	running, max atomic.Int64
}

// Running returns how many tracked tasks are running now.
func (g *Gauge) Running() int64 { return g.running.Load() }

// Max returns the most tracked tasks that ran at once.
func (g *Gauge) Max() int64 { return g.max.Load() }

func (g *Gauge) enter() {
	now := g.running.Add(1)
	for {
		old := g.max.Load()
		if now <= old || g.max.CompareAndSwap(old, now) {
			return
		}
	}
}

func (g *Gauge) leave() { g.running.Add(-1) }

// Track returns tasks that do what tasks do and are counted by g while they
// run. A nil task stays nil, so the pattern functions still reject it.
func Track[T any](g *Gauge, tasks []func(context.Context) (T, error)) []func(context.Context) (T, error) {
	out := make([]func(context.Context) (T, error), len(tasks))
	for i, task := range tasks {
		if task == nil {
			continue
		}
		out[i] = func(ctx context.Context) (T, error) {
			if g == nil {
				var zero T
				return zero, errors.New("asyncio: Track needs a *Gauge, got nil")
			}
			g.enter()
			defer g.leave()
			return task(ctx)
		}
	}
	return out
}

// Fetches returns one task per URL, each downloading its page with client
// ([latency.Fetch]) and returning the number of bytes it read.
func Fetches(client *http.Client, urls []string) []func(context.Context) (int, error) {
	tasks := make([]func(context.Context) (int, error), len(urls))
	for i, url := range urls {
		tasks[i] = func(ctx context.Context) (int, error) { return latency.Fetch(ctx, client, url) }
	}
	return tasks
}
