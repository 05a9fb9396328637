package history

import (
	"errors"
	"fmt"
	"path/filepath"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
)

// PlotRuns is how many of the most recent runs [Store.Plot] draws: with one
// bar per run and strategy, more would squeeze the labels of a 16 cm chart
// into each other.
const PlotRuns = 6

// Plot draws the runs in entries side by side as an SVG bar chart (see
// [plots.Timings]): one bar per run and strategy, as tall as the median time,
// with a whisker from the fastest to the slowest sample. Bars are labelled
// and ordered as [Compare] names them, so the defaults come first, then the
// runs under other settings.
func Plot(title string, entries []Entry) ([]byte, error) {
	if len(entries) == 0 {
		return nil, errors.New("history: no entries to plot")
	}
	return plots.Timings(byRun(title, Compare(entries)))
}

// byRun makes the bars read as runs: when every result has one strategy,
// that strategy moves into the title and each bar is labelled with its run
// alone (plots.Timings labels a result without a strategy by its Name).
func byRun(title string, results []bench.Result) (string, []bench.Result) {
	for _, r := range results {
		if r.Strategy != results[0].Strategy || r.Workers != results[0].Workers {
			return title, results
		}
	}
	if len(results) > 0 && results[0].Strategy != "" {
		title += ": " + results[0].Strategy
	}
	out := make([]bench.Result, len(results))
	for i, r := range results {
		r.Strategy = ""
		out[i] = r
	}
	return title, out
}

// Plot draws the last [PlotRuns] runs of the measurement called name that
// every filter keeps, titled with the name; see the function [Plot]. With
// no entries it returns an error saying so, which display.Plot shows under
// the cell.
func (s *Store) Plot(name string, filters ...Filter) ([]byte, error) {
	if !s.usable() {
		return nil, errNoStore
	}
	entries, err := s.Query(name, filters...)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("history: nothing recorded for %q in %s yet: run the measurement cell first",
			name, filepath.Base(s.path))
	}
	title := name
	if _, order := runStart(entries); len(order) > PlotRuns {
		title = fmt.Sprintf("%s (last %d of %d runs)", name, PlotRuns, len(order))
	}
	return plots.Timings(byRun(title, compare(entries, PlotRuns)))
}
