package worker

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The parent and a worker talk over the worker's stdin and stdout in frames:
// a 4-byte big-endian length, then that many bytes of body. A length prefix,
// unlike newline-delimited text, lets the reader allocate the body once and
// never scan for a delimiter, and arguments may contain any byte.
//
// The body is a kind byte, a request id, and the fields of that kind:
//
//	request 'Q': id, task name, argument (JSON, the rest of the body)
//	cancel  'C': id (stop it if it runs, skip it if it waits)
//	withdraw 'W': id (give it back if it has not started)
//	answer  'A': id, start, end (Unix ns), thread id, status, message, result (JSON, the rest)
//
// Integers are varints (encoding/binary), strings a uvarint length then bytes.
// Only the argument and the result are JSON: that is what a task sees, while
// the envelope stays cheap to encode, which matters when a call costs microseconds.

// maxFrame bounds a frame body. A length read from a corrupt stream must not
// make the reader allocate gigabytes; 64 MiB is far above any argument the
// course sends (the IPC-cost lesson uses payloads up to a few MiB).
const maxFrame = 64 << 20

type frameKind byte

const (
	kindRequest  frameKind = 'Q'
	kindCancel   frameKind = 'C'
	kindWithdraw frameKind = 'W'
	kindAnswer   frameKind = 'A'
)

// status says how a task ended, in an answer frame.
type status byte

const (
	statusOK        status = iota // the result field holds the result
	statusFailed                  // the task returned an error: the message
	statusUnknown                 // the worker has no task of that name
	statusCancelled               // skipped or stopped after a cancel frame
	statusWithdrawn               // not started, given back after a withdraw frame
	statusLast      = statusWithdrawn
)

// frame is one decoded message. Which fields are set depends on kind.
type frame struct {
	kind    frameKind
	id      uint64
	task    string // request
	payload []byte // request: argument; answer: result
	start   int64  // answer
	end     int64  // answer
	tid     int    // answer
	status  status // answer
	msg     string // answer
}

var errFrameTooLarge = fmt.Errorf("frame larger than %d bytes", maxFrame)

// appendFrame appends the encoding of f, length prefix included, to dst.
func appendFrame(dst []byte, f *frame) ([]byte, error) {
	at := len(dst)
	dst = append(dst, 0, 0, 0, 0, byte(f.kind))
	dst = binary.AppendUvarint(dst, f.id)
	switch f.kind {
	case kindRequest:
		dst = appendString(dst, f.task)
		dst = append(dst, f.payload...)
	case kindCancel, kindWithdraw:
	case kindAnswer:
		dst = binary.AppendVarint(dst, f.start)
		dst = binary.AppendVarint(dst, f.end)
		dst = binary.AppendUvarint(dst, uint64(f.tid))
		dst = append(dst, byte(f.status))
		dst = appendString(dst, f.msg)
		dst = append(dst, f.payload...)
	default:
		return dst[:at], fmt.Errorf("unknown frame kind %q", f.kind)
	}
	n := len(dst) - at - 4
	if n > maxFrame {
		return dst[:at], errFrameTooLarge
	}
	binary.BigEndian.PutUint32(dst[at:], uint32(n))
	return dst, nil
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// readFrame reads one frame body from r into a new slice. It returns io.EOF
// only when the stream ends cleanly between frames.
func readFrame(r *bufio.Reader) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err // io.EOF between frames, io.ErrUnexpectedEOF inside the header
	}
	n := binary.BigEndian.Uint32(hdr[:])
	switch {
	case n == 0:
		return nil, errors.New("empty frame")
	case n > maxFrame:
		return nil, errFrameTooLarge
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return body, nil
}

// decodeFrame decodes a frame body. It never panics, whatever the bytes:
// FuzzDecode checks that. The payload aliases body.
func decodeFrame(body []byte) (frame, error) {
	d := decoder{b: body}
	f := frame{kind: frameKind(d.byte())}
	f.id = d.uvarint()
	switch f.kind {
	case kindRequest:
		f.task = d.string()
		f.payload = d.rest()
	case kindCancel, kindWithdraw:
		if d.err == nil && len(d.b) != 0 {
			d.err = errors.New("trailing bytes after cancel or withdraw frame")
		}
	case kindAnswer:
		f.start = d.varint()
		f.end = d.varint()
		tid := d.uvarint()
		if tid > 1<<31-1 && d.err == nil {
			d.err = errors.New("thread id out of range")
		}
		f.tid = int(tid)
		f.status = status(d.byte())
		if f.status > statusLast && d.err == nil {
			d.err = fmt.Errorf("unknown status %d", f.status)
		}
		f.msg = d.string()
		f.payload = d.rest()
	default:
		if d.err == nil {
			d.err = fmt.Errorf("unknown frame kind %q", f.kind)
		}
	}
	if d.err != nil {
		return frame{}, fmt.Errorf("bad frame: %w", d.err)
	}
	return f, nil
}

// decoder reads fields from a frame body and remembers the first error, so
// that decodeFrame can read all fields and check once.
type decoder struct {
	b   []byte
	err error
}

var errShort = errors.New("frame too short")

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.err = errShort
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errors.New("bad uvarint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errors.New("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = errShort
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) rest() []byte {
	if d.err != nil {
		return nil
	}
	r := d.b
	d.b = nil
	return r
}
