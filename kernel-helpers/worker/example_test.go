package worker_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"concurrencylab/kernel-helpers/worker"
)

func ExamplePool_Call() {
	ctx := context.Background()
	pool, err := worker.NewPool(ctx, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Close()

	var n int64
	if _, err := pool.Call(ctx, "count", 1_000_000, &n); err != nil {
		fmt.Println(err)
		return
	}
	var pid int
	if _, err := pool.Call(ctx, "getpid", nil, &pid); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("counted to", n)
	fmt.Println("in another process:", pid != os.Getpid())
	// Output:
	// counted to 1000000
	// in another process: true
}

func ExampleCrashError() {
	ctx := context.Background()
	pool, err := worker.NewPool(ctx, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Close()

	_, err = pool.Call(ctx, "exit", 3, nil)
	var crash *worker.CrashError
	if errors.As(err, &crash) {
		fmt.Printf("task %q died: %v\n", crash.Task, crash.Err)
	}
	// The pool replaced the dead worker: the next call works.
	_, err = pool.Call(ctx, "noop", nil, nil)
	fmt.Println("next call:", err)
	// Output:
	// task "exit" died: exit status 3
	// next call: <nil>
}

func ExampleSpawn() {
	ctx := context.Background()
	var a, b int
	if _, err := worker.Spawn(ctx, "getpid", nil, &a); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := worker.Spawn(ctx, "getpid", nil, &b); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("two tasks, two processes:", a != b)
	// Output: two tasks, two processes: true
}

// A task with Go types: RegisterFunc decodes the argument and encodes the
// result. Lookup runs it here; a Pool runs it in a worker (see the package
// doc for where a notebook registers it).
func ExampleRegisterFunc() {
	err := worker.RegisterFunc("example-greet", func(_ context.Context, name string) (string, error) {
		return "hello, " + name, nil
	})
	if err != nil {
		panic(err)
	}
	fn, _ := worker.Lookup("example-greet")
	out, err := fn(context.Background(), json.RawMessage(`"gopher"`))
	fmt.Println(string(out), err)
	// Output: "hello, gopher" <nil>
}
