package notebooks_test

// The reader's view: the course opened and run in a real JupyterLab 4 (the
// course's own build, `.jupyterlab/lab`, or nothing) and in the classic
// Notebook, driven in headless Chromium. Like the other browser tests they
// skip without Chromium, Jupyter or the JupyterLab build, unless
// REQUIRE_BROWSER=1 (as .ci/run sets, after building JupyterLab).

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/quick"
	"concurrencylab/kernel-helpers/tooling/browser"
	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// TestUntrustedOpen opens every committed notebook as a reader of a fresh
// clone does: untrusted (a copy, checked against a notary database nobody
// signed anything in), without running it, in JupyterLab and in the
// classic Notebook. Every plot must show as a picture with a size and every
// Markdown output's text must be visible.
func TestUntrustedOpen(t *testing.T) {
	paths := notebookPaths(t)
	env := jupyter.ForTest(t)
	b := browser.ForTest(t)
	dir := labCourse(t, paths...)
	for _, fe := range []browser.FrontEnd{browser.Lab, browser.Classic} {
		t.Run(string(fe), func(t *testing.T) {
			view := viewer(t, b, startFrontEnd(t, env, fe, dir), fe)
			for _, p := range paths {
				t.Run(p, func(t *testing.T) {
					nb, err := nbcheck.Load(p)
					require.NoError(t, err)
					cells, err := view(p)
					require.NoError(t, err)
					assertUntrusted(t, cells)
					assert.Empty(t, browser.Unreadable(nb, cells), "what an untrusted reader misses in the %s", fe)
				})
			}
		})
	}
}

// viewer returns a function that opens a notebook of srv in the front end
// fe and reports what its cells show. In JupyterLab it loads one page and
// opens the notebooks in it one after another, as a reader does.
func viewer(t *testing.T, b *browser.Browser, srv *jupyter.Server, fe browser.FrontEnd) func(notebook string) ([]browser.CellView, error) {
	if fe == browser.Classic {
		return func(notebook string) ([]browser.CellView, error) {
			return b.View(context.Background(), srv.Page(notebook), fe)
		}
	}
	var p *browser.LabPage
	return func(notebook string) ([]browser.CellView, error) {
		if p == nil {
			var err error
			if p, err = b.OpenLab(context.Background(), srv.LabPage(notebook), 10*time.Minute); err != nil {
				return nil, err
			}
			t.Cleanup(p.Close)
		} else if err := p.Open(notebook, 2*time.Minute); err != nil {
			return nil, err
		}
		return p.StableView()
	}
}

// TestUntrustedOpenRejects proves TestUntrustedOpen can fail: the fixture
// holds, in cell 1, an inline-<svg> plot (which both front ends strip from
// an untrusted notebook) and a Markdown output without a text/plain twin
// (which the classic Notebook hides), and in cell 3 the same outputs in the
// readable form.
func TestUntrustedOpenRejects(t *testing.T) {
	const fixture = "../testdata/notebooks/unreadable.ipynb"
	env := jupyter.ForTest(t)
	b := browser.ForTest(t)
	nb, err := nbcheck.Load(fixture)
	require.NoError(t, err)
	dir := labCourse(t, fixture)
	for _, fe := range []browser.FrontEnd{browser.Lab, browser.Classic} {
		t.Run(string(fe), func(t *testing.T) {
			cells, err := viewer(t, b, startFrontEnd(t, env, fe, dir), fe)(filepath.Base(fixture))
			require.NoError(t, err)
			assertUntrusted(t, cells)
			problems := browser.Unreadable(nb, cells)
			t.Logf("%s: %q", fe, problems)
			assert.True(t, anyHasPrefix(problems, "cell 1: 1 plot(s) in the notebook, 0 shown"), "the inline <svg> is rejected")
			assert.True(t, anyHasPrefix(problems, "2 plot(s) promised"), "the promised count is checked")
			// JupyterLab renders untrusted Markdown; the classic Notebook
			// shows only its text/plain twin, which cell 1 lacks.
			assert.Equal(t, fe == browser.Classic, anyHasPrefix(problems, "cell 1 output 1:"), "the Markdown-only output")
			assert.False(t, anyHasPrefix(problems, "cell 3"), "the readable form passes")
		})
	}
}

