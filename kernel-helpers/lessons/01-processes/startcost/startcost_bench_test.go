package startcost_test

import (
	"testing"

	"concurrencylab/kernel-helpers/lessons/01-processes/startcost"
)

// BenchmarkStart times one start of each kind, and waiting for its end.
// Compare ns/op across the sub-benchmarks.
func BenchmarkStart(b *testing.B) {
	for _, k := range startcost.Kinds() {
		b.Run(k.String(), func(b *testing.B) {
			ctx := b.Context()
			for b.Loop() {
				if err := startcost.Start(ctx, k); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
