//go:build !darwin

package bench

// sysctlCPU is macOS only; elsewhere it reports nothing.
func sysctlCPU() string { return "" }
