package progress

import (
	"bytes"
	"concurrencylab/kernel-helpers/internal/testmain"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { testmain.Main(m) }

func TestRender(t *testing.T) {
	tests := []struct {
		name    string
		s       state
		want    []string // substrings that must appear
		notWant []string // substrings that must not appear
	}{
		{
			name:    "title is escaped",
			s:       state{title: `<b>fetch</b> & "sum"`, done: 1, total: 4},
			want:    []string{`&lt;b&gt;fetch&lt;/b&gt; &amp; &#34;sum&#34;`},
			notWant: []string{`<b>fetch`},
		},
		{
			name: "percentage rounds down",
			s:    state{title: "sweep", done: 5, total: 12, elapsed: 2 * time.Second},
			want: []string{`value="5" max="12"`, "5/12 (41%)", "2.0 s", "about 2.8 s left"},
		},
		{
			name:    "start shows zero and no estimate",
			s:       state{title: "sweep", done: 0, total: 3},
			want:    []string{`value="0" max="3"`, "0/3 (0%)"},
			notWant: []string{"left"},
		},
		{
			name: "negative count clamps to zero",
			s:    state{done: -3, total: 12},
			want: []string{`value="0" max="12"`, "0/12 (0%)"},
		},
		{
			name:    "count above total clamps to total",
			s:       state{done: 20, total: 12},
			want:    []string{`value="12" max="12"`, "12/12 (100%)"},
			notWant: []string{"20", "left"},
		},
		{
			name:    "unknown total is a busy bar",
			s:       state{title: "crawl", done: 7, total: 0, elapsed: 1500 * time.Millisecond},
			want:    []string{"<progress style=", "7 done · 1.5 s"},
			notWant: []string{"value=", "%"},
		},
		{
			name:    "finished replaces the bar with a summary",
			s:       state{title: "sweep", done: 12, total: 12, elapsed: 3400 * time.Millisecond, finished: true},
			want:    []string{"sweep</span>: 12/12 done in 3.4 s"},
			notWant: []string{"<progress"},
		},
		{
			name: "finished early says where it stopped",
			s:    state{title: "sweep", done: 7, total: 12, elapsed: 2 * time.Second, finished: true},
			want: []string{"stopped at 7/12 after 2.0 s"},
		},
		{
			name:    "finished without a title",
			s:       state{done: 3, total: 0, elapsed: time.Minute + 4600*time.Millisecond, finished: true},
			want:    []string{`">3 done in 1m5s</div>`},
			notWant: []string{": "},
		},
		{
			name:    "no script, no style element",
			s:       state{title: "x", done: 1, total: 2},
			notWant: []string{"<script", "<style"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(tt.s)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
			for _, w := range tt.notWant {
				assert.NotContains(t, got, w)
			}
		})
	}
}

func TestSeconds(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "0 ms"},
		{0, "0 ms"},
		{340*time.Millisecond + 400*time.Microsecond, "340 ms"},
		{999*time.Millisecond + 600*time.Microsecond, "1.0 s"},
		{time.Second, "1.0 s"},
		{59*time.Second + 940*time.Millisecond, "59.9 s"},
		{2*time.Minute + 5400*time.Millisecond, "2m5s"},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, seconds(tt.d))
		})
	}
}

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// recorder collects what a bar shows, in order.
type recorder struct {
	mu    sync.Mutex
	shown []string
}

func (r *recorder) show(html string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.shown = append(r.shown, html)
}

func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.shown...)
}

func newTestBar(title string, total int, clk *fakeClock, rec *recorder, opts ...Option) *Bar {
	b := &Bar{title: title, total: total, show: rec.show, now: clk.now}
	for _, o := range opts {
		o(b)
	}
	b.begin()
	return b
}

