package asyncio

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
	"concurrencylab/kernel-helpers/plots"
	"concurrencylab/workloads/latency"
)

// The two ways of bounding concurrency that [SweepLimits] compares, as they
// appear in its results' Strategy.
const (
	ViaSetLimit  = "errgroup SetLimit"
	ViaSemaphore = "semaphore.Weighted"
)

// SweepOptions says what [SweepLimits] measures.
type SweepOptions struct {
	Pages   int           // pages fetched in each run
	Latency time.Duration // how long the server holds each page
	Limits  []int         // the limits to try, each in [1, MaxPages]
	Reps    int           // timed runs per point; 0 means bench.DefaultReps
}

// Point is one limit under one idiom.
type Point struct {
	Idiom  string // ViaSetLimit or ViaSemaphore
	Limit  int
	Result bench.Result
	// Counted is the most tasks that ran at once over all the runs, counted
	// by a [Gauge]; Server is the most requests the server held at once.
	// The server may see one more for an instant: a finished request's
	// handler can still be returning when the next request arrives.
	Counted, Server int64
}

// Ideal returns the least time the point's runs can take: the pages go in
// rounds of Limit, and each round waits one latency. It is 0 when Limit,
// Pages or Latency is not positive (no run has such a point), and the
// longest duration when the product does not fit in one.
func (p Point) Ideal(o SweepOptions) time.Duration {
	if p.Limit <= 0 || o.Pages <= 0 || o.Latency <= 0 {
		return 0
	}
	rounds := o.Pages/p.Limit + min(o.Pages%p.Limit, 1)
	if int64(rounds) > int64(math.MaxInt64/o.Latency) {
		return math.MaxInt64
	}
	return time.Duration(rounds) * o.Latency
}

// Sweep is the outcome of [SweepLimits].
type Sweep struct {
	Options SweepOptions
	Points  []Point // for each limit in order, ViaSetLimit then ViaSemaphore
}

// SweepLimits fetches Pages pages from a fresh server for every limit, with
// [GatherLimit] and with [GatherSemaphore], timing Reps runs after a warm-up
// (which opens the connections) and counting the most requests open at once.
func SweepLimits(ctx context.Context, opts SweepOptions) (Sweep, error) {
	if err := checkPages(ctx, opts.Pages, opts.Latency); err != nil {
		return Sweep{}, err
	}
	if len(opts.Limits) == 0 {
		return Sweep{}, errors.New("asyncio: no limits to sweep")
	}
	for _, l := range opts.Limits {
		if l <= 0 || l > MaxPages {
			return Sweep{}, fmt.Errorf("asyncio: limit %d is outside [1, %d]", l, MaxPages)
		}
	}
	if opts.Reps < 0 || opts.Reps > bench.MaxReps {
		return Sweep{}, fmt.Errorf("asyncio: Reps %d is outside [0, %d] (0 means the default; every sample is kept)", opts.Reps, bench.MaxReps)
	}
	s := Sweep{Options: opts}
	for _, limit := range opts.Limits {
		for _, idiom := range []string{ViaSetLimit, ViaSemaphore} {
			p, err := measure(ctx, opts, idiom, limit)
			if err != nil {
				return s, err
			}
			s.Points = append(s.Points, p)
		}
	}
	return s, nil
}

func measure(ctx context.Context, opts SweepOptions, idiom string, limit int) (Point, error) {
	srv, err := latency.Start(latency.Options{Latency: opts.Latency})
	if err != nil {
		return Point{}, err
	}
	defer srv.Close()
	var g Gauge
	tasks := Track(&g, Fetches(srv.Client(), srv.URLs(opts.Pages)))
	gather := GatherLimit[int]
	if idiom == ViaSemaphore {
		gather = GatherSemaphore[int]
	}
	res, err := bench.Run(ctx, bench.Options{
		Name: "fetch", Strategy: idiom, Workers: limit, Reps: opts.Reps,
		Params: map[string]string{"pages": strconv.Itoa(opts.Pages), "latency": opts.Latency.String()},
	}, func() error {
		_, err := gather(ctx, limit, tasks...)
		return err
	})
	if err != nil {
		return Point{}, fmt.Errorf("asyncio: %s, limit %d: %w", idiom, limit, err)
	}
	return Point{Idiom: idiom, Limit: limit, Result: res, Counted: g.Max(), Server: srv.MaxInFlight()}, nil
}

