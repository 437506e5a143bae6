#!/usr/bin/python3
"""Throughput of carealign_score_batch against the numpy formula an analyst
writes and against a plain copy of the same bytes (issue 3).

For each instrument (eq5d5l england-2018, swemwbs metric) it generates
ROWS rows of valid int32 answers (row-major, C-contiguous), then times,
over RUNS runs each, and reports the median:

  batch     carealign_score_batch through ctypes (scores and per-row
            status into preallocated arrays; the pointer is the numpy
            buffer, no copy)
  wrapper   carealign.instruments.score_batch with the same preallocated
            outputs (the Python binding's overhead on top)
  numpy     the analyst's formula: sum over dimensions d of
            coef[d][items[:, d] - 1] (then 1 - sum for EQ-5D, the
            conversion table for SWEMWBS)
  memcpy    numpy.copyto of the input array into a preallocated one (the
            same bytes; memory bandwidth)

and the ratios numpy / batch (goal >= 8) and batch throughput / memcpy
throughput (goal >= 0.70), taking the input bytes as the work, from the
median wall times and again from the median CPU times of the process (on
a shared machine the CPU times are the steadier of the two).

Run from a build tree: CAREALIGN_LIBRARY=/path/to/libcarealign.so.1
PYTHONPATH=bindings/python /usr/bin/python3 bench/instruments/bench_score.py
[--rows N] [--runs K]. Not a test: numbers depend on the machine.
"""

import argparse
import ctypes
import os
import platform
import statistics
import time

import numpy as np

from carealign import _lib
from carealign import instruments

# Devlin et al. 2018 (England EQ-5D-5L) decrements, level 1..5 per dimension
EQ5D5L_ENGLAND = np.array([
    [0, 0.058, 0.076, 0.207, 0.274],
    [0, 0.050, 0.080, 0.164, 0.203],
    [0, 0.050, 0.063, 0.162, 0.184],
    [0, 0.063, 0.084, 0.276, 0.335],
    [0, 0.078, 0.104, 0.285, 0.289],
])
# SWEMWBS: item score = level; raw sum 7..35 to metric (published table)
SWEMWBS_ITEM = np.tile(np.arange(1, 6, dtype=np.int64), (7, 1))
SWEMWBS_METRIC = np.array([
    7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98,
    18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31,
    30.70, 32.55, 35.00])


def numpy_eq5d5l(items):
    total = np.zeros(items.shape[0])
    for d in range(5):
        total += EQ5D5L_ENGLAND[d][items[:, d] - 1]
    return 1.0 - total


def numpy_swemwbs(items):
    raw = np.zeros(items.shape[0], dtype=np.int64)
    for d in range(7):
        raw += SWEMWBS_ITEM[d][items[:, d] - 1]
    return SWEMWBS_METRIC[raw - 7]


def median_seconds(fn, runs):
    """Median, min and max wall time, and median CPU time of this process
    (less sensitive to other load on a shared machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return statistics.median(wall), min(wall), max(wall), statistics.median(cpu)


def bench(name, valueset, n_items, numpy_fn, rows, runs, rng):
    items = rng.integers(1, 6, size=(rows, n_items), dtype=np.int32)
    scores = np.empty(rows)
    status = np.empty(rows, dtype=np.int32)
    copy = np.empty_like(items)
    # touch every output page once so that no run pays for first faults
    scores.fill(0)
    status.fill(0)
    copy.fill(0)
    lib = _lib.lib
    n_scored = ctypes.c_size_t()
    args = (name.encode(), valueset.encode(), items.ctypes.data, n_items, rows,
            scores.ctypes.data, status.ctypes.data, ctypes.byref(n_scored))

    def batch():
        rc = lib.carealign_score_batch(*args)
        assert rc == 0 and n_scored.value == rows

    def wrapper():
        instruments.score_batch(name, items, valueset, scores=scores, status=status)

    expected = numpy_fn(items)
    batch()
    # the library is exact; the float formula may differ in the last bit
    assert np.allclose(scores, expected, rtol=0, atol=1e-12), "batch disagrees with numpy"

    results = {
        "batch": median_seconds(batch, runs),
        "wrapper": median_seconds(wrapper, runs),
        "numpy": median_seconds(lambda: numpy_fn(items), runs),
        "memcpy": median_seconds(lambda: np.copyto(copy, items), runs),
    }
    mb = items.nbytes / 1e6
    print(f"\n{name} {valueset}: {rows:,} rows x {n_items} items = {mb:.0f} MB in, "
          f"{(scores.nbytes + status.nbytes) / 1e6:.0f} MB out; median of {runs} runs")
    print(f"  {'':8} {'median s':>9} {'min s':>8} {'max s':>8} {'cpu s':>8} {'Mrows/s':>9} "
          f"{'MB/s in':>9}")
    for label, (med, lo, hi, cpu) in results.items():
        print(f"  {label:8} {med:9.4f} {lo:8.4f} {hi:8.4f} {cpu:8.4f} {rows / med / 1e6:9.1f} "
              f"{mb / med:9.0f}")
    for what, at in (("wall", 0), ("cpu", 3)):
        speedup = results["numpy"][at] / results["batch"][at]
        of_memcpy = results["memcpy"][at] / results["batch"][at]
        print(f"  {what:4}: numpy / batch = {speedup:.1f}x (goal >= 8x); "
              f"batch throughput / memcpy = {of_memcpy:.2f} (goal >= 0.70); "
              f"wrapper / batch = {results['wrapper'][at] / results['batch'][at]:.2f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"carealign {instruments._lib.lib.carealign_version_string().decode()} from "
          f"{os.environ.get('CAREALIGN_LIBRARY', '(default search)')}")
    print(f"numpy {np.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs")
    rng = np.random.default_rng(20261122)
    bench("eq5d5l", "england-2018", 5, numpy_eq5d5l, args.rows, args.runs, rng)
    bench("swemwbs", "metric", 7, numpy_swemwbs, args.rows, args.runs, rng)


if __name__ == "__main__":
    main()
