package startcost

import "slices"

// Largest keeps, of each plan, only its largest count: the one [PerStart]
// reads, for a cell that needs the cost of one start and not the sweep.
func Largest(plans []Plan) []Plan {
	out := make([]Plan, 0, len(plans))
	for _, p := range plans {
		if len(p.Counts) == 0 {
			continue
		}
		out = append(out, Plan{Kind: p.Kind, Counts: []int{slices.Max(p.Counts)}})
	}
	return out
}
