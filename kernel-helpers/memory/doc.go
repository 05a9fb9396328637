// Package memory measures what goroutines, OS threads and processes cost in
// memory, the numbers behind the course's claim that a goroutine is cheap, a
// thread dearer and a process dearest.
//
// The figures come from the Linux kernel's /proc files, the same source as
// ps and top: [Self] and [Of] read the resident set size (RSS, the memory
// really in RAM, VmRSS in /proc/<pid>/status) and the thread count of one
// process, and [Children] lists this process's child processes, such as the
// worker processes of a process pool. This package works on Linux only.
//
// Three measurements answer "how much does one cost?":
//   - [PerGoroutine] parks n goroutines and asks the Go runtime how much
//     memory their stacks and descriptors took (a few KiB each);
//   - [PerThread] parks n goroutines each locked to its own OS thread with
//     [runtime.LockOSThread], checks that the thread count rose, and divides
//     the rise in RSS by the number of new threads;
//   - [PerProcess] starts n idle worker processes (a
//     [concurrencylab/kernel-helpers/worker.Pool]) and averages their
//     RSS (megabytes each: every process has its own copy of the runtime,
//     heap and stacks).
//
// RSS counts the program's code and libraries again in every process that
// runs them. [PrivateOf] (and [PrivateSelf]) reads what of a process's
// memory is its own, in one [Private]: its anonymous and file pages
// (/proc/<pid>/status), its proportional share (PSS) and its unique pages
// (USS, from /proc/<pid>/smaps_rollup); [PrivatePerThread] and
// [PrivatePerProcess] measure the rise per thread and per process in USS.
//
// The figures vary a little from run to run, with what the program did
// before, and between machines and Go versions; show them with the machine
// they were measured on. [ParkGoroutines] and [ParkThreads] leave the parked
// goroutines in place until [Parked.Release], so a notebook can show the
// thread count with [Self] while they exist.
package memory
