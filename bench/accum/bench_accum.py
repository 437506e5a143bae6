"""carealign Accumulator.add_batch (through ctypes, reading the numpy array
in place) against numpy.sum of the same array in the same run: the peer a
Python user has. CPU time of this thread (the machine may be shared),
median of REPS runs.

usage: CAREALIGN_LIBRARY=<build>/lib/libcarealign.so.1 \\
       PYTHONPATH=bindings/python python3 bench/accum/bench_accum.py [N] [REPS]
"""

import statistics
import sys
import time

import numpy as np

from carealign.accum import Accumulator


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000_000
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    rng = np.random.default_rng(42)
    x = rng.integers(-594, 1001, size=n) / 1000.0  # EQ-5D scores on the 1/1000 grid
    t_np, t_acc = [], []
    for _ in range(reps):
        t0 = time.thread_time()
        s = float(np.sum(x))
        t1 = time.thread_time()
        with Accumulator("mean", scale=1000) as acc:
            acc.add_batch(x)
            mean = acc.summary()["mean"]
        t2 = time.thread_time()
        t_np.append(t1 - t0)
        t_acc.append(t2 - t1)
        assert abs(mean - s / n) < 1e-9
    m_np, m_acc = statistics.median(t_np), statistics.median(t_acc)
    print(f"values            {n} (float64), {reps} repetitions, medians of CPU time")
    print(f"numpy.sum         {m_np:.3f} s  {n / m_np / 1e6:.0f} M values/s")
    print(f"add_batch         {m_acc:.3f} s  {n / m_acc / 1e6:.0f} M values/s")
    print(f"add_batch / numpy.sum throughput  {100 * m_np / m_acc:.0f}%")


if __name__ == "__main__":
    main()
