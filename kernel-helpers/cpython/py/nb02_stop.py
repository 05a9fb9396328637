"""Stopping a thread in CPython: no kill, only asking (notebook 02).

threading.Thread has no kill, terminate or stop method: the program lists
which of those names exist. A thread can only be asked to stop: the worker
below checks a threading.Event every k iterations, and the program times
the delay from stop.set() to the thread's return, for several k. A thread
that never checks goes on running after stop.set().

Settings: {"check_every": [1000, 100000], "trials": 3, "ignore_wait_s": 0.05}.
Prints {"python": {...}, "kill_methods": [...], "stops": [{"check_every",
"delays_s"}], "ignored": {"running_after_wait", "waited_s"}}.
"""

import threading
import time

import labcommon

KILL_NAMES = ("kill", "terminate", "stop", "cancel", "interrupt", "abort")


def checking_worker(stop, passed, k):
    """Count in stretches of k, checking the Event between stretches."""
    first = True
    while True:
        i = 0
        while i < k:
            i += 1
        if stop.is_set():
            return
        if first:
            passed.set()
            first = False


def stop_delay(k):
    """Start a checking worker, stop it just after a check, return the delay."""
    stop, passed = threading.Event(), threading.Event()
    t = threading.Thread(target=checking_worker, args=(stop, passed, k))
    t.start()
    passed.wait()
    t0 = time.perf_counter()
    stop.set()
    t.join()
    return time.perf_counter() - t0


def ignoring_worker(n):
    """Count to n and never look at any Event."""
    i = 0
    while i < n:
        i += 1


def main():
    s = labcommon.settings({"check_every": [1000, 100000], "trials": 3, "ignore_wait_s": 0.05})
    ks, trials, wait = [int(k) for k in s["check_every"]], int(s["trials"]), float(s["ignore_wait_s"])
    if not ks or any(k < 1 or k > 10**8 for k in ks) or not (1 <= trials <= 100) or not (0 < wait <= 10):
        labcommon.fail("need check_every in [1, 1e8], 1-100 trials, 0 < ignore_wait_s <= 10")
    out = {"kill_methods": [n for n in KILL_NAMES if hasattr(threading.Thread, n)], "stops": []}
    for k in ks:
        out["stops"].append({"check_every": k, "delays_s": [stop_delay(k) for _ in range(trials)]})
    # About 4 times the wait's worth of counting (some 20 ns a step).
    stop = threading.Event()
    t = threading.Thread(target=ignoring_worker, args=(int(4 * wait / 20e-9),), daemon=True)
    t.start()
    t0 = time.perf_counter()
    stop.set()  # nobody looks at it
    time.sleep(wait)
    out["ignored"] = {"running_after_wait": t.is_alive(), "waited_s": time.perf_counter() - t0}
    t.join()  # it ends on its own; nothing else can end it
    labcommon.emit_json(out)


if __name__ == "__main__":
    main()
