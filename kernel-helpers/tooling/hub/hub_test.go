package hub

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestFrames(t *testing.T) {
	for _, n := range []int{0, 5, 125, 126, 65535, 65536, 200000} {
		payload := bytes.Repeat([]byte("x"), n)
		frame := encodeFrame(opText, payload, [4]byte{1, 2, 3, 4})
		fin, op, got, err := readFrame(bytes.NewReader(frame))
		require.NoError(t, err, "%d bytes", n)
		assert.True(t, fin)
		assert.Equal(t, byte(opText), op)
		assert.Equal(t, payload, got, "%d bytes survive masking and the length forms", n)
	}
	_, _, _, err := readFrame(bytes.NewReader([]byte{0x81, 127, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}))
	assert.Error(t, err, "a frame over the limit")
	_, _, _, err = readFrame(bytes.NewReader([]byte{0x81, 10, 'a'}))
	assert.Error(t, err, "a truncated frame")
}

// echoServer is a WebSocket server that answers each text message, after a
// ping, with the message echoed in two fragments, and closes on "bye".
func echoServer(t *testing.T) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "token secret" {
			http.Error(w, "no", http.StatusForbidden)
			return
		}
		h := sha1.Sum([]byte(r.Header.Get("Sec-WebSocket-Key") + wsGUID))
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
			base64.StdEncoding.EncodeToString(h[:]) + "\r\n\r\n")
		rw.Flush()
		for {
			_, op, msg, err := readFrame(rw.Reader)
			if err != nil || op == opClose {
				return
			}
			if op == opPong {
				continue
			}
			if string(msg) == "bye" {
				conn.Write([]byte{0x88, 0})
				return
			}
			half := len(msg) / 2
			var out []byte
			out = append(out, 0x89, 1, 'p')              // ping
			out = append(out, 0x01, byte(half))          // text, not final
			out = append(out, msg[:half]...)             //
			out = append(out, 0x80, byte(len(msg)-half)) // continuation, final
			out = append(out, msg[half:]...)             //
			conn.Write(out)
		}
	}))
}

func TestWebSocket(t *testing.T) {
	srv := echoServer(t)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	_, err := dialWebSocket(ctx, srv.URL+"/ws", nil)
	assert.ErrorContains(t, err, "403", "no token, no socket")

	ws, err := dialWebSocket(ctx, srv.URL+"/ws", http.Header{"Authorization": {"token secret"}})
	require.NoError(t, err)
	require.NoError(t, ws.WriteText([]byte("hello, kernel")))
	op, msg, err := ws.ReadMessage()
	require.NoError(t, err)
	assert.Equal(t, byte(opText), op)
	assert.Equal(t, "hello, kernel", string(msg), "fragments joined, the ping answered on the way")
	require.NoError(t, ws.WriteText([]byte("bye")))
	_, _, err = ws.ReadMessage()
	assert.Error(t, err, "the server closed")
	ws.Close()

	_, err = dialWebSocket(ctx, "https://example.invalid/", nil)
	assert.Error(t, err, "loopback http only")
}

func TestCellFailed(t *testing.T) {
	assert.False(t, Cell{Status: "ok"}.Failed())
	assert.True(t, Cell{Status: "error"}.Failed())
	assert.True(t, Cell{Status: "timeout"}.Failed())
	assert.True(t, Cell{Status: "ok", Errors: []string{"x"}}.Failed())
	assert.True(t, Cell{Status: "ok", Stderr: "panic: boom"}.Failed())
	assert.False(t, Cell{Status: "ok", Stderr: "a warning"}.Failed())
}

