// Package apiscan lists a module's exported API for tests that must cover
// all of it, such as the bad-input tables: every exported function and every
// method declared on an exported type, with the kinds of parameter a reader
// can get wrong (a size, a count, a duration, a function, a pointer, a slice
// or map, an interface, a context, or a struct holding one of these).
//
// It reads the packages' source with go/parser and type-checks them with
// go/types against the compiler's export data of their imports, which
// `go list -export` builds offline from the module cache.
package apiscan
