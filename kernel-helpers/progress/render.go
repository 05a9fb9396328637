package progress

import (
	"fmt"
	"html"
	"time"
)

// state is everything a rendering depends on, so that render is a pure
// function that tests can call without a clock or a notebook.
type state struct {
	title    string
	done     int
	total    int // ≤ 0: unknown
	elapsed  time.Duration
	finished bool
}

// Only <div>, <span> and <progress value max> with inline styles: these are on
// the allow-list of JupyterLab's HTML sanitiser (packages/apputils/src/sanitizer.ts),
// so the bar looks the same in a trusted or untrusted notebook, in the classic
// Notebook and in exported HTML, where <style> and <script> may be dropped.
const (
	boxStyle   = `font-family:sans-serif;font-size:0.9em;line-height:1.6;`
	titleStyle = `font-weight:600;`
	barStyle   = `width:16em;height:0.9em;vertical-align:middle;margin:0 0.5em;`
)

// render returns the HTML for s: a bar while the work runs, a one-line
// summary once it is finished.
func render(s state) string {
	title := ""
	if s.title != "" {
		title = fmt.Sprintf(`<span style="%s">%s</span>`, titleStyle, html.EscapeString(s.title))
	}
	if s.finished {
		sep := ""
		if title != "" {
			sep = ": "
		}
		return fmt.Sprintf(`<div style="%s">%s%s%s</div>`, boxStyle, title, sep, html.EscapeString(summary(s)))
	}
	if s.total <= 0 {
		// A <progress> without a value is the browser's own "busy" animation:
		// no script needed.
		return fmt.Sprintf(`<div style="%s">%s<progress style="%s"></progress>%d done · %s</div>`,
			boxStyle, title, barStyle, max(s.done, 0), seconds(s.elapsed))
	}
	done := clamp(s.done, 0, s.total)
	pct := done * 100 / s.total // rounded down: 100% only when really complete
	text := fmt.Sprintf("%d/%d (%d%%) · %s", done, s.total, pct, seconds(s.elapsed))
	if done > 0 && done < s.total {
		left := time.Duration(float64(s.elapsed) * float64(s.total-done) / float64(done))
		text += ", about " + seconds(left) + " left"
	}
	return fmt.Sprintf(`<div style="%s">%s<progress value="%d" max="%d" style="%s"></progress>%s</div>`,
		boxStyle, title, done, s.total, barStyle, html.EscapeString(text))
}

// summary is the final line without the title, e.g. "12/12 done in 3.4 s".
func summary(s state) string {
	switch {
	case s.total <= 0:
		return fmt.Sprintf("%d done in %s", max(s.done, 0), seconds(s.elapsed))
	case s.done >= s.total:
		return fmt.Sprintf("%d/%d done in %s", s.total, s.total, seconds(s.elapsed))
	default:
		return fmt.Sprintf("stopped at %d/%d after %s", max(s.done, 0), s.total, seconds(s.elapsed))
	}
}

// summaryText is the plain-text summary line written by [WithWriter].
func summaryText(s state) string {
	if s.title == "" {
		return summary(s)
	}
	return s.title + ": " + summary(s)
}

// seconds formats a duration for a reader: whole milliseconds below a
// second ("340 ms"), tenths of a second below a minute ("3.4 s"), whole
// seconds above ("2m5s").
func seconds(d time.Duration) string {
	d = max(d, 0)
	switch {
	case d.Round(time.Millisecond) < time.Second: // 999.6 ms reads "1.0 s", not "1000 ms"
		return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return d.Round(time.Second).String()
}

func clamp(v, lo, hi int) int {
	return min(max(v, lo), hi)
}
