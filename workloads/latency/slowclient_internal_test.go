package latency

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSlowClientsAreCutOff sends requests that never finish: a body
// announced and never sent, a body dripped a byte at a time, and an idle
// keep-alive connection. The server must close each connection within its
// timeouts, not hold it forever.
func TestSlowClientsAreCutOff(t *testing.T) {
	oldRead, oldIdle := readTimeout, idleTimeout
	readTimeout, idleTimeout = 300*time.Millisecond, 300*time.Millisecond
	defer func() { readTimeout, idleTimeout = oldRead, oldIdle }()
	s, err := Start(Options{})
	require.NoError(t, err)
	defer s.Close()
	addr := strings.TrimPrefix(s.base, "http://")

	for _, tc := range []struct {
		name string
		send func(c net.Conn)
	}{
		{"body announced, never sent", func(c net.Conn) {
			_, _ = io.WriteString(c, "POST /page/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
		}},
		{"body dripped", func(c net.Conn) {
			_, _ = io.WriteString(c, "POST /page/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
			go func() {
				for range 20 {
					time.Sleep(100 * time.Millisecond)
					if _, err := c.Write([]byte("x")); err != nil {
						return
					}
				}
			}()
		}},
		{"idle keep-alive", func(c net.Conn) {
			_, _ = io.WriteString(c, "GET /page/0 HTTP/1.1\r\nHost: x\r\n\r\n")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer c.Close()
			tc.send(c)
			start := time.Now()
			_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
			_, err = io.Copy(io.Discard, c) // until the server closes (EOF, or a reset if we were still writing)
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("the server still held the connection after %v", time.Since(start))
			}
			assert.Less(t, time.Since(start), 5*time.Second)
		})
	}
}

func TestBounds(t *testing.T) {
	s, err := Start(Options{})
	require.NoError(t, err)
	defer s.Close()
	urls := s.URLs(1_000_000_000_000)
	require.Len(t, urls, 1)
	_, err = FetchAll(context.Background(), urls, 1)
	assert.ErrorContains(t, err, "400 Bad Request: latency: URLs(1000000000000): at most 100000 pages")
	_, err = Fetch(context.Background(), s.Client(), urls[0])
	assert.ErrorContains(t, err, "400")
	_, err = FetchAll(context.Background(), s.URLs(2), MaxConcurrency()+1)
	assert.ErrorContains(t, err, "more than this machine allows")
	assert.GreaterOrEqual(t, MaxConcurrency(), 1)
}
