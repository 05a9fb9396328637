package plots

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
)

const ms = time.Millisecond

func TestDurationUnit(t *testing.T) {
	tests := []struct {
		name string
		d    time.Duration
		unit string
		per  time.Duration
	}{
		{"zero", 0, "µs", time.Microsecond},
		{"below a millisecond", 999 * time.Microsecond, "µs", time.Microsecond},
		{"one millisecond", time.Millisecond, "ms", time.Millisecond},
		{"below a second", 999 * ms, "ms", time.Millisecond},
		{"one second", time.Second, "s", time.Second},
		{"a minute", time.Minute, "s", time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unit, per := durationUnit(tt.d)
			assert.Equal(t, tt.unit, unit)
			assert.Equal(t, tt.per, per)
		})
	}
}

func TestTimingBars(t *testing.T) {
	results := []bench.Result{
		{Name: "sumsqrt", Strategy: "sequential", Samples: []time.Duration{120 * ms, 100 * ms, 140 * ms}},
		{Name: "sumsqrt", Strategy: "goroutines", Workers: 4, Samples: []time.Duration{30 * ms, 50 * ms, 40 * ms, 60 * ms}},
	}
	bars, unit, err := timingBars(results)
	require.NoError(t, err)
	assert.Equal(t, "ms", unit)
	assert.Equal(t, []bar{
		{Label: "sequential", Median: 120, Low: 100, High: 140},
		{Label: "goroutines", Median: 45, Low: 30, High: 60},
	}, bars)
}

func TestTimingBars_unitFromSlowestSample(t *testing.T) {
	// The median is below a second but one sample is not: the axis must
	// reach that sample, so it counts in seconds.
	results := []bench.Result{{Strategy: "a", Samples: []time.Duration{500 * ms, 600 * ms, 1500 * ms}}}
	bars, unit, err := timingBars(results)
	require.NoError(t, err)
	assert.Equal(t, "s", unit)
	assert.InDelta(t, 0.6, bars[0].Median, 1e-12)
	assert.InDelta(t, 1.5, bars[0].High, 1e-12)
}

