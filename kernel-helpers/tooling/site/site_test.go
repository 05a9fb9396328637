package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/course"
	"concurrencylab/kernel-helpers/tooling/site"
)

// nbconvertPage has the shape of a page Debian's nbconvert 6.5 writes.
const nbconvertPage = `<!DOCTYPE html><html><head>
<script src="file:///usr/share/javascript/requirejs/require.min.js"></script>
<script type="text/x-mathjax-config">MathJax.Hub.Config({tex2jax: {}});</script>
<script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/MathJax.js"></script>
<style>/* https://github.com/jupyter/jupyterlab/issues/522 */ body {}</style>
<script>var kept = 1;</script>
</head>
<body class="jp-Notebook">
<div><svg width="10" height="10"></svg></div>
</body></html>`

func TestPage(t *testing.T) {
	prev := &course.Notebook{File: "00-overview.ipynb", Title: "Overview"}
	next := &course.Notebook{File: "02-threads.ipynb", Title: "Threads & <memory>"}
	require.NotEmpty(t, site.External([]byte(nbconvertPage)), "the fixture must hold external references")

	page, err := site.Page([]byte(nbconvertPage), prev, next)
	require.NoError(t, err)
	s := string(page)
	assert.Empty(t, site.External(page), "a page references nothing outside the site")
	assert.NotContains(t, s, "MathJax")
	assert.Contains(t, s, "var kept = 1;", "scripts of the page itself stay")
	assert.Equal(t, 2, strings.Count(s, `<nav class="course-nav"`), "navigation at the top and the bottom")
	assert.Contains(t, s, `<a href="00-overview.html">← Overview</a>`)
	assert.Contains(t, s, `<a href="02-threads.html">Threads &amp; &lt;memory&gt; →</a>`)
	assert.Less(t, strings.Index(s, "<body"), strings.Index(s, "course-nav"))
	assert.Contains(t, s, "<svg", "content kept")

	_, err = site.Page([]byte("<html>no body</html>"), nil, nil)
	assert.Error(t, err)
}

func TestExternal(t *testing.T) {
	page := `<img src="https://example.org/a.png"><link rel="stylesheet" href="//cdn.example.org/x.css">
<script src="file:///usr/share/javascript/x.js"></script><img alt="ok" src="data:image/svg+xml;base64,AA">
<a href="https://docs.python.org/3/library/threading.html">threading</a> <a href="02-threads.html#x">02</a>`
	assert.Equal(t, []string{"https://example.org/a.png", "//cdn.example.org/x.css", "file:///usr/share/javascript/x.js"},
		site.External([]byte(page)), "what a browser loads; links to documentation are not loaded")
}

func TestPageAtTheEnds(t *testing.T) {
	page, err := site.Page([]byte(nbconvertPage), nil, nil)
	require.NoError(t, err)
	assert.NotContains(t, string(page), "←")
	assert.NotContains(t, string(page), "→")
	assert.Contains(t, string(page), `href="index.html"`)
}

