package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Pool is a fixed number of persistent worker processes, the Go analog of
// multiprocessing.Pool or concurrent.futures.ProcessPoolExecutor: start the
// processes once, then send them many calls.
//
// A Pool is safe for concurrent use; [Pool.Call] is meant to be called from
// many goroutines at once. When a worker dies in the middle of a task, that
// call returns a [*CrashError] and the pool starts a replacement, so the
// other calls, finished or not, are unaffected. Only if no replacement can be
// started does the pool close itself, like CPython's BrokenProcessPool.
//
// Each worker runs one task at a time, but a pool keeps up to [Pool.Depth]
// calls in flight per worker, so that a worker finds its next request
// already waiting in its pipe when it finishes one. Calls go to the worker
// with the fewest calls in flight, so an idle worker is always chosen first;
// and a worker that runs out of calls takes back one that waits behind a
// long task elsewhere, so no worker idles while a call waits.
//
// The zero value is not usable: create pools with [NewPool] and close them
// with [Pool.Close].
type Pool struct {
	n     int
	depth int
	// tokens holds one token per call in flight: n*depth of them. A call
	// takes one before it picks a worker, so some worker always has room,
	// and gives it back when its worker answers or dies.
	tokens chan struct{}
	done   chan struct{} // closed when the pool closes

	mu       sync.Mutex
	slots    []*slot
	closed   bool
	closeErr error         // why calls fail once closed
	nextID   uint64        // request ids: each request sent gets a new one
	next     int           // where the search for the least busy slot starts
	moves    int           // calls being moved: withdraw sent, not yet given back
	grace    time.Duration // cancelGrace; tests that must not see a kill raise it

	wg        sync.WaitGroup // reader and writer goroutines
	stopCtx   func() bool    // unregisters the context.AfterFunc
	unhook    sync.Once      // Close calls stopCtx once
	afterDone chan struct{}  // closed when that AfterFunc has run
}

// slot is one place in the pool: the worker process filling it and the calls
// sent to it, oldest first. A replacement worker takes over the slot and the
// calls the dead one never started.
type slot struct {
	proc    *proc
	pending []*call
}

// call is one request in flight.
type call struct {
	id        uint64
	task      string
	payload   []byte      // the encoded argument
	frame     []byte      // the encoded request, kept to resend to a replacement
	answer    chan result // buffered: the answer is never blocked on
	abandoned bool        // the caller gave up (its context ended)
	moving    bool        // its worker was asked to give it back, to move it to an idle one
	grace     *time.Timer // kills a worker that ignores a cancel
}

type result struct {
	info    Info
	payload []byte
	err     error
}

// Info says who ran a call and when. The times are the worker's clock
// readings around the task itself, so they leave out the pipe and the
// queueing; set against the caller's times they show that overhead.
type Info struct {
	Task       string
	PID        int // the worker process
	TID        int // the OS thread in the worker that ran the task
	Start, End time.Time
}

// DefaultDepth is the number of calls in flight per worker in a pool made
// by [NewPool]: one running and three waiting in its pipe. When tasks are
// tiny, the round trip through the pipes, not the task, limits a pool:
// BenchmarkCall measured about 16 µs per no-op call at depth 1, 13 at
// depth 2, 8 at depth 4 and 4 at depth 16 on a 2-core machine. Beyond 4 the
// gain is small, while calls waiting behind a long task wait longer for an
// idle worker to take them (see [Pool]). CPython's ProcessPoolExecutor
// queues one call more than it has workers, in one queue they all read.
const DefaultDepth = 4

// MaxDepth bounds the depth given to [NewPoolDepth]; a worker's queue holds
// far more than that.
const MaxDepth = 64

// NewPool starts n worker processes that run tasks for [Pool.Call].
// When ctx ends, the pool closes: every worker is killed at once and calls
// in progress return the context's error. NewPool returns an error for
// n <= 0 or when a worker cannot be started.
func NewPool(ctx context.Context, n int) (*Pool, error) {
	return NewPoolDepth(ctx, n, DefaultDepth)
}

