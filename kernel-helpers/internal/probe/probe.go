package probe

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"concurrencylab/kernel-helpers/internal/apiscan"
)

// The values a reader types when they change a parameter to "a lot".
const (
	Huge  = 1_000_000_000_000
	NaND  = time.Duration(-1 << 63)  // what time.Duration(math.NaN()) gives on amd64
	HugeD = time.Duration(1<<63 - 1) // the longest duration
)

// Harmless is the Want of a probe whose call must succeed: the bad value
// has a documented meaning (nil is empty, 0 is the default) or the
// function is a pure formatter of it. Its Call returns an error when the
// result is wrong.
const Harmless = "(no error)"

// Budgets of one probe. Time: a helper must see its context end (probes
// get a context that ends at Time) or refuse at once. Memory: the heap may
// grow by at most Memory while the probe runs.
const (
	Time   = 5 * time.Second
	Memory = 256 << 20
)

// Probe is one call with bad input. Its name starts with the function it
// covers ("bench.Run", "gil.GIL.Run") and a space.
type Probe struct {
	Name string
	Call func(ctx context.Context) error
	// Want is a substring of the error, naming the parameter; or Harmless.
	Want string
}

// Run runs each probe as a subtest, one after another so that the heap
// each one grows is its own.
func Run(t *testing.T, probes []Probe) {
	t.Helper()
	for _, p := range probes {
		t.Run(p.Name, func(t *testing.T) {
			if err := Judge(p, Time, Memory); err != nil {
				t.Error(err)
			}
		})
	}
}

// Judge runs one probe with a time and memory budget and says what is
// wrong with its outcome, or nil.
func Judge(p Probe, budget time.Duration, memory uint64) error {
	if p.Want == "" {
		return fmt.Errorf("%s: the probe asserts nothing: give Want (a substring of the error) or Harmless", p.Name)
	}
	err, grew, hung := call(p, budget)
	var pe panicked
	switch {
	case hung:
		return fmt.Errorf("still running %v after its context ended", budget/10)
	case errors.As(err, &pe):
		return fmt.Errorf("panicked: %v", pe.v)
	case grew > memory:
		return fmt.Errorf("the heap grew by %d MiB, more than %d MiB", grew>>20, memory>>20)
	case p.Want == Harmless && err != nil:
		return fmt.Errorf("want no error, got %q", err)
	case p.Want == Harmless:
		return nil
	case err == nil:
		return fmt.Errorf("no error; want one saying %q", p.Want)
	case !strings.Contains(err.Error(), p.Want):
		return fmt.Errorf("error %q does not say %q", err, p.Want)
	case machinePath(err.Error()) != "":
		return fmt.Errorf("error %q names a folder of this machine (%s); name files by their base name", err, machinePath(err.Error()))
	}
	return nil
}

// machinePath returns the folder of this machine that msg names: the
// working directory, the home directory or the temporary directory, or "".
func machinePath(msg string) string {
	var dirs []string
	if wd, err := os.Getwd(); err == nil {
		dirs = append(dirs, wd)
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, home)
	}
	dirs = append(dirs, os.TempDir())
	for _, d := range dirs {
		if d != "" && d != "/" && strings.Contains(msg, d) {
			return d
		}
	}
	return ""
}

type panicked struct{ v any }

func (p panicked) Error() string { return fmt.Sprint("panic: ", p.v) }

// call runs one probe on a goroutine of its own with a context that ends
// at the budget, and measures how much the heap grew.
func call(p Probe, budget time.Duration) (err error, grew uint64, hung bool) {
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- panicked{r}
			}
		}()
		done <- p.Call(ctx)
	}()
	timer := time.NewTimer(budget + budget/10) // the context's end, and a moment to see it
	defer timer.Stop()
	select {
	case err = <-done:
	case <-timer.C:
		return nil, 0, true
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if after.HeapAlloc > before.HeapAlloc {
		grew = after.HeapAlloc - before.HeapAlloc
	}
	return err, grew, false
}

// Covers fails t for each function of the API that takes a value a reader
// can get wrong and has neither a probe nor an exemption, and for each
// exemption that names no function any more. keep selects the API's
// packages by import path.
func Covers(t *testing.T, api []apiscan.Func, keep func(path string) bool, probes []Probe, exempt map[string]string) {
	t.Helper()
	var mine []apiscan.Func
	for _, f := range api {
		if keep(f.Path) {
			mine = append(mine, f)
		}
	}
	if len(mine) == 0 {
		t.Fatal("no function found: the package selection is wrong")
	}
	names := make([]string, len(probes))
	for i, p := range probes {
		names[i] = p.Name
	}
	missing, stale := apiscan.Uncovered(mine, names, exempt)
	for _, m := range missing {
		t.Errorf("no bad-input probe for %s", m)
	}
	for _, s := range stale {
		t.Errorf("the exemption %s names no exported function any more", s)
	}
	risky, exempted := 0, 0
	for _, f := range mine {
		if f.Risky() {
			risky++
			if exempt[f.String()] != "" {
				exempted++
			}
		}
	}
	t.Logf("%d exported functions and methods, %d take a value a reader can get wrong; %d of those exempt, %d probes", len(mine), risky, exempted, len(probes))
}

// Names lists the probes' names, sorted, for a table's own checks.
func Names(probes []Probe) []string {
	var out []string
	for _, p := range probes {
		out = append(out, p.Name)
	}
	sort.Strings(out)
	return out
}

// P makes a probe: P("bench.Run reps huge", call, "Reps must be at most").
func P(name string, call func(ctx context.Context) error, want string) Probe {
	return Probe{Name: name, Call: call, Want: want}
}
