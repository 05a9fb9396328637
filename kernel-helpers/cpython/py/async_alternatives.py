"""Notebook 05's CPython experiments: asyncio against threads and executors.

Settings (JSON in argv[1]) pick one experiment:

  waiters    n asyncio tasks, then n threads, all waiting on an event: private
             memory (USS) and CPU time per waiter, and the OS thread count
  gather     n tasks of `latency_s`, one failing after `fail_s`: how many of
             the others completed after the failure under asyncio.gather and
             under asyncio.TaskGroup (3.11+)
  fetch      the pages at `urls` (a local latency server): one after the
             other, on one thread each, and with asyncio
  pools      `tasks` CPU-bound counting tasks of `target_s` each: one after
             the other, on a ThreadPoolExecutor, a ProcessPoolExecutor and, on
             3.14+, an InterpreterPoolExecutor
  toplevel   tutorial 003's ProcessPoolExecutor example, module-level and
             without `if __name__ == "__main__"`, under each start method
  heartbeat  a heartbeat every `beat_s` beside a CPU hog of `hog_s`, once as
             asyncio tasks, once as threads: how late the worst tick ran
"""

import asyncio
import concurrent.futures as cf
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import labcommon

DEFAULTS = {
    "experiment": "", "n": 1000, "latency_s": 0.05, "fail_s": 0.01,
    "urls": [], "tasks": 4, "workers": 0, "target_s": 0.1,
    "timeout_s": 60.0, "beat_s": 0.005, "hog_s": 0.2, "reps": 2,
}


def private_kib():
    """This process's private memory (USS) in KiB, from /proc/self/smaps_rollup."""
    total = 0
    with open("/proc/self/smaps_rollup") as f:
        for line in f:
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1])
    return total


def os_threads():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return 0


async def asyncio_waiters(n):
    """n tasks each awaiting one event; measured while they all wait."""
    release = asyncio.Event()
    before, cpu0 = private_kib(), time.process_time()
    tasks = [asyncio.create_task(release.wait()) for _ in range(n)]
    await asyncio.sleep(0.05)                  # let every task reach its await
    during, threads = private_kib(), os_threads()
    release.set()
    await asyncio.gather(*tasks)
    cpu = time.process_time() - cpu0
    return {"kib_each": (during - before) / n, "cpu_us_each": cpu / n * 1e6, "os_threads": threads}


def thread_waiters(n):
    """n threads each blocked on one event; measured while they all wait."""
    release = threading.Event()
    before, cpu0 = private_kib(), time.process_time()
    threads = [threading.Thread(target=release.wait) for _ in range(n)]
    for t in threads:
        t.start()
    time.sleep(0.05)
    during, count = private_kib(), os_threads()
    release.set()
    for t in threads:
        t.join()
    cpu = time.process_time() - cpu0
    return {"kib_each": (during - before) / n, "cpu_us_each": cpu / n * 1e6, "os_threads": count}


def waiters(s):
    n = s["n"]
    asyncio_waiters_result = asyncio.run(asyncio_waiters(n))
    return {"n": n, "asyncio": asyncio_waiters_result, "threads": thread_waiters(n)}


async def gather_failure(n, latency, fail_after):
    """asyncio.gather: how many of the others finish after one fails."""
    done = 0

    async def page():
        nonlocal done
        await asyncio.sleep(latency)
        done += 1

    async def broken():
        await asyncio.sleep(fail_after)
        raise RuntimeError("page failed")

    tasks = [asyncio.ensure_future(page()) for _ in range(n - 1)]
    t0 = time.perf_counter()
    try:
        await asyncio.gather(broken(), *tasks)
    except RuntimeError:
        raised_after = time.perf_counter() - t0
    at_raise = done
    await asyncio.sleep(2 * latency)           # the others keep running
    return {"raised_after_s": raised_after, "completed_at_raise": at_raise,
            "completed_after": done, "others": n - 1,
            "cancelled": sum(t.cancelled() for t in tasks)}


