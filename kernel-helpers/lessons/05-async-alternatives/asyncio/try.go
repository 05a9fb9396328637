package asyncio

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/workloads"
	"concurrencylab/workloads/latency"
)

// MaxPages bounds how many pages one experiment fetches at once: enough for
// any lesson, few enough that a typo cannot open thousands of connections.
const MaxPages = 1000

// TaskGroupReport is what [TryTaskGroup] saw.
type TaskGroupReport struct {
	Pages   int
	Latency time.Duration // how long the server held each page
	// Took is how long TaskGroup needed for every page; MaxInFlight is the
	// most requests the server held at once meanwhile.
	Took        time.Duration
	MaxInFlight int64
	// The second run adds a task that fails FailAfter into the run.
	FailAfter  time.Duration
	FailedTook time.Duration // how long TaskGroup took to return then
	FailErr    error         // the error it returned
	Answered   int64         // pages the server answered in that run
}

// ErrPageBroken is the error of the failing task in [TryTaskGroup].
var ErrPageBroken = errors.New("page could not be parsed")

// TryTaskGroup starts a server whose pages take lat each and runs [TaskGroup]
// twice: on pages fetches, then on the same fetches plus one task that fails
// after a quarter of lat, to show that the failure cancels the others.
func TryTaskGroup(ctx context.Context, pages int, lat time.Duration) (TaskGroupReport, error) {
	if err := checkPages(ctx, pages, lat); err != nil {
		return TaskGroupReport{}, err
	}
	srv, err := latency.Start(latency.Options{Latency: lat})
	if err != nil {
		return TaskGroupReport{}, err
	}
	defer srv.Close()
	r := TaskGroupReport{Pages: pages, Latency: lat, FailAfter: lat / 4}

	start := time.Now()
	if _, err := TaskGroup(ctx, Fetches(srv.Client(), srv.URLs(pages))...); err != nil {
		return r, fmt.Errorf("asyncio: gathering %d pages: %w", pages, err)
	}
	r.Took, r.MaxInFlight = time.Since(start), srv.MaxInFlight()

	tasks := append(Fetches(srv.Client(), srv.URLs(pages)), func(ctx context.Context) (int, error) {
		if err := workloads.Sleep(ctx, r.FailAfter); err != nil {
			return 0, err
		}
		return 0, ErrPageBroken
	})
	served := srv.Served()
	start = time.Now()
	_, r.FailErr = TaskGroup(ctx, tasks...)
	r.FailedTook, r.Answered = time.Since(start), srv.Served()-served
	if ctx.Err() != nil {
		return r, context.Cause(ctx)
	}
	return r, nil
}

// Agrees reports whether the run shows what the course claims: the pages'
// waits overlapped (all held at once, done in under two latencies), and the
// failure ended TaskGroup early, with its error, before any page was answered.
func (r TaskGroupReport) Agrees() bool {
	return r.MaxInFlight == int64(r.Pages) && r.Took < 2*r.Latency &&
		errors.Is(r.FailErr, ErrPageBroken) && r.FailedTook < r.Latency && r.Answered == 0
}

// Markdown says what happened, with the figures, and whether it agrees.
func (r TaskGroupReport) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine:** TaskGroup fetched %d pages, each held %v by the server, in %v; the server held %d at once. "+
		"One after the other they would take at least %d × %v. ",
		r.Pages, r.Latency, bench.Round(r.Took), r.MaxInFlight, r.Pages, r.Latency)
	fmt.Fprintf(&b, "With a task that fails after %v among them, TaskGroup returned after %v with the error %q, and the server answered %d of the %d pages. ",
		r.FailAfter, bench.Round(r.FailedTook), errText(r.FailErr), r.Answered, r.Pages)
	b.WriteString(agreement(r.Agrees(), "the waits overlapped, and in Go's TaskGroup (errgroup.WithContext) the first error cancelled every other task, "+
		"as asyncio.TaskGroup does; asyncio.gather cancels none (measured in CPython below)"))
	return b.String()
}

// TimeoutReport is what [TryTimeout] saw.
type TimeoutReport struct {
	Latency, Timeout time.Duration
	Took             time.Duration // until the fetch returned
	Err              error         // what it returned
	// InFlight is how many requests the server still held shortly after
	// (it polls for up to a second): 0 once it noticed the client had gone.
	InFlight int64
	Answered int64
}

// TryTimeout fetches one page that takes lat with [WaitFor] and a timeout.
func TryTimeout(ctx context.Context, lat, timeout time.Duration) (TimeoutReport, error) {
	if err := checkPages(ctx, 1, lat); err != nil {
		return TimeoutReport{}, err
	}
	if timeout <= 0 {
		return TimeoutReport{}, fmt.Errorf("asyncio: timeout %v must be positive", timeout)
	}
	srv, err := latency.Start(latency.Options{Latency: lat})
	if err != nil {
		return TimeoutReport{}, err
	}
	defer srv.Close()
	r := TimeoutReport{Latency: lat, Timeout: timeout}
	fetch := Fetches(srv.Client(), []string{srv.URL(0)})[0]
	start := time.Now()
	_, r.Err = WaitFor(ctx, timeout, fetch)
	r.Took = time.Since(start)
	for deadline := time.Now().Add(time.Second); srv.InFlight() > 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond) // polling the server's counter, not faking work
	}
	r.InFlight, r.Answered = srv.InFlight(), srv.Served()
	if ctx.Err() != nil {
		return r, context.Cause(ctx)
	}
	return r, nil
}