func TestLearnerAndReport(t *testing.T) {
	good := Learner{Name: "a", Cells: []Cell{{Status: "ok"}}, Results: 4, Flagged: 4, Shared: 4}
	assert.False(t, good.Failed())
	for name, l := range map[string]Learner{
		"an error":                  {Name: "b", Err: "x", Cells: good.Cells, Results: 1, Flagged: 1},
		"no cells":                  {Name: "b", Results: 1, Flagged: 1},
		"no results":                {Name: "b", Cells: good.Cells},
		"a result without the flag": {Name: "b", Cells: good.Cells, Results: 2, Flagged: 1},
		"a failed cell":             {Name: "b", Cells: []Cell{{Status: "ok"}, {Status: "error"}}, Results: 1, Flagged: 1},
	} {
		assert.True(t, l.Failed(), name)
	}
	r := Report{Users: 2, Learners: []Learner{good, good}, WrongPasswordRefused: true, Latencies: []time.Duration{time.Millisecond, 2 * time.Millisecond}}
	assert.True(t, r.OK())
	p, f := r.Passed()
	assert.Equal(t, [2]int{2, 0}, [2]int{p, f})
	for name, bad := range map[string]func(*Report){
		"a learner failed":   func(r *Report) { r.Learners = []Learner{good, {Name: "x"}} },
		"a learner missing":  func(r *Report) { r.Learners = r.Learners[:1] },
		"password let in":    func(r *Report) { r.WrongPasswordRefused = false },
		"API errors":         func(r *Report) { r.APIErrors = 1 },
		"API too slow":       func(r *Report) { r.Latencies = append(r.Latencies, MaxLatency) },
		"API never measured": func(r *Report) { r.Latencies = nil },
		"something left":     func(r *Report) { r.Leftovers = []string{"account x"} },
	} {
		c := r
		c.Learners = append([]Learner(nil), r.Learners...)
		bad(&c)
		assert.False(t, c.OK(), name)
	}
	s := Summary(r)
	assert.Contains(t, s, "2 learners at once")
	assert.Contains(t, s, "4 with the contention sample")
	assert.Contains(t, s, "left behind: nothing")
}

func TestPercentile(t *testing.T) {
	d := []time.Duration{5, 1, 4, 2, 3}
	assert.Equal(t, time.Duration(1), Percentile(d, 0))
	assert.Equal(t, time.Duration(3), Percentile(d, 50))
	assert.Equal(t, time.Duration(5), Percentile(d, 100))
	assert.Equal(t, time.Duration(0), Percentile(nil, 50))
	assert.Equal(t, []time.Duration{5, 1, 4, 2, 3}, d, "not sorted in place")
}

func TestOptions(t *testing.T) {
	_, err := Options{}.withDefaults()
	assert.Error(t, err, "no repository")
	o, err := Options{Repo: "/r"}.withDefaults()
	require.NoError(t, err)
	assert.Equal(t, 10, o.Users)
	assert.Equal(t, "notebooks/00-overview.ipynb", o.Notebook)
	for _, n := range []int{-1, MaxUsers + 1} {
		_, err := Options{Repo: "/r", Users: n}.withDefaults()
		assert.Error(t, err, "%d learners", n)
	}
	assert.Equal(t, []string{"clload01", "clload02"}, Names(2))
}

func TestHelpers(t *testing.T) {
	assert.Equal(t, "a\nb", source([]any{"a\n", "b"}))
	assert.Equal(t, "x", source("x"))
	assert.Equal(t, "", source(3))
	assert.True(t, isPlot(map[string]any{"image/svg+xml": "<svg/>"}))
	assert.True(t, isPlot(map[string]any{"text/html": `<img src="data:image/svg+xml;base64,AA" alt="a">`}))
	assert.False(t, isPlot(map[string]any{"text/plain": "x"}))

	p := filepath.Join(t.TempDir(), "pw")
	require.NoError(t, os.WriteFile(p, []byte("ada s3cret\ngrace other\n\n"), 0o600))
	pw, err := readPasswords(p)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"ada": "s3cret", "grace": "other"}, pw)
	_, err = readPasswords(filepath.Join(t.TempDir(), "none"))
	assert.Error(t, err)
}

func TestMessage(t *testing.T) {
	// What the server sends: the reply is matched to the request by its
	// parent header.
	var m message
	require.NoError(t, json.Unmarshal([]byte(`{"header":{"msg_type":"execute_reply","msg_id":"2"},"parent_header":{"msg_id":"1"},"content":{"status":"ok"},"channel":"shell"}`), &m))
	assert.Equal(t, "1", m.ParentHeader.MsgID)
	assert.Equal(t, "ok", m.Content["status"])
}
