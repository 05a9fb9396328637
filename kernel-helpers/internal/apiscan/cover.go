package apiscan

import (
	"sort"
	"strings"
)

// Uncovered compares a bad-input table with the API. A probe covers a
// function when its name is the function's name ("bench.Run") or starts
// with it and a space ("bench.Run reps huge"). It returns the risky
// functions that neither a probe nor an exemption covers, and the
// exemptions that name no function of the API any more (so that the list
// cannot go stale). exempt maps a function's name to the reason it needs
// no probe.
func Uncovered(api []Func, probes []string, exempt map[string]string) (missing, stale []string) {
	covered := map[string]bool{}
	for _, p := range probes {
		name, _, _ := strings.Cut(p, " ")
		covered[name] = true
	}
	exists := map[string]bool{}
	for _, f := range api {
		exists[f.String()] = true
		if f.Risky() && !covered[f.String()] && exempt[f.String()] == "" {
			missing = append(missing, f.String()+" ("+strings.Join(f.Kinds, ", ")+")")
		}
	}
	for name := range exempt {
		if !exists[name] {
			stale = append(stale, name)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	return missing, stale
}
