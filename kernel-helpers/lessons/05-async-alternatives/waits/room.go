package waits

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// threadRoom returns about how many more threads the kernel would let this
// process create: the smallest of its limits (threads on the machine,
// process ids, threads per user, the control group's pids.max) minus what
// is in use. It errs on the low side: every thread on the machine is
// counted against the per-user limit too.
func threadRoom() (int, error) {
	inUse, err := machineThreads()
	if err != nil {
		return 0, err
	}
	room := math.MaxInt
	for _, file := range []string{"/proc/sys/kernel/threads-max", "/proc/sys/kernel/pid_max"} {
		if v, err := readInt(file); err == nil {
			room = min(room, v-inUse)
		}
	}
	var rl unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NPROC, &rl); err == nil && rl.Cur != unix.RLIM_INFINITY && rl.Cur < math.MaxInt32 {
		room = min(room, int(rl.Cur)-inUse)
	}
	if data, err := os.ReadFile("/proc/self/cgroup"); err == nil {
		for _, dir := range pidsCgroupDirs(string(data)) {
			max, errMax := readInt(filepath.Join(dir, "pids.max")) // "max" (no limit) fails to parse: skipped
			cur, errCur := readInt(filepath.Join(dir, "pids.current"))
			if errMax == nil && errCur == nil {
				room = min(room, max-cur)
			}
		}
	}
	return max(room, 0), nil
}

// machineThreads returns the number of threads on the whole machine: the
// fourth field of /proc/loadavg is "running/total".
func machineThreads() (int, error) {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, fmt.Errorf("waits: %w (this package needs Linux)", err)
	}
	return parseLoadavg(string(data))
}

func parseLoadavg(s string) (int, error) {
	fields := strings.Fields(s)
	if len(fields) < 4 {
		return 0, fmt.Errorf("waits: /proc/loadavg %q has fewer than 4 fields", s)
	}
	_, total, ok := strings.Cut(fields[3], "/")
	n, err := strconv.Atoi(total)
	if !ok || err != nil {
		return 0, fmt.Errorf("waits: /proc/loadavg field %q is not running/total", fields[3])
	}
	return n, nil
}

// pidsCgroupDirs returns the folders that may hold this process's pids
// controller files, from the text of /proc/self/cgroup: the unified
// hierarchy ("0::/path", cgroup v2) and the pids controller's own
// ("N:pids:/path", cgroup v1).
func pidsCgroupDirs(cgroup string) []string {
	var dirs []string
	sc := bufio.NewScanner(strings.NewReader(cgroup))
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), ":", 3)
		if len(parts) != 3 {
			continue
		}
		switch {
		case parts[0] == "0" && parts[1] == "":
			dirs = append(dirs, filepath.Join("/sys/fs/cgroup", parts[2]))
		case strings.Contains(","+parts[1]+",", ",pids,"):
			dirs = append(dirs, filepath.Join("/sys/fs/cgroup/pids", parts[2]))
		}
	}
	return dirs
}

func readInt(path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	v, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return 0, errors.New(path + ": not a number")
	}
	return v, nil
}
