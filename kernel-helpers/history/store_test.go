package history

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Main(m) }

// tempStore returns a store in a fresh temporary folder, with its warnings
// collected in the returned buffer.
func tempStore(t *testing.T) (*Store, *bytes.Buffer) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), ".history", "results.jsonl"))
	require.NoError(t, err)
	var warnings bytes.Buffer
	s.Warnings = &warnings
	return s, &warnings
}

func result(name, strategy string, workers int, samples ...time.Duration) bench.Result {
	return bench.Result{Name: name, Strategy: strategy, Workers: workers, Samples: samples}
}

var t0 = time.Date(2025, 3, 4, 5, 12, 0, 0, time.UTC)

func entry(run string, at time.Time, label string, r bench.Result) Entry {
	return Entry{
		Time: at, Run: run, Label: label, Result: r,
		Machine: bench.MachineInfo{CPU: "test CPU", LogicalCores: 4, GOMAXPROCS: 4, GoVersion: "go1.26", OS: "linux", Arch: "amd64"},
	}
}

func TestStore_Record_roundTrip(t *testing.T) {
	s, warnings := tempStore(t)
	r1 := result("sumsqrt", "sequential", 1, 30*time.Millisecond, 31*time.Millisecond)
	r1.Params = map[string]string{"n": "2000000"}
	r2 := result("sumsqrt", "goroutines", 4, 9*time.Millisecond, 8*time.Millisecond, 10*time.Millisecond)

	before := time.Now().UTC()
	require.NoError(t, s.Record("GOMAXPROCS=1", r1, r2))
	after := time.Now().UTC()

	got, err := s.Load()
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, r1, got[0].Result)
	assert.Equal(t, r2, got[1].Result)
	for _, e := range got {
		assert.Equal(t, ThisRun(), e.Run)
		assert.Equal(t, "GOMAXPROCS=1", e.Label)
		assert.Equal(t, bench.Machine(), e.Machine)
		assert.Equal(t, time.UTC, e.Time.Location())
		assert.False(t, e.Time.Before(before.Truncate(time.Microsecond)) || e.Time.After(after), "time %v not in [%v, %v]", e.Time, before, after)
	}
	assert.Empty(t, warnings.String())
}

func TestStore_Append_roundTripExact(t *testing.T) {
	s, _ := tempStore(t)
	want := []Entry{
		entry("run-a", t0, "", result("fetch", "asyncio", 100, 1500*time.Microsecond)),
		entry("run-b", t0.Add(time.Minute+123456789), "tag", bench.Result{Name: "fetch", Samples: []time.Duration{0, 1, 2}, Params: map[string]string{"urls": "50"}}),
	}
	require.NoError(t, s.Append(want...))
	require.NoError(t, s.Append()) // nothing to do is not an error
	got, err := s.Load()
	require.NoError(t, err)
	assert.Equal(t, want, got)

	raw, err := os.ReadFile(s.Path())
	require.NoError(t, err)
	assert.Equal(t, 2, bytes.Count(raw, []byte("\n")), "one line per entry")
}

func TestStore_Load_missingFileIsEmpty(t *testing.T) {
	s, warnings := tempStore(t)
	got, err := s.Load()
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Empty(t, warnings.String())
	_, err = os.Stat(s.Path())
	assert.True(t, errors.Is(err, os.ErrNotExist), "reading must not create the file")
}

func TestStore_Append_invalid(t *testing.T) {
	good := entry("r", t0, "", result("x", "s", 1, time.Second))
	tests := []struct {
		name    string
		mutate  func(*Entry)
		wantErr string
	}{
		{"no name", func(e *Entry) { e.Result.Name = "" }, "no Name"},
		{"no time", func(e *Entry) { e.Time = time.Time{} }, "no Time"},
		{"no run", func(e *Entry) { e.Run = "" }, "no Run"},
		{"negative sample", func(e *Entry) { e.Result.Samples = []time.Duration{1, -1} }, "sample 1 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := tempStore(t)
			bad := good
			tt.mutate(&bad)
			err := s.Append(good, bad)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Contains(t, err.Error(), "entry 1")
			_, statErr := os.Stat(s.Path())
			assert.True(t, errors.Is(statErr, os.ErrNotExist), "nothing is written when one entry is bad")
		})
	}
	t.Run("Record without a name", func(t *testing.T) {
		s, _ := tempStore(t)
		assert.Error(t, s.Record("", bench.Result{Samples: []time.Duration{1}}))
	})
}

// line returns e encoded, for writing history files by hand.
func line(t *testing.T, e Entry) string {
	t.Helper()
	b, err := encode(e)
	require.NoError(t, err)
	return string(b)
}

