package worker

import "slices"

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
