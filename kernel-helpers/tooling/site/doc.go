// Package site builds the course as a static HTML site: one page per
// notebook, executed on this machine and exported by Jupyter's nbconvert,
// with previous/next links, and an index page holding the course map and a
// link to the ledger.
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
