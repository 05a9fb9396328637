package worker

import (
	"context"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/workloads"
)

// inFlight counts the calls sent to workers and not yet answered.
func (p *Pool) inFlight() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, s := range p.slots {
		n += len(s.pending)
	}
	return n
}

// patient gives a cancelled call patience, not 200 ms, to stop before its
// worker is killed: for tests that assert the worker survives, which a busy
// machine could otherwise stall past the grace period.
func (p *Pool) patient() *Pool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.grace = patience
	return p
}

// waitInFlight waits until the pool has n calls in flight.
func waitInFlight(t *testing.T, p *Pool, n int) {
	t.Helper()
	require.Eventually(t, func() bool { return p.inFlight() >= n }, patience, time.Millisecond,
		"never reached %d calls in flight", n)
}

// outcome is what a call started in a goroutine sends back.
type outcome struct {
	info Info
	err  error
	res  int64
}

// goCall starts p.Call in a goroutine; receive its outcome with await.
func goCall(ctx context.Context, p *Pool, task string, arg any) <-chan outcome {
	ch := make(chan outcome, 1)
	go func() {
		var o outcome
		o.info, o.err = p.Call(ctx, task, arg, &o.res)
		ch <- o
	}()
	return ch
}

// await receives an outcome, failing the test instead of hanging.
func await(t *testing.T, ch <-chan outcome, within time.Duration) outcome {
	t.Helper()
	select {
	case o := <-ch:
		return o
	case <-time.After(within):
		t.Fatalf("call still running after %v", within)
		return outcome{}
	}
}

func TestWorkerCrash(t *testing.T) {
	tests := []struct {
		name    string
		task    string
		arg     any
		kill    bool   // the test SIGKILLs the worker running the task
		wantErr string // in CrashError.Err
		stderr  string // in CrashError.Stderr
	}{
		{name: "panic", task: "panic", arg: "boom", wantErr: "exit status 2", stderr: "panic: worker task panicked: boom"},
		{name: "os.Exit", task: "exit", arg: 3, wantErr: "exit status 3"},
		{name: "SIGKILL", task: "hang", kill: true, wantErr: "signal: killed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			// One worker, so the test knows which process runs what, and
			// depth 5, so that all five calls below wait in its pipe.
			p := newPool(t, 1, 5)
			pid := p.PIDs()[0]

			// The worker first waits at a gate, while the test queues
			// the faulty task and three more behind it.
			fifo, openGate := newGate(t)
			first := goCall(ctx, p, "test-gate", fifo)
			waitInFlight(t, p, 1)
			crashed := goCall(ctx, p, tt.task, tt.arg)
			waitInFlight(t, p, 2)
			var queued []<-chan outcome
			for i := range 3 {
				queued = append(queued, goCall(ctx, p, "count", 100+i))
				waitInFlight(t, p, 3+i)
			}
			openGate()
			o := await(t, first, patience)
			assert.NoError(t, o.err, "a result finished before the crash stays")
			if tt.kill {
				require.NoError(t, syscall.Kill(pid, syscall.SIGKILL))
			}

			o = await(t, crashed, patience)
			var crash *CrashError
			require.ErrorAs(t, o.err, &crash)
			assert.Equal(t, tt.task, crash.Task, "the error names the task")
			assert.Equal(t, pid, crash.PID)
			assert.ErrorContains(t, crash, tt.wantErr)
			assert.Contains(t, crash.Stderr, tt.stderr)
			assert.Contains(t, o.err.Error(), `task "`+tt.task+`"`)

			// The calls queued behind the crash never started: a new
			// worker runs them.
			for i, ch := range queued {
				o := await(t, ch, patience)
				if assert.NoError(t, o.err) {
					assert.Equal(t, workloads.CountTo(int64(100+i)), o.res)
					assert.NotEqual(t, pid, o.info.PID)
				}
			}
			assert.False(t, alive(pid), "the dead worker was reaped")
			assert.Len(t, p.PIDs(), 1)
			assert.NotContains(t, p.PIDs(), pid)
			assert.Equal(t, 0, p.inFlight())
			assert.Len(t, children(t), 1, "only the replacement is left")
		})
	}
}

// TestCrashAmongMany runs a crash among many calls from many goroutines:
// only the crashing call fails.
func TestCrashAmongMany(t *testing.T) {
	p := newPool(t, 2, DefaultDepth)
	ctx := context.Background()
	const calls = 40
	errs := make([]error, calls)
	res := make([]int64, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Go(func() {
			if i == calls/2 {
				_, errs[i] = p.Call(ctx, "panic", "in the middle", nil)
				return
			}
			_, errs[i] = p.Call(ctx, "count", i, &res[i])
		})
	}
	wg.Wait()
	for i := range calls {
		if i == calls/2 {
			var crash *CrashError
			assert.ErrorAs(t, errs[i], &crash)
			continue
		}
		if assert.NoError(t, errs[i], "call %d", i) {
			assert.Equal(t, int64(i), res[i])
		}
	}
}

