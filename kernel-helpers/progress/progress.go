package progress

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// MinInterval is the shortest time between two redraws of a bar. 100 ms keeps
// a bar at no more than 10 updates a second: smooth to the eye, and cheap for
// the kernel, which forwards every update to the browser.
const MinInterval = 100 * time.Millisecond

// Bar counts finished steps of a long task and shows them as a progress bar.
// Its methods are safe to call from many goroutines at once, and safe on a nil
// *Bar (they do nothing), so a helper can take an optional *Bar argument.
//
// The zero value is a silent bar with an unknown total whose clock starts at
// the first call; use [New] for one that is shown.
type Bar struct {
	mu       sync.Mutex
	title    string
	total    int
	done     int
	start    time.Time
	lastDraw time.Time
	drawn    bool // whether anything was shown yet, so the first call draws at once
	finished bool

	// show receives each new rendering of the bar; nil when not in a notebook.
	show func(html string)
	// w receives the plain-text summary when the bar is done; may be nil.
	w io.Writer
	// now is the clock, replaced in tests.
	now func() time.Time
}

// Option changes how [New] sets up a bar.
type Option func(*Bar)

// WithWriter makes [Bar.Done] also write the summary as one line of plain text
// to w, e.g. os.Stderr when the same helper runs outside a notebook.
func WithWriter(w io.Writer) Option {
	return func(b *Bar) { b.w = w }
}

// New starts a bar titled title for total steps and, in a notebook, shows it
// at 0 right away. A total ≤ 0 means the number of steps is not known in
// advance: the bar then shows a moving "busy" bar and the count so far.
func New(title string, total int, opts ...Option) *Bar {
	b := &Bar{title: title, total: max(total, 0), now: time.Now}
	if gonbui.IsNotebook {
		// The display id names one output block; every later UpdateHTML with
		// the same id replaces that block instead of adding another.
		id := "progress-" + gonbui.UniqueId()
		b.show = func(html string) { gonbui.UpdateHTML(id, html) }
	}
	for _, o := range opts {
		o(b)
	}
	b.begin()
	return b
}

// begin starts the clock and draws the bar at 0.
func (b *Bar) begin() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.start = b.clock()
	b.drawLocked(true)
}

// Add records n more finished steps (n may be negative to take some back; the
// count never drops below 0) and redraws the bar if the last redraw is at
// least [MinInterval] old. Calls after [Bar.Done] are ignored.
func (b *Bar) Add(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.finished {
		return
	}
	b.done = max(b.done+n, 0)
	b.drawLocked(false)
}

// Set records that i steps are finished in all (values below 0 count as 0),
// and redraws like [Bar.Add].
func (b *Bar) Set(i int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.finished {
		return
	}
	b.done = max(i, 0)
	b.drawLocked(false)
}

// Done stops the clock and replaces the bar with its final summary, e.g.
// "sweep: 12/12 done in 3.4 s", or "sweep: stopped at 7/12 after 2.0 s" when
// fewer steps than the total were recorded. Only the first call counts, so it
// is safe to defer Done and also call it explicitly.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.finished {
		return
	}
	b.finished = true
	b.drawLocked(true)
	if b.show != nil {
		// Wait until GoNB has the summary: it stops reading the cell's
		// display pipe when the cell's program exits.
		gonbui.Sync()
	}
	if b.w != nil {
		s := b.stateLocked()
		fmt.Fprintln(b.w, summaryText(s))
	}
}

// Count returns the number of finished steps recorded so far.
func (b *Bar) Count() int {
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.done
}

func (b *Bar) clock() time.Time {
	if b.now == nil {
		return time.Now()
	}
	return b.now()
}

func (b *Bar) stateLocked() state {
	now := b.clock()
	if b.start.IsZero() {
		b.start = now
	}
	return state{
		title:    b.title,
		done:     b.done,
		total:    b.total,
		elapsed:  now.Sub(b.start),
		finished: b.finished,
	}
}

// drawLocked renders and shows the bar if force is set or the throttle allows.
// It is called with b.mu held, which also keeps redraws in order: a slower
// goroutine can never overwrite a newer count with an older one.
func (b *Bar) drawLocked(force bool) {
	s := b.stateLocked()
	now := b.start.Add(s.elapsed)
	if !force && b.drawn && now.Sub(b.lastDraw) < MinInterval {
		return
	}
	b.drawn = true
	b.lastDraw = now
	if b.show != nil {
		b.show(render(s))
	}
}
