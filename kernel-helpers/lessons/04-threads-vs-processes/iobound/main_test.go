package iobound_test

import (
	"testing"

	"go.uber.org/goleak"

	_ "concurrencylab/kernel-helpers/lessons/04-threads-vs-processes/iobound" // registers "fetch" before the worker serves
	"concurrencylab/kernel-helpers/worker"
)

func TestMain(m *testing.M) {
	worker.ServeIfWorker()
	goleak.VerifyTestMain(m)
}
