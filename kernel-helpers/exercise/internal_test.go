package exercise

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

const dump = `goroutine 1 [running]:
main.main()
	/tmp/x/main.go:10 +0x1

goroutine 7 [sync.Mutex.Lock]:
sync.(*Mutex).Lock(...)
	/usr/lib/go/src/sync/mutex.go:90
main.transfer(0x1)
	/tmp/x/main.go:20 +0x2
created by main.run in goroutine 1
	/tmp/x/main.go:30 +0x3

goroutine 8 [chan receive, 2 minutes]:
main.worker.func1()
	/tmp/x/main.go:40 +0x4
created by main.worker in goroutine 1

goroutine 9 [select]:
concurrencylab/kernel-helpers/exercise.runTests(...)
	/x/child.go:1
`

func TestParseDump(t *testing.T) {
	gs := parseDump(dump)
	assert.Equal(t, []goroutine{{"running", "main"}, {"sync.Mutex.Lock", "transfer"}, {"chan receive", "worker.func1"}}, gs)
	h := hangHint(time.Second, dump)
	assert.Contains(t, h, "1 in transfer (sync.Mutex.Lock)")
	assert.Contains(t, h, "two locks taken in opposite orders")
	assert.Contains(t, h, "a channel nobody sends on")
	assert.NotContains(t, h, "/tmp/")
}

const raceReport = `==================
WARNING: DATA RACE
Read at 0x00c00001c0d8 by goroutine 8:
  main.count.func1()
      /tmp/x/main.go:12 +0x3a

Previous write at 0x00c00001c0d8 by goroutine 7:
  main.count.func1()
      /tmp/x/main.go:12 +0x4c

Goroutine 8 (running) created at:
  main.count()
      /tmp/x/main.go:10 +0x1
==================
`

func TestOutcome(t *testing.T) {
	cases := []struct {
		name     string
		report   string
		stderr   string
		waitErr  error
		killed   bool
		want     Outcome
		contains string
	}{
		{"reported pass", `{"outcome":"pass","hint":"ok"}`, "", nil, false, Pass, "ok"},
		{"race beats a pass", `{"outcome":"pass"}`, raceReport, errors.New("exit status 66"), false, Race, "read in count.func1; previous write in count.func1"},
		{"panic", "", "panic: boom\n\ngoroutine 5 [running]:\nmain.f()\n", errors.New("exit status 2"), false, Fail, "panicked in a goroutine it started: boom"},
		{"todo in a goroutine", "", "panic: exercise: not done yet\n\ngoroutine 5 [running]:\n", errors.New("exit status 2"), false, NotDone, ""},
		{"runtime deadlock", "", "fatal error: all goroutines are asleep - deadlock!\n", errors.New("exit status 2"), false, Timeout, "every goroutine was waiting"},
		{"map writes", "", "fatal error: concurrent map writes\n", errors.New("exit status 2"), false, Fail, "concurrent map writes"},
		{"killed", "", "", errors.New("signal: killed"), true, Timeout, "did not stop when asked"},
		{"exited", "", "", errors.New("exit status 1"), false, Fail, "os.Exit"},
		{"no check", "", "", nil, false, Fail, "call Check"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := outcome([]byte(c.report), c.stderr, c.waitErr, c.killed, time.Second)
			assert.Equal(t, c.want, r.Outcome)
			assert.Contains(t, r.Hint, c.contains)
			assert.NotContains(t, r.Hint, "goroutine 5")
		})
	}
}
