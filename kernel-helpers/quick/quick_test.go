package quick_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/quick"
)

func TestOn(t *testing.T) {
	tests := []struct {
		value string
		want  bool
	}{
		{"1", true},
		{"true", true},
		{"TRUE", true},
		{"True", true},
		{"yes", true},
		{"YES", true},
		{" 1 ", true},
		{"", false},
		{"0", false},
		{"false", false},
		{"no", false},
		{"2", false},
		{"on", false},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			t.Setenv(quick.Env, tt.value)
			assert.Equal(t, tt.want, quick.On())
		})
	}
}

func TestOnUnset(t *testing.T) {
	t.Setenv(quick.Env, "1") // so that the original value comes back afterwards
	require.NoError(t, os.Unsetenv(quick.Env))
	assert.False(t, quick.On())
}

func TestPick(t *testing.T) {
	t.Setenv(quick.Env, "1")
	assert.Equal(t, 10, quick.Pick(1000, 10))
	assert.Equal(t, "small", quick.Pick("large", "small"))

	t.Setenv(quick.Env, "0")
	assert.Equal(t, 1000, quick.Pick(1000, 10))
	assert.Equal(t, []int{1, 2, 4, 8}, quick.Pick([]int{1, 2, 4, 8}, []int{1, 2}))
}
