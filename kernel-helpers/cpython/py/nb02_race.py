"""Threads racing on one shared counter, under the GIL (notebook 02).

Each thread adds 1 to a global counter n times; the program counts what is
missing from threads * n. Two loops do the same arithmetic:

  add_plain: counter += 1 (LOAD_GLOBAL, LOAD_CONST, BINARY_OP, STORE_GLOBAL)
  add_split: v = counter; abs(0); counter = v + 1

Since CPython 3.10 a thread asks for the GIL back only at calls and backward
jumps (the "eval breaker" check), so in add_plain the switch lands between
two increments and nothing is lost, while the call abs(0) in add_split lets
the GIL change hands between the load and the store. The GIL protects the
interpreter's own state (reference counts, lists, dicts), not your
read-modify-write.

Settings: {"threads": 4, "increments": 200000, "trials": 3}.
Prints {"python": {...}, "threads", "increments", "expected",
"plain": [lost per trial], "split": [lost per trial]}.
"""

import threading

import labcommon

counter = 0


def add_plain(n):
    global counter
    for _ in range(n):
        counter += 1


def add_split(n):
    global counter
    for _ in range(n):
        v = counter
        abs(0)  # a call: the GIL may change hands here, between load and store
        counter = v + 1


def race(body, threads, n):
    """Run body(n) on threads threads from a common start; return the count."""
    global counter
    counter = 0
    start = threading.Barrier(threads)

    def run():
        start.wait()
        body(n)

    ts = [threading.Thread(target=run) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return counter


def main():
    s = labcommon.settings({"threads": 4, "increments": 200000, "trials": 3})
    threads, n, trials = int(s["threads"]), int(s["increments"]), int(s["trials"])
    if not (1 <= threads <= 256 and 0 <= n <= 10**8 and 1 <= trials <= 100):
        labcommon.fail("need 1-256 threads, 0-1e8 increments, 1-100 trials")
    expected = threads * n
    out = {"threads": threads, "increments": n, "expected": expected, "plain": [], "split": []}
    for _ in range(trials):
        out["plain"].append(expected - race(add_plain, threads, n))
        out["split"].append(expected - race(add_split, threads, n))
    labcommon.emit_json(out)


if __name__ == "__main__":
    main()
