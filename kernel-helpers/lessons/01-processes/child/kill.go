package child

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/plots"
)

// Report is one progress report received from the counting child.
type Report struct {
	At   time.Duration // when the parent received it, from the child's start
	Done int64         // iterations the child said it had done
}

// Killed is what a parent knows of a child it killed.
type Killed struct {
	PID int   // the child's process id
	N   int64 // iterations of work it was given
	// Reports are the progress reports received before the kill, in order.
	Reports []Report
	// KilledAt is when SIGKILL was sent, from the child's start.
	KilledAt time.Duration
	// Exit is how the child ended, as the parent's Wait saw it: "signal: killed".
	Exit string
	// Finished is true if the child sent its final result after all (it
	// finished before the kill arrived); Result is that result.
	Finished bool
	Result   int64
	// Gone is true when, after the child was reaped, no process with its
	// PID exists any more: nothing left running, no zombie.
	Gone bool
}

// Last returns the last progress report received, or a zero Report.
func (k Killed) Last() Report {
	if len(k.Reports) == 0 {
		return Report{}
	}
	return k.Reports[len(k.Reports)-1]
}

// MaxN bounds the work Kill gives its child: at about 3 ns an iteration,
// 1<<40 of them would be an hour.
const MaxN = 1 << 40

// MaxStart bounds how long [Kill] waits for the child's first report
// before it kills the child anyway.
const MaxStart = 30 * time.Second

// Kill starts a child process that counts to n with the loop of
// workloads.CountTo and writes its progress to a pipe every interval. When
// after has passed since the child's first report (the child is running,
// however long starting it took on a busy machine; at most
// [MaxStart] after the start if it never reports), it kills the child with
// SIGKILL, reaps it, and returns what the parent received.
//
// Choose n so the work takes well over after (see workloads.Calibrate):
// otherwise the child finishes first, and Finished says so.
//
// It returns an error for n outside [1, MaxN], a non-positive interval, a
// negative after, a child that cannot be started or fails other than by
// the kill, or ctx ending first (the child is then killed too).
func Kill(ctx context.Context, n int64, interval, after time.Duration) (Killed, error) {
	switch {
	case ctx == nil:
		return Killed{}, errors.New("child: Kill needs a context, got nil")
	case n < 1 || n > MaxN:
		return Killed{}, fmt.Errorf("child: n must be in [1, %d], got %d", int64(MaxN), n)
	case interval <= 0:
		return Killed{}, fmt.Errorf("child: the progress interval must be positive, got %v", interval)
	case after < 0:
		return Killed{}, fmt.Errorf("child: negative time before the kill %v", after)
	}
	exe, err := os.Executable()
	if err != nil {
		return Killed{}, fmt.Errorf("child: finding this program to start it again: %w", err)
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(withoutGoNB(os.Environ()), fmt.Sprintf("%s=count:%d:%d", envVar, n, interval))
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	cmd.WaitDelay = time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		return Killed{}, fmt.Errorf("child: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return Killed{}, fmt.Errorf("child: starting this program again: %w", err)
	}
	start := time.Now()
	k := Killed{PID: cmd.Process.Pid, N: n}

	// A goroutine reads the child's lines as they come, so the parent can
	// send the kill on time whatever the child writes; it ends when the pipe
	// closes, which the kill guarantees.
	lines := make(chan Report)
	final := make(chan int64, 1)
	readErr := make(chan error, 1)
	go func() {
		readErr <- readReports(out, start, lines, final)
		close(lines)
	}()

	// The kill waits for the child to run: a timer from the start would,
	// on a busy machine, kill a child that had not reported yet.
	timer := time.NewTimer(MaxStart)
	defer timer.Stop()
	killed, running := false, false
	for !killed {
		select {
		case r, ok := <-lines:
			if !ok {
				// The pipe closed: the child ended by itself, or the
				// reader stopped at a line it did not understand. Kill
				// it anyway, harmless in the first case, so Wait cannot
				// hang in the second.
				_ = cmd.Process.Signal(syscall.SIGKILL)
				killed = true
				break
			}
			k.Reports = append(k.Reports, r)
			if !running {
				running = true
				timer.Reset(after)
			}
		case <-timer.C:
			k.KilledAt = time.Since(start)
			_ = cmd.Process.Signal(syscall.SIGKILL) // harmless if it already ended
			killed = true
		}
	}
	// Take the reports that were already in the pipe when the kill came:
	// the child wrote them before it died, so they count as received.
	for r := range lines {
		k.Reports = append(k.Reports, r)
	}
	rerr := <-readErr
	werr := cmd.Wait()
	select {
	case k.Result = <-final:
		k.Finished = true
	default:
	}
	if ctx.Err() != nil {
		return k, fmt.Errorf("child: %w", context.Cause(ctx))
	}
	var exit *exec.ExitError
	switch {
	case errors.As(werr, &exit):
		k.Exit = exit.String()
		if ws, ok := exit.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			return k, fmt.Errorf("child: the counting child failed: %v: %s", exit, strings.TrimSpace(stderr.String()))
		}
	case werr != nil:
		return k, fmt.Errorf("child: %w", werr)
	default:
		k.Exit = "exit status 0"
	}
	if rerr != nil {
		return k, fmt.Errorf("child: reading the child's reports: %w", rerr)
	}
	k.Gone = !exists(k.PID)
	return k, nil
}

