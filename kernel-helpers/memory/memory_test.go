package memory_test

import (
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/internal/testmain"
	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/worker"
)

// helperEnv makes the test binary, started again as a child, wait for its
// stdin to close instead of running the tests: a child process the tests
// can find, the standard library's os/exec test pattern.
const helperEnv = "MEMORY_TEST_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "1" {
		_, _ = os.Stdin.Read(make([]byte, 1)) // returns when the parent closes stdin
		os.Exit(0)
	}
	// PerProcess starts this binary again as a worker process, which
	// testmain.Main turns into a worker.
	testmain.Main(m)
}

func TestSelf(t *testing.T) {
	u, err := memory.Self()
	require.NoError(t, err)
	assert.Equal(t, os.Getpid(), u.PID)
	assert.Equal(t, os.Getppid(), u.PPID)
	assert.NotEmpty(t, u.Name)
	assert.Positive(t, u.RSS)
	assert.GreaterOrEqual(t, u.Threads, 1)
}

func TestOfBadPID(t *testing.T) {
	for _, pid := range []int{0, -1} {
		_, err := memory.Of(pid)
		assert.Error(t, err, "pid %d", pid)
	}
	// PIDs never exceed /proc/sys/kernel/pid_max, at most 2^22.
	_, err := memory.Of(1 << 23)
	assert.Error(t, err, "no such process")
	_, err = memory.ChildrenOf(0)
	assert.Error(t, err)
}

// startChild starts this test binary again as an idle child and returns it;
// closing its stdin ends it.
func startChild(t *testing.T) (*exec.Cmd, func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	// A binary built with -race sleeps a second before it exits, unless
	// told not to.
	cmd.Env = append(os.Environ(), helperEnv+"=1", "GORACE=atexit_sleep_ms=0")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	stop := func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	}
	t.Cleanup(stop)
	return cmd, stop
}

func TestChildren(t *testing.T) {
	const n = 3
	pids := map[int]bool{}
	for range n {
		cmd, _ := startChild(t)
		pids[cmd.Process.Pid] = true
	}
	// A child's RSS grows while it starts up, so wait until all have it.
	var children []memory.Usage
	require.Eventually(t, func() bool {
		var err error
		children, err = memory.Children()
		if err != nil || len(children) != n {
			return false
		}
		for _, c := range children {
			if c.RSS == 0 {
				return false
			}
		}
		return true
	}, 10*time.Second, 5*time.Millisecond, "children: %+v", children)
	for _, c := range children {
		assert.True(t, pids[c.PID], "unexpected child %d", c.PID)
		assert.Equal(t, os.Getpid(), c.PPID)
		assert.GreaterOrEqual(t, c.Threads, 1)
		u, err := memory.Of(c.PID)
		require.NoError(t, err)
		assert.Equal(t, c.PID, u.PID)
	}
}

func TestChildrenGone(t *testing.T) {
	cmd, stop := startChild(t)
	pid := cmd.Process.Pid
	stop() // waits, so the child is reaped: no zombie either
	children, err := memory.Children()
	require.NoError(t, err)
	for _, c := range children {
		assert.NotEqual(t, pid, c.PID, "a reaped child is not listed")
	}
}

func TestParkThreads(t *testing.T) {
	const n = 20
	before, err := memory.Self()
	require.NoError(t, err)
	p, err := memory.ParkThreads(n)
	require.NoError(t, err)
	during, err := memory.Self()
	require.NoError(t, err)
	tids := p.TIDs()
	p.Release()
	p.Release() // harmless twice

	assert.Equal(t, n, p.Len())
	require.Len(t, tids, n)
	distinct := map[int]bool{}
	for _, tid := range tids {
		assert.Positive(t, tid)
		distinct[tid] = true
	}
	assert.Len(t, distinct, n, "each locked goroutine holds its own thread")
	// n locked threads, plus at least the one running this test.
	assert.GreaterOrEqual(t, during.Threads, n+1)
	assert.Greater(t, during.Threads, before.Threads)
	// Released goroutines exit locked, which ends their threads.
	assert.Eventually(t, func() bool {
		now, err := memory.Self()
		return err == nil && now.Threads < during.Threads-n/2
	}, 10*time.Second, 5*time.Millisecond)
}

func TestParkGoroutines(t *testing.T) {
	p, err := memory.ParkGoroutines(1000)
	require.NoError(t, err)
	assert.Equal(t, 1000, p.Len())
	assert.Nil(t, p.TIDs())
	p.Release()
	// goleak in TestMain fails the package if any parked goroutine remains.
}

func TestParkBadCount(t *testing.T) {
	tests := []struct {
		name string
		park func(int) (*memory.Parked, error)
		n    int
	}{
		{"zero goroutines", memory.ParkGoroutines, 0},
		{"negative goroutines", memory.ParkGoroutines, -1},
		{"too many goroutines", memory.ParkGoroutines, memory.MaxGoroutines + 1},
		{"zero threads", memory.ParkThreads, 0},
		{"too many threads", memory.ParkThreads, memory.MaxThreads + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.park(tt.n)
			assert.Error(t, err)
			assert.Nil(t, p)
		})
	}
}

func TestPerGoroutine(t *testing.T) {
	bytes, err := memory.PerGoroutine(10_000)
	require.NoError(t, err)
	// A goroutine has at least its smallest stack, 2 KiB (the runtime's
	// fixedStack), but stacks the runtime already had cached cost nothing
	// new, so the lower bound is half that. The upper bound only rules out
	// nonsense, such as dividing by the wrong count.
	assert.GreaterOrEqual(t, bytes, 1024.0)
	assert.Less(t, bytes, 1024.0*1024)
}

func TestPerThread(t *testing.T) {
	bytes, err := memory.PerThread(100)
	require.NoError(t, err)
	// Positive by construction (PerThread errors otherwise); below 8 MiB,
	// the most a thread stack could ever touch, rules out dividing wrongly.
	assert.Positive(t, bytes)
	assert.Less(t, bytes, 8.0*1024*1024)
}

func TestPerBadCount(t *testing.T) {
	_, err := memory.PerGoroutine(0)
	assert.Error(t, err)
	_, err = memory.PerThread(-3)
	assert.Error(t, err)
	_, err = memory.PerThread(memory.MaxThreads + 1)
	assert.Error(t, err)
}

func TestChildrenOfAWorkerPool(t *testing.T) {
	pool, err := worker.NewPool(t.Context(), 3)
	require.NoError(t, err)
	want := pool.PIDs()
	children, err := memory.Children()
	require.NoError(t, err)
	var got []int
	for _, c := range children {
		got = append(got, c.PID)
		assert.Equal(t, os.Getpid(), c.PPID)
	}
	assert.ElementsMatch(t, want, got)

	require.NoError(t, pool.Close())
	children, err = memory.Children()
	require.NoError(t, err)
	assert.Empty(t, children, "Close reaps every worker")
}

func TestPerProcess(t *testing.T) {
	bytes, err := memory.PerProcess(t.Context(), 2)
	require.NoError(t, err)
	// A Go program's runtime alone is more than 1 MiB in RAM; the upper
	// bound only rules out nonsense, such as summing instead of averaging.
	assert.Greater(t, bytes, 1024.0*1024)
	assert.Less(t, bytes, 1024.0*1024*1024)
	children, err := memory.Children()
	require.NoError(t, err)
	assert.Empty(t, children, "PerProcess leaves no worker behind")

	for _, n := range []int{0, -1, memory.MaxProcesses + 1} {
		_, err := memory.PerProcess(t.Context(), n)
		assert.Error(t, err, "n=%d", n)
	}
}
