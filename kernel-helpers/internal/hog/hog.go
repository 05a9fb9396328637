package hog

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Env selects the role of a copy of the test binary: "launcher" starts a
// hog in a new session and exits; "hog" writes its PID on the pipe it
// inherited and spins.
const Env = "CONCURRENCYLAB_TEST_HOG"

// Life bounds a hog's life, whatever happens to the test that started it.
const Life = 20 * time.Second

func init() {
	switch os.Getenv(Env) {
	case "launcher":
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), Env+"=hog")
		cmd.Stdout = os.Stdout // the test reads the hog's PID from it
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := cmd.Start(); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		os.Exit(0)
	case "hog":
		fmt.Println(os.Getpid())
		os.Stdout.Close()
		for end := time.Now().Add(Life); time.Now().Before(end); {
		}
		os.Exit(0)
	}
}

// Start starts a CPU hog that is not a descendant of this test and returns
// its PID; the test's cleanup kills it and waits, a little, until it is
// gone.
func Start(t testing.TB) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), Env+"=launcher")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatalf("hog: %v", err)
	}
	defer r.Close()
	cmd.Stdout = w
	err = cmd.Start()
	w.Close()
	if err != nil {
		t.Fatalf("hog: starting the launcher: %v", err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("hog: the launcher failed: %v", err)
	}
	if err := r.SetReadDeadline(time.Now().Add(30 * time.Second)); err != nil {
		t.Fatalf("hog: %v", err)
	}
	line, _ := bufio.NewReader(r).ReadString('\n')
	pid, err := strconv.Atoi(line[:max(0, len(line)-1)])
	if err != nil || pid <= 0 {
		t.Fatalf("hog: the launcher said %q", line)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		// Wait until it is gone or a zombie (its new parent reaps it), bounded.
		for i := 0; i < 100 && syscall.Kill(pid, 0) == nil && state(pid) != 'Z'; i++ {
			time.Sleep(20 * time.Millisecond)
		}
	})
	return pid
}

// state is the state letter of process pid in /proc/<pid>/stat ('R', 'S',
// 'Z', …), or 0 when it cannot be read.
func state(pid int) byte {
	st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// "pid (comm) S …": the name may hold spaces and parentheses.
	i := bytes.LastIndexByte(st, ')')
	if i < 0 || i+2 >= len(st) {
		return 0
	}
	return st[i+2]
}
