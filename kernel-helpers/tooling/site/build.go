package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

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

	for i, p := range opts.Notebooks {
		executed, ps, err := prepare(ctx, env, p, tmp, opts)
		if err != nil {
			return err
		}
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
	index, err := Index(nbs, bench.Machine())
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	if err := os.WriteFile(filepath.Join(opts.Out, "index.html"), index, 0o644); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	fmt.Fprintf(opts.Log, "site: wrote %d pages and index.html to %s\n", len(nbs), opts.Out)
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
	ps, err := nbcheck.Run(ctx, env, path, tmp, opts.Exec, nbcheck.Options{})
	return filepath.Join(tmp, filepath.Base(path)), ps, err
}

func problems(ps []nbcheck.Problem) string {
	s := ""
	for _, p := range ps {
		s += "  " + p.String() + "\n"
	}
	return s
}
