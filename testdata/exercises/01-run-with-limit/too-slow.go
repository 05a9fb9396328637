//go:build ignore

// Too slow: lets the command run to its end, then reports that it was late.
package main

import (
	"context"
	"fmt"
	"os/exec"
	"time"
)

func runWithLimit(ctx context.Context, limit time.Duration, name string, args ...string) error {
	start := time.Now()
	if err := exec.CommandContext(ctx, name, args...).Run(); err != nil {
		return err
	}
	if took := time.Since(start); took > limit {
		return fmt.Errorf("%s took %v, over its limit", name, took)
	}
	return nil
}
