#!/usr/bin/python3
"""Independent check of the slope index of inequality.

* Point estimates: statsmodels WLS of the value on (1, b) with weights a
  (equivalent to phe_sii's lm(y sqrt(a) ~ sqrt(a) + b sqrt(a) - 1)):
  SII = multiplier * slope, RII = (intercept + slope) / intercept.
* Interval: a NumPy re-implementation of phe_sii's SimulationFunc
  (R/utils.R: draws on the log / logit scale, back-transformed, regressed,
  sorted, positions round(reps * (1 - cv)) and round(reps * cv)), seeded,
  with 400 000 repetitions; carealign's analytic interval must agree within
  2% of the simulated standard deviation for value_type 0 (where it is
  exact) and 5% for rates and proportions (Cornish-Fisher approximation;
  the simulation's own error is about 0.5%), with standard errors up to
  0.15 on the log / logit scale.
Data: phe_sii's documented example (R/SII_function.R @examples, two areas)
and seeded random deciles and quintiles."""
import math
import sys

import numpy as np
import statsmodels.api as sm
from scipy import stats

from carealign import stats as cs

failures = 0
checked = 0


def close(got, want, tol, what):
    global failures, checked
    checked += 1
    if abs(got - want) <= tol:
        return
    failures += 1
    print("MISMATCH %s: got %r want %r (tol %g)" % (what, got, want, tol))


def transform(v, t):
    return np.log(v) if t == 1 else (np.log(v / (1 - v)) if t == 2 else v)


def untransform(v, t):
    return np.exp(v) if t == 1 else (np.exp(v) / (1 + np.exp(v)) if t == 2 else v)


def simulate(values, pops, se, t, mult, conf, reps, rng):
    a = pops / pops.sum()
    b = a / 2 + np.concatenate(([0.0], np.cumsum(a)[:-1]))
    m = np.vstack([np.sqrt(a), b * np.sqrt(a)])
    inv = np.linalg.solve(m @ m.T, m)
    y = rng.normal(transform(values, t)[:, None], se[:, None], (len(values), reps))
    coef = inv @ (untransform(y, t) * np.sqrt(a)[:, None])
    sii = np.sort(mult * coef[1])
    rii = (coef[1] + coef[0]) / coef[0]
    if mult < 0:
        rii = 1 / rii
    rii = np.sort(rii)
    cv = conf + (1 - conf) / 2
    lo, hi = int(round(reps * (1 - cv))), int(round(reps * cv))
    return (sii[lo - 1], sii[hi - 1], np.std(mult * coef[1]),
            rii[lo - 1], rii[hi - 1], np.std(rii))


def run(values, pops, se, t, mult, conf, what, rng, lower=None, upper=None):
    values, pops, se = (np.asarray(x, float) for x in (values, pops, se))
    if lower is not None:
        e_sii, e_rii = cs.sii(list(values), list(pops), lower_cl=lower, upper_cl=upper,
                              value_type=t, multiplier=mult, confidence=conf)
    else:
        e_sii, e_rii = cs.sii(list(values), list(pops), se=list(se), value_type=t,
                              multiplier=mult, confidence=conf)
    a = pops / pops.sum()
    b = a / 2 + np.concatenate(([0.0], np.cumsum(a)[:-1]))
    fit = sm.WLS(values, sm.add_constant(b), weights=a).fit()
    c0, c1 = fit.params
    rii = (c0 + c1) / c0
    close(e_sii.value, mult * c1, 1e-9 * abs(c1) + 1e-12, what + " SII")
    close(e_rii.value, 1 / rii if mult < 0 else rii, 1e-10, what + " RII")
    lo, hi, sd, rlo, rhi, rsd = simulate(values, pops, se, t, mult, conf, 400000, rng)
    tol = 0.02 if t == 0 else 0.05
    close(e_sii.lower, lo, tol * sd, what + " SII lower")
    close(e_sii.upper, hi, tol * sd, what + " SII upper")
    close(e_rii.lower, rlo, tol * rsd, what + " RII lower")
    close(e_rii.upper, rhi, tol * rsd, what + " RII upper")


rng = np.random.default_rng(2024)
# phe_sii's documented example, areas 1 and 2 (value_type 0, se given, and
# the same from the 95% limits: se = (upper - lower) / qnorm(0.975) / 2)
pop1 = [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534]
val1 = [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3]
lo1 = [72.7, 75.3, 80.9, 80.2, 77.1, 78, 79, 81.4, 75.8, 83.2]
up1 = [79.1, 81.4, 86.8, 87.1, 83.8, 84.2, 84.4, 86.9, 85.4, 89.4]
se1 = [1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57]
pop2 = [21675, 20065, 19750, 24713, 20112, 19618, 22408, 19752, 18939, 19312]
val2 = [70.5, 71.6, 72.5, 73.5, 73.1, 76.2, 78.7, 80.6, 80.9, 80]
se2 = [0.23, 0.26, 0.3, 0.16, 0.79, 0.78, 0.4, 0.28, 0.23, 0.35]
z = stats.norm.ppf(0.975)
run(val1, pop1, se1, 0, 1, 0.95, "example area 1", rng)
run(val1, pop1, (np.array(up1) - np.array(lo1)) / z / 2, 0, 1, 0.95, "example area 1 CLs", rng,
    lower=lo1, upper=up1)
run(val2, pop2, se2, 0, 1, 0.95, "example area 2", rng)
run(val2, pop2, se2, 0, 1, 0.998, "example area 2 99.8%", rng)

for trial in range(24):
    k = [5, 10, 20][trial % 3]
    t = trial % 3 if trial < 12 else (trial // 3) % 3
    pops = rng.integers(1000, 50000, k).astype(float)
    if t == 0:
        vals = np.sort(rng.normal(70, 5, k))
        se = rng.uniform(0.2, 2.5, k)
    elif t == 1:
        vals = np.sort(rng.uniform(50, 500, k))[::-1]
        se = rng.uniform(0.01, se_max, k)
    else:
        vals = np.sort(rng.uniform(0.05, 0.6, k))
        se = rng.uniform(0.02, se_max, k)
    mult = [1, 100, -1][trial % 3]
    se_max = 0.15
    conf = [0.95, 0.998, 0.9][trial % 3]
    run(vals, pops, se, t, mult, conf, "trial %d type %d" % (trial, t), rng)

print("%d values checked, %d mismatches" % (checked, failures))
sys.exit(1 if failures else 0)
