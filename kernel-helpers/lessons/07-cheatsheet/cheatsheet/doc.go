// Package cheatsheet is the course's map from Python to Go: for each
// construct of the tutorials (threading, multiprocessing,
// concurrent.futures, asyncio) its Go counterpart, when to use it, where the
// two differ, and the section of the course that measures it. The
// cheat-sheet notebook (07-cheatsheet.ipynb) shows it with [Show].
//
// The rows are Go values ([Rows]), and each row's Go is a function of
// snippets.go, compiled with this package and shown from its source
// ([Snippet]): a snippet cannot drift from code that builds. The tests run
// every snippet ([Run]) and check that every section a row names is a
// heading of a notebook.
//
// Where Python and Go differ the row says so: a Python thread behaves like
// a goroutine but costs like an OS thread; Go has no reentrant lock (RLock);
// asyncio.gather does not cancel the other tasks on a failure, where a
// TaskGroup and errgroup.WithContext do.
package cheatsheet
