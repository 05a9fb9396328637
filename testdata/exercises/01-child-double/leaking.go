//go:build ignore

// Leaking: reads the answer but never waits for the child (a zombie).
package main

import (
	"bufio"
	"context"
	"os/exec"
	"strconv"
	"strings"
)

func childDouble(ctx context.Context, x int) (int, error) {
	cmd := exec.CommandContext(ctx, "sh", "-c", "read v; echo $((v * 2))")
	cmd.Stdin = strings.NewReader(strconv.Itoa(x) + "\n")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(line))
}
