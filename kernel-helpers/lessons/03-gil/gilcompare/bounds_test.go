package gilcompare

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Bad settings of WhatRuns, Versions and IO fail before anything is
// allocated or started, with an error naming the setting.
func TestBadSettingsNameTheSetting(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"WhatRuns HashMiB", func() error { _, err := WhatRuns(ctx, WhatRunsConfig{HashMiB: 2000}); return err }, "HashMiB must be between 1 and 1024, got 2000"},
		{"WhatRuns memory in all", func() error { _, err := WhatRuns(ctx, WhatRunsConfig{Tasks: 64, HashMiB: 1024}); return err }, "Tasks 64 × HashMiB 1024 is 65536 MiB to hash in all, more than 1024"},
		{"WhatRuns Steps", func() error { _, err := WhatRuns(ctx, WhatRunsConfig{Steps: 11}); return err }, "Steps must be between 1 and 10"},
		{"WhatRuns Sleep", func() error { _, err := WhatRuns(ctx, WhatRunsConfig{Sleep: -time.Second}); return err }, "Sleep must be between 0 (for 10ms) and 1s, got -1s"},
		{"Versions Tasks", func() error { _, err := Versions(ctx, VersionsConfig{Tasks: 65}); return err }, "Versions: Tasks must be between 1 and 64, got 65"},
		{"Versions TaskTime", func() error { _, err := Versions(ctx, VersionsConfig{TaskTime: -1}); return err }, "Versions: TaskTime must be between"},
		{"Versions Reps", func() error { _, err := Versions(ctx, VersionsConfig{Reps: -1}); return err }, "Versions: Reps must be between 1 and 100, got -1"},
		{"IO Nap", func() error { _, err := IO(ctx, IOConfig{Nap: -time.Millisecond}); return err }, "IO: Nap must be between 0 (for 1ms) and"},
		{"IO Samples", func() error { _, err := IO(ctx, IOConfig{Samples: -1}); return err }, "IO: Samples must be between 1 and"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			err := tc.call()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Less(t, time.Since(start), time.Second, "it ran something before refusing")
		})
	}
}
