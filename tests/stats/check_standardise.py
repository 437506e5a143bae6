#!/usr/bin/python3
"""Independent check of direct and indirect standardisation: the formulas of
PHEindicatormethods' R/DSR.R, R/ISRatio.R and R/ISRate.R re-implemented with
NumPy and SciPy (Byar's z from scipy.stats.norm.ppf, exact limits from
scipy.stats.chi2.ppf), compared with carealign through the binding on seeded
random data sets. The functions dsr() and nonindependent() also produced the
expected values quoted in tests/stats/test_standardise.c."""
import math
import sys

import numpy as np
from scipy import stats

from carealign import stats as cs


def byar(x, c):
    z = stats.norm.ppf(c + (1 - c) / 2)
    lo = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
    hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
    return (lo if lo >= 0 else float("nan")), hi


def dsr(x, n, w, per, c):
    x, n, w = (np.asarray(v, float) for v in (x, n, w))
    value = np.sum(x * w / n) / np.sum(w) * per
    var = np.sum(x * (w / n) ** 2) / np.sum(w) ** 2
    total = x.sum()
    if total < 10:
        return float("nan"), float("nan"), float("nan"), total
    lo, hi = byar(total, c)
    s = math.sqrt(var / total)
    return value, value + s * (lo - total) * per, value + s * (hi - total) * per, total


def nonindependent(rows, pops, w, per, c):
    events = [0.0] * len(pops)
    for b, f, p in rows:
        events[b] += f * p
    custom = 0.0
    for f in sorted({r[1] for r in rows}):
        fr = [r for r in rows if r[1] == f]
        sw = sum(w[b] for b, _, _ in fr)
        custom += sum(p * (w[b] / pops[b]) ** 2 for b, _, p in fr) / sw ** 2 * f * f
    present = sorted({r[0] for r in rows})
    value = sum(events[b] * w[b] / pops[b] for b in present) / sum(w[b] for b in present) * per
    total = sum(events)
    lo, hi = byar(total, c)
    s = math.sqrt(custom / total)
    return value, value + s * (lo - total) * per, value + s * (hi - total) * per, total


def isr(obs, exp, scale, c):
    a = (1 - c) / 2
    if obs < 10:
        lo = stats.chi2.ppf(a, 2 * obs) / 2 if obs > 0 else 0.0
        hi = stats.chi2.ppf(c + a, 2 * obs + 2) / 2
    else:
        lo, hi = byar(obs, c)
    return obs / exp * scale, lo / exp * scale, hi / exp * scale


failures = 0
checked = 0


def close(got, want, rel, what):
    global failures, checked
    checked += 1
    if (math.isnan(want) and math.isnan(got)) or got == want or abs(got - want) <= rel * abs(want):
        return
    failures += 1
    print("MISMATCH %s: got %r want %r" % (what, got, want))


rng = np.random.default_rng(20240611)
esp = list(cs.ESP2013)
for trial in range(200):
    k = 19 if trial % 2 == 0 else int(rng.integers(1, 25))
    w = esp if k == 19 and trial % 4 == 0 else list(rng.integers(0, 9000, k).astype(float) + 1)
    n = list(rng.integers(1, 200000, k).astype(float))
    scale = [0.0001, 0.001, 0.02][trial % 3]
    x = list(rng.poisson(np.array(n) * scale).astype(float))
    for c in (0.95, 0.998):
        e = cs.dsr(x, n, None if w is esp else w, 1e5, c)
        v, lo, hi, total = dsr(x, n, w, 1e5, c)
        what = "dsr trial %d c %r" % (trial, c)
        close(e.n, total, 0, what + " total")
        close(e.value, v, 1e-12, what + " value")
        close(e.lower, lo, 1e-11, what + " lower")
        close(e.upper, hi, 1e-11, what + " upper")

for trial in range(100):
    k = int(rng.integers(1, 20))
    pops = list(rng.integers(100, 50000, k).astype(float))
    w = list(rng.integers(1, 9000, k).astype(float))
    rows = []
    for b in range(k):
        for f in (1, 2, 3, 5):
            if rng.random() < 0.7:
                rows.append((b, float(f), float(rng.integers(0, 60))))
    if not rows or sum(f * p for _, f, p in rows) < 10:
        continue
    e = cs.dsr_nonindependent([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                              pops, w, 1e5, 0.95)
    v, lo, hi, total = nonindependent(rows, pops, w, 1e5, 0.95)
    what = "nonindependent trial %d" % trial
    close(e.value, v, 1e-12, what + " value")
    close(e.lower, lo, 1e-11, what + " lower")
    close(e.upper, hi, 1e-11, what + " upper")

for trial in range(200):
    k = int(rng.integers(1, 19))
    xr = rng.integers(0, 5000, k).astype(float)
    nr = rng.integers(1000, 10 ** 7, k).astype(float)
    nl = rng.integers(0, 10 ** 5, k).astype(float)
    exp_events = cs.expected_events(list(xr), list(nr), list(nl))
    close(exp_events, float(np.sum(xr / nr * nl)), 1e-12, "expected trial %d" % trial)
    if exp_events <= 0:
        continue
    for obs in (0, 1, 9, 10, 11, int(rng.integers(0, 3000))):
        for c in (0.95, 0.998):
            for ref in (1.0, 100.0):
                e = cs.isratio(obs, exp_events, ref, c)
                want = isr(obs, exp_events, ref, c)
                what = "isratio(%r, %r, %r, %r)" % (obs, exp_events, ref, c)
                for got, w_ in zip((e.value, e.lower, e.upper), want):
                    close(got, w_, 1e-12, what)
            e = cs.israte(obs, exp_events, float(xr.sum()), float(nr.sum()), 1e5, c)
            want = isr(obs, exp_events, float(xr.sum()) / float(nr.sum()) * 1e5, c)
            for got, w_ in zip((e.value, e.lower, e.upper), want):
                close(got, w_, 1e-12, "israte(%r, %r, %r)" % (obs, exp_events, c))

print("%d values checked, %d mismatches" % (checked, failures))
sys.exit(1 if failures else 0)