func TestIndex(t *testing.T) {
	lessons := []site.Lesson{
		{Notebook: course.Notebook{File: "00-overview.ipynb", Title: "Overview", Summary: "Start here."}},
		{
			Notebook:       course.Notebook{File: "01-processes.ipynb", Title: "Processes", Summary: "Own memory <and> PIDs."},
			Objectives:     []string{"Measure what starting a process costs", "Explain why a child's memory is its own"},
			Prerequisites:  []string{"00-overview.ipynb"},
			ReadingMinutes: 25,
			RunSeconds:     204,
			RunMachine:     "2 cores, Go 1.26.8",
		},
	}
	page, err := site.Index(lessons, bench.MachineInfo{CPU: "Test CPU", LogicalCores: 2, GOMAXPROCS: 2, GoVersion: "go1.26", OS: "linux", Arch: "amd64"})
	require.NoError(t, err)
	s := string(page)
	assert.Less(t, strings.Index(s, `href="00-overview.html"`), strings.Index(s, `href="01-processes.html"`), "course order")
	assert.Contains(t, s, "Own memory &lt;and&gt; PIDs.")
	assert.Contains(t, s, "Test CPU")
	assert.Empty(t, site.External(page))
	assert.NotContains(t, s, `06-ledger.html`, "no ledger notebook, no ledger link")
	assert.NotContains(t, s, `cheatsheet`, "no cheat sheet, no link")
	assert.Contains(t, s, `<a href="instructors.html">For instructors</a>`)

	assert.Contains(t, s, "reading 25 min · Run All 3 min (2 cores, Go 1.26.8)")
	assert.Contains(t, s, "reading time not estimated yet · Run All not recorded yet", "the overview sets neither")
	assert.Contains(t, s, `before it: <a href="00-overview.html">00-overview</a>`)
	assert.Contains(t, s, "<li>Measure what starting a process costs</li>")

	lessons = append(lessons,
		site.Lesson{Notebook: course.Notebook{File: "06-ledger.ipynb", Title: "The tutorials on trial: the ledger", Summary: "Every claim."}},
		site.Lesson{Notebook: course.Notebook{File: "07-cheatsheet.ipynb", Title: "From Python to Go", Summary: "A map."}})
	page, err = site.Index(lessons, bench.MachineInfo{})
	require.NoError(t, err)
	s = string(page)
	assert.Contains(t, s, `<a href="06-ledger.html">The tutorials on trial: the ledger</a>, every claim`)
	assert.Contains(t, s, `<a href="07-cheatsheet.html">From Python to Go</a>, each`)
	assert.Less(t, strings.Index(s, `06-ledger.html`), strings.Index(s, "<ol>"), "the ledger link comes before the course map")
}

func TestPageLinksNotebooksToPages(t *testing.T) {
	in := strings.Replace(nbconvertPage, "<svg", `<a href="02-threads.ipynb#The-race-detector">02</a> <a href="https://docs.python.org/3/x.ipynb">py</a><svg`, 1)
	page, err := site.Page([]byte(in), nil, nil)
	require.NoError(t, err)
	assert.Contains(t, string(page), `<a href="02-threads.html#The-race-detector">02</a>`)
	assert.Contains(t, string(page), `https://docs.python.org/3/x.ipynb`, "links outside the course are kept")
}

func TestDuration(t *testing.T) {
	for secs, want := range map[int]string{0: "0 s", 59: "59 s", 60: "1 min", 89: "1 min", 90: "2 min", 3599: "1 h 00 min", 3600 + 5*60: "1 h 05 min"} {
		assert.Equal(t, want, site.Duration(secs), "%d s", secs)
	}
}

func TestBrokenLinks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	write("index.html", `<a href="02-threads.html">02</a> <a href="02-threads.html#4.-Three-fixes">fixes</a> <a href="#top">top</a><h1 id="top">x</h1>`)
	write("02-threads.html", `<h2 id="4.-Three-fixes">4. Three fixes</h2><h2 id="6.-Threads-cannot-be-killed,-only-asked-to-stop">6</h2>
<h2 id="a-%E2%86%92-select">a → select</h2><a href="index.html">index</a>
<a href="#6.-Threads-cannot-be-killed%2C-only-asked-to-stop">decoded</a> <a href="#a-%E2%86%92-select">as written</a>
<a href="https://go.dev/ref/mem#x">outside</a>`)
	broken, err := site.BrokenLinks(dir)
	require.NoError(t, err)
	assert.Empty(t, broken)

	write("07-cheatsheet.html", `<a href="02-threads.html#5.-Deadlocks">dead</a> <a href="09-none.html">none</a>`)
	broken, err = site.BrokenLinks(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"07-cheatsheet.html: links to 02-threads.html#5.-Deadlocks, which has no such id",
		"07-cheatsheet.html: links to 09-none.html, which the site does not have",
	}, broken)
}