// readReports reads "progress <done>" and "result <count>" lines from the
// child until the pipe closes, timing each report on arrival.
func readReports(r io.Reader, start time.Time, lines chan<- Report, final chan<- int64) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		kind, num, ok := strings.Cut(sc.Text(), " ")
		v, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil {
			return fmt.Errorf("unexpected line %q", sc.Text())
		}
		switch kind {
		case "progress":
			lines <- Report{At: time.Since(start), Done: v}
		case "result":
			select {
			case final <- v:
			default:
				return errors.New("the child sent two results")
			}
		default:
			return fmt.Errorf("unexpected line %q", sc.Text())
		}
	}
	return sc.Err()
}

// exists reports whether a process with this PID exists, zombies included:
// signal 0 checks without sending anything.
func exists(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// withoutGoNB drops GoNB's variables, which name the notebook's pipes: a
// child must never write to them.
func withoutGoNB(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		if strings.HasPrefix(kv, "GONB_") || strings.HasPrefix(kv, envVar+"=") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// Series turns a kill into series for [plots.Lines], time in ms on X and
// millions of iterations on Y: the progress the parent received, a
// vertical line at the kill, and a horizontal one at the work the child was
// given, which it never reached.
func (k Killed) Series() ([]plots.Series, error) {
	if len(k.Reports) == 0 {
		return nil, errors.New("child: no progress report was received before the kill")
	}
	const million = 1e6
	progress := plots.Series{Name: "progress the child reported"}
	progress.X, progress.Y = []float64{0}, []float64{0}
	for _, r := range k.Reports {
		progress.X = append(progress.X, bench.Ms(r.At))
		progress.Y = append(progress.Y, float64(r.Done)/million)
	}
	out := []plots.Series{progress}
	if !k.Finished {
		end := bench.Ms(k.KilledAt)
		out = append(out,
			plots.Series{Name: "SIGKILL", X: []float64{end, end}, Y: []float64{0, float64(k.N) / million}},
			plots.Series{Name: "the work it was given", X: []float64{0, end}, Y: []float64{float64(k.N) / million, float64(k.N) / million}},
		)
	}
	return out, nil
}

// Unreported estimates the iterations the child counted after its last
// report and before the kill, at the pace of its reports (iterations done
// over time taken): work that was done and is lost. It is 0 without a
// report, or when the child finished.
func (k Killed) Unreported() int64 {
	last := k.Last()
	if k.Finished || last.At <= 0 || k.KilledAt <= last.At {
		return 0
	}
	est := int64(float64(last.Done) / float64(last.At) * float64(k.KilledAt-last.At))
	return min(est, k.N-last.Done)
}

// Verdict says what the parent got and what the kill lost, with the figures.
func (k Killed) Verdict() string {
	if k.Finished {
		return fmt.Sprintf("The child finished its %s iterations before the kill came: give it more work to see what a kill loses.", display.Count(k.N))
	}
	var b strings.Builder
	last := k.Last()
	fmt.Fprintf(&b, "The child (PID %d) sent %d progress reports; the last, received %v after its start, said %s of %s iterations (%.0f%%). ",
		k.PID, len(k.Reports), last.At.Round(time.Millisecond), display.Count(last.Done), display.Count(k.N), 100*float64(last.Done)/float64(k.N))
	fmt.Fprintf(&b, "SIGKILL came at %v and the parent saw it end with %q: no result, no last word. ", k.KilledAt.Round(time.Millisecond), k.Exit)
	if lost := k.Unreported(); lost > 0 {
		fmt.Fprintf(&b, "At the pace it reported, it had counted about %s more iterations since its last report; they died with its memory, and so did its whole count, which existed only there. ", display.Count(lost))
	} else {
		b.WriteString("Its count existed only in its memory, and died with it. ")
	}
	if k.Gone {
		fmt.Fprintf(&b, "After the parent reaped it, no process %d exists any more: nothing left behind.", k.PID)
	} else {
		fmt.Fprintf(&b, "Process %d still exists after being reaped, which should not happen.", k.PID)
	}
	return b.String()
}
