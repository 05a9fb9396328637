package worker

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"go.uber.org/goleak"
)

// TestMain makes this test binary a worker when a test started it as one;
// that must come before goleak and before any test runs.
func TestMain(m *testing.M) {
	// A typed task of the test's own, registered before ServeIfWorker as a
	// notebook would (see the package doc).
	if err := RegisterFunc("test-square", func(_ context.Context, n int) (int, error) { return n * n, nil }); err != nil {
		panic(err)
	}
	if err := RegisterFunc("test-gate", gateTask); err != nil {
		panic(err)
	}
	ServeIfWorker()
	goleak.VerifyTestMain(m)
}

// patience is how long a test waits for something that should happen at
// once: generous, because a loaded 2-core machine running race-built workers
// can stall a process for seconds. A test never waits this long when the
// code is right; it only bounds how long a wrong answer takes to show.
const patience = 10 * time.Second

// gateTask runs until the test opens its gate (see newGate): a task that is
// surely still running while the test queues calls behind it, however slow
// the machine. It ignores its context, as "hang" does.
func gateTask(_ context.Context, fifo string) (struct{}, error) {
	f, err := os.Open(fifo) // blocks until the test opens the gate for writing
	if err != nil {
		return struct{}{}, err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f) // until the test closes it
	return struct{}{}, err
}

// newGate returns a named pipe for a "test-gate" task, and the function
// that opens the gate and lets the task return.
func newGate(t *testing.T) (fifo string, open func()) {
	t.Helper()
	fifo = filepath.Join(t.TempDir(), "gate")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	return fifo, func() {
		t.Helper()
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0) // blocks until the task opens it
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}

// children returns the pids of this process's children, zombies included,
// from the parent pid field of /proc/<pid>/stat. It takes t only to keep its
// call sites unchanged and never stops the test, so it may run inside
// [assert.Eventually]'s goroutine.
func children(t *testing.T) []int {
	t.Helper()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat") // the pattern is valid: no error
	self := os.Getpid()
	var kids []int
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue // the process ended meanwhile
		}
		// "pid (comm) state ppid ...": comm may hold spaces and parentheses.
		s := string(b)
		end := strings.LastIndexByte(s, ')')
		if end < 0 {
			continue
		}
		fields := strings.Fields(s[end+1:])
		if len(fields) < 2 {
			continue
		}
		if ppid, _ := strconv.Atoi(fields[1]); ppid == self {
			pid, _ := strconv.Atoi(strings.Fields(s)[0])
			kids = append(kids, pid)
		}
	}
	return kids
}

// noChildren fails the test if this process still has children once wait
// has passed (wait 0: right now): every worker must be killed and reaped.
func noChildren(t *testing.T, wait time.Duration) {
	t.Helper()
	if wait > 0 && assert.Eventually(t, func() bool { return len(children(t)) == 0 }, wait, 5*time.Millisecond) {
		return
	}
	assert.Empty(t, children(t), "child processes left")
}

// alive reports whether pid exists as a process that is not a zombie.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	end := strings.LastIndexByte(s, ')')
	fields := strings.Fields(s[end+1:])
	return len(fields) > 0 && fields[0] != "Z"
}
