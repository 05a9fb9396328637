package datarace

import (
	"context"
	"errors"
	"fmt"

	"concurrencylab/kernel-helpers/source"
	"concurrencylab/workloads/counter"
)

// Source returns the Go source of one of the loops the counter runs, by
// name: "racyLoop", "mutexLoop", "atomicLoop", "channelLoop" or "owner".
// They are read from package counter's own file ([counter.Code]), the one
// copy that [MeasureLosses], [CheckFixes] and [FixCosts] run.
func Source(name string) (string, error) { return source.Go(counter.Code(), name) }

// errNilContext is what every function of the package that takes a context
// returns for a nil one.
var errNilContext = errors.New("datarace: needs a context, got nil")

// FixTotals runs each fix (mutex, atomic, channel) once with goroutines
// goroutines of increments increments and returns the totals by name: each
// is goroutines × increments. It returns soon after ctx ends, with an
// error that wraps ctx.Err().
func FixTotals(ctx context.Context, goroutines, increments int) (map[string]int64, error) {
	if ctx == nil {
		return nil, errNilContext
	}
	out := map[string]int64{}
	for _, s := range counter.Fixes() {
		n, err := counter.Count(ctx, s, goroutines, increments)
		if err != nil {
			return nil, fmt.Errorf("datarace: %w", err)
		}
		out[s.String()] = n
	}
	return out, nil
}