// Plot draws the median time against the limit for each idiom, with
// whiskers from the fastest to the slowest run, and the ideal: one latency
// per round of Limit pages.
func (s Sweep) Plot() ([]byte, error) {
	if len(s.Points) == 0 {
		return nil, errors.New("asyncio: empty sweep")
	}
	var series []plots.Series
	for _, idiom := range []string{ViaSetLimit, ViaSemaphore} {
		sr := plots.Series{Name: idiom}
		for _, p := range s.Points {
			if p.Idiom != idiom {
				continue
			}
			sr.X = append(sr.X, float64(p.Limit))
			sr.Y = append(sr.Y, bench.Ms(p.Result.Median()))
			sr.Low = append(sr.Low, bench.Ms(p.Result.Min()))
			sr.High = append(sr.High, bench.Ms(p.Result.Max()))
		}
		if len(sr.X) > 0 {
			series = append(series, sr)
		}
	}
	ideal := plots.Series{Name: "ideal: one latency per round"}
	for _, p := range s.Points {
		if p.Idiom == ViaSetLimit {
			ideal.X = append(ideal.X, float64(p.Limit))
			ideal.Y = append(ideal.Y, bench.Ms(p.Ideal(s.Options)))
		}
	}
	if len(ideal.X) > 0 {
		series = append(series, ideal)
	}
	title := fmt.Sprintf("%d pages of %v each", s.Options.Pages, s.Options.Latency)
	return plots.Lines(title, plots.Axis{Label: "limit (requests at once)", Log: true},
		plots.Axis{Label: "time for all pages", Unit: "ms", Log: true}, series)
}

// Table returns a header and one row per point: the limit, the idiom, the
// most requests open at once as the tasks and the server counted them, the
// median time and the ideal.
func (s Sweep) Table() ([]string, [][]string) {
	header := []string{"limit", "idiom", "most at once (tasks)", "most at once (server)", "median time", "ideal"}
	var rows [][]string
	for _, p := range s.Points {
		rows = append(rows, []string{strconv.Itoa(p.Limit), p.Idiom, strconv.FormatInt(p.Counted, 10),
			strconv.FormatInt(p.Server, 10), bench.Round(p.Result.Median()).String(), p.Ideal(s.Options).String()})
	}
	return header, rows
}

// Agrees reports whether every run kept to its limit and reached it (the
// tasks counted exactly min(limit, pages) running at once), and whether a
// higher limit meant fewer rounds of waiting: for each idiom, every run
// took at least its ideal (one latency per round), and a limit with fewer
// rounds than another never took longer than that one did.
func (s Sweep) Agrees() bool {
	for _, p := range s.Points {
		if p.Counted != int64(min(p.Limit, s.Options.Pages)) || p.Result.Median() < p.Ideal(s.Options) {
			return false
		}
	}
	for _, a := range s.Points {
		for _, b := range s.Points {
			if a.Idiom == b.Idiom && a.Ideal(s.Options) < b.Ideal(s.Options) && a.Result.Median() > b.Result.Median() {
				return false
			}
		}
	}
	return len(s.Points) > 0
}

// Markdown sums the sweep up in a sentence, with the figures.
func (s Sweep) Markdown() string {
	if len(s.Points) == 0 {
		return "**This machine:** nothing was measured."
	}
	first, last := s.Points[0], s.Points[len(s.Points)-1]
	var b strings.Builder
	fmt.Fprintf(&b, "**This machine:** the %d pages took %v with a limit of %d and %v with a limit of %d (%s). ",
		s.Options.Pages, bench.Round(first.Result.Median()), first.Limit, bench.Round(last.Result.Median()), last.Limit, last.Idiom)
	over := 0
	for _, p := range s.Points {
		if p.Counted > int64(p.Limit) {
			over++
		}
	}
	fmt.Fprintf(&b, "The tasks counted more than the limit running at once in %d of %d settings. ", over, len(s.Points))
	b.WriteString(agreement(s.Agrees(), "both idioms keep exactly the limit in flight, and a higher limit means fewer rounds of waiting"))
	return b.String()
}
