package decide_test

import (
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
)

// Measure starts a process pool, which re-runs this test binary as its
// workers; testmain.Main makes such a copy serve instead of testing.
func TestMain(m *testing.M) { testmain.Main(m) }
