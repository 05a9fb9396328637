package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/workloads"
)

func newPool(t *testing.T, n, depth int) *Pool {
	t.Helper()
	p, err := NewPoolDepth(context.Background(), n, depth)
	require.NoError(t, err)
	t.Cleanup(func() {
		assert.NoError(t, p.Close())
		noChildren(t, 0)
	})
	return p
}

func TestNewPoolBadParameters(t *testing.T) {
	tests := []struct {
		name     string
		ctx      context.Context
		n, depth int
		want     string
	}{
		{"zero workers", context.Background(), 0, 1, "at least 1 worker"},
		{"negative workers", context.Background(), -3, 1, "at least 1 worker"},
		{"zero depth", context.Background(), 1, 0, "depth"},
		{"depth too large", context.Background(), 1, MaxDepth + 1, "depth"},
		{"nil context", nil, 1, 1, "nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPoolDepth(tt.ctx, tt.n, tt.depth)
			assert.ErrorContains(t, err, tt.want)
			assert.Nil(t, p)
		})
	}
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := NewPool(ctx, 1)
		assert.ErrorIs(t, err, context.Canceled)
	})
	noChildren(t, 0)
}

var registerRuns atomic.Int64

func TestRegister(t *testing.T) {
	noop, _ := Lookup("noop")
	tests := []struct {
		name string
		task string
		fn   Func
		want string
	}{
		{"empty name", "", noop, "needs a task name"},
		{"nil function", "test-nil", nil, "nil function"},
		{"duplicate", "count", noop, "already registered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorContains(t, Register(tt.task, tt.fn), tt.want)
		})
	}
	t.Run("new name", func(t *testing.T) {
		// A fresh name on every run, so that -count=N passes.
		name := fmt.Sprintf("test-register-%d", registerRuns.Add(1))
		require.NoError(t, Register(name, noop))
		_, ok := Lookup(name)
		assert.True(t, ok)
		assert.Contains(t, Tasks(), name)
	})
}

// A task registered by the test binary before ServeIfWorker: its workers
// serve from TestMain, so they have it too.
var registeredDouble = Register("test-double", Typed(func(_ context.Context, n int) (int, error) { return 2 * n, nil }))

func TestCallResults(t *testing.T) {
	require.NoError(t, registeredDouble)
	p := newPool(t, 2, DefaultDepth)
	ctx := context.Background()

	var count int64
	_, err := p.Call(ctx, "count", 12345, &count)
	require.NoError(t, err)
	assert.Equal(t, workloads.CountTo(12345), count)

	var sum float64
	_, err = p.Call(ctx, "sumsqrt", 1000, &sum)
	require.NoError(t, err)
	assert.Equal(t, workloads.SumSqrt(1000), sum, "the same code gives the same bits in any process")

	var echoed map[string][]int
	_, err = p.Call(ctx, "echo", map[string][]int{"a": {1, 2, 3}}, &echoed)
	require.NoError(t, err)
	assert.Equal(t, map[string][]int{"a": {1, 2, 3}}, echoed)

	var raw json.RawMessage
	_, err = p.Call(ctx, "echo", json.RawMessage(`[true,null]`), &raw)
	require.NoError(t, err)
	assert.JSONEq(t, `[true,null]`, string(raw))

	var doubled int
	_, err = p.Call(ctx, "test-double", 21, &doubled)
	require.NoError(t, err)
	assert.Equal(t, 42, doubled)

	info, err := p.Call(ctx, "noop", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "noop", info.Task)
	assert.Contains(t, p.PIDs(), info.PID)
	assert.NotZero(t, info.TID)
	assert.False(t, info.End.Before(info.Start))
}

func TestWorkerIsAnotherProcess(t *testing.T) {
	p := newPool(t, 2, 1)
	ctx := context.Background()
	pids := p.PIDs()
	require.Len(t, pids, 2)
	assert.NotEqual(t, pids[0], pids[1])
	for range 4 {
		var pid int
		info, err := p.Call(ctx, "getpid", nil, &pid)
		require.NoError(t, err)
		assert.NotEqual(t, os.Getpid(), pid)
		assert.Equal(t, info.PID, pid, "Info names the process that ran the task")
		assert.Contains(t, pids, pid)
	}
}

func TestWorkerHasItsOwnMemory(t *testing.T) {
	p := newPool(t, 1, 1)
	ctx := context.Background()
	setvar, _ := Lookup("setvar")
	_, err := setvar(ctx, json.RawMessage(`"parent"`))
	require.NoError(t, err)

	var old any
	_, err = p.Call(ctx, "setvar", "child", &old)
	require.NoError(t, err)
	assert.Nil(t, old, "the worker starts with its own, unset variable")

	assert.Equal(t, "parent", getVar(), "the parent's variable is unchanged")
	var inChild any
	_, err = p.Call(ctx, "getvar", nil, &inChild)
	require.NoError(t, err)
	assert.Equal(t, "child", inChild)
}

