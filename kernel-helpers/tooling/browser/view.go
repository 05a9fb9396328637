package browser

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
)

// FrontEnd is a live notebook front end the package can read.
type FrontEnd string

// The front ends: JupyterLab 4 and the classic Notebook 6.
const (
	Lab     FrontEnd = "JupyterLab"
	Classic FrontEnd = "classic Notebook"
)

// CellView is what a code cell's outputs show on a live notebook page.
type CellView struct {
	// Index is the cell's position in the notebook, counting every cell.
	Index int `json:"index"`
	// Trusted is the front end's own verdict on the cell's outputs.
	Trusted bool `json:"trusted"`
	// Images counts the pictures in the outputs (an <img> that loaded, or
	// an inline <svg>) drawn with a non-zero size; EmptyImages those drawn
	// with none, or an <img> that failed to load.
	Images      int `json:"images"`
	EmptyImages int `json:"empty"`
	// Text is the outputs' visible text, as the reader sees it (innerText).
	Text string `json:"text"`
	// Sources are the src of each <img> in the outputs.
	Sources []string `json:"sources"`
}

// measureJS defines measure(index, trusted, area): the CellView of the
// output area element area. Output areas are .jp-OutputArea-output in
// JupyterLab and .output_subarea in the classic Notebook.
const measureJS = `
const measure = (index, trusted, area) => {
	const outs = [...area.querySelectorAll('.jp-OutputArea-output, .output_subarea')];
	const pics = outs.flatMap(o => [...o.querySelectorAll('img, svg')]).filter(e => !e.parentElement.closest('svg'));
	const sized = pics.filter(e => {
		const r = e.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && (e.tagName !== 'IMG' || (e.complete && e.naturalWidth > 0));
	});
	return {index, trusted: !!trusted, images: sized.length, empty: pics.length - sized.length,
		text: outs.map(o => o.innerText).join('\n'),
		sources: outs.flatMap(o => [...o.querySelectorAll('img')]).map(i => i.getAttribute('src') || '')};
};
const frames = n => new Promise(r => { const f = k => k ? requestAnimationFrame(() => f(k - 1)) : r(); f(n); });
const loaded = area => Promise.all([...area.querySelectorAll('img')].map(i => i.decode().catch(() => {})));
`

// labReadyJS is true once JupyterLab shows a notebook whose file is loaded.
const labReadyJS = `(() => { const w = window.jupyterapp && jupyterapp.shell && jupyterapp.shell.currentWidget;
	return !!(w && w.context && w.context.isReady && w.content && w.content.widgets && w.content.widgets.length > 0); })()`

// labViewJS scrolls to each code cell of the current notebook (JupyterLab
// may not draw cells out of view) and measures its outputs.
const labViewJS = `(async () => {` + measureJS + `
	const nb = jupyterapp.shell.currentWidget.content;
	const cells = [];
	for (let i = 0; i < nb.widgets.length; i++) {
		const cell = nb.widgets[i];
		if (cell.model.type !== 'code') continue;
		if (nb.scrollToItem) await nb.scrollToItem(i, 'start'); else cell.node.scrollIntoView();
		await frames(3);
		await loaded(cell.outputArea.node);
		cells.push(measure(i, cell.model.trusted, cell.outputArea.node));
	}
	return cells;
})()`

// classicReadyJS is true once the classic Notebook has loaded the notebook.
const classicReadyJS = `!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded)`

const classicViewJS = `(async () => {` + measureJS + `
	const cells = [];
	const all = Jupyter.notebook.get_cells();
	for (let i = 0; i < all.length; i++) {
		const cell = all[i];
		if (cell.cell_type !== 'code') continue;
		cell.element[0].scrollIntoView();
		await frames(2);
		const area = cell.output_area.element[0];
		await loaded(area);
		cells.push(measure(i, Jupyter.notebook.trusted, area));
	}
	return cells;
})()`

// View opens url, a notebook page of the front end fe, as a reader would
// and reports what each code cell's outputs show, without running
// anything. It does not save the notebook.
//
// Open a JupyterLab page only once per server and browser: to read another
// notebook there, use [LabPage.Open] and [LabPage.StableView]. (A second
// JupyterLab page, even in a new workspace, may come up on a "Path Not
// Found" dialog instead of the notebook.)
func (b *Browser) View(ctx context.Context, url string, fe FrontEnd) ([]CellView, error) {
	tctx, _, cancel, err := b.tab(ctx, 2*time.Minute)
	if err != nil {
		return nil, err
	}
	defer cancel()
	ready, view := labReadyJS, labViewJS
	if fe == Classic {
		ready, view = classicReadyJS, classicViewJS
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(url), pollFor(ready, time.Minute)); err != nil {
		return nil, fmt.Errorf("browser: opening %s in the %s: %w (page: %s)", url, fe, err, diagnose(ctx, tctx))
	}
	return stableView(tctx, view)
}

// stableView measures the page with the script view until two measures
// half a second apart agree (renderers finish after the model is ready),
// for at most 5 s, and returns the last.
func stableView(tctx context.Context, view string) ([]CellView, error) {
	var last []CellView
	for range 10 {
		cells, err := chromedp.Run(tctx, chromedp.Evaluate[[]CellView](view, chromedp.EvalAwaitPromise))
		if err != nil {
			return nil, fmt.Errorf("browser: reading the notebook: %w", err)
		}
		if last != nil && sameView(last, cells) {
			return cells, nil
		}
		last = cells
		if err := chromedp.Do(tctx, chromedp.Sleep(500*time.Millisecond)); err != nil {
			return nil, err
		}
	}
	return last, nil
}

func sameView(a, b []CellView) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Images != b[i].Images || a[i].EmptyImages != b[i].EmptyImages || a[i].Text != b[i].Text {
			return false
		}
	}
	return true
}

// diagnoseJS says what a page shows, for an error message: its address,
// title, JupyterLab's current tab and any dialog.
const diagnoseJS = `JSON.stringify({url: location.href, title: document.title,
	widget: (window.jupyterapp && jupyterapp.shell && jupyterapp.shell.currentWidget) ? jupyterapp.shell.currentWidget.title.label : null,
	dialog: [...document.querySelectorAll('.jp-Dialog, .modal-dialog')].map(d => d.innerText.slice(0, 300))})`

// diagnose describes the page of tab tctx, whose own deadline may have
// passed: it gets 5 s of ctx.
func diagnose(ctx context.Context, tctx context.Context) string {
	dctx, cancel := context.WithTimeout(context.WithoutCancel(tctx), 5*time.Second)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	s, err := chromedp.Run(dctx, chromedp.Evaluate[string](diagnoseJS))
	if err != nil {
		return "unknown: " + err.Error()
	}
	return s
}
