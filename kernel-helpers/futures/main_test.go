package futures_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
	"concurrencylab/kernel-helpers/worker"
)

// gateArg is the argument of the "futures-test-gate" task.
type gateArg struct {
	FIFO  string // a named pipe the test writes to when the task may finish
	Value int    // what the task returns
}

// gateTask blocks until the test opens and closes the named pipe: a channel
// between two processes, so that process tasks finish in an order the test
// chooses without any sleep.
func gateTask(_ context.Context, raw json.RawMessage) (json.RawMessage, error) {
	var arg gateArg
	if err := json.Unmarshal(raw, &arg); err != nil {
		return nil, err
	}
	f, err := os.Open(arg.FIFO) // blocks until the test opens it for writing
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := io.Copy(io.Discard, f); err != nil { // until the test closes it
		return nil, err
	}
	return json.Marshal(arg.Value)
}

// TestMain registers the test's own task, then lets testmain turn this
// binary into a worker when a pool started it as one; only a parent goes on
// to run the tests, checked by goleak.
func TestMain(m *testing.M) {
	if err := worker.Register("futures-test-gate", gateTask); err != nil {
		panic(err)
	}
	testmain.Main(m)
}
