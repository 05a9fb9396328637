package run

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"testing"

	"go.uber.org/goleak"

	"concurrencylab/kernel-helpers/worker"
)

// pidFileTask writes the pid of the worker running it to the file named by
// its argument, then waits for its context to end: the test can then kill
// the process in the middle of a task.
func pidFileTask(ctx context.Context, arg json.RawMessage) (json.RawMessage, error) {
	var path string
	if err := json.Unmarshal(arg, &path); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(strconv.Itoa(os.Getpid())), 0o600); err != nil {
		return nil, err
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestMain(m *testing.M) {
	if err := worker.Register("test-pidfile", pidFileTask); err != nil {
		panic(err)
	}
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m)
}
