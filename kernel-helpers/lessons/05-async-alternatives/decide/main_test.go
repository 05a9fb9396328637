package decide_test

import (
	"testing"

	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/worker"
)

// Measure starts a process pool, which re-runs this test binary as its
// workers; ServeIfWorker makes such a copy serve instead of testing.
func TestMain(m *testing.M) {
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m)
}
