package waits

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseLoadavg(t *testing.T) {
	n, err := parseLoadavg("2.17 2.06 1.98 1/87 6592\n")
	require.NoError(t, err)
	assert.Equal(t, 87, n)
	for _, bad := range []string{"", "1 2 3", "1 2 3 87 5", "1 2 3 1/x 5"} {
		_, err := parseLoadavg(bad)
		assert.Error(t, err, bad)
	}
}

func TestPidsCgroupDirs(t *testing.T) {
	tests := []struct {
		name, cgroup string
		want         []string
	}{
		{"v2", "0::/user.slice/session-1.scope\n", []string{"/sys/fs/cgroup/user.slice/session-1.scope"}},
		{"v1", "8:pids:/docker/abc\n4:memory:/x\n0::/\n", []string{"/sys/fs/cgroup/pids/docker/abc", "/sys/fs/cgroup"}},
		{"v1 joined controllers", "3:cpu,pids:/a\n", []string{"/sys/fs/cgroup/pids/a"}},
		{"none", "4:memory:/x\ngarbage\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, pidsCgroupDirs(tt.cgroup))
		})
	}
}

func TestThreadRoom(t *testing.T) {
	room, err := threadRoom()
	require.NoError(t, err)
	assert.Positive(t, room, "this machine can start at least one more thread")
}

func TestNoRoomIsAnError(t *testing.T) {
	room, err := threadRoom()
	require.NoError(t, err)
	if room >= MaxThreads+threadMargin {
		t.Skip("this machine has room for the most threads OnThreads accepts")
	}
	_, err = OnThreads(t.Context(), MaxThreads, time.Millisecond)
	assert.ErrorIs(t, err, ErrNoRoom)
}
