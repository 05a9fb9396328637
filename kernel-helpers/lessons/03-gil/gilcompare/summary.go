package gilcompare

import (
	"fmt"
	"strings"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/history"
)

// lastRun returns the results of the most recent run of the measurement
// called name among entries, in the order they were recorded.
func lastRun(entries []history.Entry, name string) []bench.Result {
	var out []bench.Result
	for _, e := range history.Last(history.Select(entries, history.Name(name)), 1) {
		out = append(out, e.Result)
	}
	return out
}

// describeStrategy says in words what a strategy of [CPU] is.
func describeStrategy(strategy string) string {
	switch strategy {
	case GILThreads:
		return "Go: threads under the emulated GIL"
	case Goroutines:
		return "Go: goroutines, no GIL"
	}
	prefix, kind, _ := strings.Cut(strategy, "-")
	if freeThreaded(strategy) {
		return "Python: " + kind + " in free-threaded " + prefix
	}
	return "CPython: " + kind
}

// Summary sums up the notebook from the results history: the speedup of
// every strategy of the last [CPU] run over its sequential baseline, as a
// Markdown table, then the convoy figures of the last [Convoy] run with one
// CPU-bound thread. Whatever was not measured yet is said to be missing.
func Summary(entries []history.Entry) string {
	var b strings.Builder
	cpu := lastRun(entries, CPUName)
	if sp := Speedups(cpu); len(sp) > 0 {
		rows := make([][]string, len(sp))
		for i, s := range sp {
			rows[i] = []string{describeStrategy(s.Strategy), fmt.Sprint(s.Workers), times(s.X), gainWord(s.X)}
		}
		table, err := display.TableMarkdown([]string{"CPU-bound tasks on", "workers", "speedup over sequential", "verdict"}, rows)
		if err != nil {
			return "**No summary:** " + err.Error()
		}
		fmt.Fprintf(&b, "**Speedups** of the last CPU-bound run (%s tasks, %s):\n\n%s\n", cpu[0].Params["tasks"], when(entries, CPUName), table)
	} else {
		b.WriteString("**No CPU-bound run recorded yet:** run the cell that compares Go and CPython above.\n")
	}
	b.WriteString("\n")
	convoy := lastRun(entries, ConvoyName)
	withGIL, ok := find(convoy, GILThreads, "hogs", "1")
	noGIL, ok2 := find(convoy, Threads, "hogs", "1")
	if !ok || !ok2 {
		b.WriteString("**No convoy run recorded yet:** run the convoy cell above.")
		return b.String()
	}
	fmt.Fprintf(&b, "**The convoy effect** (last run, %s): a %s ms sleep beside one CPU-bound thread took %v under the emulated GIL",
		when(entries, ConvoyName), withGIL.Params["sleep_ms"], bench.Round(withGIL.Median()))
	for _, py := range pythonThreads(convoy) {
		if r, ok := find(convoy, py, "hogs", "1"); ok {
			fmt.Fprintf(&b, ", %v in %s", bench.Round(r.Median()), Legend(py))
		}
	}
	fmt.Fprintf(&b, " and %v without a GIL, at a switch interval of %s ms.", bench.Round(noGIL.Median()), withGIL.Params["switch_interval_ms"])
	return b.String()
}

// gainWord words a speedup for the summary table.
func gainWord(x float64) string {
	if x >= Gain {
		return "gain"
	}
	return "no gain"
}

// when says when the last run of name was recorded, in local time.
func when(entries []history.Entry, name string) string {
	last := history.Last(history.Select(entries, history.Name(name)), 1)
	if len(last) == 0 {
		return "never"
	}
	return "recorded at " + last[0].Time.Local().Format("15:04")
}
