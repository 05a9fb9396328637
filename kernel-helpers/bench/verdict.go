package bench

import "fmt"

// CloseToIdeal is the share of the ideal speedup (one per core) above
// which the course calls a speedup "close to the core count". Below it,
// something else is eating the cores: other programs, hyper-threads that
// share one core's units, or a CPU slowing down as more cores heat up.
const CloseToIdeal = 0.8

// Verdict says in one sentence whether a measured speedup on this many
// cores is close to the ideal, with the figures, e.g.
// "speedup 1.94× with 2 goroutines on 2 cores: 97% of the ideal 2×, close to the core count."
func Verdict(speedup float64, workers, cores int) string {
	if workers <= 0 || cores <= 0 || speedup <= 0 {
		return fmt.Sprintf("no verdict: speedup %.2f× with %d workers on %d cores is not a measurement", speedup, workers, cores)
	}
	ideal := min(workers, cores)
	share := speedup / float64(ideal)
	judgement := "close to the core count"
	if share < CloseToIdeal {
		judgement = "well below it: something else shares these cores (other programs, hyper-threads, a CPU slowing as it heats)"
	}
	if ideal < cores {
		judgement = "close to the worker count"
		if share < CloseToIdeal {
			judgement = "well below the worker count"
		}
	}
	return fmt.Sprintf("speedup %.2f× with %d goroutines on %d cores: %.0f%% of the ideal %d×, %s.",
		speedup, workers, cores, 100*share, ideal, judgement)
}
