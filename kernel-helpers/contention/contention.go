package contention

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Figure names under which [Sample.Figures] gives a sample to package
// claims. A yes/no fact is 1 or 0.
const (
	// FigureBusy is the number of other busy processes, [Sample.Busy].
	FigureBusy = "machine.busy"
	// FigureOthersCPU is the cores' worth of CPU the other processes used,
	// [Sample.OthersCPU].
	FigureOthersCPU = "machine.others_cpu"
	// FigureSteal is the share of CPU time stolen by a hypervisor, [Sample.Steal].
	FigureSteal = "machine.steal"
	// FigureShared is 1 when [Sample.Shared], else 0.
	FigureShared = "machine.shared"
)

// Thresholds of [Sample.Shared] and of a busy process.
const (
	// BusyShare is the share of one core a process must use during the
	// window to count as busy. It is low because on a crowded machine every
	// program gets only its fair share (cores / runnable threads): a CPU hog
	// among ten runnable threads on 2 cores gets a fifth of a core.
	BusyShare = 0.1
	// StealShare is the share of CPU time stolen by the hypervisor above
	// which the machine counts as shared even with no other busy process
	// visible (another virtual machine on the same host).
	StealShare = 0.05
	// ShortWindow is the window below which CPU time counted in clock ticks
	// (10 ms each) cannot tell a busy process from an idle one; a process is
	// then busy when it is runnable at the start or the end.
	ShortWindow = 200 * time.Millisecond
)

// Sample is what else ran on the machine between [Start] and [Watch.Stop].
// The zero value is an unknown sample: not [Sample.Known], not shared.
type Sample struct {
	// Known is false where /proc could not be read (not Linux): the other
	// fields are then zero.
	Known bool `json:"known"`
	// Window is the wall time between the two looks.
	Window time.Duration `json:"window"`
	// Cores is the number of logical CPUs.
	Cores int `json:"cores"`
	// Busy counts the other processes that used at least [BusyShare] of a
	// core during the window, or used some CPU and had a thread runnable at
	// its end (in a window shorter than [ShortWindow]: were runnable at its
	// start or had a thread runnable at its end).
	Busy     int `json:"busy"`
	busyPIDs []int
	// Names are the command names of the busiest other processes, at most
	// three, busiest first.
	Names []string `json:"names,omitempty"`
	// OthersCPU is the CPU time every other process used during the window,
	// divided by the window: in cores' worth, 0 to Cores.
	OthersCPU float64 `json:"others_cpu"`
	// Runnable is the highest procs_running of /proc/stat at the two looks,
	// less the thread that looked: threads of any process ready to run.
	Runnable int `json:"runnable"`
	// Load1 is the one-minute load average at the end.
	Load1 float64 `json:"load1"`
	// Steal is the share of the machine's CPU time stolen by a hypervisor
	// during the window, 0 to 1.
	Steal float64 `json:"steal"`
	// OtherKernels counts the GoNB kernels open on the machine other than
	// this program's own: other learners of a hub, where /proc shows them.
	OtherKernels int `json:"other_kernels"`
}

// Shared reports whether other work shared the machine enough to make a
// speedup measured in the window unreliable: at least one other busy process,
// or a steal share of at least [StealShare].
func (s Sample) Shared() bool {
	return s.Known && (s.Busy > 0 || s.Steal >= StealShare)
}

// String describes the sample in one line, with its figures:
//
//	3 other busy processes (1.7 of 2 cores' worth; runnable 5, load 4.2, steal 0 %, 2 other GoNB kernels)
func (s Sample) String() string {
	if !s.Known {
		return "what else ran is unknown (no /proc on this system)"
	}
	var b strings.Builder
	switch s.Busy {
	case 0:
		b.WriteString("no other busy process")
	case 1:
		b.WriteString("1 other busy process")
	default:
		fmt.Fprintf(&b, "%d other busy processes", s.Busy)
	}
	if len(s.Names) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(s.Names, ", "))
	}
	fmt.Fprintf(&b, ": %.1f of %d %s worth of CPU; runnable %d, load %.1f, steal %.0f %%",
		s.OthersCPU, s.Cores, plural(s.Cores, "core's", "cores'"), s.Runnable, s.Load1, 100*s.Steal)
	if s.OtherKernels > 0 {
		fmt.Fprintf(&b, ", %d other GoNB %s open", s.OtherKernels, plural(s.OtherKernels, "kernel", "kernels"))
	}
	return b.String()
}

