package decide

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/asyncio"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/executors"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/heartbeat"
	"concurrencylab/kernel-helpers/lessons/05-async-alternatives/waits"
	"concurrencylab/workloads/latency"
)

// The crash test's size: tasks besides the crashing one, and their sleep.
const (
	crashTasks = 4
	crashStep  = 10 * time.Millisecond
)

// Sizes are the settings of [Measure]: the notebook passes its parameters.
type Sizes struct {
	// Heartbeat is the hog experiment (package heartbeat).
	Heartbeat heartbeat.Options
	// Waiters wait Wait together, on OS threads and on goroutines (a tenth
	// as many, or less, if the machine has no room for that many threads).
	Waiters int
	Wait    time.Duration
	// Pages are fetched from a server that holds each for Latency: all at
	// once, one after the other, and at most Limit at once.
	Pages   int
	Latency time.Duration
	Limit   int
	// Timeout is the deadline for a page that takes SlowPage.
	Timeout, SlowPage time.Duration
	// Replicas are the latencies of the replicas asked for the first answer.
	Replicas []time.Duration
	// Tasks no-op tasks are sent to pools of Workers workers.
	Tasks, Workers int
}

// Measure runs every experiment of the async-alternatives notebook once,
// with the given sizes, and returns the decision table's entries, in the
// notebook's order. It stops at the first experiment that fails.
func Measure(ctx context.Context, s Sizes) ([]Entry, error) {
	if ctx == nil {
		return nil, errors.New("decide: nil context")
	}
	if err := s.validate(); err != nil {
		return nil, err
	}
	var entries []Entry

	loop, err := heartbeat.OnEventLoop(ctx, s.Heartbeat)
	if err != nil {
		return nil, err
	}
	gor, err := heartbeat.OnGoroutines(ctx, s.Heartbeat)
	if err != nil {
		return nil, err
	}
	entries = append(entries, Pick("a long computation shares the program with tasks that must stay responsive",
		fmt.Sprintf("worst delay of a heartbeat every %v", s.Heartbeat.Interval),
		Dur("goroutines (preemptive)", gor.Worst()),
		Dur("an event loop (cooperative, like asyncio)", loop.Worst())))

	// As many waiters as asked for, or a tenth as many, and so on, until
	// the machine has room for them as OS threads.
	var wt waits.Result
	for n := s.Waiters; ; n /= 10 {
		if wt, err = waits.OnThreads(ctx, n, s.Wait); !errors.Is(err, waits.ErrNoRoom) || n < 10 {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	wg, err := waits.OnGoroutines(ctx, wt.N, s.Wait)
	if err != nil {
		return nil, err
	}
	when := fmt.Sprintf("%d tasks wait for I/O at once", wt.N)
	entries = append(entries,
		Pick(when, "memory per waiter", Size("goroutines", wg.PerWaiter()), Size("an OS thread each", wt.PerWaiter())),
		Pick(when, "time to start and wake them all", Dur("goroutines", wg.Overhead()), Dur("an OS thread each", wt.Overhead())))

	g, err := asyncio.TryTaskGroup(ctx, s.Pages, s.Latency)
	if err != nil {
		return nil, err
	}
	sw, err := asyncio.SweepLimits(ctx, asyncio.SweepOptions{Pages: s.Pages, Latency: s.Latency, Limits: []int{1, s.Limit}, Reps: 1})
	if err != nil {
		return nil, err
	}
	seq, limited := sw.Points[0], sw.Points[2:]
	entries = append(entries,
		Pick(fmt.Sprintf("many requests go to a slow server (%d pages of %v)", s.Pages, s.Latency), "time for all of them",
			Dur("all at once (TaskGroup)", g.Took), Dur("one after the other", seq.Result.Median())),
		Fact("errgroup.WithContext (a TaskGroup)", "one failed task should cancel the rest",
			Dur("failure after", g.FailAfter), Dur("returned after", g.FailedTook), N("pages answered afterwards", g.Answered)).
			Confirmed(g.Agrees()))
	held := true
	var figs []Figure
	for _, p := range limited {
		figs = append(figs, N("most at once with "+p.Idiom, p.Counted))
		held = held && p.Counted == int64(min(s.Limit, s.Pages))
	}
	figs = append(figs, Dur("time", limited[0].Result.Median()), Dur("ideal", limited[0].Ideal(sw.Options)))
	entries = append(entries, Fact("errgroup.SetLimit or semaphore.Weighted",
		fmt.Sprintf("a server must not see more than %d requests at once", s.Limit), figs...).Confirmed(held))

	to, err := asyncio.TryTimeout(ctx, s.SlowPage, s.Timeout)
	if err != nil {
		return nil, err
	}
	entries = append(entries, Fact("context.WithTimeout", "a wait must end by a deadline",
		Dur("deadline", to.Timeout), Dur("gave up after", to.Took), Dur("the page needed", to.Latency)).Confirmed(to.Agrees()))

	first, err := asyncio.TryFirst(ctx, s.Replicas...)
	if err != nil {
		return nil, err
	}
	entries = append(entries, Fact("select on the first answer", "several replicas can answer and the first will do",
		Dur("fastest replica", slices.Min(first.Latencies)), Dur("answer after", first.Took), N("answers sent", first.Answered)).
		Confirmed(first.Agrees()))

	gp, err := executors.PerTask(ctx, executors.Goroutines, s.Tasks, s.Workers, 3)
	if err != nil {
		return nil, err
	}
	pp, err := executors.PerTask(ctx, executors.Processes, s.Tasks, s.Workers, 3)
	if err != nil {
		return nil, err
	}
	entries = append(entries,
		Pick("many small tasks go to a pool", "cost of a task that does nothing",
			Dur("a goroutine pool", executors.Each(gp)), Dur("a process pool", executors.Each(pp))),
	)
	// Isolation is tested, not assumed: one task calls os.Exit in its
	// worker among others that sleep; the row is confirmed only if all the
	// others still returned their results.
	crash, err := executors.Crash(ctx, s.Workers, crashTasks, crashStep)
	if err != nil {
		return nil, err
	}
	entries = append(entries,
		Fact("a process pool", "a task must run isolated (a crash kills only its worker process) and is long next to its cost",
			Dur("cost per task", executors.Each(pp)), N("other tasks that returned after a worker called os.Exit", int64(crash.Succeeded)),
			N("of", int64(crash.Tasks))).Confirmed(crash.Survived()))
	return entries, nil
}

// validate checks every size before the first experiment starts, so that a
// bad one late in the list does not cost the experiments before it.
func (s Sizes) validate() error {
	if err := s.Heartbeat.Validate(); err != nil {
		return err
	}
	between := func(name string, v, lo, hi int) error {
		if v < lo || v > hi {
			return fmt.Errorf("decide: Sizes.%s %d is outside [%d, %d]", name, v, lo, hi)
		}
		return nil
	}
	within := func(name string, d, most time.Duration) error {
		if d <= 0 || d > most { // a NaN duration is negative
			return fmt.Errorf("decide: Sizes.%s %v is outside (0, %v]", name, d, most)
		}
		return nil
	}
	errs := []error{
		between("Waiters", s.Waiters, 1, waits.MaxThreads),
		within("Wait", s.Wait, waits.MaxWait),
		between("Pages", s.Pages, 1, asyncio.MaxPages),
		within("Latency", s.Latency, latency.MaxLatency),
		between("Limit", s.Limit, 1, asyncio.MaxPages),
		within("Timeout", s.Timeout, latency.MaxLatency),
		within("SlowPage", s.SlowPage, latency.MaxLatency),
		between("Replicas (how many)", len(s.Replicas), 1, asyncio.MaxPages),
		between("Tasks", s.Tasks, 1, executors.MaxPerTask),
		between("Workers", s.Workers, 1, executors.MaxTasks),
	}
	for i, r := range s.Replicas {
		if r < 0 || r > latency.MaxLatency {
			errs = append(errs, fmt.Errorf("decide: Sizes.Replicas[%d] %v is outside [0, %v]", i, r, latency.MaxLatency))
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
