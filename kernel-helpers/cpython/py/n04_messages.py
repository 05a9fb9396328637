"""The same count done serially, then by a process pool in few or many messages.

Tutorial 000: message passing between processes "will affect performance
negatively but can still outperform serial execution depending on the
task". Each task sent to a ProcessPoolExecutor is a message (its arguments
pickled through a pipe) and so is its result. The pool is started and
warmed up before the timing: what is timed is the messages, not the start.
Settings (JSON in argv[1]):
  n         iterations in all; 0 means calibrate to target_s
  target_s  seconds the serial count should take when n is 0
  workers   processes in the pool
  messages  how many tasks the fine split sends (the coarse one sends workers)
  reps      timed repetitions of each, after one warm-up of each
"""

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

from labcommon import calibrate, count_to, emit_json, fail, settings


def main():
    s = settings({"n": 0, "target_s": 0.2, "workers": 2, "messages": 1000, "reps": 3})
    if not 1 <= s["workers"] <= 256 or not 1 <= s["messages"] <= 100000 or s["reps"] < 1 or s["n"] < 0:
        fail("workers must be 1 to 256, messages 1 to 100000, reps at least 1")
    n = s["n"] or calibrate(count_to, s["target_s"])
    workers, messages = s["workers"], s["messages"]
    if n < messages:
        fail("n = %d cannot be split into %d messages" % (n, messages))
    with ProcessPoolExecutor(max_workers=workers) as ex:
        ways = {
            "serial": lambda: count_to(n),
            "coarse": lambda: sum(ex.map(count_to, [n // workers] * workers)),
            "fine": lambda: sum(ex.map(count_to, [n // messages] * messages)),
        }
        for way in ways.values():
            way()  # warm-up: starts the pool's processes too
        samples = {name: [] for name in ways}
        for _ in range(s["reps"]):
            for name, way in ways.items():
                t0 = time.perf_counter()
                way()
                samples[name].append(time.perf_counter() - t0)
    emit_json({"n": n, "workers": workers, "messages": messages,
               "start_method": multiprocessing.get_start_method(), "samples_s": samples})


if __name__ == "__main__":
    main()