// NewPoolDepth is [NewPool] with depth calls in flight per worker (1 to
// [MaxDepth]). Depth 1 makes every call wait for an idle worker, and pays a
// full round trip per call; a larger depth lets a worker's next requests
// queue behind the running one, which pays when tasks are tiny, but a long
// task then delays the calls queued behind it.
func NewPoolDepth(ctx context.Context, n, depth int) (*Pool, error) {
	switch {
	case ctx == nil:
		return nil, errors.New("worker: NewPool needs a context, got nil")
	case n <= 0:
		return nil, fmt.Errorf("worker: NewPool needs at least 1 worker, got %d", n)
	case n > MaxWorkers():
		return nil, fmt.Errorf("worker: NewPool: %d workers is more than this machine allows (%d): %s", n, MaxWorkers(), maxWorkersWhy())
	case depth < 1 || depth > MaxDepth:
		return nil, fmt.Errorf("worker: NewPool depth must be 1 to %d, got %d", MaxDepth, depth)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("worker: NewPool: %w", err)
	}
	p := &Pool{
		n:         n,
		depth:     depth,
		tokens:    make(chan struct{}, n*depth),
		done:      make(chan struct{}),
		afterDone: make(chan struct{}),
		grace:     cancelGrace,
	}
	// Hold the lock while starting, so that a worker dying at once finds
	// its slot in place.
	p.mu.Lock()
	for range n {
		if err := ctx.Err(); err != nil {
			p.mu.Unlock()
			p.Close()
			return nil, fmt.Errorf("worker: NewPool: %w", err)
		}
		pr, err := p.startProc()
		if err != nil {
			p.mu.Unlock()
			p.Close()
			return nil, err
		}
		p.slots = append(p.slots, &slot{proc: pr})
	}
	p.mu.Unlock()
	p.stopCtx = context.AfterFunc(ctx, func() {
		defer close(p.afterDone)
		p.shutdown(fmt.Errorf("%w: %w", ErrClosed, context.Cause(ctx)))
	})
	return p, nil
}

// startProc starts a worker and its writer and reader goroutines.
// The caller holds p.mu, or has not shared p yet.
func (p *Pool) startProc() (*proc, error) {
	pr, err := startProc()
	if err != nil {
		return nil, err
	}
	p.wg.Add(2)
	go func() {
		defer p.wg.Done()
		pr.write()
	}()
	go func() {
		defer p.wg.Done()
		p.read(pr)
	}()
	return pr, nil
}

// Size returns the number of workers.
func (p *Pool) Size() int {
	if p == nil {
		return 0
	}
	return p.n
}

// Depth returns how many calls a worker may have in flight.
func (p *Pool) Depth() int { return p.depth }

// PIDs returns the process ids of the current workers, in slot order.
// After a worker died and was replaced, the list holds the new one.
func (p *Pool) PIDs() []int {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	pids := make([]int, 0, len(p.slots))
	for _, s := range p.slots {
		if s.proc != nil {
			pids = append(pids, s.proc.pid)
		}
	}
	return pids
}

