package datarace

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"concurrencylab/kernel-helpers/snippet"
)

// Racy is a program with a data race: two goroutines increment one int.
//
//go:embed racy.go.txt
var Racy string

// Fixed is Racy with the count made an [sync/atomic.Int64]: no race.
//
//go:embed fixed.go.txt
var Fixed string

// Warning is the line the race detector prints at the top of each report.
const Warning = "WARNING: DATA RACE"

// raceExitCode is the exit status the race detector gives a program in
// which it found a race (GORACE's exitcode option, 66 by default).
const raceExitCode = 66

// Report is what the race detector said about one run of a program.
type Report struct {
	// Races is how many race reports the run printed.
	Races int
	// ExitCode is the program's exit status: 66 when the detector found a race.
	ExitCode int
	// Output is everything the program printed, its own output and the
	// detector's reports, with file paths reduced to base names.
	Output string
}

// Raced reports whether the detector found a race.
func (r Report) Raced() bool { return r.Races > 0 }

// First returns the first race report: from the Warning line to the line of
// "=" that ends it. It is "" when there was none.
func (r Report) First() string {
	i := strings.Index(r.Output, Warning)
	if i < 0 {
		return ""
	}
	rest := r.Output[i:]
	if j := strings.Index(rest, "\n=================="); j >= 0 {
		rest = rest[:j+1]
	}
	return rest
}

// Printed returns what the program itself printed: the output without the
// detector's reports and its closing "Found N data race(s)" line.
func (r Report) Printed() string {
	var b strings.Builder
	inReport := false
	for line := range strings.Lines(r.Output) {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "==================":
			inReport = !inReport
		case inReport:
		case strings.HasPrefix(trimmed, "Found ") && strings.HasSuffix(trimmed, "data race(s)"):
		default:
			b.WriteString(line)
		}
	}
	return b.String()
}

// DetectVerdict says in two sentences what the detector found in a racy
// and a fixed program, and what each printed, so that a reader sees the
// detector flag a race even in a run that happened to count right.
func DetectVerdict(racy, fixed Report) string {
	printed := func(r Report) string {
		return fmt.Sprintf("%q", strings.TrimSpace(r.Printed()))
	}
	var b strings.Builder
	if racy.Raced() {
		fmt.Fprintf(&b, "In the racy program the detector reported %d race(s) (exit code %d); the program itself printed %s. ",
			racy.Races, racy.ExitCode, printed(racy))
	} else {
		fmt.Fprintf(&b, "In the racy program the detector reported **no** race this time (it only sees accesses that really happen; the goroutines may not have overlapped); it printed %s. ",
			printed(racy))
	}
	if fixed.Raced() {
		fmt.Fprintf(&b, "In the fixed program it reported %d race(s), which should not happen.", fixed.Races)
	} else {
		fmt.Fprintf(&b, "In the fixed program it reported none (exit code %d), which printed %s.", fixed.ExitCode, printed(fixed))
	}
	return b.String()
}

// Detect builds src, a complete main package, with the race detector
// (go build -race), runs it and returns the detector's verdict.
//
// It returns an error when src does not compile, the go command is missing,
// the race detector is not available (it needs cgo and a supported
// platform: linux, darwin, windows or freebsd on amd64 or arm64, and a few
// more), the program fails other than by a race, or ctx ends. The first
// build with -race compiles the standard library with the detector, which
// can take a minute; later builds come from the go command's cache.
func Detect(ctx context.Context, src string) (Report, error) {
	p, err := snippet.New(src)
	if err != nil {
		return Report{}, fmt.Errorf("datarace: %w", err)
	}
	defer p.Remove()
	if _, err := p.Build(ctx, "-race"); err != nil {
		return Report{}, fmt.Errorf("datarace: building with the race detector: %w", err)
	}
	res, err := p.Run(ctx)
	if err != nil {
		return Report{}, fmt.Errorf("datarace: %w", err)
	}
	r := Report{Races: strings.Count(res.Output, Warning), ExitCode: res.ExitCode, Output: res.Output}
	if r.ExitCode != 0 && !(r.ExitCode == raceExitCode && r.Raced()) {
		return r, fmt.Errorf("datarace: the program failed with exit status %d:\n%s", r.ExitCode, r.Output)
	}
	return r, nil
}
