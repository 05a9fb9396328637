// Command mksite builds the course's HTML site: it runs every notebook given
// on the command line through Jupyter on this machine and writes one page per
// notebook, plus index.html, to -out. `make html` runs it.
//
//	go run ./kernel-helpers/tooling/site/mksite -out site notebooks/*.ipynb
//
// With -inplace it builds no site: it runs the notebooks and saves each in
// place, with its outputs and, in full mode, its Run All time in the
// metadata (run_seconds, run_machine). `make notebooks` runs that.
//
// The site holds no solutions unless -solutions names their folder
// (`make html SOLUTIONS=1`).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/site"
)

func main() {
	out := flag.String("out", "site", "folder to write the site to")
	timeout := flag.Duration("timeout", 15*time.Minute, "how long one cell may run")
	committed := flag.Bool("committed", false, "export the notebooks as committed, without running them")
	solutions := flag.String("solutions", "", "folder of the exercises' solutions to publish in the site (default: left out)")
	inPlace := flag.Bool("inplace", false, "run the notebooks and save them in place with their outputs and run time; build no site")
	flag.Parse()
	if *inPlace && *committed {
		fmt.Fprintln(os.Stderr, "mksite: -inplace runs the notebooks; -committed does not: choose one")
		os.Exit(2)
	}
	if err := run(*out, *timeout, !*committed, *inPlace, *solutions, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(out string, timeout time.Duration, execute, inPlace bool, solutions string, notebooks []string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	data, err := os.MkdirTemp("", "concurrencylab-jupyter-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(data)
	env, err := jupyter.New(ctx, data)
	if err != nil {
		return err
	}
	opts := site.Options{
		Notebooks: notebooks,
		Out:       out,
		Execute:   execute,
		Exec:      jupyter.ExecOptions{CellTimeout: timeout},
		Log:       os.Stderr,
		Solutions: solutions,
		Hub:       hasTarget("Makefile", "hub"),
	}
	if inPlace {
		return site.RunInPlace(ctx, env, opts)
	}
	return site.Build(ctx, env, opts)
}

// hasTarget reports whether the Makefile at path has the rule target.
func hasTarget(path, target string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, target+":") {
			return true
		}
	}
	return false
}