// TestLabRunAll runs the overview in JupyterLab as a reader does, in quick
// mode: Run → Run All Cells, then the first measurement cell again and the
// compare cell.
func TestLabRunAll(t *testing.T) {
	const name = "00-overview.ipynb"
	env := jupyter.ForTest(t, quick.Env+"=1", testHistory(t))
	b := browser.ForTest(t)
	nb, err := nbcheck.Load(name)
	require.NoError(t, err)
	code, bar, measured, compare := 0, -1, -1, -1
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		code++
		src := string(c.Source)
		switch {
		case strings.Contains(src, "progress.New"):
			bar = i
		case strings.Contains(src, "history.Default()"):
			compare = i
		case measured < 0 && strings.Contains(src, "measure(") && strings.Contains(src, "display.Plot"):
			measured = i
		}
	}
	require.True(t, bar >= 0 && compare >= 0 && measured >= 0, "%s: no progress, compare or measurement cell found", name)

	srv := startFrontEnd(t, env, browser.Lab, labCourse(t, name))
	timeout := cellTimeout(t) + 2*time.Minute
	p, err := b.OpenLab(context.Background(), srv.LabPage(name), 3*timeout)
	require.NoError(t, err)
	t.Cleanup(p.Close)

	// Run All: every code cell ends ok, nothing on stderr, no error.
	require.NoError(t, p.Watch(bar))
	start, err := p.Now()
	require.NoError(t, err)
	require.NoError(t, p.Menu("Run", "Run All Cells"))
	msgs, err := p.WaitReplies(start, code, timeout)
	require.NoError(t, err, "messages: %v", msgs)
	t.Logf("Run All: %d cells in %.1f s", code, (lastOf(msgs, "execute_reply").At-start)/1000)
	assert.Equal(t, slices.Repeat([]string{"ok"}, code), replyStatuses(msgs), "how each cell ended")
	for _, m := range msgs {
		assert.False(t, m.Type == "error" || m.Stream == "stderr", "%s %s: %s", m.Type, m.Stream, m.Text)
	}
	counts, err := p.ExecutionCounts()
	require.NoError(t, err)
	for i, c := range nb.Cells {
		if c.Type == "code" {
			assert.Positive(t, counts[i], "cell %d has an execution count", i)
		}
	}

	// The plots render. GoNB may send a cell's last displays after its
	// execute_reply, so wait for them.
	cells := waitView(t, p, func(cells []browser.CellView) bool { return shownImages(cells) >= nb.Metadata.Course.Plots })
	assert.GreaterOrEqual(t, shownImages(cells), nb.Metadata.Course.Plots, "plots after Run All")
	for _, c := range cells {
		assert.Zero(t, c.EmptyImages, "cell %d: pictures without a size", c.Index)
	}
	assert.Contains(t, plotOf(t, cells, compare), "latest run (")
	assert.NotContains(t, plotOf(t, cells, compare), "run 1 (", "one run so far")

	// The progress bar: one output, drawn by display_data and redrawn in
	// place by update_display_data, that ends as the summary.
	var id string
	updates := 0
	for _, m := range msgs {
		switch {
		case m.Type == "display_data" && m.DisplayID != "" && strings.Contains(m.HTML, "<progress"):
			id = m.DisplayID
		case m.Type == "update_display_data" && m.DisplayID == id && id != "":
			updates++
		}
	}
	assert.NotEmpty(t, id, "the bar is a display with an id")
	assert.Positive(t, updates, "the bar is updated in place")
	samples, err := p.Samples()
	require.NoError(t, err)
	sawBar := false
	for _, s := range samples {
		n := 0
		for _, h := range s {
			if strings.Contains(h, "<progress") || strings.Contains(h, "done in") {
				n++
			}
			sawBar = sawBar || strings.Contains(h, "<progress")
		}
		assert.LessOrEqual(t, n, 1, "the bar is one output at all times: %q", s)
	}
	assert.True(t, sawBar, "the bar showed while the cell ran (%d samples)", len(samples))
	require.NotEmpty(t, samples)
	final := samples[len(samples)-1]
	t.Logf("progress bar: display %s, %d in-place updates, %d samples, ends as %.80q", id, updates, len(samples), final[0])
	assert.Equal(t, 1, countContaining(final, "done in"), "the bar ends as its summary: %q", final)
	assert.Zero(t, countContaining(final, "<progress"), "no bar left: %q", final)

	// Rerun the measurement, then compare: two runs.
	for _, i := range []int{measured, compare} {
		start, err := p.Now()
		require.NoError(t, err)
		require.NoError(t, p.RunCell(i))
		msgs, err := p.WaitReplies(start, 1, timeout)
		require.NoError(t, err)
		assert.Equal(t, []string{"ok"}, replyStatuses(msgs), "cell %d", i)
	}
	cells = waitView(t, p, func(cells []browser.CellView) bool {
		return strings.Contains(plotOf(t, cells, compare), "run 1 (")
	})
	t.Logf("compare plot after the rerun: %s", display.Alt([]byte(plotOf(t, cells, compare))))
	assert.Contains(t, plotOf(t, cells, compare), "run 1 (", "the first run is in the compare plot")
	assert.Contains(t, plotOf(t, cells, compare), "latest run (", "the rerun is in the compare plot")
}

