"""The convoy effect: how long a thread that sleeps briefly (a stand-in for a
quick I/O call) takes to get going again while CPU-bound threads run.

Settings (JSON in argv[1]):
  hogs                 list of how many CPU-bound threads to run, e.g. [0, 1, 2]
  switch_intervals_ms  list of sys.setswitchinterval values to try, in ms
  sleep_ms             the probe's sleep
  samples              timed sleeps per setting, after one warm-up
"""

import sys
import threading
import time

from labcommon import count_to, emit, fail, result, settings

# About 0.5 ms of counting at CPython's 30-50 ns per step: the hog looks at
# its stop flag this often, so it stops promptly.
HOG_CHUNK = 10_000


def hog(stop, running):
    running.release()
    while not stop.is_set():
        count_to(HOG_CHUNK)


def measure(hogs, sleep_s, samples):
    stop = threading.Event()
    running = threading.Semaphore(0)
    threads = [threading.Thread(target=hog, args=(stop, running)) for _ in range(hogs)]
    for t in threads:
        t.start()
    for _ in threads:
        running.acquire()  # measure only once every hog is busy
    try:
        time.sleep(sleep_s)  # warm-up
        out = []
        for _ in range(samples):
            t0 = time.perf_counter()
            time.sleep(sleep_s)
            out.append(time.perf_counter() - t0)
        return out
    finally:
        stop.set()
        for t in threads:
            t.join()


def main():
    s = settings({"hogs": [0, 1, 2], "switch_intervals_ms": [5], "sleep_ms": 1, "samples": 20})
    if not s["hogs"] or min(s["hogs"]) < 0:
        fail("hogs must be a non-empty list of counts >= 0")
    if not s["switch_intervals_ms"] or min(s["switch_intervals_ms"]) <= 0:
        fail("switch_intervals_ms must be a non-empty list of positive values")
    if s["sleep_ms"] <= 0 or s["samples"] < 1:
        fail("sleep_ms must be positive and samples at least 1")
    saved = sys.getswitchinterval()
    out = []
    try:
        for interval_ms in s["switch_intervals_ms"]:
            sys.setswitchinterval(interval_ms / 1000)
            for hogs in s["hogs"]:
                samples = measure(hogs, s["sleep_ms"] / 1000, s["samples"])
                params = {"hogs": hogs, "sleep_ms": s["sleep_ms"], "switch_interval_ms": interval_ms}
                out.append(result("convoy", "threads", hogs, params, samples))
    finally:
        sys.setswitchinterval(saved)
    emit(out)


if __name__ == "__main__":
    main()