// Call runs the registered task in a worker with arg, encoded as JSON, and
// decodes the task's result into result unless result is nil. It waits for
// room at a worker, then for the answer.
//
// Errors name the task: [ErrUnknownTask] (wrapped) for a name nobody
// registered, [*TaskError] when the task returned an error, [*CrashError]
// when the worker died, [ErrClosed] (wrapped) when the pool is closed, and
// ctx's error when ctx ended first. A cancelled call asks the worker to stop
// the task and returns at once; a worker that does not stop within 200 ms
// is killed and replaced. The [Info] is filled in as far as it is known.
func (p *Pool) Call(ctx context.Context, task string, arg, result any) (Info, error) {
	info := Info{Task: task}
	switch {
	case p == nil:
		return info, fmt.Errorf("worker: task %q: Call on a nil *Pool", task)
	case p.tokens == nil:
		return info, fmt.Errorf("worker: task %q: Call on a zero-value Pool; make one with NewPool", task)
	case ctx == nil:
		return info, fmt.Errorf("worker: task %q: nil context", task)
	}
	if _, ok := Lookup(task); !ok {
		return info, fmt.Errorf("worker: task %q: %w", task, ErrUnknownTask)
	}
	payload, err := marshalArg(arg)
	if err != nil {
		return info, fmt.Errorf("worker: task %q: encoding argument: %w", task, err)
	}

	select {
	case p.tokens <- struct{}{}:
	case <-ctx.Done():
		return info, fmt.Errorf("worker: task %q: %w", task, context.Cause(ctx))
	case <-p.done:
		return info, p.closedErr(task)
	}
	c, err := p.send(task, payload)
	if err != nil {
		<-p.tokens
		return info, err
	}

	select {
	case r := <-c.answer:
		return p.finish(c, r, result)
	case <-ctx.Done():
	}
	p.abandon(c)
	// The answer may have arrived while abandon ran; use it if so.
	select {
	case r := <-c.answer:
		return p.finish(c, r, result)
	default:
		return info, fmt.Errorf("worker: task %q: %w", task, context.Cause(ctx))
	}
}

func marshalArg(arg any) ([]byte, error) {
	switch a := arg.(type) {
	case nil:
		return []byte("null"), nil
	case json.RawMessage:
		if !json.Valid(a) {
			return nil, errors.New("json.RawMessage argument is not valid JSON")
		}
		return a, nil
	}
	return json.Marshal(arg)
}

// send queues a request at the least busy worker.
func (p *Pool) send(task string, payload []byte) (*call, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, p.closedErrLocked(task)
	}
	p.nextID++
	c := &call{id: p.nextID, task: task, payload: payload, answer: make(chan result, 1)}
	var err error
	c.frame, err = appendFrame(nil, &frame{kind: kindRequest, id: c.id, task: task, payload: payload})
	if err != nil {
		return nil, fmt.Errorf("worker: task %q: %w", task, err)
	}
	p.place(c, nil)
	return c, nil
}

// finish turns an answer into Call's results.
func (p *Pool) finish(c *call, r result, out any) (Info, error) {
	if r.err != nil || out == nil || len(r.payload) == 0 {
		return r.info, r.err
	}
	if err := json.Unmarshal(r.payload, out); err != nil {
		return r.info, fmt.Errorf("worker: task %q: decoding result: %w", c.task, err)
	}
	return r.info, nil
}

func (p *Pool) closedErr(task string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closedErrLocked(task)
}

func (p *Pool) closedErrLocked(task string) error {
	err := p.closeErr
	if err == nil {
		err = ErrClosed
	}
	return fmt.Errorf("worker: task %q: %w", task, err)
}

// Close kills every worker, waits until each is reaped, and fails calls
// still in flight with [ErrClosed]. It is safe to call more than once and
// from several goroutines; it returns nil.
func (p *Pool) Close() error {
	if p == nil {
		return nil
	}
	p.unhook.Do(func() {
		if p.stopCtx != nil && !p.stopCtx() {
			<-p.afterDone // the context ended and its shutdown is running
		}
	})
	p.shutdown(ErrClosed)
	p.wg.Wait()
	return nil
}

// shutdown marks the pool closed and kills the workers without waiting:
// their reader goroutines reap them.
func (p *Pool) shutdown(why error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closeLocked(why)
}

func (p *Pool) closeLocked(why error) {
	if p.closed {
		return
	}
	p.closed, p.closeErr = true, why
	close(p.done)
	for _, s := range p.slots {
		if s.proc != nil {
			s.proc.kill()
		}
	}
}
