package iobound_test

import (
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
	_ "concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/iobound" // registers "fetch" before the worker serves
)

func TestMain(m *testing.M) { testmain.Main(m) }
