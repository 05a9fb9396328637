package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
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
	closeErr error  // why calls fail once closed
	nextID   uint64 // request ids: each request sent gets a new one
	next     int    // where the search for the least busy slot starts
	moves    int    // calls being moved: withdraw sent, not yet given back

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

// cancelGrace is how long a worker may take to stop a cancelled task before
// it is killed and replaced. Cooperative tasks stop within microseconds; the
// course promises that cancellation frees every worker within 1 s.
const cancelGrace = 200 * time.Millisecond

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
	}
	// Hold the lock while starting, so that a worker dying at once finds
	// its slot in place.
	p.mu.Lock()
	for range n {
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
func (p *Pool) Size() int { return p.n }

// Depth returns how many calls a worker may have in flight.
func (p *Pool) Depth() int { return p.depth }

// PIDs returns the process ids of the current workers, in slot order.
// After a worker died and was replaced, the list holds the new one.
func (p *Pool) PIDs() []int {
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

// abandon tells the worker to drop or stop a call whose caller gave up.
func (p *Pool) abandon(c *call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s, _ := p.find(c)
	if s == nil {
		return // answered, or failed with its worker
	}
	c.abandoned = true
	cancel, _ := appendFrame(nil, &frame{kind: kindCancel, id: c.id})
	s.proc.send(cancel)
	c.grace = time.AfterFunc(cancelGrace, func() { p.expire(c) })
}

// expire kills the worker of an abandoned call that is still running after
// its grace period: a task that ignores its context would hold the worker
// forever. A call still waiting behind another gets another period: the
// worker skips it when it gets there, or, if it had just started it, stops
// it or is killed at the next check.
func (p *Pool) expire(c *call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s, at := p.find(c)
	switch {
	case s == nil:
	case at == 0:
		s.proc.kill()
	default:
		c.grace.Reset(cancelGrace)
	}
}

// find returns the slot holding c and its place there, or nil.
// The caller holds p.mu.
func (p *Pool) find(c *call) (*slot, int) {
	for _, s := range p.slots {
		if i := slices.Index(s.pending, c); i >= 0 {
			return s, i
		}
	}
	return nil, -1
}

// read handles one worker's answers until its stdout ends, then reaps it.
func (p *Pool) read(pr *proc) {
	var broke error // why this side gave up on the worker, if it did
	for broke == nil {
		body, err := readFrame(pr.stdout)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				broke = err
			}
			break
		}
		f, err := decodeFrame(body)
		switch {
		case err != nil:
			broke = err
		case f.kind != kindAnswer:
			broke = fmt.Errorf("unexpected frame kind %q", f.kind)
		case !p.answer(pr, f):
			broke = fmt.Errorf("answer to a call it did not have (id %d)", f.id)
		}
	}
	// A worker that breaks the protocol is as good as dead: wait kills it.
	how := pr.wait()
	if broke != nil {
		how = fmt.Errorf("killed after a protocol error: %w", broke)
	}
	p.died(pr, how)
}

// answer delivers an answer to the oldest call of pr's slot, which it must
// be for, since a worker answers in order (calls it gave back aside). It
// reports false if it is not.
func (p *Pool) answer(pr *proc, f frame) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.slotOf(pr)
	if s == nil {
		return false
	}
	if f.status == statusWithdrawn {
		return p.move(s, f.id)
	}
	if len(s.pending) == 0 || s.pending[0].id != f.id {
		return false
	}
	c := s.pending[0]
	s.pending = s.pending[1:]
	<-p.tokens
	p.settle(c)
	if c.grace != nil {
		c.grace.Stop()
	}
	p.rebalance()
	if c.abandoned {
		return true
	}
	r := result{info: Info{Task: c.task, PID: pr.pid, TID: f.tid}}
	if f.start != 0 || f.end != 0 {
		r.info.Start, r.info.End = time.Unix(0, f.start), time.Unix(0, f.end)
	}
	switch f.status {
	case statusOK:
		r.payload = f.payload
	case statusFailed:
		r.err = &TaskError{Task: c.task, PID: pr.pid, Msg: f.msg}
	case statusUnknown:
		r.err = fmt.Errorf("worker: task %q: %w in worker %d (register it before calling ServeIfWorker)", c.task, ErrUnknownTask, pr.pid)
	case statusCancelled:
		r.err = fmt.Errorf("worker: task %q: %w", c.task, context.Canceled)
	}
	c.answer <- r
	return true
}

// rebalance keeps idle workers from watching calls wait behind a long task
// elsewhere: for each worker with nothing to do, it asks the busiest other
// worker to give back its last waiting call, which move then sends to an
// idle worker. (CPython's executor gets the same effect from one queue that
// all its workers read.) A worker that has already started the call keeps
// it; the next answer tries again. The caller holds p.mu.
func (p *Pool) rebalance() {
	idle := 0
	for _, s := range p.slots {
		if s.proc != nil && len(s.pending) == 0 {
			idle++
		}
	}
	for p.moves < idle {
		c, from := p.lastWaiting()
		if c == nil {
			return
		}
		c.moving = true
		p.moves++
		f, _ := appendFrame(nil, &frame{kind: kindWithdraw, id: c.id})
		from.proc.send(f)
	}
}

