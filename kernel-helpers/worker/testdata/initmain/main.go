// Command initmain is a stand-in for a GoNB cell: a plain main program that
// imports package worker but never calls worker.ServeIfWorker, so its
// workers must serve from the package's init. TestInitPath builds and runs it.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"concurrencylab/kernel-helpers/worker"
)

type report struct {
	Parent int   `json:"parent"`
	Child  int   `json:"child"`
	Info   int   `json:"info"`
	Count  int64 `json:"count"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "initmain:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx := context.Background()
	p, err := worker.NewPool(ctx, 2)
	if err != nil {
		return err
	}
	defer p.Close()
	r := report{Parent: os.Getpid()}
	info, err := p.Call(ctx, "getpid", nil, &r.Child)
	if err != nil {
		return err
	}
	r.Info = info.PID
	if _, err := p.Call(ctx, "count", 1000, &r.Count); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}