func TestCallBadInput(t *testing.T) {
	p := newPool(t, 1, 1)
	ctx := context.Background()
	pid := p.PIDs()[0]

	_, err := p.Call(ctx, "no-such-task", nil, nil)
	assert.ErrorIs(t, err, ErrUnknownTask)
	assert.ErrorContains(t, err, "no-such-task")

	_, err = p.Call(ctx, "echo", make(chan int), nil)
	assert.ErrorContains(t, err, "encoding argument")

	_, err = p.Call(ctx, "echo", json.RawMessage(`{`), nil)
	assert.ErrorContains(t, err, "not valid JSON")

	//lint:ignore SA1012 a nil context is the bad input under test
	_, err = p.Call(nil, "noop", nil, nil) //nolint:staticcheck
	assert.ErrorContains(t, err, "nil context")

	var none *Pool
	_, err = none.Call(ctx, "noop", nil, nil)
	assert.ErrorContains(t, err, "nil *Pool")
	assert.NoError(t, none.Close())

	// A task that returns an error leaves its worker alive.
	_, err = p.Call(ctx, "sleep", "-1s", nil)
	var te *TaskError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "sleep", te.Task)
	assert.Equal(t, pid, te.PID)
	_, err = p.Call(ctx, "count", "not a number", nil)
	assert.ErrorContains(t, err, "bad argument")

	var s string
	_, err = p.Call(ctx, "getpid", nil, &s)
	assert.ErrorContains(t, err, "decoding result")
	assert.Equal(t, []int{pid}, p.PIDs(), "no error above killed the worker")
}

func TestPoolLimit(t *testing.T) {
	for _, depth := range []int{1, 4} {
		t.Run("depth "+string(rune('0'+depth)), func(t *testing.T) {
			const n, tasks = 3, 12
			p := newPool(t, n, depth)
			infos := make([]Info, tasks)
			errs := make([]error, tasks)
			var wg sync.WaitGroup
			for i := range tasks {
				wg.Go(func() { infos[i], errs[i] = p.Call(context.Background(), "sleep", "20ms", nil) })
			}
			wg.Wait()
			for _, err := range errs {
				require.NoError(t, err)
			}
			assert.LessOrEqual(t, maxOverlap(infos), n)
			// Every worker took part: calls go to the least busy one.
			var pids []int
			for _, in := range infos {
				pids = append(pids, in.PID)
			}
			slices.Sort(pids)
			assert.ElementsMatch(t, p.PIDs(), slices.Compact(pids))
		})
	}
}

// maxOverlap is the most calls whose [Start, End] intervals overlap at one
// moment: how many workers ran at once.
func maxOverlap(infos []Info) int {
	type edge struct {
		at    time.Time
		delta int
	}
	var edges []edge
	for _, in := range infos {
		edges = append(edges, edge{in.Start, +1}, edge{in.End, -1})
	}
	slices.SortFunc(edges, func(a, b edge) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return b.delta - a.delta // a start at the same instant as an end counts as overlap
	})
	running, most := 0, 0
	for _, e := range edges {
		running += e.delta
		most = max(most, running)
	}
	return most
}

func TestMaxOverlap(t *testing.T) {
	at := func(ms int) time.Time { return time.Unix(0, int64(ms)*1e6) }
	infos := []Info{
		{Start: at(0), End: at(10)},
		{Start: at(5), End: at(15)},
		{Start: at(10), End: at(20)},
		{Start: at(30), End: at(40)},
	}
	assert.Equal(t, 3, maxOverlap(infos))
	assert.Equal(t, 1, maxOverlap(infos[3:]))
	assert.Equal(t, 0, maxOverlap(nil))
}

func TestCloseIdempotent(t *testing.T) {
	p, err := NewPool(context.Background(), 2)
	require.NoError(t, err)
	pids := p.PIDs()
	require.NoError(t, p.Close())
	require.NoError(t, p.Close())
	for _, pid := range pids {
		assert.False(t, alive(pid), "worker %d still alive", pid)
	}
	_, err = p.Call(context.Background(), "noop", nil, nil)
	assert.ErrorIs(t, err, ErrClosed)
	assert.ErrorContains(t, err, `"noop"`)
	noChildren(t, 0)
}

