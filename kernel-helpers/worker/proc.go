package worker

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// proc is one running worker process and the two goroutines that talk to it.
type proc struct {
	cmd    *exec.Cmd
	pid    int
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *tailBuffer
	// The writer goroutine sends the frames queued here, everything queued
	// since its last write in one go. The queue has no bound, so that
	// queueing never blocks the pool's lock; the pool's depth bounds it.
	qmu    sync.Mutex
	queue  [][]byte
	closed bool          // no more frames: the writer closes stdin and ends
	wake   chan struct{} // capacity 1: "the queue changed"
}

// startProc starts the current executable as a worker.
func startProc() (*proc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("worker: cannot find this program to re-execute: %w", err)
	}
	mode := modeInit
	if serveCalled.Load() {
		mode = modeMain
	}
	cmd := exec.Command(exe)
	cmd.Env = childEnv(os.Environ(), mode)
	// If this process dies without closing its pool, the kernel signals the
	// workers (SIGTERM; see launcher.go for why this means the process and
	// not a thread), and each worker then kills its process group: itself
	// and any process a task of it started, so none is left as an orphan.
	// Setpgid makes each worker the leader of a group of its own, which
	// [proc.kill] also kills whole.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM, Setpgid: true}
	stderr := &tailBuffer{max: stderrTail}
	cmd.Stderr = stderr
	// A worker's own child could hold stderr open after the worker died;
	// don't let Wait block on it for long.
	cmd.WaitDelay = time.Second
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		stdin.Close()
		return nil, fmt.Errorf("worker: %w", err)
	}
	if err := startOnLauncher(cmd); err != nil {
		return nil, fmt.Errorf("worker: starting a worker process: %w", stripPath(err, exe))
	}
	return &proc{
		cmd:    cmd,
		pid:    cmd.Process.Pid,
		stdin:  stdin,
		stdout: bufio.NewReaderSize(stdout, 64<<10),
		stderr: stderr,
		wake:   make(chan struct{}, 1),
	}, nil
}

// childEnv is the parent's environment with the worker marker set, and
// without GoNB's variables: a worker started from a notebook cell must never
// write to the notebook's pipes.
func childEnv(env []string, mode string) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if strings.HasPrefix(kv, "GONB_") || strings.HasPrefix(kv, envVar+"=") || strings.HasPrefix(kv, parentVar+"=") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, envVar+"="+mode, parentVar+"="+strconv.Itoa(os.Getpid()))
}

// send queues a frame for the worker; after closeQueue it drops it.
func (p *proc) send(frame []byte) {
	p.qmu.Lock()
	if !p.closed {
		p.queue = append(p.queue, frame)
	}
	p.qmu.Unlock()
	p.poke()
}

// closeQueue tells the writer goroutine to end.
func (p *proc) closeQueue() {
	p.qmu.Lock()
	p.closed = true
	p.qmu.Unlock()
	p.poke()
}

func (p *proc) poke() {
	select {
	case p.wake <- struct{}{}:
	default: // already poked
	}
}

// write sends queued frames to the worker until closeQueue, then closes
// the worker's stdin. After a write error (the worker died) it drops
// frames: the reader goroutine reports the death.
func (p *proc) write() {
	defer p.stdin.Close()
	w := bufio.NewWriterSize(p.stdin, 64<<10)
	var err error
	for {
		p.qmu.Lock()
		batch, closed := p.queue, p.closed
		p.queue = nil
		p.qmu.Unlock()
		if len(batch) == 0 {
			if closed {
				return
			}
			<-p.wake
			continue
		}
		for _, f := range batch {
			if err == nil {
				_, err = w.Write(f)
			}
		}
		if err == nil {
			err = w.Flush()
		}
	}
}

// kill kills the worker and every process in its group (what its tasks
// started). Killing one that already exited is harmless.
func (p *proc) kill() {
	_ = syscall.Kill(-p.pid, syscall.SIGKILL)
	_ = p.cmd.Process.Kill()
}

// stripPath removes the executable's path from an error's text: error
// messages end up in notebook outputs, where a path of the reader's
// machine has no place.
func stripPath(err error, exe string) error {
	if exe == "" || !strings.Contains(err.Error(), exe) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), exe, "this program"))
}

// wait reaps the worker once its stdout has ended and says how it ended.
func (p *proc) wait() error {
	p.kill() // stdout can end while the process lives on (it closed fd 1)
	err := p.cmd.Wait()
	reaped()
	var exit *exec.ExitError
	if err == nil {
		return errors.New("exited with status 0 (did a task close stdout or call os.Exit(0)?)")
	}
	if errors.As(err, &exit) {
		return errors.New(exit.String())
	}
	return err
}

// stderrTail is how much of a worker's stderr is kept: a Go panic's message
// and the stack of a small worker fit in a few KiB.
const stderrTail = 16 << 10

// tailBuffer is an io.Writer that keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
