// Command mksite builds the course's HTML site: it runs every notebook given
// on the command line through Jupyter on this machine and writes one page per
// notebook, plus index.html, to -out. `make html` runs it.
//
//	go run ./kernel-helpers/tooling/site/mksite -out site notebooks/*.ipynb
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"concurrencylab/kernel-helpers/tooling/jupyter"
	"concurrencylab/kernel-helpers/tooling/site"
)

func main() {
	out := flag.String("out", "site", "folder to write the site to")
	timeout := flag.Duration("timeout", 15*time.Minute, "how long one cell may run")
	committed := flag.Bool("committed", false, "export the notebooks as committed, without running them")
	flag.Parse()
	if err := run(*out, *timeout, !*committed, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(out string, timeout time.Duration, execute bool, notebooks []string) error {
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
	return site.Build(ctx, env, site.Options{
		Notebooks: notebooks,
		Out:       out,
		Execute:   execute,
		Exec:      jupyter.ExecOptions{CellTimeout: timeout},
		Log:       os.Stderr,
	})
}
