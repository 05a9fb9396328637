package eventloop_test

import (
	"testing"

	"go.uber.org/goleak"
)

// Every task is a goroutine under iter.Pull; goleak checks that Run leaves
// none behind, whether tasks return, fail, panic or are cancelled.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
