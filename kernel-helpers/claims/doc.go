// Package claims is the course's ledger of the five Python tutorials'
// claims (the seeds the course answers): each claim quoted briefly and
// attributed to its tutorial's file, with the tutorial's own figure and
// machine where it gave one, the experiment that checks it, and a verdict
// computed from this machine's figures.
//
// A verdict is a pure function of figures ([Figures] in, [Verdict] out):
// [Agrees], [Disagrees], or [DependsOn] a named condition (the core count,
// GOMAXPROCS, the Python version, the start method, a GIL or free-threaded
// build), always stated with the figures. When the figures a claim needs
// were not measured (no python3 on this machine, a cell not run) the
// verdict is [Unmeasured], never a guess. Every judge is unit-tested
// through each of its outcomes, so every one can say no.
//
// A notebook cell measures, then shows the verdict and records the figures
// it judged from:
//
//	claims.Show("001-16-cpus", claims.Figures{"cores": 2, "go.speedup": 1.9, ...})
//
// The notebook's last cell shows its part of the ledger, from the figures
// recorded by the cells above ([Ledger]); the ledger notebook shows all of
// it. Each shown verdict and ledger carries its figures in the notebook's
// output, as JSON text under the MIME type [MIMEType] ([Shown]), so a test
// can re-render it with today's code ([Shown.Render]) and fail when a
// committed verdict could not have been printed from its figures.
//
// The figures are kept in a JSON-lines file beside the results history
// (.history/claims.jsonl in the notebook folder, git-ignored): GoNB runs
// each cell as a new program, so the ledger cell reads what earlier cells
// wrote.
package claims
