//go:build ignore

// Leaking: kills the command at its limit but never waits for it (a zombie).
package main

import (
	"context"
	"errors"
	"os/exec"
	"time"
)

func runWithLimit(ctx context.Context, limit time.Duration, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error) // unbuffered: after a kill, nobody receives
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		cmd.Process.Kill()
		return errors.New("killed at its limit")
	}
}
