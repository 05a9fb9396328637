package eventloop_test

import (
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
)

// Every task is a goroutine under iter.Pull; goleak (in testmain.Main)
// checks that Run leaves none behind, whether tasks return, fail, panic or
// are cancelled.
func TestMain(m *testing.M) { testmain.Main(m) }