// Warning is the sentence a verdict shows instead of judging when the
// machine was shared, "" when it was not:
//
//	While this ran: 3 other busy processes (…): 1.7 of 2 cores' worth of CPU; … Speedups here are not reliable; rerun when the machine is quiet.
func (s Sample) Warning() string {
	if !s.Shared() {
		return ""
	}
	why := s.String()
	if s.Busy == 0 {
		why = fmt.Sprintf("a hypervisor took %.0f %% of the CPU time (%s)", 100*s.Steal, why)
	}
	return "While this ran: " + why + ". Speedups here are not reliable; rerun when the machine is quiet."
}

// Figures returns the sample under the figure names of package claims
// ([FigureBusy], [FigureOthersCPU], [FigureSteal], [FigureShared]); nil
// for a sample that is not Known.
func (s Sample) Figures() map[string]float64 {
	if !s.Known {
		return nil
	}
	shared := 0.0
	if s.Shared() {
		shared = 1
	}
	return map[string]float64{FigureBusy: float64(s.Busy), FigureOthersCPU: s.OthersCPU, FigureSteal: s.Steal, FigureShared: shared}
}

// Worst returns the most contended of the samples: a shared one before a
// quiet one, then the most busy processes, then the most CPU used by
// others. Unknown samples count only when all are unknown.
func Worst(samples ...Sample) Sample {
	var w Sample
	for _, s := range samples {
		if worse(s, w) {
			w = s
		}
	}
	return w
}

func worse(a, b Sample) bool {
	switch {
	case a.Known != b.Known:
		return a.Known
	case a.Shared() != b.Shared():
		return a.Shared()
	case a.Busy != b.Busy:
		return a.Busy > b.Busy
	}
	return a.OthersCPU > b.OthersCPU
}

// Judge is the verdict wrapper: when any sample was taken on a shared
// machine it returns the worst one's [Sample.Warning] instead of calling
// verdict; otherwise it returns verdict(). A nil verdict gives "".
func Judge(samples []Sample, verdict func() string) string {
	if w := Worst(samples...); w.Shared() {
		return w.Warning()
	}
	if verdict == nil {
		return ""
	}
	return verdict()
}

// Watch is a measurement's first look at the machine; [Watch.Stop] takes
// the second. A nil *Watch stops to an unknown [Sample].
type Watch struct {
	first *look
	start time.Time
}

// Start looks at the machine now. It takes a few milliseconds (it reads
// /proc/[pid]/stat of every process): call it outside the timed part.
func Start() *Watch {
	l, err := see()
	if err != nil {
		return &Watch{start: time.Now()}
	}
	return &Watch{first: l, start: l.at}
}

// Stop looks again and returns what else ran since [Start]. It also keeps
// the sample for [Seen].
func (w *Watch) Stop() Sample {
	if w == nil || w.first == nil {
		return Sample{}
	}
	second, err := see()
	if err != nil {
		return Sample{}
	}
	s := between(w.first, second, runtime.NumCPU())
	remember(s)
	return s
}

// Measure runs f between [Start] and [Watch.Stop] and returns the sample.
func Measure(f func()) Sample {
	if f == nil {
		return Sample{} // nothing ran: an unknown sample, not a panic
	}
	w := Start()
	f()
	return w.Stop()
}

var seen struct {
	sync.Mutex
	worst Sample
	any   bool
}

func remember(s Sample) {
	seen.Lock()
	defer seen.Unlock()
	if !seen.any || worse(s, seen.worst) {
		seen.worst, seen.any = s, true
	}
}

// Seen returns the worst sample any [Watch] of this program has stopped
// with (every [bench.Run] takes one), and whether there was one. In a
// notebook each cell is a program of its own, so Seen covers the cell's
// measurements.
func Seen() (Sample, bool) {
	seen.Lock()
	defer seen.Unlock()
	return seen.worst, seen.any
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
