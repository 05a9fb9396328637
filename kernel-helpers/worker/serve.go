package worker

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// envVar marks a process as a worker. Its value says where the worker serves:
// modeInit in this package's init, before any other package's init or main
// runs (only tasks registered by this package exist then); modeMain in
// [ServeIfWorker], which the program calls after its own Register calls.
const (
	envVar   = "CONCURRENCYLAB_WORKER"
	modeInit = "init"
	modeMain = "main"
	// parentVar holds the parent's PID, so that a worker can tell that its
	// parent died before it could listen for the parent-death signal.
	parentVar = "CONCURRENCYLAB_WORKER_PARENT"
)

// serveCalled records that this program calls ServeIfWorker, so a parent
// knows its workers will reach that call and can tell them to wait for it.
var serveCalled atomic.Bool

func init() {
	if os.Getenv(envVar) == modeInit {
		os.Exit(serveMain())
	}
}

// ServeIfWorker turns this process into a worker if its parent started it as
// one: it then serves tasks until the parent closes the pipe, and exits
// without returning. Otherwise it returns at once.
//
// Call it first thing in main or TestMain, after registering your own tasks.
// A program that never calls it still works: its workers serve from this
// package's init, but only with the built-in tasks, because no other package
// has registered anything yet when that init runs.
func ServeIfWorker() {
	serveCalled.Store(true)
	if _, ok := os.LookupEnv(envVar); ok {
		os.Exit(serveMain())
	}
}

// serveMain serves on the process's stdin and stdout and returns the exit code.
func serveMain() int {
	dieWithParent()
	in, out, err := privateStdio()
	if err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		return 2
	}
	if err := serve(in, out); err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		return 2
	}
	return 0
}

// privateStdio moves the pipes to the parent onto new descriptors and points
// descriptors 0 and 1 at /dev/null and stderr. A task that prints with
// fmt.Println then writes to stderr, which the parent shows in errors,
// instead of corrupting the frames on stdout.
func privateStdio() (in, out *os.File, err error) {
	inFd, err := syscall.Dup(0)
	if err != nil {
		return nil, nil, fmt.Errorf("dup stdin: %w", err)
	}
	outFd, err := syscall.Dup(1)
	if err != nil {
		return nil, nil, fmt.Errorf("dup stdout: %w", err)
	}
	syscall.CloseOnExec(inFd)
	syscall.CloseOnExec(outFd)
	null, err := os.Open(os.DevNull)
	if err != nil {
		return nil, nil, err
	}
	defer null.Close()
	if err := syscall.Dup3(int(null.Fd()), 0, 0); err != nil {
		return nil, nil, fmt.Errorf("redirect stdin: %w", err)
	}
	if err := syscall.Dup3(2, 1, 0); err != nil {
		return nil, nil, fmt.Errorf("redirect stdout: %w", err)
	}
	// Non-blocking descriptors go through Go's network poller: a goroutine
	// waiting for the next frame then parks instead of holding a thread in
	// read(2), which makes a round trip to the worker faster.
	for _, fd := range []int{inFd, outFd} {
		if err := syscall.SetNonblock(fd, true); err != nil {
			return nil, nil, fmt.Errorf("set non-blocking: %w", err)
		}
	}
	return os.NewFile(uintptr(inFd), "worker-in"), os.NewFile(uintptr(outFd), "worker-out"), nil
}

// server is the worker side of the protocol. A reader goroutine takes frames
// off the pipe as they come, so that cancel and withdraw frames take effect
// at once; the serving goroutine runs requests one at a time, in the order
// they came, and answers each before it starts the next. That order is what
// lets the parent tell which task a dead worker was running: the oldest one
// it has no answer for.
type server struct {
	mu      sync.Mutex
	running uint64             // id of the running request, 0 if none
	cancel  context.CancelFunc // cancels the running request
	queued  map[uint64]queued  // requests received and not started

	wmu sync.Mutex // guards w and buf; taken after mu, never before
	w   *bufio.Writer
	buf []byte
}

// queued is the state of a request waiting in a worker.
type queued byte

const (
	waiting   queued = iota
	cancelled        // answer "cancelled" instead of running it
	withdrawn        // already answered "withdrawn": skip it silently
)

// queueLen bounds the requests waiting in a worker. The parent never sends
// more than its pipeline depth, far below this.
const queueLen = 1 << 12