// lastWaiting returns the last call waiting behind another at the worker
// with the most such calls, not counting calls already being moved or
// abandoned, or nil if no call waits. The caller holds p.mu.
func (p *Pool) lastWaiting() (*call, *slot) {
	var (
		best *call
		from *slot
		most int
	)
	for _, s := range p.slots {
		if s.proc == nil || len(s.pending) < 2 {
			continue
		}
		waiting, last := 0, (*call)(nil)
		for _, c := range s.pending[1:] { // pending[0] is running
			if !c.moving && !c.abandoned {
				waiting++
				last = c
			}
		}
		if waiting > most {
			best, from, most = last, s, waiting
		}
	}
	return best, from
}

// settle notes that c left its worker's list, for rebalance's count of
// calls being moved. The caller holds p.mu.
func (p *Pool) settle(c *call) {
	if c.moving {
		c.moving = false
		p.moves--
	}
}

// move takes the call with id, given back by s's worker before it started,
// and sends it to the least busy worker. It reports false if s has no such
// call. The caller holds p.mu.
func (p *Pool) move(s *slot, id uint64) bool {
	i := slices.IndexFunc(s.pending, func(c *call) bool { return c.id == id })
	if i < 0 {
		return false
	}
	c := s.pending[i]
	s.pending = slices.Delete(s.pending, i, i+1)
	p.settle(c)
	if c.abandoned {
		<-p.tokens
		return true
	}
	// A new id, so that no worker ever sees one id twice: the old request
	// may still sit, withdrawn, in the first worker's queue.
	p.nextID++
	c.id = p.nextID
	c.frame, _ = appendFrame(nil, &frame{kind: kindRequest, id: c.id, task: c.task, payload: c.payload})
	p.place(c, s)
	p.rebalance()
	return true
}

// place sends c to the live worker with the fewest calls in flight, an idle
// one if there is one, but not to avoid's worker if there is another. The
// least busy worker has room for c (c holds one of the n*depth tokens, so
// the least busy of n workers has fewer than depth calls); a moved call may
// exceed the depth by one for a while. The caller holds p.mu.
func (p *Pool) place(c *call, avoid *slot) {
	best := -1
	for k := range p.n {
		i := (p.next + k) % p.n
		if p.slots[i].proc == nil || (p.slots[i] == avoid && p.n > 1) {
			continue
		}
		if best < 0 || len(p.slots[i].pending) < len(p.slots[best].pending) {
			best = i
		}
	}
	if best < 0 {
		// Only while the pool closes: every slot lost its worker.
		p.fail(c, 0, p.closedErrLocked(c.task))
		return
	}
	p.next = (best + 1) % p.n
	s := p.slots[best]
	s.pending = append(s.pending, c)
	s.proc.send(c.frame)
}

// slotOf returns the slot pr fills, or nil. The caller holds p.mu.
func (p *Pool) slotOf(pr *proc) *slot {
	for _, s := range p.slots {
		if s.proc == pr {
			return s
		}
	}
	return nil
}

// died handles the end of a worker: the oldest call of its slot, the one it
// was running, fails with a CrashError naming the task; a replacement takes
// the slot and the calls the dead worker never started.
func (p *Pool) died(pr *proc, how error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pr.closeQueue()
	s := p.slotOf(pr)
	if s == nil {
		return // never placed in a slot: NewPool failed part-way
	}
	s.proc = nil
	if p.closed {
		p.failAll(s, pr.pid)
		return
	}
	if len(s.pending) > 0 {
		c := s.pending[0]
		s.pending = s.pending[1:]
		p.fail(c, pr.pid, &CrashError{Task: c.task, PID: pr.pid, Err: how, Stderr: pr.stderr.String()})
	}
	next, err := p.startProc()
	if err != nil {
		p.closeLocked(fmt.Errorf("%w: replacing dead worker %d: %w", ErrClosed, pr.pid, err))
		p.failAll(s, 0)
		return
	}
	s.proc = next
	kept := s.pending[:0]
	for _, c := range s.pending {
		p.settle(c) // a withdraw sent to the dead worker is void
		if c.abandoned {
			<-p.tokens // never started and nobody waits: drop it
			continue
		}
		kept = append(kept, c)
		next.send(c.frame)
	}
	clear(s.pending[len(kept):])
	s.pending = kept
	p.rebalance()
}

// fail ends a call with err; pid is the worker it was sent to, or 0 if it
// never reached one. The caller holds p.mu.
func (p *Pool) fail(c *call, pid int, err error) {
	<-p.tokens
	p.settle(c)
	if c.grace != nil {
		c.grace.Stop()
	}
	if !c.abandoned {
		c.answer <- result{info: Info{Task: c.task, PID: pid}, err: err}
	}
}

// failAll fails every call of s because the pool closed; pid is the worker
// that had them. The caller holds p.mu.
func (p *Pool) failAll(s *slot, pid int) {
	for i, c := range s.pending {
		if i > 0 {
			pid = 0 // only the first had started
		}
		p.fail(c, pid, p.closedErrLocked(c.task))
	}
	s.pending = nil
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
