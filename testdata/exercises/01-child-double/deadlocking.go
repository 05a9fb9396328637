//go:build ignore

// Deadlocking: sends x without a newline and never closes the child's stdin,
// then waits for an answer: the child waits for the end of the line, the
// parent for the answer.
package main

import (
	"bufio"
	"context"
	"os/exec"
	"strconv"
	"strings"
)

func childDouble(ctx context.Context, x int) (int, error) {
	cmd := exec.Command("sh", "-c", "read v; echo $((v * 2))")
	in, err := cmd.StdinPipe()
	if err != nil {
		return 0, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	in.Write([]byte(strconv.Itoa(x)))
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return 0, err
	}
	in.Close()
	cmd.Wait()
	return strconv.Atoi(strings.TrimSpace(line))
}
