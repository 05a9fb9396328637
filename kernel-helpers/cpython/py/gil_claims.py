"""What a thread runs decides whether the GIL serialises it: the experiments
behind notebook 03's claims.

Settings (JSON in argv[1]):
  parts      which experiments to run, any of "hash", "count", "waits",
             "sleeps", "features", "interpreters"
  tasks      threads (and tasks) per experiment
  hash_mib   MiB each thread hashes with hashlib.sha256
  target_ms  one counting task's time, for "count" and "interpreters"
  sleep_ms   one sleep of the tutorial's print_numbers/print_letters
  steps      how many print-and-sleep steps each of those two functions takes
  reps       timed repetitions, after one warm-up

Prints {"python": {...}, "parts": {part: {...}}}: seconds per repetition
("sequential" and "threads", or "pool"), and for "features" what this
interpreter offers besides processes.
"""

import hashlib
import io
import sys
import threading
import time

from labcommon import calibrate, count_to, emit_json, fail, settings


def timed(fn, reps):
    fn()  # warm-up
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def on_threads(fn, args):
    """Run fn(arg) on one thread per arg and wait for them all."""
    threads = [threading.Thread(target=fn, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def sha256(buf):
    # hashlib releases the GIL while it hashes more than about 2 KiB
    # (HASHLIB_GIL_MINSIZE in Modules/hashlib.h): this loop is C code.
    return hashlib.sha256(buf).digest()


def hash_part(s):
    bufs = [bytes([i]) * (s["hash_mib"] << 20) for i in range(s["tasks"])]
    seq = timed(lambda: [sha256(b) for b in bufs], s["reps"])
    thr = timed(lambda: on_threads(sha256, bufs), s["reps"])
    return {"sequential": seq, "threads": thr, "bytes": s["hash_mib"] << 20}


def count_part(s):
    n = calibrate(count_to, s["target_ms"] / 1000)
    ns = [n] * s["tasks"]
    seq = timed(lambda: [count_to(x) for x in ns], s["reps"])
    thr = timed(lambda: on_threads(count_to, ns), s["reps"])
    return {"sequential": seq, "threads": thr, "n": n}


def waits_part(s):
    """Tutorial 003's print_numbers and print_letters, with shorter sleeps
    and the prints going to a buffer instead of the notebook."""
    out, pause, steps = io.StringIO(), s["sleep_ms"] / 1000, s["steps"]

    def print_numbers(_=None):
        for i in range(steps):
            print(f"Number: {i}", file=out)
            time.sleep(pause)

    def print_letters(_=None):
        for letter in "abcdefghij"[:steps]:
            print(f"Letter: {letter}", file=out)
            time.sleep(pause)

    def both_threads():
        t1 = threading.Thread(target=print_numbers)
        t2 = threading.Thread(target=print_letters)
        t1.start()
        t2.start()
        t1.join()
        t2.join()

    cpu0 = time.process_time()
    seq = timed(lambda: (print_numbers(), print_letters()), s["reps"])
    thr = timed(both_threads, s["reps"])
    cpu = time.process_time() - cpu0
    return {"sequential": seq, "threads": thr, "cpu_s": cpu}


def sleeps_part(s):
    """Threads that only wait: time.sleep releases the GIL while it waits."""
    pause = s["sleep_ms"] / 1000
    seq = timed(lambda: [time.sleep(pause) for _ in range(s["tasks"])], s["reps"])
    thr = timed(lambda: on_threads(time.sleep, [pause] * s["tasks"]), s["reps"])
    return {"sequential": seq, "threads": thr}


def features_part(_):
    """What this interpreter offers to run Python code on several cores."""
    v = sys.version_info
    has = {}
    for mod in ("_interpreters", "_xxsubinterpreters", "concurrent.interpreters"):
        try:
            __import__(mod)
            has[mod] = True
        except ImportError:
            has[mod] = False
    import concurrent.futures as cf
    return {
        "major": v.major, "minor": v.minor,
        # PEP 684 (3.12): each subinterpreter may have its own GIL.
        "per_interpreter_gil": (v.major, v.minor) >= (3, 12),
        "modules": has,
        # PEP 734 (3.14): the executor that runs tasks in subinterpreters.
        "interpreter_pool": hasattr(cf, "InterpreterPoolExecutor"),
    }


def interpreters_part(s):
    """Counting tasks on an InterpreterPoolExecutor (3.14+), one worker each."""
    import concurrent.futures as cf
    pool_cls = getattr(cf, "InterpreterPoolExecutor", None)
    if pool_cls is None:
        return {"available": False}
    n = calibrate(count_to, s["target_ms"] / 1000)
    ns = [n] * s["tasks"]
    try:
        with pool_cls(max_workers=s["tasks"]) as pool:
            list(pool.map(count_to, ns))  # start the interpreters
            seq = timed(lambda: [count_to(x) for x in ns], s["reps"])
            par = timed(lambda: list(pool.map(count_to, ns)), s["reps"])
    except Exception as e:  # report, never crash: the notebook shows it
        return {"available": True, "error": f"{type(e).__name__}: {e}"}
    return {"available": True, "sequential": seq, "pool": par, "n": n}


PARTS = {"hash": hash_part, "count": count_part, "waits": waits_part, "sleeps": sleeps_part,
         "features": features_part, "interpreters": interpreters_part}


def main():
    s = settings({"parts": ["features"], "tasks": 2, "hash_mib": 32, "target_ms": 100,
                  "sleep_ms": 10, "steps": 10, "reps": 3})
    unknown = [p for p in s["parts"] if p not in PARTS]
    if unknown or not s["parts"]:
        fail("parts must name some of " + ", ".join(PARTS) + "; unknown: " + ", ".join(unknown))
    if not 1 <= s["tasks"] <= 64 or not 1 <= s["hash_mib"] <= 1024 or not 1 <= s["reps"] <= 100:
        fail("tasks must be 1 to 64, hash_mib 1 to 1024, reps 1 to 100")
    if not 0 < s["target_ms"] <= 60000 or not 0 <= s["sleep_ms"] <= 1000 or not 1 <= s["steps"] <= 10:
        fail("target_ms must be in (0, 60000], sleep_ms in [0, 1000], steps 1 to 10")
    emit_json({"parts": {p: PARTS[p](s) for p in s["parts"]}})


if __name__ == "__main__":
    main()
