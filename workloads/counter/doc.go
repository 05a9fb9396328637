// Package counter is the course's data race: several goroutines add 1 to
// one shared count, and the total comes out short.
//
// An increment, count++, is three steps for the CPU: load the count from
// memory, add 1, store it back. When two goroutines run on two cores at the
// same moment, both can load the same value, both add 1 and both store it:
// two increments, but the count grew by one. The other update is lost, and
// nothing reports it. That is a data race. CPython's GIL hides many such
// races for simple cases because only one thread runs at a time (though a
// switch between the load and the store still loses updates there too);
// Go runs goroutines truly in parallel, so they show at once.
//
// [Count] runs the experiment with one of four strategies:
//   - [Unsafe]: no synchronisation at all, the race;
//   - [Mutex]: each increment under a [sync.Mutex], so only one goroutine at
//     a time does the load-add-store;
//   - [Atomic]: [sync/atomic.Int64.Add], one indivisible CPU instruction
//     (LOCK XADD on amd64);
//   - [Channel]: confinement: one goroutine owns the count and is the only
//     one to touch it; the others send it increments over a channel.
//
// The three fixes always give the exact total; they differ in cost, which
// the benchmarks measure per increment. [Lost] says how many updates a
// result lost.
//
// Each increment is written as those three steps, a call that loads, an
// addition and a call that stores (see racyLoop in loops.go), for two reasons. The
// calls keep the compiler from holding the count in a register for the whole
// loop, or replacing the loop by one addition: a race the compiler rewrote,
// not the one the lesson is about. And on amd64 a plain count++ through a
// pointer compiles to a single INC instruction; the operating system never
// switches threads in the middle of an instruction, so on a busy machine,
// where the two goroutines' threads take turns on one core instead of
// running side by side, count++ would lose nothing, while the three steps
// lose updates whenever a switch falls between the load and the store,
// exactly as CPython's bytecodes do.
//
// The loops live in loops.go, and [Code] returns that file, so that a lesson
// shows the code that runs rather than a copy of it. [Count] takes a context
// and returns soon after it ends: each goroutine looks at a stop flag
// between two chunks of its loop, which leaves the race intact.
//
// Running Unsafe is a data race on purpose: under the race detector (go test
// -race) it is reported and the test fails, so its tests are skipped there.
package counter
