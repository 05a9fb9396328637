package run

import (
	"bytes"
	"runtime"
	"strconv"
	"syscall"
)

// goid returns the id of the calling goroutine. Go hides goroutine ids on
// purpose (code must not depend on them), so this reads it from the first
// line of the goroutine's stack trace, "goroutine 42 [running]:". That costs
// about 4 µs (runtime.Stack formats the trace), so a goroutine that runs
// many tasks reads it once, and a goroutine per task does not read it.
func goid() uint64 {
	var buf [64]byte
	s := buf[:runtime.Stack(buf[:], false)]
	s, ok := bytes.CutPrefix(s, []byte("goroutine "))
	if !ok {
		return 0
	}
	if i := bytes.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	id, err := strconv.ParseUint(string(s), 10, 64)
	if err != nil {
		return 0
	}
	return id
}

// gettid returns the id of the OS thread running the caller: what top -H
// and /proc/<pid>/task list. A goroutine that is not locked to its thread
// may be on another one a moment later.
func gettid() int { return syscall.Gettid() }
