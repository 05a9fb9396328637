"""What a process costs to start, what its memory starts with, and a kill.

For every start method this Python has (fork, forkserver, spawn), it times
Process(target=noop).start() then join(), and checks what a child sees of a
module global the parent changed before the start; then the same for a
threading.Thread. It counts this process's OS threads in /proc, with and
without a threading.Thread alive, and kills a child that holds a
multiprocessing.Lock to see whether the lock survives it.

Settings (JSON in argv[1]):
  reps     timed start+join repetitions per start method, after one warm-up
  methods  start methods to measure ([] means every one this Python has)
  kill     whether to run the kill experiment
"""

import multiprocessing
import sys
import threading
import time

from labcommon import emit_json, fail, noop, settings

# The global the children read. The parent changes it before each start.
VALUE = "as the module sets it"
PARENT_VALUE = "set by the parent"
CHILD_VALUE = "set by the child"


def read_then_write(conn):
    """Send back the value this process sees, then change it here."""
    global VALUE
    conn.send(VALUE)
    VALUE = CHILD_VALUE
    conn.send(VALUE)


def memory_check(start):
    """Start read_then_write with start(target, args); return what the
    child saw first, and whether the parent then sees the child's write."""
    global VALUE
    VALUE = PARENT_VALUE
    here, there = multiprocessing.Pipe()
    join = start(read_then_write, (there,))
    seen = here.recv()
    here.recv()
    join()
    return {"child_saw_parent_value": seen == PARENT_VALUE,
            "child_saw": seen,
            "parent_saw_child_write": VALUE == CHILD_VALUE}


def start_process(ctx):
    def start(target, args):
        p = ctx.Process(target=target, args=args)
        p.start()
        return p.join
    return start


def start_thread(target, args):
    t = threading.Thread(target=target, args=args)
    t.start()
    return t.join


def time_starts(start, reps):
    """Seconds for each of reps start+join of a no-op, after one warm-up."""
    start(noop, ())()  # warm-up: forkserver starts its server here
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        start(noop, ())()
        samples.append(time.perf_counter() - t0)
    return samples


def count_threads():
    """OS threads of this process, from /proc (None where there is none)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def threads_in_proc():
    idle = count_threads()
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    busy = count_threads()
    stop.set()
    t.join()
    return {"idle": idle, "with_one_thread": busy}


def hold_and_count(lock, ready):
    """Take the lock, say so, and count until killed."""
    lock.acquire()
    ready.set()
    i = 0
    while True:
        i += 1


def kill_holder(ctx):
    """Kill a child that holds a lock; see whether it died and the lock with it."""
    lock, ready = ctx.Lock(), ctx.Event()
    p = ctx.Process(target=hold_and_count, args=(lock, ready))
    p.start()
    if not ready.wait(30):
        p.kill()
        p.join()
        fail("the child never took the lock")
    p.kill()  # SIGKILL on POSIX
    p.join(10)
    alive = p.is_alive()
    got = lock.acquire(timeout=0.5)
    if got:
        lock.release()
    return {"method": ctx.get_start_method(), "exitcode": p.exitcode,
            "alive_after": alive, "lock_left_held": not got}


def main():
    s = settings({"reps": 5, "methods": [], "kill": True})
    if not isinstance(s["reps"], int) or not 1 <= s["reps"] <= 1000:
        fail("reps must be an integer in [1, 1000]")
    available = multiprocessing.get_all_start_methods()
    methods = s["methods"] or available
    for m in methods:
        if m not in available:
            fail("start method %r is not available here; this Python has %s" % (m, ", ".join(available)))
    default = multiprocessing.get_start_method()
    # Threads first: a thread that join() has waited for may still be
    # leaving the kernel for a moment, and would be counted.
    out = {"platform": sys.platform, "default_method": default,
           "available_methods": available, "threads": threads_in_proc(), "starts": []}
    for m in methods:
        start = start_process(multiprocessing.get_context(m))
        row = {"kind": "process", "method": m, "samples_s": time_starts(start, s["reps"])}
        row.update(memory_check(start))
        out["starts"].append(row)
    row = {"kind": "thread", "method": "", "samples_s": time_starts(start_thread, s["reps"])}
    row.update(memory_check(start_thread))
    out["starts"].append(row)
    if s["kill"]:
        out["kill"] = kill_holder(multiprocessing.get_context())
    emit_json(out)


if __name__ == "__main__":
    main()
