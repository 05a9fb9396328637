"""Run one CPU-bound workload under several strategies and time it.

Settings (JSON in argv[1]):
  workload    "count" or "sumsqrt"
  n           iterations per task; 0 means calibrate to target_s
  target_s    seconds one task should take when n is 0
  tasks       how many tasks of n iterations
  workers     pool size for "thread pool" and "process pool" (0: one per task)
  strategies  any of sequential, threads, processes, "thread pool", "process pool"
  reps        timed repetitions of each strategy, after one warm-up of each
"""

import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from labcommon import WORKLOADS, calibrate, emit, fail, result, settings


def sequential(fn, n, tasks, workers):
    for _ in range(tasks):
        fn(n)


def threads(fn, n, tasks, workers):
    ts = [threading.Thread(target=fn, args=(n,)) for _ in range(tasks)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def processes(fn, n, tasks, workers):
    ps = [multiprocessing.Process(target=fn, args=(n,)) for _ in range(tasks)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    for p in ps:
        if p.exitcode != 0:
            raise RuntimeError("a worker process exited with code %s" % p.exitcode)


def thread_pool(fn, n, tasks, workers):
    # Creating and shutting down the pool is timed too, as in the tutorials.
    with ThreadPoolExecutor(max_workers=workers) as ex:
        list(ex.map(fn, [n] * tasks))


def process_pool(fn, n, tasks, workers):
    with ProcessPoolExecutor(max_workers=workers) as ex:
        list(ex.map(fn, [n] * tasks))


STRATEGIES = {
    "sequential": sequential,
    "threads": threads,
    "processes": processes,
    "thread pool": thread_pool,
    "process pool": process_pool,
}


def main():
    s = settings({"workload": "count", "n": 0, "target_s": 0.1, "tasks": 4,
                  "workers": 0, "strategies": ["sequential", "threads"], "reps": 3})
    fn = WORKLOADS.get(s["workload"])
    if fn is None:
        fail("unknown workload %r; want one of %s" % (s["workload"], ", ".join(WORKLOADS)))
    for name in s["strategies"]:
        if name not in STRATEGIES:
            fail("unknown strategy %r; want any of %s" % (name, ", ".join(STRATEGIES)))
    if len(set(s["strategies"])) != len(s["strategies"]):
        fail("a strategy is listed twice")
    if s["tasks"] < 1 or s["reps"] < 1 or s["n"] < 0 or s["workers"] < 0:
        fail("tasks and reps must be at least 1, n and workers at least 0")
    n = s["n"] or calibrate(fn, s["target_s"])
    tasks = s["tasks"]
    names = s["strategies"]
    workers = {name: {"sequential": 1, "threads": tasks, "processes": tasks}.get(
        name, s["workers"] or tasks) for name in names}
    for name in names:
        STRATEGIES[name](fn, n, tasks, workers[name])  # warm-up
    # Repetitions take turns between strategies, so that a moment when the
    # machine is busy with something else slows all of them alike.
    samples = {name: [] for name in names}
    for _ in range(s["reps"]):
        for name in names:
            t0 = time.perf_counter()
            STRATEGIES[name](fn, n, tasks, workers[name])
            samples[name].append(time.perf_counter() - t0)
    out = []
    for name in names:
        params = {"n": n, "tasks": tasks}
        if "process" in name:
            params["start_method"] = multiprocessing.get_start_method()
        out.append(result(s["workload"], name, workers[name], params, samples[name]))
    emit(out)


if __name__ == "__main__":
    main()
