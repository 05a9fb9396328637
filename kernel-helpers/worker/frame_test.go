package worker

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFrameRoundTrip(t *testing.T) {
	frames := map[string]frame{
		"request":        {kind: kindRequest, id: 1, task: "count", payload: []byte(`1000`)},
		"request no arg": {kind: kindRequest, id: 1 << 40, task: "noop"},
		"cancel":         {kind: kindCancel, id: 7},
		"withdraw":       {kind: kindWithdraw, id: 8},
		"answer": {kind: kindAnswer, id: 3, start: 1_700_000_000_000_000_000, end: 1_700_000_000_000_000_999,
			tid: 4242, status: statusOK, payload: []byte(`{"a":[1,2]}`)},
		"failed answer": {kind: kindAnswer, id: 4, start: -5, end: 5, status: statusFailed, msg: "boom"},
	}
	for name, want := range frames {
		t.Run(name, func(t *testing.T) {
			enc, err := appendFrame([]byte("prefix"), &want)
			require.NoError(t, err)
			require.Equal(t, "prefix", string(enc[:6]), "appendFrame must append")
			body, err := readFrame(bufio.NewReader(bytes.NewReader(enc[6:])))
			require.NoError(t, err)
			got, err := decodeFrame(body)
			require.NoError(t, err)
			if len(want.payload) == 0 {
				want.payload = nil
			}
			if len(got.payload) == 0 {
				got.payload = nil
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestReadFrameErrors(t *testing.T) {
	header := func(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }
	tests := []struct {
		name  string
		input []byte
		want  error
	}{
		{"clean end", nil, io.EOF},
		{"short header", []byte{0, 0}, io.ErrUnexpectedEOF},
		{"short body", append(header(10), 'Q', 1), io.ErrUnexpectedEOF},
		{"too large", header(maxFrame + 1), errFrameTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readFrame(bufio.NewReader(bytes.NewReader(tt.input)))
			assert.ErrorIs(t, err, tt.want)
		})
	}
	t.Run("empty frame", func(t *testing.T) {
		_, err := readFrame(bufio.NewReader(bytes.NewReader(header(0))))
		assert.ErrorContains(t, err, "empty frame")
	})
}

func TestDecodeFrameErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want string
	}{
		{"empty", nil, "too short"},
		{"unknown kind", []byte{'X', 1}, "unknown frame kind"},
		{"no id", []byte{'Q'}, "bad uvarint"},
		{"name longer than frame", []byte{'Q', 1, 50, 'a'}, "too short"},
		{"cancel with trailing bytes", []byte{'C', 1, 0}, "trailing bytes"},
		{"answer cut short", []byte{'A', 1, 2}, "bad varint"},
		{"unknown status", []byte{'A', 1, 0, 0, 0, 99, 0}, "unknown status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeFrame(tt.body)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestAppendFrameTooLarge(t *testing.T) {
	big := frame{kind: kindRequest, id: 1, task: "echo", payload: make([]byte, maxFrame)}
	out, err := appendFrame([]byte("keep"), &big)
	assert.True(t, errors.Is(err, errFrameTooLarge), "got %v", err)
	assert.Equal(t, "keep", string(out), "a failed append leaves dst as it was")
}

// FuzzDecode feeds arbitrary bytes to the frame reader and decoder, as a
// corrupt or hostile pipe would: they may fail, but never panic, and what
// decodes must encode back to the same body.
func FuzzDecode(f *testing.F) {
	for _, fr := range []frame{
		{kind: kindRequest, id: 1, task: "count", payload: []byte(`1000`)},
		{kind: kindCancel, id: 300},
		{kind: kindWithdraw, id: 301},
		{kind: kindAnswer, id: 301, status: statusWithdrawn},
		{kind: kindAnswer, id: 2, start: 10, end: 20, tid: 7, status: statusFailed, msg: "boom", payload: []byte(`null`)},
	} {
		enc, err := appendFrame(nil, &fr)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc)
		f.Add(enc[:len(enc)/2])
	}
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Add([]byte(strings.Repeat("\x00", 9)))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReader(bytes.NewReader(data))
		for {
			body, err := readFrame(r)
			if err != nil {
				return
			}
			fr, err := decodeFrame(body)
			if err != nil {
				continue
			}
			again, err := appendFrame(nil, &fr)
			if err != nil {
				t.Fatalf("decoded frame does not encode: %v", err)
			}
			if !bytes.Equal(again[4:], body) {
				// Varints have one canonical encoding only when minimal;
				// a non-minimal input may re-encode shorter. Decode again
				// and compare the frames instead.
				fr2, err := decodeFrame(again[4:])
				if err != nil {
					t.Fatalf("re-encoded frame does not decode: %v", err)
				}
				if fr2.kind != fr.kind || fr2.id != fr.id || fr2.task != fr.task || fr2.msg != fr.msg ||
					!bytes.Equal(fr2.payload, fr.payload) || fr2.start != fr.start || fr2.end != fr.end ||
					fr2.tid != fr.tid || fr2.status != fr.status {
					t.Fatalf("round trip changed the frame: %+v became %+v", fr, fr2)
				}
			}
		}
	})
}