// TestLabInterruptRestart: Kernel → Interrupt Kernel stops a long cell in
// under 2 s and the next cell runs; Kernel → Restart Kernel… gives a kernel
// that runs cells again. With cells queued, as during Run All, Interrupt
// lets the queued cells run and Restart drops them.
func TestLabInterruptRestart(t *testing.T) {
	env := jupyter.ForTest(t, testHistory(t))
	b := browser.ForTest(t)
	dir := t.TempDir()
	writeGoNotebook(t, filepath.Join(dir, "interrupt.ipynb"),
		"%%\nfmt.Println(\"warm\")",
		"%%\nfmt.Println(\"started\")\ndeadline := time.Now().Add(time.Minute)\nx := 0.0\n"+
			"for i := 0; time.Now().Before(deadline); i++ {\n\tx += math.Sqrt(float64(i))\n}\nfmt.Println(\"finished\", x)",
		"%%\nfmt.Println(\"after\")")
	srv := startFrontEnd(t, env, browser.Lab, dir)
	timeout := cellTimeout(t)
	p, err := b.OpenLab(context.Background(), srv.LabPage("interrupt.ipynb"), 4*timeout)
	require.NoError(t, err)
	t.Cleanup(p.Close)

	run := func(i int) []browser.Message {
		t.Helper()
		start, err := p.Now()
		require.NoError(t, err)
		require.NoError(t, p.RunCell(i))
		msgs, err := p.WaitReplies(start, 1, timeout)
		require.NoError(t, err)
		return msgs
	}
	require.Equal(t, []string{"ok"}, replyStatuses(run(0)), "the first cell runs")

	start, err := p.Now()
	require.NoError(t, err)
	require.NoError(t, p.RunCell(1))
	require.NoError(t, p.WaitFor(`window.__course.messages.some(m => m.stream === 'stdout' && m.text.includes('started') && m.at > `+
		jsNumber(start)+`)`, timeout), "the long cell started")
	clicked, err := p.Now()
	require.NoError(t, err)
	require.NoError(t, p.Menu("Kernel", "Interrupt Kernel"))
	msgs, err := p.WaitReplies(clicked, 1, 10*time.Second)
	require.NoError(t, err, "the long cell stops on Interrupt")
	stopped := lastOf(msgs, "execute_reply").At - clicked
	t.Logf("Interrupt: the cell ended %.0f ms after the click (reply %q)", stopped, replyStatuses(msgs))
	assert.Less(t, stopped, 2000.0, "ms from Kernel → Interrupt Kernel to the cell's end")
	assert.NotContains(t, streamText(msgs, "stdout"), "finished", "the loop did not run to its end")
	assert.Contains(t, streamText(run(2), "stdout"), "after", "the next cell runs after an interrupt")

	start, err = p.Now()
	require.NoError(t, err)
	require.NoError(t, p.Menu("Kernel", "Restart Kernel…"))
	require.NoError(t, p.AcceptDialog())
	require.NoError(t, p.WaitFor(`window.__course.statuses.some(s => s.status === 'restarting' && s.at > `+jsNumber(start)+`)`, timeout),
		"the kernel restarts")
	require.NoError(t, p.WaitIdle(timeout))
	restarted, err := p.Now()
	require.NoError(t, err)
	t.Logf("Restart: kernel idle %.1f s after the click", (restarted-start)/1000)
	msgs = run(2)
	assert.Equal(t, []string{"ok"}, replyStatuses(msgs))
	assert.Contains(t, streamText(msgs, "stdout"), "after", "a cell runs after a restart")
	counts, err := p.ExecutionCounts()
	require.NoError(t, err)
	assert.Equal(t, 1, counts[2], "the restarted kernel counts from 1")

	// A queue, as Run All makes: the long cell, then the next one waiting.
	// Interrupt stops only the running cell: GoNB answers it with status
	// ok, so the kernel runs the queued cell anyway (the README says so).
	queue := func() float64 {
		t.Helper()
		start, err := p.Now()
		require.NoError(t, err)
		require.NoError(t, p.RunCell(1))
		require.NoError(t, p.RunCell(2))
		require.NoError(t, p.WaitFor(`window.__course.messages.some(m => m.stream === 'stdout' && m.text.includes('started') && m.at > `+
			jsNumber(start)+`)`, timeout), "the long cell started")
		return start
	}
	start = queue()
	require.NoError(t, p.Menu("Kernel", "Interrupt Kernel"))
	msgs, err = p.WaitReplies(start, 2, timeout)
	require.NoError(t, err)
	assert.Equal(t, []string{"ok", "ok"}, replyStatuses(msgs), "GoNB ends an interrupted cell with status ok")
	assert.Contains(t, streamText(msgs, "stdout"), "after", "so the queued cell runs after an Interrupt")

	// Restart Kernel… is what stops a whole Run All: the queued cell never runs.
	start = queue()
	require.NoError(t, p.Menu("Kernel", "Restart Kernel…"))
	require.NoError(t, p.AcceptDialog())
	require.NoError(t, p.WaitFor(`window.__course.statuses.some(s => s.status === 'restarting' && s.at > `+jsNumber(start)+`)`, timeout))
	// A kernel restarted in the middle of a cell may report its status as
	// "unknown" for a while (seen once in CI); the restart itself was
	// checked above. What matters here is that the queued cell never runs.
	if err := p.WaitIdle(30 * time.Second); err != nil {
		t.Logf("the kernel restarted while busy is not idle yet: %v", err)
	}
	time.Sleep(3 * time.Second) // time enough for a queued cell that would still run
	msgs, err = p.Messages()
	require.NoError(t, err)
	assert.NotContains(t, streamText(browser.After(msgs, start), "stdout"), "after", "no queued cell runs after a restart")
}

