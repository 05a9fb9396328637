package child

import (
	"context"
	"errors"
	"sync"

	"concurrencylab/kernel-helpers/claims"
)

// ChildSawParent reports whether the child, once started, read the value the
// parent had set: false for a Go child, which is the program run afresh.
func (s Separation) ChildSawParent() bool {
	return len(s.Steps) > 1 && s.Steps[1].Child == show(ParentValue)
}

// ParentSawChild reports whether the parent, after the child's write, read
// the child's value: it would if the two shared memory.
func (s Separation) ParentSawChild() bool {
	return len(s.Steps) > 2 && s.Steps[2].Parent == show(ChildValue)
}

// SharedWithGoroutine runs the same "setvar" as [Separate], but in a
// goroutine of this process instead of a child process: the parent sets
// the variable, a goroutine sets it to [ChildValue], and the parent reads
// it. It reports whether the parent saw the goroutine's write, as a thread's
// write is seen by the other threads of its process.
func SharedWithGoroutine(ctx context.Context) (bool, error) {
	if ctx == nil {
		return false, errors.New("child: SharedWithGoroutine needs a context, got nil")
	}
	if err := setHere(ctx, ParentValue); err != nil {
		return false, err
	}
	var wg sync.WaitGroup
	var err error
	wg.Go(func() { err = setHere(ctx, ChildValue) })
	wg.Wait() // the write happens before Wait returns (the Go memory model)
	if err != nil {
		return false, err
	}
	v, err := getHere(ctx)
	if err != nil {
		return false, err
	}
	return show(v) == show(ChildValue), nil
}

// MemoryFigures are the Go figures of claims 001-own-memory and
// 002-separate-memory (package claims): "go.child_saw_parent",
// "go.parent_saw_child" and "go.thread_write_seen", 1 for yes, 0 for no.
// An experiment that did not run to its end gives no figures.
func MemoryFigures(s Separation, goroutineSeen bool) claims.Figures {
	if len(s.Steps) < 3 {
		return claims.Figures{}
	}
	return claims.Figures{
		"go.child_saw_parent":  flag(s.ChildSawParent()),
		"go.parent_saw_child":  flag(s.ParentSawChild()),
		"go.thread_write_seen": flag(goroutineSeen),
	}
}

// Dead reports whether the kill ended the child: it did not finish, the
// parent saw it end by SIGKILL, and its PID is gone after the reap.
func (k Killed) Dead() bool {
	return !k.Finished && k.Exit == "signal: killed" && k.Gone
}

// Figures is the Go figure of claim 002-killable: "go.kill.dead".
func (k Killed) Figures() claims.Figures {
	return claims.Figures{"go.kill.dead": flag(k.Dead())}
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
