package latency

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Result is what [FetchAll] learned about one URL.
type Result struct {
	URL        string
	Bytes      int       // body bytes received
	Err        error     // nil when the page arrived in full with status 200
	Start, End time.Time // when the request was sent and the answer was read
}

// Fetch downloads url with client and returns the number of body bytes read.
// Any status other than 200 OK is an error. The body is read to the end,
// because a download is not over until the last byte has arrived.
func Fetch(ctx context.Context, client *http.Client, url string) (int, error) {
	if ctx == nil {
		return 0, errors.New("latency: nil context")
	}
	if client == nil {
		return 0, errors.New("latency: nil *http.Client")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, fmt.Errorf("latency: %w", err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("latency: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		// The server says why in a short body: show it.
		why, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return 0, fmt.Errorf("latency: %s: %s: %s", url, resp.Status, strings.TrimSpace(string(why)))
	}
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return int(n), fmt.Errorf("latency: reading %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return int(n), fmt.Errorf("latency: %s: %s", url, resp.Status)
	}
	return int(n), nil
}

// FetchAll downloads every URL with a fresh client and returns one [Result]
// per URL, in the order of urls, however the fetches interleaved.
//
// concurrency says how many requests may be open at once:
//   - 1 fetches one URL after the other, like the tutorials' plain for loop;
//   - N > 1 keeps at most N requests open, like a ThreadPoolExecutor with N
//     threads (N goroutines take URLs from a shared list);
//   - 0 opens them all at once, one goroutine per URL, like asyncio.gather;
//   - a negative value is an error.
//
// The error is nil when every fetch succeeded; otherwise it counts the
// failures and wraps the first one (each Result has its own Err). Cancelling
// ctx makes the fetches still running, and those not started, fail at once.
//
// The fresh client opens new connections, which costs a TCP handshake per
// worker, and closes them before FetchAll returns, so nothing outlives the
// call. It never uses a proxy: the URLs are meant to be the loopback
// server's. To reuse connections across calls, use [FetchAllWith] and
// [Server.Client].
func FetchAll(ctx context.Context, urls []string, concurrency int) ([]Result, error) {
	// One idle connection per worker lets each worker reuse its own.
	transport := newTransport(max(workerCount(len(urls), concurrency), 1))
	defer transport.CloseIdleConnections()
	return FetchAllWith(ctx, &http.Client{Transport: transport}, urls, concurrency)
}

// FetchAllWith is [FetchAll] with the given client, whose connections it
// leaves open for the next call.
func FetchAllWith(ctx context.Context, client *http.Client, urls []string, concurrency int) ([]Result, error) {
	if ctx == nil {
		return nil, errors.New("latency: nil context")
	}
	if client == nil {
		return nil, errors.New("latency: nil *http.Client")
	}
	limit := MaxConcurrency()
	switch {
	case concurrency < 0:
		return nil, fmt.Errorf("latency: concurrency %d is negative (0 means as many as this machine allows)", concurrency)
	case concurrency > limit:
		return nil, fmt.Errorf("latency: concurrency %d is more than this machine allows (%d): %s", concurrency, limit, limitWhy())
	}
	if len(urls) == 0 {
		return nil, nil
	}
	if concurrency == 0 {
		concurrency = limit
	}
	workers := workerCount(len(urls), concurrency)

	results := make([]Result, len(urls))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(urls) {
					return
				}
				r := &results[i]
				r.URL = urls[i]
				r.Start = time.Now()
				r.Bytes, r.Err = Fetch(ctx, client, urls[i])
				r.End = time.Now()
			}
		})
	}
	wg.Wait()

	failed, first := 0, error(nil)
	for _, r := range results {
		if r.Err != nil {
			if first == nil {
				first = r.Err
			}
			failed++
		}
	}
	if failed > 0 {
		return results, fmt.Errorf("latency: %d of %d fetches failed, the first: %w", failed, len(urls), first)
	}
	return results, nil
}

// workerCount is how many goroutines fetch n URLs at the given concurrency.
func workerCount(n, concurrency int) int {
	if concurrency <= 0 || concurrency > n {
		return n
	}
	return concurrency
}

// maxIdlePerHost is how many idle connections [Server.Client] keeps: enough
// for the course's largest batch (1000 pages at once) to reuse them all.
const maxIdlePerHost = 1024

// newTransport returns a transport that never uses a proxy and keeps up to
// idle connections open for reuse.
func newTransport(idle int) *http.Transport {
	return &http.Transport{
		Proxy:       nil,
		DialContext: (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
		// No answer can take longer than the longest latency the server
		// accepts: past that, something is wrong, and the fetch fails
		// instead of waiting forever.
		ResponseHeaderTimeout: MaxLatency + writeSlack,
		MaxIdleConnsPerHost:   idle,
		MaxIdleConns:          idle,
		DisableCompression:    true,
	}
}

// MaxConcurrency is the most requests [FetchAll] keeps open at once on this
// machine: a quarter of this process's open-file limit (RLIMIT_NOFILE),
// since a fetch from a server in the same process holds two descriptors
// (the client's socket and the server's), and the program needs others.
// Beyond the limit the server cannot accept, the queued requests are never
// answered, and the fetches would wait until their context ends.
func MaxConcurrency() int {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil || r.Cur > 1<<20 {
		return 1 << 18
	}
	return max(int(r.Cur/4), 1)
}

func limitWhy() string {
	var r syscall.Rlimit
	_ = syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r)
	return fmt.Sprintf("each open request holds two file descriptors and the open-file limit (ulimit -n) is %d", r.Cur)
}
