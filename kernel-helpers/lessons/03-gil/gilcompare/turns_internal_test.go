package gilcompare

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeClock returns the times given, one per call, as offsets from t0.
func fakeClock(t0 time.Time, offsets ...time.Duration) func() time.Time {
	i := 0
	return func() time.Time {
		if i >= len(offsets) {
			panic("fake clock ran out of times")
		}
		i++
		return t0.Add(offsets[i-1])
	}
}

func us(n int) time.Duration { return time.Duration(n) * time.Microsecond }

func TestRecorder(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tests := []struct {
		name   string
		inner  bool
		clock  []time.Duration // begin, then each check's reads, then finish
		checks int
		want   []Slice
	}{
		{
			name:   "no pause: one slice",
			clock:  []time.Duration{0, us(10), us(20), us(30)},
			checks: 2,
			want:   []Slice{{Start: 0, End: us(30)}},
		},
		{
			name:   "a pause between checks cuts at the last check seen",
			clock:  []time.Duration{0, us(10), us(5000), us(5010)},
			checks: 2,
			want:   []Slice{{Start: 0, End: us(10)}, {Start: us(5000), End: us(5010)}},
		},
		{
			name:   "a short pause is not a cut",
			clock:  []time.Duration{0, us(10), us(150), us(160)},
			checks: 2,
			want:   []Slice{{Start: 0, End: us(160)}},
		},
		{
			name:  "a GIL handoff inside the check cuts around it",
			inner: true,
			// begin; check 1: before, after (blocked 5 ms); check 2: before, after; finish
			clock:  []time.Duration{0, us(10), us(5010), us(5020), us(5021), us(5030)},
			checks: 2,
			want:   []Slice{{Start: 0, End: us(10)}, {Start: us(5010), End: us(5030)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{task: 3, now: fakeClock(t0, tt.clock...)}
			if tt.inner {
				r.inner = func() {}
			}
			r.begin(t0)
			for range tt.checks {
				r.check()
			}
			r.finish()
			for i := range tt.want {
				tt.want[i].Task = 3
			}
			assert.Equal(t, tt.want, r.slices)
		})
	}
}

func TestScheduleOverlapAndTurns(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	tests := []struct {
		name       string
		slices     []Slice
		overlap    time.Duration
		turns      []Slice
		medianTurn time.Duration
	}{
		{name: "empty"},
		{
			name:       "taking turns, touching ends",
			slices:     []Slice{{0, 0, ms(5)}, {1, ms(5), ms(10)}, {0, ms(10), ms(15)}},
			turns:      []Slice{{0, 0, ms(5)}, {1, ms(5), ms(10)}, {0, ms(10), ms(15)}},
			medianTurn: ms(5),
		},
		{
			name:       "a pause with nobody running stays inside the turn",
			slices:     []Slice{{0, 0, ms(2)}, {0, ms(3), ms(6)}, {1, ms(6), ms(8)}},
			turns:      []Slice{{0, 0, ms(6)}, {1, ms(6), ms(8)}},
			medianTurn: ms(4),
		},
		{
			name:    "side by side",
			slices:  []Slice{{0, 0, ms(10)}, {1, ms(2), ms(8)}, {2, ms(4), ms(12)}},
			overlap: ms(8), // 2..10 has two or three running
			turns:   []Slice{{0, 0, ms(10)}, {1, ms(2), ms(8)}, {2, ms(4), ms(12)}},
			// lengths 10, 6, 8
			medianTurn: ms(8),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Schedule{Slices: tt.slices}
			assert.Equal(t, tt.overlap, s.Overlap())
			assert.Equal(t, tt.turns, s.Turns())
			assert.Equal(t, tt.medianTurn, s.MedianTurn())
		})
	}
}

func TestTurnsVerdict(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	alternate := func(turn time.Duration, n int) []Slice {
		var out []Slice
		for i := range n {
			out = append(out, Slice{Task: i % 2, Start: time.Duration(i) * turn, End: time.Duration(i+1) * turn})
		}
		return out
	}
	gilOK := Schedule{Mode: GILThreads, Tasks: 2, GOMAXPROCS: 2, Interval: ms(5), Wall: ms(100), Slices: alternate(ms(5), 20), Switches: 19}
	mp1 := Schedule{Mode: MaxProcs1, Tasks: 2, GOMAXPROCS: 1, Wall: ms(100), Slices: alternate(ms(20), 5)}
	parallel := Schedule{Mode: Goroutines, Tasks: 2, GOMAXPROCS: 2, Wall: ms(50),
		Slices: []Slice{{0, 0, ms(50)}, {1, 0, ms(49)}}}
	serial := parallel
	serial.Slices = []Slice{{0, 0, ms(25)}, {1, ms(25), ms(50)}}
	gilLong := gilOK
	gilLong.Slices = alternate(ms(20), 5)

	tests := []struct {
		name      string
		schedules []Schedule
		want      []string
	}{
		{"agrees", []Schedule{gilOK, parallel, mp1}, []string{"median turn of **5ms**", "switch interval 5ms", "4.0 times as long as under the GIL", "(98% of the run)", "That is what the two schedulers predict"}},
		{"no parallelism without a GIL", []Schedule{gilOK, serial}, []string{"not the pattern"}},
		{"turns too long under the GIL", []Schedule{gilLong}, []string{"median turn of **20ms**", "not the pattern"}},
		{"nothing", nil, []string{"No verdict"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TurnsVerdict(tt.schedules)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
		})
	}
}

func TestTurnsPlotNeedsSlices(t *testing.T) {
	_, err := TurnsPlot([]Schedule{{Mode: GILThreads, Tasks: 2}})
	require.Error(t, err)
}
