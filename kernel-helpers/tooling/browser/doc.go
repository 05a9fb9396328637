// Package browser looks at the course the way a reader does: in a real
// Chromium, headless. It checks that a page of the HTML site rendered its
// plots (SVG elements of non-zero size), shows no loading or error
// placeholder and asked for nothing outside the site; and it drives the
// classic Jupyter Notebook like a reader: open a notebook, Cell → Run All,
// wait for a plot to appear.
//
// It talks to Chromium over the DevTools protocol with
// github.com/chromedp/chromedp. Chromium is started with the flags this
// machine kind needs offline: no background networking, no component
// updates, no sync, a fresh profile.
package browser
