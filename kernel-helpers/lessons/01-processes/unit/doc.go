// Package unit shows which unit the kernel schedules: not a process, but
// each of its threads.
//
// Tutorial 004 says running a script makes "your processor" create and
// schedule a process, "the smallest unit of processing". The kernel, not the
// processor, creates processes, and what it schedules onto a core is a
// thread: a process holds one or more, each with its own id under
// /proc/<pid>/task. [Spin] keeps goroutines busy for a while and reads, from
// /proc and getrusage(2), how many threads the process had and how much CPU
// time it used per second of wall time: more than one second per second
// means several of its threads ran on different cores at the same moment,
// which a process scheduled as one unit could not do.
package unit
