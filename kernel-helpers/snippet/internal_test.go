package snippet

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLanguageVersion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"go1.26.8", "1.26"},
		{"go1.26", "1.26"},
		{"go1.27rc1", "1.27"},
		{"go1.27.0-X:nodwarf5", "1.27"},
		{"devel go1.27-abcdef", ""},
		{"go", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, languageVersion(tt.in))
		})
	}
}

func TestRemoveDeletesTheFolder(t *testing.T) {
	p, err := New("package main\n\nfunc main() {}\n")
	require.NoError(t, err)
	dir := p.dir
	_, err = os.Stat(dir)
	require.NoError(t, err)
	require.NoError(t, p.Remove())
	_, err = os.Stat(dir)
	assert.True(t, os.IsNotExist(err), "folder %s still exists", dir)
}

func TestGoEnv(t *testing.T) {
	got := goEnv([]string{"PATH=/bin", "GOFLAGS=-mod=vendor", "GONB_PIPE=x", "GOWORK=/w/go.work", "HOME=/h"})
	assert.Equal(t, []string{"PATH=/bin", "HOME=/h", "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local", "GO111MODULE=on"}, got)
}
