#!/usr/bin/python3
"""Independent check of Spiegelhalter over-dispersion (FunnelPlotR 0.6.0's
R/od_adjustment.R and R/calculate_limits.R, re-implemented with NumPy and
SciPy: numpy.quantile(method="linear") is R's type 7,
scipy.stats.rankdata(method="average") is R's rank(ties = "average"),
scipy.stats.chi2.isf for the exact SR limits) on seeded random funnels."""
import math
import sys

import numpy as np
from scipy import stats

from carealign import stats as cs

Z = {0.95: 1.959964, 0.998: 3.090232}


def reference(o, d, data_type, sr_method, trim):
    o = np.asarray(o, float)
    d = np.asarray(d, float)
    if data_type == cs.OD_SR:
        target = 1.0
        if sr_method == cs.OD_SHMI:
            s = 1 / np.sqrt(d)
            z = np.sqrt(d) * np.log(o / d)
        else:
            s = 1 / (2 * np.sqrt(d))
            z = (np.sqrt(o / d) - 1) / s
    elif data_type == cs.OD_PR:
        target = o.sum() / d.sum()
        s = 1 / (2 * np.sqrt(d))
        z = (np.arcsin(np.sqrt(o / d)) - np.arcsin(np.sqrt(target))) / s
    else:
        target = o.sum() / d.sum()
        s = np.sqrt(o / (o + 0.5) ** 2 + d / (d + 0.5) ** 2)
        z = (np.log((o + 0.5) / (d + 0.5)) - np.log(target)) / s
    if data_type == cs.OD_SR and sr_method == cs.OD_SHMI:
        k = 1 / trim
        sp = np.floor(stats.rankdata(z, method="average") * k / (len(z) + 1))
        keep = (sp > 0) & (sp < k - 1)
        zw, sw = z[keep], s[keep]
    else:
        lz, uz = np.quantile(z, [trim, 1 - trim], method="linear")
        zw, sw = np.clip(z, lz, uz), s
    n = len(zw)
    phi = np.sum(zw ** 2) / n
    w = 1 / sw ** 2
    tau2 = 0.0 if n * phi < n - 1 else max(0.0, (n * phi - (n - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    return target, phi, tau2, n, z


def limits(data_type, sr_method, target, tau2, adjusted, den, conf):
    z = Z[conf]
    t2 = tau2 if adjusted else 0.0
    if data_type == cs.OD_SR:
        if not adjusted:
            a = (1 - conf) / 2
            return (stats.chi2.isf(1 - a, 2 * den) / 2 / den,
                    stats.chi2.isf(a, 2 * (den + 1)) / 2 / den)
        if sr_method == cs.OD_SHMI:
            return math.exp(-z * math.sqrt(1 / den + t2)), math.exp(z * math.sqrt(1 / den + t2))
        s = 1 / (2 * math.sqrt(den))
        return 1 - z * math.sqrt(s * s + t2), 1 + z * math.sqrt(s * s + t2)
    s = 1 / (2 * math.sqrt(den))
    if data_type == cs.OD_PR:
        c = math.asin(math.sqrt(target))
        lo, hi = c - z * math.sqrt(s * s + t2), c + z * math.sqrt(s * s + t2)
        return (0.0 if lo <= 0 else math.sin(lo) ** 2), (1.0 if hi >= math.pi / 2 else math.sin(hi) ** 2)
    return (math.exp(math.log(target) - z * math.sqrt(s * s + t2)),
            math.exp(math.log(target) + z * math.sqrt(s * s + t2)))


failures = 0
checked = 0


def close(got, want, rel, what):
    global failures, checked
    checked += 1
    if got == want or abs(got - want) <= rel * max(abs(want), 1e-300):
        return
    failures += 1
    print("MISMATCH %s: got %r want %r" % (what, got, want))


def close_z(got, want, what):
    close(got, want, 1e-12 * max(1.0, 1 / max(abs(want), 1e-300)), what)


rng = np.random.default_rng(5)
for trial in range(300):
    n = int(rng.integers(2, 150))
    data_type = [cs.OD_SR, cs.OD_SR, cs.OD_PR, cs.OD_RC][trial % 4]
    sr_method = cs.OD_SHMI if trial % 8 < 4 else cs.OD_CQC
    trim = [0.1, 0.05, 0.2][trial % 3]
    d = rng.integers(20, 5000, n).astype(float)
    if data_type == cs.OD_PR:
        p = np.clip(rng.normal(0.3, 0.05, n), 0.01, 0.99)
        o = np.round(d * p)
    else:
        o = rng.poisson(d * rng.gamma(20, 1 / 20, n)).astype(float)
        o = np.maximum(o, 1)
    opts = cs.overdispersion_options(data_type=data_type, sr_method=sr_method, trim=trim)
    od, z = cs.funnel_overdispersion(list(o), list(d), opts, want_z=True)
    target, phi, tau2, used, zr = reference(o, d, data_type, sr_method, trim)
    what = "trial %d (type %d method %d n %d)" % (trial, data_type, sr_method, n)
    close(od.target, target, 1e-14, what + " target")
    close(od.phi, phi, 1e-12, what + " phi")
    close(od.tau2, tau2, 1e-9, what + " tau2")
    checked += 1
    if od.n_used != used:
        failures += 1
        print("MISMATCH %s n_used %d vs %d" % (what, od.n_used, used))
    # z is a difference of two terms of order 1 (logs, arcsines) times
    # 1/s (up to about 140 here): its rounding error is absolute, a few
    # ulps of the terms times 1/s, not relative to z, which can be near 0.
    # NumPy's vectorised arcsin and log differ from libm by an ulp on some
    # CPUs (AVX-512 kernels), e.g. 1.4e-14 on a z of 0.0048; so the bound is
    # 1e-12 relative to max(|z|, 1).
    for i in range(0, n, 7):
        close_z(z[i], zr[i], what + " z[%d]" % i)
    adjusted = n >= 10 and phi > 1
    checked += 1
    if bool(od.adjusted) != adjusted:
        failures += 1
        print("MISMATCH %s adjusted" % what)
    for den in (d.min(), float(np.median(d)), d.max()):
        for conf in (0.95, 0.998):
            lo, hi = cs.overdispersion_limits(od, den, conf)
            wlo, whi = limits(data_type, sr_method, target, tau2, adjusted, den, conf)
            close(lo, wlo, 1e-11, what + " lower")
            close(hi, whi, 1e-11, what + " upper")

print("%d values checked, %d mismatches" % (checked, failures))
sys.exit(1 if failures else 0)
