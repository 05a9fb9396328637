// Package testmain is the one TestMain of the course's test packages.
//
// A test package writes
//
//	func TestMain(m *testing.M) { testmain.Main(m) }
//
// and gets two things every package needs, in the order they must run:
//
//   - [worker.ServeIfWorker]: a process pool (package worker, run, futures,
//     memory.PerProcess) re-runs the test binary as its workers; such a copy
//     must serve tasks, not run the tests. A package with tasks of its own
//     registers them with [worker.Register] before calling Main.
//   - [goleak.VerifyTestMain]: the tests pass only if no goroutine is left
//     running once they end.
//
// Package worker's own tests cannot use it (testmain imports worker), and
// the lesson test files that still spell these two lines out do the same.
package testmain
