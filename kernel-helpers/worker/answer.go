package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

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

// slotOf returns the slot pr fills, or nil. The caller holds p.mu.
func (p *Pool) slotOf(pr *proc) *slot {
	for _, s := range p.slots {
		if s.proc == pr {
			return s
		}
	}
	return nil
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
