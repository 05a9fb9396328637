package hub

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MaxUsers bounds [Options].Users: on 2 cores each learner's first cells
// compile for seconds of CPU even with the build-cache seed, and every
// kernel keeps a gopls (about 320 MiB a learner with its server).
const MaxUsers = 30

// Options are a load test's settings. The zero value is not usable: Repo
// must be set; the rest have defaults.
type Options struct {
	// Repo is the course's repository: .hub/hub is run from it, and the
	// learners' copies are made from it.
	Repo string
	// Users is how many learners log in at once, 1 to [MaxUsers]; 0 means 10.
	Users int
	// Notebook is the notebook every learner runs, relative to the course;
	// "" means notebooks/00-overview.ipynb.
	Notebook string
	// Port is the hub's public port on 127.0.0.1; the proxy's API and the
	// hub's own port are the two after it. 0 means 18000.
	Port int
	// CellTimeout bounds one cell; 0 means 10 minutes.
	CellTimeout time.Duration
	// Log receives progress lines; nil means standard error.
	Log io.Writer
}

// Learner is one simulated learner's run.
type Learner struct {
	Name string `json:"name"`
	// Login, Spawn and Run are the times to get a token with the password,
	// to have a running server, and to run the notebook's cells.
	Login time.Duration `json:"login"`
	Spawn time.Duration `json:"spawn"`
	Run   time.Duration `json:"run"`
	Cells []Cell        `json:"cells"`
	// Results counts the history's entries after the run; Flagged those
	// carrying a contention sample, Shared those whose sample says the
	// machine was shared.
	Results int `json:"results"`
	Flagged int `json:"flagged"`
	Shared  int `json:"shared"`
	// Err is the first thing that went wrong, "" when nothing did.
	Err string `json:"err,omitempty"`
}

// Failed reports whether anything went wrong for the learner.
func (l Learner) Failed() bool {
	if l.Err != "" || len(l.Cells) == 0 || l.Results == 0 || l.Flagged != l.Results {
		return true
	}
	return slices.ContainsFunc(l.Cells, Cell.Failed)
}

// Report is a load test's outcome.
type Report struct {
	Users    int       `json:"users"`
	Learners []Learner `json:"learners"`
	// WrongPasswordRefused is true when a wrong password got no token.
	WrongPasswordRefused bool `json:"wrong_password_refused"`
	// Latencies are the hub API's answer times while the learners ran
	// (GET /hub/api/users every 250 ms); APIErrors the requests that failed.
	Latencies []time.Duration `json:"latencies"`
	APIErrors int             `json:"api_errors"`
	// Total is the wall time from the first login to the last cell.
	Total time.Duration `json:"total"`
	// Leftovers lists what was still running or present after the cleanup
	// (processes, accounts): empty when the test left nothing.
	Leftovers []string `json:"leftovers,omitempty"`
}

// Passed counts the learners whose run succeeded, and Failed the others.
func (r Report) Passed() (passed, failed int) {
	for _, l := range r.Learners {
		if l.Failed() {
			failed++
		} else {
			passed++
		}
	}
	return passed, failed
}

// OK reports whether the whole test passed: every learner, the wrong
// password refused, the API answering throughout, nothing left behind.
func (r Report) OK() bool {
	_, failed := r.Passed()
	return failed == 0 && len(r.Learners) == r.Users && r.WrongPasswordRefused && r.APIErrors == 0 &&
		len(r.Latencies) > 0 && slices.Max(r.Latencies) < MaxLatency && len(r.Leftovers) == 0
}

// MaxLatency is the slowest hub API answer under load the test accepts: a
// learner clicking in a browser would call a hub slower than this broken.
const MaxLatency = 5 * time.Second

// Percentile returns the p-th percentile (0 to 100) of the latencies.
func Percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(p / 100 * float64(len(s)-1))
	return s[max(0, min(i, len(s)-1))]
}

const (
	testGroup  = "concurrencylab-loadtest"
	namePrefix = "clload"
)

// Names returns the throwaway account names of a test with n learners.
func Names(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%02d", namePrefix, i+1)
	}
	return out
}

func (o Options) withDefaults() (Options, error) {
	if o.Repo == "" {
		return o, errors.New("hub: Options.Repo is needed")
	}
	if o.Users == 0 {
		o.Users = 10
	}
	if o.Users < 1 || o.Users > MaxUsers {
		return o, fmt.Errorf("hub: %d learners: choose 1 to %d", o.Users, MaxUsers)
	}
	if o.Notebook == "" {
		o.Notebook = "notebooks/00-overview.ipynb"
	}
	if o.Port == 0 {
		o.Port = 18000
	}
	if o.CellTimeout == 0 {
		o.CellTimeout = 10 * time.Minute
	}
	if o.Log == nil {
		o.Log = os.Stderr
	}
	return o, nil
}

