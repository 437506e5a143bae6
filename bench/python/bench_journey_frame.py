#!/usr/bin/python3
"""Journeys from a pandas DataFrame against the same columnar call on numpy
columns (a preview of issue 10's "DataFrame feed within 2x of the C
columnar feed", which is the scorecard's; here the journey layer's columnar
feed, carealign_journey_batch).

It generates CONTACTS contacts of PEOPLE people (about ten each; GP,
community and homecare visits, assessments, reviews; a professional on half
of them; activity counts) as int32/int64 numpy columns and as a DataFrame
of the same columns, then for RUNS interleaved rounds times:

  columns    carealign.journey.batch on the numpy columns (one C call; the
             columns passed without copies, results filled in place): the
             C columnar feed plus a constant ctypes overhead
  frame      carealign.journey.batch_frame(df): the DataFrame in, a
             DataFrame of per-person figures out (column extraction and
             the results DataFrame included)

and prints medians (wall and process CPU) and the ratio frame / columns.
It fails unless both give the same figures.

usage: bench_journey_frame.py [--build DIR] [--contacts N] [--runs K]
"""

import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return (time.perf_counter() - w0, time.process_time() - c0), out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.environ.get("CAREALIGN_BUILD", "/tmp/py-build"))
    parser.add_argument("--contacts", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("CAREALIGN_LIBRARY",
                          os.path.join(args.build, "lib", "libcarealign.so.1"))
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    from carealign import _lib
    from carealign import journey as J

    n = args.contacts
    people = max(1, n // 10)
    rng = np.random.default_rng(20261122)
    types = np.array([J.GP_APPOINTMENT, J.COMMUNITY_VISIT, J.HOMECARE_VISIT,
                      J.SOCIAL_CARE_ASSESSMENT, J.REVIEW], dtype=np.int32)
    cols = {
        "person": rng.integers(0, people, n, dtype=np.int32),
        "org": rng.integers(0, 20, n, dtype=np.int32),
        "sector": rng.integers(1, 8, n, dtype=np.int32),
        "type": types[rng.integers(0, len(types), n)],
        "start_day": rng.integers(0, 365, n, dtype=np.int32),
        "professional": np.where(rng.random(n) < 0.5, rng.integers(0, 50, n),
                                 _lib.NA_I32).astype(np.int32),
        "activity": rng.integers(1, 4, n, dtype=np.int64),
    }
    df = pd.DataFrame(cols)
    opts = J.options(period=(0, 364))
    print(f"carealign from {_lib.LIBRARY_PATH}; numpy {np.__version__}, pandas "
          f"{pd.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}")

    def columns():
        return J.batch(cols["person"], cols["org"], cols["sector"], cols["type"],
                       cols["start_day"], people, opts=opts,
                       professional=cols["professional"], activity=cols["activity"])

    def frame():
        return J.batch_frame(df, people, opts=opts)

    raw, out = columns(), frame()  # warm up, and the same figures?
    same = (np.array_equal(raw["n_contacts"], out["n_contacts"].to_numpy()) and
            np.array_equal(raw["coc"], out["coc"].to_numpy(), equal_nan=True) and
            np.array_equal(raw["prof_coc"], out["prof_coc"].to_numpy(), equal_nan=True) and
            np.array_equal(raw["activity"], out["activity"].to_numpy()))
    if not same:
        raise SystemExit("FAIL: batch_frame and batch disagree")
    results = {"columns": [], "frame": []}
    for _ in range(args.runs):
        results["columns"].append(timed(columns)[0])
        results["frame"].append(timed(frame)[0])
    print(f"{n:,} contacts of {people:,} people; median of {args.runs} interleaved rounds")
    for label, runs in results.items():
        wall = statistics.median(t[0] for t in runs)
        cpu = statistics.median(t[1] for t in runs)
        print(f"  {label:8} wall {wall:8.3f} s   cpu {cpu:8.3f} s   "
              f"{n / cpu / 1e6:6.1f} M contacts/s (cpu)")
    for at, what in ((0, "wall"), (1, "cpu")):
        ratio = (statistics.median(t[at] for t in results["frame"]) /
                 statistics.median(t[at] for t in results["columns"]))
        print(f"frame / columns ({what} medians) = {ratio:.2f}")


if __name__ == "__main__":
    main()
