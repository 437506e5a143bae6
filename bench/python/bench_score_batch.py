#!/usr/bin/python3
"""score_batch on 10 million rows: the Python wrapper against the same call
from C (issue 10: the wrapper within 1.2x of C).

It generates ROWS rows of valid EQ-5D-5L answers (int32, row-major; numpy's
generator, fixed seed), writes them to a temporary raw file, builds the C
driver bench/python/bench_score_batch.c against the build tree's library,
and then, for RUNS rounds, times one call of each of:

  c          carealign_score_batch called from C (the driver, reading the
             same rows from the file; outputs preallocated and touched)
  ctypes     the same C function called directly through ctypes on the
             numpy buffers (the ctypes call overhead alone)
  wrapper    carealign.instruments.score_batch(name, items, valueset,
             scores=..., status=...) with preallocated outputs
  wrapper+   carealign.instruments.score_batch(name, items, valueset): the
             wrapper allocating its numpy outputs (first-touch page faults
             included, which the C driver does not pay)

Rounds interleave the four so that load on a shared machine hits them
alike. It prints the median, min and max wall time and the median process
CPU time of each, and the ratios to c; it fails when the scores' bytes
differ between C and Python.

usage: bench_score_batch.py [--build DIR] [--rows N] [--runs K] [--cc CC]
Run with Debian's /usr/bin/python3 (python3-numpy). Not a test.
"""

import argparse
import ctypes
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

from benchlib import build_driver, print_ratio_table

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
INSTRUMENT, VALUESET, N_ITEMS = "eq5d5l", "england-2018", 5


def run_driver(exe, path, runs=1, scores_path=None):
    out = subprocess.run([exe, path, INSTRUMENT, VALUESET, str(N_ITEMS), str(runs)] +
                         ([scores_path] if scores_path else []),
                         check=True, capture_output=True, text=True).stdout.split("\n")
    return [tuple(float(x) for x in line.split()[1:]) for line in out if line.startswith("run")]


def timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.environ.get("CAREALIGN_BUILD", "/tmp/py-build"))
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"))
    args = parser.parse_args()
    library = os.path.join(args.build, "lib", "libcarealign.so.1")
    os.environ.setdefault("CAREALIGN_LIBRARY", library)
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    from carealign import _lib, instruments

    print(f"carealign {_lib.lib.carealign_version_string().decode()} from "
          f"{_lib.LIBRARY_PATH}; numpy {np.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    rng = np.random.default_rng(20261122)
    items = rng.integers(1, 6, size=(args.rows, N_ITEMS), dtype=np.int32)
    scores = np.zeros(args.rows)
    status = np.zeros(args.rows, dtype=np.int32)
    n_scored = ctypes.c_size_t()
    call = (INSTRUMENT.encode(), VALUESET.encode(), items.ctypes.data, N_ITEMS, args.rows,
            scores.ctypes.data, status.ctypes.data, ctypes.byref(n_scored))

    def direct():
        assert _lib.lib.carealign_score_batch(*call) == 0 and n_scored.value == args.rows

    def wrapper():
        instruments.score_batch(INSTRUMENT, items, VALUESET, scores=scores, status=status)

    def wrapper_alloc():
        instruments.score_batch(INSTRUMENT, items, VALUESET)

    results = {"c": [], "ctypes": [], "wrapper": [], "wrapper+": []}
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "items.bin")
        items.tofile(path)
        exe = build_driver(args.build, args.cc, directory, "bench_score_batch")
        direct()  # warm up: the code, the tables, the output pages
        wrapper_alloc()
        c_scores = os.path.join(directory, "scores.bin")
        run_driver(exe, path, 1, c_scores)
        same = np.fromfile(c_scores, dtype=np.float64).tobytes() == scores.tobytes()
        if not same:
            raise SystemExit("FAIL: the scores differ between C and Python")
        for _ in range(args.runs):
            times = run_driver(exe, path)
            results["c"].append(times[0])
            results["ctypes"].append(timed(direct))
            results["wrapper"].append(timed(wrapper))
            results["wrapper+"].append(timed(wrapper_alloc))
    mb = items.nbytes / 1e6
    print(f"{INSTRUMENT} {VALUESET}: {args.rows:,} rows x {N_ITEMS} items = {mb:.0f} MB in; "
          f"median of {args.runs} interleaved rounds; C and Python scores byte-identical")
    c_wall, _ = print_ratio_table(results, args.rows, width=9, places=4, ratio_places=3)
    ratio = statistics.median(t[0] for t in results["wrapper"]) / c_wall
    print(f"wrapper / c (wall medians) = {ratio:.3f}: goal <= 1.2 "
          f"{'met' if ratio <= 1.2 else 'NOT met'}")


if __name__ == "__main__":
    main()
