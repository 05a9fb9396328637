package testmain

import (
	"testing"

	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/worker"
)

// Main serves as a worker if a pool started this test binary as one (it then
// never returns), and otherwise runs the tests and exits, failing if they
// leave goroutines behind. opts go to goleak, for a package that must
// ignore a goroutine it cannot stop.
func Main(m *testing.M, opts ...goleak.Option) {
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m, opts...)
}
