#!/usr/bin/python3
"""Independent check of the mean change with its paired t interval on
random paired samples:
* against SciPy's scipy.stats.ttest_rel(after, before).confidence_interval(c)
  (SciPy >= 1.10, Debian python3-scipy) within 1e-8 of the half-width:
  SciPy 1.10's t.ppf is itself good only to about 3e-9 at small df;
* against mean -/+ t sd / sqrt(n) with NumPy's mean and sd (ddof 1) and t
  from mpmath (findroot of betainc(df/2, 1/2, 0, df/(df+t^2))/2 = (1-c)/2
  at 30 digits) within 1e-12 of the half-width; the mean within 1e-13;
* carealign_change_mean_t on NumPy's (n, mean, m2) gives the same interval."""
import sys

import mpmath as mp
import numpy as np
from scipy import stats

from carealign import stats as cs

failures = 0
checked = 0
mp.mp.dps = 30
_T = {}


def t_quantile(df, conf):
    """Upper (1 - conf)/2 point of Student's t, by mpmath."""
    key = (df, conf)
    if key not in _T:
        dfm, q = mp.mpf(df), (1 - mp.mpf(conf)) / 2
        start = mp.mpf(stats.t.ppf(1 - float(q), df))
        _T[key] = mp.findroot(
            lambda t: mp.betainc(dfm / 2, mp.mpf(1) / 2, 0, dfm / (dfm + t * t),
                                 regularized=True) / 2 - q, start)
    return _T[key]


rng = np.random.default_rng(31)
for trial in range(400):
    n = int(rng.integers(2, 400))
    before = rng.normal(50, 10, n).round(int(rng.integers(0, 4)))
    after = (before + rng.normal(rng.normal(0, 3), 5, n)).round(2)
    conf = [0.95, 0.998, 0.9, 0.99][trial % 4]
    e = cs.change_mean_paired(list(before), list(after), conf)
    ci = stats.ttest_rel(after, before).confidence_interval(conf)
    d = after - before
    half = (ci.high - ci.low) / 2
    exact_half = float(t_quantile(n - 1, conf) * mp.mpf(float(d.std(ddof=1))) / mp.sqrt(n))
    m2 = float(((d - d.mean()) ** 2).sum())
    e2 = cs.change_mean_t(n, float(d.mean()), m2, conf)
    checks = [
        abs(e.value - d.mean()) <= 1e-13 * max(1, abs(d.mean())),
        abs(e.lower - ci.low) <= 1e-8 * half, abs(e.upper - ci.high) <= 1e-8 * half,
        abs(e.lower - (d.mean() - exact_half)) <= 1e-12 * half,
        abs(e.upper - (d.mean() + exact_half)) <= 1e-12 * half,
        abs(e2.lower - e.lower) <= 1e-12 * half, abs(e2.upper - e.upper) <= 1e-12 * half,
    ]
    checked += 1
    if not all(checks):
        failures += 1
        print("MISMATCH trial %d %r: got (%r, %r, %r) scipy (%r, %r) mpmath half %r" % (
            trial, checks, e.value, e.lower, e.upper, ci.low, ci.high, exact_half))
print("%d samples checked, %d mismatches" % (checked, failures))
sys.exit(1 if failures else 0)
