package notebooks_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/exercise"
	"concurrencylab/kernel-helpers/ipynb"
	"concurrencylab/kernel-helpers/quick"
	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// An exercise in a notebook is two code cells marked in their metadata,
// {"concurrencylab": {"exercise": {"id": "01-child-double", "role": "stub"}}}
// and the same with "role": "check"; its solution is
// solutions/<id>.go, and testdata/exercises/<id>/<kind>.go are wrong
// solutions, each of one kind (fixtureKinds), that must fail the check.
type exerciseCells struct {
	Notebook, ID, Stub, Check string
}

// fixtureKinds maps a wrong solution's file name to the outcome its check
// must report.
var fixtureKinds = map[string]exercise.Outcome{
	"racy":        exercise.Race,
	"leaking":     exercise.Leak,
	"deadlocking": exercise.Timeout,
	"too-slow":    exercise.TooSlow,
	"wrong":       exercise.Fail,
}

// notebookExercises reads every exercise of the notebooks in this folder.
func notebookExercises(t *testing.T) []exerciseCells {
	var out []exerciseCells
	for _, p := range notebookPaths(t) {
		nb, err := ipynb.Read(p)
		require.NoError(t, err)
		byID := map[string]*exerciseCells{}
		var order []string
		for _, c := range nb.Cells {
			ex := c.Metadata.Course.Exercise
			if ex.ID == "" {
				continue
			}
			e := byID[ex.ID]
			if e == nil {
				e = &exerciseCells{Notebook: p, ID: ex.ID}
				byID[ex.ID] = e
				order = append(order, ex.ID)
			}
			src := string(c.Source)
			switch ex.Role {
			case "stub":
				e.Stub = src
			case "check":
				e.Check = src
			default:
				t.Errorf("%s: exercise %s: role %q is neither stub nor check", p, ex.ID, ex.Role)
			}
		}
		for _, id := range order {
			out = append(out, *byID[id])
		}
	}
	return out
}

var buildIgnore = regexp.MustCompile(`(?m)^//go:build ignore\n`)

// checkMain turns a check cell (declarations, "%%", statements) into a
// main.go: the same program GoNB builds from it.
func checkMain(cell string) (string, error) {
	decls, body, ok := strings.Cut(cell, "%%\n")
	if !ok {
		return "", fmt.Errorf("check cell has no %%%% line")
	}
	return "package main\n\n" + decls + "\nfunc main() {\n" + body + "\n}\n", nil
}

// TestExercises builds every exercise's check with its stub, its solution
// and each wrong solution, without Jupyter, and runs them: the stub must
// say "not done yet", the solution pass, and each wrong one fail its way.
// The programs are built with -race, as an exercise with Race needs.
func TestExercises(t *testing.T) {
	exs := notebookExercises(t)
	require.NotEmpty(t, exs)
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	mod := t.TempDir()
	gomod := fmt.Sprintf("module exercisecheck\n\ngo 1.26\n\nrequire concurrencylab v0.0.0\n\nreplace concurrencylab => %s\n", root)
	require.NoError(t, os.WriteFile(filepath.Join(mod, "go.mod"), []byte(gomod), 0o644))
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(mod, "go.sum"), sum, 0o644))

	type program struct {
		ex   exerciseCells
		name string // stub, solution, or a fixture kind
		want exercise.Outcome
	}
	var progs []program
	write := func(dir, file, src string) {
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, file), []byte(src), 0o644))
	}
	for _, ex := range exs {
		require.NotEmpty(t, ex.Stub, "exercise %s has no stub cell", ex.ID)
		require.NotEmpty(t, ex.Check, "exercise %s has no check cell", ex.ID)
		main, err := checkMain(ex.Check)
		require.NoError(t, err, ex.ID)
		add := func(name, src string, want exercise.Outcome) {
			dir := filepath.Join(mod, ex.ID, name)
			write(dir, "main.go", main)
			write(dir, "learner.go", src)
			progs = append(progs, program{ex, name, want})
		}
		add("stub", "package main\n\n"+ex.Stub, exercise.NotDone)
		sol, err := os.ReadFile(filepath.Join("solutions", ex.ID+".go"))
		require.NoError(t, err, "exercise %s has no solution", ex.ID)
		add("solution", buildIgnore.ReplaceAllString(string(sol), ""), exercise.Pass)
		wrong, _ := filepath.Glob(filepath.Join("..", "testdata", "exercises", ex.ID, "*.go"))
		for _, w := range wrong {
			kind := strings.TrimSuffix(filepath.Base(w), ".go")
			want, ok := fixtureKinds[kind]
			require.True(t, ok, "%s: a wrong solution is named after its kind: racy, leaking, deadlocking, too-slow or wrong", w)
			b, err := os.ReadFile(w)
			require.NoError(t, err)
			add(kind, buildIgnore.ReplaceAllString(string(b), ""), want)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	t.Cleanup(cancel) // the parallel subtests run after this function returns
	// One build of everything first: it compiles the shared packages once
	// (with -race), so that each program below only links.
	build := exec.CommandContext(ctx, "go", "build", "-race", "./...")
	build.Dir = mod
	build.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "building the checks:\n%s", out)

	kinds := map[exercise.Outcome]bool{}
	for _, p := range progs {
		if p.name != "stub" && p.name != "solution" {
			kinds[p.want] = true
		}
		t.Run(p.ex.ID+"/"+p.name, func(t *testing.T) {
			t.Parallel()
			res := runCheck(ctx, t, filepath.Join(mod, p.ex.ID, p.name))
			assert.Equal(t, p.want, res.Outcome, "%s with the %s: %s", p.ex.ID, p.name, res.Hint)
		})
	}
	t.Run("every kind of wrong solution", func(t *testing.T) {
		var missing []string
		for _, k := range []exercise.Outcome{exercise.Race, exercise.Leak, exercise.Timeout, exercise.TooSlow} {
			if !kinds[k] {
				missing = append(missing, string(k))
			}
		}
		sort.Strings(missing)
		assert.Empty(t, missing, "no wrong solution in testdata/exercises fails with these outcomes")
	})
}

