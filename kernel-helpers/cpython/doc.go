// Package cpython runs real CPython beside the Go measurements, so that the
// course can show the GIL's effects in Python itself and check that the
// emulated GIL of package [concurrencylab/kernel-helpers/gil] behaves the same.
//
// The Python programs are part of this package (the py folder, embedded
// with a go:embed directive): they run the same CPU-bound loops as package
// [concurrencylab/workloads] (counting one step at a time, summing square
// roots) sequentially, on threads, on processes and through
// ThreadPoolExecutor and ProcessPoolExecutor; they measure what a pool costs
// per task; and they probe the convoy effect (how late a 1 ms time.sleep
// wakes while CPU-bound threads run). Each prints its timings as JSON, which
// this package turns into [bench.Result] records, the same type the Go
// runners return, so that one plot can hold both.
//
// [Find] looks for python3 on the PATH, plus free-threaded builds such as
// python3.13t (Python without a GIL) when they are installed. When there is
// no Python it returns [ErrNoPython]: a notebook prints that and moves on.
//
// A strategy from Python is named after the interpreter, such as
// "cpython-threads", or "cpython3.13t-threads" for a free-threaded build,
// so that the two never mix on a plot.
package cpython
