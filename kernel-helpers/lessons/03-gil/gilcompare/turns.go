package gilcompare

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/workloads"
)

// TurnGap is the shortest pause [Turns] counts as a task not running. A
// counting task checks in every [workloads.CheckEvery] steps, some 10 µs;
// a pause of twenty such checks means it was stopped (waiting for the GIL,
// preempted by Go's scheduler or by the operating system), not just busy.
// A switch interval shorter than this blurs the turns together.
const TurnGap = 200 * time.Microsecond

// TurnsConfig says what [Turns] measures. The zero value runs 2 counting
// tasks of about 50 ms each under the emulated GIL and then on goroutines
// without one.
type TurnsConfig struct {
	// Modes lists how to run the tasks, in order: [GILThreads],
	// [Goroutines] or [MaxProcs1]; nil means GILThreads then Goroutines.
	Modes []string
	// Tasks is how many tasks run at once; 0 means 2.
	Tasks int
	// TaskTime is one task's time on one core; 0 means 50 ms.
	TaskTime time.Duration
	// Interval is the emulated GIL's switch interval; 0 means
	// [gil.DefaultSwitchInterval].
	Interval time.Duration
}

// Slice is one stretch of time a task ran without a break, measured from the
// start of its run.
type Slice struct {
	Task       int
	Start, End time.Duration
}

// Schedule is what [Turns] saw in one mode: every slice of every task.
type Schedule struct {
	Mode string
	// Tasks is how many tasks ran; GOMAXPROCS is its value during the run;
	// Interval the switch interval (under the GIL only).
	Tasks, GOMAXPROCS int
	Interval          time.Duration
	// Wall is the time from the start until the last task finished.
	Wall time.Duration
	// Slices holds every slice, ordered by start.
	Slices []Slice
	// Switches is how often the GIL changed hands (under the GIL only).
	Switches int64
}

// Turns returns the schedule's turns: each stretch from when a task began
// running until another task began, its slices joined together. A pause
// in which no other task ran (the operating system gave the core to another
// program) does not end a turn. Under a GIL a turn is one hold of the GIL.
func (s Schedule) Turns() []Slice {
	var out []Slice
	for _, sl := range s.Slices {
		if n := len(out); n > 0 && out[n-1].Task == sl.Task {
			out[n-1].End = max(out[n-1].End, sl.End)
			continue
		}
		out = append(out, sl)
	}
	return out
}

// MedianTurn returns the median length of [Schedule.Turns], or 0 without
// any. The last turn of each task is as short as the work left, but with
// many turns the median is the usual one.
func (s Schedule) MedianTurn() time.Duration {
	turns := s.Turns()
	if len(turns) == 0 {
		return 0
	}
	d := make([]time.Duration, len(turns))
	for i, t := range turns {
		d[i] = t.End - t.Start
	}
	slices.Sort(d)
	if n := len(d); n%2 == 0 {
		return (d[n/2-1] + d[n/2]) / 2
	}
	return d[len(d)/2]
}

// TaskSlices returns the slices of task i.
func (s Schedule) TaskSlices(i int) []Slice {
	var out []Slice
	for _, sl := range s.Slices {
		if sl.Task == i {
			out = append(out, sl)
		}
	}
	return out
}

// Overlap returns how long two or more tasks ran at the same moment. Under
// a GIL it is 0: the slices' ends are taken before a task lets the GIL go,
// their starts after the next one has it.
func (s Schedule) Overlap() time.Duration {
	type edge struct {
		at    time.Duration
		delta int
	}
	edges := make([]edge, 0, 2*len(s.Slices))
	for _, sl := range s.Slices {
		edges = append(edges, edge{sl.Start, +1}, edge{sl.End, -1})
	}
	// Ends before starts at the same instant: touching slices do not overlap.
	slices.SortFunc(edges, func(a, b edge) int {
		if a.at != b.at {
			return int(a.at - b.at)
		}
		return a.delta - b.delta
	})
	var total time.Duration
	running := 0
	for i, e := range edges {
		if running >= 2 {
			total += e.at - edges[i-1].at
		}
		running += e.delta
	}
	return total
}

