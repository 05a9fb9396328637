package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/course"
	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/nbcheck"
)

// Options say what [Build] builds.
type Options struct {
	Notebooks []string // notebook files, in course order
	Out       string   // folder to write the site to; created if missing
	// Execute runs the notebooks on this machine first; without it the
	// pages show the outputs the notebooks were committed with.
	Execute bool
	Exec    jupyter.ExecOptions // per-cell timeout
	Log     io.Writer           // progress lines; nil for none
	// Solutions is the folder of the exercises' solutions to publish as
	// solutions.html; "" leaves them out of the site, as a site for
	// learners should.
	Solutions string
	// Hub says the course has a `make hub` target, for the instructors'
	// page.
	Hub bool
}

// Build executes every notebook on this machine (with opts.Execute), checks
// it as the notebook tests do (a page showing a panic or a path of the
// machine is not published), and writes one page per notebook and
// index.html to opts.Out.
func Build(ctx context.Context, env *jupyter.Env, opts Options) error {
	if len(opts.Notebooks) == 0 {
		return errors.New("site: no notebooks to build")
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	nbs := make([]course.Notebook, len(opts.Notebooks))
	for i, p := range opts.Notebooks {
		nb, err := course.Read(p)
		if err != nil {
			return err
		}
		nbs[i] = nb
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	tmp, err := os.MkdirTemp("", "concurrencylab-site-")
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	defer os.RemoveAll(tmp)

	var teaching Teaching
	teaching.Hub = opts.Hub
	if opts.Solutions != "" {
		if teaching.Solutions, err = ReadSolutions(opts.Solutions); err != nil {
			return err
		}
	}
	executedPaths := make([]string, len(opts.Notebooks))
	for i, p := range opts.Notebooks {
		executed, ps, err := prepare(ctx, env, p, tmp, opts)
		if err != nil {
			return err
		}
		executedPaths[i] = executed
		if len(ps) > 0 {
			return fmt.Errorf("site: %s did not run cleanly:\n%s", nbs[i].File, problems(ps))
		}
		raw := filepath.Join(tmp, nbs[i].Name()+".html")
		if err := env.HTML(ctx, executed, raw); err != nil {
			return err
		}
		page, err := os.ReadFile(raw)
		if err != nil {
			return fmt.Errorf("site: %w", err)
		}
		var prev, next *course.Notebook
		if i > 0 {
			prev = &nbs[i-1]
		}
		if i+1 < len(nbs) {
			next = &nbs[i+1]
		}
		if page, err = Page(page, prev, next); err != nil {
			return fmt.Errorf("site: %s: %w", nbs[i].File, err)
		}
		if err := os.WriteFile(filepath.Join(opts.Out, nbs[i].Name()+".html"), page, 0o644); err != nil {
			return fmt.Errorf("site: %w", err)
		}
	}
	// The executed copies carry the run times of this build.
	lessons, err := ReadLessons(executedPaths)
	if err != nil {
		return err
	}
	pages := map[string]func() ([]byte, error){
		"index.html":       func() ([]byte, error) { return Index(lessons, bench.Machine()) },
		"instructors.html": func() ([]byte, error) { return Instructors(lessons, teaching) },
	}
	if teaching.Solutions != nil {
		pages["solutions.html"] = func() ([]byte, error) { return Solutions(teaching.Solutions) }
	} else if err := os.Remove(filepath.Join(opts.Out, "solutions.html")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		// A site built for learners must not keep an earlier build's solutions.
		return fmt.Errorf("site: %w", err)
	}
	for name, render := range pages {
		b, err := render()
		if err != nil {
			return fmt.Errorf("site: %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(opts.Out, name), b, 0o644); err != nil {
			return fmt.Errorf("site: %w", err)
		}
	}
	fmt.Fprintf(opts.Log, "site: wrote %d notebook pages and %d pages of the site's own to %s\n", len(nbs), len(pages), opts.Out)
	return nil
}

// prepare returns the notebook to export, executed into tmp or as
// committed, and its problems.
func prepare(ctx context.Context, env *jupyter.Env, path, tmp string, opts Options) (string, []nbcheck.Problem, error) {
	if !opts.Execute {
		nb, err := nbcheck.Load(path)
		if err != nil {
			return "", nil, err
		}
		return path, nbcheck.Check(nb, nbcheck.Options{}), nil
	}
	fmt.Fprintf(opts.Log, "site: running %s\n", filepath.Base(path))
	executed, ps, err := execute(ctx, env, path, tmp, opts.Exec)
	return executed, ps, err
}

// execute runs the notebook at path into tmp and, when it ran cleanly in
// full mode, records how long Run All took in the executed copy's metadata
// ([jupyter.RecordRun]). A quick run records nothing and drops a run the
// notebook had recorded before, which its new outputs do not come from.
func execute(ctx context.Context, env *jupyter.Env, path, tmp string, exec jupyter.ExecOptions) (string, []nbcheck.Problem, error) {
	start := time.Now()
	ps, err := nbcheck.Run(ctx, env, path, tmp, exec, nbcheck.Options{})
	took := time.Since(start)
	executed := filepath.Join(tmp, filepath.Base(path))
	switch {
	case err != nil || len(ps) > 0:
		return executed, ps, err
	case env.Quick():
		return executed, ps, jupyter.RecordRun(executed, jupyter.Run{})
	}
	return executed, ps, jupyter.RecordRun(executed, jupyter.Run{Duration: took, Machine: jupyter.ShortMachine()})
}

// RunInPlace runs every notebook of opts.Notebooks on this machine, one at
// a time in course order, and replaces each with its executed copy, so the
// committed notebooks carry the outputs of one clean run and, in full mode,
// its Run All time. A notebook whose run has problems (the checks of
// package nbcheck) is left as it was, and RunInPlace stops with an error
// naming them. `make notebooks` runs it.
func RunInPlace(ctx context.Context, env *jupyter.Env, opts Options) error {
	if len(opts.Notebooks) == 0 {
		return errors.New("site: no notebooks to run")
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	tmp, err := os.MkdirTemp("", "concurrencylab-run-")
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	defer os.RemoveAll(tmp)
	for _, p := range opts.Notebooks {
		fmt.Fprintf(opts.Log, "notebooks: running %s\n", filepath.Base(p))
		executed, ps, err := execute(ctx, env, p, tmp, opts.Exec)
		if err != nil {
			return err
		}
		if len(ps) > 0 {
			return fmt.Errorf("site: %s did not run cleanly, left as it was:\n%s", filepath.Base(p), problems(ps))
		}
		b, err := os.ReadFile(executed)
		if err != nil {
			return fmt.Errorf("site: %w", err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return fmt.Errorf("site: %w", err)
		}
	}
	return nil
}

func problems(ps []nbcheck.Problem) string {
	s := ""
	for _, p := range ps {
		s += "  " + p.String() + "\n"
	}
	return s
}
