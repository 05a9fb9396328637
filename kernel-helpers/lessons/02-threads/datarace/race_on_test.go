//go:build race

package datarace_test

// raceEnabled is true when the tests run under the race detector, which
// reports the Unsafe strategy's race on purpose and fails the test.
const raceEnabled = true
