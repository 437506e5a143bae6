#!/usr/bin/python3
"""The scorecard's DataFrame feed of 10 million contacts against the C
columnar feed (issue 10: within 2x).

It generates CONTACTS contacts of PEOPLE people (a tenth as many; GP,
community and homecare visits, assessments, reviews at 20 organisations over
a year, staff minutes) and writes them as raw int32 columns for the C driver
bench/python/bench_scorecard_frame.c, built against the build tree's
library. Every round, each side gets a new scorecard with the organisations
and people already fed (untimed), and one call is timed:

  c          carealign_scorecard_feed_contacts_columns from C on int32
             columns (the driver; the reason array preallocated)
  columns    Scorecard.feed_contacts_columns on the same numpy int32 columns
             (the ctypes wrapper: no conversion, no copy)
  frame      Scorecard.feed_contacts_frame(df) on a DataFrame of the same
             contacts as a user holds them: person_id int64 (NHS-number-like
             ids, looked up in the person dictionary), org_id, sector and type
             categorical strings (ODS-like codes and the data.md names),
             start_date datetime64[ns], staff_minutes int64 -- every id, code
             and date converted, rows checked, reasons returned

Rounds interleave the three so that load on a shared machine hits them
alike. It prints the median (and min, max) wall time and median process CPU
time of each, and the ratios to c; it fails unless the three feeds read and
use the same number of rows with none rejected.

usage: bench_scorecard_frame.py [--build DIR] [--contacts N] [--runs K] [--cc CC]
Run with Debian's /usr/bin/python3 (python3-numpy, python3-pandas). Not a test.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

from benchlib import build_driver, print_ratio_table
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FRAMEWORK = os.path.join(ROOT, "examples", "frameworks", "england-integrated-care.json")
N_ORGS = 20


def run_driver(exe, directory, runs=1):
    out = subprocess.run([exe, FRAMEWORK, directory, str(N_ORGS), str(runs)], check=True,
                         capture_output=True, text=True).stdout.split("\n")
    rows = [line.split()[1:] for line in out if line.startswith("run")]
    return [((float(r[0]), float(r[1])), tuple(int(x) for x in r[2:])) for r in rows]


def timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return (time.perf_counter() - w0, time.process_time() - c0), out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.environ.get("CAREALIGN_BUILD", "/tmp/py-build"))
    parser.add_argument("--contacts", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"))
    args = parser.parse_args()
    os.environ.setdefault("CAREALIGN_LIBRARY",
                          os.path.join(args.build, "lib", "libcarealign.so.1"))
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    from carealign import _lib
    from carealign import journey as J
    from carealign.framework import Framework, code_name, TABLE_CONTACT_TYPE, TABLE_SECTOR
    from carealign.scorecard import Scorecard

    n = args.contacts
    people = max(1, n // 10)
    rng = np.random.default_rng(20261123)
    birth_year = rng.integers(1925, 2000, people, dtype=np.int32)
    birth_month = rng.integers(1, 13, people, dtype=np.int32)
    org_sector = np.array([J.SECTOR_NHS_ACUTE, J.SECTOR_NHS_COMMUNITY, J.SECTOR_PRIMARY_CARE,
                           J.SECTOR_LOCAL_AUTHORITY] * (N_ORGS // 4), dtype=np.int32)
    types = np.array([J.GP_APPOINTMENT, J.COMMUNITY_VISIT, J.HOMECARE_VISIT,
                      J.SOCIAL_CARE_ASSESSMENT, J.REVIEW], dtype=np.int32)
    cols = {"person": rng.integers(0, people, n, dtype=np.int32),
            "org": rng.integers(0, N_ORGS, n, dtype=np.int32)}
    cols["sector"] = org_sector[cols["org"]]
    cols["type"] = types[rng.integers(0, len(types), n)]
    first_day = (np.datetime64("2025-04-01") - np.datetime64("1970-01-01")).astype(int)
    cols["start_day"] = (first_day + rng.integers(0, 365, n)).astype(np.int32)
    cols["staff_minutes"] = rng.integers(5, 90, n, dtype=np.int32)

    # the same contacts as a DataFrame a user would hold
    person_ids = 9_990_000_000 + np.arange(people, dtype=np.int64) * 7
    org_ids = np.array([f"R{k:04d}" for k in range(N_ORGS)], dtype=object)
    sector_names = np.array([code_name(TABLE_SECTOR, int(s)) for s in range(10)], dtype=object)
    type_names = np.array([code_name(TABLE_CONTACT_TYPE, int(t)) for t in range(16)],
                          dtype=object)
    df = pd.DataFrame({
        "person_id": person_ids[cols["person"]],
        "org_id": pd.Categorical.from_codes(cols["org"], org_ids),
        "sector": pd.Categorical(sector_names[cols["sector"]]),
        "type": pd.Categorical(type_names[cols["type"]]),
        "start_date": pd.to_datetime(cols["start_day"].astype("datetime64[D]")),
        "staff_minutes": cols["staff_minutes"].astype(np.int64),
    })
    people_df = pd.DataFrame({"person_id": person_ids, "birth_year": birth_year,
                              "birth_month": birth_month})
    orgs_df = pd.DataFrame({"org_id": org_ids, "name": "",
                            "sector": sector_names[org_sector]})
    fw = Framework.load_file(FRAMEWORK)
    print(f"carealign {_lib.lib.carealign_version_string().decode()} from "
          f"{_lib.LIBRARY_PATH}; numpy {np.__version__}, pandas {pd.__version__}, Python "
          f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}")

    def new_columns_scorecard():
        sc = Scorecard(fw)
        sc.feed_organisations([(k, int(org_sector[k]), "") for k in range(N_ORGS)])
        sc.feed_people_columns(birth_year=birth_year, birth_month=birth_month, n=people,
                               _as_array=True)
        return sc

    def new_frame_scorecard():
        sc = Scorecard(fw)
        sc.feed_frames(organisations=orgs_df, people=people_df, close=False)
        return sc

    def counts(sc):
        c = sc.counts("contacts")
        return c["read"], c["used"], c["rejected"]

    def columns_round():
        sc = new_columns_scorecard()
        t, reasons = timed(lambda: sc.feed_contacts_columns(_as_array=True, **cols))
        out = counts(sc)
        sc.close()
        return t, out

    def frame_round():
        sc = new_frame_scorecard()
        t, rejects = timed(lambda: sc.feed_contacts_frame(df))
        out = counts(sc)
        sc.close()
        return t, out + (len(rejects),)

    results = {"c": [], "columns": [], "frame": []}
    with tempfile.TemporaryDirectory() as directory:
        for name, values in (("people_birth_year", birth_year),
                             ("people_birth_month", birth_month),
                             ("orgs_sector", org_sector)):
            values.tofile(os.path.join(directory, name + ".i32"))
        for name, values in cols.items():
            values.astype(np.int32).tofile(os.path.join(directory, name + ".i32"))
        exe = build_driver(args.build, args.cc, directory, "bench_scorecard_frame")
        want = (n, n, 0)
        for r in range(args.runs):
            (t, got), = run_driver(exe, directory)
            checks = [("c", got)]
            results["c"].append(t)
            t, got = columns_round()
            results["columns"].append(t)
            checks.append(("columns", got))
            t, got = frame_round()
            results["frame"].append(t)
            checks.append(("frame", got[:3]))
            if got[3] != 0:
                raise SystemExit(f"FAIL: the frame feed rejected {got[3]} rows")
            for label, c in checks:
                if c != want:
                    raise SystemExit(f"FAIL: {label} read/used/rejected {c}, not {want}")
    print(f"{n:,} contacts of {people:,} people; median of {args.runs} interleaved rounds; "
          f"every feed read and used all {n:,} rows")
    c_wall, c_cpu = print_ratio_table(results, n)
    ratio = statistics.median(t[0] for t in results["frame"]) / c_wall
    ratio_cpu = statistics.median(t[1] for t in results["frame"]) / c_cpu
    print(f"frame / c: wall medians {ratio:.2f}, cpu medians {ratio_cpu:.2f}: goal <= 2 "
          f"{'met' if max(ratio, ratio_cpu) <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
