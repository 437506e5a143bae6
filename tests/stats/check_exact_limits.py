#!/usr/bin/python3
"""Independent check of Spiegelhalter's interpolated exact funnel limits
(Stat Med 2005;24:1185, appendix) against the formula evaluated with SciPy
(Debian python3-scipy): D = scipy.stats.binom(n, target) or
scipy.stats.poisson(target * E); r = D.ppf(p) (the least r with F(r) >= p);
alpha = (F(r) - p) / (F(r) - F(r - 1)), with the upper tail D.sf for
p > 0.5; limit = max(0, (r - alpha) / precision). Agreement to 1e-10
relative (SciPy's own cdf is good to about 1e-13 here; a difference in r,
the discrete quantile, would show as a jump of 1/precision)."""
import sys

import numpy as np
from scipy import stats

from carealign import stats as cs

failures = 0
checked = 0


def spiegelhalter(dist, target, precision, p):
    d = stats.binom(int(precision), target) if dist == 1 else stats.poisson(target * precision)
    r = d.ppf(p)
    if p > 0.5:
        num = (1 - p) - d.sf(r)
        den = d.sf(r - 1) - d.sf(r)
    else:
        num = d.cdf(r) - p
        den = d.cdf(r) - d.cdf(r - 1)
    a = num / den if den > 0 else 0.0
    return max(0.0, (r - a) / precision)


rng = np.random.default_rng(5)
cases = []
for n in [1, 2, 5, 10, 37, 100, 250, 1000, 5000, 20000, 100000, 1000000]:
    for t in [0.001, 0.02, 0.1, 0.3, 0.5, 0.77, 0.95, 0.999]:
        cases.append((1, t, float(n)))
for e in [0.1, 0.5, 1.0, 2.5, 7.3, 15.0, 20.0, 99.5, 500.0, 3000.0, 1e5, 2e6]:
    for t in [0.5, 1.0, 1.3]:
        cases.append((2, t, e))
for dist, t, prec in cases:
    for p in [0.001, 0.025, 0.975, 0.999]:
        want = spiegelhalter(dist, t, prec, p)
        got = cs.funnel_exact_limit(dist, t, prec, p)
        checked += 1
        if not abs(got - want) <= 1e-10 * max(abs(want), 1e-300):
            failures += 1
            print("MISMATCH %r: got %r want %r" % ((dist, t, prec, p), got, want))
print("%d limits checked, %d mismatches" % (checked, failures))
sys.exit(1 if failures else 0)
