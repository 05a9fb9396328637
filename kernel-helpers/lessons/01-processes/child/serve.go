package child

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"concurrencylab/workloads"
)

// envVar makes this program a counting child. Its value is
// "count:<n>:<interval in ns>".
const envVar = "CONCURRENCYLAB_CHILD"

// init serves as a counting child when the parent asked for one, and exits
// before anything else of the program runs.
func init() {
	if spec, ok := os.LookupEnv(envVar); ok {
		os.Exit(serve(spec))
	}
}

// serve counts as spec says, reporting progress on stdout, and returns the
// exit code.
func serve(spec string) int {
	n, interval, err := parseSpec(spec)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	w := bufio.NewWriter(os.Stdout)
	var done int64
	last := time.Now()
	count := workloads.CountToWith(n, func() {
		done += workloads.CheckEvery
		if now := time.Now(); now.Sub(last) >= interval {
			last = now
			// Flushed at once: a report still in this process's buffer
			// would die with it.
			fmt.Fprintf(w, "progress %d\n", done)
			w.Flush()
		}
	})
	fmt.Fprintf(w, "result %d\n", count)
	if err := w.Flush(); err != nil {
		return 1
	}
	return 0
}

func parseSpec(spec string) (n int64, interval time.Duration, err error) {
	f := strings.Split(spec, ":")
	if len(f) != 3 || f[0] != "count" {
		return 0, 0, fmt.Errorf("bad %s=%q: want count:<n>:<interval ns>", envVar, spec)
	}
	n, err1 := strconv.ParseInt(f[1], 10, 64)
	ns, err2 := strconv.ParseInt(f[2], 10, 64)
	if err1 != nil || err2 != nil || n < 1 || ns <= 0 {
		return 0, 0, fmt.Errorf("bad %s=%q: want count:<n>:<interval ns> with both positive", envVar, spec)
	}
	return n, time.Duration(ns), nil
}
