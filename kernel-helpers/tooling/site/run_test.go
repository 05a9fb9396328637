package site_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/quick"
	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
	"concurrencylab/kernel-helpers/tooling/site"
)

// tinyNotebook is a one-cell GoNB notebook, quick to run.
const tinyNotebook = `{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# Tiny\n"]},
  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["%%\n", "fmt.Println(\"hi\")\n"]}
 ],
 "metadata": {
  "concurrencylab": {"plots": 0, "summary": "One cell."},
  "kernelspec": {"display_name": "Go (gonb)", "language": "go", "name": "gonb"}
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`

// runSeconds reads the recorded run time of the notebook at path; 0 when
// none is recorded.
func runSeconds(t *testing.T, path string) (int, string) {
	t.Helper()
	lessons, err := site.ReadLessons([]string{path})
	require.NoError(t, err)
	return lessons[0].RunSeconds, lessons[0].RunMachine
}

// TestRunInPlaceRecordsFullRunsOnly runs a fixture notebook through the
// tooling `make notebooks` uses, in full mode (Run All's time and the
// machine recorded), then in quick mode (nothing recorded, the full run's
// figure dropped with its outputs).
func TestRunInPlaceRecordsFullRunsOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Jupyter")
	}
	t.Setenv(quick.Env, "")
	dir := t.TempDir()
	nb := filepath.Join(dir, "00-tiny.ipynb")
	require.NoError(t, os.WriteFile(nb, []byte(tinyNotebook), 0o644))

	fullEnv := jupyter.ForTest(t)
	require.NoError(t, site.RunInPlace(context.Background(), fullEnv, site.Options{Notebooks: []string{nb}}))
	executed, err := nbcheck.Load(nb)
	require.NoError(t, err)
	assert.Empty(t, nbcheck.CheckCommitted(executed), "saved with the outputs of one clean run")
	secs, machine := runSeconds(t, nb)
	assert.Positive(t, secs, "a full run records its time")
	assert.Equal(t, jupyter.ShortMachine(), machine)

	quickEnv := jupyter.ForTest(t, quick.Env+"=1")
	require.NoError(t, site.RunInPlace(context.Background(), quickEnv, site.Options{Notebooks: []string{nb}}))
	secs, machine = runSeconds(t, nb)
	assert.Zero(t, secs, "a quick run records no time, and its outputs keep none of the full run's")
	assert.Empty(t, machine)
}

func TestRunInPlaceLeavesAFailingNotebook(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Jupyter")
	}
	dir := t.TempDir()
	nb := filepath.Join(dir, "00-broken.ipynb")
	broken := []byte(`{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
	  "source": ["%%\n", "panic(\"on purpose\")\n"]}], "metadata": {"kernelspec": {"display_name": "Go (gonb)", "language": "go", "name": "gonb"}},
	  "nbformat": 4, "nbformat_minor": 5}`)
	require.NoError(t, os.WriteFile(nb, broken, 0o644))
	env := jupyter.ForTest(t)
	err := site.RunInPlace(context.Background(), env, site.Options{Notebooks: []string{nb}})
	require.ErrorContains(t, err, "did not run cleanly")
	got, err := os.ReadFile(nb)
	require.NoError(t, err)
	assert.Equal(t, string(broken), string(got), "left as it was")
}

// TestBuildShowsTheRunAndTheSolutionsOnRequest builds a site of one
// fixture notebook: run in full mode, its index shows the recorded Run All
// time; the solutions page exists only when asked for, and a later build
// without them removes it.
func TestBuildShowsTheRunAndTheSolutionsOnRequest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Jupyter")
	}
	t.Setenv(quick.Env, "")
	nb := filepath.Join(t.TempDir(), "00-tiny.ipynb")
	require.NoError(t, os.WriteFile(nb, []byte(tinyNotebook), 0o644))
	sols := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(sols, "00-tiny-sum.go"), []byte("package main\n"), 0o644))
	env := jupyter.ForTest(t)
	out := t.TempDir()

	require.NoError(t, site.Build(context.Background(), env, site.Options{Notebooks: []string{nb}, Out: out, Execute: true, Solutions: sols}))
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(index), "Run All ")
	assert.Contains(t, string(index), "("+jupyter.ShortMachine()+")", "the run this build made")
	assert.NotContains(t, string(index), "not recorded yet")
	assert.FileExists(t, filepath.Join(out, "instructors.html"))
	assert.FileExists(t, filepath.Join(out, "solutions.html"))
	committed, err := os.ReadFile(nb)
	require.NoError(t, err)
	assert.Equal(t, tinyNotebook, string(committed), "building the site leaves the notebook as it was")

	require.NoError(t, site.Build(context.Background(), env, site.Options{Notebooks: []string{nb}, Out: out}))
	assert.NoFileExists(t, filepath.Join(out, "solutions.html"), "a site for learners keeps no solutions")
	index, err = os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(index), "Run All not recorded yet", "as committed, the fixture has no run")
}