func TestSpawn(t *testing.T) {
	ctx := context.Background()
	var a, b int
	ia, err := Spawn(ctx, "getpid", nil, &a)
	require.NoError(t, err)
	ib, err := Spawn(ctx, "getpid", nil, &b)
	require.NoError(t, err)
	assert.NotEqual(t, a, b, "one new process per task")
	assert.Equal(t, a, ia.PID)
	assert.Equal(t, b, ib.PID)
	assert.NotEqual(t, os.Getpid(), a)
	noChildren(t, 0)

	_, err = Spawn(ctx, "no-such-task", nil, nil)
	assert.ErrorIs(t, err, ErrUnknownTask)
	//lint:ignore SA1012 a nil context is the bad input under test
	_, err = Spawn(nil, "noop", nil, nil) //nolint:staticcheck
	assert.Error(t, err)
	_, err = Spawn(ctx, "panic", "spawned", nil)
	var crash *CrashError
	require.ErrorAs(t, err, &crash)
	assert.Equal(t, "panic", crash.Task)
	noChildren(t, 0)
}

func TestChildEnv(t *testing.T) {
	env := []string{"HOME=/h", "GONB_PIPE=/p", "GONB_PIPE_BACK=/q", "GONB_X=1", envVar + "=old", "PATH=/bin"}
	assert.Equal(t, []string{"HOME=/h", "PATH=/bin", envVar + "=" + modeMain, parentVar + "=" + fmt.Sprint(os.Getpid())}, childEnv(env, modeMain))
}

func TestTailBuffer(t *testing.T) {
	b := &tailBuffer{max: 5}
	n, err := b.Write([]byte("abc"))
	assert.Equal(t, 3, n)
	assert.NoError(t, err)
	b.Write([]byte("defg"))
	assert.Equal(t, "cdefg", b.String())
}

func TestStderrSummary(t *testing.T) {
	assert.Equal(t, "panic: boom", stderrSummary("noise\npanic: boom\n\ngoroutine 1 [running]:\n"))
	assert.Equal(t, "last", stderrSummary("first\nlast\n\n"))
	assert.Equal(t, "", stderrSummary(""))
	err := &CrashError{Task: "t", PID: 9, Err: errors.New("exit status 2"), Stderr: "panic: boom\n"}
	assert.Equal(t, `worker: task "t": worker process 9 died: exit status 2; stderr: panic: boom`, err.Error())
}

// TestIdleWorkerTakesWaitingCall checks that a call queued behind a long
// task moves to a worker that becomes idle, rather than waiting.
func TestIdleWorkerTakesWaitingCall(t *testing.T) {
	p := newPool(t, 2, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	long := goCall(ctx, p, "sleep", "1h")
	waitInFlight(t, p, 1)
	fifo, openGate := newGate(t)
	short := goCall(context.Background(), p, "test-gate", fifo)
	waitInFlight(t, p, 2)
	// Both workers are busy: this call waits behind one of them, perhaps
	// the hour-long task; once the short one ends, it ends within patience
	// only if it moved.
	counted := goCall(context.Background(), p, "count", 1000)
	waitInFlight(t, p, 3)
	openGate()
	o := await(t, counted, patience)
	require.NoError(t, o.err, "the call did not wait for the hour-long task")
	assert.Equal(t, int64(1000), o.res)
	s := await(t, short, patience)
	require.NoError(t, s.err)
	assert.Equal(t, s.info.PID, o.info.PID, "the worker that ran the short task ran it")
	cancel()
	assert.ErrorIs(t, await(t, long, patience).err, context.Canceled)
}

// TestPoolStress sends many calls of mixed lengths from many goroutines,
// cancelling some, and checks that every call ends with its result or its
// context's error, and that the pool's books balance afterwards.
func TestPoolStress(t *testing.T) {
	if testing.Short() {
		t.Skip("stress test: skipped in -short mode")
	}
	p := newPool(t, 3, 3)
	const calls = 600
	errs := make([]error, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Go(func() {
			ctx := context.Background()
			if i%7 == 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, time.Duration(i%5)*time.Millisecond)
				defer cancel()
			}
			if i%11 == 0 {
				_, errs[i] = p.Call(ctx, "sleep", fmt.Sprintf("%dms", i%13), nil)
				return
			}
			var n int64
			_, err := p.Call(ctx, "count", i, &n)
			if err == nil && n != int64(i) {
				err = fmt.Errorf("count %d gave %d", i, n)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if i%7 == 0 && err != nil {
			assert.ErrorIs(t, err, context.DeadlineExceeded, "call %d", i)
			continue
		}
		assert.NoError(t, err, "call %d", i)
	}
	// Abandoned calls leave when their worker answers or skips them.
	assert.Eventually(t, func() bool { return p.inFlight() == 0 }, patience, time.Millisecond)
	p.mu.Lock()
	assert.Equal(t, 0, p.moves)
	p.mu.Unlock()
	assert.Equal(t, 0, p.inFlight())
	assert.Equal(t, 0, len(p.tokens))
	assert.Len(t, p.PIDs(), 3)
}
