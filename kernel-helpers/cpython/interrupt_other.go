//go:build !unix

package cpython

func onInterrupt(func()) (stop func()) { return func() {} }
