package site

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Solution is the solution of one exercise: notebooks/solutions/<ID>.go.
type Solution struct {
	ID, Code string
}

// ReadSolutions reads every <id>.go in dir, sorted by id.
func ReadSolutions(dir string) ([]Solution, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("site: no solutions (*.go) in %s", filepath.Base(dir))
	}
	sort.Strings(paths)
	out := make([]Solution, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
		out = append(out, Solution{ID: strings.TrimSuffix(filepath.Base(p), ".go"), Code: string(b)})
	}
	return out, nil
}

// Teaching says what the instructors' page may promise beyond the lessons.
type Teaching struct {
	// Hub is true when the course's Makefile has a `make hub` target (a
	// shared Jupyter server for a class).
	Hub bool
	// Solutions are in the site (solutions.html); nil when they are not.
	Solutions []Solution
}

var instructorsPage = template.Must(template.New("instructors").Funcs(template.FuncMap{
	"duration": Duration,
	"page":     pageOf,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>For instructors: running the course for a class</title>
<style>
` + style + `
</style>
</head>
<body>
<p><a href="index.html">Course index</a></p>
<h1>For instructors: running the course for a class</h1>

<h2>What to install</h2>
<p>Each learner (or the machine the class shares) needs Go 1.26, Jupyter (which <code>make setup</code> installs where it
can) and, for the CPython side of each experiment, Python 3. The rest is one command, run from the course's folder:</p>
<ul>
<li><code>make setup</code> installs what the machine lacks: the GoNB kernel (Go in Jupyter), goimports and gopls, and Jupyter
itself when it is missing. It is safe to run twice.</li>
<li><code>make lab</code> opens the course in JupyterLab (or the classic Notebook) on localhost.</li>
{{if .Hub}}<li><code>make hub</code> serves the course to a whole class from one shared machine.</li>
{{end}}<li><code>make test</code> checks the installation: every notebook runs in quick mode and every exercise's check works.
It runs every test of the course, so give it time.</li>
</ul>
<p>Learners without CPython still run every Go cell; the CPython columns then say it was not measured.
The figures depend on the machine: a class on laptops with different core counts will see different verdicts,
which is the point of the course.</p>

<h2>How long each part takes</h2>
<p>Reading is the author's estimate; Run All is the time the notebook took to run in full mode, recorded by
<code>make notebooks</code> or <code>make html</code> on the machine named. Quick mode
(<code>CONCURRENCYLAB_QUICK=1</code>) runs in a fraction of that.</p>
<table>
<tr><th>Notebook</th><th>Reading</th><th>Run All</th><th>Exercises</th></tr>
{{range .Lessons}}<tr><td><a href="{{.Name}}.html">{{.Title}}</a></td>
<td>{{if .ReadingMinutes}}{{.ReadingMinutes}} min{{else}}not estimated yet{{end}}</td>
<td>{{if .RunSeconds}}{{duration .RunSeconds}}{{with .RunMachine}} ({{.}}){{end}}{{else}}not recorded yet{{end}}</td>
<td>{{len .Exercises}}</td></tr>
{{end}}<tr><th>The course</th><th>{{if .Plan.ReadingMinutes}}{{.Plan.ReadingMinutes}} min{{else}}not estimated yet{{end}}</th>
<th>{{if .Plan.RunSeconds}}{{duration .Plan.RunSeconds}}{{else}}not recorded yet{{end}}</th><th>{{.ExerciseCount}}</th></tr>
</table>
<p>{{if or .Plan.Unestimated .Plan.Unrecorded}}The parts known so far add up to <strong>{{duration .Plan.Total}}</strong>
of reading and running; the sums leave out what is missing.{{else}}In all, about <strong>{{duration .Plan.Total}}</strong>
of reading and running, before the exercises.{{end}}
{{with .Plan.Unestimated}}Not in the reading sum (no estimate yet): {{range $i, $f := .}}{{if $i}}, {{end}}{{$f}}{{end}}. {{end}}
{{with .Plan.Unrecorded}}Not in the Run All sum (no full run recorded yet; <code>make notebooks</code> records it): {{range $i, $f := .}}{{if $i}}, {{end}}{{$f}}{{end}}.{{end}}</p>

<h2>Exercises to assign</h2>
<p>Each exercise is a stub in its notebook followed by a check cell: the learner completes the stub and runs the check,
which says "not done yet", passes, or fails with a hint. Assign them after the section they close.</p>
{{range .Lessons}}{{if .Exercises}}<h3><a href="{{.Name}}.html">{{.Title}}</a></h3>
<ul>
{{range .Exercises}}<li><strong>{{.Title}}</strong> <span class="time">(id <code>{{.ID}}</code>, solution <code>notebooks/solutions/{{.ID}}.go</code>)</span></li>
{{end}}</ul>
{{end}}{{end}}
<h2>Solutions</h2>
<p>The solutions are in the course's folder, <code>notebooks/solutions/</code>, one file per exercise id; the notebook tests run
every check with each solution (it must pass) and with wrong solutions (racy, leaking, deadlocking, too slow: each must fail).
{{if .Solutions}}This site was built with them: <a href="solutions.html">the solutions</a>.{{else}}This site was built without them,
so that it can be given to learners; <code>make html SOLUTIONS=1</code> builds one with a solutions page.{{end}}</p>
</body>
</html>
`))

var solutionsPage = template.Must(template.New("solutions").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Solutions to the exercises</title>
<style>
` + style + `
</style>
</head>
<body>
<p><a href="index.html">Course index</a> · <a href="instructors.html">For instructors</a></p>
<h1>Solutions to the exercises</h1>
{{range .}}<h2 id="{{.ID}}">{{.ID}}</h2>
<pre><code>{{.Code}}</code></pre>
{{end}}</body>
</html>
`))

// Instructors renders the instructors' page: what to install, the
// timetable computed from the lessons' reading estimates and recorded Run
// All times, the exercises to assign (from the notebooks' cell metadata)
// and where the solutions are.
func Instructors(lessons []Lesson, t Teaching) ([]byte, error) {
	n := 0
	for _, l := range lessons {
		n += len(l.Exercises)
	}
	var b bytes.Buffer
	err := instructorsPage.Execute(&b, struct {
		Lessons       []Lesson
		Plan          Plan
		ExerciseCount int
		Hub           bool
		Solutions     []Solution
	}{lessons, PlanOf(lessons), n, t.Hub, t.Solutions})
	return b.Bytes(), err
}

// Solutions renders the solutions page.
func Solutions(sols []Solution) ([]byte, error) {
	var b bytes.Buffer
	err := solutionsPage.Execute(&b, sols)
	return b.Bytes(), err
}