async def taskgroup_failure(n, latency, fail_after):
    """asyncio.TaskGroup (3.11): the first failure cancels the others."""
    done = 0

    async def page():
        nonlocal done
        await asyncio.sleep(latency)
        done += 1

    async def broken():
        await asyncio.sleep(fail_after)
        raise RuntimeError("page failed")

    tasks = []
    t0 = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(broken())
            tasks = [tg.create_task(page()) for _ in range(n - 1)]
    except Exception:                           # an ExceptionGroup holding the RuntimeError
        raised_after = time.perf_counter() - t0
    await asyncio.sleep(2 * latency)
    return {"raised_after_s": raised_after, "completed_after": done, "others": n - 1,
            "cancelled": sum(t.cancelled() for t in tasks)}


def gather(s):
    n, lat, fail = s["n"], s["latency_s"], s["fail_s"]
    out = {"n": n, "gather": asyncio.run(gather_failure(n, lat, fail))}
    if sys.version_info >= (3, 11):
        out["taskgroup"] = asyncio.run(taskgroup_failure(n, lat, fail))
    return out


def fetch_one(url):
    """One GET on a fresh connection with http.client: what a thread runs."""
    import http.client
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        conn.request("GET", u.path + ("?" + u.query if u.query else ""))
        return len(conn.getresponse().read())
    finally:
        conn.close()


async def fetch_async(url):
    """The same GET on asyncio streams: the coroutine waits at each await."""
    u = urllib.parse.urlsplit(url)
    reader, writer = await asyncio.open_connection(u.hostname, u.port)
    try:
        path = u.path + ("?" + u.query if u.query else "")
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {u.netloc}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        return len(await reader.read())
    finally:
        writer.close()
        await writer.wait_closed()


