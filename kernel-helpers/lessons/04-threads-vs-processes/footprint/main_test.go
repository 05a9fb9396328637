package footprint_test

import (
	"testing"

	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/worker"
)

// memory.PerProcess re-runs this test binary as idle workers.
func TestMain(m *testing.M) {
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m)
}
