package memory

import (
	"fmt"
	"runtime"
	"sync"
	"syscall"
)

// Limits on how many goroutines and threads may be parked at once.
//
// MaxGoroutines: a parked goroutine takes a few KiB, so a million take a few
// GiB, the most a course machine should be asked for.
//
// MaxThreads: the Go runtime does not return an error when it cannot create
// a thread, it aborts the whole program; and it aborts on purpose past
// 10,000 threads ([runtime/debug.SetMaxThreads]). 2,000 leaves room for the
// threads the program already has and for the kernel's per-user limit
// (ulimit -u) on small machines.
const (
	MaxGoroutines = 1_000_000
	MaxThreads    = 2_000
)

// Parked is a group of goroutines blocked on a channel, doing nothing but
// exist, so that their memory and threads can be measured. Create it with
// [ParkGoroutines] or [ParkThreads]; [Parked.Release] lets them finish.
type Parked struct {
	n       int
	release chan struct{}
	done    sync.WaitGroup
	once    sync.Once
	tids    []int
}

// ParkGoroutines starts n goroutines that block on a channel until
// [Parked.Release], and returns once all of them are running.
func ParkGoroutines(n int) (*Parked, error) {
	if n <= 0 || n > MaxGoroutines {
		return nil, fmt.Errorf("memory: cannot park %d goroutines: n must be in [1, %d]", n, MaxGoroutines)
	}
	return park(n, false), nil
}

// ParkThreads starts n goroutines that each lock themselves to their own OS
// thread with [runtime.LockOSThread] and block until [Parked.Release]. A
// goroutine locked to a thread keeps the thread to itself even while it
// waits, so the Go runtime starts a new thread for other work: n parked
// goroutines hold n OS threads, which [Self] shows in its thread count and
// [Parked.TIDs] by their ids. When released they exit still locked, and the
// runtime then ends their threads instead of reusing them.
func ParkThreads(n int) (*Parked, error) {
	if n <= 0 || n > MaxThreads {
		return nil, fmt.Errorf("memory: cannot park %d threads: n must be in [1, %d]", n, MaxThreads)
	}
	return park(n, true), nil
}

func park(n int, lock bool) *Parked {
	p := &Parked{n: n, release: make(chan struct{})}
	if lock {
		p.tids = make([]int, n)
	}
	var ready sync.WaitGroup
	ready.Add(n)
	for i := range n {
		p.done.Go(func() {
			if lock {
				// No UnlockOSThread: a goroutine that exits locked takes
				// its thread with it, which is how Release frees threads.
				runtime.LockOSThread()
				p.tids[i] = syscall.Gettid()
			}
			ready.Done()
			<-p.release
		})
	}
	ready.Wait()
	return p
}

// Len returns how many goroutines are parked.
func (p *Parked) Len() int { return p.n }

// TIDs returns the OS thread id of each goroutine parked by [ParkThreads]:
// all different, since each holds its own thread. It returns nil for
// goroutines parked by [ParkGoroutines], which hold no thread of their own.
func (p *Parked) TIDs() []int {
	if p.tids == nil {
		return nil
	}
	return append([]int(nil), p.tids...)
}

// Release unblocks the parked goroutines and returns once all have exited.
// Threads held by [ParkThreads] end shortly after. Release is safe to call
// more than once.
func (p *Parked) Release() {
	if p == nil || p.release == nil {
		return // nothing was parked
	}
	p.once.Do(func() { close(p.release) })
	p.done.Wait()
}
