// Package exercise checks a learner's code from a notebook cell: it runs the
// code against an exercise's tests and prints one line, a pass or a failure
// with a hint. It never prints a stack trace and never hangs.
//
// An exercise is a stub cell the learner completes and a check cell:
//
//	// Exercise 01.1: return what the child answered.
//	func childDouble(ctx context.Context, x int) (int, error) {
//		return 0, exercise.ErrNotDone // your code here
//	}
//
//	%%
//	procex.ChildDouble.Check(childDouble)
//
// A stub that is left alone returns [ErrNotDone] (or calls [TODO]); its
// check says "not done yet", cleanly, so that a learner can Run All without
// an error.
//
// # How a check runs
//
// [Exercise.Check] runs the tests in a child process: the same program,
// started again with an environment variable naming the exercise, the way
// package worker starts its workers. The child reaches the same Check call,
// runs the tests there and sends the result back on a pipe. So a panic in a
// goroutine the learner started, a deadlock, or a program that never ends
// costs the child, not the notebook: the parent reads what happened and
// prints one line.
//
// The child finds out, besides what the tests check:
//
//   - a hang or deadlock: the tests did not end within [Exercise.Timeout];
//     the hint names where the learner's goroutines were waiting (a mutex,
//     a channel, a WaitGroup), read from the goroutine dump;
//   - a leak: goroutines the code started that are still running after it
//     returned, or child processes it started and never waited for;
//   - too slow: the tests took longer than [Exercise.Budget];
//   - a data race, when [Exercise.Race] is set: the child is then built
//     with the race detector (go build -race) from the cell's own source,
//     which GoNB keeps in $GONB_TMP_DIR (or [SourceEnv] names). A program
//     already built with -race (go test -race) is simply started again.
//
// A stub that is not done, a wrong answer, a panic and each of the above
// have their own [Outcome]; [Result] holds it with the hint.
//
// GoNB v0.11.1 also offers `%test` (compile the cell with go test and run
// its Test functions) and `%goflags -race` (build every later cell with the
// race detector). Neither suits an exercise: `%goflags` stays set for every
// cell after it, and a failing `%test` prints the testing package's report,
// with a non-zero exit status that the notebook checks count as a failure.
package exercise