// Turns runs cfg.Tasks counting tasks together in each of cfg.Modes and
// records when each one really ran: a task notes the time every
// [workloads.CheckEvery] steps, and a pause longer than [TurnGap] ends one
// of its slices. Plot them with [TurnsPlot].
//
// Under [GILThreads] each task is an OS thread under one emulated GIL and
// the slices are its turns with the GIL. Under [Goroutines] they are plain
// goroutines; under [MaxProcs1] too, with GOMAXPROCS set to 1 for the run
// and restored afterwards.
//
// Bad settings return an error before anything runs.
func Turns(ctx context.Context, cfg TurnsConfig) ([]Schedule, error) {
	if ctx == nil {
		return nil, errors.New("gilcompare: Turns needs a context, got nil")
	}
	if cfg.Modes == nil {
		cfg.Modes = []string{GILThreads, Goroutines}
	}
	cfg.Tasks = orDefault(cfg.Tasks, 2)
	cfg.TaskTime = orDefault(cfg.TaskTime, 50*time.Millisecond)
	switch {
	case cfg.Tasks < 1 || cfg.Tasks > MaxTasks:
		return nil, fmt.Errorf("gilcompare: Turns: Tasks must be between 1 and %d, got %d", MaxTasks, cfg.Tasks)
	case cfg.TaskTime < 0 || cfg.TaskTime > MaxTaskTime:
		return nil, fmt.Errorf("gilcompare: Turns: TaskTime must be between 0 (for 50ms) and %v, got %v", MaxTaskTime, cfg.TaskTime)
	}
	for _, m := range cfg.Modes {
		if m != GILThreads && m != Goroutines && m != MaxProcs1 {
			return nil, fmt.Errorf("gilcompare: Turns: unknown mode %q; want %s, %s or %s", m, GILThreads, Goroutines, MaxProcs1)
		}
	}
	if err := checkInterval(cfg.Interval); err != nil {
		return nil, err
	}
	n, err := workloads.Calibrate(func(n int64) { workloads.CountTo(n) }, cfg.TaskTime)
	if err != nil {
		return nil, fmt.Errorf("gilcompare: Turns: %w", err)
	}
	var out []Schedule
	for _, mode := range cfg.Modes {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("gilcompare: Turns stopped: %w", err)
		}
		s, err := turns(ctx, mode, cfg, n)
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
	return out, nil
}

// turns runs one mode of [Turns].
func turns(ctx context.Context, mode string, cfg TurnsConfig, n int64) (Schedule, error) {
	s := Schedule{Mode: mode, Tasks: cfg.Tasks}
	recs := make([]*recorder, cfg.Tasks)
	var start time.Time
	for i := range recs {
		recs[i] = &recorder{task: i, now: time.Now}
	}
	switch mode {
	case GILThreads:
		g, err := newGIL(cfg.Interval)
		if err != nil {
			return s, err
		}
		s.Interval = g.SwitchInterval()
		tasks := make([]gil.Task, cfg.Tasks)
		for i, r := range recs {
			tasks[i] = func(t *gil.Thread) {
				r.inner = t.Check
				r.begin(start)
				workloads.CountToWith(n, r.check)
				r.finish()
			}
		}
		s.GOMAXPROCS = runtime.GOMAXPROCS(0)
		start = time.Now()
		if _, err := g.Run(ctx, tasks...); err != nil {
			return s, fmt.Errorf("gilcompare: Turns: %w", err)
		}
		s.Switches = g.Stats().Switches
	case Goroutines:
		s.GOMAXPROCS = runtime.GOMAXPROCS(0)
		start = runGoroutines(recs, n)
	case MaxProcs1:
		withMaxProcs(1, func() {
			s.GOMAXPROCS = runtime.GOMAXPROCS(0)
			start = runGoroutines(recs, n)
		})
	}
	for _, r := range recs {
		s.Slices = append(s.Slices, r.slices...)
		s.Wall = max(s.Wall, r.end.Sub(start))
	}
	slices.SortFunc(s.Slices, func(a, b Slice) int { return int(a.Start - b.Start) })
	return s, nil
}

// runGoroutines runs one counting task per recorder on its own goroutine and
// returns when they started.
func runGoroutines(recs []*recorder, n int64) time.Time {
	var wg sync.WaitGroup
	start := time.Now()
	for _, r := range recs {
		wg.Go(func() {
			r.begin(start)
			workloads.CountToWith(n, r.check)
			r.finish()
		})
	}
	wg.Wait()
	return start
}

// recorder cuts one task's run into slices. It is the task's check
// function: called every [workloads.CheckEvery] steps, it notes the time,
// and runs inner (the GIL's check) if there is one.
type recorder struct {
	task  int
	now   func() time.Time
	inner func()

	origin, from, last, end time.Time
	slices                  []Slice
}

// begin starts the first slice; origin is the start of the whole run.
func (r *recorder) begin(origin time.Time) {
	r.origin = origin
	r.from = r.now()
	r.last = r.from
}

// check ends the current slice when the task was stopped since the last
// check, or while inner ran (a GIL handoff): the slice ends at the last time
// the task was seen running and the next begins when it is seen again.
func (r *recorder) check() {
	before := r.now()
	if before.Sub(r.last) > TurnGap {
		r.cut(r.last, before)
	}
	r.last = before
	if r.inner == nil {
		return
	}
	r.inner()
	after := r.now()
	if after.Sub(before) > TurnGap {
		r.cut(before, after)
	}
	r.last = after
}

// finish ends the last slice.
func (r *recorder) finish() {
	r.end = r.now()
	r.cut(r.end, r.end)
}

func (r *recorder) cut(end, next time.Time) {
	if end.After(r.from) {
		r.slices = append(r.slices, Slice{Task: r.task, Start: r.from.Sub(r.origin), End: end.Sub(r.origin)})
	}
	r.from = next
}

