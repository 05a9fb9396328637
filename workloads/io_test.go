package workloads_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/workloads"
)

func TestSleepWaits(t *testing.T) {
	for _, d := range []time.Duration{0, time.Millisecond, 20 * time.Millisecond} {
		t.Run(d.String(), func(t *testing.T) {
			begin := time.Now()
			require.NoError(t, workloads.Sleep(t.Context(), d))
			assert.GreaterOrEqual(t, time.Since(begin), d)
		})
	}
}

func TestSleepStopsWithItsContext(t *testing.T) {
	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	shortDeadline, cancelDeadline := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancelDeadline()
	tests := []struct {
		name string
		ctx  context.Context
		d    time.Duration
		want error
	}{
		{"already cancelled", canceled, time.Hour, context.Canceled},
		{"already cancelled, zero wait", canceled, 0, context.Canceled},
		{"deadline before the end", shortDeadline, time.Hour, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			begin := time.Now()
			err := workloads.Sleep(tt.ctx, tt.d)
			assert.ErrorIs(t, err, tt.want)
			// An hour-long sleep that ended at all ended because of ctx; a
			// minute is a bound no loaded machine comes near.
			assert.Less(t, time.Since(begin), time.Minute)
		})
	}
}

func TestSleepBadInput(t *testing.T) {
	assert.Error(t, workloads.Sleep(t.Context(), -time.Second), "negative duration")
	//lint:ignore SA1012 a nil context is the bad input under test
	assert.Error(t, workloads.Sleep(nil, time.Second), "nil context") //nolint:staticcheck
}

func TestWriteAndReadFiles(t *testing.T) {
	tests := []struct {
		name    string
		n, size int
	}{
		{"no files", 0, 100},
		{"empty files", 3, 0},
		{"small files", 5, 100},
		{"files larger than the read buffer", 2, 100_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			paths, err := workloads.WriteFiles(dir, tt.n, tt.size)
			require.NoError(t, err)
			require.Len(t, paths, tt.n)
			for _, p := range paths {
				info, err := os.Stat(p)
				require.NoError(t, err)
				assert.Equal(t, int64(tt.size), info.Size())
				assert.Equal(t, dir, filepath.Dir(p))
			}
			got, err := workloads.ReadFiles(paths)
			require.NoError(t, err)
			assert.Equal(t, int64(tt.n*tt.size), got)
		})
	}
}

func TestWriteFilesContent(t *testing.T) {
	paths, err := workloads.WriteFiles(t.TempDir(), 1, 30)
	require.NoError(t, err)
	b, err := os.ReadFile(paths[0])
	require.NoError(t, err)
	assert.Equal(t, "abcdefghijklmnopqrstuvwxyzabcd", string(b))
}

func TestWriteFilesBadInput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain-file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	tests := []struct {
		name    string
		dir     string
		n, size int
	}{
		{"negative count", dir, -1, 10},
		{"negative size", dir, 1, -10},
		{"missing directory", filepath.Join(dir, "missing"), 1, 10},
		{"not a directory", file, 1, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths, err := workloads.WriteFiles(tt.dir, tt.n, tt.size)
			assert.Error(t, err)
			assert.Nil(t, paths)
		})
	}
}

func TestReadFilesMissingFile(t *testing.T) {
	dir := t.TempDir()
	paths, err := workloads.WriteFiles(dir, 2, 10)
	require.NoError(t, err)
	paths = append(paths, filepath.Join(dir, "missing"))
	got, err := workloads.ReadFiles(paths)
	require.ErrorIs(t, err, os.ErrNotExist)
	assert.Equal(t, int64(20), got, "the bytes read before the failure")
}

func ExampleSleep() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	// The deadline comes long before the hour is over, and Sleep gives up.
	fmt.Println(workloads.Sleep(ctx, time.Hour))
	// Output: context deadline exceeded
}

func ExampleReadFiles() {
	dir, err := os.MkdirTemp("", "readfiles")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	paths, err := workloads.WriteFiles(dir, 10, 4096)
	if err != nil {
		fmt.Println(err)
		return
	}
	n, err := workloads.ReadFiles(paths)
	fmt.Println(n, err)
	// Output: 40960 <nil>
}
