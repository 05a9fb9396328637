"""Shared parts of the course's CPython programs.

The workloads are the same loops as Go's package workloads: counting one step
at a time, as the tutorials' `while i < n: i += 1` does, and summing square
roots. Each program reads its settings as one JSON object in argv[1] and
prints one JSON object on stdout:

    {"python": {...about the interpreter...},
     "results": [{"name": ..., "strategy": ..., "workers": ...,
                  "params": {...}, "samples_s": [seconds, ...]}]}

Errors go to stderr with a non-zero exit status.
"""

import json
import math
import os
import platform
import sys
import sysconfig
import time


def count_to(n):
    """Count from 0 to n one step at a time; return the count."""
    i = 0
    while i < n:
        i += 1
    return i


def sum_sqrt(n):
    """Return the sum of sqrt(i) for i in range(n)."""
    s = 0.0
    sqrt = math.sqrt
    for i in range(n):
        s += sqrt(i)
    return s


def noop(*_):
    """Do nothing: what a pool's per-task cost is measured with."""
    return None


WORKLOADS = {"count": count_to, "sumsqrt": sum_sqrt}


def calibrate(fn, target_s):
    """Return the n for which fn(n) takes about target_s seconds here.

    Doubles n until a call takes a quarter of the target (at most 0.2 s),
    keeps the fastest of three runs at that size and scales linearly, as
    Go's workloads.Calibrate does.
    """
    probe = min(target_s / 4, 0.2)
    n = 1000
    while True:
        t0 = time.perf_counter()
        fn(n)
        elapsed = time.perf_counter() - t0
        if elapsed >= probe:
            for _ in range(2):
                t0 = time.perf_counter()
                fn(n)
                elapsed = min(elapsed, time.perf_counter() - t0)
            return max(1, int(n * target_s / elapsed))
        n *= 2


def gil_enabled():
    """Whether this interpreter runs with a GIL (False on a free-threaded build)."""
    check = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else bool(check())


def python_info():
    """Describe the interpreter, without any path of this machine."""
    return {
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "free_threaded_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil_enabled": gil_enabled(),
        "cpu_count": os.cpu_count(),
        "switch_interval_ms": sys.getswitchinterval() * 1000,
    }


def settings(defaults):
    """Read the JSON settings in argv[1] over the defaults; unknown keys are an error."""
    if len(sys.argv) > 2:
        fail("expected at most one argument, a JSON object of settings")
    given = json.loads(sys.argv[1]) if len(sys.argv) == 2 else {}
    if not isinstance(given, dict):
        fail("settings must be a JSON object")
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        fail("unknown settings: " + ", ".join(unknown))
    merged = dict(defaults)
    merged.update(given)
    return merged


def result(name, strategy, workers, params, samples):
    return {"name": name, "strategy": strategy, "workers": workers,
            "params": params, "samples_s": samples}


def emit(results):
    json.dump({"python": python_info(), "results": results}, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()


def fail(message):
    sys.stderr.write(os.path.basename(sys.argv[0]) + ": " + message + "\n")
    sys.exit(2)


def emit_json(obj):
    """Print obj, with the interpreter's description under "python", as one JSON object."""
    out = {"python": python_info()}
    out.update(obj)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()
