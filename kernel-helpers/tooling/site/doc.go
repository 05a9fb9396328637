// Package site builds the course as a static HTML site: one page per
// notebook, executed on this machine and exported by Jupyter's nbconvert,
// with previous/next links; an index page holding the course map (each
// notebook's summary, objectives, prerequisites and time: the reading
// estimate and the recorded Run All) and links to the ledger, the cheat
// sheet and the instructors' page; the instructors' page (what to install,
// the timetable computed from the notebooks' metadata, the exercises to
// assign, where the solutions are); and, only when asked for, the solutions.
//
// A full-mode run records each notebook's Run All time and machine in its
// metadata (run_seconds, run_machine; see [RunInPlace], which `make
// notebooks` runs, and package jupyter's RecordRun): the figure always
// comes from the run that made the outputs beside it.
//
// The notebooks run one at a time, in the order given (course order), each
// with the kernel in the notebook's folder, so they share its results
// history (.history/, or the file CONCURRENCYLAB_HISTORY names): the ledger
// notebook, run last, judges every claim from the figures the notebooks
// before it recorded in this build.
//
// Pages are self-contained: plots are inline SVG, and the scripts nbconvert
// links to (MathJax and RequireJS, which Debian's nbconvert points at
// file:///usr/share/javascript/… and others at a CDN) are removed, since the
// course uses neither. The folder can be opened offline or copied to any web
// server. The command in ./mksite drives it; `make html` runs that.
package site
