package run

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Batch runs the tasks under strategy s and returns one [Record] per task,
// in task order, whatever order they ran in.
//
// Bad input (a nil ctx, a strategy with no workers, a task the strategy
// cannot run) returns a nil slice and an error before anything runs. Once
// tasks run, Batch always returns every record: a task that fails, panics or
// whose worker dies has its error in its record, and the returned error
// joins those errors ([errors.Join]), each naming its task.
//
// When ctx ends, tasks not yet started are not started (their records say
// so), running tasks are asked to stop through their context, and worker
// processes are killed. Tasks in this process must watch their context,
// or Batch waits for them: a goroutine cannot be killed.
func Batch(ctx context.Context, s Strategy, tasks []Task) ([]Record, error) {
	if ctx == nil {
		return nil, errors.New("run: Batch needs a context, got nil")
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	if len(tasks) > MaxTasks {
		return nil, fmt.Errorf("run: a batch of %d tasks is more than %d (each keeps a record in memory)", len(tasks), MaxTasks)
	}
	if s.kind == gilThreads {
		return GILBatch(ctx, s.gil, tasks)
	}
	recs := make([]Record, len(tasks))
	for i, t := range tasks {
		recs[i] = Record{Task: i, Name: t.Name}
		if recs[i].Name == "" {
			recs[i].Name = t.Worker
		}
		if recs[i].Name == "" {
			recs[i].Name = "task " + strconv.Itoa(i)
		}
		if err := t.check(s); err != nil {
			return nil, fmt.Errorf("run: task %d %q: %w", i, recs[i].Name, err)
		}
	}
	if len(tasks) == 0 {
		return recs, nil
	}

	b := &batch{ctx: ctx, tasks: tasks, recs: recs, started: make([]bool, len(tasks)), base: time.Now()}
	switch s.kind {
	case sequential:
		b.pool(1, false)
	case goroutines:
		b.onePerTask()
	case goroutinePool:
		b.pool(s.n, false)
	case osThreads:
		b.pool(s.n, true)
	case maxProcs:
		b.withMaxProcs(s.n)
	case processPool:
		b.processes(s)
	case processPerTask:
		b.spawn(s.n)
	}
	return recs, b.errors()
}

// batch is one run of Batch. Each record is written by the one goroutine
// that runs its task, and read after all have finished.
type batch struct {
	ctx     context.Context
	tasks   []Task
	recs    []Record
	started []bool
	next    atomic.Int64 // the next task to take, for pools
	base    time.Time    // when the batch started; see now
}

// now returns the current time. It reads only the monotonic clock, added
// to the batch's start, which costs half as much as time.Now (one clock
// reading instead of two): that matters when a task costs a microsecond.
func (b *batch) now() time.Time { return b.base.Add(time.Since(b.base)) }

// take returns the index of the next task to run, or false when there is
// none left or ctx has ended.
func (b *batch) take() (int, bool) {
	if b.ctx.Err() != nil {
		return 0, false
	}
	i := int(b.next.Add(1) - 1)
	return i, i < len(b.tasks)
}

// runHere runs task i on the calling goroutine, g.
func (b *batch) runHere(i int, g uint64) {
	r := &b.recs[i]
	b.started[i] = true
	r.Goroutine, r.PID, r.TID = g, pid, gettid()
	r.Start = b.now()
	returned := false
	defer func() {
		// Only runtime.Goexit gets here without returning: call recovers
		// panics. The goroutine still ends; the record says why.
		if !returned {
			r.Result, r.Err = nil, errors.New("the task called runtime.Goexit, which ended its goroutine")
			r.End = b.now()
		}
	}()
	r.Result, r.Err = b.tasks[i].call(b.ctx, r.Name)
	r.End = b.now()
	returned = true
}

var pid = os.Getpid()

// pool runs the tasks on n goroutines (at most one per task), each taking
// the next task when it is done with one. With locked set, each goroutine
// locks itself to its OS thread first, and so holds that thread alone.
func (b *batch) pool(n int, locked bool) {
	n = min(n, len(b.tasks))
	if n == 1 && !locked {
		b.keepWorking(false) // sequential
		return
	}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { b.keepWorking(locked) })
	}
	wg.Wait()
}

// keepWorking runs [batch.worker] on a goroutine of its own until the tasks
// run out. A task that calls runtime.Goexit ends that goroutine (its
// record says so, see runHere); another then takes over, so that the
// batch neither loses its remaining tasks nor, under Sequential, ends the
// caller's goroutine.
func (b *batch) keepWorking(locked bool) {
	for {
		finished := make(chan bool, 1)
		go func() {
			ok := false
			defer func() { finished <- ok }()
			if locked {
				runtime.LockOSThread()
				// Unlock before the goroutine ends, so the runtime keeps
				// the thread instead of destroying it.
				defer runtime.UnlockOSThread()
			}
			b.worker()
			ok = true
		}()
		if <-finished {
			return
		}
	}
}

// worker takes and runs tasks until none is left.
func (b *batch) worker() {
	g := goid()
	for {
		i, ok := b.take()
		if !ok {
			return
		}
		b.runHere(i, g)
	}
}

// onePerTask starts a goroutine for every task. The goroutines start in
// task order; each checks ctx before running.
func (b *batch) onePerTask() {
	var wg sync.WaitGroup
	for i := range b.tasks {
		wg.Go(func() {
			if b.ctx.Err() == nil {
				b.runHere(i, 0) // see Record.Goroutine
			}
		})
	}
	wg.Wait()
}

// maxProcsMu makes MaxProcs batches take turns: GOMAXPROCS is one setting
// for the whole process.
var maxProcsMu sync.Mutex

func (b *batch) withMaxProcs(p int) {
	maxProcsMu.Lock()
	defer maxProcsMu.Unlock()
	prev := runtime.GOMAXPROCS(p)
	// Deferred, so it is restored even if something below panics. (Task
	// panics are already caught in Task.call.)
	defer runtime.GOMAXPROCS(prev)
	b.onePerTask()
}

// errors fills in the records of tasks that never started and joins the
// tasks' errors.
func (b *batch) errors() error {
	var errs []error
	for i := range b.recs {
		r := &b.recs[i]
		if !b.started[i] && r.Err == nil {
			r.Err = fmt.Errorf("not started: %w", context.Cause(b.ctx))
		}
		if r.Err != nil {
			errs = append(errs, fmt.Errorf("task %d %q: %w", i, r.Name, r.Err))
		}
	}
	return errors.Join(errs...)
}
