// Package progress shows a progress bar for long notebook cells, such as a
// sweep over worker counts or many timed repetitions, so the reader sees the
// cell is alive and roughly how long it still needs.
//
// In a GoNB notebook the bar is one HTML output block that is redrawn in place
// with [gonbui.UpdateHTML]; when the work ends, [Bar.Done] replaces the bar
// with a one-line summary such as "sweep: 12/12 done in 3.4 s". Because the
// block is updated rather than appended to, the saved notebook (and the HTML
// exported from it) keeps only that clean summary. The HTML is plain elements
// with inline styles, no JavaScript, so JupyterLab, the classic Notebook and
// exported pages all show it the same way.
//
// Redrawing costs a message to the front-end, so updates are throttled to at
// most 10 a second; the throttle is checked on each call, so the package
// starts no goroutine and nothing is left running when a cell ends.
//
// Outside a notebook (tests, go run) the bar is silent unless [WithWriter]
// asks for a plain-text summary line.
//
//	p := progress.New("sweep", len(workerCounts))
//	for _, w := range workerCounts {
//		run(w)
//		p.Add(1)
//	}
//	p.Done()
package progress
