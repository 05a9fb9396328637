package strategies_test

import (
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
)

// The process kinds re-run this test binary as their workers.
func TestMain(m *testing.M) { testmain.Main(m) }
