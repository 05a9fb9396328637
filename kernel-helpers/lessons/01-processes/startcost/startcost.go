package startcost

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/kernel-helpers/worker"
)

// Kind is what gets started.
type Kind int

const (
	Goroutine Kind = iota // go f(), then wait for f to end
	Thread                // a fresh OS thread, retired when its goroutine ends
	Process               // a worker process running an empty task, then reaped
)

var kindNames = [...]string{Goroutine: "goroutine", Thread: "OS thread", Process: "process"}

// String returns "goroutine", "OS thread" or "process".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Kinds returns every kind, cheapest first.
func Kinds() []Kind { return []Kind{Goroutine, Thread, Process} }

// Start starts one of kind and waits for it to end. It returns an error
// for a nil ctx or an unknown kind, or when a process cannot be started
// (ctx ended, for one).
func Start(ctx context.Context, kind Kind) error {
	if ctx == nil {
		return errors.New("startcost: Start needs a context, got nil")
	}
	switch kind {
	case Goroutine:
		startGoroutine()
		return nil
	case Thread:
		startThread()
		return nil
	case Process:
		if _, err := worker.Spawn(ctx, "noop", nil, nil); err != nil {
			return fmt.Errorf("startcost: %w", err)
		}
		return nil
	}
	return fmt.Errorf("startcost: unknown kind %v", kind)
}

// startGoroutine starts a goroutine that does nothing and waits for it.
func startGoroutine() {
	var wg sync.WaitGroup
	wg.Go(func() {})
	wg.Wait()
}

// startThread makes the runtime retire one OS thread, so that it must create
// a new one, and returns the id of the retired thread. The goroutine locks
// itself to the thread it runs on and ends still locked: the runtime then
// ends that thread (see [runtime.LockOSThread]).
func startThread() int {
	tid := make(chan int, 1)
	go func() {
		runtime.LockOSThread()
		tid <- syscall.Gettid()
		// No UnlockOSThread: ending locked is what retires the thread.
	}()
	return <-tid
}

// Plan says how many starts of one kind to time: each count in Counts is
// one measurement, that many starts one after the other.
type Plan struct {
	Kind   Kind
	Counts []int
}

// MaxStarts bounds a count in a Plan: more would only make a cell slow.
const MaxStarts = 100_000

