package worker

import "time"

// cancelGrace is how long a worker may take to stop a cancelled task before
// it is killed and replaced. Cooperative tasks stop within microseconds; the
// course promises that cancellation frees every worker within 1 s.
const cancelGrace = 200 * time.Millisecond

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
	c.grace = time.AfterFunc(p.grace, func() { p.expire(c) })
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
		c.grace.Reset(p.grace)
	}
}
