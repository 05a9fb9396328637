package run

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
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

// touchTask creates the file named by its argument and returns at once: a
// batch's first task, it tells the test that the batch's workers are up.
func touchTask(_ context.Context, arg json.RawMessage) (json.RawMessage, error) {
	var path string
	if err := json.Unmarshal(arg, &path); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		return nil, err
	}
	return json.RawMessage("true"), nil
}

func TestMain(m *testing.M) {
	if err := worker.Register("test-pidfile", pidFileTask); err != nil {
		panic(err)
	}
	if err := worker.Register("test-touch", touchTask); err != nil {
		panic(err)
	}
	testmain.Main(m)
}
