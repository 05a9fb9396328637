package memory

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"

	"concurrencylab/kernel-helpers/worker"
)

// PerGoroutine parks n goroutines with [ParkGoroutines] and returns the
// memory each took, in bytes, then releases them.
//
// The figure is the rise in the Go runtime's own accounting,
// [runtime.MemStats] StackInuse (goroutine stacks) plus HeapAlloc (where each
// goroutine's descriptor, the runtime's g, lives), after a garbage
// collection on both sides. A goroutine is made of nothing else, so this
// sees exactly it; the RSS would add the noise of pages the runtime happens
// to map or return meanwhile. The stack a new goroutine starts with is 2 KiB
// or, since Go 1.19, the average stack size the runtime last saw in this
// program, so the figure grows in programs whose goroutines use deep stacks.
// Descriptors of goroutines that exited earlier are reused and so are not
// counted again.
func PerGoroutine(n int) (float64, error) {
	if n <= 0 || n > MaxGoroutines {
		return 0, fmt.Errorf("memory: cannot park %d goroutines: n must be in [1, %d]", n, MaxGoroutines)
	}
	before := goroutineMemory()
	p, err := ParkGoroutines(n)
	if err != nil {
		return 0, err
	}
	after := goroutineMemory()
	p.Release()
	if after <= before {
		return 0, fmt.Errorf("memory: Go memory did not rise with %d parked goroutines (%d → %d bytes); try a larger n", n, before, after)
	}
	return float64(after-before) / float64(n), nil
}

// goroutineMemory is StackInuse+HeapAlloc after garbage collection. The
// second collection frees the stacks of goroutines that exited before the
// first: the runtime frees those during a collection, so the first one only
// queues them.
func goroutineMemory() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.StackInuse + ms.HeapAlloc
}

// PerThread parks n goroutines each on its own OS thread with [ParkThreads]
// and returns the memory each new thread took, in bytes, then releases them.
//
// A thread's memory is only partly the Go runtime's (a program built without
// cgo gives each thread a 16 KiB stack for the scheduler's own work, see
// allocm in runtime/proc.go), the rest is the kernel's and the C library's,
// so the figure is the rise in this process's RSS ([Self]), divided by the rise
// in its thread count (usually n; less when the runtime had idle threads to
// reuse). It includes the parked goroutines' own small stacks. It does not
// include what the kernel keeps for each thread outside the process's
// memory (a kernel stack of 16 KiB on x86-64, and bookkeeping), which RSS
// cannot see. Unlike the 8 MiB a C thread reserves for its stack, RSS counts
// only pages really touched, which is why the figure is tens of KiB.
//
// The measurement is noisier than [PerGoroutine]; an error says so when the
// RSS did not rise at all, and a larger n helps.
func PerThread(n int) (float64, error) {
	if n <= 0 || n > MaxThreads {
		return 0, fmt.Errorf("memory: cannot park %d threads: n must be in [1, %d]", n, MaxThreads)
	}
	before, err := settledSelf()
	if err != nil {
		return 0, err
	}
	p, err := ParkThreads(n)
	if err != nil {
		return 0, err
	}
	after, err := settledSelf()
	p.Release()
	if err != nil {
		return 0, err
	}
	threads := after.Threads - before.Threads
	if threads <= 0 {
		return 0, fmt.Errorf("memory: thread count did not rise with %d locked goroutines (%d → %d)", n, before.Threads, after.Threads)
	}
	if after.RSS <= before.RSS {
		return 0, fmt.Errorf("memory: RSS did not rise with %d new threads (%d → %d bytes); try a larger n", threads, before.RSS, after.RSS)
	}
	return float64(after.RSS-before.RSS) / float64(threads), nil
}

// settledSelf returns [Self] after [debug.FreeOSMemory], which collects
// garbage and hands free pages back to the kernel, so that two readings
// differ by what is in use and not by what the collector had yet to return.
func settledSelf() (Usage, error) {
	debug.FreeOSMemory()
	return Self()
}

// MaxProcesses bounds [PerProcess]: an idle Go worker process takes a few
// MiB, and a few hundred would crowd a small machine for no gain.
const MaxProcesses = 128

// PerProcess starts a [worker.Pool] of n idle worker processes, makes sure
// each has started and answered a call, and returns their average RSS in
// bytes; then it closes the pool, which ends and reaps the workers.
//
// Unlike [PerGoroutine] and [PerThread] this is not a difference: each
// worker is a whole program with its own Go runtime, heap, stacks and
// threads, and all of that is its RSS. RSS counts in full the pages a worker
// shares with its siblings, such as the program's code, which the kernel
// keeps only once in RAM; the figure is what one more process costs when
// none of it could be shared, an upper bound.
func PerProcess(ctx context.Context, n int) (float64, error) {
	if n <= 0 || n > MaxProcesses {
		return 0, fmt.Errorf("memory: cannot start %d processes: n must be in [1, %d]", n, MaxProcesses)
	}
	pool, err := worker.NewPool(ctx, n)
	if err != nil {
		return 0, fmt.Errorf("memory: %w", err)
	}
	defer pool.Close()
	pids := pool.PIDs()
	if err := callEach(ctx, pool, pids); err != nil {
		return 0, err
	}
	var total int64
	for _, pid := range pids {
		u, err := Of(pid)
		if err != nil {
			return 0, err
		}
		if u.PPID != os.Getpid() {
			return 0, fmt.Errorf("memory: process %d is not a child of this process", pid)
		}
		total += u.RSS
	}
	return float64(total) / float64(len(pids)), nil
}

// callEach calls "getpid" until every worker in pids has answered, so that
// each has finished starting up and its RSS is that of a ready worker. An
// idle pool hands successive calls to successive workers, so this usually
// takes len(pids) calls; a few rounds more are allowed before giving up.
func callEach(ctx context.Context, pool *worker.Pool, pids []int) error {
	answered := map[int]bool{}
	for range 4 * len(pids) {
		var pid int
		if _, err := pool.Call(ctx, "getpid", nil, &pid); err != nil {
			return fmt.Errorf("memory: %w", err)
		}
		answered[pid] = true
		if !slices.ContainsFunc(pids, func(p int) bool { return !answered[p] }) {
			return nil
		}
	}
	return fmt.Errorf("memory: not every worker of %v answered a call", pids)
}
