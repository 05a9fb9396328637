//go:build !race

package datarace_test

const raceEnabled = false
