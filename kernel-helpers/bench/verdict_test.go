package bench_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/kernel-helpers/bench"
)

func TestVerdict(t *testing.T) {
	two := bench.Cores{GOMAXPROCS: 2, NumCPU: 2}
	for _, tc := range []struct {
		name    string
		speedup float64
		workers int
		unit    string
		cores   bench.Cores
		want    []string
		not     []string
	}{
		{"close", 1.94, 2, "goroutines", two,
			[]string{"speedup 1.94× with 2 goroutines, GOMAXPROCS=2 (2 logical CPUs): 97 % of the ideal 2×, close to it."}, nil},
		{"far, nothing to blame", 1.1, 2, "goroutines", two,
			[]string{"55 % of the ideal 2×, well below it", "cannot tell what"}, []string{"GOMAXPROCS was set"}},
		{"more workers than GOMAXPROCS", 3.9, 8, "processes", bench.Cores{GOMAXPROCS: 4, NumCPU: 4},
			[]string{"8 processes", "98 % of the ideal 4×", "at most 4 at once", "close to it"}, nil},
		{"fewer workers than GOMAXPROCS", 1.9, 2, "", bench.Cores{GOMAXPROCS: 8, NumCPU: 8},
			[]string{"2 workers", "95 % of the ideal 2×", "can use at most 2 cores", "close to it"}, nil},
		{"reader set GOMAXPROCS=1", 1.0, 2, "goroutines", bench.Cores{GOMAXPROCS: 1, NumCPU: 2, FromEnv: true},
			[]string{"100 % of the ideal 1×", "close to it", "GOMAXPROCS was set to 1 (the GOMAXPROCS variable)", "with all 2, the ideal would be 2×"},
			[]string{"other programs"}},
		{"container limit, low", 1.2, 4, "goroutines", bench.Cores{GOMAXPROCS: 2, NumCPU: 8},
			[]string{"60 % of the ideal 2×", "well below it", "GOMAXPROCS is 2, below the 8 logical CPUs", "quota", "cannot tell which"}, nil},
		{"above the ideal", 2.9, 2, "goroutines", two,
			[]string{"145 % of the ideal 2×", "more than the ideal", "baseline was slowed"}, []string{"close to it"}},
		{"no measurement", 0, 2, "goroutines", two, []string{"no verdict"}, nil},
		{"no cores", 1, 2, "goroutines", bench.Cores{}, []string{"no verdict"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := bench.Verdict(tc.speedup, tc.workers, tc.unit, tc.cores)
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
			for _, n := range tc.not {
				assert.NotContains(t, got, n)
			}
		})
	}
}

func TestRunCores(t *testing.T) {
	t.Setenv("GOMAXPROCS", "1")
	c := bench.RunCores()
	assert.True(t, c.FromEnv)
	assert.Positive(t, c.GOMAXPROCS)
	assert.GreaterOrEqual(t, c.NumCPU, 1)
	assert.Equal(t, "GOMAXPROCS=1 (1 logical CPU)", bench.Cores{GOMAXPROCS: 1, NumCPU: 1}.String())
}
