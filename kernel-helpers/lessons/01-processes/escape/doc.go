// Package escape shows where the Go compiler puts a program's variables:
// on the stack of the function that declares them, or on the heap.
//
// Every process has its own memory, and inside it each thread (in Go, each
// goroutine) has a stack, where a function keeps its local variables for as
// long as the call lasts, and all of them share one heap, for values that
// must outlive the call that made them. C leaves the choice to the
// programmer (malloc or not); Python puts every object on the heap; Go
// decides at compile time with escape analysis: a variable whose address
// could be used after its function returns "escapes", and is moved to the
// heap, where the garbage collector frees it later. So does a variable too
// large for a stack frame, even one used only inside its function, and a
// make of a size known only at run time takes the heap when it does not fit
// the small buffer the compiler keeps for it on the stack ([MakeAllocs]
// counts it). The Go FAQ says as much: the compiler may put any local on the
// heap when it cannot prove it safe on the stack, or when it is very large.
// The rest stays on the stack and costs nothing to free.
//
// The compiler explains its decisions when asked with go build -gcflags=-m.
// [Analyze] builds a small program in a throwaway module (package snippet)
// with -gcflags=-m=2, the verbose form that also says why, and returns one
// [Decision] per variable or value the compiler reported on, with the file
// named by its base name only. [Demo] is the program the course uses;
// [Markdown] lays the decisions next to the source lines they are about.
package escape
