package memory

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKibFields(t *testing.T) {
	status := []byte("Name:\tx\nVmRSS:\t    2276 kB\nRssAnon:\t     152 kB\nRssFile:\t    2124 kB\n")
	got, err := kibFields(status, "VmRSS", "RssAnon", "RssFile")
	require.NoError(t, err)
	assert.Equal(t, map[string]int64{"VmRSS": 2276, "RssAnon": 152, "RssFile": 2124}, got)

	_, err = kibFields(status, "Pss")
	assert.ErrorContains(t, err, "no Pss line")
	_, err = kibFields([]byte("Pss: 12 MB\n"), "Pss")
	assert.ErrorContains(t, err, `Pss "12 MB" is not a size in kB`)
	_, err = kibFields([]byte("Pss: many kB\n"), "Pss")
	assert.ErrorContains(t, err, "not a size")
}

func TestPrivateSelf(t *testing.T) {
	p, err := PrivateSelf()
	require.NoError(t, err)
	assert.Equal(t, os.Getpid(), p.PID)
	assert.Positive(t, p.RssAnon)
	assert.Positive(t, p.RssFile)
	assert.LessOrEqual(t, p.RssAnon+p.RssFile, p.RSS, "anonymous and file pages are parts of RSS (shmem is the rest)")
	if p.PSS > 0 {
		assert.LessOrEqual(t, p.PSS, p.RSS+4096, "PSS never exceeds RSS")
	}
}

func TestPrivateOfBadPID(t *testing.T) {
	_, err := PrivateOf(0)
	assert.ErrorContains(t, err, "invalid pid")
	_, err = PrivateOf(1 << 30)
	assert.ErrorContains(t, err, "no process")
}
