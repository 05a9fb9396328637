package claims

import (
	"fmt"
	"maps"
	"strings"

	"concurrencylab/kernel-helpers/contention"
)

// The figures that say what else ran on the machine while a claim's figures
// were measured (package contention). When they say the machine was shared,
// [Claim.Check] does not judge: its verdict is [Unmeasured], says so with
// the figures, and keeps the judge's CPython and Go columns.
const (
	// FigureBusy is the number of other busy processes.
	FigureBusy = contention.FigureBusy
	// FigureOthersCPU is the cores' worth of CPU they used.
	FigureOthersCPU = contention.FigureOthersCPU
	// FigureSteal is the share of CPU time a hypervisor stole.
	FigureSteal = contention.FigureSteal
	// FigureShared is 1 when the machine was shared, 0 when it was quiet.
	FigureShared = contention.FigureShared
)

// Measured returns a copy of f with the machine's figures of this program's
// measurements so far ([contention.Seen]: in a notebook, every [bench.Run]
// of the cell), unless f has them already. A cell whose claim rests on
// timings shows it with them:
//
//	claims.Show("001-16-cpus", claims.Measured(figs))
//
// Claims that rest on counts or facts (a start method exists, a thread
// count) do not need them: a busy machine does not change those.
func Measured(f Figures) Figures {
	s, ok := contention.Seen()
	if !ok || f.Has(FigureShared) {
		return f
	}
	return WithMachine(f, s)
}

// WithMachine returns a copy of f with the figures of the worst of the
// samples ([contention.Worst]); f itself when no sample is known.
func WithMachine(f Figures, samples ...contention.Sample) Figures {
	m := contention.Worst(samples...).Figures()
	if m == nil {
		return f
	}
	out := maps.Clone(f)
	if out == nil {
		out = Figures{}
	}
	maps.Copy(out, m)
	return out
}

// shared says why f was measured on a shared machine, "" when it was not
// (or f does not say).
func shared(f Figures) string {
	busy, steal := f[FigureBusy], f[FigureSteal]
	if !(f[FigureShared] >= 1 || busy >= 1 || steal >= contention.StealShare) {
		return ""
	}
	var why []string
	switch {
	case busy == 1:
		why = append(why, "1 other busy process")
	case busy > 1:
		why = append(why, fmt.Sprintf("%.0f other busy processes", busy))
	}
	if f.Has(FigureOthersCPU) && busy >= 1 {
		why[len(why)-1] += fmt.Sprintf(" (%.1f cores' worth of CPU)", f[FigureOthersCPU])
	}
	if steal >= contention.StealShare {
		why = append(why, fmt.Sprintf("%.0f %% of the CPU time stolen by the hypervisor", 100*steal))
	}
	if len(why) == 0 {
		why = append(why, "other work on the machine")
	}
	return strings.Join(why, " and ")
}

// onSharedMachine turns v, the judge's verdict on f, into an [Unmeasured]
// one that says why when f was measured on a shared machine. A judge that
// found nothing to judge keeps its own reason.
func onSharedMachine(f Figures, v Verdict) Verdict {
	why := shared(f)
	if why == "" || v.Outcome == Unmeasured {
		return v
	}
	return Verdict{Outcome: Unmeasured, CPython: v.CPython, Go: v.Go,
		Text: "Not judged: " + why + " shared this machine while it was measured; speedups here are not reliable; rerun when the machine is quiet."}
}
