package cheatsheet_test

import (
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
)

// TestMain lets this binary serve as a worker process when a snippet's
// pool starts one, and checks for leaks.
func TestMain(m *testing.M) { testmain.Main(m) }
