//go:build !unix

package cpython

import "os/exec"

// killProcessGroup leaves the default: when the context ends, os/exec kills
// the Python process itself.
func killProcessGroup(cmd *exec.Cmd) {}
