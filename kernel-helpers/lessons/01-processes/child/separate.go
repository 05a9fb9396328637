package child

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"concurrencylab/kernel-helpers/memory"
	"concurrencylab/kernel-helpers/worker"
)

// Values Separate stores in the variable of each process.
const (
	ParentValue = "set by the parent"
	ChildValue  = "set by the child"
)

// Step is one step of [Separate]: what was done, and the variable's value as
// each process read it afterwards.
type Step struct {
	Action        string
	Parent, Child string
}

// Separation is what [Separate] saw.
type Separation struct {
	ParentPID, ChildPID int
	// ChildPPID is the child's parent PID as the kernel records it: ParentPID.
	ChildPPID int
	// ParentRSS and ChildRSS are each process's resident memory, in bytes.
	ParentRSS, ChildRSS int64
	// ParentMem and ChildMem split it: the file pages every copy of the
	// program shares, the anonymous pages that are the process's own, and
	// its proportional share (PSS). One more process costs about its own
	// pages, not its RSS.
	ParentMem, ChildMem memory.Private
	Steps               []Step
}

// Separate shows that a child process has memory of its own. It sets a
// variable in this process, starts a worker process (package worker), reads
// the variable there, sets it there, and reads it in both processes again.
// The variable is the one the worker package's built-in "setvar" and
// "getvar" tasks use, run here in this process through [worker.Lookup] and
// there through a pool of one worker, so both sides run the same code on
// the same variable of the same program: only the process differs.
//
// The worker is closed (killed and reaped) before Separate returns.
func Separate(ctx context.Context) (Separation, error) {
	var sep Separation
	if ctx == nil {
		return sep, errors.New("child: Separate needs a context, got nil")
	}
	if err := ctx.Err(); err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	if err := setHere(ctx, ParentValue); err != nil {
		return sep, err
	}
	sep.Steps = append(sep.Steps, Step{Action: fmt.Sprintf("the parent sets the variable to %q", ParentValue),
		Parent: mustShow(getHere(ctx)), Child: notStarted})

	pool, err := worker.NewPool(ctx, 1)
	if err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	defer pool.Close()
	if _, err := pool.Call(ctx, "getpid", nil, &sep.ChildPID); err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	var there any
	if _, err := pool.Call(ctx, "getvar", nil, &there); err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	sep.Steps = append(sep.Steps, Step{Action: "the parent starts a child process", Parent: mustShow(getHere(ctx)), Child: show(there)})

	if _, err := pool.Call(ctx, "setvar", ChildValue, nil); err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	if _, err := pool.Call(ctx, "getvar", nil, &there); err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	sep.Steps = append(sep.Steps, Step{Action: fmt.Sprintf("the child sets the variable to %q", ChildValue),
		Parent: mustShow(getHere(ctx)), Child: show(there)})

	sep.ParentPID = os.Getpid()
	self, err := memory.Self()
	if err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	kid, err := memory.Of(sep.ChildPID)
	if err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	sep.ParentRSS, sep.ChildRSS, sep.ChildPPID = self.RSS, kid.RSS, kid.PPID
	if sep.ParentMem, err = memory.PrivateSelf(); err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	if sep.ChildMem, err = memory.PrivateOf(sep.ChildPID); err != nil {
		return sep, fmt.Errorf("child: %w", err)
	}
	return sep, pool.Close()
}

// setHere and getHere run the worker's own tasks in this process.
func setHere(ctx context.Context, v string) error {
	set, ok := worker.Lookup("setvar")
	if !ok {
		return fmt.Errorf("child: the worker package has no %q task", "setvar")
	}
	arg, _ := json.Marshal(v)
	if _, err := set(ctx, arg); err != nil {
		return fmt.Errorf("child: %w", err)
	}
	return nil
}

func getHere(ctx context.Context) (any, error) {
	get, ok := worker.Lookup("getvar")
	if !ok {
		return nil, fmt.Errorf("child: the worker package has no %q task", "getvar")
	}
	raw, err := get(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("child: %w", err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("child: %w", err)
	}
	return v, nil
}

// notStarted is what the child "reads" before it exists.
const notStarted = "(not started yet)"

// show writes a value read from the variable: quoted, or "(never set)".
func show(v any) string {
	if v == nil {
		return "(never set)"
	}
	return fmt.Sprintf("%q", v)
}

func mustShow(v any, err error) string {
	if err != nil {
		return "(error: " + err.Error() + ")"
	}
	return show(v)
}

// Markdown shows the steps as a table, then the two processes' PIDs and memory.
func (s Separation) Markdown() string {
	var b strings.Builder
	b.WriteString("| step | the parent reads | the child reads |\n|---|---|---|\n")
	for _, st := range s.Steps {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", st.Action, st.Parent, st.Child)
	}
	fmt.Fprintf(&b, "\n| process | PID | parent PID | resident (RSS) | of it, file pages (shared) | of it, anonymous (its own) | proportional share (PSS) |\n|---|---:|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| parent (this process) | %d | | %.1f MiB | %.1f MiB | %.1f MiB | %s |\n", s.ParentPID, mib(s.ParentRSS), mib(s.ParentMem.RssFile), mib(s.ParentMem.RssAnon), pss(s.ParentMem))
	fmt.Fprintf(&b, "| child | %d | %d | %.1f MiB | %.1f MiB | %.1f MiB | %s |\n", s.ChildPID, s.ChildPPID, mib(s.ChildRSS), mib(s.ChildMem.RssFile), mib(s.ChildMem.RssAnon), pss(s.ChildMem))
	return b.String()
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// pss shows a PSS, or "—" when smaps_rollup could not be read.
func pss(p memory.Private) string {
	if !p.Rollup {
		return "—"
	}
	return fmt.Sprintf("%.1f MiB", mib(p.PSS))
}

// Verdict checks what the table shows and says it in a sentence.
func (s Separation) Verdict() string {
	if len(s.Steps) < 3 {
		return "The experiment did not run to its end."
	}
	ok := s.ChildPID != s.ParentPID && s.ChildPPID == s.ParentPID &&
		s.Steps[1].Child == show(nil) && s.Steps[2].Parent == show(ParentValue) && s.Steps[2].Child == show(ChildValue)
	if !ok {
		return "Something unexpected happened: the two processes did not keep separate values. Look at the table."
	}
	return fmt.Sprintf("Two processes (PIDs %d and %d), one program, one variable, two values: the child started without the parent's value, and its change never reached the parent. Each process has memory of its own. "+
		"Of the child's %.1f MiB resident, %.1f MiB are file pages every copy of the program shares; %.1f MiB are its own.",
		s.ParentPID, s.ChildPID, mib(s.ChildRSS), mib(s.ChildMem.RssFile), mib(s.ChildMem.RssAnon))
}
