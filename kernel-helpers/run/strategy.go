package run

import (
	"fmt"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/gil"
	"concurrencylab/kernel-helpers/worker"
)

// kind is a way of running tasks; see the constructors below.
type kind int

const (
	sequential kind = iota
	goroutines
	goroutinePool
	osThreads
	maxProcs
	processPool
	processPerTask
	gilThreads
)

// Strategy says how [Batch] runs its tasks. Build one with the functions
// below, such as [GoroutinePool](4) or [ProcessPool](2). The zero value is
// [Sequential].
type Strategy struct {
	kind    kind
	n       int
	pool    *worker.Pool
	usePool bool     // made by UsePool, perhaps with a nil pool
	gil     *gil.GIL // for GILThreads
}

// MaxThreads bounds [OSThreads]: each locked goroutine that blocks holds an
// OS thread, and a Go program dies when it has 10,000 threads (see
// [runtime/debug.SetMaxThreads]). A notebook should not get near that.
const MaxThreads = 1000

// MaxProcesses bounds [ProcessPool] and [ProcessPerTask]: each worker is a
// whole program in memory, and a laptop runs out long before the kernel does.
const MaxProcesses = 256

// MaxGOMAXPROCS bounds [MaxProcs]: the runtime keeps a scheduler context
// (P) with its own caches for each, so a typo such as 1e6 would cost
// gigabytes, and no machine the course runs on has that many cores.
const MaxGOMAXPROCS = 256

// MaxTasks bounds the tasks of one [Batch] (and [Work]): every task keeps a
// record, and a million records already take a few hundred MiB.
const MaxTasks = 1_000_000

// Sequential runs the tasks one after another on the calling goroutine: the
// baseline every other strategy is compared with.
func Sequential() Strategy { return Strategy{kind: sequential} }

// Goroutines starts one goroutine per task, as a Python program might start
// one thread per task. Go schedules them on GOMAXPROCS OS threads.
func Goroutines() Strategy { return Strategy{kind: goroutines} }

// GoroutinePool runs the tasks on n goroutines, each taking the next task
// when it finishes one: the analog of ThreadPoolExecutor(max_workers=n).
// At most n tasks run at once.
func GoroutinePool(n int) Strategy { return Strategy{kind: goroutinePool, n: n} }

// OSThreads runs the tasks on n goroutines, each locked to its own OS
// thread with [runtime.LockOSThread] for the whole batch: real threads, as
// Python's threading gives, rather than goroutines the Go scheduler moves
// between threads. Records show each thread's id (gettid). n may be at most
// [MaxThreads]; OSThreads(len(tasks)) gives one thread per task.
func OSThreads(n int) Strategy { return Strategy{kind: osThreads, n: n} }

// MaxProcs runs one goroutine per task with GOMAXPROCS set to p for the
// batch and restored afterwards, even if a task panics. With p = 1 the
// tasks are concurrent but never parallel: one core at a time, much as
// under Python's GIL.
//
// GOMAXPROCS belongs to the whole process, so batches under MaxProcs take
// turns (one waits for the other), and anything else running meanwhile,
// such as a batch under another strategy, runs with p too.
func MaxProcs(p int) Strategy { return Strategy{kind: maxProcs, n: p} }

// ProcessPool starts n worker processes for the batch and closes them at the
// end: the analog of multiprocessing.Pool(n). The tasks must name
// registered worker tasks ([Task.Worker]). Starting the processes counts in
// the batch's time; to leave it out, start a pool once and use [UsePool].
func ProcessPool(n int) Strategy { return Strategy{kind: processPool, n: n} }

// UsePool runs the tasks on an existing pool of worker processes, which
// stays open after the batch: the caller closes it.
func UsePool(p *worker.Pool) Strategy {
	n := 0
	if p != nil {
		n = p.Size()
	}
	return Strategy{kind: processPool, n: n, pool: p, usePool: true}
}

