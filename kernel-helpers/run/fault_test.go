package run

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/worker"
	"concurrencylab/workloads"
)

func TestFailedTasksKeepOtherResults(t *testing.T) {
	t.Run("in this process", func(t *testing.T) {
		fails := errors.New("task failed")
		tasks := Work(6, "count", 500)
		tasks[1] = Task{Name: "failing", Func: func(context.Context) (any, error) { return nil, fails }}
		tasks[4] = Task{Name: "panicking", Worker: "panic", Arg: "boom"}
		for _, s := range []Strategy{Sequential(), Goroutines(), GoroutinePool(2), OSThreads(2), MaxProcs(1)} {
			t.Run(s.String(), func(t *testing.T) {
				recs, err := Batch(context.Background(), s, tasks)
				require.Len(t, recs, 6)
				assert.ErrorIs(t, err, fails)
				var pe *PanicError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, "panicking", pe.Task)
				assert.Contains(t, pe.Value, "boom")
				assert.ErrorContains(t, err, `task 1 "failing"`)
				assert.ErrorContains(t, err, `task 4 "panicking"`)
				for _, i := range []int{0, 2, 3, 5} {
					assert.NoError(t, recs[i].Err)
					assert.Equal(t, float64(500), recs[i].Result)
				}
			})
		}
	})

	t.Run("in workers", func(t *testing.T) {
		tasks := Work(9, "count", 500)
		tasks[2] = Task{Name: "panicking", Worker: "panic", Arg: "boom"}
		tasks[5] = Task{Name: "exiting", Worker: "exit", Arg: 3}
		tasks[7] = Task{Name: "failing", Worker: "sleep", Arg: "-1s"}
		for _, s := range []Strategy{ProcessPool(2), ProcessPerTask(2)} {
			t.Run(s.String(), func(t *testing.T) {
				r := batchWithin(t, 30*time.Second, context.Background(), s, tasks)
				require.Len(t, r.recs, 9)
				for _, c := range []struct {
					i    int
					task string
					how  string
				}{{2, "panic", "exit status 2"}, {5, "exit", "exit status 3"}} {
					var crash *worker.CrashError
					if assert.ErrorAs(t, r.recs[c.i].Err, &crash, "task %d", c.i) {
						assert.Equal(t, c.task, crash.Task)
						assert.ErrorContains(t, crash, c.how)
						assert.Equal(t, crash.PID, r.recs[c.i].PID)
					}
				}
				var te *worker.TaskError
				assert.ErrorAs(t, r.recs[7].Err, &te)
				assert.ErrorContains(t, r.err, `task 2 "panicking"`)
				assert.ErrorContains(t, r.err, `task 5 "exiting"`)
				assert.ErrorContains(t, r.err, `task 7 "failing"`)
				for _, i := range []int{0, 1, 3, 4, 6, 8} {
					assert.NoError(t, r.recs[i].Err, "task %d", i)
					assert.Equal(t, float64(500), r.recs[i].Result, "task %d", i)
				}
				noChildren(t)
			})
		}
	})

	t.Run("worker killed", func(t *testing.T) {
		pidFile := filepath.Join(t.TempDir(), "pid")
		tasks := Work(5, "count", 500)
		tasks[2] = Task{Name: "killed", Worker: "test-pidfile", Arg: pidFile}
		done := make(chan batchResult, 1)
		go func() {
			recs, err := Batch(context.Background(), ProcessPool(2), tasks)
			done <- batchResult{recs: recs, err: err}
		}()
		pid := readPID(t, pidFile)
		require.NoError(t, syscall.Kill(pid, syscall.SIGKILL))
		var r batchResult
		select {
		case r = <-done:
		case <-time.After(patience):
			t.Fatalf("Batch still running %v after its worker was killed", patience)
		}
		var crash *worker.CrashError
		require.ErrorAs(t, r.err, &crash)
		assert.Equal(t, "test-pidfile", crash.Task)
		assert.Equal(t, pid, crash.PID)
		assert.ErrorContains(t, crash, "signal: killed")
		assert.ErrorContains(t, r.err, `task 2 "killed"`)
		for _, i := range []int{0, 1, 3, 4} {
			assert.NoError(t, r.recs[i].Err)
			assert.Equal(t, float64(500), r.recs[i].Result)
		}
		noChildren(t)
	})
}

