package eventloop

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"time"
)

// ErrDone is the error of [Loop.Go] and [Loop.Run] on a loop whose Run has
// already returned: like asyncio.run, a loop runs once.
var ErrDone = errors.New("eventloop: the loop has already run")

// errNilLoop is the error of a nil *Loop's methods.
var errNilLoop = errors.New("eventloop: nil *Loop; create one with New")

// errStopped is what Sleep returns in the one case the loop abandons a task
// without cancelling it; Run never does, so a task should not see it.
var errStopped = errors.New("eventloop: task stopped by the loop")

// Loop runs tasks one at a time, each until it sleeps or yields, the way
// asyncio's event loop runs coroutines. The zero value is not usable; create
// a Loop with [New].
type Loop struct {
	// mu guards the queues: tasks are added by Go, which may be called from
	// another goroutine before Run starts, or from inside a task.
	mu       sync.Mutex
	ready    []*Task    // tasks that may run now, in the order they became ready
	sleeping sleepQueue // tasks waiting in Sleep, earliest wake first
	seq      uint64     // orders tasks that wake at the same instant
	running  bool
	done     bool
	steps    int
	// cancelled is the cause once Run's context has ended: tasks added
	// after that start cancelled.
	cancelled error
}

// New returns an empty loop. Add tasks with [Loop.Go], then call [Loop.Run].
func New() *Loop { return &Loop{} }

// Task is a coroutine scheduled on a [Loop]. Its methods may only be called
// from the task's own function, never from a goroutine the task started: as
// in asyncio, only the running coroutine can await.
type Task struct {
	name string
	fn   func(*Task) error

	next  func() (struct{}, bool) // resumes the task until its next Sleep
	stop  func()
	yield func(struct{}) bool // inside the task: hands control to the loop

	wake   time.Time // when a sleeping task is due
	seq    uint64
	cancel error // set by the loop when Run's context ends
	err    error // what fn returned
}

// Name returns the name the task was created with.
func (t *Task) Name() string { return t.name }

// Go adds a task that runs fn, like asyncio.create_task. It may be called
// before [Loop.Run] or from inside a running task; the new task first runs
// after the tasks already ready. fn's error, if any, is returned by Run.
func (l *Loop) Go(name string, fn func(t *Task) error) error {
	if l == nil {
		return errNilLoop
	}
	if fn == nil {
		return fmt.Errorf("eventloop: task %q has a nil function", name)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return ErrDone
	}
	l.ready = append(l.ready, &Task{name: name, fn: fn})
	return nil
}

// Steps returns how many times the loop has resumed a task so far: every
// start, and every return from Sleep or Yield. A task that never sleeps
// counts once however long it runs, which is the whole problem.
func (l *Loop) Steps() int {
	if l == nil {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.steps
}

// Run runs every task, and every task they add, until all have returned,
// like asyncio.run. When ctx ends, every task is cancelled: Sleep and Yield
// return context.Cause(ctx), now and ever after, and Run waits for the tasks
// to return (a task that computes forever without sleeping keeps Run waiting,
// as it would keep asyncio's loop).
//
// The error joins ctx's cause, if ctx ended, with each task's error that is
// not that cause, named after its task. A task that panics fails with the
// panic's value; the other tasks carry on. Run may be called once.
func (l *Loop) Run(ctx context.Context) error {
	if l == nil {
		return errNilLoop
	}
	if ctx == nil {
		return errors.New("eventloop: nil context")
	}
	l.mu.Lock()
	if l.running || l.done {
		l.mu.Unlock()
		return ErrDone
	}
	l.running = true
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.running, l.done = false, true
		l.mu.Unlock()
	}()

	var errs []error
	var cause error
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		if cause == nil && ctx.Err() != nil {
			cause = context.Cause(ctx)
			l.cancelAll(cause)
		}
		t, wait, ok := l.pick(time.Now())
		if !ok {
			break
		}
		if t == nil {
			// Nothing is ready: sleep until the earliest task is due,
			// the loop's equivalent of asyncio waiting in select().
			timer.Reset(wait)
			select {
			case <-timer.C:
			case <-ctx.Done():
				timer.Stop()
			}
			continue
		}
		if err := l.step(t); err != nil && (cause == nil || !errors.Is(err, cause)) {
			errs = append(errs, err)
		}
	}
	if cause != nil {
		errs = append([]error{cause}, errs...)
	}
	return errors.Join(errs...)
}

