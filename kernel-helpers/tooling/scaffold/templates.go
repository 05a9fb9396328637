package scaffold

// cellSources alternate Markdown (even indices) and code (odd), as the
// course's notebooks do. They are text/template texts over [Options].
var cellSources = []string{
	`# {{.Title}}

{{.Summary}}

The first cell only sets things up: it points this notebook at the course's Go packages and defines
` + "`must`" + `, which stops a cell with its error instead of ignoring it. It prints nothing.`,

	`!*go mod edit -replace concurrencylab="$(cd "${GONB_DIR}/.." && pwd)" && go get concurrencylab/... 2>/dev/null
// The line above fetched, once, what the course's packages import: %noautoget spares
// every cell GoNB's own ` + "`go get`" + ` (%autoget turns it back on, to import from elsewhere).
%noautoget

// must stops the cell, printing the error, so a failure is never silent.
func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}`,

	`## Parameters

All sizes live in this one cell. ` + "`quick.Pick(full, quick)`" + ` returns the small value when
` + "`CONCURRENCYLAB_QUICK=1`" + ` is set, as the notebook tests do.`,

	`import "concurrencylab/kernel-helpers/quick"

var (
	reps     = quick.Pick(5, 2)                                          // timed repetitions
	taskTime = quick.Pick(100*time.Millisecond, 10*time.Millisecond) // one task on one core
)`,

	`## A first measurement

The experiment lives in the lesson package ` + "`{{.Package}}`" + ` (folder
` + "`kernel-helpers/lessons/{{.Name}}/{{.Package}}`" + `), tested without Jupyter; this cell calls it and
plots what it measured on this machine. Replace it with the notebook's own experiments.`,

	`import (
	"concurrencylab/kernel-helpers/display"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/kernel-helpers/lessons/{{.Name}}/{{.Package}}"
)

%%
results := must({{.Package}}.Measure(context.Background(), reps, taskTime))
display.Plot(plots.Timings("one task per core: sequential vs goroutines", results))`,
}

const docGo = `// Package {{.Package}} holds the experiments of the notebook {{.Name}}.ipynb:
// {{.Summary}}
package {{.Package}}
`

const pkgGo = `package {{.Package}}

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/run"
	"concurrencylab/workloads"
)

// Measure times one CPU-bound task per core (GOMAXPROCS of this run), each
// about taskTime long on one core, run one after another and then on a
// goroutine each, reps times after a warm-up.
func Measure(ctx context.Context, reps int, taskTime time.Duration) ([]bench.Result, error) {
	if ctx == nil {
		return nil, fmt.Errorf("{{.Package}}: Measure needs a context, got nil")
	}
	n, err := workloads.Calibrate(func(n int64) { workloads.SumSqrt(n) }, taskTime)
	if err != nil {
		return nil, fmt.Errorf("{{.Package}}: %w", err)
	}
	tasks := runtime.GOMAXPROCS(0)
	seq := func() error {
		for range tasks {
			workloads.SumSqrt(n)
		}
		return nil
	}
	par := func() error {
		var wg sync.WaitGroup
		for range tasks {
			wg.Go(func() { workloads.SumSqrt(n) })
		}
		wg.Wait()
		return nil
	}
	var out []bench.Result
	strategies := []struct {
		name    string
		workers int
		f       func() error
	}{
		{run.NameSequential, 1, seq},
		{run.NameGoroutines, tasks, par},
	}
	for _, s := range strategies {
		r, err := bench.Run(ctx, bench.Options{Name: "sumsqrt", Strategy: s.name, Workers: s.workers, Reps: reps}, s.f)
		if err != nil {
			return out, fmt.Errorf("{{.Package}}: %s: %w", s.name, err)
		}
		out = append(out, r)
	}
	return out, nil
}
`

const testGo = `package {{.Package}}_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"concurrencylab/kernel-helpers/lessons/{{.Name}}/{{.Package}}"
)

func TestMeasure(t *testing.T) {
	results, err := {{.Package}}.Measure(context.Background(), 2, time.Millisecond)
	require.NoError(t, err)
	require.Len(t, results, 2)
	assert.Equal(t, "sequential", results[0].Strategy)
	assert.Equal(t, "goroutines", results[1].Strategy)
}

func TestMeasureNeedsAContext(t *testing.T) {
	_, err := {{.Package}}.Measure(nil, 2, time.Millisecond) //nolint:staticcheck // the nil context is the point
	assert.ErrorContains(t, err, "needs a context")
}
`