// runCheck builds the program in dir with -race, runs it and reads the
// line its check printed.
func runCheck(ctx context.Context, t *testing.T, dir string) exercise.Result {
	bin := filepath.Join(dir, "check")
	b := exec.CommandContext(ctx, "go", "build", "-race", "-o", bin, ".")
	b.Dir = dir
	// -ldflags=-w: no DWARF, which nothing reads (race reports name their
	// lines from the runtime's tables); it is much of a link's time.
	b.Env = append(os.Environ(), "GOFLAGS=-mod=mod -ldflags=-w", "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := b.CombinedOutput()
	require.NoError(t, err, "%s", out)
	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = dir
	var stdout strings.Builder
	cmd.Stdout = &stdout
	require.NoError(t, cmd.Run())
	sc := bufio.NewScanner(strings.NewReader(stdout.String()))
	for sc.Scan() {
		if id, o, ok := exercise.ParseLine(sc.Text()); ok {
			return exercise.Result{ID: id, Outcome: o, Hint: sc.Text()}
		}
	}
	t.Fatalf("the check printed no result line:\n%s", stdout.String())
	return exercise.Result{}
}

var packageMain = regexp.MustCompile(`(?m)^package main\n`)

// TestExercisesInJupyter runs each notebook's exercises through real
// Jupyter with the solutions pasted into the stub cells: every check must
// pass. (TestExecute runs the notebooks as committed, stubs untouched: there
// every check says "not done yet".) To keep it quick, the notebook run holds
// only the setup cell and the exercises' cells.
func TestExercisesInJupyter(t *testing.T) {
	byNotebook := map[string][]exerciseCells{}
	for _, ex := range notebookExercises(t) {
		byNotebook[ex.Notebook] = append(byNotebook[ex.Notebook], ex)
	}
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	// The setup cell points GoNB at ${GONB_DIR}/..: the notebook must sit
	// one folder below the repository's root.
	dir, err := os.MkdirTemp(root, ".exercises-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	env := jupyter.ForTest(t, quick.Env+"=1", testHistory(t))
	for p, exs := range byNotebook {
		t.Run(p, func(t *testing.T) {
			t.Parallel() // as many kernels at once as -test.parallel
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			nb, err := ipynb.Tree(b)
			require.NoError(t, err)
			cells := nb["cells"].([]any)
			var setup any
			for _, c := range cells {
				if c.(map[string]any)["cell_type"] == "code" {
					setup = c
					break
				}
			}
			code := func(src string) map[string]any {
				return map[string]any{"cell_type": "code", "metadata": map[string]any{}, "source": src, "outputs": []any{}, "execution_count": nil}
			}
			out := []any{setup}
			for _, ex := range exs {
				sol, err := os.ReadFile(filepath.Join("solutions", ex.ID+".go"))
				require.NoError(t, err)
				src := packageMain.ReplaceAllString(buildIgnore.ReplaceAllString(string(sol), ""), "")
				out = append(out, code(src), code(ex.Check))
			}
			nb["cells"] = out
			if meta, ok := nb["metadata"].(map[string]any)["concurrencylab"].(map[string]any); ok {
				meta["plots"] = 0 // the measurements are left out
			}
			b, err = json.Marshal(nb)
			require.NoError(t, err)
			path := filepath.Join(dir, filepath.Base(p))
			require.NoError(t, os.WriteFile(path, b, 0o644))
			outDir := t.TempDir()
			ps, err := nbcheck.Run(context.Background(), env, path, outDir, jupyter.ExecOptions{CellTimeout: cellTimeout(t)}, nbcheck.Options{})
			require.NoError(t, err)
			for _, p := range ps {
				t.Error(p)
			}
			ran, err := nbcheck.Load(filepath.Join(outDir, filepath.Base(p)))
			require.NoError(t, err)
			passed := 0
			for _, c := range ran.Cells {
				for _, o := range c.Outputs {
					md := string(o.Data["text/markdown"]) + string(o.Data["text/plain"]) + string(o.Data["text/html"])
					if strings.Contains(md, "**Exercise ") {
						assert.Contains(t, md, ": passed.**", "with the solution")
						if strings.Contains(md, ": passed.**") {
							passed++
						}
					}
				}
			}
			assert.Equal(t, len(exs), passed, "every exercise of %s passes with its solution", p)
		})
	}
}
