package memory

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Usage is what /proc says about one process at one moment.
type Usage struct {
	PID     int
	PPID    int    // the parent's PID
	Name    string // the command name, at most 15 characters (the kernel's limit)
	RSS     int64  // resident set size in bytes: memory really in RAM; 0 for a zombie
	Threads int    // OS threads, the main one included
}

// procDir is where the kernel's process files live; tests never change it,
// but naming it once keeps the paths below readable.
const procDir = "/proc"

// Self returns the usage of this process.
func Self() (Usage, error) {
	return Of(os.Getpid())
}

// Of returns the usage of the process pid, read from /proc/<pid>/status.
func Of(pid int) (Usage, error) {
	data, err := readProc(pid, "status")
	if err != nil {
		return Usage{}, err
	}
	u, err := parseStatus(data)
	if err != nil {
		return Usage{}, fmt.Errorf("memory: the status of process %d: %w", pid, err)
	}
	return u, nil
}

// parseStatus reads the fields of Usage from the text of /proc/<pid>/status,
// whose lines look like "VmRSS:\t    2176 kB".
func parseStatus(data []byte) (Usage, error) {
	var u Usage
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		var err error
		switch key {
		case "Name":
			u.Name = value
		case "Pid":
			u.PID, err = strconv.Atoi(value)
		case "PPid":
			u.PPID, err = strconv.Atoi(value)
		case "Threads":
			u.Threads, err = strconv.Atoi(value)
		case "VmRSS":
			// The kernel writes kB and means KiB (1024 bytes).
			num, unit, _ := strings.Cut(value, " ")
			if unit != "kB" {
				return Usage{}, fmt.Errorf("VmRSS %q is not in kB", value)
			}
			var kib int64
			kib, err = strconv.ParseInt(num, 10, 64)
			u.RSS = kib * 1024
		default:
			continue
		}
		if err != nil {
			return Usage{}, fmt.Errorf("%s: %w", key, err)
		}
		seen[key] = true
	}
	// A zombie or a kernel thread has no VmRSS line; the rest is always there.
	for _, key := range []string{"Name", "Pid", "PPid", "Threads"} {
		if !seen[key] {
			return Usage{}, fmt.Errorf("no %s line", key)
		}
	}
	return u, nil
}

// Children returns the usage of every child process of this process, sorted
// by PID: the worker processes of a pool, for instance. Grandchildren are not
// included.
func Children() ([]Usage, error) {
	return ChildrenOf(os.Getpid())
}

// ChildrenOf returns the usage of every child process of pid, sorted by PID.
// A child that exits while the list is read is left out.
func ChildrenOf(pid int) ([]Usage, error) {
	if pid <= 0 {
		return nil, fmt.Errorf("memory: invalid pid %d", pid)
	}
	pids, err := childPIDs(pid)
	if err != nil {
		return nil, err
	}
	var children []Usage
	for _, c := range pids {
		u, err := Of(c)
		if err != nil {
			continue // it exited meanwhile
		}
		if u.PPID != pid {
			continue // it exited and its PID was reused meanwhile
		}
		children = append(children, u)
	}
	return children, nil
}

// childPIDs lists the children of pid. Each of its threads has a file
// /proc/<pid>/task/<tid>/children listing the children that thread started;
// a Go program starts processes from whichever thread runs the goroutine, so
// all threads are read. Kernels built without those files are handled by
// scanning every process for one whose parent is pid.
func childPIDs(pid int) ([]int, error) {
	tasks, err := filepath.Glob(filepath.Join(procDir, strconv.Itoa(pid), "task", "*", "children"))
	if err != nil {
		return nil, fmt.Errorf("memory: %w", err)
	}
	if len(tasks) == 0 {
		return scanForChildren(pid)
	}
	var pids []int
	for _, path := range tasks {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // the thread exited meanwhile
		}
		for _, f := range strings.Fields(string(data)) {
			if c, err := strconv.Atoi(f); err == nil {
				pids = append(pids, c)
			}
		}
	}
	slices.Sort(pids)
	return slices.Compact(pids), nil
}

// scanForChildren finds the children of pid by reading every process's
// status; slower than the children files, but available everywhere.
func scanForChildren(pid int) ([]int, error) {
	entries, err := os.ReadDir(procDir)
	if err != nil {
		return nil, fmt.Errorf("memory: %w (this package needs Linux)", err)
	}
	var pids []int
	for _, e := range entries {
		c, err := strconv.Atoi(e.Name())
		if err != nil {
			continue // not a process directory
		}
		if u, err := Of(c); err == nil && u.PPID == pid {
			pids = append(pids, c)
		}
	}
	slices.Sort(pids)
	return pids, nil
}
