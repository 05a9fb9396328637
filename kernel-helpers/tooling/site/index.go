package site

import (
	"bytes"
	"html/template"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/course"
)

var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Concurrency, measured: the course</title>
<style>
body { font-family: sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
li { margin: 0.6em 0; }
.machine { color: #555; font-size: 0.9em; }
</style>
</head>
<body>
<h1>Concurrency, measured</h1>
<p>Processes, threads, the GIL, threads vs processes and asyncio-style alternatives: each claim of the
Python tutorials measured in Go, with real CPython beside it. Every figure on these pages was measured
when the site was built, on the machine below; rerun the notebooks to get your machine's.</p>
<ol>
{{range .Notebooks}}<li><a href="{{.Name}}.html">{{.Title}}</a> — {{.Summary}}</li>
{{end}}</ol>
<p class="machine">Built on: {{.Machine}}</p>
</body>
</html>
`))

// Index renders the site's index page: the course map, linking each
// notebook's page, and the machine the figures come from.
func Index(nbs []course.Notebook, m bench.MachineInfo) ([]byte, error) {
	var b bytes.Buffer
	err := indexPage.Execute(&b, struct {
		Notebooks []course.Notebook
		Machine   string
	}{nbs, m.String()})
	return b.Bytes(), err
}
