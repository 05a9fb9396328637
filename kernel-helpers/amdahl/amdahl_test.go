package amdahl_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/amdahl"
)

func TestSpeedup(t *testing.T) {
	tests := []struct {
		name string
		f, n float64
		want float64
	}{
		{"all parallel", 0, 8, 8},
		{"all serial", 1, 8, 1},
		{"half serial, two workers", 0.5, 2, 4.0 / 3},
		{"one worker", 0.3, 1, 1},
		{"5% serial, many workers", 0.05, 1e9, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, amdahl.Speedup(tt.f, tt.n), 1e-6)
		})
	}
}

// points returns exact speedups for serial fraction f on 1…n workers.
func points(f float64, n int) []amdahl.Point {
	var ps []amdahl.Point
	for w := 1; w <= n; w++ {
		ps = append(ps, amdahl.Point{Workers: float64(w), Speedup: amdahl.Speedup(f, float64(w))})
	}
	return ps
}

func TestFitRecoversTheSerialFraction(t *testing.T) {
	for _, f := range []float64{0, 0.001, 0.05, 0.3, 0.9, 1} {
		m, err := amdahl.Fit(points(f, 8))
		require.NoError(t, err)
		assert.InDelta(t, f, m.Serial, 1e-6, "f = %v", f)
		assert.InDelta(t, 0, m.RMS, 1e-6)
		assert.Equal(t, 8, m.Points)
	}
}

func TestFitIsLeastSquaresOnTheInverse(t *testing.T) {
	// Noisy points around f = 0.1: the fitted f must give a smaller sum of
	// squares of 1/S than any f nearby.
	ps := []amdahl.Point{{1, 1}, {2, 1.85}, {3, 2.45}, {4, 3.1}}
	m, err := amdahl.Fit(ps)
	require.NoError(t, err)
	sse := func(f float64) float64 {
		s := 0.0
		for _, p := range ps {
			d := 1/p.Speedup - 1/amdahl.Speedup(f, p.Workers)
			s += d * d
		}
		return s
	}
	for _, df := range []float64{-0.01, -1e-4, 1e-4, 0.01} {
		assert.Less(t, sse(m.Serial), sse(m.Serial+df), "f%+g", df)
	}
	rms := 0.0
	for _, p := range ps {
		d := p.Speedup - amdahl.Speedup(m.Serial, p.Workers)
		rms += d * d
	}
	assert.InDelta(t, math.Sqrt(rms/4), m.RMS, 1e-12)
}

func TestKarpFlatt(t *testing.T) {
	assert.True(t, math.IsNaN(amdahl.Point{Workers: 1, Speedup: 1}.KarpFlatt()), "one worker says nothing")
	for _, f := range []float64{0, 0.05, 0.5, 1} {
		p := amdahl.Point{Workers: 4, Speedup: amdahl.Speedup(f, 4)}
		assert.InDelta(t, f, p.KarpFlatt(), 1e-12, "f = %v", f)
	}
	assert.Less(t, amdahl.Point{Workers: 2, Speedup: 2.1}.KarpFlatt(), 0.0, "superlinear")
	// One point with more than one worker: the fit is its Karp–Flatt value.
	m, err := amdahl.Fit([]amdahl.Point{{1, 1}, {2, 1.6}})
	require.NoError(t, err)
	assert.InDelta(t, amdahl.Point{Workers: 2, Speedup: 1.6}.KarpFlatt(), m.Serial, 1e-12)
}

func TestFitOnNeedsThreePointsWithinTheCores(t *testing.T) {
	ps := []amdahl.Point{{1, 1}, {2, 1.9}, {3, 1.95}, {4, 2.07}}
	_, err := amdahl.FitOn(ps, 2)
	require.ErrorIs(t, err, amdahl.ErrTooFewPoints)
	assert.ErrorContains(t, err, "2 with up to 2 workers")
	m, err := amdahl.FitOn(ps, 3)
	require.NoError(t, err)
	assert.Equal(t, 3, m.Points, "the 4-worker point is past the cores")
	_, err = amdahl.FitOn(ps, 0)
	assert.ErrorContains(t, err, "0 cores")
}

func TestFitClampsToZeroAndOne(t *testing.T) {
	superlinear, err := amdahl.Fit([]amdahl.Point{{2, 2.2}, {4, 4.5}})
	require.NoError(t, err)
	assert.Equal(t, 0.0, superlinear.Serial, "faster than ideal: no serial part")
	slower, err := amdahl.Fit([]amdahl.Point{{2, 0.8}, {4, 0.7}})
	require.NoError(t, err)
	assert.Equal(t, 1.0, slower.Serial, "slower than one worker: all serial")
}

func TestFitRejectsBadPoints(t *testing.T) {
	tests := []struct {
		name   string
		points []amdahl.Point
		want   string
	}{
		{"none", nil, "no point with more than one worker"},
		{"only one worker", []amdahl.Point{{1, 1}, {1, 1.01}}, "no point with more than one worker"},
		{"zero workers", []amdahl.Point{{0, 1}}, "point 0: 0 workers"},
		{"NaN workers", []amdahl.Point{{2, 1}, {math.NaN(), 1}}, "point 1: NaN workers"},
		{"zero speedup", []amdahl.Point{{2, 0}}, "speedup 0"},
		{"infinite speedup", []amdahl.Point{{2, math.Inf(1)}}, "speedup +Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := amdahl.Fit(tt.points)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestModel(t *testing.T) {
	m := amdahl.Model{Serial: 0.05, Points: 3}
	assert.InDelta(t, 20, m.Limit(), 1e-9)
	assert.Equal(t, m.Speedup(2), m.On(8, 2), "past the core count the speedup stops growing")
	assert.True(t, math.IsInf(amdahl.Model{}.Limit(), 1))

	c := m.Curve("fit", []float64{1, 2, 4}, 2)
	assert.Equal(t, "fit", c.Name)
	assert.Equal(t, []float64{1, 2, 4}, c.X)
	require.Len(t, c.Y, 3)
	assert.Equal(t, c.Y[1], c.Y[2])

	assert.Equal(t, "a serial fraction of 5% (least squares on 1/S from 3 measurements; root mean square error 0 in speedup), "+
		"which predicts 1.9× with 2 workers and 20× with unlimited workers", m.Describe(2))
	assert.Contains(t, amdahl.Model{Points: 2}.Describe(4), "no limit with unlimited workers")
	assert.NotContains(t, m.Describe(2), "at most", "a prediction, never a bound a measurement could pass")
}
