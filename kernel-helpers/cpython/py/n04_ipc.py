"""Round trips: to a thread through queue.Queue, to a process through a pipe.

A thread gets a reference to the same bytes object; a process gets a copy,
pickled, written into a pipe, read and unpickled, and the same way back.
Settings (JSON in argv[1]):
  sizes  payload sizes in bytes
  reps   timed samples per way and size, after a warm-up
"""

import multiprocessing
import queue
import threading
import time

from labcommon import emit_json, fail, settings


def thread_echo(inbox, outbox):
    while True:
        b = inbox.get()
        if b is None:
            return
        outbox.put(b)


def process_echo(conn):
    while True:
        b = conn.recv()
        if b is None:
            return
        conn.send(b)


def calls_for(size):
    # As the Go side: enough calls that a sample is well over a timer tick.
    return min(max((4 << 20) // max(size, 1), 5), 1000)


def main():
    s = settings({"sizes": [16, 65536], "reps": 3})
    if not s["sizes"] or s["reps"] < 1 or any(not 1 <= n <= (16 << 20) for n in s["sizes"]):
        fail("sizes must be 1 to 16 MiB, reps at least 1")
    inbox, outbox = queue.Queue(), queue.Queue()
    t = threading.Thread(target=thread_echo, args=(inbox, outbox))
    t.start()
    here, there = multiprocessing.Pipe()
    p = multiprocessing.Process(target=process_echo, args=(there,))
    p.start()

    def by_thread(b):
        inbox.put(b)
        return outbox.get()

    def by_pipe(b):
        here.send(b)
        return here.recv()

    points = []
    try:
        for size in s["sizes"]:
            payload = b"x" * size
            calls = calls_for(size)
            for how, trip in (("thread", by_thread), ("pipe", by_pipe)):
                if len(trip(payload)) != size:  # warm-up, and a check
                    fail("%s echoed the wrong size" % how)
                samples = []
                for _ in range(s["reps"]):
                    t0 = time.perf_counter()
                    for _ in range(calls):
                        trip(payload)
                    samples.append(time.perf_counter() - t0)
                points.append({"how": how, "bytes": size, "calls": calls, "samples_s": samples})
    finally:
        inbox.put(None)
        t.join()
        here.send(None)
        p.join(timeout=60)
        if p.is_alive():
            p.kill()
            p.join()
    emit_json({"start_method": multiprocessing.get_start_method(), "points": points})


if __name__ == "__main__":
    main()
