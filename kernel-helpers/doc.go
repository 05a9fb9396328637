// Package kernelhelpers is the map of the Go code the course's notebooks
// call. It holds no code of its own; `go doc concurrencylab/kernel-helpers`
// prints this page. The folder has three floors, and `ls kernel-helpers`
// shows them:
//
// # The library (the packages at the top)
//
// What every notebook, and every new notebook's author, imports:
//
//   - measure: bench (timing with warm-ups, interleaved repetitions, spread,
//     the machine's description, speedups and their verdicts), amdahl (the
//     Amdahl fit), memory (/proc figures per goroutine, thread and process),
//     history (results kept across runs and plotted side by side),
//     contention (what else ran during a measurement: a verdict from a
//     shared machine says so instead of judging).
//   - run work: run (one batch of tasks under each strategy: sequential,
//     goroutines, a goroutine pool, OS threads, processes, the emulated GIL),
//     worker (re-exec worker processes and their pool), futures (executors
//     in the style of Python's concurrent.futures), gil (an emulation of
//     CPython's GIL), cpython (the course's own Python programs, run on the
//     reader's python3).
//   - judge: claims (the ledger of the tutorials' claims, each with the
//     tutorial's figure and a verdict computed from this machine's).
//   - learn: exercise (checks a learner's code in a notebook: pass, not
//     done yet, or fail with a hint, never a hang or a stack trace),
//     predict (compares a learner's guess with what was measured).
//   - show: plots (SVG plots), display (Markdown, tables, numbers), progress
//     (a progress bar that redraws in place), snippet (builds and runs a
//     small Go program: the compiler's and the race detector's reports),
//     source (shows the Go or Python function that actually runs), quick (small sizes when CONCURRENCYLAB_QUICK is set), course
//     (the notebooks' titles and summaries, for the course map, and each
//     notebook's header: objectives, prerequisites, time), ipynb (the one
//     decoder of notebook files, with its size limits).
//   - test: internal/testmain (the one TestMain of the test packages:
//     worker.ServeIfWorker, then goleak), bench/benchtest (benchmark
//     helpers: the time a call takes to return once its context ends),
//     cpython/cpythontest (python3 for a test, or a skip).
//
// # The lessons (lessons/NN-name/, one folder per notebook)
//
// Each folder is named after its notebook and holds the experiments that
// notebook explains: lessons/00-overview (firstlook), lessons/01-processes
// (escape, child, startcost, startmethod, unit), lessons/02-threads
// (datarace, sched, cancellation, deadlock), lessons/03-gil (gilcompare),
// lessons/04-threads-vs-processes (strategies, iobound, footprint, ipc),
// lessons/05-async-alternatives (eventloop, heartbeat, asyncio, waits,
// executors, decide). A lesson's exercises package declares the checks of
// its notebook's exercises.
//
// lessons/07-cheatsheet (cheatsheet) holds the rows and compiled snippets
// of the Python-to-Go cheat sheet, 07-cheatsheet.ipynb.
//
// # The tooling (tooling/)
//
// What runs and publishes the course; no notebook imports it: tooling/jupyter
// (runs Jupyter with the GoNB kernel), tooling/nbcheck (checks a run's
// outputs), tooling/browser (drives headless Chromium), tooling/site (the
// HTML site; `make html`), tooling/scaffold (a new notebook, its lesson
// folder and its course-map line; `make notebook`), tooling/hub (the load
// test of a class served by JupyterHub; `make hub-loadtest`).
//
// # The rule
//
// A lesson imports the library, never another lesson's folder; the library
// imports neither lessons nor tooling; no library or lesson package imports
// the tooling. layers_test.go enforces it with `go list`.
package kernelhelpers
