package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/course"
	"concurrencylab/kernel-helpers/tooling/site"
)

// lessonNotebook has the course metadata of a finished notebook and two
// exercises, one titled in its metadata, one by its section's heading.
const lessonNotebook = `{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# Processes\n"]},
  {"cell_type": "markdown", "metadata": {}, "source": ["## Exercise 01.1: ask a child process\n", "Do it."]},
  {"cell_type": "code", "metadata": {"concurrencylab": {"exercise": {"id": "01-child-double", "role": "stub"}}}, "outputs": [], "source": "x"},
  {"cell_type": "code", "metadata": {"concurrencylab": {"exercise": {"id": "01-child-double", "role": "check"}}}, "outputs": [], "source": "y"},
  {"cell_type": "markdown", "metadata": {}, "source": "## Another"},
  {"cell_type": "code", "metadata": {"concurrencylab": {"exercise": {"id": "01-run-with-limit", "role": "stub", "title": "Stop a child that runs too long"}}}, "outputs": [], "source": "z"}
 ],
 "metadata": {"concurrencylab": {
   "summary": "Own memory.", "plots": 2,
   "objectives": ["Measure a start", "Explain a copy"],
   "prerequisites": ["00-overview.ipynb"],
   "reading_minutes": 25, "run_seconds": 204, "run_machine": "2 cores, Go 1.26.8"}},
 "nbformat": 4, "nbformat_minor": 5
}`

func writeNotebook(t *testing.T, name, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	return p
}

func TestReadLessons(t *testing.T) {
	p := writeNotebook(t, "01-processes.ipynb", lessonNotebook)
	got, err := site.ReadLessons([]string{p})
	require.NoError(t, err)
	require.Equal(t, []site.Lesson{{
		Notebook:       course.Notebook{File: "01-processes.ipynb", Title: "Processes", Summary: "Own memory."},
		Objectives:     []string{"Measure a start", "Explain a copy"},
		Prerequisites:  []string{"00-overview.ipynb"},
		ReadingMinutes: 25,
		RunSeconds:     204,
		RunMachine:     "2 cores, Go 1.26.8",
		Exercises: []site.Exercise{
			{ID: "01-child-double", Title: "Exercise 01.1: ask a child process"},
			{ID: "01-run-with-limit", Title: "Stop a child that runs too long"},
		},
	}}, got)
	assert.Equal(t, "reading 25 min · Run All 3 min (2 cores, Go 1.26.8)", got[0].Time())

	bare := writeNotebook(t, "00-a.ipynb", `{"cells": [{"cell_type": "markdown", "source": "# A"}], "metadata": {"concurrencylab": {"summary": "s"}}}`)
	got, err = site.ReadLessons([]string{bare})
	require.NoError(t, err)
	assert.Equal(t, "reading time not estimated yet · Run All not recorded yet", got[0].Time())

	_, err = site.ReadLessons([]string{writeNotebook(t, "00-b.ipynb", `{"cells": [{"cell_type": "markdown", "source": "# B"}],
		"metadata": {"concurrencylab": {"summary": "s", "objectives": "one string"}}}`)})
	assert.ErrorContains(t, err, "malformed")
	_, err = site.ReadLessons([]string{filepath.Join(t.TempDir(), "missing.ipynb")})
	assert.Error(t, err)
}

func TestInstructors(t *testing.T) {
	lessons := []site.Lesson{
		{Notebook: course.Notebook{File: "00-overview.ipynb", Title: "Overview"}, ReadingMinutes: 10, RunSeconds: 50},
		{Notebook: course.Notebook{File: "01-processes.ipynb", Title: "Processes"}, ReadingMinutes: 25, RunSeconds: 200,
			RunMachine: "2 cores, Go 1.26.8",
			Exercises:  []site.Exercise{{ID: "01-child-double", Title: "Exercise 01.1: ask a child process"}}},
		{Notebook: course.Notebook{File: "07-cheatsheet.ipynb", Title: "Cheat sheet"}},
	}
	plan := site.PlanOf(lessons)
	assert.Equal(t, site.Plan{ReadingMinutes: 35, RunSeconds: 250,
		Unestimated: []string{"07-cheatsheet.ipynb"}, Unrecorded: []string{"07-cheatsheet.ipynb"}}, plan)
	assert.Equal(t, 35*60+250, plan.Total())

	page, err := site.Instructors(lessons, site.Teaching{})
	require.NoError(t, err)
	s := string(page)
	assert.Empty(t, site.External(page))
	assert.Contains(t, s, "<code>make setup</code>")
	assert.Contains(t, s, "<code>make lab</code>")
	assert.NotContains(t, s, "make hub</code> serves", "no hub target, no promise of one")
	assert.Contains(t, s, "<th>35 min</th>\n<th>4 min</th><th>1</th>", "the course's sums")
	assert.Contains(t, s, "The parts known so far add up to <strong>39 min</strong>", "not a total while parts are missing")
	assert.NotContains(t, s, "In all")
	assert.Contains(t, s, "no full run recorded yet; <code>make notebooks</code> records it): 07-cheatsheet.ipynb")
	assert.Contains(t, s, "<td>3 min (2 cores, Go 1.26.8)</td>")
	assert.Contains(t, s, "<strong>Exercise 01.1: ask a child process</strong>")
	assert.Contains(t, s, "notebooks/solutions/01-child-double.go")
	assert.Contains(t, s, "make html SOLUTIONS=1")
	assert.NotContains(t, s, "solutions.html")

	sols := []site.Solution{{ID: "01-child-double", Code: "package main // <x>"}}
	page, err = site.Instructors(lessons[:2], site.Teaching{Hub: true, Solutions: sols})
	require.NoError(t, err)
	s = string(page)
	assert.Contains(t, s, "<code>make hub</code>")
	assert.Contains(t, s, `<a href="solutions.html">the solutions</a>`)
	assert.Contains(t, s, "In all, about <strong>39 min</strong>", "every part known")

	page, err = site.Instructors(lessons[2:], site.Teaching{})
	require.NoError(t, err)
	assert.Contains(t, string(page), "<th>The course</th><th>not estimated yet</th>\n<th>not recorded yet</th><th>0</th>")

	page, err = site.Solutions(sols)
	require.NoError(t, err)
	assert.Contains(t, string(page), "package main // &lt;x&gt;")
	assert.Equal(t, 1, strings.Count(string(page), `<h2 id="01-child-double">`))
}

func TestReadSolutions(t *testing.T) {
	sols, err := site.ReadSolutions("../../../notebooks/solutions")
	require.NoError(t, err)
	require.NotEmpty(t, sols)
	for _, s := range sols {
		assert.Contains(t, s.Code, "package ", s.ID)
	}
	_, err = site.ReadSolutions(t.TempDir())
	assert.ErrorContains(t, err, "no solutions")
}
