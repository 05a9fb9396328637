package strategies_test

import (
	"testing"

	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/worker"
)

// The process kinds re-run this test binary as their workers.
func TestMain(m *testing.M) {
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m)
}
