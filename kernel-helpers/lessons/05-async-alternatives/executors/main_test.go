package executors_test

import (
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
)

// The process pool re-runs this test binary as its workers: testmain.Main
// turns such a copy into a worker; only the parent runs the tests.
func TestMain(m *testing.M) { testmain.Main(m) }
