// Package contention says what else was running on the machine while a
// measurement ran: a timing taken while other programs use the same cores
// measures them too, and a speedup taken on a shared machine (a class on one
// JupyterHub, a laptop compiling in the background) says little about the
// code.
//
// [Start] takes a first look at the machine, [Watch.Stop] a second one after
// the measurement, and the [Sample] between them counts the other busy
// processes, the share of the cores they used, the runnable count
// (procs_running of /proc/stat), the load average, the CPU time a
// hypervisor stole from this machine (steal, in /proc/stat), and the other
// GoNB kernels open on the machine (other learners of the same hub, where
// /proc shows them). "Other" means not this process, its children, or the
// processes it runs under (the GoNB kernel of the cell).
//
// [Sample.Shared] decides whether the machine was shared, and [Judge] is the
// verdict wrapper: a verdict taken on a shared machine says so, with the
// figure, instead of judging:
//
//	3 other busy processes (1.7 of 2 cores' worth) while this ran: speedups here are not reliable; rerun when the machine is quiet.
//
// [bench.Run] takes a Sample around every measurement and keeps it in the
// result, so the results history carries it; [Seen] returns the worst
// sample of the program so far (in a notebook, of the cell), for the
// verdicts of package claims (figure names [FigureBusy], ...).
//
// It reads Linux's /proc. Elsewhere a Sample is not [Sample.Known], and
// nothing is judged on it either way.
package contention
