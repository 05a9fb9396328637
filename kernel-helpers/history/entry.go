package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"concurrencylab/kernel-helpers/bench"
)

// Entry is one line of the history: a measurement and where and when it was
// taken.
type Entry struct {
	// Time is when the measurement was recorded, in UTC.
	Time time.Time `json:"time"`
	// Run names the program run that recorded it. Every GoNB cell execution
	// is a new program, so entries with the same Run came from one execution
	// of one cell. See [ThisRun].
	Run string `json:"run"`
	// Label names the settings the run was made under, e.g. "GOMAXPROCS=1";
	// empty for the defaults. See [Entry.Settings].
	Label string `json:"label,omitempty"`
	// Machine is the header of the machine the measurement was taken on.
	Machine bench.MachineInfo `json:"machine"`
	// Result is the measurement itself.
	Result bench.Result `json:"result"`
}

// Settings returns what sets this entry's run apart from a run with the
// defaults: its Label, plus "GOMAXPROCS=n" when GOMAXPROCS was not the number
// of logical cores and the label does not mention it already. An empty string
// means the defaults. [Compare] groups runs by it, so a run made after
// runtime.GOMAXPROCS(1) lands in its own group even if nobody labelled it.
func (e Entry) Settings() string {
	s := e.Label
	m := e.Machine
	if m.GOMAXPROCS > 0 && m.LogicalCores > 0 && m.GOMAXPROCS != m.LogicalCores &&
		!strings.Contains(s, "GOMAXPROCS") {
		g := "GOMAXPROCS=" + strconv.Itoa(m.GOMAXPROCS)
		if s == "" {
			return g
		}
		return s + ", " + g
	}
	return s
}

// check reports why e cannot go into the history, or nil.
func (e Entry) check() error {
	switch {
	case e.Result.Name == "":
		return errors.New("the result has no Name, so it could never be found again")
	case e.Time.IsZero():
		return errors.New("the entry has no Time")
	case e.Run == "":
		return errors.New("the entry has no Run")
	}
	for i, s := range e.Result.Samples {
		if s < 0 {
			return fmt.Errorf("sample %d is negative (%v)", i, s)
		}
	}
	return nil
}

// thisRun is the Run of every entry this program records.
var thisRun = newRunID()

// newRunID returns a name for this program run that no other run shares: its
// start time to the microsecond and its process id (two processes started in
// the same microsecond still differ by id).
func newRunID() string {
	return time.Now().UTC().Format("20060102T150405.000000Z") + "-" + strconv.Itoa(os.Getpid())
}

// ThisRun returns the Run that [Store.Record] writes into entries made by
// this program. In a notebook, that is this execution of this cell.
func ThisRun() string { return thisRun }

// Warning says why one line of a history file was skipped.
type Warning struct {
	// Line is the line number in the file, from 1.
	Line int
	// Err says what was wrong with it.
	Err error
}

func (w Warning) Error() string {
	return fmt.Sprintf("line %d skipped: %v", w.Line, w.Err)
}

func (w Warning) Unwrap() error { return w.Err }

// Decode reads history lines from r. Lines that are not a valid entry (cut
// short, not JSON, or missing the measurement name or time) are skipped and
// reported as warnings, in file order; blank lines are ignored. The error is
// only for failing to read r.
func Decode(r io.Reader) (entries []Entry, warnings []Warning, err error) {
	if r == nil {
		return nil, nil, errors.New("history: Decode needs a reader, got nil")
	}
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		// Not a bufio.Scanner: a line with thousands of samples may be
		// longer than a Scanner's 64 KiB limit. A line over MaxLine (a
		// corrupt file) is skipped as it is read, never held whole.
		line, tooLong, err := readLine(br)
		if tooLong {
			warnings = append(warnings, Warning{Line: n, Err: fmt.Errorf("line longer than %d bytes, skipped", MaxLine)})
		} else if len(bytes.TrimSpace(line)) > 0 {
			e, bad := decodeLine(line)
			if bad != nil {
				warnings = append(warnings, Warning{Line: n, Err: bad})
			} else {
				entries = append(entries, e)
			}
		}
		if errors.Is(err, io.EOF) {
			return entries, warnings, nil
		}
		if err != nil {
			return entries, warnings, fmt.Errorf("history: reading line %d: %w", n, err)
		}
	}
}

// MaxLine bounds one line of a history file. An entry holds at most
// bench.MaxReps samples, a few MiB of JSON; a longer line can only be
// damage, and reading it whole could take all the memory there is.
const MaxLine = 16 << 20

// readLine reads one line, newline included. A line over MaxLine is read to
// its end and dropped: tooLong is true and line nil.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > MaxLine {
				line, tooLong = nil, true
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return line, tooLong, err
	}
}

func decodeLine(line []byte) (Entry, error) {
	var e Entry
	// Unmarshal, not a Decoder: it rejects anything after the object, so
	// two entries glued on one line (a write gone wrong) are both distrusted.
	if err := json.Unmarshal(bytes.TrimSpace(line), &e); err != nil {
		return Entry{}, err
	}
	if err := e.check(); err != nil {
		return Entry{}, err
	}
	return e, nil
}

// encode returns e as one line of JSON, newline included.
func encode(e Entry) ([]byte, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
