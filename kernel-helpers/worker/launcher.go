package worker

import (
	"os/exec"
	"runtime"
	"sync"
)

// Why workers are started from a thread of their own.
//
// A worker gets a parent-death signal (prctl PR_SET_PDEATHSIG, through
// [syscall.SysProcAttr.Pdeathsig]) so that it dies with the program that
// started it. Linux sends that signal when the *thread* that forked the
// worker exits, not the process (prctl(2); golang/go#27505), and Go ends an
// OS thread whenever a goroutine locked to it returns without unlocking,
// which the course does on purpose (memory.ParkThreads, OS-thread
// strategies). A worker forked from such a thread would be killed the moment
// that unrelated goroutine ended, and its death blamed on an innocent task.
//
// So every worker is started from the launcher: one goroutine locked to its
// OS thread, which forks every worker and stays, locked, as long as any
// worker it started is alive. Its thread therefore outlives all of them,
// and the parent-death signal comes only when the whole program dies. When
// the last worker has been reaped, the launcher returns (its thread ends
// with it, harming no one) so that a program, or a test checking for leaked
// goroutines, is left with nothing running; the next worker starts a new
// launcher.

// launchRequest is one command to start on the launcher's thread.
type launchRequest struct {
	cmd  *exec.Cmd
	done chan error
}

var (
	launchMu sync.Mutex
	requests chan launchRequest // nil while no launcher runs
	live     int                // workers started by the launcher and not reaped yet
)

// launch is the launcher's goroutine.
func launch(requests <-chan launchRequest) {
	runtime.LockOSThread() // never unlocked: the thread ends with this goroutine
	for r := range requests {
		r.done <- r.cmd.Start()
	}
}

// startOnLauncher starts cmd from the launcher's thread. The caller must
// call [reaped] once the process has been waited for, if this returned nil.
func startOnLauncher(cmd *exec.Cmd) error {
	launchMu.Lock()
	if requests == nil {
		requests = make(chan launchRequest)
		go launch(requests)
	}
	ch := requests
	live++ // keeps ch open until this worker is reaped
	launchMu.Unlock()

	r := launchRequest{cmd: cmd, done: make(chan error, 1)}
	ch <- r
	err := <-r.done
	if err != nil {
		reaped()
	}
	return err
}

// reaped records that a worker started by the launcher is gone; the last
// one ends the launcher.
func reaped() {
	launchMu.Lock()
	defer launchMu.Unlock()
	live--
	if live == 0 {
		close(requests)
		requests = nil
	}
}
