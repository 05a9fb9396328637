package latency

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Limits on what [Options] and the query string may ask for. They only keep
// a typo (ms=50000000) from tying up a notebook or its memory; the course
// needs milliseconds and kilobytes.
const (
	MaxLatency  = time.Minute
	MaxBodySize = 64 << 20 // 64 MiB
	// MaxURLs bounds [Server.URLs]: the course fetches hundreds of pages,
	// and every URL is a string in memory.
	MaxURLs = 100_000
)

// How long a client may take to send a request, and how long the server
// keeps an idle keep-alive connection. A request is a GET with no body: a
// client that announces a body and never sends it, or drips it, is cut off
// after readTimeout instead of holding a connection (and a goroutine)
// forever. Variables, so that tests can shorten them.
var (
	readTimeout = 5 * time.Second
	idleTimeout = 30 * time.Second
	// writeSlack is how long the server gives itself to write an answer
	// after its latency: enough for MaxBodySize over loopback.
	writeSlack = 10 * time.Second
)

// Options configures a [Server]. The zero value answers at once with an
// empty body.
type Options struct {
	// Latency is how long the server waits before it answers each request,
	// like a slow website. A request's "?ms=" query overrides it.
	Latency time.Duration
	// BodySize is how many bytes each answer carries. A request's "?bytes="
	// query overrides it.
	BodySize int
}

func (o Options) validate() error {
	if o.Latency < 0 || o.Latency > MaxLatency {
		return fmt.Errorf("latency: Latency %v is outside [0, %v]", o.Latency, MaxLatency)
	}
	if o.BodySize < 0 || o.BodySize > MaxBodySize {
		return fmt.Errorf("latency: BodySize %d is outside [0, %d]", o.BodySize, MaxBodySize)
	}
	return nil
}

// Server is a running HTTP server on 127.0.0.1 that answers every path
// after a delay. Create it with [Start] and stop it with [Server.Close].
type Server struct {
	opts Options
	base string // "http://127.0.0.1:port"
	srv  *http.Server

	// client reuses its connections across calls; Close closes them.
	client    *http.Client
	transport *http.Transport

	closing   chan struct{} // closed by Close: waiting handlers give up
	closeOnce sync.Once
	serveDone chan struct{} // closed when Serve has returned
	conns     sync.WaitGroup

	served      atomic.Int64
	inFlight    atomic.Int64
	maxInFlight atomic.Int64
}

// Start starts a server on 127.0.0.1 at a port the kernel picks (port 0),
// so several servers can run side by side and nothing outside this machine
// can reach them. The server runs until [Server.Close].
func Start(opts Options) (*Server, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("latency: listen on loopback: %w", err)
	}
	s := &Server{
		opts:      opts,
		base:      "http://" + ln.Addr().String(),
		closing:   make(chan struct{}),
		serveDone: make(chan struct{}),
	}
	s.transport = newTransport(maxIdlePerHost)
	s.client = &http.Client{Transport: s.transport}
	s.srv = &http.Server{
		Handler: http.HandlerFunc(s.handle),
		// A client that opens a connection and never sends a request, or
		// never finishes sending one, must not hold the server forever.
		ReadHeaderTimeout: readTimeout,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
		// Sized to the configured latency; a request that asks for another
		// latency (?ms=) gets its own deadline in handle.
		WriteTimeout: opts.Latency + writeSlack,
		// Tracking connections lets Close wait until every connection's
		// goroutine has finished, as httptest.Server does: nothing leaks.
		ConnState: func(_ net.Conn, state http.ConnState) {
			switch state {
			case http.StateNew:
				s.conns.Add(1)
			case http.StateClosed, http.StateHijacked:
				s.conns.Done()
			}
		},
	}
	go func() {
		defer close(s.serveDone)
		_ = s.srv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return s, nil
}

// URL returns the address of page i on the server. The server answers every
// path the same way; distinct paths only make the URLs look like distinct
// pages, as in the tutorials' list of websites. Append "?ms=" or "?bytes="
// to change one answer.
func (s *Server) URL(i int) string {
	return s.base + "/page/" + strconv.Itoa(i)
}

// URLs returns the addresses of pages 0 to n-1, or nil when n <= 0. For n
// over [MaxURLs] it returns one address that the server refuses with 400
// Bad Request, saying why, so that the fetch reports the mistake instead
// of this call taking all the memory there is.
func (s *Server) URLs(n int) []string {
	if n <= 0 {
		return nil
	}
	if n > MaxURLs {
		why := fmt.Sprintf("URLs(%d): at most %d pages", n, MaxURLs)
		return []string{s.base + refusedPath + "?why=" + url.QueryEscape(why)}
	}
	urls := make([]string, n)
	for i := range urls {
		urls[i] = s.URL(i)
	}
	return urls
}