// pick returns the next task to run, or nil and how long to wait for the
// earliest sleeper, or ok false when no task is left.
func (l *Loop) pick(now time.Time) (t *Task, wait time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.sleeping.Len() > 0 && !l.sleeping[0].wake.After(now) {
		l.ready = append(l.ready, heap.Pop(&l.sleeping).(*Task))
	}
	if len(l.ready) > 0 {
		t = l.ready[0]
		l.ready[0] = nil
		l.ready = l.ready[1:]
		return t, 0, true
	}
	if l.sleeping.Len() > 0 {
		return nil, l.sleeping[0].wake.Sub(now), true
	}
	return nil, 0, false
}

// cancelAll marks every task cancelled and makes the sleeping ones ready, so
// that each one's Sleep returns the cause at once.
func (l *Loop) cancelAll(cause error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, t := range l.ready {
		t.cancel = cause
	}
	for l.sleeping.Len() > 0 {
		t := heap.Pop(&l.sleeping).(*Task)
		t.cancel = cause
		l.ready = append(l.ready, t)
	}
	l.cancelled = cause
}

// step resumes t until it sleeps, yields or returns, and queues it again
// unless it returned. It returns the task's error once it has finished.
func (l *Loop) step(t *Task) error {
	l.mu.Lock()
	l.steps++
	if t.cancel == nil && l.cancelled != nil {
		t.cancel = l.cancelled // added by a task after Run was cancelled
	}
	l.mu.Unlock()
	if t.next == nil {
		t.next, t.stop = iter.Pull(func(yield func(struct{}) bool) {
			t.yield = yield
			t.err = t.fn(t)
		})
	}
	if finished, err := resume(t); finished {
		t.stop()
		if err != nil {
			return fmt.Errorf("task %q: %w", t.name, err)
		}
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.cancel != nil || !t.wake.After(time.Now()) {
		l.ready = append(l.ready, t)
		return nil
	}
	l.seq++
	t.seq = l.seq
	heap.Push(&l.sleeping, t)
	return nil
}

// resume runs t until its next Sleep or its end; a panic in the task ends
// it with the panic as its error instead of ending the loop.
func resume(t *Task) (finished bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			finished, err = true, fmt.Errorf("panic: %v", r)
		}
	}()
	if _, more := t.next(); more {
		return false, nil
	}
	return true, t.err
}

// Sleep suspends the task for d and lets the loop run other tasks meanwhile,
// like await asyncio.sleep(d). It returns the cancellation cause, at once,
// if the task has been cancelled, and an error for a negative d.
//
// A task resumes no earlier than d after the call, and later if another task
// holds the loop at that moment: how much later is what package heartbeat
// measures.
func (t *Task) Sleep(d time.Duration) error {
	if t == nil {
		return errors.New("eventloop: Sleep on a nil *Task; call it on the task its function was given")
	}
	if d < 0 {
		return fmt.Errorf("eventloop: task %q: negative sleep %v", t.name, d)
	}
	if t.cancel != nil {
		return t.cancel
	}
	if t.yield == nil {
		return fmt.Errorf("eventloop: task %q: Sleep called before the task started", t.name)
	}
	t.wake = time.Now().Add(d)
	if !t.yield(struct{}{}) {
		return errStopped
	}
	return t.cancel
}

// Yield lets every other ready task run once before this one goes on, like
// await asyncio.sleep(0): the polite thing for a long computation to do now
// and then.
func (t *Task) Yield() error { return t.Sleep(0) }

// sleepQueue is a min-heap of sleeping tasks by wake time, then by the
// order they went to sleep, as asyncio keeps its timers.
type sleepQueue []*Task

func (q sleepQueue) Len() int { return len(q) }
func (q sleepQueue) Less(i, j int) bool {
	if q[i].wake.Equal(q[j].wake) {
		return q[i].seq < q[j].seq
	}
	return q[i].wake.Before(q[j].wake)
}
func (q sleepQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *sleepQueue) Push(x any)   { *q = append(*q, x.(*Task)) }
func (q *sleepQueue) Pop() any {
	old := *q
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	return t
}