func TestTimingBars_errors(t *testing.T) {
	tests := []struct {
		name    string
		results []bench.Result
		msg     string
	}{
		{"no results", nil, "no results"},
		{"no samples", []bench.Result{{Name: "x", Strategy: "s"}}, "result 0 (x s) has no samples"},
		{"negative sample", []bench.Result{
			{Strategy: "ok", Samples: []time.Duration{ms}},
			{Name: "x", Strategy: "s", Samples: []time.Duration{ms, -ms}},
		}, "result 1 (x s): sample 1 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := timingBars(tt.results)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestTimingLabels(t *testing.T) {
	r := func(name, strategy string, workers int) bench.Result {
		return bench.Result{Name: name, Strategy: strategy, Workers: workers}
	}
	tests := []struct {
		name    string
		results []bench.Result
		want    []string
	}{
		{"distinct strategies", []bench.Result{r("a", "sequential", 1), r("a", "goroutines", 4)},
			[]string{"sequential", "goroutines"}},
		{"no strategy falls back to the name", []bench.Result{r("fetch", "", 0), r("a", "threads", 2)},
			[]string{"fetch", "threads"}},
		{"repeated strategy adds workers", []bench.Result{r("a", "goroutines", 1), r("a", "goroutines", 4), r("a", "sequential", 0)},
			[]string{"goroutines (1)", "goroutines (4)", "sequential"}},
		{"same workers adds the name", []bench.Result{r("cpu", "threads", 4), r("io", "threads", 4)},
			[]string{"cpu\nthreads (4)", "io\nthreads (4)"}},
		{"identical results are numbered", []bench.Result{r("a", "threads", 4), r("a", "threads", 4)},
			[]string{"a\nthreads (4) #1", "a\nthreads (4) #2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, timingLabels(tt.results))
		})
	}
}

func TestTimelineBars(t *testing.T) {
	spans := []Span{
		{Worker: "pid 20", Task: "a", Start: 0, End: 400 * ms},
		{Worker: "pid 10", Task: "b", Start: 100 * ms, End: 300 * ms},
		{Worker: "pid 20", Task: "c", Start: 400 * ms, End: 900 * ms},
	}
	rows, bars, unit, err := timelineBars(spans)
	require.NoError(t, err)
	// Rows bottom to top: the first worker seen is drawn on top.
	assert.Equal(t, []string{"pid 10", "pid 20"}, rows)
	assert.Equal(t, "ms", unit)
	assert.Equal(t, []timeBar{
		{Row: 1, Start: 0, End: 400, Task: "a"},
		{Row: 0, Start: 100, End: 300, Task: "b"},
		{Row: 1, Start: 400, End: 900, Task: "c"},
	}, bars)
}

func TestTimelineBars_errors(t *testing.T) {
	tests := []struct {
		name  string
		spans []Span
		msg   string
	}{
		{"no spans", nil, "no spans"},
		{"no worker", []Span{{Task: "t", End: ms}}, `span 0 (task "t") has no Worker`},
		{"negative start", []Span{{Worker: "w", Start: -ms, End: ms}}, "before the batch"},
		{"end before start", []Span{{Worker: "w", Start: 2 * ms, End: ms}}, "before its start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := timelineBars(tt.spans)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestCheckSeries(t *testing.T) {
	ok := func() Series { return Series{Name: "s", X: []float64{1, 2}, Y: []float64{1, 2}} }
	with := func(f func(*Series)) []Series { s := ok(); f(&s); return []Series{s} }
	tests := []struct {
		name     string
		series   []Series
		positive bool
		msg      string // "" for no error
	}{
		{"valid", with(func(*Series) {}), false, ""},
		{"valid with whiskers", with(func(s *Series) { s.Low, s.High = []float64{0.5, 2}, []float64{1, 3} }), true, ""},
		{"negative allowed on a linear axis", with(func(s *Series) { s.Y[0] = -1 }), false, ""},
		{"no series", nil, false, "no series"},
		{"no points", with(func(s *Series) { s.X, s.Y = nil, nil }), false, "has no points"},
		{"mismatched Y", with(func(s *Series) { s.Y = s.Y[:1] }), false, "2 X values but 1 Y values"},
		{"only Low", with(func(s *Series) { s.Low = []float64{1, 2} }), false, "only one of Low and High"},
		{"short High", with(func(s *Series) { s.Low, s.High = []float64{1, 2}, []float64{1} }), false, "1 High"},
		{"NaN", with(func(s *Series) { s.Y[1] = math.NaN() }), false, "Y[1] is NaN"},
		{"Inf", with(func(s *Series) { s.X[0] = math.Inf(1) }), false, "X[0] is +Inf"},
		{"zero on a positive axis", with(func(s *Series) { s.X[0] = 0 }), true, "want a positive number"},
		{"point outside its range", with(func(s *Series) { s.Low, s.High = []float64{1, 3}, []float64{1, 4} }), false, "point 1 has Y = 2 outside Low..High = 3..4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkSeries(tt.series, tt.positive, tt.positive)
			if tt.msg == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestNiceTicks(t *testing.T) {
	labels := func(min, max float64) []string {
		var out []string
		for _, tk := range (niceTicks{}).Ticks(min, max) {
			if !tk.IsMinor() {
				out = append(out, tk.Label)
			}
		}
		return out
	}
	tests := []struct {
		name     string
		min, max float64
		want     []string
	}{
		{"milliseconds", 0, 170, []string{"0", "50", "100", "150"}},
		{"speedup", 0, 4, []string{"0", "1", "2", "3", "4"}},
		{"steps of 25", 0, 130, []string{"0", "25", "50", "75", "100", "125"}},
		{"steps of 2.5", 0, 13, []string{"0.0", "2.5", "5.0", "7.5", "10.0", "12.5"}},
		{"quarter seconds", 0, 1.3, []string{"0.00", "0.25", "0.50", "0.75", "1.00", "1.25"}},
		{"negative range", -1, 1, []string{"-1.0", "-0.5", "0.0", "0.5", "1.0"}},
		{"empty range", 3, 3, []string{"3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, labels(tt.min, tt.max))
		})
	}
}

func TestLogTicks(t *testing.T) {
	var got []string
	for _, tk := range (logTicks{}).Ticks(0.1, 100) {
		if !tk.IsMinor() {
			got = append(got, tk.Label)
		}
	}
	assert.Equal(t, []string{"0.1", "1", "10", "100"}, got)
}
