// Command loadtest is `make hub-loadtest`: a class of simulated learners on
// the course's JupyterHub, on loopback, with throwaway accounts (see package
// hub). Run as root after `.hub/hub install` and `.hub/hub system`.
//
//	go run ./kernel-helpers/tooling/hub/loadtest -users 10 -timeout 15m
//
// It prints each learner's times, the hub API's latency under load, and a
// closing line "loadtest: N passed, M failed"; it exits 1 unless everything
// passed and nothing was left running.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"concurrencylab/kernel-helpers/tooling/hub"
)

func main() {
	users := flag.Int("users", 10, fmt.Sprintf("learners at once, 1 to %d", hub.MaxUsers))
	timeout := flag.Duration("timeout", 15*time.Minute, "the whole test's time limit (the cleanup runs after it)")
	port := flag.Int("port", 18000, "the hub's port on 127.0.0.1 (the next two are used too)")
	out := flag.String("json", "", "also write the report as JSON to this file")
	flag.Parse()

	repo, err := os.Getwd()
	if err == nil {
		repo, err = filepath.Abs(repo)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	if _, err := os.Stat(filepath.Join(repo, ".hub", "hub")); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest: run it from the repository's top folder (make hub-loadtest)")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	rep, err := hub.LoadTest(ctx, hub.Options{Repo: repo, Users: *users, Port: *port})
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
	}
	fmt.Print(hub.Summary(rep))
	if *out != "" {
		data, _ := json.MarshalIndent(rep, "", " ")
		if werr := os.WriteFile(*out, data, 0o644); werr != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", werr)
		}
	}
	passed, failed := rep.Passed()
	failed += rep.Users - len(rep.Learners)
	fmt.Printf("loadtest: %d passed, %d failed\n", passed, failed)
	if err != nil || !rep.OK() {
		os.Exit(1)
	}
}