// LoadTest runs the load test (see the package comment). It returns an
// error when the test could not run; a run with failures returns a Report
// that is not [Report.OK]. Whatever happens, it stops the hub and removes
// the accounts before it returns.
func LoadTest(ctx context.Context, opts Options) (Report, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return Report{}, err
	}
	if os.Geteuid() != 0 {
		return Report{}, errors.New("hub: the load test makes accounts and runs servers as them: run it as root")
	}
	tmp, err := os.MkdirTemp("", "hub-loadtest-")
	if err != nil {
		return Report{}, err
	}
	defer os.RemoveAll(tmp)
	script := filepath.Join(opts.Repo, ".hub", "hub")
	env := append(os.Environ(),
		"HUB_REPO="+opts.Repo, "HUB_RUN="+filepath.Join(tmp, "run"), "HUB_GROUP="+testGroup,
		"HUB_PASSWORDS="+filepath.Join(tmp, "passwords.txt"), "HUB_IP=127.0.0.1", "HUB_QUICK=1", "HUB_UI=classic",
		fmt.Sprintf("HUB_PORT=%d", opts.Port), fmt.Sprintf("HUB_API_PORT=%d", opts.Port+1), fmt.Sprintf("HUB_HUB_PORT=%d", opts.Port+2))
	hub := func(args ...string) error {
		// Its own context: the cleanup must run even after ctx is done.
		c, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(c, script, args...)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, opts.Log, opts.Log
		if err := cmd.Run(); err != nil {
			return fmt.Errorf(".hub/hub %s: %w", args[0], err)
		}
		return nil
	}
	logf := func(format string, a ...any) { fmt.Fprintf(opts.Log, "loadtest: "+format+"\n", a...) }

	names := Names(opts.Users)
	rep := Report{Users: opts.Users}
	// A test that died before its cleanup may have left accounts: remove
	// them first (only learners' accounts: the script refuses others).
	if err := hub(append([]string{"remove-users"}, Names(MaxUsers)...)...); err != nil {
		return rep, err
	}
	roster := filepath.Join(tmp, "roster.txt")
	if err := os.WriteFile(roster, []byte(strings.Join(names, "\n")+"\n"), 0o600); err != nil {
		return rep, err
	}
	uids := map[string]bool{} // the learners', to find their processes after the accounts are gone
	defer func() {
		if _, failed := rep.Passed(); failed > 0 {
			// The hub's own words about what went wrong, before they go.
			if log, err := os.ReadFile(filepath.Join(tmp, "run", "hub.log")); err == nil {
				logf("the hub's log ends with:\n%s", tail(string(log), 40))
			}
		}
		_ = hub("stop")
		_ = hub(append([]string{"remove-users"}, names...)...)
		_ = exec.Command("groupdel", testGroup).Run() // the group .hub/hub users made
		rep.Leftovers = leftovers(names, uids, "HUB_RUN="+filepath.Join(tmp, "run"))
		for _, l := range rep.Leftovers {
			logf("left behind: %s", l)
		}
	}()
	if err := hub("users", roster); err != nil {
		return rep, err
	}
	passwords, err := readPasswords(filepath.Join(tmp, "passwords.txt"))
	if err != nil {
		return rep, err
	}
	for _, n := range names {
		if u, err := user.Lookup(n); err == nil {
			uids[u.Uid] = true
		}
	}
	if err := hub("start"); err != nil {
		return rep, err
	}
	c := newClient(fmt.Sprintf("http://127.0.0.1:%d", opts.Port))
	service, err := os.ReadFile(filepath.Join(tmp, "run", "service-token"))
	if err != nil {
		return rep, err
	}

	// A wrong password must get no token (PAM holds it about 3 s).
	_, err = c.login(ctx, names[0], passwords[names[0]]+"-wrong")
	rep.WrongPasswordRefused = err != nil && strings.Contains(err.Error(), "403")

	// The hub API's latency, sampled while the learners work.
	sampling, stopSampling := context.WithCancel(ctx)
	var sampler sync.WaitGroup
	sampler.Go(func() {
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-sampling.Done():
				return
			case <-tick.C:
			}
			t := time.Now()
			rctx, cancel := context.WithTimeout(sampling, 30*time.Second)
			_, err := c.do(rctx, http.MethodGet, "/hub/api/users", strings.TrimSpace(string(service)), nil, nil)
			cancel()
			if sampling.Err() != nil {
				return
			}
			if err != nil {
				rep.APIErrors++
				logf("hub API: %v", err)
				continue
			}
			rep.Latencies = append(rep.Latencies, time.Since(t))
		}
	})

	start := time.Now()
	rep.Learners = make([]Learner, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			rep.Learners[i] = runLearner(ctx, c, opts, name, passwords[name], logf)
		})
	}
	wg.Wait()
	rep.Total = time.Since(start)
	stopSampling()
	sampler.Wait()

	for i := range rep.Learners {
		l := &rep.Learners[i]
		if err := countHistory(l, opts.Notebook); err != nil && l.Err == "" {
			l.Err = err.Error()
		}
	}
	return rep, nil
}

