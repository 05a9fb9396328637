// Package probe runs bad-input tables: each probe calls one exported helper
// with a value a reader might type ("a lot", a negative count, a NaN
// duration, nil) and must get a clear error, or a harmless result, within a
// time and memory budget, without a panic. [Covers] checks with
// package apiscan that a table has a probe for every function that takes
// such a value.
package probe