// ProcessPerTask starts a new process for each task, at most n at once, and
// reaps it when the task is done: the analog of a multiprocessing.Process
// per task. It shows what creating a process costs.
func ProcessPerTask(n int) Strategy { return Strategy{kind: processPerTask, n: n} }

// GILThreads runs each task on an OS thread of its own, all under the
// emulated GIL g, the way CPython runs threads: see [GILBatch], which
// [Batch] hands such a batch to. Its name is [NameGILThreads].
func GILThreads(g *gil.GIL) Strategy { return Strategy{kind: gilThreads, gil: g} }

// Strategies returns one of each strategy, with n workers where a strategy
// has workers (and GOMAXPROCS 1), for a notebook that compares them all.
func Strategies(n int) []Strategy {
	return []Strategy{
		Sequential(), Goroutines(), GoroutinePool(n), OSThreads(n),
		MaxProcs(1), ProcessPool(n), ProcessPerTask(n),
	}
}

// Name returns the strategy's name alone, one of the Name constants (such
// as [NameProcessPool]): what records, history and filters hold.
func (s Strategy) Name() string {
	switch s.kind {
	case sequential:
		return NameSequential
	case goroutines:
		return NameGoroutines
	case goroutinePool:
		return NameGoroutinePool
	case osThreads:
		return NameOSThreads
	case maxProcs:
		return NameMaxProcs
	case processPool:
		return NameProcessPool
	case processPerTask:
		return NameProcessPerTask
	case gilThreads:
		return NameGILThreads
	}
	return fmt.Sprintf("strategy(%d)", s.kind)
}

// String names the strategy as plots and tables show it: its name, with its
// count of workers in brackets where it has one, e.g. "goroutine pool (4)"
// or "GOMAXPROCS-limited (1)" (see [bench.Shown]).
func (s Strategy) String() string {
	switch s.kind {
	case goroutinePool, osThreads, maxProcs, processPool, processPerTask:
		return bench.Shown(s.Name(), s.n)
	}
	return s.Name()
}

// Workers returns how many goroutines, threads or processes the strategy
// runs tasks on (the GOMAXPROCS value for [MaxProcs]), or 0 where that
// depends on the batch: one for [Sequential], one per task for [Goroutines].
func (s Strategy) Workers() int {
	if s.kind == sequential {
		return 1
	}
	return s.n
}

// InProcess reports whether the strategy runs tasks in this process, where
// [Task.Func] can run; the others run [Task.Worker] in worker processes.
func (s Strategy) InProcess() bool {
	return s.kind != processPool && s.kind != processPerTask
}

// check returns an error for a strategy that cannot run.
func (s Strategy) check() error {
	switch s.kind {
	case sequential, goroutines:
		return nil
	case goroutinePool:
		if s.n <= 0 {
			return fmt.Errorf("run: %v: needs at least 1", s)
		}
	case maxProcs:
		if s.n <= 0 || s.n > MaxGOMAXPROCS {
			return fmt.Errorf("run: %v: GOMAXPROCS must be 1 to %d", s, MaxGOMAXPROCS)
		}
	case osThreads:
		if s.n <= 0 || s.n > MaxThreads {
			return fmt.Errorf("run: %v: needs 1 to %d threads", s, MaxThreads)
		}
	case processPool:
		if s.usePool && s.pool == nil {
			return fmt.Errorf("run: %v: UsePool needs a pool, got nil", s)
		}
		if !s.usePool && (s.n <= 0 || s.n > MaxProcesses) {
			return fmt.Errorf("run: %v: needs 1 to %d processes", s, MaxProcesses)
		}
	case processPerTask:
		if s.n <= 0 || s.n > MaxProcesses {
			return fmt.Errorf("run: %v: needs 1 to %d processes", s, MaxProcesses)
		}
	case gilThreads:
		if s.gil == nil {
			return fmt.Errorf("run: %v: needs a GIL, got nil (gil.New() makes one)", s)
		}
	default:
		return fmt.Errorf("run: unknown strategy %v", s)
	}
	return nil
}
