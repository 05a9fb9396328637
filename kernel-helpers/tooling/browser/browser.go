package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ErrMissing reports that no Chromium or Chrome is installed. Tests skip on
// it unless browser checks are required.
var ErrMissing = errors.New("browser: no Chromium found (install Debian's chromium, or set CHROME to a Chrome binary)")

// Find returns the path of a Chromium or Chrome binary: $CHROME if set,
// else the first of chromium, chromium-browser, google-chrome on PATH.
func Find() (string, error) {
	if p := os.Getenv("CHROME"); p != "" {
		return exec.LookPath(p)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrMissing
}

// Browser is one headless Chromium. Close it when done.
type Browser struct {
	ctx    context.Context // a browser context: new tabs are made from it
	cancel func()
}

// New starts a headless Chromium with a fresh profile.
func New(ctx context.Context) (*Browser, error) {
	path, err := Find()
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1200, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		cancelBrowser()
		cancelAlloc()
		return nil, fmt.Errorf("browser: starting %s: %w", path, err)
	}
	return &Browser{ctx: bctx, cancel: func() { cancelBrowser(); cancelAlloc() }}, nil
}

// Close stops Chromium and removes its profile.
func (b *Browser) Close() { b.cancel() }

// tab opens a new tab that records every URL the page requests. The tab
// closes when ctx ends, timeout passes or cancel is called.
func (b *Browser) tab(ctx context.Context, timeout time.Duration) (tctx context.Context, requests func() []string, cancel func(), err error) {
	tctx, cancelTab := chromedp.NewContext(b.ctx)
	stop := context.AfterFunc(ctx, cancelTab)
	var mu sync.Mutex
	var urls []string
	err = chromedp.Listen(tctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			urls = append(urls, e.Request.URL)
			mu.Unlock()
		}
	})
	if err == nil {
		_, err = chromedp.Call(tctx, network.Enable, network.EnableParams{})
	}
	tctx, cancelTimeout := context.WithTimeout(tctx, timeout)
	cancel = func() { cancelTimeout(); stop(); cancelTab() }
	if err != nil {
		cancel()
		return nil, nil, nil, fmt.Errorf("browser: opening a tab: %w", err)
	}
	requests = func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), urls...)
	}
	return tctx, requests, cancel, nil
}

// Report is what a page showed.
type Report struct {
	// Plots counts the SVG elements in cell outputs drawn with a non-zero
	// size; EmptyPlots those drawn with none (a plot that failed to render).
	Plots, EmptyPlots int
	// Placeholders lists loading or error texts visible on the page.
	Placeholders []string
	// Errors lists error outputs of cells, such as a panic on stderr.
	Errors []string
	// Outside lists requests the page made outside base (see [Browser.Inspect]).
	Outside []string
}

// inspectJS measures the page. Output areas are .jp-OutputArea-output in
// pages exported by nbconvert's lab template and .output_area in the live
// classic Notebook.
const inspectJS = `(() => {
	// A plot is an inline <svg>, or an <img> of an SVG data URL (the form
	// that renders in an untrusted notebook); an image that failed to
	// decode has no natural width.
	const out = '.jp-OutputArea-output, .output_area';
	const svgs = [...document.querySelectorAll(out.split(', ').flatMap(o => [o + ' svg', o + ' img[src^="data:image/svg+xml"]']).join(', '))]
		.filter(s => !s.parentElement.closest('svg'));
	const sized = svgs.filter(s => {
		const r = s.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && (s.tagName !== 'IMG' || (s.complete && s.naturalWidth > 0));
	});
	const text = document.body ? document.body.innerText : '';
	const placeholders = ['Loading...', 'Error rendering', 'Javascript Error', 'Error loading', '[MathJax]']
		.filter(p => text.includes(p));
	const errors = [...document.querySelectorAll('.output_error, .output_stderr, [data-mime-type="application/vnd.jupyter.stderr"]')]
		.map(e => e.innerText.trim()).filter(t => /panic:|exit status|error/i.test(t)).map(t => t.slice(0, 200));
	return {plots: sized.length, empty: svgs.length - sized.length, placeholders, errors};
})()`

type inspected struct {
	Plots        int      `json:"plots"`
	Empty        int      `json:"empty"`
	Placeholders []string `json:"placeholders"`
	Errors       []string `json:"errors"`
}

func (in inspected) report() Report {
	r := Report{Plots: in.Plots, EmptyPlots: in.Empty}
	if len(in.Placeholders) > 0 {
		r.Placeholders = in.Placeholders
	}
	if len(in.Errors) > 0 {
		r.Errors = in.Errors
	}
	return r
}

// Inspect opens url and reports what rendered. Requests to URLs that do
// not start with base, other than data: URLs, are listed in Outside: for a
// self-contained site, base is the site folder's file:// URL.
func (b *Browser) Inspect(ctx context.Context, url, base string) (Report, error) {
	tctx, requests, cancel, err := b.tab(ctx, time.Minute)
	if err != nil {
		return Report{}, err
	}
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return Report{}, fmt.Errorf("browser: opening %s: %w", url, err)
	}
	got, err := chromedp.Run(tctx, chromedp.Evaluate[inspected](inspectJS))
	if err != nil {
		return Report{}, fmt.Errorf("browser: inspecting %s: %w", url, err)
	}
	r := got.report()
	for _, u := range requests() {
		if !strings.HasPrefix(u, base) && !strings.HasPrefix(u, "data:") {
			r.Outside = append(r.Outside, u)
		}
	}
	return r, nil
}

// RunAll opens a notebook page of a classic Jupyter Notebook server, waits
// for its kernel, clicks Cell → Run All as a reader would, and waits until
// every code cell has run (or timeout passes). It then reports what the
// page shows.
func (b *Browser) RunAll(ctx context.Context, url string, timeout time.Duration) (Report, error) {
	tctx, _, cancel, err := b.tab(ctx, timeout)
	if err != nil {
		return Report{}, err
	}
	defer cancel()
	const kernelReady = `!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())`
	// Run All is done when every code cell shows a prompt number: the
	// classic Notebook shows In [*] while a cell waits or runs.
	const finished = `(() => { const n = Jupyter.notebook;
		const code = n.get_cells().filter(c => c.cell_type === 'code');
		return !n.kernel_busy && document.querySelectorAll('.cell.running').length === 0 &&
			code.every(c => typeof c.input_prompt_number === 'number'); })()`
	err = chromedp.Do(tctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible("#notebook-container .cell"),
		poll(kernelReady),
		// No autosave: the page must not write to the notebook file. Clear
		// the committed outputs, so that any plot found afterwards is one
		// this run drew.
		chromedp.Evaluate[chromedp.Void](`Jupyter.notebook.set_autosave_interval(0); Jupyter.notebook.clear_all_output()`),
		poll(`document.querySelectorAll('.output_area').length === 0`),
		chromedp.Click("#celllink"),
		chromedp.Click("#run_all_cells > a"),
		poll(finished),
	)
	if err != nil {
		return Report{}, fmt.Errorf("browser: running %s: %w", url, err)
	}
	got, err := chromedp.Run(tctx, chromedp.Evaluate[inspected](inspectJS))
	if err != nil {
		return Report{}, fmt.Errorf("browser: inspecting %s: %w", url, err)
	}
	return got.report(), nil
}

// poll waits until the JavaScript expression is true.
func poll(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Poll[bool](expr, chromedp.WithPollingInterval(250*time.Millisecond))(ctx, t)
		return chromedp.Void{}, err
	}
}
