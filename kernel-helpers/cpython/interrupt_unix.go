//go:build unix

package cpython

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// onInterrupt makes an interrupt of this program (SIGINT, what Jupyter's
// Kernel → Interrupt sends to a GoNB cell; or SIGTERM) kill the running
// Python program's process group first, and then lets the signal do what
// it does by default: end this program. Without it the cell would end and
// leave Python and its multiprocessing workers running as orphans, in a
// process group of their own (killProcessGroup), which a kernel interrupt
// never reaches. The returned stop removes the handler.
func onInterrupt(kill func()) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			kill()
			signal.Reset(sig)
			_ = syscall.Kill(os.Getpid(), sig.(syscall.Signal))
		case <-done:
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
		})
	}
}