func serve(in io.Reader, out io.Writer) error {
	s := &server{queued: make(map[uint64]queued), w: bufio.NewWriterSize(out, 64<<10)}
	queue := make(chan frame, queueLen)
	readErr := make(chan error, 1)
	go func() {
		readErr <- s.read(bufio.NewReaderSize(in, 64<<10), queue)
		close(queue)
	}()
	for req := range queue {
		ans, ok := s.run(req)
		if !ok {
			continue
		}
		// Flush every answer before starting the next task: if that task
		// kills the process, this answer must already be with the parent.
		if err := s.send(&ans); err != nil {
			return err
		}
	}
	if err := <-readErr; !errors.Is(err, io.EOF) {
		return err
	}
	return nil // the parent closed the pipe: it wants no more
}

// send writes and flushes one answer.
func (s *server) send(ans *frame) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var err error
	if s.buf, err = appendFrame(s.buf[:0], ans); err != nil {
		failed := frame{kind: kindAnswer, id: ans.id, start: ans.start, end: ans.end, tid: ans.tid,
			status: statusFailed, msg: fmt.Sprintf("result: %v", err)}
		s.buf, _ = appendFrame(s.buf[:0], &failed)
	}
	if _, err := s.w.Write(s.buf); err != nil {
		return err
	}
	return s.w.Flush()
}

// read moves request frames to queue and applies cancel and withdraw
// frames at once.
func (s *server) read(r *bufio.Reader, queue chan<- frame) error {
	for {
		body, err := readFrame(r)
		if err != nil {
			return err
		}
		f, err := decodeFrame(body)
		if err != nil {
			return err
		}
		switch f.kind {
		case kindRequest:
			s.mu.Lock()
			s.queued[f.id] = waiting
			s.mu.Unlock()
			queue <- f
		case kindCancel:
			s.mu.Lock()
			if f.id == s.running {
				s.cancel()
			} else if st, ok := s.queued[f.id]; ok && st == waiting {
				s.queued[f.id] = cancelled // a withdrawn one stays withdrawn: it was answered
			}
			s.mu.Unlock()
		case kindWithdraw:
			if err := s.withdraw(f.id); err != nil {
				return err
			}
		default:
			return fmt.Errorf("unexpected frame kind %q from parent", f.kind)
		}
	}
}

// withdraw gives a request that has not started back to the parent, which
// sends it to a worker that has nothing to do. A request already running or
// done is not withdrawn: the parent then simply waits for its answer.
func (s *server) withdraw(id uint64) error {
	// Holding mu while answering keeps the serving goroutine from
	// answering the requests after this one first: the parent relies on
	// answers coming in the order of its requests, withdrawn ones aside.
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.queued[id]; !ok || st != waiting {
		return nil
	}
	s.queued[id] = withdrawn
	return s.send(&frame{kind: kindAnswer, id: id, status: statusWithdrawn})
}

// run runs one request and returns its answer, or false for a request that
// was withdrawn and needs none.
func (s *server) run(req frame) (frame, bool) {
	ans := frame{kind: kindAnswer, id: req.id, tid: syscall.Gettid()}
	fn, ok := Lookup(req.task)
	s.mu.Lock()
	st := s.queued[req.id]
	delete(s.queued, req.id)
	switch {
	case st == withdrawn:
		s.mu.Unlock()
		return ans, false
	case st == cancelled:
		s.mu.Unlock()
		ans.status = statusCancelled
		return ans, true
	case !ok:
		s.mu.Unlock()
		ans.status = statusUnknown
		return ans, true
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.running, s.cancel = req.id, cancel
	s.mu.Unlock()

	start := time.Now()
	out, err := fn(ctx, json.RawMessage(req.payload))
	end := time.Now()

	s.mu.Lock()
	s.running, s.cancel = 0, nil
	s.mu.Unlock()

	ans.start, ans.end = start.UnixNano(), end.UnixNano()
	switch {
	case err != nil && ctx.Err() != nil:
		ans.status, ans.msg = statusCancelled, err.Error()
	case err != nil:
		ans.status, ans.msg = statusFailed, err.Error()
	default:
		ans.payload = out
	}
	return ans, true
}

// dieWithParent makes the parent-death signal (SIGTERM, see startProc) kill
// this worker's whole process group: the worker and whatever its tasks
// started. The default action of SIGTERM would end the worker alone and
// leave its tasks' children behind as orphans.
func dieWithParent() {
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	go func() {
		<-term
		if syscall.Getpgrp() == os.Getpid() {
			_ = syscall.Kill(0, syscall.SIGKILL) // the group: tasks' children and this worker
		}
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
	}()
	// The parent may have died before Notify: then this process was
	// re-parented already, and the signal will never come.
	if want := os.Getenv(parentVar); want != "" && want != strconv.Itoa(os.Getppid()) {
		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
	}
}
