package workloads_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"concurrencylab/workloads"
)

func TestWriteFilesBounds(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		n, size int
		want    string
	}{
		{1, 1 << 40, "more than 1073741824 bytes"},
		{1_000_000_000_000, 0, "more than 100000 files"},
		{5, 1 << 30, "more than 4096 MiB in all"},
		{-1, 1, "must not be negative"},
	} {
		_, err := workloads.WriteFiles(dir, tc.n, tc.size)
		assert.ErrorContains(t, err, tc.want)
	}
	_, err := workloads.WriteFiles(dir+"/missing", 1, 1)
	assert.ErrorContains(t, err, "cannot use the folder")
	assert.NotContains(t, err.Error(), dir)
	paths, err := workloads.WriteFiles(dir, 2, 100_000)
	assert.NoError(t, err)
	n, err := workloads.ReadFiles(paths)
	assert.NoError(t, err)
	assert.Equal(t, int64(200_000), n)
}