func TestCallCancel(t *testing.T) {
	tests := []struct {
		name     string
		task     string
		arg      any
		survives bool // the worker stops the task itself and lives on
	}{
		{"cooperative task", "sleep", "1h", true},
		{"cooperative CPU loop", "count", int64(1) << 50, true},
		{"task ignoring its context", "hang", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPool(t, 1, 1)
			if tt.survives {
				p.patient()
			}
			pid := p.PIDs()[0]
			// Once the worker has answered a call, it serves the next at
			// once, so the task below starts well before its deadline.
			_, err := p.Call(context.Background(), "noop", nil, nil)
			require.NoError(t, err)
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			// The tasks run for an hour, 2^50 steps or forever: ending well
			// within patience (10 s) shows the cancel stopped them, with no
			// bound that a busy machine's stalls could break.
			o := await(t, goCall(ctx, p, tt.task, tt.arg), patience)
			assert.ErrorIs(t, o.err, context.DeadlineExceeded)
			assert.ErrorContains(t, o.err, `task "`+tt.task+`"`)

			// The next call runs either on the same worker, or, once the
			// stuck one was killed, on a replacement.
			var got int
			next, cancelNext := context.WithTimeout(context.Background(), patience)
			defer cancelNext()
			_, err = p.Call(next, "getpid", nil, &got)
			require.NoError(t, err, "the worker is free again")
			if tt.survives {
				assert.Equal(t, pid, got)
			} else {
				assert.NotEqual(t, pid, got)
				assert.False(t, alive(pid))
			}
		})
	}
}

func TestCancelQueuedCall(t *testing.T) {
	p := newPool(t, 1, 2).patient()
	pid := p.PIDs()[0]
	fifo, openGate := newGate(t)
	running := goCall(context.Background(), p, "test-gate", fifo)
	waitInFlight(t, p, 1)
	ctx, cancel := context.WithCancel(context.Background())
	queued := goCall(ctx, p, "count", 10)
	waitInFlight(t, p, 2)
	cancel()

	o := await(t, queued, patience)
	assert.ErrorIs(t, o.err, context.Canceled)
	openGate()
	o = await(t, running, patience)
	assert.NoError(t, o.err, "cancelling a queued call leaves the running one alone")
	assert.Equal(t, pid, o.info.PID)
	// The worker skips the cancelled call and frees its place.
	assert.Eventually(t, func() bool { return p.inFlight() == 0 }, patience, time.Millisecond)
	assert.Equal(t, []int{pid}, p.PIDs())
}

func TestPoolContextEnds(t *testing.T) {
	tests := []struct {
		name string
		// end ends the pool's context, once the workers are up and four
		// calls are in flight: a timeout's clock starts only then, so
		// starting race-built workers on a busy machine cannot use it up.
		end  func(cancel context.CancelCauseFunc)
		want error
	}{
		{"cancel", func(cancel context.CancelCauseFunc) { cancel(context.Canceled) }, context.Canceled},
		{"timeout", func(cancel context.CancelCauseFunc) {
			time.AfterFunc(200*time.Millisecond, func() { cancel(context.DeadlineExceeded) })
		}, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			p, err := NewPoolDepth(ctx, 2, 2)
			require.NoError(t, err)
			defer p.Close()
			pids := p.PIDs()

			var finished int64
			_, err = p.Call(context.Background(), "count", 7, &finished)
			require.NoError(t, err)

			var calls []<-chan outcome
			for range 2 {
				calls = append(calls, goCall(context.Background(), p, "hang", nil))
			}
			waitInFlight(t, p, 2)
			for range 2 {
				calls = append(calls, goCall(context.Background(), p, "count", 5))
			}
			waitInFlight(t, p, 4)
			tt.end(cancel)
			// Two calls hang forever: they can end only because the pool's
			// context ended.
			for _, ch := range calls {
				o := await(t, ch, patience)
				assert.ErrorIs(t, o.err, ErrClosed)
				assert.ErrorIs(t, o.err, tt.want)
			}
			noChildren(t, patience)
			for _, pid := range pids {
				assert.False(t, alive(pid))
			}
			assert.Equal(t, int64(7), finished, "a result finished before the end stays")
			_, err = p.Call(context.Background(), "noop", nil, nil)
			assert.ErrorIs(t, err, ErrClosed)
			assert.NoError(t, p.Close())
		})
	}
}
