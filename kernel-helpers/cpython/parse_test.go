package cpython_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/cpython"
)

// recorded holds real outputs of the Python programs, recorded with
// CPython 3.11 on the course's 2-core test machine.
const recorded = "../../testdata/cpython"

func readRecorded(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(recorded, name))
	require.NoError(t, err)
	return data
}

func TestParseRecorded(t *testing.T) {
	type want struct {
		name, strategy string
		workers        int
		params         map[string]string
		samples        int
		first          time.Duration // the first sample, from the file
	}
	tests := []struct {
		file   string
		prefix string
		want   []want
	}{
		{"strategies-cpython3.11.json", "cpython", []want{
			{"count", "cpython-sequential", 1, map[string]string{"n": "1205640", "tasks": "4"}, 3, 195491242 * time.Nanosecond},
			{"count", "cpython-threads", 4, map[string]string{"n": "1205640", "tasks": "4"}, 3, 213422163 * time.Nanosecond},
			{"count", "cpython-processes", 4, map[string]string{"n": "1205640", "tasks": "4", "start_method": "fork"}, 3, 239765774 * time.Nanosecond},
			{"count", "cpython-thread-pool", 4, map[string]string{"n": "1205640", "tasks": "4"}, 3, 200934058 * time.Nanosecond},
			{"count", "cpython-process-pool", 4, map[string]string{"n": "1205640", "tasks": "4", "start_method": "fork"}, 3, 120189870 * time.Nanosecond},
		}},
		{"dispatch-cpython3.11.json", "cpython3.13t", []want{
			{"noop-dispatch", "cpython3.13t-thread-pool", 2, map[string]string{"tasks": "1000"}, 3, 36860 * time.Nanosecond},
			{"noop-dispatch", "cpython3.13t-process-pool", 2, map[string]string{"tasks": "1000", "start_method": "fork"}, 3, 170460 * time.Nanosecond},
		}},
		{"convoy-cpython3.11.json", "", []want{
			{"convoy", "threads", 0, map[string]string{"hogs": "0", "sleep_ms": "1", "switch_interval_ms": "5"}, 10, 1101185 * time.Nanosecond},
			{"convoy", "threads", 1, map[string]string{"hogs": "1", "sleep_ms": "1", "switch_interval_ms": "5"}, 10, 6344766 * time.Nanosecond},
			{"convoy", "threads", 2, map[string]string{"hogs": "2", "sleep_ms": "1", "switch_interval_ms": "5"}, 10, 11505464 * time.Nanosecond},
			{"convoy", "threads", 0, map[string]string{"hogs": "0", "sleep_ms": "1", "switch_interval_ms": "1"}, 10, 1083446 * time.Nanosecond},
			{"convoy", "threads", 1, map[string]string{"hogs": "1", "sleep_ms": "1", "switch_interval_ms": "1"}, 10, 2423910 * time.Nanosecond},
			{"convoy", "threads", 2, map[string]string{"hogs": "2", "sleep_ms": "1", "switch_interval_ms": "1"}, 10, 2194895 * time.Nanosecond},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			results, err := cpython.Parse(readRecorded(t, tt.file), tt.prefix)
			require.NoError(t, err)
			require.Len(t, results, len(tt.want))
			for i, w := range tt.want {
				r := results[i]
				assert.Equal(t, w.name, r.Name, "result %d", i)
				assert.Equal(t, w.strategy, r.Strategy, "result %d", i)
				assert.Equal(t, w.workers, r.Workers, "result %d", i)
				assert.Equal(t, w.params, r.Params, "result %d", i)
				if assert.Len(t, r.Samples, w.samples, "result %d", i) {
					assert.Equal(t, w.first, r.Samples[0], "result %d", i)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	good := `{"name": "count", "strategy": "threads", "workers": 4, "params": {"n": 10}, "samples_s": [0.5]}`
	tests := []struct {
		name string
		data string
		want string // a part of the error message
	}{
		{"truncated recording", string(readRecorded(t, "malformed-truncated.json")), "not the expected JSON"},
		{"empty", "", "printed nothing"},
		{"not JSON", "Hello from Python\n", "not the expected JSON"},
		{"a list", "[1, 2]", "not the expected JSON"},
		{"no results", `{"python": {}}`, `no "results"`},
		{"null results", `{"results": null}`, `no "results"`},
		{"empty results", `{"results": []}`, `empty "results"`},
		{"two objects", `{"results": [` + good + `]} {"results": []}`, "more after"},
		{"trailing text", `{"results": [` + good + `]} done`, "more after"},
		{"NaN sample", `{"results": [{"name": "c", "strategy": "s", "samples_s": [NaN]}]}`, "not the expected JSON"},
		{"string sample", `{"results": [{"name": "c", "strategy": "s", "samples_s": ["1"]}]}`, "not the expected JSON"},
		{"negative sample", `{"results": [{"name": "c", "strategy": "s", "samples_s": [0.1, -0.1]}]}`, "sample 1 is -0.1 s"},
		{"huge sample", `{"results": [{"name": "c", "strategy": "s", "samples_s": [1e12]}]}`, "sample 0"},
		{"no samples", `{"results": [{"name": "c", "strategy": "s", "samples_s": []}]}`, "no samples"},
		{"no name", `{"results": [{"strategy": "s", "samples_s": [1]}]}`, "no name"},
		{"no strategy", `{"results": [{"name": "c", "samples_s": [1]}]}`, "no strategy"},
		{"negative workers", `{"results": [{"name": "c", "strategy": "s", "workers": -1, "samples_s": [1]}]}`, "workers is -1"},
		{"object param", `{"results": [{"name": "c", "strategy": "s", "params": {"x": {}}, "samples_s": [1]}]}`, `param "x"`},
		{"null param", `{"results": [{"name": "c", "strategy": "s", "params": {"x": null}, "samples_s": [1]}]}`, `param "x"`},
		{"second result bad", `{"results": [` + good + `, {"name": "c", "strategy": "s"}]}`, "result 1 (c/s): no samples"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			results, err := cpython.Parse([]byte(tt.data), "cpython")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Nil(t, results)
		})
	}
}

func TestParseParams(t *testing.T) {
	data := `{"results": [{"name": "c", "strategy": "s", "samples_s": [0],
		"params": {"int": 3000000, "float": 5.0, "half": 0.5, "big": 12345678901234567, "yes": true, "text": "fork"}}]}`
	results, err := cpython.Parse([]byte(data), "")
	require.NoError(t, err)
	require.Len(t, results, 1)
	// Written as the Go side writes them, so that params match across the two.
	assert.Equal(t, map[string]string{
		"int": "3000000", "float": "5", "half": "0.5", "big": "12345678901234567", "yes": "true", "text": "fork",
	}, results[0].Params)
	assert.Equal(t, []time.Duration{0}, results[0].Samples)
}
