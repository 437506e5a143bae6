"""Independent check of carealign_qaly against scipy: random utility curves
(linear interpolation between observations), discounted continuously
(scipy.integrate.quad of u(t) (1 + r)^-t over each interval) and in whole
years (each year's area, from numpy's trapezoid on the curve split at whole
years, times (1 + r)^-k). Undiscounted areas are compared with numpy.trapz.
"""

import ctypes
import math
import sys

import numpy as np
from scipy import integrate

from carealign import _lib


def c_qaly(t, u, rate, timing):
    n = len(t)
    out = ctypes.c_double()
    _lib.lib.carealign_qaly((ctypes.c_double * n)(*t), (ctypes.c_double * n)(*u), n, rate,
                            timing, ctypes.byref(out))
    return out.value


def continuous(t, u, rate):
    total = 0.0
    for a, b, ua, ub in zip(t[:-1], t[1:], u[:-1], u[1:]):
        if b > a:
            f = lambda x: (ua + (ub - ua) * (x - a) / (b - a)) * (1 + rate) ** -x  # noqa: E731
            value, _ = integrate.quad(f, a, b, epsabs=1e-13, epsrel=1e-12, limit=200)
            total += value
    return total


def annual(t, u, rate):
    t = np.asarray(t, float)
    u = np.asarray(u, float)
    total = 0.0
    for k in range(int(math.floor(t[0])), int(math.ceil(t[-1])) + 1):
        lo, hi = max(t[0], k), min(t[-1], k + 1)
        if hi <= lo:
            continue
        inside = (t > lo) & (t < hi)
        # steps (repeated times) inside the year keep both values
        xs = np.concatenate(([lo], t[inside], [hi]))
        ys = np.concatenate(([np.interp(lo, t, u, right=None)], u[inside],
                             [np.interp(hi, t, u)]))
        if np.any(np.diff(t) == 0):
            return None  # np.interp is ambiguous at steps; covered by the C tests
        total += np.trapz(ys, xs) * (1 + rate) ** -k
    return total


def main():
    rng = np.random.default_rng(4)
    failures = 0
    for case in range(400):
        n = int(rng.integers(2, 12))
        t = np.sort(rng.uniform(0, 12, n))
        if case % 4 == 0:
            t = np.round(t * 4) / 4  # quarter years: points on year boundaries
            t = np.unique(t)
            if t.size < 2:
                continue
        u = rng.uniform(-0.3, 1.0, t.size)
        rate = float(rng.choice([0.0, 0.015, 0.035, 0.06]))
        got_c = c_qaly(list(t), list(u), rate, _lib.QALY_DISCOUNT_CONTINUOUS)
        want_c = continuous(t, u, rate)
        if abs(got_c - want_c) > 1e-11 * max(1, abs(want_c)):
            failures += 1
            print(f"continuous case {case}: C {got_c!r} scipy {want_c!r}")
        got_a = c_qaly(list(t), list(u), rate, _lib.QALY_DISCOUNT_ANNUAL)
        want_a = annual(t, u, rate)
        if want_a is not None and abs(got_a - want_a) > 1e-12 * max(1, abs(want_a)):
            failures += 1
            print(f"annual case {case}: C {got_a!r} numpy {want_a!r}")
        if rate == 0.0:
            plain = np.trapz(u, t)
            for got in (got_c, got_a):
                if abs(got - plain) > 1e-12 * max(1, abs(plain)):
                    failures += 1
                    print(f"undiscounted case {case}: C {got!r} numpy {plain!r}")
    print(f"400 random utility curves, {failures} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
