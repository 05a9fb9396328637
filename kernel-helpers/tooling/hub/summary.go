package hub

import (
	"fmt"
	"strings"
	"time"
)

// Summary is the report as text: one line per learner, the API latency
// under load, and what failed or was left behind.
func Summary(r Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d learners at once, %v from the first login to the last cell\n", r.Users, r.Total.Round(100*time.Millisecond))
	for _, l := range r.Learners {
		cells, plots := len(l.Cells), 0
		for _, c := range l.Cells {
			plots += c.Plots
		}
		state := "ok"
		if l.Failed() {
			state = "FAILED"
			if l.Err != "" {
				state += ": " + l.Err
			}
		}
		fmt.Fprintf(&b, "  %s: login %v, server %v, notebook %v (%d cells, %d plots); %d results, %d with the contention sample, %d from a shared machine: %s\n",
			l.Name, l.Login.Round(10*time.Millisecond), l.Spawn.Round(10*time.Millisecond), l.Run.Round(100*time.Millisecond),
			cells, plots, l.Results, l.Flagged, l.Shared, state)
	}
	if n := len(r.Latencies); n > 0 {
		fmt.Fprintf(&b, "hub API under load: %d requests, median %v, 95th percentile %v, slowest %v (limit %v), %d failed\n", n,
			Percentile(r.Latencies, 50).Round(time.Millisecond), Percentile(r.Latencies, 95).Round(time.Millisecond),
			Percentile(r.Latencies, 100).Round(time.Millisecond), MaxLatency, r.APIErrors)
	} else {
		fmt.Fprintf(&b, "hub API under load: no answer measured (%d failed)\n", r.APIErrors)
	}
	fmt.Fprintf(&b, "wrong password refused: %v\n", r.WrongPasswordRefused)
	if len(r.Leftovers) == 0 {
		b.WriteString("left behind: nothing (no account, no process)\n")
	} else {
		fmt.Fprintf(&b, "left behind: %s\n", strings.Join(r.Leftovers, "; "))
	}
	return b.String()
}
