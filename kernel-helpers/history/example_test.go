package history_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/history"
)

// A measurement cell records its results; a later cell, in another process,
// reads them back.
func ExampleStore_Record() {
	dir, err := os.MkdirTemp("", "history-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	h, err := history.Open(filepath.Join(dir, ".history", "results.jsonl"))
	if err != nil {
		fmt.Println(err)
		return
	}

	seq := bench.Result{Name: "sumsqrt", Strategy: "sequential", Samples: []time.Duration{31 * time.Millisecond}}
	par := bench.Result{Name: "sumsqrt", Strategy: "goroutines", Workers: 4, Samples: []time.Duration{9 * time.Millisecond}}
	if err := h.Record("", seq, par); err != nil {
		fmt.Println(err)
		return
	}
	if err := h.Record("GOMAXPROCS=1", par); err != nil {
		fmt.Println(err)
		return
	}

	all, err := h.Query("sumsqrt")
	if err != nil {
		fmt.Println(err)
		return
	}
	one, err := h.Query("sumsqrt", history.Label("GOMAXPROCS=1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(all), "entries,", len(one), "with GOMAXPROCS=1:", one[0].Result.Strategy)
	// Output: 3 entries, 1 with GOMAXPROCS=1: goroutines
}

func ExampleStore_Forget() {
	dir, err := os.MkdirTemp("", "history-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	h, err := history.Open(filepath.Join(dir, "results.jsonl"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"sumsqrt", "fetch", "sumsqrt"} {
		r := bench.Result{Name: name, Strategy: "sequential", Samples: []time.Duration{time.Millisecond}}
		if err := h.Record("", r); err != nil {
			fmt.Println(err)
			return
		}
	}
	removed, err := h.Forget("sumsqrt")
	if err != nil {
		fmt.Println(err)
		return
	}
	names, err := h.Names()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("removed", removed, "left", names)
	// Output: removed 2 left [fetch]
}

// Compare names each run for the chart; the times are local and vary, so
// this example prints no fixed output.
func ExampleCompare() {
	start := time.Now().Add(-time.Hour)
	var entries []history.Entry
	for i, median := range []time.Duration{31, 30, 32} {
		entries = append(entries, history.Entry{
			Time: start.Add(time.Duration(i) * time.Minute),
			Run:  fmt.Sprint("run-", i),
			Result: bench.Result{Name: "sumsqrt", Strategy: "sequential",
				Samples: []time.Duration{median * time.Millisecond}},
		})
	}
	for _, r := range history.Compare(entries) {
		fmt.Printf("%s: %v\n", r.Name, r.Median())
	}
	// Prints e.g.
	//	run 1 (14:05): 31ms
	//	run 2 (14:06): 30ms
	//	latest run (14:07): 32ms
}
