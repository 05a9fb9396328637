package cheatsheet

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"strings"

	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/source"
)

//go:embed snippets.go
var snippetFiles embed.FS

// Section is a part of the course: a notebook file and the exact text of
// one of its Markdown headings.
type Section struct {
	Notebook, Heading string
}

// Link is the section as a Markdown link that Jupyter follows (and the
// site turns into a link to the notebook's page): the notebook file, with
// the heading's anchor as nbconvert makes it for the site: the heading's
// text, spaces as dashes, URL-quoted (see [Anchor]).
func (s Section) Link() string {
	text := strings.ReplaceAll(s.Heading, "`", "")
	anchor := Anchor(text)
	number, _, _ := strings.Cut(s.Notebook, "-") // "02" of "02-threads.ipynb"
	return fmt.Sprintf("[%s · %s](%s#%s)", number, text, s.Notebook, anchor)
}

// Anchor is the id nbconvert gives a heading of text (its
// _convert_header_id): spaces become dashes, then every byte but letters,
// digits, "-_.~" and "?/:@!$&'()*+,;=" is percent-encoded. Browsers decode
// the fragment when no id matches it as written, so JupyterLab's ids (the
// text, unquoted) are found too.
func Anchor(text string) string {
	const safe = "-_.~?/:@!$&'()*+,;="
	var b strings.Builder
	for _, c := range []byte(strings.ReplaceAll(text, " ", "-")) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte(safe, c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// Row is one line of the cheat sheet.
type Row struct {
	Group    string    // the table it belongs to: one of [Groups]
	Python   string    // the Python construct, as a Python programmer writes it
	Go       string    // its Go counterpart
	When     string    // when to use it, and where the two differ
	Snippets []string  // functions (or Type.Method) of snippets.go that show the Go
	Sections []Section // where the course measures it
}

// Groups are the cheat sheet's tables, in order.
var Groups = []string{"threading", "multiprocessing", "concurrent.futures", "asyncio"}

// Rows returns the cheat sheet, grouped in the order of [Groups].
func Rows() []Row {
	return []Row{
		{
			Group: "threading", Python: "threading.Thread", Go: "go f() and sync.WaitGroup",
			When: "For behaviour a Python thread maps to a goroutine: both share the program's memory and block independently. " +
				"For cost it maps to an OS thread, which a goroutine is not: the Go runtime runs many goroutines on a few OS threads, " +
				"and a goroutine is cheaper to start (01 measures both on your machine). Without a GIL, goroutines also run Go code on every core at once.",
			Snippets: []string{"threadToGoroutine"},
			Sections: []Section{
				{"02-threads.ipynb", "Goroutines are not threads: many goroutines on few OS threads"},
				{"01-processes.ipynb", "What starting one costs: a process, an OS thread, a goroutine"},
			},
		},
		{
			Group: "threading", Python: "threading.Lock", Go: "sync.Mutex",
			When: "Shared data written by more than one goroutine. Like Lock, a Mutex is not reentrant and may be unlocked by another goroutine. " +
				"Go needs it more often than Python: no GIL makes even a single += racy.",
			Snippets: []string{"lockToMutex"},
			Sections: []Section{{"02-threads.ipynb", "4. Three fixes"}},
		},
		{
			Group: "threading", Python: "threading.RLock", Go: "no equivalent",
			When: "Go has no reentrant lock, on purpose: a goroutine that locks a sync.Mutex it holds deadlocks. " +
				"Split the method: the exported one locks, an unexported one does the work and expects the lock held.",
			Snippets: []string{"account.Deposit", "account.deposit"},
			Sections: []Section{{"02-threads.ipynb", "5. Deadlocks"}},
		},
		{
			Group: "threading", Python: "threading.Event", Go: "close(ch) on a chan struct{}; select with time.After for wait(timeout)",
			When: "A one-way signal such as \"stop\" or \"ready\": closing a channel wakes every receiver, now and later. " +
				"Unlike an Event it cannot be cleared or set twice (a second close panics); for stopping work, a context is the usual signal.",
			Snippets: []string{"eventToChannel"},
			Sections: []Section{{"02-threads.ipynb", "6. Threads cannot be killed, only asked to stop"}},
		},
		{
			Group: "threading", Python: "queue.Queue", Go: "a buffered channel, make(chan T, n)",
			When: "Handing work between goroutines. A channel always has a bound (Queue() without maxsize has none), " +
				"and close ends every receiver's range loop, where Python needs a sentinel; q.join() is a sync.WaitGroup.",
			Snippets: []string{"queueToChannel"},
			Sections: []Section{{"04-threads-vs-processes.ipynb", "7. Message passing: \"can still outperform serial execution\""}},
		},
		{
			Group: "multiprocessing", Python: "multiprocessing.Process", Go: "os/exec (another program), or the course's worker package (this program again)",
			When: "Another program, or isolation: memory of its own, a crash or kill that spares the parent. " +
				"Go cannot fork a running program, so a child is always a new program (like the spawn start method); not needed for speed, since goroutines use every core.",
			Snippets: []string{"processToExec"},
			Sections: []Section{
				{"01-processes.ipynb", "A child process has memory of its own"},
				{"01-processes.ipynb", "Killing a process, and what the kill loses"},
			},
		},
		{
			Group: "multiprocessing", Python: "multiprocessing.Pool", Go: "the course's worker.Pool",
			When: "Tasks that must run in other processes. Like Pool, tasks are named (a closure cannot cross a process) and arguments travel encoded (JSON here, pickles there). " +
				"For CPU work in Go, goroutines on every core do the same without the copies.",
			Snippets: []string{"poolToWorkerPool"},
			Sections: []Section{
				{"04-threads-vs-processes.ipynb", "2. One task per core: \"true parallelism\""},
				{"04-threads-vs-processes.ipynb", "6. Talking to a worker: \"IPC's a little more complicated with more overhead\""},
			},
		},
		{
			Group: "multiprocessing", Python: "multiprocessing.Value", Go: "sync/atomic (atomic.Int64), in one process",
			When: "A shared counter or flag. Value puts it in memory shared between processes, and v.value += 1 still needs v.get_lock(); " +
				"goroutines share memory already, and atomic.Int64.Add is one indivisible step.",
			Snippets: []string{"valueToAtomic"},
			Sections: []Section{{"02-threads.ipynb", "4. Three fixes"}},
		},
		{
			Group: "multiprocessing", Python: "multiprocessing.Queue", Go: "a channel between goroutines; a pipe between processes",
			When:     "Results coming back from workers. Between goroutines nothing is copied or pickled; between processes each item is encoded and sent through a pipe, as worker.Pool does.",
			Snippets: []string{"mpQueueToChannel"},
			Sections: []Section{{"04-threads-vs-processes.ipynb", "7. Message passing: \"can still outperform serial execution\""}},
		},
		{
			Group: "concurrent.futures", Python: "ThreadPoolExecutor", Go: "futures.GoroutinePool (the course's), or errgroup with SetLimit",
			When:     "A bounded number of tasks at once with a result each. In Go a goroutine per task is usually enough; a pool bounds memory, connections or load.",
			Snippets: []string{"threadPoolToFutures", "errgroupLimit"},
			Sections: []Section{{"05-async-alternatives.ipynb", "`concurrent.futures` → package `futures`"}},
		},
		{
			Group: "concurrent.futures", Python: "ProcessPoolExecutor", Go: "futures.ProcessPool (the course's)",
			When:     "In Python, the way past the GIL for CPU work. In Go rarely needed for speed: it shows the price of processes (start-up, copies, memory).",
			Snippets: []string{"processPoolToFutures"},
			Sections: []Section{{"05-async-alternatives.ipynb", "`concurrent.futures` → package `futures`"}},
		},
		{
			Group: "concurrent.futures", Python: "as_completed", Go: "futures.AsCompleted, or a results channel",
			When:     "Handling results in the order tasks finish, not the order they were submitted.",
			Snippets: []string{"asCompleted"},
			Sections: []Section{{"05-async-alternatives.ipynb", "`concurrent.futures` → package `futures`"}},
		},
		{
			Group: "asyncio", Python: "asyncio.create_task", Go: "go f() with a channel for the result",
			When:     "Starting work that runs while you wait for something else. A goroutine needs no event loop and no await: a blocking call blocks only its goroutine, and the scheduler preempts a CPU-bound one.",
			Snippets: []string{"createTask"},
			Sections: []Section{
				{"05-async-alternatives.ipynb", "A CPU hog beside a heartbeat: cooperative against preemptive"},
				{"05-async-alternatives.ipynb", "Ten thousand waits: one thread, and what each waiter costs"},
			},
		},
		{
			Group: "asyncio", Python: "asyncio.gather", Go: "sync.WaitGroup and errors.Join",
			When:     "Waiting for several tasks when one failure should not stop the others. gather is not a TaskGroup: on the first exception it raises, but cancels none of the other tasks, which run on unwatched.",
			Snippets: []string{"gather"},
			Sections: []Section{{"05-async-alternatives.ipynb", "`asyncio.gather` is not a TaskGroup"}},
		},
		{
			Group: "asyncio", Python: "asyncio.TaskGroup (3.11+)", Go: "errgroup.WithContext",
			When: "Tasks that succeed or fail together: the first error cancels the others. TaskGroup cancels them outright and raises an ExceptionGroup of all errors; " +
				"errgroup cancels the context, the goroutines must watch it, and Wait returns the first error.",
			Snippets: []string{"taskGroup"},
			Sections: []Section{{"05-async-alternatives.ipynb", "`asyncio.gather` is not a TaskGroup"}},
		},
		{
			Group: "asyncio", Python: "asyncio.wait_for", Go: "context.WithTimeout",
			When:     "A deadline on a wait. wait_for cancels the awaited task when time is up; in Go the work stops only if it watches ctx.Done() (or passes ctx on to a call that does).",
			Snippets: []string{"waitFor"},
			Sections: []Section{{"05-async-alternatives.ipynb", "Timeouts and cancellation → `context`"}},
		},
		{
			Group: "asyncio", Python: "asyncio.Semaphore", Go: "semaphore.Weighted (golang.org/x/sync), or errgroup's SetLimit",
			When:     "At most n at once: connections, files, requests to one server. Acquire takes a context, so a wait can end early.",
			Snippets: []string{"semaphoreWeighted"},
			Sections: []Section{{"05-async-alternatives.ipynb", "Bounded concurrency → a semaphore, or `errgroup.SetLimit`"}},
		},
		{
			Group: "asyncio", Python: "asyncio.wait(return_when=FIRST_COMPLETED)", Go: "select",
			When:     "Taking whichever answer comes first (a hedged request), or a result against a timeout or cancellation. Cancel the losers through their context.",
			Snippets: []string{"firstCompleted"},
			Sections: []Section{{"05-async-alternatives.ipynb", "The first successful answer: a hedged request → `select`"}},
		},
	}
}

// Snippet returns the Go of a row, its functions from snippets.go one
// after the other.
func Snippet(r Row) (string, error) {
	if len(r.Snippets) == 0 {
		return "", fmt.Errorf("cheatsheet: the row %q has no snippet", r.Python)
	}
	var parts []string
	for _, name := range r.Snippets {
		src, err := source.Go(snippetFiles, name)
		if err != nil {
			return "", fmt.Errorf("cheatsheet: the row %q: %w", r.Python, err)
		}
		parts = append(parts, src)
	}
	return strings.Join(parts, "\n\n"), nil
}

// Markdown renders one group of rows: a table (Python, Go, when, where it
// is measured), then each row's snippet. An unknown group is an error.
func Markdown(rows []Row, group string) (string, error) {
	var b strings.Builder
	b.WriteString("| Python | Go | When to use it | Measured in |\n| --- | --- | --- | --- |\n")
	var code strings.Builder
	n := 0
	for _, r := range rows {
		if r.Group != group {
			continue
		}
		n++
		var links []string
		for _, s := range r.Sections {
			links = append(links, s.Link())
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.Python, cell(r.Go), cell(r.When), strings.Join(links, "<br>"))
		src, err := Snippet(r)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&code, "\n**`%s`** → %s\n\n```go\n%s\n```\n", r.Python, cell(r.Go), src)
	}
	if n == 0 {
		return "", fmt.Errorf("cheatsheet: no rows in the group %q (groups: %s)", group, strings.Join(Groups, ", "))
	}
	return b.String() + code.String(), nil
}

// cell keeps a table cell on one line and its pipes from ending it.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// Show displays one group of the cheat sheet in the notebook, or the error
// under the cell.
func Show(group string) {
	md, err := Markdown(Rows(), group)
	if err != nil {
		display.Markdown("**" + err.Error() + "**")
		return
	}
	display.Markdown(md)
}

// Run runs the snippets of a row, each with ctx: the tests' proof that a
// snippet does what its comments say without hanging. A nil ctx, or a row
// without snippets, is an error.
func Run(ctx context.Context, r Row) error {
	if ctx == nil {
		return errors.New("cheatsheet: Run needs a context, got nil")
	}
	if len(r.Snippets) == 0 {
		return fmt.Errorf("cheatsheet: the row %q has no snippet", r.Python)
	}
	for _, name := range r.Snippets {
		f, ok := runnable[name]
		if !ok {
			continue // a method or helper: compiled, run by its caller
		}
		if err := f(ctx); err != nil {
			return fmt.Errorf("cheatsheet: %s: %w", name, err)
		}
	}
	return nil
}

var runnable = map[string]func(context.Context) error{
	"threadToGoroutine": threadToGoroutine, "lockToMutex": lockToMutex, "eventToChannel": eventToChannel,
	"queueToChannel": queueToChannel, "processToExec": processToExec, "poolToWorkerPool": poolToWorkerPool,
	"valueToAtomic": valueToAtomic, "mpQueueToChannel": mpQueueToChannel, "threadPoolToFutures": threadPoolToFutures,
	"processPoolToFutures": processPoolToFutures, "asCompleted": asCompleted, "createTask": createTask,
	"gather": gather, "taskGroup": taskGroup, "waitFor": waitFor, "semaphoreWeighted": semaphoreWeighted,
	"errgroupLimit": errgroupLimit, "firstCompleted": firstCompleted,
	"account.Deposit": func(context.Context) error {
		var a account
		a.Deposit(2)
		a.Deposit(3)
		if a.balance != 5 {
			return fmt.Errorf("balance %d after depositing 2 and 3", a.balance)
		}
		return nil
	},
}