// TurnsPlot draws who ran when: a row per task and mode, a bar per slice.
// Rows of different modes share the time axis; each mode's run starts at 0.
func TurnsPlot(schedules []Schedule) ([]byte, error) {
	var spans []plots.Span
	var modes []string
	for _, s := range schedules {
		modes = append(modes, Legend(s.Mode))
		for i := range s.Tasks {
			worker := fmt.Sprintf("%s, task %d", shortMode(s.Mode), i+1)
			for _, sl := range s.TaskSlices(i) {
				spans = append(spans, plots.Span{Worker: worker, Start: sl.Start, End: sl.End})
			}
		}
	}
	if len(spans) == 0 {
		return nil, errors.New("gilcompare: TurnsPlot: no slices to draw")
	}
	return plots.Timeline("when each CPU-bound task ran: "+strings.Join(modes, " vs "), spans)
}

// shortMode names a mode for a timeline row, where space is short.
func shortMode(mode string) string {
	switch mode {
	case GILThreads:
		return "GIL"
	case Goroutines:
		return "no GIL"
	case MaxProcs1:
		return "GOMAXPROCS=1"
	}
	return mode
}

// PreemptMin and PreemptMax bound a turn at GOMAXPROCS=1: Go's sysmon
// preempts a goroutine that has run 10 ms (forcePreemptNS in
// runtime/proc.go) and sleeps up to 10 ms between looks.
const (
	PreemptMin = 10 * time.Millisecond
	PreemptMax = 20 * time.Millisecond
)

// TurnsVerdict says, with the figures, what each mode did: its wall time,
// how long two tasks ran at the same moment and, where tasks take turns, how
// long the turns were; and whether that agrees with the course: under the
// GIL one task at a time, in turns of about one switch interval (half to
// twice it); at GOMAXPROCS=1 one at a time too, in turns of Go's preemption
// ([PreemptMin] to [PreemptMax], plus 5 ms of slack) when the run is long
// enough to show them; without a GIL, when
// GOMAXPROCS is 2 or more, tasks at the same time for at least half the run.
func TurnsVerdict(schedules []Schedule) string {
	if len(schedules) == 0 {
		return "**No verdict:** nothing was measured."
	}
	var b strings.Builder
	b.WriteString("**This machine:**\n\n")
	agree := true
	var gilTurn time.Duration
	var claims []string
	for _, s := range schedules {
		turn, overlap := s.MedianTurn(), s.Overlap()
		share := 0.0
		if s.Wall > 0 {
			share = float64(overlap) / float64(s.Wall)
		}
		fmt.Fprintf(&b, "- %s: %d tasks finished after %v; two or more ran at once for %v (%.0f%% of the run)",
			Legend(s.Mode), s.Tasks, bench.Round(s.Wall), bench.Round(overlap), 100*share)
		if s.Mode != Goroutines {
			fmt.Fprintf(&b, "; they took %d turns, a median turn of **%v**", len(s.Turns()), bench.Round(turn))
		}
		switch s.Mode {
		case GILThreads:
			gilTurn = turn
			fmt.Fprintf(&b, "; the GIL changed hands %d times, switch interval %v", s.Switches, s.Interval)
			agree = agree && overlap == 0 && s.Tasks > 1 && turn >= s.Interval/2 && turn <= 2*s.Interval
			claims = append(claims, "under the GIL the threads take turns of about one switch interval and never run at once")
		case MaxProcs1:
			agree = agree && overlap == 0
			if gilTurn > 0 {
				fmt.Fprintf(&b, ", %.1f times as long as under the GIL", float64(turn)/float64(gilTurn))
			}
			claims = append(claims, "at GOMAXPROCS=1 goroutines never run at once either")
			// Overlap is 0 by construction at GOMAXPROCS=1: the turn's
			// length is what can say no. sysmon preempts after 10 ms and
			// looks every 10 ms at most, so a turn lasts 10–20 ms; a run
			// shorter than two such turns cannot show one.
			if s.Wall >= 2*PreemptMax {
				agree = agree && len(s.Turns()) >= 2 && turn >= PreemptMin*4/5 && turn <= PreemptMax+WakeSlack*5
				claims = append(claims, fmt.Sprintf("their turns last as long as Go's preemption takes (%v to %v), not a switch interval", PreemptMin, PreemptMax))
			} else {
				fmt.Fprintf(&b, " (a run of %v is too short to judge the turns by Go's %v preemption)", bench.Round(s.Wall), PreemptMin)
			}
		case Goroutines:
			if s.GOMAXPROCS > 1 && s.Tasks > 1 {
				agree = agree && share >= 0.5
				claims = append(claims, "without a GIL they run side by side, one per core")
			}
		}
		b.WriteString(".\n")
	}
	b.WriteString("\n")
	switch {
	case agree && len(claims) > 0:
		b.WriteString("That is what the two schedulers predict: " + strings.Join(claims, "; ") + ".")
	case agree:
		b.WriteString("Nothing here to judge: no prediction applies to these runs.")
	default:
		b.WriteString("That is not the pattern the schedulers predict (" + strings.Join(claims, "; ") + "): a busy machine can blur it (rerun when quiet); if it persists, the prediction is wrong here.")
	}
	return b.String()
}
