package ipc_test

import (
	"testing"

	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/worker"
)

// The pipe's far end is this test binary, re-run as a worker.
func TestMain(m *testing.M) {
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m)
}
