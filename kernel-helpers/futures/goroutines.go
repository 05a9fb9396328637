package futures

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Errors a [Future] can fail with before its task ever ran.
var (
	ErrClosed  = errors.New("futures: pool is closed")
	ErrNilFunc = errors.New("futures: nil function")
)

// GoroutinePool runs submitted functions on at most n goroutines: the
// ThreadPoolExecutor of this package. Like Python's executor it starts its
// workers only as tasks arrive, keeps them until [GoroutinePool.Close], and
// queues tasks while all are busy. Create it with [NewGoroutinePool].
type GoroutinePool struct {
	n int

	mu      sync.Mutex
	cond    sync.Cond // signalled when a task is queued or the pool closes
	queue   []func()  // waiting tasks, oldest at head
	head    int
	started int  // workers started so far, at most n
	idle    int  // workers waiting on cond and not yet woken
	closed  bool // no more submits; workers exit once the queue is empty
	workers sync.WaitGroup
}

// NewGoroutinePool returns a pool that runs at most n tasks at once.
func NewGoroutinePool(n int) (*GoroutinePool, error) {
	if n <= 0 {
		return nil, fmt.Errorf("futures: pool size %d must be positive", n)
	}
	p := &GoroutinePool{n: n}
	p.cond.L = &p.mu
	return p, nil
}

// Size returns the most tasks the pool runs at once.
func (p *GoroutinePool) Size() int {
	if p == nil {
		return 0
	}
	return p.n
}

// Submit queues fn to run on p and returns its [Future] at once; fn receives
// ctx. If ctx is done by the time a worker takes the task, fn does not run and
// the future fails with ctx's error, as a cancelled Python future does. A nil
// pool or fn, a nil ctx or a closed pool give a future that has already failed.
//
// Submit is a function, not a method, because Go methods cannot have type
// parameters of their own.
func Submit[T any](ctx context.Context, p *GoroutinePool, fn func(context.Context) (T, error)) *Future[T] {
	switch {
	case p == nil:
		return failed[T](errors.New("futures: nil pool"))
	case p.cond.L == nil:
		return failed[T](errors.New("futures: a zero-value GoroutinePool cannot run tasks; make one with NewGoroutinePool"))
	case fn == nil:
		return failed[T](ErrNilFunc)
	case ctx == nil:
		return failed[T](errors.New("futures: nil context"))
	}
	f := newFuture[T]()
	task := func() {
		if err := ctx.Err(); err != nil {
			var zero T
			f.complete(zero, err)
			return
		}
		f.run(ctx, fn)
	}
	if !p.enqueue(task) {
		return failed[T](ErrClosed)
	}
	return f
}

// enqueue queues task and makes sure a worker will take it: a waiting one if
// there is one, a new one if fewer than n run, otherwise the first busy
// worker to finish. It reports false if the pool is closed.
func (p *GoroutinePool) enqueue(task func()) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.queue = append(p.queue, task)
	switch {
	case p.idle > 0:
		// The waker counts the worker as woken, so that a second task
		// queued before it runs wakes or starts another one.
		p.idle--
		p.cond.Signal()
	case p.started < p.n:
		p.started++
		p.workers.Go(p.work)
	}
	return true
}

// work runs queued tasks until the pool is closed and the queue is empty.
func (p *GoroutinePool) work() {
	for {
		task, ok := p.next()
		if !ok {
			return
		}
		task()
	}
}

// next takes the oldest task, waiting for one while the pool is open.
func (p *GoroutinePool) next() (func(), bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.head == len(p.queue) {
		if p.closed {
			return nil, false
		}
		p.idle++
		p.cond.Wait()
	}
	task := p.queue[p.head]
	p.queue[p.head] = nil
	p.head++
	switch {
	case p.head == len(p.queue):
		p.queue, p.head = p.queue[:0], 0
	case p.head >= 1024 && 2*p.head >= len(p.queue):
		// A queue that never empties would otherwise grow forever.
		n := copy(p.queue, p.queue[p.head:])
		clear(p.queue[n:])
		p.queue, p.head = p.queue[:n], 0
	}
	return task, true
}

// Close stops the pool from accepting tasks, lets the queued and running
// ones finish, and returns when every worker has exited, like Python's
// executor.shutdown(wait=True) or leaving a with block. To stop the queued
// tasks instead, cancel the context they were submitted with before calling
// Close: they then fail without running. Close is safe to call more than
// once and always returns nil; the error is there so that both pools are
// closed alike.
func (p *GoroutinePool) Close() error {
	if p == nil || p.cond.L == nil {
		return nil // nil, or a zero value NewGoroutinePool did not make: nothing runs
	}
	p.mu.Lock()
	p.closed = true
	p.idle = 0
	p.cond.Broadcast()
	p.mu.Unlock()
	p.workers.Wait()
	return nil
}
