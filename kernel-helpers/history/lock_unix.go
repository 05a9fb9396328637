//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package history

import (
	"os"
	"syscall"
)

// lockSupported reports whether lock really locks on this system.
const lockSupported = true

// lock takes an advisory lock on f, shared or exclusive, waiting for it. The
// lock belongs to the open file, so closing f releases it, and it is released
// by the kernel if the process dies, so a crashed cell never leaves the
// history locked.
func lock(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR { // a signal interrupted the wait: wait again
			return err
		}
	}
}
