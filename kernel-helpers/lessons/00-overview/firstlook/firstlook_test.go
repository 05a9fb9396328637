package firstlook_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/history"
	"concurrencylab/kernel-helpers/lessons/00-overview/firstlook"
)

func result(workers int, ms float64) bench.Result {
	d := time.Duration(ms * float64(time.Millisecond))
	return bench.Result{Name: firstlook.Name, Strategy: "goroutines", Workers: workers, Samples: []time.Duration{d, d, d}}
}

func TestOnePerCore(t *testing.T) {
	two := bench.Cores{GOMAXPROCS: 2, NumCPU: 2}
	for _, tc := range []struct {
		name     string
		seq, par bench.Result
		cores    bench.Cores
		want     []string
	}{
		{"close", result(1, 100), result(2, 52), two, []string{"Tutorial 001 (`001_c15645a1bbb281df.txt`)", "12.2× on its 16 CPUs, 76 % of the ideal 16×", "1.92× with 2 goroutines", "close to it"}},
		{"far", result(1, 100), result(2, 90), two, []string{"1.11× with 2 goroutines", "well below it"}},
		{"reader lowered GOMAXPROCS", result(1, 100), result(1, 100), bench.Cores{GOMAXPROCS: 1, NumCPU: 2, FromEnv: true}, []string{"GOMAXPROCS was set to 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := firstlook.OnePerCore(tc.seq, tc.par, tc.cores)
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
			assert.NotContains(t, got, "the course")
		})
	}
}

func TestScaling(t *testing.T) {
	two := bench.Cores{GOMAXPROCS: 2, NumCPU: 2}
	flat := []bench.Result{result(1, 100), result(2, 51), result(3, 50), result(4, 52)}
	rising := []bench.Result{result(1, 100), result(2, 80), result(3, 50), result(4, 40)}
	for _, tc := range []struct {
		name    string
		results []bench.Result
		cores   bench.Cores
		want    []string
		not     []string
	}{
		{"gains stop at the cores", flat, two, []string{"Tutorial 000 (`000_0f4e085f5752bd81.txt`) measured 1.67× with 2 processes and 2.87× with 4",
			"2 goroutines 1.96×, 3 goroutines 2.00×, 4 goroutines 1.92×", "Here too the gains stop", "best 2.00× with 3", "At the core count: speedup 1.96×"}, []string{"still quicker"}},
		{"more goroutines than cores still quicker", rising, two, []string{"4 goroutines were still quicker (2.50× against 1.25×)", "rerun the cell"}, []string{"gains stop"}},
		{"sweep stops short of GOMAXPROCS", flat[:2], bench.Cores{GOMAXPROCS: 8, NumCPU: 8}, []string{"did not reach GOMAXPROCS=8"}, nil},
		{"nothing measured", nil, two, []string{"Nothing was measured here"}, nil},
		{"no gain up to the cores", []bench.Result{result(1, 100), result(2, 160), result(3, 150), result(4, 140)}, two,
			[]string{"not clearly quicker even up to GOMAXPROCS=2 (0.62× with 2)", "cannot judge", "31 % of the ideal 2×, well below it"}, []string{"gains stop", "still quicker"}},
		{"GOMAXPROCS=1", []bench.Result{result(1, 100), result(2, 100)}, bench.Cores{GOMAXPROCS: 1, NumCPU: 2, FromEnv: true},
			[]string{"one goroutine at a time", "GOMAXPROCS was set to 1"}, []string{"gains stop"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := firstlook.Scaling(tc.results, tc.cores)
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
			for _, n := range tc.not {
				assert.NotContains(t, got, n)
			}
		})
	}
}

func TestRunsNote(t *testing.T) {
	at := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	e := func(run string) history.Entry { return history.Entry{Run: run, Time: at, Result: result(2, 50)} }
	assert.Contains(t, firstlook.RunsNote(nil), "Nothing recorded yet")
	assert.Contains(t, firstlook.RunsNote([]history.Entry{e("a"), e("a")}), "Only one run so far")
	assert.Contains(t, firstlook.RunsNote([]history.Entry{e("a"), e("b")}), "2 runs so far")
	var many []history.Entry
	for _, r := range "abcdefgh" {
		many = append(many, e(string(r)))
	}
	assert.Contains(t, firstlook.RunsNote(many), "8 runs so far; the plot shows the last 6")
	assert.Equal(t, 8, firstlook.Runs(many))
}