func TestBar_throttle(t *testing.T) {
	clk := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	rec := &recorder{}
	b := newTestBar("sweep", 100, clk, rec)
	require.Len(t, rec.all(), 1, "New shows the bar at once")
	assert.Contains(t, rec.all()[0], "0/100")

	for range 50 {
		b.Add(1)
	}
	assert.Len(t, rec.all(), 1, "no redraw within MinInterval")

	clk.advance(MinInterval - time.Millisecond)
	b.Add(1)
	assert.Len(t, rec.all(), 1, "still within MinInterval")

	clk.advance(time.Millisecond)
	b.Add(1)
	require.Len(t, rec.all(), 2, "redraw once MinInterval has passed")
	assert.Contains(t, rec.all()[1], "52/100")

	clk.advance(MinInterval)
	b.Set(100)
	require.Len(t, rec.all(), 3)
	assert.Contains(t, rec.all()[2], "100/100 (100%)")

	clk.advance(time.Millisecond) // Done is never throttled
	b.Done()
	require.Len(t, rec.all(), 4)
	assert.Contains(t, rec.all()[3], "100/100 done in 201 ms")
	assert.NotContains(t, rec.all()[3], "<progress")

	clk.advance(time.Second)
	b.Add(1)
	b.Set(3)
	b.Done()
	assert.Len(t, rec.all(), 4, "calls after Done change nothing")
	assert.Equal(t, 100, b.Count())
}

func TestBar_concurrentAdd(t *testing.T) {
	const goroutines, each = 8, 500
	clk := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	rec := &recorder{}
	b := newTestBar("parallel", goroutines*each, clk, rec)

	start := make(chan struct{})
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			<-start
			for range each {
				b.Add(1)
				clk.advance(time.Millisecond)
			}
		})
	}
	close(start)
	wg.Wait()
	b.Done()

	assert.Equal(t, goroutines*each, b.Count())
	shown := rec.all()
	require.NotEmpty(t, shown)
	// 4000 steps 1 ms apart on the fake clock span 4 s: at most one redraw
	// per MinInterval, plus the first one and the summary.
	maxDraws := int(time.Duration(goroutines*each)*time.Millisecond/MinInterval) + 2
	assert.LessOrEqual(t, len(shown), maxDraws)
	assert.Greater(t, len(shown), 2, "the bar moved while the work ran")
	assert.Contains(t, shown[len(shown)-1], "4000/4000 done in 4.0 s")
}

func TestBar_countsNeverGoBack(t *testing.T) {
	clk := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	rec := &recorder{}
	b := newTestBar("", 10, clk, rec)
	b.Add(-5)
	assert.Equal(t, 0, b.Count())
	b.Set(-1)
	assert.Equal(t, 0, b.Count())
	b.Add(3)
	b.Add(-1)
	assert.Equal(t, 2, b.Count())
}

func TestBar_writer(t *testing.T) {
	tests := []struct {
		name  string
		title string
		total int
		steps int
		want  string
	}{
		{"complete", "sweep", 3, 3, "sweep: 3/3 done in 1.5 s\n"},
		{"stopped early", "sweep", 3, 1, "sweep: stopped at 1/3 after 1.5 s\n"},
		{"unknown total", "crawl", 0, 4, "crawl: 4 done in 1.5 s\n"},
		{"negative total is unknown", "crawl", -2, 4, "crawl: 4 done in 1.5 s\n"},
		{"no title", "", 2, 2, "2/2 done in 1.5 s\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
			var buf bytes.Buffer
			b := New(tt.title, tt.total, WithWriter(&buf))
			b.now = clk.now
			b.start = clk.now()
			for range tt.steps {
				b.Add(1)
			}
			assert.Empty(t, buf.String(), "nothing is written before Done")
			clk.advance(1500 * time.Millisecond)
			b.Done()
			b.Done()
			assert.Equal(t, tt.want, buf.String())
		})
	}
}

func TestNew_outsideNotebookIsSilent(t *testing.T) {
	// The tests do not run under GoNB, so New must not try to display.
	b := New("quiet", 2)
	assert.Nil(t, b.show)
	b.Add(2)
	b.Done()
	assert.Equal(t, 2, b.Count())
}

func TestBar_nilAndZero(t *testing.T) {
	var nilBar *Bar
	assert.NotPanics(t, func() {
		nilBar.Add(1)
		nilBar.Set(2)
		nilBar.Done()
	})
	assert.Equal(t, 0, nilBar.Count())

	var zero Bar
	var buf bytes.Buffer
	zero.w = &buf
	zero.Add(2)
	zero.Done()
	assert.True(t, strings.HasPrefix(buf.String(), "2 done in "), buf.String())
}
