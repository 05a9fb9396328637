// Package hog starts CPU hogs for tests: processes that spin on a core and
// are not the test's descendants (each starts in a session of its own from
// a launcher that exits at once), as a neighbour's program would be, so
// that a measurement beside them sees a shared machine.
//
// A test file imports it and calls [Start]; nothing else is needed. The
// hogs are copies of the test binary: when the variable [Env] is set, this
// package's init plays the launcher or the hog and exits before any test
// runs. A hog spins for [Life] at most, whatever happens to the test, and
// the test's cleanup kills it.
package hog
