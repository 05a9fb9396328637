package history

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
)

// Filter keeps the entries for which it returns true.
type Filter func(Entry) bool

// Name keeps the entries of the measurement called name.
func Name(name string) Filter {
	return func(e Entry) bool { return e.Result.Name == name }
}

// Strategy keeps the entries measured with the given strategy.
func Strategy(strategy string) Filter {
	return func(e Entry) bool { return e.Result.Strategy == strategy }
}

// Label keeps the entries recorded with the given label ("" for unlabelled).
func Label(label string) Filter {
	return func(e Entry) bool { return e.Label == label }
}

// Param keeps the entries whose parameter key was value.
func Param(key, value string) Filter {
	return func(e Entry) bool {
		v, ok := e.Result.Params[key]
		return ok && v == value
	}
}

// Since keeps the entries recorded at t or later.
func Since(t time.Time) Filter {
	return func(e Entry) bool { return !e.Time.Before(t) }
}

// Select returns the entries every filter keeps, in their order.
func Select(entries []Entry, filters ...Filter) []Entry {
	var out []Entry
next:
	for _, e := range entries {
		for _, f := range filters {
			if f != nil && !f(e) { // a nil filter keeps everything

				continue next
			}
		}
		out = append(out, e)
	}
	return out
}

// runStart returns, for each Run in entries, the time of its first entry, and
// the Runs from oldest to newest. Runs that started at the same time keep the
// order in which they first appear.
func runStart(entries []Entry) (map[string]time.Time, []string) {
	start := map[string]time.Time{}
	var order []string
	for _, e := range entries {
		t, seen := start[e.Run]
		if !seen {
			order = append(order, e.Run)
			start[e.Run] = e.Time
		} else if e.Time.Before(t) {
			start[e.Run] = e.Time
		}
	}
	slices.SortStableFunc(order, func(a, b string) int { return start[a].Compare(start[b]) })
	return start, order
}

// Last returns the entries of the n most recent runs, in their order; fewer
// runs than n means all of them, and n ≤ 0 means none. Use it to keep a
// comparison readable after many reruns.
func Last(entries []Entry, n int) []Entry {
	if n <= 0 {
		return nil
	}
	_, order := runStart(entries)
	if len(order) <= n {
		return slices.Clone(entries)
	}
	keep := map[string]bool{}
	for _, r := range order[len(order)-n:] {
		keep[r] = true
	}
	return Select(entries, func(e Entry) bool { return keep[e.Run] })
}

// displayZone is the time zone of run labels: the reader's own, so that
// "run 2 (14:05)" matches their clock. Tests set it to UTC.
var displayZone = time.Local

// Compare arranges entries for a "this run against earlier runs" chart: one
// [bench.Result] per run and measured variant, with the run in its Name.
//
// A run is one program run ([Entry].Run): one execution of a notebook cell.
// Runs are numbered from the oldest, "run 1 (05:12)", "run 2 (05:14)", with
// the local time they started; the newest is "latest run (05:20)", and one
// recorded by this very program "this run (05:20)". Runs made under other
// settings ([Entry.Settings], e.g. "GOMAXPROCS=1") carry them on a second
// line of the Name and are grouped after the runs with the defaults, so the
// chart shows the default runs side by side, then the others.
//
// Within a run, results keep the order they were recorded in; results of one
// run with the same Strategy, Workers and Params are merged into one, with
// the samples of all of them (the same cell measured the same thing twice).
// The Strategy, Workers and Params of every result are the recorded ones;
// Samples are copies.
func Compare(entries []Entry) []bench.Result {
	return compare(entries, 0)
}

// compare is [Compare] keeping only the last runs (all when last ≤ 0), still
// numbered among all of them, so that "run 7" means the same run whether or
// not the chart shows runs 1 to 6.
func compare(entries []Entry, last int) []bench.Result {
	if len(entries) == 0 {
		return nil
	}
	start, order := runStart(entries)
	if last > 0 && len(order) > last {
		keep := map[string]bool{}
		for _, r := range order[len(order)-last:] {
			keep[r] = true
		}
		entries = Select(entries, func(e Entry) bool { return keep[e.Run] })
	}
	number := make(map[string]int, len(order))
	for i, r := range order {
		number[r] = i + 1
	}
	newest := order[len(order)-1]

	// Show the date too when the runs span more than one day.
	layout := "15:04"
	day := func(t time.Time) string { return t.In(displayZone).Format("2006-01-02") }
	for _, r := range order {
		if day(start[r]) != day(start[order[0]]) {
			layout = "Jan 2 15:04"
			break
		}
	}
	runLabel := func(r string) string {
		at := start[r].In(displayZone).Format(layout)
		switch {
		case r == thisRun:
			return "this run (" + at + ")"
		case r == newest:
			return "latest run (" + at + ")"
		}
		return "run " + strconv.Itoa(number[r]) + " (" + at + ")"
	}

	// A group is one run under one setting; its results merge by variant.
	type group struct {
		run, settings string
		results       []bench.Result
		index         map[string]int // variant key → position in results
	}
	var groups []*group
	byKey := map[[2]string]*group{}
	for _, e := range entries {
		k := [2]string{e.Run, e.Settings()}
		g := byKey[k]
		if g == nil {
			g = &group{run: e.Run, settings: k[1], index: map[string]int{}}
			byKey[k] = g
			groups = append(groups, g)
		}
		vk := variantKey(e.Result)
		if i, ok := g.index[vk]; ok {
			g.results[i].Samples = append(g.results[i].Samples, e.Result.Samples...)
			continue
		}
		r := e.Result
		r.Samples = slices.Clone(r.Samples)
		r.Params = maps.Clone(r.Params)
		g.index[vk] = len(g.results)
		g.results = append(g.results, r)
	}

	// Defaults first, then each other setting in the order it first appears;
	// runs in time order within each.
	settingsRank := map[string]int{"": 0}
	for _, g := range groups {
		if _, ok := settingsRank[g.settings]; !ok {
			settingsRank[g.settings] = len(settingsRank)
		}
	}
	slices.SortStableFunc(groups, func(a, b *group) int {
		return cmp.Or(
			cmp.Compare(settingsRank[a.settings], settingsRank[b.settings]),
			cmp.Compare(number[a.run], number[b.run]),
		)
	})

	var out []bench.Result
	for _, g := range groups {
		name := runLabel(g.run)
		if g.settings != "" {
			name += "\n" + g.settings
		}
		for _, r := range g.results {
			r.Name = name
			out = append(out, r)
		}
	}
	return out
}

// variantKey tells apart the results of one run that measured different
// things: another strategy, worker count or parameter value.
func variantKey(r bench.Result) string {
	var b strings.Builder
	b.WriteString(r.Strategy)
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(r.Workers))
	for _, k := range slices.Sorted(maps.Keys(r.Params)) {
		b.WriteByte(0)
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(r.Params[k])
	}
	return b.String()
}
