package footprint_test

import (
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
)

// memory.PerProcess re-runs this test binary as idle workers.
func TestMain(m *testing.M) { testmain.Main(m) }
