package browser

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/chromedp/chromedp"
)

// LabPage is a notebook open in JupyterLab, driven as a reader does: menus
// clicked, cells run. It records every message the kernel sends to the
// page, so a test can tell how each cell ended. Close it when done.
type LabPage struct {
	ctx    context.Context
	cancel func()
}

// Message is one message the kernel sent to the page.
type Message struct {
	Type string `json:"type"` // execute_reply, stream, error, display_data, update_display_data, …
	// At is when the page got it, in milliseconds of the page's clock.
	At float64 `json:"at"`
	// Status is an execute_reply's status ("ok", "error", "aborted").
	Status string `json:"status"`
	// Stream is a stream's name (stdout, stderr); Text its text.
	Stream string `json:"stream"`
	Text   string `json:"text"`
	// DisplayID is the display id of a display_data or update_display_data.
	DisplayID string `json:"displayId"`
	// HTML is the start of a display's text/html.
	HTML string `json:"html"`
}

// recorderJS keeps the kernel's messages in window.__course.messages and
// its status changes in window.__course.statuses, across kernel restarts,
// and samples cell window.__course.watch's outputs
// every 20 ms (see [LabPage.Watch]).
const recorderJS = `(() => {
	const w = jupyterapp.shell.currentWidget;
	const rec = window.__course = {messages: [], statuses: [], watch: -1, samples: []};
	const hooked = new WeakSet(); // kernelChanged may announce the same kernel again
	const hook = k => k && !hooked.has(k) && hooked.add(k) && (k.statusChanged.connect((_, s) => rec.statuses.push({status: s, at: performance.now()})),
		k.anyMessage.connect((_, a) => {
		if (a.direction !== 'recv') return;
		const m = a.msg, c = m.content || {}, d = c.data || {};
		rec.messages.push({type: m.header.msg_type, at: performance.now(), status: c.status || '',
			stream: c.name || '', text: (c.text || c.evalue || '').slice(0, 2000),
			displayId: (c.transient && c.transient.display_id) || '',
			html: String(d['text/html'] || '').slice(0, 400)});
	}));
	hook(w.sessionContext.session && w.sessionContext.session.kernel);
	w.sessionContext.kernelChanged.connect((_, c) => hook(c.newValue));
	setInterval(() => {
		if (rec.watch < 0) return;
		const outs = w.content.model.cells.get(rec.watch).outputs;
		const htmls = [];
		for (let i = 0; i < outs.length; i++) htmls.push(String(outs.get(i).data['text/html'] || ''));
		rec.samples.push(htmls);
	}, 20);
	return true;
})()`

// labIdleJS is true when the notebook's kernel is connected and idle.
const labIdleJS = `(() => { const s = jupyterapp.shell.currentWidget.sessionContext;
	const k = s && s.session && s.session.kernel;
	return !!(k && k.connectionStatus === 'connected' && k.status === 'idle'); })()`

// OpenLab opens url, a notebook page of JupyterLab, waits until the
// notebook is loaded and its kernel idle, and starts recording the
// kernel's messages. The page closes after timeout at the latest.
func (b *Browser) OpenLab(ctx context.Context, url string, timeout time.Duration) (*LabPage, error) {
	tctx, _, cancel, err := b.tab(ctx, timeout)
	if err != nil {
		return nil, err
	}
	err = chromedp.Do(tctx,
		chromedp.Navigate(url),
		pollFor(labReadyJS, 2*time.Minute),
		pollFor(labIdleJS, 2*time.Minute),
		chromedp.Evaluate[chromedp.Void](recorderJS),
	)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("browser: opening %s in JupyterLab: %w", url, err)
	}
	return &LabPage{ctx: tctx, cancel: cancel}, nil
}

// Close closes the page. The kernel keeps running until the server stops.
func (p *LabPage) Close() { p.cancel() }

// Menu clicks a menu of the menu bar, then one of its items, by their
// labels, e.g. Menu("Kernel", "Interrupt Kernel").
func (p *LabPage) Menu(menu, item string) error {
	err := chromedp.Do(p.ctx,
		chromedp.Click(`//div[contains(@class,"lm-MenuBar-itemLabel") and text()=`+xq(menu)+`]`),
		chromedp.Click(`//div[contains(@class,"lm-Menu-itemLabel") and text()=`+xq(item)+`]`),
	)
	if err != nil {
		return fmt.Errorf("browser: menu %s → %s: %w", menu, item, err)
	}
	return nil
}

// AcceptDialog clicks the accept button of the dialog on screen, such as
// Restart in "Restart Kernel?".
func (p *LabPage) AcceptDialog() error {
	if err := chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS(`.jp-Dialog-button.jp-mod-accept`))); err != nil {
		return fmt.Errorf("browser: accepting the dialog: %w", err)
	}
	return nil
}

// xq quotes s as an XPath string literal (s holds no double quote).
func xq(s string) string { return `"` + s + `"` }

// RunCell selects cell i and runs it, as Ctrl+Enter does. It does not wait
// for the cell to end: see [LabPage.WaitReplies].
func (p *LabPage) RunCell(i int) error {
	js := `(() => { const w = jupyterapp.shell.currentWidget; w.content.activeCellIndex = ` + strconv.Itoa(i) + `;
		jupyterapp.commands.execute('notebook:run-cell'); return true; })()`
	if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](js)); err != nil {
		return fmt.Errorf("browser: running cell %d: %w", i, err)
	}
	return nil
}

// InsertCell adds a code cell with source src at position i of the open
// notebook (the page's copy: nothing is saved).
func (p *LabPage) InsertCell(i int, src string) error {
	js := fmt.Sprintf(`(() => { jupyterapp.shell.currentWidget.content.model.sharedModel.insertCell(%d, {cell_type: 'code', source: %s}); return true; })()`,
		i, strconv.Quote(src))
	if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](js)); err != nil {
		return fmt.Errorf("browser: inserting a cell: %w", err)
	}
	return nil
}

