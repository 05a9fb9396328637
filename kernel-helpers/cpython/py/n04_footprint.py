"""Private memory per idle worker: CPython threads and processes.

Reads /proc/<pid>/smaps_rollup (Linux): the private memory (USS:
Private_Clean + Private_Dirty) is what the kernel would free if the worker
went away; RSS also counts the interpreter's code, which every process
running python3 shares. Settings (JSON in argv[1]):
  threads        idle threads to start (their rise in this process's USS)
  processes      idle processes to start, per start method
  start_methods  other multiprocessing start methods to try; the default is
                 always measured, first
"""

import gc
import multiprocessing
import os
import threading

from labcommon import emit_json, fail, settings

FIELDS = {"Rss": "rss_kib", "Pss": "pss_kib", "Private_Clean": "private_kib",
          "Private_Dirty": "private_kib", "Anonymous": "anonymous_kib"}


def rollup(pid="self"):
    """Return the process's smaps_rollup figures in KiB."""
    out = {v: 0 for v in FIELDS.values()}
    with open("/proc/%s/smaps_rollup" % pid) as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in FIELDS:
                out[FIELDS[key]] += int(rest.split()[0])
    return out


def per_thread(n):
    stop = threading.Event()
    started = threading.Semaphore(0)

    def idle():
        started.release()
        stop.wait()

    gc.collect()
    before = rollup()
    ts = [threading.Thread(target=idle) for _ in range(n)]
    for t in ts:
        t.start()
    for _ in ts:
        started.acquire()
    after = rollup()
    stop.set()
    for t in ts:
        t.join()
    return (after["private_kib"] - before["private_kib"]) / n


def idle_child(ready, stop):
    ready.put(os.getpid())
    stop.wait()


def per_process(n, method):
    ctx = multiprocessing.get_context(method)
    ready, stop = ctx.Queue(), ctx.Event()
    ps = [ctx.Process(target=idle_child, args=(ready, stop)) for _ in range(n)]
    for p in ps:
        p.start()
    try:
        pids = [ready.get(timeout=60) for _ in ps]
        figures = [rollup(pid) for pid in pids]
    finally:
        stop.set()
        for p in ps:
            p.join(timeout=60)
            if p.is_alive():
                p.kill()
                p.join()
    mean = {k: sum(f[k] for f in figures) / n for k in figures[0]}
    mean.update({"start_method": ctx.get_start_method(), "n": n})
    return mean


def main():
    s = settings({"threads": 20, "processes": 2, "start_methods": []})
    if not os.path.exists("/proc/self/smaps_rollup"):
        fail("needs Linux's /proc/<pid>/smaps_rollup")
    if not 1 <= s["threads"] <= 2000 or not 1 <= s["processes"] <= 64:
        fail("threads must be 1 to 2000, processes 1 to 64")
    default = multiprocessing.get_start_method()
    methods = [default] + [m for m in s["start_methods"] if m != default]
    for m in methods:
        if m not in multiprocessing.get_all_start_methods():
            fail("unknown start method %r" % m)
    emit_json({"threads": {"n": s["threads"], "private_kib": per_thread(s["threads"])},
               "processes": [per_process(s["processes"], m) for m in methods]})


if __name__ == "__main__":
    main()
