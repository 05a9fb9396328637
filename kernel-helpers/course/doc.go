// Package course is the course map: the notebooks in reading order, each
// with its title and a one-line summary, read from the notebooks themselves
// so the overview notebook, the README check and the HTML site's index never
// disagree with what is really there.
//
// A notebook's title is its first Markdown heading; its summary is the
// "summary" field of the notebook metadata under "concurrencylab". Reading
// order is file name order: notebooks are named 00-…, 01-….
//
// A notebook also opens with a header (Header, ShowHeader) drawn from the
// same metadata (About): its learning objectives ("objectives"), the
// notebooks to read first ("prerequisites"), the reading time
// ("reading_minutes", which About.Check requires to match the word count
// of its Markdown cells, see ReadingMinutes) and how long Run All took in
// full mode on the machine that last ran it ("run_seconds", written by the
// tools after a full run; until then the header says it is not recorded).
package course
