package ipc_test

import (
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
)

// The pipe's far end is this test binary, re-run as a worker.
func TestMain(m *testing.M) { testmain.Main(m) }