// readPID waits for a worker to write its pid to path.
func readPID(t *testing.T, path string) int {
	t.Helper()
	var b []byte
	require.Eventually(t, func() bool {
		var err error
		b, err = os.ReadFile(path)
		return err == nil && len(b) > 0
	}, patience, 5*time.Millisecond, "no worker wrote its pid")
	pid, err := strconv.Atoi(string(b))
	require.NoError(t, err)
	return pid
}

func TestBatchCancel(t *testing.T) {
	for _, s := range Strategies(2) {
		t.Run(s.String(), func(t *testing.T) {
			// A task that says the batch has started, four short tasks,
			// then two that block until the deadline (in workers, "hang"
			// ignores its context: only killing stops it), then more short
			// ones, which the blocked workers never reach.
			started := filepath.Join(t.TempDir(), "started")
			blocking := Task{Name: "blocking", Worker: "sleep", Arg: "1h"}
			if !s.InProcess() {
				blocking = Task{Name: "blocking", Worker: "hang"}
			}
			tasks := []Task{{Name: "started", Worker: "test-touch", Arg: started}}
			tasks = append(tasks, Work(4, "count", 100)...)
			tasks = append(tasks, blocking, blocking)
			tasks = append(tasks, Work(5, "count", 100)...)
			// The 500 ms deadline starts once a task has run, so that it
			// never covers starting race-built workers on a busy machine.
			// It is a cancel with the deadline's error as its cause, which
			// is what Batch reports.
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			done := goBatch(ctx, s, tasks)
			// The process pool's feeders race from taking a task to sending
			// it, so both blocking tasks may reach the two workers first and
			// hold up the first task for good: then the clock starts after
			// 5 s anyway. (A batch that ends early is checked below.)
			ran := assert.Eventually(quiet{}, func() bool {
				_, err := os.Stat(started)
				return err == nil || len(done) > 0
			}, 5*time.Second, time.Millisecond)
			if !ran {
				require.Equal(t, processPool, s.kind, "the first task never ran")
			}
			time.AfterFunc(500*time.Millisecond, func() { cancel(context.DeadlineExceeded) })

			// The blocking tasks last an hour or forever: a batch that
			// ends within patience was stopped by its deadline.
			r := waitBatch(t, patience, s, done)
			require.Len(t, r.recs, len(tasks))
			assert.ErrorIs(t, r.err, context.DeadlineExceeded)
			finished := 0
			for _, rec := range r.recs {
				switch {
				case rec.Name == "blocking" && s.Workers() > 1:
					assert.ErrorIs(t, rec.Err, context.DeadlineExceeded)
				case rec.Err == nil && rec.Name == "started":
					finished++
					assert.Equal(t, true, rec.Result)
				case rec.Err == nil:
					finished++
					assert.Equal(t, float64(workloads.CountTo(100)), rec.Result, "a finished task keeps its result")
				default:
					assert.ErrorIs(t, rec.Err, context.DeadlineExceeded)
				}
			}
			// The deadline comes 500 ms after the first task ran, and the
			// four after it are short (~1 µs each): 500 ms is ample for
			// one of them to report back.
			if ran {
				assert.Positive(t, finished)
			}
			last := r.recs[len(tasks)-1]
			switch s.kind {
			case goroutines, maxProcs:
				assert.NoError(t, last.Err, "one goroutine per task starts every task at once")
			case processPool:
				// A call waiting behind "hang" moves to the other worker
				// only when that one runs out of calls; while short calls
				// keep coming, it runs them, perhaps the last one too.
				// The loop above checked both outcomes.
			default:
				assert.ErrorContains(t, last.Err, "not started")
			}
			noChildren(t)
		})
	}
}
