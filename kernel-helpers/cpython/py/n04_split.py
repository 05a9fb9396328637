"""Tutorial 000's experiment: the same count split among 1, 2 and 4 processes.

Settings (JSON in argv[1]):
  n         iterations in all; 0 means calibrate so that one process counting
            them all takes about target_s
  target_s  seconds the whole count should take on one core when n is 0
  counts    how many processes to split the count among, e.g. [1, 2, 4]
  reps      timed repetitions of every count, after one warm-up of each

The counts take turns within every repetition (in an order that rotates from
one repetition to the next), so that a moment when the machine is busy with
something else slows all of them alike, and their ratios stay comparable.

Prints {"python": {...}, "n": n, "start_method": ..., "runs": [{"processes": w,
"wall_s": [...], "work_s": [...], "cpu_s": [...]}, ...]}, one list entry per
repetition:
  wall_s  from the first start() to the last join(): what the tutorial times,
          starting and ending the processes included
  work_s  the time the processes spent counting (timed inside each), summed
  cpu_s   the CPU time they got while counting, summed: cpu_s / work_s is the
          share of their counting time they had a core, 1 when no process
          waited for one
"""

import multiprocessing
import time

from labcommon import calibrate, count_to, emit_json, fail, settings


def count_part(n, out, i):
    # The count itself, timed from inside the process: its wall time and the
    # CPU time it got. Counting never waits, so a wall time longer than the
    # CPU time is time the process was ready to run but had no core.
    t0, c0 = time.perf_counter(), time.process_time()
    count_to(n)
    out[2 * i], out[2 * i + 1] = time.perf_counter() - t0, time.process_time() - c0


def split(n, w, out):
    ps = [multiprocessing.Process(target=count_part, args=(n // w, out, i)) for i in range(w)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    for p in ps:
        if p.exitcode != 0:
            raise RuntimeError("a worker process exited with code %s" % p.exitcode)


def main():
    s = settings({"n": 0, "target_s": 0.5, "counts": [1, 2, 4], "reps": 3})
    counts, reps = s["counts"], s["reps"]
    if not counts or any(not isinstance(w, int) or w < 1 or w > 256 for w in counts):
        fail("counts must be a non-empty list of process counts from 1 to 256")
    if len(set(counts)) != len(counts):
        fail("a process count is listed twice")
    if reps < 1 or s["n"] < 0 or s["target_s"] <= 0:
        fail("reps must be at least 1, n at least 0 and target_s above 0")
    n = s["n"] or calibrate(count_to, s["target_s"])
    # One shared array per count, written by its processes (no lock: each
    # process writes only its own two slots); made before any timing.
    outs = {w: multiprocessing.Array("d", 2 * w, lock=False) for w in counts}
    for w in counts:
        split(n, w, outs[w])  # warm-up
    runs = {w: {"processes": w, "wall_s": [], "work_s": [], "cpu_s": []} for w in counts}
    for r in range(reps):
        for w in counts[r % len(counts):] + counts[:r % len(counts)]:
            out = outs[w]
            t0 = time.perf_counter()
            split(n, w, out)
            wall = time.perf_counter() - t0
            runs[w]["wall_s"].append(wall)
            runs[w]["work_s"].append(sum(out[0::2]))
            runs[w]["cpu_s"].append(sum(out[1::2]))
    emit_json({"n": n, "start_method": multiprocessing.get_start_method(),
               "runs": [runs[w] for w in counts]})


if __name__ == "__main__":
    main()
