//go:build ignore

// Solution to exercise 01-child-double (notebook 01): the child's memory is
// its own, so x travels on its stdin and the answer on its stdout; cmd.Output
// starts it, reads everything it prints, and waits for it to end.
package main

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
)

func childDouble(ctx context.Context, x int) (int, error) {
	cmd := exec.CommandContext(ctx, "sh", "-c", "read v; echo $((v * 2))")
	cmd.Stdin = strings.NewReader(strconv.Itoa(x) + "\n")
	out, err := cmd.Output()
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(out)))
}
