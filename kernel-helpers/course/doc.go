// Package course is the course map: the notebooks in reading order, each
// with its title and a one-line summary, read from the notebooks themselves
// so the overview notebook, the README check and the HTML site's index never
// disagree with what is really there.
//
// A notebook's title is its first Markdown heading; its summary is the
// "summary" field of the notebook metadata under "concurrencylab". Reading
// order is file name order: notebooks are named 00-…, 01-….
package course