def fetch_threads(urls):
    threads = [threading.Thread(target=fetch_one, args=(u,)) for u in urls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


async def fetch_asyncio(urls):
    await asyncio.gather(*(fetch_async(u) for u in urls))


def fetch(s):
    urls = s["urls"]
    if not urls:
        labcommon.fail("fetch needs urls")
    ways = {"sequential_s": lambda: [fetch_one(u) for u in urls],
            "threads_s": lambda: fetch_threads(urls),
            "asyncio_s": lambda: asyncio.run(fetch_asyncio(urls))}
    out = {"pages": len(urls)}
    for name, way in ways.items():
        best = None
        for _ in range(2):                     # the first run also pays for first-use costs
            t0 = time.perf_counter()
            way()
            took = time.perf_counter() - t0
            best = took if best is None else min(best, took)
        out[name] = best
    return out


def run_pool(ex, n, tasks):
    """One batch of tasks count_to(n) calls on a started pool ex."""
    t0 = time.perf_counter()
    list(ex.map(labcommon.count_to, [n] * tasks))
    return time.perf_counter() - t0


def pools(s):
    tasks, reps = s["tasks"], max(1, s["reps"])
    workers = s["workers"] or tasks
    n = labcommon.calibrate(labcommon.count_to, s["target_s"])

    def sequential():
        t0 = time.perf_counter()
        for _ in range(tasks):
            labcommon.count_to(n)
        return time.perf_counter() - t0

    makers = {"thread_pool_s": lambda: cf.ThreadPoolExecutor(workers),
              "process_pool_s": lambda: cf.ProcessPoolExecutor(workers)}
    interp = getattr(cf, "InterpreterPoolExecutor", None)  # Python 3.14, PEP 734
    if interp is not None:
        makers["interpreter_pool_s"] = lambda: interp(workers)
    pools = {name: make() for name, make in makers.items()}
    best = {}
    try:
        for ex in pools.values():
            list(ex.map(labcommon.noop, range(workers)))  # start the workers first
        # The ways take turns within each repetition, so that a busy spell
        # of the machine does not fall on one way only; the fastest counts.
        for _ in range(reps):
            runs = {"sequential_s": sequential()}
            for name, ex in pools.items():
                runs[name] = run_pool(ex, n, tasks)
            for name, took in runs.items():
                best[name] = min(best.get(name, took), took)
    finally:
        for ex in pools.values():
            ex.shutdown()
    best.update({"n": n, "tasks": tasks, "workers": workers, "start_method": multiprocessing.get_start_method()})
    return best


# Tutorial 003's example, its sleeps shortened, after a line that picks the
# start method: nothing guards the pool with if __name__ == "__main__".
TOPLEVEL = '''import multiprocessing
multiprocessing.set_start_method(%r, force=True)
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor
import time


def print_numbers():
    for i in range(3):
        print(f"Number: {i}")
        time.sleep(0.01)


def print_letters():
    for letter in 'abc':
        print(f"Letter: {letter}")
        time.sleep(0.01)


with ProcessPoolExecutor() as executor:
    futures = [executor.submit(print_numbers), executor.submit(print_letters)]
    for future in futures:
        future.result()

print("All tasks completed with ProcessPoolExecutor")
'''


def toplevel(s):
    out = {"default": multiprocessing.get_start_method(), "methods": {}}
    with tempfile.TemporaryDirectory() as d:
        for method in multiprocessing.get_all_start_methods():
            path = os.path.join(d, "example_%s.py" % method)
            with open(path, "w") as f:
                f.write(TOPLEVEL % method)
            try:
                p = subprocess.run([sys.executable, path], capture_output=True, text=True,
                                   timeout=s["timeout_s"], cwd=d)
                done = "All tasks completed with ProcessPoolExecutor" in p.stdout
                # The last exception's class name only: the traceback holds paths.
                names = re.findall(r"^(?:[\w]+\.)*(\w+(?:Error|Exception|Pool)):", p.stderr, re.M)
                error = names[-1] if names and p.returncode else ""
                out["methods"][method] = {"ok": done and p.returncode == 0, "exit": p.returncode, "error": error,
                                          "bootstrapping": "bootstrapping phase" in p.stderr, "timed_out": False}
            except subprocess.TimeoutExpired:
                out["methods"][method] = {"ok": False, "exit": -1, "error": "timed out", "bootstrapping": False, "timed_out": True}
    return out


def hog(seconds):
    """Count without awaiting anything for about `seconds`."""
    end = time.perf_counter() + seconds
    i = 0
    while time.perf_counter() < end:
        i += 1
    return i


async def heartbeat_asyncio(beat, hog_s):
    worst = 0.0

    async def ticks():
        nonlocal worst
        due = time.perf_counter()
        for _ in range(int(2 * hog_s / beat)):
            due += beat
            await asyncio.sleep(max(0, due - time.perf_counter()))
            worst = max(worst, time.perf_counter() - due)

    async def hogger():
        await asyncio.sleep(hog_s / 4)
        t0 = time.perf_counter()
        hog(hog_s)                              # no await: the loop waits
        return time.perf_counter() - t0

    _, took = await asyncio.gather(ticks(), hogger())
    return {"worst_s": worst, "hog_s": took}


def heartbeat_threads(beat, hog_s):
    worst = 0.0
    took = [0.0]

    def ticks():
        nonlocal worst
        due = time.perf_counter()
        for _ in range(int(2 * hog_s / beat)):
            due += beat
            time.sleep(max(0, due - time.perf_counter()))
            worst = max(worst, time.perf_counter() - due)

    def hogger():
        time.sleep(hog_s / 4)
        t0 = time.perf_counter()
        hog(hog_s)                              # the GIL is handed over every switch interval
        took[0] = time.perf_counter() - t0

    threads = [threading.Thread(target=ticks), threading.Thread(target=hogger)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"worst_s": worst, "hog_s": took[0]}


def heartbeat(s):
    return {"asyncio": asyncio.run(heartbeat_asyncio(s["beat_s"], s["hog_s"])),
            "threads": heartbeat_threads(s["beat_s"], s["hog_s"])}


EXPERIMENTS = {"waiters": waiters, "gather": gather, "fetch": fetch, "pools": pools,
               "toplevel": toplevel, "heartbeat": heartbeat}

if __name__ == "__main__":
    settings = labcommon.settings(DEFAULTS)
    run = EXPERIMENTS.get(settings["experiment"])
    if run is None:
        labcommon.fail("experiment must be one of " + ", ".join(sorted(EXPERIMENTS)))
    if not 1 <= settings["n"] <= 20000:
        labcommon.fail("n must be in [1, 20000]")
    labcommon.emit_json({"experiment": settings["experiment"], "result": run(settings)})