func TestDecode(t *testing.T) {
	good := entry("r", t0, "", result("x", "s", 1, time.Second))
	g := line(t, good)
	tests := []struct {
		name      string
		text      string
		entries   int
		warnLines []int
		warnText  string
	}{
		{"empty", "", 0, nil, ""},
		{"blank lines are ignored", "\n  \n" + g + "\n", 1, nil, ""},
		{"last line without newline", g + strings.TrimSuffix(g, "\n"), 2, nil, ""},
		{"truncated line", g + g[:len(g)/2] + "\n" + g, 2, []int{2}, "unexpected end of JSON input"},
		{"garbage", "not json at all\n" + g, 1, []int{1}, "invalid character"},
		{"two entries glued together", strings.TrimSuffix(g, "\n") + g, 0, []int{1}, "after top-level value"},
		{"JSON but no name", `{"time":"2025-03-04T05:12:00Z","run":"r","result":{"samples":[1]}}` + "\n", 0, []int{1}, "no Name"},
		{"JSON null", "null\n" + g, 1, []int{1}, "no Name"},
		{"wrong type", `{"time":"2025-03-04T05:12:00Z","run":"r","result":{"name":"x","samples":"fast"}}` + "\n", 0, []int{1}, "cannot unmarshal"},
		{"negative sample", `{"time":"2025-03-04T05:12:00Z","run":"r","result":{"name":"x","samples":[-5]}}` + "\n", 0, []int{1}, "negative"},
		{"binary junk", "\x00\xff\xfe\n" + g, 1, []int{1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, warnings, err := Decode(strings.NewReader(tt.text))
			require.NoError(t, err)
			assert.Len(t, entries, tt.entries)
			var lines []int
			for _, w := range warnings {
				lines = append(lines, w.Line)
				assert.Contains(t, w.Error(), tt.warnText)
			}
			assert.Equal(t, tt.warnLines, lines)
		})
	}
}

func TestStore_Load_skipsCorruptLinesWithAWarning(t *testing.T) {
	s, warnings := tempStore(t)
	require.NoError(t, s.Append(entry("r", t0, "", result("a", "s", 1, 1))))
	f, err := os.OpenFile(s.Path(), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"time":"2025-03-04T05:1` + "\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	require.NoError(t, s.Append(entry("r", t0, "", result("b", "s", 1, 1))))

	got, err := s.Load()
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "a", got[0].Result.Name)
	assert.Equal(t, "b", got[1].Result.Name)
	assert.Equal(t, "history: results.jsonl line 2 skipped: unexpected end of JSON input\n", warnings.String())
	assert.NotContains(t, warnings.String(), filepath.Dir(s.Path()), "no folder of this machine in notebook output")
}

func TestStore_Append_afterACutShortLastLine(t *testing.T) {
	// A cell killed in the middle of a write leaves a last line without its
	// newline; the next append must not be glued to it.
	s, warnings := tempStore(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(s.Path()), 0o755))
	g := line(t, entry("r", t0, "", result("a", "s", 1, 1)))
	require.NoError(t, os.WriteFile(s.Path(), []byte(g+g[:20]), 0o644))

	require.NoError(t, s.Append(entry("r", t0, "", result("b", "s", 1, 1))))
	got, err := s.Load()
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "b", got[1].Result.Name)
	assert.Contains(t, warnings.String(), "line 2 skipped")
}

func TestStore_QueryAndNames(t *testing.T) {
	s, _ := tempStore(t)
	withN := func(r bench.Result, n string) bench.Result {
		r.Params = map[string]string{"n": n}
		return r
	}
	require.NoError(t, s.Append(
		entry("r1", t0, "", withN(result("sumsqrt", "sequential", 1, 1), "1000")),
		entry("r1", t0, "", withN(result("sumsqrt", "goroutines", 4, 1), "1000")),
		entry("r2", t0.Add(time.Hour), "GOMAXPROCS=1", withN(result("sumsqrt", "goroutines", 4, 1), "2000")),
		entry("r2", t0.Add(time.Hour), "", result("fetch", "asyncio", 10, 1)),
	))
	count := func(name string, filters ...Filter) int {
		t.Helper()
		got, err := s.Query(name, filters...)
		require.NoError(t, err)
		for _, e := range got {
			assert.Equal(t, name, e.Result.Name)
		}
		return len(got)
	}
	assert.Equal(t, 3, count("sumsqrt"))
	assert.Equal(t, 1, count("fetch"))
	assert.Equal(t, 0, count("nothing"))
	assert.Equal(t, 2, count("sumsqrt", Strategy("goroutines")))
	assert.Equal(t, 2, count("sumsqrt", Param("n", "1000")))
	assert.Equal(t, 0, count("sumsqrt", Param("m", "1000")))
	assert.Equal(t, 1, count("sumsqrt", Label("GOMAXPROCS=1")))
	assert.Equal(t, 2, count("sumsqrt", Label("")))
	assert.Equal(t, 1, count("sumsqrt", Since(t0.Add(time.Minute))))
	assert.Equal(t, 1, count("sumsqrt", Strategy("goroutines"), Param("n", "1000")))

	_, err := s.Query("")
	assert.Error(t, err)

	names, err := s.Names()
	require.NoError(t, err)
	assert.Equal(t, []string{"fetch", "sumsqrt"}, names)
}

