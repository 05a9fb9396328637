"""Two threads, two locks: a deadlock, found by a timeout (notebook 02).

Each thread takes one lock, holds it while it works (a short sleep), then
takes the other. Taken in the same order by both threads, the locks are
only waited for; in opposite orders each thread holds the lock the other
wants and both wait forever. The main thread finds that by a timeout on
join; the threads are daemons, so the program still exits (an interpreter
cannot release or kill them).

Settings: {"hold_s": 0.05, "timeout_s": 1.0}.
Prints {"python": {...}, "same_order": {"finished", "elapsed_s"},
"opposite_order": {"finished", "elapsed_s"}}.
"""

import threading
import time

import labcommon


def worker(first, second, hold_s):
    with first:
        time.sleep(hold_s)  # work while holding the first lock
        with second:
            pass


def attempt(opposite, hold_s, timeout_s):
    """Start the two threads; return (finished, seconds waited)."""
    a, b = threading.Lock(), threading.Lock()
    t1 = threading.Thread(target=worker, args=(a, b, hold_s), daemon=True)
    t2 = threading.Thread(target=worker, args=((b, a) if opposite else (a, b)) + (hold_s,), daemon=True)
    t0 = time.perf_counter()
    t1.start()
    t2.start()
    deadline = t0 + timeout_s
    for t in (t1, t2):
        t.join(max(0.0, deadline - time.perf_counter()))
    finished = not (t1.is_alive() or t2.is_alive())
    return finished, time.perf_counter() - t0


def main():
    s = labcommon.settings({"hold_s": 0.05, "timeout_s": 1.0})
    hold_s, timeout_s = float(s["hold_s"]), float(s["timeout_s"])
    if not (0 <= hold_s < timeout_s <= 60):
        labcommon.fail("need 0 <= hold_s < timeout_s <= 60")
    out = {"hold_s": hold_s, "timeout_s": timeout_s}
    for name, opposite in (("same_order", False), ("opposite_order", True)):
        finished, elapsed = attempt(opposite, hold_s, timeout_s)
        out[name] = {"finished": finished, "elapsed_s": elapsed}
    # The deadlocked threads are daemons: they end with the interpreter.
    labcommon.emit_json(out)


if __name__ == "__main__":
    main()