// Sweep times every count of every plan, reps times after one warm-up, and
// returns one [bench.Result] per count: Name "start", Strategy the kind's
// name, Params["starts"] the count.
//
// It returns an error for an unknown kind, a count outside [1, MaxStarts], a
// process that fails to start, or ctx ending.
func Sweep(ctx context.Context, plans []Plan, reps int) ([]bench.Result, error) {
	if len(plans) == 0 {
		return nil, errors.New("startcost: nothing to measure")
	}
	for _, p := range plans {
		if p.Kind < 0 || int(p.Kind) >= len(kindNames) {
			return nil, fmt.Errorf("startcost: unknown kind %v", p.Kind)
		}
		for _, n := range p.Counts {
			if n < 1 || n > MaxStarts {
				return nil, fmt.Errorf("startcost: %v: count %d is not in [1, %d]", p.Kind, n, MaxStarts)
			}
		}
	}
	var out []bench.Result
	for _, p := range plans {
		for _, n := range p.Counts {
			opts := bench.Options{Name: "start", Strategy: p.Kind.String(), Reps: reps,
				Params: map[string]string{"starts": strconv.Itoa(n)}}
			r, err := bench.Run(ctx, opts, func() error {
				for range n {
					if err := Start(ctx, p.Kind); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("startcost: %w", err)
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// starts returns the number of starts a result of Sweep timed.
func starts(r bench.Result) (int, error) {
	n, err := strconv.Atoi(r.Params["starts"])
	if err != nil || n < 1 {
		return 0, fmt.Errorf("startcost: result %q has no start count", r.Strategy)
	}
	return n, nil
}

// Series turns the results of [Sweep] into one series per kind for
// [plots.Lines] (with log axes): X is the number of starts, Y the median
// total time in milliseconds, and the whisker runs from the fastest to the
// slowest repetition.
func Series(results []bench.Result) ([]plots.Series, error) {
	if len(results) == 0 {
		return nil, errors.New("startcost: no results")
	}
	var out []plots.Series
	index := map[string]int{}
	for _, r := range results {
		n, err := starts(r)
		if err != nil {
			return nil, err
		}
		i, ok := index[r.Strategy]
		if !ok {
			i = len(out)
			index[r.Strategy] = i
			out = append(out, plots.Series{Name: r.Strategy})
		}
		s := &out[i]
		s.X = append(s.X, float64(n))
		s.Y = append(s.Y, ms(r.Median()))
		s.Low = append(s.Low, ms(r.Min()))
		s.High = append(s.High, ms(r.Max()))
	}
	return out, nil
}

// ms is a duration in milliseconds, at least a nanosecond's worth so that
// it can go on a log axis.
func ms(d time.Duration) float64 {
	return float64(max(d, time.Nanosecond)) / float64(time.Millisecond)
}

// PerStart returns, for each kind in results, the median time of one start:
// the median total of its largest count divided by that count, which
// spreads fixed costs (a timer read, a first page fault) over the most
// starts.
func PerStart(results []bench.Result) (map[string]time.Duration, error) {
	best := map[string]bench.Result{}
	bestN := map[string]int{}
	for _, r := range results {
		n, err := starts(r)
		if err != nil {
			return nil, err
		}
		if n > bestN[r.Strategy] {
			best[r.Strategy], bestN[r.Strategy] = r, n
		}
	}
	if len(best) == 0 {
		return nil, errors.New("startcost: no results")
	}
	out := map[string]time.Duration{}
	for k, r := range best {
		out[k] = r.Median() / time.Duration(bestN[k])
	}
	return out, nil
}

// Verdict compares one start of each kind, with the figures: how long each
// took and how many of the cheaper kind one start of the dearer kind buys.
func Verdict(results []bench.Result) (string, error) {
	per, err := PerStart(results)
	if err != nil {
		return "", err
	}
	var parts []string
	var kinds []Kind
	for _, k := range Kinds() {
		if d, ok := per[k.String()]; ok {
			parts = append(parts, fmt.Sprintf("%s %v", article(k), bench.Round(d)))
			kinds = append(kinds, k)
		}
	}
	s := "One start, and wait for the end, took a median of: " + strings.Join(parts, ", ") + "."
	for i := len(kinds) - 1; i > 0; i-- {
		dear, cheap := per[kinds[i].String()], per[kinds[i-1].String()]
		if cheap <= 0 {
			continue
		}
		ratio := float64(dear) / float64(cheap)
		if ratio < 1 {
			s += fmt.Sprintf(" On this machine %s cost less than %s, which is unexpected.", article(kinds[i]), article(kinds[i-1]))
			continue
		}
		s += fmt.Sprintf(" One %s costs as much as %.0f %ss.", kinds[i], ratio, kinds[i-1])
	}
	return s, nil
}

// article puts "a" or "an" before the kind's name.
func article(k Kind) string {
	if k == Thread {
		return "an " + k.String()
	}
	return "a " + k.String()
}

// ThreadCheck is the evidence that starting a [Thread] really creates one.
type ThreadCheck struct {
	Starts int // threads started
	// Distinct is how many different thread ids the starts ran on; Fresh
	// how many of those ids belonged to no thread of this process before
	// the first start. Both equal Starts when every start had a new thread.
	Distinct, Fresh int
	// Before and After are the process's thread counts around the starts:
	// about equal, since each start retires the thread it created.
	Before, After int
}

// CheckThreads starts n threads as [Start] does and checks, from the thread
// ids, that each ran on a thread of its own that did not exist before.
// Thread ids are not reused until the kernel's id counter wraps around
// (at /proc/sys/kernel/pid_max, often 4 million), so a new id means a new
// thread.
func CheckThreads(n int) (ThreadCheck, error) {
	if n < 1 || n > MaxStarts {
		return ThreadCheck{}, fmt.Errorf("startcost: n must be in [1, %d], got %d", MaxStarts, n)
	}
	before, err := threadIDs()
	if err != nil {
		return ThreadCheck{}, err
	}
	tids := make([]int, n)
	for i := range tids {
		tids[i] = startThread()
	}
	after, err := threadIDs()
	if err != nil {
		return ThreadCheck{}, err
	}
	c := ThreadCheck{Starts: n, Before: len(before), After: len(after)}
	slices.Sort(tids)
	for i, t := range tids {
		if i > 0 && t == tids[i-1] {
			continue
		}
		c.Distinct++
		if !slices.Contains(before, t) {
			c.Fresh++
		}
	}
	return c, nil
}

// threadIDs lists the ids of this process's threads, from /proc/self/task.
func threadIDs() ([]int, error) {
	entries, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return nil, fmt.Errorf("startcost: listing threads (this needs Linux): %w", err)
	}
	ids := make([]int, 0, len(entries))
	for _, e := range entries {
		if id, err := strconv.Atoi(e.Name()); err == nil {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// OK reports whether every start ran on a thread of its own, and every one
// after the threads the process already had on a new one.
func (c ThreadCheck) OK() bool {
	return c.Distinct == c.Starts && c.Fresh >= c.Starts-c.Before
}

// String says what the check found, in a sentence or two.
func (c ThreadCheck) String() string {
	s := fmt.Sprintf("%d thread starts ran on %d different OS threads, %d of which did not exist before the first start; the process had %d threads before and %d after. ",
		c.Starts, c.Distinct, c.Fresh, c.Before, c.After)
	if c.OK() {
		return s + "Every start retired the thread it ran on, and apart from the idle threads the runtime already had, each was created for it: the timings measure thread creation."
	}
	return s + "Starts shared threads: the runtime reused threads, and the timings do not measure thread creation alone."
}
