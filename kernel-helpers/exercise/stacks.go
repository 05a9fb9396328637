package exercise

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"
)

// goroutineDump returns the stacks of every goroutine, as a panic prints them.
func goroutineDump() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// goroutine is one entry of a dump: its wait state ("chan receive",
// "sync.Mutex.Lock", "running") and the first function of the learner's.
type goroutine struct {
	state string
	fn    string
}

// ownFrames are the functions of this package's own goroutines; a
// goroutine whose stack holds one is the check's, not the learner's, unless
// a learner's function is above it.
func isLearner(fn string) bool {
	if strings.HasPrefix(fn, "main.") || strings.Contains(fn, "_test.") {
		return true
	}
	return strings.HasPrefix(fn, "concurrencylab/") && !strings.HasPrefix(fn, "concurrencylab/kernel-helpers/exercise.")
}

// parseDump reads a goroutine dump into the learner's goroutines: those
// with a learner's function on the stack or created by one.
func parseDump(dump string) []goroutine {
	var out []goroutine
	for _, block := range strings.Split(strings.TrimSpace(dump), "\n\n") {
		lines := strings.Split(block, "\n")
		head, ok := strings.CutPrefix(lines[0], "goroutine ")
		if !ok {
			continue
		}
		state := ""
		if i, j := strings.Index(head, "["), strings.LastIndex(head, "]"); i >= 0 && j > i {
			state, _, _ = strings.Cut(head[i+1:j], ",")
		}
		g := goroutine{state: state}
		for _, l := range lines[1:] {
			if strings.HasPrefix(l, "\t") {
				continue
			}
			fn := l
			if c, ok := strings.CutPrefix(l, "created by "); ok {
				fn, _, _ = strings.Cut(c, " in goroutine")
			} else if i := strings.LastIndex(fn, "("); i > 0 {
				fn = fn[:i]
			}
			if isLearner(fn) {
				g.fn = short(fn)
				break
			}
		}
		if g.fn != "" {
			out = append(out, g)
		}
	}
	return out
}

// short drops the package path of a function name:
// "main.childDouble.func1" becomes "childDouble.func1".
func short(fn string) string {
	if i := strings.LastIndex(fn, "/"); i >= 0 {
		fn = fn[i+1:]
	}
	if _, rest, ok := strings.Cut(fn, "."); ok {
		return rest
	}
	return fn
}

// summary groups goroutines: "2 in worker (chan receive), 1 in main (sync.WaitGroup.Wait)".
func summary(gs []goroutine) string {
	count := map[goroutine]int{}
	for _, g := range gs {
		count[g]++
	}
	keys := make([]goroutine, 0, len(count))
	for g := range count {
		keys = append(keys, g)
	}
	sort.Slice(keys, func(i, j int) bool {
		return count[keys[i]] > count[keys[j]] || count[keys[i]] == count[keys[j]] && keys[i].fn < keys[j].fn
	})
	parts := make([]string, 0, len(keys))
	for _, g := range keys {
		parts = append(parts, fmt.Sprintf("%d in %s (%s)", count[g], g.fn, g.state))
	}
	return strings.Join(parts, ", ")
}

// why names the usual cause of a wait state.
func why(gs []goroutine) string {
	var reasons []string
	seen := map[string]bool{}
	add := func(r string) {
		if !seen[r] {
			seen[r] = true
			reasons = append(reasons, r)
		}
	}
	for _, g := range gs {
		switch s := g.state; {
		case strings.HasPrefix(s, "chan") || s == "select" || s == "select (no cases)":
			add("a channel nobody sends on, receives from or closes")
		case strings.Contains(s, "Mutex") || s == "semacquire" || s == "sync.Cond.Wait":
			add("a lock never unlocked, or two locks taken in opposite orders")
		case strings.Contains(s, "WaitGroup"):
			add("a WaitGroup waiting for more Done calls than will come")
		case s == "IO wait" || s == "syscall":
			add("a read from a pipe or process that never writes or closes (close its stdin, or wait for it to end)")
		case s == "sleep":
			add("a sleep longer than the time allowed")
		case s == "running" || s == "runnable":
			add("a loop that never ends")
		}
	}
	if len(reasons) == 0 {
		return ""
	}
	return " Look for " + strings.Join(reasons, "; or ") + "."
}

func hangHint(timeout time.Duration, dump string) string {
	gs := parseDump(dump)
	s := fmt.Sprintf("still running after %v: a deadlock, or a wait that never ends.", timeout)
	if len(gs) == 0 {
		return s
	}
	return s + " Your goroutines were waiting: " + summary(gs) + "." + why(gs)
}

func leakHint(n int, dump string) string {
	gs := parseDump(dump)
	s := fmt.Sprintf("your function returned, but %d goroutine(s) it started are still running %v later", n, leakWait)
	if len(gs) > 0 {
		s += ": " + summary(gs)
	}
	return s + ". Every goroutine needs a way to end: a closed channel, a cancelled context, or a WaitGroup to wait on." + why(gs)
}

// raceHint reads the first report of the race detector: which functions
// wrote and read the same memory.
func raceHint(stderr string) string {
	_, report, ok := strings.Cut(stderr, "WARNING: DATA RACE")
	if !ok {
		return "the race detector stopped the program (exit status 66)."
	}
	report, _, _ = strings.Cut(report, "==================")
	var accesses []string
	lines := strings.Split(report, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if !(strings.HasPrefix(l, "Write at") || strings.HasPrefix(l, "Read at") || strings.HasPrefix(l, "Previous write at") || strings.HasPrefix(l, "Previous read at")) {
			continue
		}
		kind, _, _ := strings.Cut(l, " at ")
		for _, f := range lines[i+1:] {
			f = strings.TrimSpace(f)
			if f == "" {
				break
			}
			if fn, _, ok := strings.Cut(f, "("); ok && !strings.HasPrefix(f, "runtime.") && !strings.HasPrefix(f, "sync/atomic") && !strings.Contains(f, ".go:") {
				accesses = append(accesses, fmt.Sprintf("%s in %s", strings.ToLower(kind), short(fn)))
				break
			}
		}
	}
	s := "a data race: two goroutines used the same variable at once, at least one writing, with no lock, atomic or channel between them"
	if len(accesses) > 0 {
		s += " (" + strings.Join(accesses, "; ") + ")"
	}
	return s + "."
}

// crashHint reads why a child ended without a result: a panic, or a fatal
// error of the runtime (all goroutines asleep, concurrent map writes).
func crashHint(stderr string) (Outcome, string) {
	for _, l := range strings.Split(stderr, "\n") {
		switch {
		case strings.HasPrefix(l, "panic: "):
			msg := strings.TrimPrefix(l, "panic: ")
			if strings.HasPrefix(msg, ErrNotDone.Error()) {
				return NotDone, ""
			}
			return Fail, "your code panicked in a goroutine it started: " + strings.TrimSuffix(msg, " [recovered]")
		case strings.Contains(l, "all goroutines are asleep - deadlock"):
			return Timeout, "a deadlock: every goroutine was waiting for another (the runtime stopped the program)."
		case strings.HasPrefix(l, "fatal error: "):
			return Fail, "the Go runtime stopped the program: " + strings.TrimPrefix(l, "fatal error: ") + " (a map used by two goroutines at once needs a lock)."
		}
	}
	return "", ""
}
