package worker

import (
	"context"
	"fmt"
)

// Spawn runs one task in a new worker process started for it alone, and
// reaps the process before returning: the analog of a multiprocessing.Process
// per task. Comparing it with [Pool.Call] shows what creating a process
// costs. Arguments, results and errors are as for [Pool.Call].
func Spawn(ctx context.Context, task string, arg, result any) (Info, error) {
	if ctx == nil {
		return Info{Task: task}, fmt.Errorf("worker: task %q: nil context", task)
	}
	if _, ok := Lookup(task); !ok {
		return Info{Task: task}, fmt.Errorf("worker: task %q: %w", task, ErrUnknownTask)
	}
	p, err := NewPoolDepth(ctx, 1, 1)
	if err != nil {
		return Info{Task: task}, fmt.Errorf("worker: task %q: %w", task, err)
	}
	defer p.Close()
	return p.Call(ctx, task, arg, result)
}