func TestStore_Forget(t *testing.T) {
	s, warnings := tempStore(t)
	require.NoError(t, s.Append(
		entry("r", t0, "", result("a", "s", 1, 1)),
		entry("r", t0, "", result("b", "s", 1, 2)),
		entry("r", t0, "", result("a", "t", 1, 3)),
	))
	f, err := os.OpenFile(s.Path(), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString("garbage\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())

	removed, err := s.Forget("a")
	require.NoError(t, err)
	assert.Equal(t, 2, removed)

	got, err := s.Load()
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "b", got[0].Result.Name)
	assert.Contains(t, warnings.String(), "line 2 skipped", "an unreadable line is not Forget's to drop")

	removed, err = s.Forget("a")
	require.NoError(t, err)
	assert.Equal(t, 0, removed)

	_, err = s.Forget("")
	assert.Error(t, err)
	assertOnlyHistoryFile(t, s)
}

func TestStore_ForgetAll(t *testing.T) {
	s, _ := tempStore(t)
	require.NoError(t, s.Append(
		entry("r", t0, "", result("a", "s", 1, 1)),
		entry("r", t0, "", result("b", "s", 1, 2)),
	))
	require.NoError(t, s.ForgetAll())
	got, err := s.Load()
	require.NoError(t, err)
	assert.Empty(t, got)
	assertOnlyHistoryFile(t, s)

	require.NoError(t, s.Append(entry("r", t0, "", result("c", "s", 1, 1))))
	got, err = s.Load()
	require.NoError(t, err)
	assert.Len(t, got, 1, "the history works again after ForgetAll")
}

func TestStore_Forget_missingFile(t *testing.T) {
	s, _ := tempStore(t)
	removed, err := s.Forget("a")
	require.NoError(t, err)
	assert.Equal(t, 0, removed)
	require.NoError(t, s.ForgetAll())
	_, err = os.Stat(filepath.Dir(s.Path()))
	assert.True(t, errors.Is(err, os.ErrNotExist), "forgetting nothing creates nothing")
}

func TestStore_Forget_failedRenameLeavesNoTempFile(t *testing.T) {
	s, _ := tempStore(t)
	require.NoError(t, s.Append(
		entry("r", t0, "", result("a", "s", 1, 1)),
		entry("r", t0, "", result("b", "s", 1, 2)),
	))
	before, err := os.ReadFile(s.Path())
	require.NoError(t, err)

	boom := errors.New("disk on fire")
	rename = func(string, string) error { return boom }
	t.Cleanup(func() { rename = os.Rename })

	_, err = s.Forget("a")
	require.ErrorIs(t, err, boom)
	after, err := os.ReadFile(s.Path())
	require.NoError(t, err)
	assert.Equal(t, before, after, "a failed Forget leaves the history as it was")
	assertOnlyHistoryFile(t, s)
}

// assertOnlyHistoryFile checks that no temporary file is left beside the history.
func assertOnlyHistoryFile(t *testing.T, s *Store) {
	t.Helper()
	files, err := os.ReadDir(filepath.Dir(s.Path()))
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
	}
	assert.Equal(t, []string{filepath.Base(s.Path())}, names)
}

func TestStore_permissions(t *testing.T) {
	s, _ := tempStore(t)
	require.NoError(t, s.Record("", result("a", "s", 1, 1)))

	for _, p := range []string{s.Path(), filepath.Dir(s.Path())} {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		perm := fi.Mode().Perm()
		assert.Equal(t, os.FileMode(0o600), perm&0o600, "%s: owner reads and writes (%v)", p, perm)
		assert.Zero(t, perm&0o022, "%s: nobody else writes (%v)", p, perm)
	}
	fi, err := os.Stat(s.Path())
	require.NoError(t, err)
	assert.Zero(t, fi.Mode().Perm()&0o111, "the history is not executable")

	// A mode chosen by the owner survives a rewrite.
	require.NoError(t, os.Chmod(s.Path(), 0o640))
	_, err = s.Forget("a")
	require.NoError(t, err)
	fi, err = os.Stat(s.Path())
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm())
}

func TestOpen_badPath(t *testing.T) {
	_, err := Open("")
	assert.Error(t, err)
	_, err = Open(t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is a folder")
}

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		history string // CONCURRENCYLAB_HISTORY
		gonbDir string // GONB_DIR
		want    string
	}{
		{"outside a notebook: the current folder", "", "", filepath.Join(dir, ".history", "results.jsonl")},
		{"in a notebook: the notebook's folder", "", filepath.Join(dir, "notebooks"), filepath.Join(dir, "notebooks", ".history", "results.jsonl")},
		{"the environment variable wins", filepath.Join(dir, "mine.jsonl"), filepath.Join(dir, "notebooks"), filepath.Join(dir, "mine.jsonl")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(dir)
			t.Setenv(EnvPath, tt.history)
			t.Setenv(gonbDirEnv, tt.gonbDir)
			got, err := DefaultPath()
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)

			s, err := Default()
			require.NoError(t, err)
			assert.Equal(t, tt.want, s.Path())
			s.Warnings = &bytes.Buffer{}
			require.NoError(t, s.Record("", result("a", "s", 1, 1)))
			_, err = os.Stat(tt.want)
			assert.NoError(t, err, "Record writes where Default points")
		})
	}
}
