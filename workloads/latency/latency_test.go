package latency_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"concurrencylab/workloads/latency"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// start starts a server that the test closes when it ends.
func start(t *testing.T, opts latency.Options) *latency.Server {
	t.Helper()
	srv, err := latency.Start(opts)
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	return srv
}

// fetchOne fetches url with a client whose connections are closed afterwards,
// so that goleak sees no idle connection left behind.
func fetchOne(ctx context.Context, url string) (int, error) {
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	return latency.Fetch(ctx, &http.Client{Transport: transport}, url)
}

func TestStartRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts latency.Options
	}{
		{"negative latency", latency.Options{Latency: -time.Millisecond}},
		{"latency too long", latency.Options{Latency: latency.MaxLatency + 1}},
		{"negative body", latency.Options{BodySize: -1}},
		{"body too big", latency.Options{BodySize: latency.MaxBodySize + 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := latency.Start(tt.opts)
			assert.Error(t, err)
			assert.Nil(t, srv)
		})
	}
}

func TestURLs(t *testing.T) {
	srv := start(t, latency.Options{})
	urls := srv.URLs(3)
	require.Len(t, urls, 3)
	seen := map[string]bool{}
	for i, u := range urls {
		assert.Equal(t, srv.URL(i), u)
		assert.True(t, strings.HasPrefix(u, "http://127.0.0.1:"), "loopback only: %s", u)
		seen[u] = true
	}
	assert.Len(t, seen, 3, "URLs are distinct")
	assert.Nil(t, srv.URLs(0))
	assert.Nil(t, srv.URLs(-1))
}

func TestFetchBodySize(t *testing.T) {
	srv := start(t, latency.Options{BodySize: 1000})
	tests := []struct {
		name  string
		query string
		want  int
	}{
		{"default size", "", 1000},
		{"bytes override", "?bytes=70000", 70000},
		{"empty body", "?bytes=0", 0},
		{"ms override", "?ms=1", 1000},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := fetchOne(t.Context(), srv.URL(i)+tt.query)
			require.NoError(t, err)
			assert.Equal(t, tt.want, n)
			assert.Equal(t, int64(i+1), srv.Served())
		})
	}
}

func TestFetchWaitsOutTheLatency(t *testing.T) {
	const wait = 30 * time.Millisecond
	srv := start(t, latency.Options{Latency: wait})
	tests := []struct {
		name  string
		query string
		want  time.Duration
	}{
		{"configured latency", "", wait},
		{"ms override", "?ms=60", 60 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			begin := time.Now()
			_, err := fetchOne(t.Context(), srv.URL(0)+tt.query)
			require.NoError(t, err)
			assert.GreaterOrEqual(t, time.Since(begin), tt.want, "the server must really wait")
		})
	}
}

func TestBadQueryIsRejected(t *testing.T) {
	srv := start(t, latency.Options{})
	for _, q := range []string{"?ms=abc", "?ms=-1", "?ms=60001", "?bytes=x", "?bytes=-5", "?bytes=999999999999"} {
		t.Run(q, func(t *testing.T) {
			_, err := fetchOne(t.Context(), srv.URL(0)+q)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "400")
		})
	}
	assert.Equal(t, int64(0), srv.Served(), "a rejected request is not served")
}

func TestFetchBadInput(t *testing.T) {
	srv := start(t, latency.Options{})
	//lint:ignore SA1012 a nil context is the bad input under test
	_, err := latency.Fetch(nil, http.DefaultClient, srv.URL(0)) //nolint:staticcheck
	assert.Error(t, err, "nil context")
	_, err = latency.Fetch(t.Context(), nil, srv.URL(0))
	assert.Error(t, err, "nil client")
	_, err = fetchOne(t.Context(), "://not a url")
	assert.Error(t, err, "bad URL")
}

func TestFetchAll(t *testing.T) {
	const pages, size = 12, 500
	tests := []struct {
		name        string
		concurrency int
		maxInFlight int64 // the most requests that may be open at once
	}{
		{"sequential", 1, 1},
		{"pool of 3", 3, 3},
		{"pool larger than the list", 50, pages},
		{"all at once", 0, pages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := start(t, latency.Options{Latency: 5 * time.Millisecond, BodySize: size})
			urls := srv.URLs(pages)
			results, err := latency.FetchAll(t.Context(), urls, tt.concurrency)
			require.NoError(t, err)
			require.Len(t, results, pages)
			for i, r := range results {
				assert.Equal(t, urls[i], r.URL, "results keep the order of urls")
				assert.Equal(t, size, r.Bytes)
				assert.NoError(t, r.Err)
				assert.False(t, r.End.Before(r.Start))
			}
			assert.Equal(t, int64(pages), srv.Served())
			assert.LessOrEqual(t, srv.MaxInFlight(), tt.maxInFlight)
			if tt.concurrency == 1 {
				assert.Equal(t, int64(1), srv.MaxInFlight(), "sequential means one at a time")
			}
		})
	}
}