// Agrees reports whether the fetch gave up at its deadline (not before, and
// well before the page was ready) with context.DeadlineExceeded, and the
// server dropped the request unanswered.
func (r TimeoutReport) Agrees() bool {
	return errors.Is(r.Err, context.DeadlineExceeded) && r.Took >= r.Timeout && r.Took < r.Latency &&
		r.InFlight == 0 && r.Answered == 0
}

// Markdown says what happened, with the figures, and whether it agrees.
func (r TimeoutReport) Markdown() string {
	return fmt.Sprintf("**This machine:** a page that takes %v, fetched with a timeout of %v, gave up after %v with the error %q; "+
		"the server then held %d requests and had answered %d. %s",
		r.Latency, r.Timeout, bench.Round(r.Took), errText(r.Err), r.InFlight, r.Answered,
		agreement(r.Agrees(), "the deadline ended the wait, and the server saw the request go"))
}

// FirstReport is what [TryFirst] saw.
type FirstReport struct {
	Latencies []time.Duration // of each replica, in the order asked
	Winner    int             // the index First returned
	Took      time.Duration
	Answered  int64 // requests the server answered in all
}

// TryFirst asks replicas that answer after the given latencies (whole
// milliseconds) for the same page with [First], as a client hedging its bets
// does, and reports which answered and how long it took.
func TryFirst(ctx context.Context, latencies ...time.Duration) (FirstReport, error) {
	if len(latencies) == 0 {
		return FirstReport{}, ErrNoTasks
	}
	if err := checkPages(ctx, len(latencies), slices.Max(latencies)); err != nil {
		return FirstReport{}, err
	}
	srv, err := latency.Start(latency.Options{})
	if err != nil {
		return FirstReport{}, err
	}
	defer srv.Close()
	urls := make([]string, len(latencies))
	for i, l := range latencies {
		if l < 0 || l%time.Millisecond != 0 {
			return FirstReport{}, fmt.Errorf("asyncio: TryFirst latency %d, %v, must be a whole number of milliseconds, 0 or more (the server takes ?ms=)", i, l)
		}
		urls[i] = fmt.Sprintf("%s?ms=%d", srv.URL(i), l.Milliseconds())
	}
	r := FirstReport{Latencies: slices.Clone(latencies)}
	start := time.Now()
	r.Winner, _, err = First(ctx, Fetches(srv.Client(), urls)...)
	r.Took = time.Since(start)
	r.Answered = srv.Served()
	if err != nil {
		return r, fmt.Errorf("asyncio: first of %d replicas: %w", len(urls), err)
	}
	return r, nil
}

// Agrees reports whether the fastest replica won, in less time than any
// other replica needs, and only its answer was sent: the others were
// cancelled.
func (r FirstReport) Agrees() bool {
	if r.Winner < 0 || r.Winner >= len(r.Latencies) {
		return false
	}
	fastest := slices.Index(r.Latencies, slices.Min(r.Latencies))
	others := slices.Delete(slices.Clone(r.Latencies), fastest, fastest+1)
	return r.Winner == fastest && r.Answered == 1 && (len(others) == 0 || r.Took < slices.Min(others))
}

// Markdown says what happened, with the figures, and whether it agrees.
func (r FirstReport) Markdown() string {
	lat := "?"
	if r.Winner >= 0 && r.Winner < len(r.Latencies) {
		lat = r.Latencies[r.Winner].String()
	}
	return fmt.Sprintf("**This machine:** asked %d replicas that answer after %v, First returned replica %d's answer (it takes %s) after %v; "+
		"the server sent %d answer(s) in all. %s",
		len(r.Latencies), r.Latencies, r.Winner, lat, bench.Round(r.Took), r.Answered,
		agreement(r.Agrees(), "the fastest answer won and the slower requests were cancelled"))
}

func checkPages(ctx context.Context, pages int, lat time.Duration) error {
	switch {
	case ctx == nil:
		return errors.New("asyncio: nil context")
	case pages <= 0 || pages > MaxPages:
		return fmt.Errorf("asyncio: %d pages is outside [1, %d]", pages, MaxPages)
	case lat <= 0 || lat > latency.MaxLatency:
		return fmt.Errorf("asyncio: latency %v is outside (0, %v]", lat, latency.MaxLatency)
	}
	return nil
}

// errText is the innermost message of err: "context deadline exceeded"
// rather than the whole chain, which names the server's loopback address and
// a port that changes every run.
func errText(err error) string {
	if err == nil {
		return "none"
	}
	for inner := errors.Unwrap(err); inner != nil; inner = errors.Unwrap(inner) {
		err = inner
	}
	return err.Error()
}

func agreement(ok bool, what string) string {
	if ok {
		return "So " + what + "."
	}
	return "That is not what the pattern is built to do, which is that " + what + "; a late timer on a busy machine can cause it, so rerun the cell before drawing a conclusion."
}
