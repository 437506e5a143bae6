#!/usr/bin/python3
"""Independent check of the interval functions against statsmodels and
SciPy over a grid (run by ctest through the Python binding):

  Wilson      statsmodels.stats.proportion.proportion_confint(x, n, 1 - c, "wilson")
  exact rate  scipy.stats.chi2.ppf((1-c)/2, 2x)/2 and chi2.ppf(c+(1-c)/2, 2x+2)/2, / n * per
  Byar rate   Breslow & Day's formula with scipy.stats.norm.ppf(c + (1-c)/2)
  mean        scipy.stats.t.isf((1-c)/2, n-1) * sd / sqrt(n), with mpmath
              refining SciPy's quantile (SciPy's t.ppf is off by up to ~1e-11)

Tolerances: 1e-12 relative (1e-10 for tiny Wilson limits where statsmodels
and PHE's algebraically different forms round differently).
"""
import math
import sys

import mpmath as mp
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from carealign import stats as cs

failures = 0
checked = 0


def close(got, want, rel, what):
    global failures, checked
    checked += 1
    if got == want or abs(got - want) <= rel * abs(want):
        return
    failures += 1
    print("MISMATCH %s: got %r want %r" % (what, got, want))


for c in (0.9, 0.95, 0.99, 0.998):
    for n in (1, 2, 7, 10, 50, 100, 1234, 1e5, 1e7, 1e9):
        for frac in (0.0, 1e-6, 0.001, 0.1, 0.37, 0.5, 0.9, 0.999, 1.0):
            x = math.floor(n * frac)
            e = cs.proportion_wilson(x, n, c)
            lo, hi = proportion_confint(x, n, alpha=1 - c, method="wilson")
            what = "wilson(%r, %r, %r)" % (x, n, c)
            if x == 0:
                close(e.lower, 0.0, 0, what + " lower")  # PHE: exactly 0
            else:
                close(e.lower, lo, 1e-10 if lo < 1e-6 else 1e-12, what + " lower")
            close(e.upper, hi, 1e-12, what + " upper")

for c in (0.9, 0.95, 0.998):
    alpha = (1 - c) / 2
    z = stats.norm.ppf(c + alpha)
    for x in (0, 1, 2, 3, 5, 8, 9, 9.5, 10, 11, 20, 99, 1000, 123456):
        for n, per in ((1000, 1e5), (57, 100), (6.5e7, 1e5), (3.1e9, 1e6)):
            e = cs.rate(x, n, per, c)
            what = "rate(%r, %r, %r, %r)" % (x, n, per, c)
            if x < 10:
                assert e.method == cs.METHOD_EXACT, what
                lo = stats.chi2.ppf(alpha, 2 * x) / 2 / n * per if x > 0 else 0.0
                hi = stats.chi2.ppf(c + alpha, 2 * x + 2) / 2 / n * per
            else:
                assert e.method == cs.METHOD_BYAR, what
                lo = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3 / n * per
                hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3 / n * per
            close(e.value, x / n * per, 1e-15, what + " value")
            close(e.lower, lo, 1e-12, what + " lower")
            close(e.upper, hi, 1e-12, what + " upper")

mp.mp.dps = 30


def t_quantile(q, df):
    """Upper-tail t quantile: SciPy's, refined by two mpmath Newton steps."""
    t = mp.mpf(stats.t.isf(q, df))
    dfm = mp.mpf(df)
    for _ in range(2):
        tail = mp.betainc(dfm / 2, mp.mpf(1) / 2, 0, dfm / (dfm + t * t), regularized=True) / 2
        dens = mp.exp(mp.loggamma((dfm + 1) / 2) - mp.loggamma(dfm / 2)
                      - mp.log(dfm * mp.pi) / 2 - (dfm + 1) / 2 * mp.log(1 + t * t / dfm))
        t = t + (tail - mp.mpf(q)) / dens
    return float(t)


for c in (0.9, 0.95, 0.998):
    for n in (2, 3, 4, 5, 10, 11, 30, 100, 1000, 100000):
        mean, m2 = 17.25, 3.5 * (n - 1)
        e = cs.mean_t(n, mean, m2, c)
        half = t_quantile((1 - c) / 2, n - 1) * math.sqrt(m2 / (n - 1)) / math.sqrt(n)
        what = "mean_t(%r, %r)" % (n, c)
        close(e.upper - mean, half, 1e-12, what + " half-width")
        close(e.lower - mean, -half, 1e-12, what + " lower")

print("%d values checked, %d mismatches" % (checked, failures))
sys.exit(1 if failures else 0)
