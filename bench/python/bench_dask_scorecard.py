#!/usr/bin/python3
"""The Dask scorecard (examples/distributed/dask_scorecard.py) on 2 worker
processes against 1: the speed-up of the partition/partial/merge pattern.

It generates PEOPLE people with `carealign generate`, reads the six files
once, starts a LocalCluster of W worker processes (one thread each) for W in
1 and 2, and times RUNS rounds of run_dask (partitioning by person on the
driver, the partial scorecards on the workers, the tree merge on the
workers, the merged bytes back), then finalizes and checks the report is
byte-identical to a single-process run. Prints medians of wall time and the
speed-up (1-worker median / 2-worker median).

usage: bench_dask_scorecard.py [--build DIR] [--people N] [--partitions P] [--runs K]
Run with Debian's /usr/bin/python3 (python3-distributed, python3-dask,
python3-pandas). Not a test.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.environ.get("CAREALIGN_BUILD", "/tmp/py-build"))
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("CAREALIGN_LIBRARY",
                          os.path.join(args.build, "lib", "libcarealign.so.1"))
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    sys.path.insert(0, os.path.join(ROOT, "examples", "distributed"))
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    import dask
    import distributed
    from dask.distributed import Client, LocalCluster
    import dask_scorecard as D

    tool = os.path.join(args.build, "tools", "carealign")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([tool, "generate", "--people", str(args.people), "--organisations", "20",
                        "--months", "12", "--seed", "2026", "--out", tmp, "--quiet"],
                       check=True)
        frames = D.read_frames(tmp)
    records = sum(len(frames[n]) for n in ("people", "responses", "contacts"))
    print(f"dask {dask.__version__}, distributed {distributed.__version__}, Python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs, load "
          f"{os.getloadavg()[0]:.1f}; {args.people:,} people, {records:,} person records, "
          f"{args.partitions} partitions")
    reference = D.single(frames)
    results = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as scratch, \
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                             host="127.0.0.1", scheduler_port=0, dashboard_address=None,
                             local_directory=scratch, silence_logs=40) as cluster, \
                Client(cluster) as client:
            client.run(lambda: None)
            D.run_dask(client, frames, args.partitions)  # warm up: imports, framework
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                blob = D.run_dask(client, frames, args.partitions)
                times.append(time.perf_counter() - t0)
                if D.report(blob) != reference:
                    raise SystemExit(f"FAIL: {workers} workers: the report differs")
            results[workers] = times
            print(f"  {workers} worker(s): median {statistics.median(times):7.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}); report identical")
    speedup = statistics.median(results[1]) / statistics.median(results[2])
    print(f"speed-up, 2 workers over 1 (wall medians): {speedup:.2f}")


if __name__ == "__main__":
    main()
