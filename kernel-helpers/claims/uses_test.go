package claims

import "testing"

func TestJudgeSingleProcessGIL(t *testing.T) {
	runJudge(t, judgeSingleProcessGIL, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"no python", Figures{"go.threads": 6}, Unmeasured, "no python3"},
		{"threads in one process, with and without a GIL", Figures{"go.threads": 6, "cpython.threads.with_thread": 2}, Disagrees, "which has no GIL"},
		{"a one-thread Go program", Figures{"go.threads": 1, "cpython.threads.with_thread": 2}, Agrees, "cannot tell"},
	})
}

func TestJudgeProcessesSleep(t *testing.T) {
	runJudge(t, judgeProcessesSleep, []judgeCase{
		{"nothing", nil, Unmeasured, "Not measured"},
		{"threads overlap the sleeps", Figures{"cpython.waits.seq.s": 0.4, "cpython.waits.threads.s": 0.2, "cpython.waits.cpu_s": 0.01}, Disagrees, "concurrency is enough"},
		{"threads did not overlap", Figures{"cpython.waits.seq.s": 0.4, "cpython.waits.threads.s": 0.39, "cpython.waits.cpu_s": 0.3}, Agrees, "did not overlap"},
	})
}

func TestUsesNamesAClaimOfTheSameNotebook(t *testing.T) {
	for _, c := range All() {
		if c.Uses == "" {
			continue
		}
		other, err := Get(c.Uses)
		if err != nil {
			t.Errorf("%s uses %s: %v", c.ID, c.Uses, err)
			continue
		}
		if other.Notebook != c.Notebook {
			t.Errorf("%s (%s) uses %s of %s: the notebook's ledger would not hold its figures", c.ID, c.Notebook, c.Uses, other.Notebook)
		}
	}
}