// Messages returns the kernel messages recorded so far, oldest first.
func (p *LabPage) Messages() ([]Message, error) {
	m, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]Message](`window.__course.messages`))
	if err != nil {
		return nil, fmt.Errorf("browser: reading the kernel's messages: %w", err)
	}
	return m, nil
}

// Now returns the page's clock, in the unit of [Message.At].
func (p *LabPage) Now() (float64, error) {
	return chromedp.Run(p.ctx, chromedp.Evaluate[float64](`performance.now()`))
}

// WaitReplies waits until n execute_reply messages arrived after the page
// time since, and the kernel is idle, or timeout passes. It returns the
// messages since then.
func (p *LabPage) WaitReplies(since float64, n int, timeout time.Duration) ([]Message, error) {
	cond := fmt.Sprintf(`window.__course.messages.filter(m => m.type === 'execute_reply' && m.at > %f).length >= %d`, since, n)
	if err := chromedp.Do(p.ctx, pollFor(cond, timeout), pollFor(labIdleJS, timeout)); err != nil {
		ms, _ := p.Messages()
		return After(ms, since), fmt.Errorf("browser: waiting for %d cell(s) to end: %w", n, err)
	}
	ms, err := p.Messages()
	return After(ms, since), err
}

// WaitFor waits until the JavaScript expression js is true in the page.
// window.jupyterapp is the application.
func (p *LabPage) WaitFor(js string, timeout time.Duration) error {
	if err := chromedp.Do(p.ctx, pollFor(js, timeout)); err != nil {
		return fmt.Errorf("browser: waiting for %s: %w (kernel: %s; page: %s)", js, err, p.kernelState(), diagnose(context.Background(), p.ctx))
	}
	return nil
}

// kernelState describes the kernel and its last status changes, for an
// error message.
func (p *LabPage) kernelState() string {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(p.ctx), 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = jupyterapp.shell.currentWidget.sessionContext;
		const k = s && s.session && s.session.kernel;
		return JSON.stringify({status: k && k.status, connection: k && k.connectionStatus,
			last: window.__course.statuses.slice(-6).map(x => x.status)}); })()`))
	if err != nil {
		return "unknown: " + err.Error()
	}
	return s
}

// WaitIdle waits until the kernel is connected and idle.
func (p *LabPage) WaitIdle(timeout time.Duration) error { return p.WaitFor(labIdleJS, timeout) }

// Watch samples the outputs of cell i every 20 ms from now on: the text/html
// of each output, as the notebook model holds them. Samples returns them.
func (p *LabPage) Watch(i int) error {
	_, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`(window.__course.watch = `+strconv.Itoa(i)+`) >= 0`))
	return err
}

// Samples returns what [LabPage.Watch] sampled: per sample, the text/html
// of each output of the watched cell.
func (p *LabPage) Samples() ([][]string, error) {
	return chromedp.Run(p.ctx, chromedp.Evaluate[[][]string](`window.__course.samples`))
}

// View measures what each code cell's outputs show now (see [Browser.View]).
func (p *LabPage) View() ([]CellView, error) {
	cells, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]CellView](labViewJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("browser: reading the notebook: %w", err)
	}
	return cells, nil
}

// StableView is [LabPage.View] once renderers have finished: it measures
// until two measures half a second apart agree, for at most 5 s.
func (p *LabPage) StableView() ([]CellView, error) { return stableView(p.ctx, labViewJS) }

// Open replaces the notebook on screen with the notebook at path (relative
// to the server's folder), as File → Open would: the one on screen is
// closed without saving and its kernel shut down. It waits until the new
// notebook is loaded.
func (p *LabPage) Open(path string, timeout time.Duration) error {
	js := `(async () => { const w = jupyterapp.shell.currentWidget;
		if (w && w.context) { w.context.model.dirty = false; await w.sessionContext.shutdown(); w.dispose(); }
		await jupyterapp.commands.execute('docmanager:open', {path: ` + strconv.Quote(path) + `}); return true; })()`
	ready := `(() => { const w = jupyterapp.shell.currentWidget; return !!(w && w.context && w.context.path === ` +
		strconv.Quote(path) + ` && w.context.isReady && w.content.widgets.length > 0); })()`
	_, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise))
	if err == nil {
		err = chromedp.Do(p.ctx, pollFor(ready, timeout))
	}
	if err != nil {
		return fmt.Errorf("browser: opening %s in JupyterLab: %w (page: %s)", path, err, diagnose(context.Background(), p.ctx))
	}
	return nil
}

// ExecutionCounts returns each cell's execution count, -1 for a cell that
// has none (not run, or not a code cell).
func (p *LabPage) ExecutionCounts() ([]int, error) {
	return chromedp.Run(p.ctx, chromedp.Evaluate[[]int](`jupyterapp.shell.currentWidget.content.widgets.map(c =>
		c.model.type === 'code' && typeof c.model.executionCount === 'number' ? c.model.executionCount : -1)`))
}

// After returns the messages that arrived after the page time since.
func After(ms []Message, since float64) []Message {
	var out []Message
	for _, m := range ms {
		if m.At > since {
			out = append(out, m)
		}
	}
	return out
}

// pollFor waits until the JavaScript expression is true, or timeout passes.
func pollFor(expr string, timeout time.Duration) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Poll[bool](expr, chromedp.WithPollingInterval(100*time.Millisecond),
			chromedp.WithPollingTimeout(timeout))(ctx, t)
		return chromedp.Void{}, err
	}
}
