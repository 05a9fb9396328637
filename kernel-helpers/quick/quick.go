package quick

import (
	"os"
	"strings"
)

// Env is the name of the environment variable that turns quick mode on.
const Env = "CONCURRENCYLAB_QUICK"

// On reports whether quick mode is on: [Env] is set to "1", "true" or "yes"
// (in any case, surrounding spaces ignored). Unset, empty, "0", "false" and
// anything else mean off, so a typo runs the full notebook rather than
// silently shrinking it.
//
// It reads the environment on every call, so a test can change it with
// [testing.T.Setenv].
func On() bool {
	switch strings.ToLower(strings.TrimSpace(os.Getenv(Env))) {
	case "1", "true", "yes":
		return true
	}
	return false
}

// Pick returns quick when quick mode is [On], and full otherwise.
func Pick[T any](full, quick T) T {
	if On() {
		return quick
	}
	return full
}
