//go:build ignore

// Solution to exercise 01-run-with-limit (notebook 01): a context that ends
// after limit; exec.CommandContext kills the command (SIGKILL) when it ends,
// and Run waits for it either way, so nothing is left behind.
package main

import (
	"context"
	"os/exec"
	"time"
)

func runWithLimit(ctx context.Context, limit time.Duration, name string, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	return exec.CommandContext(ctx, name, args...).Run()
}
