package escape

import (
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"concurrencylab/kernel-helpers/claims"
)

// runSized matches a make whose length is not a number written in the
// source, "make([]byte, n)": its size is known only when the program runs.
var runSized = regexp.MustCompile(`^make\(\[\][^,]+, [^0-9]`)

// RunSized reports whether the decision is about a make of a size known
// only at run time. The compiler may say it "does not escape" and still
// take its memory from the heap when it is large: since Go 1.25 it keeps a
// small buffer on the stack for such a make and uses it only when the
// size fits (see [MakeAllocs]).
func (d Decision) RunSized() bool { return runSized.MatchString(d.Message) }

// TooLarge reports whether the compiler moved the variable to the heap for
// its size ("too large for stack" in the -m=2 explanation), not because
// its address outlives the call.
func (d Decision) TooLarge() bool {
	return d.Heap() && slices.ContainsFunc(d.Why, func(w string) bool { return strings.Contains(w, "too large for stack") })
}

// sink keeps scratchMake's result alive, so the compiler cannot drop the call.
var sink byte

// scratchMake is the make of Demo's scratch: a buffer used only inside its
// function, of a size known only at run time.
//
//go:noinline
func scratchMake(n int) byte {
	buf := make([]byte, n)
	buf[n-1] = byte(n)
	return buf[n-1]
}

// MaxMakeSize bounds the size [MakeAllocs] tries: 64 MiB per call is
// already far more than the lesson needs.
const MaxMakeSize = 64 << 20

// MaxMakeBytes bounds the bytes [MakeAllocs] makes over all its runs (n ×
// runs): each make is zeroed, and 1 GiB of zeroing is already about a
// second on a busy core, with no context to end it.
const MaxMakeBytes = 1 << 30

// MakeAllocs returns the heap allocations per call of make([]byte, n) in a
// function that uses the buffer only inside itself, counted from
// [runtime.MemStats] over runs calls, as testing.AllocsPerRun counts. Other
// goroutines allocating at the same time add to it, so read it rounded.
func MakeAllocs(n, runs int) (float64, error) {
	if n < 1 || n > MaxMakeSize || runs < 1 || runs > 1_000_000 {
		return 0, fmt.Errorf("escape: MakeAllocs needs 1 ≤ n ≤ %d and 1 ≤ runs ≤ 1e6, got n=%d runs=%d", MaxMakeSize, n, runs)
	}
	if total := int64(n) * int64(runs); total > MaxMakeBytes {
		return 0, fmt.Errorf("escape: MakeAllocs n=%d runs=%d makes %d bytes in all, more than %d: each make is zeroed, so that many would keep the cell busy for long; use fewer runs for a large n",
			n, runs, total, int64(MaxMakeBytes))
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		sink += scratchMake(n)
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(runs), nil
}

// Figures counts the decisions for claim 001-stack-locals (package claims):
// "go.stack" the values the compiler kept on the stack (a make of run-time
// size left out: it stays there only when it fits), "go.heap.too_large"
// the variables it moved to the heap for their size, "go.heap.escaped" those
// whose address outlives their call, and "go.make.large_allocs" the heap
// allocations per call of a large run-time-sized make (largeAllocs; pass a
// negative number when it was not measured).
func Figures(ds []Decision, largeAllocs float64) claims.Figures {
	f := claims.Figures{"go.stack": 0, "go.heap.too_large": 0, "go.heap.escaped": 0}
	for _, d := range ds {
		switch {
		case d.TooLarge():
			f["go.heap.too_large"]++
		case d.Heap():
			f["go.heap.escaped"]++
		case d.RunSized():
			// On the stack only when it fits: MakeAllocs counts, not this.
		case strings.HasSuffix(d.Message, "does not escape"):
			f["go.stack"]++
		}
	}
	if largeAllocs >= 0 {
		f["go.make.large_allocs"] = largeAllocs
	}
	return f
}