// labCourse makes a course folder in a temporary directory whose
// notebooks/ holds copies of the given notebooks (see courseTree). It
// returns the copy's notebooks folder.
func labCourse(t *testing.T, notebooks ...string) string {
	t.Helper()
	return courseTree(t, notebooks...)
}

// startFrontEnd serves dir with the front end fe, with a notary database of
// its own (so no notebook is trusted), and stops it when t ends. For
// JupyterLab it needs the course's build: it skips without one, or fails
// when browser tests are required.
func startFrontEnd(t *testing.T, env *jupyter.Env, fe browser.FrontEnd, dir string) *jupyter.Server {
	t.Helper()
	notary := "--NotebookNotary.data_dir=" + t.TempDir()
	var srv *jupyter.Server
	var err error
	if fe == browser.Classic {
		srv, err = env.StartNotebook(context.Background(), dir, notary)
	} else {
		root, rerr := filepath.Abs("..")
		require.NoError(t, rerr)
		script := jupyter.LabScript(root)
		if cerr := jupyter.CheckLab(context.Background(), script); cerr != nil {
			if os.Getenv(browser.RequireEnv) != "1" {
				t.Skipf("skipping JupyterLab test: %v (set %s=1 to make this a failure)", cerr, browser.RequireEnv)
			}
			t.Fatalf("JupyterLab tests need the course's JupyterLab (%s=1): %v", browser.RequireEnv, cerr)
		}
		srv, err = env.StartLab(context.Background(), script, dir, t.TempDir(), notary)
	}
	require.NoError(t, err)
	t.Cleanup(func() {
		srv.Close()
		if t.Failed() {
			t.Logf("%s server log:\n%s", fe, tailLines(srv.Log(), 40))
		}
	})
	return srv
}