// TestFetchAllReachesItsConcurrency holds every request on the server until
// the expected number are open at once, then cancels: it shows the client
// really opens that many, without depending on how fast the machine is.
func TestFetchAllReachesItsConcurrency(t *testing.T) {
	const pages = 20
	tests := []struct {
		name        string
		concurrency int
		want        int64
	}{
		{"pool of 4", 4, 4},
		{"all at once", 0, pages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := start(t, latency.Options{Latency: latency.MaxLatency})
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			type outcome struct {
				results []latency.Result
				err     error
			}
			done := make(chan outcome, 1)
			go func() {
				results, err := latency.FetchAll(ctx, srv.URLs(pages), tt.concurrency)
				done <- outcome{results, err}
			}()
			assert.Eventually(t, func() bool { return srv.InFlight() == tt.want },
				10*time.Second, time.Millisecond, "requests open at once")
			cancel()
			got := <-done
			require.Error(t, got.err)
			assert.ErrorIs(t, got.err, context.Canceled)
			require.Len(t, got.results, pages)
			for _, r := range got.results {
				assert.ErrorIs(t, r.Err, context.Canceled)
			}
			assert.Equal(t, tt.want, srv.MaxInFlight())
			assert.Equal(t, int64(0), srv.Served())
		})
	}
}

func TestFetchAllBadInput(t *testing.T) {
	srv := start(t, latency.Options{})
	_, err := latency.FetchAll(t.Context(), srv.URLs(2), -1)
	assert.Error(t, err, "negative concurrency")
	//lint:ignore SA1012 a nil context is the bad input under test
	_, err = latency.FetchAll(nil, srv.URLs(2), 1) //nolint:staticcheck
	assert.Error(t, err, "nil context")
	results, err := latency.FetchAll(t.Context(), nil, 1)
	assert.NoError(t, err, "nothing to fetch")
	assert.Empty(t, results)
}

func TestFetchAllReportsFailures(t *testing.T) {
	srv := start(t, latency.Options{BodySize: 10})
	urls := srv.URLs(4)
	urls[2] += "?ms=bad"
	results, err := latency.FetchAll(t.Context(), urls, 2)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "1 of 4")
	require.Len(t, results, 4)
	for i, r := range results {
		if i == 2 {
			assert.Error(t, r.Err)
			continue
		}
		assert.NoError(t, r.Err)
		assert.Equal(t, 10, r.Bytes)
	}
	assert.Equal(t, int64(3), srv.Served())
}

func TestCloseAnswersWaitingRequests(t *testing.T) {
	srv, err := latency.Start(latency.Options{Latency: latency.MaxLatency})
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		_, err := fetchOne(context.Background(), srv.URL(0))
		done <- err
	}()
	require.Eventually(t, func() bool { return srv.InFlight() == 1 }, 10*time.Second, time.Millisecond)
	srv.Close()
	err = <-done
	require.Error(t, err)
	assert.Contains(t, err.Error(), "503")
	assert.Equal(t, int64(0), srv.Served())
	srv.Close() // a second Close is harmless

	_, err = fetchOne(t.Context(), srv.URL(0))
	assert.Error(t, err, "a closed server accepts nothing")
}

func TestFetchAllWithServerClient(t *testing.T) {
	srv := start(t, latency.Options{BodySize: 64})
	for round := range 2 {
		results, err := latency.FetchAllWith(t.Context(), srv.Client(), srv.URLs(8), 0)
		require.NoError(t, err, "round %d", round)
		for _, r := range results {
			assert.Equal(t, 64, r.Bytes)
		}
	}
	assert.Equal(t, int64(16), srv.Served())
	_, err := latency.FetchAllWith(t.Context(), nil, srv.URLs(1), 1)
	assert.Error(t, err, "nil client")
	// srv.Close, run by Cleanup, closes the client's connections; goleak in
	// TestMain fails the package if it did not.
}