// runLearner logs one learner in, starts their server, runs the notebook
// in their kernel and closes it again.
func runLearner(ctx context.Context, c *client, opts Options, name, password string, logf func(string, ...any)) (l Learner) {
	l.Name = name
	fail := func(err error) Learner {
		l.Err = err.Error()
		logf("%s: %v", name, err)
		return l
	}
	t := time.Now()
	token, err := c.login(ctx, name, password)
	if err != nil {
		return fail(err)
	}
	l.Login = time.Since(t)
	t = time.Now()
	sctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	err = c.startServer(sctx, name, token)
	cancel()
	if err != nil {
		return fail(err)
	}
	l.Spawn = time.Since(t)
	defer func() {
		if err := c.stopServer(context.Background(), name, token); err != nil {
			logf("%s: stopping the server: %v", name, err)
		}
	}()

	var nb struct {
		Content struct {
			Cells []struct {
				CellType string `json:"cell_type"`
				Source   any    `json:"source"`
			} `json:"cells"`
		} `json:"content"`
	}
	base := "/user/" + name + "/api"
	if _, err := c.do(ctx, http.MethodGet, base+"/contents/"+opts.Notebook, token, nil, &nb); err != nil {
		return fail(err)
	}
	var session struct {
		Kernel struct {
			ID string `json:"id"`
		} `json:"kernel"`
		ID string `json:"id"`
	}
	body := map[string]any{"path": opts.Notebook, "type": "notebook", "name": "", "kernel": map[string]string{"name": "gonb"}}
	if _, err := c.do(ctx, http.MethodPost, base+"/sessions", token, body, &session); err != nil {
		return fail(err)
	}
	defer func() {
		_, _ = c.do(context.Background(), http.MethodDelete, base+"/sessions/"+session.ID, token, nil, nil)
	}()
	k, err := openKernel(ctx, c.base, name, token, session.Kernel.ID)
	if err != nil {
		return fail(err)
	}
	defer k.Close()
	hctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	err = k.handshake(hctx)
	cancel()
	if err != nil {
		return fail(err)
	}
	t = time.Now()
	for i, cell := range nb.Content.Cells {
		if cell.CellType != "code" {
			continue
		}
		r := k.execute(ctx, i, source(cell.Source), opts.CellTimeout)
		l.Cells = append(l.Cells, r)
		if r.Failed() {
			logf("%s: cell %d: %s %v %.300s", name, i, r.Status, r.Errors, r.Stderr)
			break
		}
	}
	l.Run = time.Since(t)
	logf("%s: ran %d cells in %v", name, len(l.Cells), l.Run.Round(100*time.Millisecond))
	return l
}

// source is a notebook cell's source: a string or a list of lines.
func source(s any) string {
	switch v := s.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, line := range v {
			if str, ok := line.(string); ok {
				b.WriteString(str)
			}
		}
		return b.String()
	}
	return ""
}

// countHistory reads the learner's results history (their own copy of the
// course) and counts the results that carry a contention sample.
func countHistory(l *Learner, notebook string) error {
	u, err := user.Lookup(l.Name)
	if err != nil {
		return err
	}
	path := filepath.Join(u.HomeDir, "concurrencylab", filepath.Dir(notebook), ".history", "results.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("no results history: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e struct {
			Result struct {
				Contention *struct {
					Known bool    `json:"known"`
					Busy  int     `json:"busy"`
					Steal float64 `json:"steal"`
				} `json:"contention"`
			} `json:"result"`
		}
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		l.Results++
		if s := e.Result.Contention; s != nil && s.Known {
			l.Flagged++
			if s.Busy > 0 || s.Steal >= 0.05 {
				l.Shared++
			}
		}
	}
	return sc.Err()
}

func readPasswords(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("the accounts' passwords: %w", err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if name, pw, ok := strings.Cut(strings.TrimSpace(line), " "); ok {
			out[name] = pw
		}
	}
	return out, nil
}

// leftovers lists the test's accounts and processes still there: those of
// the learners' uids, and those whose environment holds marker (the hub and
// its proxy).
func leftovers(names []string, uids map[string]bool, marker string) []string {
	var out []string
	for _, n := range names {
		if _, err := user.Lookup(n); err == nil {
			out = append(out, "account "+n)
		}
	}
	self := strconv.Itoa(os.Getpid())
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid := e.Name()
		if pid[0] < '0' || pid[0] > '9' || pid == self {
			continue
		}
		status, err := os.ReadFile("/proc/" + pid + "/status")
		if err != nil || strings.Contains(string(status), "State:\tZ") {
			continue
		}
		ours := false
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[0] == "Uid:" && uids[f[1]] {
				ours = true
			}
		}
		if environ, err := os.ReadFile("/proc/" + pid + "/environ"); err == nil && bytes.Contains(environ, []byte(marker+"\x00")) {
			ours = true
		}
		if ours {
			cmdline, _ := os.ReadFile("/proc/" + pid + "/cmdline")
			out = append(out, "process "+pid+": "+string(bytes.ReplaceAll(bytes.TrimRight(cmdline, "\x00"), []byte{0}, []byte{' '})))
		}
	}
	return out
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
