"""Measure what a pool costs per task: the time to hand it a no-op and get
the answer back, with the pool already started.

Settings (JSON in argv[1]):
  tasks    no-op tasks per timed repetition
  workers  pool size
  pools    any of "thread pool", "process pool"
  reps     timed repetitions after one warm-up
"""

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from labcommon import emit, fail, noop, result, settings

POOLS = {"thread pool": ThreadPoolExecutor, "process pool": ProcessPoolExecutor}


def run_all(ex, tasks):
    futures = [ex.submit(noop) for _ in range(tasks)]
    for f in futures:
        f.result()


def main():
    s = settings({"tasks": 2000, "workers": 2, "pools": ["thread pool", "process pool"], "reps": 5})
    for name in s["pools"]:
        if name not in POOLS:
            fail("unknown pool %r; want any of %s" % (name, ", ".join(POOLS)))
    if s["tasks"] < 1 or s["workers"] < 1 or s["reps"] < 1:
        fail("tasks, workers and reps must be at least 1")
    out = []
    for name in s["pools"]:
        with POOLS[name](max_workers=s["workers"]) as ex:
            run_all(ex, s["tasks"])  # warm-up: starts every worker
            samples = []
            for _ in range(s["reps"]):
                t0 = time.perf_counter()
                run_all(ex, s["tasks"])
                samples.append((time.perf_counter() - t0) / s["tasks"])
        params = {"tasks": s["tasks"]}
        if name == "process pool":
            params["start_method"] = multiprocessing.get_start_method()
        out.append(result("noop-dispatch", name, s["workers"], params, samples))
    emit(out)


if __name__ == "__main__":
    main()
