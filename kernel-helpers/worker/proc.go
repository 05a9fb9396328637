package worker

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
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
	// sendq carries encoded frames to the writer goroutine, which batches
	// what is queued into one write. It is sized so that a send never
	// blocks: see Pool.
	sendq chan []byte
}

// startProc starts the current executable as a worker.
func startProc(sendqLen int) (*proc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("worker: finding this program to re-execute: %w", err)
	}
	mode := modeInit
	if serveCalled.Load() {
		mode = modeMain
	}
	cmd := exec.Command(exe)
	cmd.Env = childEnv(os.Environ(), mode)
	// If this process dies without closing its pool, the kernel kills the
	// workers, so none is left behind as an orphan.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
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
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("worker: starting %s: %w", exe, err)
	}
	return &proc{
		cmd:    cmd,
		pid:    cmd.Process.Pid,
		stdin:  stdin,
		stdout: bufio.NewReaderSize(stdout, 64<<10),
		stderr: stderr,
		sendq:  make(chan []byte, sendqLen),
	}, nil
}

// childEnv is the parent's environment with the worker marker set, and
// without GoNB's variables: a worker started from a notebook cell must never
// write to the notebook's pipes.
func childEnv(env []string, mode string) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if strings.HasPrefix(kv, "GONB_") || strings.HasPrefix(kv, envVar+"=") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, envVar+"="+mode)
}

// write sends the frames on sendq to the worker until sendq is closed,
// flushing whenever the queue is empty. After a write error (the worker
// died) it drops frames: the reader goroutine reports the death.
func (p *proc) write() {
	w := bufio.NewWriterSize(p.stdin, 64<<10)
	var err error
	for f := range p.sendq {
		if err != nil {
			continue
		}
		if _, err = w.Write(f); err == nil && len(p.sendq) == 0 {
			err = w.Flush()
		}
	}
	p.stdin.Close()
}

// kill kills the worker. Killing one that already exited is harmless.
func (p *proc) kill() {
	_ = p.cmd.Process.Kill()
}

// wait reaps the worker once its stdout has ended and says how it ended.
func (p *proc) wait() error {
	p.kill() // stdout can end while the process lives on (it closed fd 1)
	err := p.cmd.Wait()
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
