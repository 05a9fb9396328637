"""Fetch pages with urllib, one after the other, then a thread per page.

Tutorial 003's I/O-bound example, pointed at the course's local latency
server instead of public websites. Settings (JSON in argv[1]):
  urls   the pages to fetch
  reps   timed repetitions of each way, after one warm-up of each
"""

import threading
import time
import urllib.request

from labcommon import emit_json, fail, settings

# No proxy: the pages are on this machine, whatever http_proxy says.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url):
    with OPENER.open(url, timeout=30) as response:
        return len(response.read())


def sequential(urls):
    for url in urls:
        fetch(url)


def threads(urls):
    errors = []

    def run(url):
        try:
            fetch(url)
        except Exception as e:  # reported after join, never lost in a thread
            errors.append(e)

    ts = [threading.Thread(target=run, args=(url,)) for url in urls]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise errors[0]


WAYS = {"sequential": sequential, "threads": threads}


def main():
    s = settings({"urls": [], "reps": 3})
    if not s["urls"] or s["reps"] < 1:
        fail("give at least one URL and one rep")
    for way in WAYS.values():
        way(s["urls"])  # warm-up
    samples = {name: [] for name in WAYS}
    for _ in range(s["reps"]):
        for name, way in WAYS.items():
            t0 = time.perf_counter()
            way(s["urls"])
            samples[name].append(time.perf_counter() - t0)
    emit_json({"pages": len(s["urls"]), "samples_s": samples})


if __name__ == "__main__":
    main()
