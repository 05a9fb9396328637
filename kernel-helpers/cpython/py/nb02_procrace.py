"""Processes racing on one multiprocessing.Value (notebook 02).

Each process has its own interpreter and its own GIL, yet processes that
share memory race like threads. Each process adds 1 to a shared
multiprocessing.Value n times:

  add_unlocked: v.value += 1, a read then a write; each takes the Value's
                lock on its own, so another process can write in between
  add_locked:   the same inside "with v.get_lock():", one read-add-write

Settings: {"processes": 2, "increments": 20000, "trials": 2, "timeout_s": 60}.
Prints {"python": {...}, "start_method", "processes", "increments",
"expected", "unlocked": [lost per trial], "locked": [lost per trial]}.
"""

import multiprocessing

import labcommon


def add_unlocked(v, n, start):
    start.wait()
    for _ in range(n):
        v.value += 1  # get, then set: another process can write in between


def add_locked(v, n, start):
    start.wait()
    for _ in range(n):
        with v.get_lock():
            v.value += 1


def race(ctx, body, processes, n, timeout_s):
    """Run body in processes processes from a common start; return the count."""
    v = ctx.Value("q", 0)
    start = ctx.Barrier(processes)
    ps = [ctx.Process(target=body, args=(v, n, start)) for _ in range(processes)]
    for p in ps:
        p.start()
    for p in ps:
        p.join(timeout_s)
    stuck = [p for p in ps if p.is_alive()]
    for p in stuck:
        p.kill()
        p.join()
    if stuck:
        labcommon.fail("%d processes did not finish in %g s" % (len(stuck), timeout_s))
    if any(p.exitcode != 0 for p in ps):
        labcommon.fail("a process failed")
    return v.value


def main():
    s = labcommon.settings({"processes": 2, "increments": 20000, "trials": 2, "timeout_s": 60})
    procs, n, trials = int(s["processes"]), int(s["increments"]), int(s["trials"])
    if not (1 <= procs <= 64 and 0 <= n <= 10**7 and 1 <= trials <= 100):
        labcommon.fail("need 1-64 processes, 0-1e7 increments, 1-100 trials")
    ctx = multiprocessing.get_context()
    expected = procs * n
    out = {"start_method": ctx.get_start_method(), "processes": procs, "increments": n,
           "expected": expected, "unlocked": [], "locked": []}
    for _ in range(trials):
        out["unlocked"].append(expected - race(ctx, add_unlocked, procs, n, s["timeout_s"]))
        out["locked"].append(expected - race(ctx, add_locked, procs, n, s["timeout_s"]))
    labcommon.emit_json(out)


if __name__ == "__main__":
    main()
