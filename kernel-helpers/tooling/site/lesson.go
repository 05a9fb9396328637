package site

import (
	"fmt"
	"path/filepath"
	"strings"

	"concurrencylab/kernel-helpers/course"
	"concurrencylab/kernel-helpers/ipynb"
)

// Lesson is what the site says about one notebook: its course map entry
// and what its metadata, under "concurrencylab", adds for the learner and
// the instructor. Every field but the map entry may be missing (zero) in a
// notebook that does not set it yet.
type Lesson struct {
	course.Notebook
	Objectives     []string // "objectives": what a learner can do after it
	Prerequisites  []string // "prerequisites": notebook files to read first
	ReadingMinutes int      // "reading_minutes": the author's estimate
	// RunSeconds is how long Run All took in the full-mode run that made
	// the notebook's outputs ("run_seconds", written by `make notebooks`
	// and `make html`); 0 when no full run was recorded.
	RunSeconds int
	RunMachine string     // "run_machine": where that run took place
	Exercises  []Exercise // from the cells' "exercise" metadata, in order
}

// Exercise is one exercise of a notebook: its id (the name of its solution
// file, notebooks/solutions/<id>.go) and its title.
type Exercise struct {
	ID, Title string
}

// ReadLessons reads the notebooks at paths, in that order.
func ReadLessons(paths []string) ([]Lesson, error) {
	out := make([]Lesson, 0, len(paths))
	for _, p := range paths {
		l, err := readLesson(p)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

func readLesson(path string) (Lesson, error) {
	nb, err := ipynb.Read(path)
	if err != nil {
		return Lesson{}, fmt.Errorf("site: %w", err)
	}
	return lessonOf(filepath.Base(path), nb)
}

// lessonOf is the Lesson of the notebook nb, read from the file named file.
func lessonOf(file string, nb *ipynb.Notebook) (Lesson, error) {
	entry, err := course.Entry(file, nb)
	if err != nil {
		return Lesson{}, err
	}
	m := nb.Metadata.Course
	l := Lesson{
		Notebook:       entry,
		Objectives:     m.Objectives,
		Prerequisites:  m.Prerequisites,
		ReadingMinutes: m.ReadingMinutes,
		RunSeconds:     int(m.RunSeconds + 0.5),
		RunMachine:     m.RunMachine,
	}
	seen := map[string]bool{}
	heading := ""
	for _, c := range nb.Cells {
		if c.Type == "markdown" {
			if h := lastHeading(string(c.Source)); h != "" {
				heading = h
			}
			continue
		}
		ex := c.Metadata.Course.Exercise
		if ex.ID == "" || seen[ex.ID] {
			continue
		}
		seen[ex.ID] = true
		title := strings.TrimSpace(ex.Title)
		if title == "" {
			// Until a cell carries its title, the exercise's section
			// heading ("Exercise 01.1: ask a child process") names it.
			title = heading
		}
		l.Exercises = append(l.Exercises, Exercise{ID: ex.ID, Title: title})
	}
	return l, nil
}

// lastHeading returns the text of the last Markdown heading in md, or "".
func lastHeading(md string) string {
	h := ""
	for _, line := range strings.Split(md, "\n") {
		if t, ok := strings.CutPrefix(strings.TrimSpace(line), "#"); ok {
			h = strings.TrimSpace(strings.TrimLeft(t, "#"))
		}
	}
	return h
}

// Duration says a number of seconds the way a timetable does: "45 s",
// "3 min", "1 h 05 min". Minutes are rounded, to the nearest, above a
// minute.
func Duration(seconds int) string {
	if seconds < 60 {
		return fmt.Sprintf("%d s", seconds)
	}
	m := (seconds + 30) / 60
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %02d min", m/60, m%60)
}

// Time says how long the lesson takes: the reading estimate and the
// recorded Run All, e.g. "reading 25 min · Run All 3 min (2 cores, Go
// 1.26.8)", or "Run All not recorded yet" before a full run.
func (l Lesson) Time() string {
	read := "reading time not estimated yet"
	if l.ReadingMinutes > 0 {
		read = fmt.Sprintf("reading %d min", l.ReadingMinutes)
	}
	run := "Run All not recorded yet"
	if l.RunSeconds > 0 {
		run = "Run All " + Duration(l.RunSeconds)
		if l.RunMachine != "" {
			run += " (" + l.RunMachine + ")"
		}
	}
	return read + " · " + run
}

// Plan is the course's timetable, computed from the lessons' metadata.
type Plan struct {
	ReadingMinutes int // sum of the reading estimates
	RunSeconds     int // sum of the recorded Run All times
	// Unestimated and Unrecorded name the notebooks whose reading time or
	// Run All time is missing from the sums.
	Unestimated, Unrecorded []string
}

// PlanOf sums the lessons' times.
func PlanOf(lessons []Lesson) Plan {
	var p Plan
	for _, l := range lessons {
		p.ReadingMinutes += l.ReadingMinutes
		p.RunSeconds += l.RunSeconds
		if l.ReadingMinutes <= 0 {
			p.Unestimated = append(p.Unestimated, l.File)
		}
		if l.RunSeconds <= 0 {
			p.Unrecorded = append(p.Unrecorded, l.File)
		}
	}
	return p
}

// Total is the whole course's time, reading and running one after the
// other, in seconds.
func (p Plan) Total() int { return p.ReadingMinutes*60 + p.RunSeconds }
