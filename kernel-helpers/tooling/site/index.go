package site

import (
	"bytes"
	"html/template"
	"strings"

	"concurrencylab/kernel-helpers/bench"
)

// style is shared by the pages the site writes itself (the index, the
// instructors' page, the solutions).
const style = `body { font-family: sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
li { margin: 0.6em 0; }
.machine, .time { color: #555; font-size: 0.9em; }
.ledger { background: #f4f6f8; border: 1px solid #dde3e8; border-radius: 4px; padding: 0.5em 1em; }
.objectives { margin: 0.2em 0; font-size: 0.95em; }
.objectives li { margin: 0.1em 0; }
table { border-collapse: collapse; }
th, td { border: 1px solid #dde3e8; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
pre { background: #f4f6f8; padding: 0.6em; overflow-x: auto; }`

var indexPage = template.Must(template.New("index").Funcs(template.FuncMap{"page": pageOf}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Concurrency, measured: the course</title>
<style>
` + style + `
</style>
</head>
<body>
<h1>Concurrency, measured</h1>
<p>Processes, threads, the GIL, threads vs processes and asyncio-style alternatives: each claim of the
Python tutorials measured in Go, with real CPython beside it. Every figure on these pages was measured
when the site was built, on the machine below; rerun the notebooks to get your machine's.</p>
{{with .Ledger}}<p class="ledger"><strong>The tutorials on trial:</strong> <a href="{{.Name}}.html">{{.Title}}</a>, every claim
of the five tutorials with this machine's figures and its verdict, in one table.</p>
{{end}}{{with .Cheatsheet}}<p class="ledger"><strong>Coming from Python?</strong> <a href="{{.Name}}.html">{{.Title}}</a>, each
Python construct beside its Go counterpart, when to use it and the section that measures it.</p>
{{end}}<p class="ledger"><strong>Teaching this course?</strong> <a href="instructors.html">For instructors</a>: what to install,
how long each part takes, which exercises to assign and where the solutions are.</p>
<ol>
{{range .Lessons}}<li><a href="{{.Name}}.html">{{.Title}}</a> — {{.Summary}}
<div class="time">{{.Time}}{{with .Prerequisites}} · before it: {{range $i, $p := .}}{{if $i}}, {{end}}<a href="{{page $p}}.html">{{page $p}}</a>{{end}}{{end}}</div>
{{with .Objectives}}<ul class="objectives">{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}
</li>
{{end}}</ol>
<p class="machine">Built on: {{.Machine}}</p>
</body>
</html>
`))

// pageOf turns a notebook file name into its page's name:
// "01-processes.ipynb" → "01-processes".
func pageOf(file string) string { return strings.TrimSuffix(file, ".ipynb") }

// Index renders the site's index page: the course map, linking each
// notebook's page, with its time (reading estimate and recorded Run All),
// prerequisites and objectives; above it links to the ledger notebook's page
// (the notebook whose name ends in "-ledger"), the cheat sheet's (ending in
// "-cheatsheet"), when there are ones, and the instructors' page; below it
// the machine the figures come from.
func Index(lessons []Lesson, m bench.MachineInfo) ([]byte, error) {
	var b bytes.Buffer
	err := indexPage.Execute(&b, struct {
		Lessons            []Lesson
		Ledger, Cheatsheet *Lesson
		Machine            string
	}{lessons, bySuffix(lessons, "-ledger"), bySuffix(lessons, "-cheatsheet"), m.String()})
	return b.Bytes(), err
}

// bySuffix returns the last lesson whose name ends in suffix, or nil.
func bySuffix(lessons []Lesson, suffix string) *Lesson {
	var found *Lesson
	for i := range lessons {
		if strings.HasSuffix(lessons[i].Name(), suffix) {
			found = &lessons[i]
		}
	}
	return found
}
