package worker

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// onThreadThatEnds runs f on a goroutine locked to an OS thread that Go
// then ends (the goroutine returns still locked). Go never ends the main
// thread, so when the goroutine lands there it keeps that thread busy and
// runs f on another goroutine, which then cannot land there.
func onThreadThatEnds(f func()) {
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread()
		if syscall.Gettid() != os.Getpid() {
			defer close(done)
			f()
			return // still locked: Go ends this thread
		}
		onThreadThatEnds(f)
		runtime.UnlockOSThread()
		close(done)
	}()
	<-done
}

// exec-sleep starts `sleep secs` and leaves it running when its context
// ends, as a careless task would: only the process group kill ends it.
func init() {
	if err := Register("exec-sleep", Typed(func(ctx context.Context, secs string) (struct{}, error) {
		cmd := exec.Command("sleep", secs)
		if err := cmd.Start(); err != nil {
			return struct{}{}, err
		}
		go func() { _ = cmd.Wait() }() // reap it if it ever ends while the worker lives
		<-ctx.Done()
		return struct{}{}, ctx.Err()
	})); err != nil {
		panic(err)
	}
}

// TestPoolOutlivesTheThreadThatMadeIt creates a pool from a goroutine
// locked to its OS thread, which then ends still locked, so Go ends that
// thread. The workers must live on: the parent-death signal belongs to the
// thread that forked, and workers are forked from the launcher's thread.
func TestPoolOutlivesTheThreadThatMadeIt(t *testing.T) {
	type made struct {
		p   *Pool
		err error
	}
	ch := make(chan made, 1)
	onThreadThatEnds(func() {
		p, err := NewPool(context.Background(), 2)
		ch <- made{p, err}
	})
	m := <-ch
	require.NoError(t, m.err)
	p := m.p
	defer p.Close()
	before := p.PIDs()

	// Give the kernel time to deliver a parent-death signal, had there been
	// one, then check that the same workers still answer.
	time.Sleep(300 * time.Millisecond)
	for range 4 {
		_, err := p.Call(context.Background(), "sleep", "1ms", nil)
		require.NoError(t, err)
	}
	assert.Equal(t, before, p.PIDs(), "no worker died and was replaced")
}

// TestCloseKillsWhatTasksStarted runs a task that starts a child process of
// its own and waits; closing the pool must kill that child too (the
// worker's process group).
func TestCloseKillsWhatTasksStarted(t *testing.T) {
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("no sleep command")
	}
	p, err := NewPool(context.Background(), 1)
	require.NoError(t, err)
	workerPID := p.PIDs()[0]
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := p.Call(ctx, "exec-sleep", "30", nil)
		done <- err
	}()
	var child int
	require.Eventually(t, func() bool {
		child = childOf(workerPID, "sleep")
		return child != 0
	}, 10*time.Second, 10*time.Millisecond, "the task's child started")
	cancel()
	<-done
	p.Close()
	require.Eventually(t, func() bool { return !alive(child) }, 5*time.Second, 10*time.Millisecond,
		"the task's child process died with the pool")
}

// childOf returns the PID of a child of pid whose command is name, or 0.
func childOf(pid int, name string) int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		s := string(b)
		open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || end < open {
			continue
		}
		fields := strings.Fields(s[end+1:])
		if len(fields) < 2 || s[open+1:end] != name {
			continue
		}
		if ppid, _ := strconv.Atoi(fields[1]); ppid == pid {
			c, _ := strconv.Atoi(strings.Fields(s)[0])
			return c
		}
	}
	return 0
}
func TestMaxWorkers(t *testing.T) {
	n := MaxWorkers()
	assert.GreaterOrEqual(t, n, 1)
	assert.LessOrEqual(t, n, maxWorkersCap)
	_, err := NewPool(context.Background(), 1_000_000_000_000)
	assert.ErrorContains(t, err, "more than this machine allows")
	_, err = NewPoolDepth(context.Background(), n+1, 1)
	assert.ErrorContains(t, err, strconv.Itoa(n+1))
}
