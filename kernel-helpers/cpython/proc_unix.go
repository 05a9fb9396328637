//go:build unix

package cpython

import (
	"os/exec"
	"syscall"
)

// killProcessGroup starts the program in a process group of its own and,
// when the context ends, kills the whole group: the worker processes of
// multiprocessing too, not only the Python that started them, which would
// otherwise be left running as orphans.
func killProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
