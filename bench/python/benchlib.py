"""Helpers shared by the Python benchmarks that time a call against a C
driver (bench_score_batch.py, bench_scorecard_frame.py)."""

import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def build_driver(build, cc, directory, name):
    """Compile bench/python/NAME.c against the build tree's library into
    DIRECTORY; returns the executable's path."""
    exe = os.path.join(directory, name)
    library_dir = os.path.join(build, "lib")
    subprocess.run([cc, "-O2", "-std=c11", "-I", os.path.join(ROOT, "include"), "-I",
                    os.path.join(build, "include"), os.path.join(HERE, name + ".c"),
                    "-o", exe, "-L", library_dir, "-lcarealign", "-Wl,-rpath," + library_dir],
                   check=True)
    return exe


def print_ratio_table(results, rows, peer="c", width=8, places=3, ratio_places=2):
    """Print, per label of RESULTS (label -> [(wall s, cpu s), ...]), the
    median, min and max wall time, the median CPU time, millions of rows a
    second and both medians over the PEER label's."""
    print(f"  {'':{width}} {'median s':>9} {'min s':>8} {'max s':>8} {'cpu s':>8} "
          f"{'Mrows/s':>8} {'/ c wall':>8} {'/ c cpu':>8}")
    peer_wall = statistics.median(t[0] for t in results[peer])
    peer_cpu = statistics.median(t[1] for t in results[peer])
    for label, runs in results.items():
        wall = [t[0] for t in runs]
        med, cpu = statistics.median(wall), statistics.median(t[1] for t in runs)
        print(f"  {label:{width}} {med:9.{places}f} {min(wall):8.{places}f} "
              f"{max(wall):8.{places}f} {cpu:8.{places}f} {rows / med / 1e6:8.1f} "
              f"{med / peer_wall:8.{ratio_places}f} {cpu / peer_cpu:8.{ratio_places}f}")
    return peer_wall, peer_cpu