// assertUntrusted checks the front end opened the notebook untrusted, or
// the test would prove nothing about an untrusted reader.
func assertUntrusted(t *testing.T, cells []browser.CellView) {
	t.Helper()
	require.NotEmpty(t, cells, "no code cell on the page")
	for _, c := range cells {
		assert.False(t, c.Trusted, "cell %d is trusted", c.Index)
	}
}

// waitView measures the page until ok accepts it, for up to 30 s, and
// returns the last measure.
func waitView(t *testing.T, p *browser.LabPage, ok func([]browser.CellView) bool) []browser.CellView {
	t.Helper()
	var cells []browser.CellView
	for deadline := time.Now().Add(30 * time.Second); ; {
		var err error
		cells, err = p.View()
		require.NoError(t, err)
		if ok(cells) || time.Now().After(deadline) {
			return cells
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func shownImages(cells []browser.CellView) int {
	n := 0
	for _, c := range cells {
		n += c.Images
	}
	return n
}

// plotOf returns the SVG of the last picture cell i shows, decoded from its
// data URL.
func plotOf(t *testing.T, cells []browser.CellView, i int) string {
	t.Helper()
	const prefix = "data:image/svg+xml;base64,"
	for _, c := range cells {
		if c.Index != i {
			continue
		}
		for j := len(c.Sources) - 1; j >= 0; j-- {
			if enc, ok := strings.CutPrefix(c.Sources[j], prefix); ok {
				svg, err := base64.StdEncoding.DecodeString(enc)
				require.NoError(t, err)
				return string(svg)
			}
		}
	}
	return ""
}

func replyStatuses(msgs []browser.Message) []string {
	var s []string
	for _, m := range msgs {
		if m.Type == "execute_reply" {
			s = append(s, m.Status)
		}
	}
	return s
}

func streamText(msgs []browser.Message, name string) string {
	var b strings.Builder
	for _, m := range msgs {
		if m.Type == "stream" && m.Stream == name {
			b.WriteString(m.Text)
		}
	}
	return b.String()
}

func lastOf(msgs []browser.Message, typ string) browser.Message {
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Type == typ {
			return msgs[i]
		}
	}
	return browser.Message{}
}

func countContaining(ss []string, sub string) int {
	n := 0
	for _, s := range ss {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

func anyHasPrefix(ss []string, prefix string) bool {
	return slices.ContainsFunc(ss, func(s string) bool { return strings.HasPrefix(s, prefix) })
}

func jsNumber(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

func tailLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// writeNotebook writes a GoNB notebook with one code cell per source.
func writeGoNotebook(t *testing.T, path string, sources ...string) {
	t.Helper()
	type cell struct {
		Type     string   `json:"cell_type"`
		Count    *int     `json:"execution_count"`
		Metadata struct{} `json:"metadata"`
		Outputs  []any    `json:"outputs"`
		Source   string   `json:"source"`
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 4,
		"metadata": map[string]any{"kernelspec": map[string]string{"name": "gonb", "display_name": "Go (gonb)", "language": "go"}},
	}
	var cells []cell
	for _, s := range sources {
		cells = append(cells, cell{Type: "code", Outputs: []any{}, Source: s})
	}
	nb["cells"] = cells
	b, err := json.MarshalIndent(nb, "", " ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
}