// Client returns a client for this server that keeps its connections open
// between calls, as a browser or Python's requests.Session does, so that
// repeated batches measure the waiting and not the TCP handshakes. Pass it to
// [FetchAllWith]. [Server.Close] closes its connections.
func (s *Server) Client() *http.Client { return s.client }

// Served returns how many requests the server has answered with a body:
// those that waited out their latency. Requests refused with an error status
// (a bad query, or Close) are not counted. A client that has read a whole
// answer always finds it counted.
func (s *Server) Served() int64 { return s.served.Load() }

// InFlight returns how many requests the server is holding right now.
func (s *Server) InFlight() int64 { return s.inFlight.Load() }

// MaxInFlight returns the most requests the server has held at once: 1 for
// a client that fetches one page after the other, up to N for one that keeps
// N requests open.
func (s *Server) MaxInFlight() int64 { return s.maxInFlight.Load() }

// Close stops the server and returns once every connection and handler has
// finished. Requests still waiting out their latency are answered at once
// with 503 Service Unavailable. Close is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closing)
		s.transport.CloseIdleConnections()
		// Shutdown closes the listener and idle connections and waits for
		// active ones; the handlers return at once because closing is closed.
		// The timeout only covers a client that stalls mid-request.
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			_ = s.srv.Close()
		}
		<-s.serveDone
		s.conns.Wait()
		// Connections that were busy when Close began are idle (or gone)
		// now; closing them again ends their client-side goroutines.
		s.transport.CloseIdleConnections()
	})
}

// refusedPath is the page [Server.URLs] hands out for a size it refuses.
const refusedPath = "/refused"

// handle waits out the latency, then writes the body.
func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for {
		old := s.maxInFlight.Load()
		if n <= old || s.maxInFlight.CompareAndSwap(old, n) {
			break
		}
	}

	if r.URL.Path == refusedPath {
		http.Error(w, "latency: "+r.URL.Query().Get("why"), http.StatusBadRequest)
		return
	}
	delay, size, err := s.params(r.URL.Query())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	// This request's own latency may differ from the server's.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(delay + writeSlack))
	if delay > 0 {
		// A timer, not a busy loop: while it waits the server uses no CPU,
		// which is the point of an I/O-bound workload.
		timer := time.NewTimer(delay)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-r.Context().Done():
			return // the client gave up; nobody is there to answer
		case <-s.closing:
			http.Error(w, "latency: server closing", http.StatusServiceUnavailable)
			return
		}
	}
	// Count before writing: the client may hold the last byte before this
	// handler returns, and a count it reads then must already include it.
	s.served.Add(1)
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(size))
	_ = writeBody(w, size) // an error means the client went away: nothing to do
}

// params reads the ?ms= and ?bytes= overrides.
func (s *Server) params(q url.Values) (time.Duration, int, error) {
	delay, size := s.opts.Latency, s.opts.BodySize
	if v := q.Get("ms"); v != "" {
		ms, err := strconv.ParseInt(v, 10, 64)
		if err != nil || ms < 0 || ms > MaxLatency.Milliseconds() {
			return 0, 0, fmt.Errorf("latency: ms=%q is not a whole number in [0, %d]", v, MaxLatency.Milliseconds())
		}
		delay = time.Duration(ms) * time.Millisecond
	}
	if v := q.Get("bytes"); v != "" {
		b, err := strconv.Atoi(v)
		if err != nil || b < 0 || b > MaxBodySize {
			return 0, 0, fmt.Errorf("latency: bytes=%q is not a whole number in [0, %d]", v, MaxBodySize)
		}
		size = b
	}
	return delay, size, nil
}

// chunk is the pattern every body repeats: printable, so a body shown in a
// notebook reads as text.
var chunk = func() []byte {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789\n"
	b := make([]byte, 32<<10)
	for i := range b {
		b[i] = alphabet[i%len(alphabet)]
	}
	return b
}()

func writeBody(w http.ResponseWriter, size int) error {
	for size > 0 {
		n := min(size, len(chunk))
		if _, err := w.Write(chunk[:n]); err != nil {
			return err
		}
		size -= n
	}
	return nil
}
