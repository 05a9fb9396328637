package bench

import (
	"strings"
	"syscall"
)

// sysctlCPU returns the processor model macOS reports, e.g. "Apple M2", or "".
func sysctlCPU() string {
	s, err := syscall.Sysctl("machdep.cpu.brand_string")
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(s), " ")
}
