package executors_test

import (
	"testing"

	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/worker"
)

// The process pool re-runs this test binary as its workers: ServeIfWorker
// turns such a copy into a worker; only the parent runs the tests.
func TestMain(m *testing.M) {
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m)
}
