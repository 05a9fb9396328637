package nbcheck

import (
	"fmt"
	"regexp"
	"strings"
)

// Problem is one thing wrong with a notebook, located by cell.
type Problem struct {
	Cell    int    // index of the cell, from 0; -1 for the whole notebook
	Message string // what is wrong
	Source  string // the first line of the cell's source, to find it by eye
}

func (p Problem) String() string {
	if p.Cell < 0 {
		return p.Message
	}
	return fmt.Sprintf("cell %d (%q): %s", p.Cell, p.Source, p.Message)
}

// Options say what [Check] looks for beyond failed cells.
type Options struct {
	// Paths are machine paths no output may show, e.g. the repository
	// root, $HOME and the temporary folder. Outputs are also searched for
	// the usual shapes of such paths (/home/…, /root/…, /tmp/…).
	Paths []string
}

// pathShape matches absolute paths into the places a machine's own files
// live. Outputs of a course notebook are committed and published, so none
// of these may appear in them.
var pathShape = regexp.MustCompile(`(^|[\s"'(=:\[])/(root|home|tmp|work|Users|var/folders|private)/`)

// Check returns the problems of an executed notebook: error outputs, stderr
// showing a panic or a non-zero exit status, fewer plots than the notebook's
// metadata promises, and outputs showing a path of the machine.
func Check(nb *Notebook, opts Options) []Problem {
	var ps []Problem
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		add := func(format string, args ...any) {
			ps = append(ps, Problem{Cell: i, Message: fmt.Sprintf(format, args...), Source: firstLine(c.Source)})
		}
		for _, o := range c.Outputs {
			switch {
			case o.Type == "error":
				add("error output: %s: %s", o.EName, o.EValue)
			case o.Type == "stream" && o.Name == "stderr":
				if m := failure(string(o.Text)); m != "" {
					add("stderr shows a failure: %s", m)
				}
			}
			if p := machinePath(o, opts.Paths); p != "" {
				add("output shows a path of this machine: %s", p)
			}
		}
	}
	if want, got := nb.Metadata.Course.Plots, nb.Plots(); got < want {
		ps = append(ps, Problem{Cell: -1, Message: fmt.Sprintf("shows %d plots, its metadata promises %d", got, want)})
	}
	return ps
}

// CheckCommitted returns the problems of a notebook as committed: code
// cells not executed, or executed out of order, and error outputs. A reader
// opening the committed notebook must see the outputs of one clean run.
func CheckCommitted(nb *Notebook) []Problem {
	var ps []Problem
	last := 0
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		src := firstLine(c.Source)
		switch {
		case c.ExecutionCount == nil:
			ps = append(ps, Problem{Cell: i, Message: "not executed", Source: src})
		case *c.ExecutionCount <= last:
			ps = append(ps, Problem{Cell: i, Message: fmt.Sprintf("executed out of order (%d after %d)", *c.ExecutionCount, last), Source: src})
		default:
			last = *c.ExecutionCount
		}
		for _, o := range c.Outputs {
			if o.Type == "error" {
				ps = append(ps, Problem{Cell: i, Message: fmt.Sprintf("error output: %s: %s", o.EName, o.EValue), Source: src})
			}
		}
	}
	return ps
}

// failure returns the line of a stderr stream that shows the cell program
// failed: Go prints "panic:" for a panic, and GoNB prints "exit status N"
// when the cell program exits non-zero. gonbui logs "failed to write to
// GoNB pipe" (or a gob error) when an output could not be sent, and every
// later output of the cell is lost without another word.
func failure(stderr string) string {
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "panic:") || strings.HasPrefix(line, "fatal error:") || strings.Contains(line, "exit status ") ||
			strings.Contains(line, "GoNB pipe") || strings.Contains(line, "gob: ") {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// machinePath returns the first machine path an output shows, or "".
// Base64 image data is skipped: it holds no text.
func machinePath(o Output, paths []string) string {
	texts := []string{string(o.Text), o.EValue, strings.Join(o.Traceback, "\n")}
	for mime, t := range o.Data {
		if mime != "image/png" && mime != "image/jpeg" {
			texts = append(texts, string(t))
		}
	}
	for _, t := range texts {
		for _, p := range paths {
			if p != "" && p != "/" && strings.Contains(t, p) {
				return p
			}
		}
		if m := pathShape.FindString(t); m != "" {
			return strings.TrimLeft(m, " \t\n\"'(=:[")
		}
	}
	return ""
}

// firstLine returns the first line of a cell's source that tells it apart:
// not empty and not GoNB's bare "%%" (start of main), shortened.
func firstLine(src Text) string {
	for _, l := range strings.Split(string(src), "\n") {
		if l = strings.TrimSpace(l); l != "" && l != "%%" {
			if len(l) > 60 {
				l = l[:57] + "..."
			}
			return l
		}
	}
	return ""
}
