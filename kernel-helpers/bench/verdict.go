package bench

import (
	"fmt"
	"os"
	"runtime"
)

// CloseToIdeal is the share of the ideal speedup above which the course
// calls a speedup "close to the ideal". Below it, something takes part of
// the cores; [Verdict] says what the figures can tell about what.
const CloseToIdeal = 0.8

// aboveIdeal is the share above which a speedup is more than the ideal by
// more than timing noise (20 %, the spread the course's plots commonly
// show between repetitions on a busy machine).
const aboveIdeal = 1.2

// Cores is what a run could use: GOMAXPROCS, how many goroutines Go runs at
// the same instant, and the logical CPUs the process may run on.
//
// GOMAXPROCS defaults to the logical CPUs ([runtime.NumCPU]) or, since
// Go 1.25 on Linux, to the container's CPU limit (its cgroup quota) when
// that is lower; the GOMAXPROCS environment variable or a call to
// [runtime.GOMAXPROCS] overrides both. The ideal speedup of a run is its
// GOMAXPROCS, not the CPU count.
type Cores struct {
	GOMAXPROCS int // runtime.GOMAXPROCS(0) of the run
	NumCPU     int // runtime.NumCPU()
	// FromEnv is true when the GOMAXPROCS environment variable was set,
	// such as with GoNB's `%env GOMAXPROCS=1`.
	FromEnv bool
}

// RunCores returns this program's [Cores] as they are now.
func RunCores() Cores {
	return Cores{GOMAXPROCS: runtime.GOMAXPROCS(0), NumCPU: runtime.NumCPU(), FromEnv: os.Getenv("GOMAXPROCS") != ""}
}

// String is "GOMAXPROCS=2 (2 logical CPUs)".
func (c Cores) String() string {
	return fmt.Sprintf("GOMAXPROCS=%d (%d logical %s)", c.GOMAXPROCS, c.NumCPU, plural(c.NumCPU, "CPU", "CPUs"))
}

// lowered says why GOMAXPROCS is below the CPU count, "" when it is not.
func (c Cores) lowered() string {
	switch {
	case c.GOMAXPROCS >= c.NumCPU:
		return ""
	case c.FromEnv:
		return fmt.Sprintf("GOMAXPROCS was set to %d (the GOMAXPROCS variable), below the %d logical CPUs", c.GOMAXPROCS, c.NumCPU)
	}
	return fmt.Sprintf("GOMAXPROCS is %d, below the %d logical CPUs: a CPU limit on this program (a container's quota, which Go 1.25+ follows) or a runtime.GOMAXPROCS call set it",
		c.GOMAXPROCS, c.NumCPU)
}

// Verdict says in a sentence or two how a measured speedup with workers
// (named by unit: "goroutines", "processes") compares with the ideal for
// the run's cores, min(workers, GOMAXPROCS), with the figures; for example
//
//	speedup 1.94× with 2 goroutines, GOMAXPROCS=2 (2 logical CPUs): 97 % of the ideal 2×, close to it.
//
// A speedup well below the ideal is explained only as far as the figures
// go: a GOMAXPROCS below the CPU count is named (a speedup capped by it is
// the reader's setting, not other programs); otherwise the verdict says
// what it cannot tell apart.
func Verdict(speedup float64, workers int, unit string, c Cores) string {
	if unit == "" {
		unit = "workers"
	}
	if workers <= 0 || c.GOMAXPROCS <= 0 || c.NumCPU <= 0 || !(speedup > 0) {
		return fmt.Sprintf("no verdict: speedup %.2f× with %d %s, GOMAXPROCS=%d, %d CPUs is not a measurement",
			speedup, workers, unit, c.GOMAXPROCS, c.NumCPU)
	}
	ideal := min(workers, c.GOMAXPROCS)
	share := speedup / float64(ideal)
	head := fmt.Sprintf("speedup %.2f× with %d %s, %s: %.0f %% of the ideal %d×", speedup, workers, unit, c, 100*share, ideal)
	var limit string
	switch {
	case ideal == workers && workers < c.GOMAXPROCS:
		limit = fmt.Sprintf("(%d %s can use at most %d cores)", workers, unit, workers)
	case workers > c.GOMAXPROCS:
		limit = fmt.Sprintf("(Go runs at most %d at once; the others take turns)", c.GOMAXPROCS)
	}
	if limit != "" {
		head += " " + limit
	}
	low := c.lowered()
	switch {
	case share > aboveIdeal:
		return head + ", more than the ideal: a run cannot beat its cores, so the one-worker baseline was slowed (another program, a first-run cost); rerun the cell."
	case share >= CloseToIdeal && low != "":
		return head + ", close to it. " + low + fmt.Sprintf(": with all %d, the ideal would be %d×.", c.NumCPU, min(workers, c.NumCPU))
	case share >= CloseToIdeal:
		return head + ", close to it."
	case low != "":
		return head + ", well below it. " + low + "; a CPU quota that is not a whole number of CPUs also pauses the program, and other programs or hyper-threads sharing a core take their part: these figures cannot tell which."
	}
	return head + ", well below it. Something took part of the cores, and these figures cannot tell what: other programs, two hyper-threads sharing one core, a CPU slowing as it heats, or a container's CPU quota."
}
