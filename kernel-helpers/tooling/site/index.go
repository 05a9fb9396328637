package site

import (
	"bytes"
	"html/template"
	"strings"

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
.ledger { background: #f4f6f8; border: 1px solid #dde3e8; border-radius: 4px; padding: 0.5em 1em; }
</style>
</head>
<body>
<h1>Concurrency, measured</h1>
<p>Processes, threads, the GIL, threads vs processes and asyncio-style alternatives: each claim of the
Python tutorials measured in Go, with real CPython beside it. Every figure on these pages was measured
when the site was built, on the machine below; rerun the notebooks to get your machine's.</p>
{{with .Ledger}}<p class="ledger"><strong>The tutorials on trial:</strong> <a href="{{.Name}}.html">{{.Title}}</a>, every claim
of the five tutorials with this machine's figures and its verdict, in one table.</p>
{{end}}<ol>
{{range .Notebooks}}<li><a href="{{.Name}}.html">{{.Title}}</a> — {{.Summary}}</li>
{{end}}</ol>
<p class="machine">Built on: {{.Machine}}</p>
</body>
</html>
`))

// Index renders the site's index page: the course map, linking each
// notebook's page, a link to the ledger notebook's page above it (the
// notebook whose name ends in "-ledger", when there is one), and the
// machine the figures come from.
func Index(nbs []course.Notebook, m bench.MachineInfo) ([]byte, error) {
	var ledger *course.Notebook
	for i := range nbs {
		if strings.HasSuffix(nbs[i].Name(), "-ledger") {
			ledger = &nbs[i]
		}
	}
	var b bytes.Buffer
	err := indexPage.Execute(&b, struct {
		Notebooks []course.Notebook
		Ledger    *course.Notebook
		Machine   string
	}{nbs, ledger, m.String()})
	return b.Bytes(), err
}
