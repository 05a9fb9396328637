// Package deadlock is the course's lesson on deadlock, the other hazard
// tutorial 003 names beside races: two goroutines (or CPython threads) each
// hold one lock and wait for the other's, and neither can ever go on.
//
// [Run] makes one on purpose with two [sync.Mutex] taken in opposite
// orders, and finds it the only way a program can: a timeout. Go's own
// "all goroutines are asleep" check fires only when every goroutine of the
// program is blocked, which a notebook kernel or a server never is. After
// the timeout Run breaks the deadlock by unlocking one of the held
// mutexes from outside (a locked [sync.Mutex] belongs to no goroutine), so
// both goroutines finish and nothing leaks. [CPython] runs the same
// experiment in cpython/py/nb02_deadlock.py, whose threads are daemons that
// end with the interpreter: CPython can neither release nor kill them.
//
// Taking the locks in the same order everywhere is the usual cure; Run
// measures that too.
package deadlock
