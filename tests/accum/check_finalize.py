"""carealign_acc_finalize for every kind against independent computations
with NumPy, SciPy and statsmodels on seeded random data, each accumulator
built in random parts and merged (so the check also covers merging).

Expected values:
- Wilson: statsmodels.stats.proportion.proportion_confint(method="wilson");
  weighted: the same on Kish's effective n, (sum w)^2 / sum w^2.
- t intervals: scipy.stats.t (interval / ppf).
- Rates: exact Poisson limits qchisq((1-c)/2, 2x)/2, qchisq(c+(1-c)/2, 2x+2)/2
  from scipy.stats.chi2 below 10 events; Byar's formula from 10
  (PHEindicatormethods, written out here).
- DSR: Dobson et al. (1991) with Byar's limits, as PHEindicatormethods'
  calculate_dsr, written out with NumPy; ESP 2013 weights from Eurostat.
- Ratio per person-year: Cochran (1977) section 6.4 linearised variance.
- Median interval: order statistics from scipy.stats.binom.cdf.
"""

import math
import sys

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from carealign.accum import Accumulator

ESP2013 = np.array([5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500,
                    6000, 5500, 5000, 4000, 2500, 1500, 1000], dtype=float)
rng = np.random.default_rng(20261122)
problems = []


def close(name, got, want, rel=1e-9):
    for g, w, what in zip(got, want, ("value", "lower", "upper")):
        if (math.isnan(g) and math.isnan(w)):
            continue
        if not abs(g - w) <= rel * max(1.0, abs(w)):
            problems.append(f"{name}: {what} {g!r} != {w!r}")


def built_in_parts(make, feed, n):
    """An accumulator fed in 1-6 random parts, merged."""
    k = int(rng.integers(1, 7))
    part_of = rng.integers(0, k, size=n)
    parts = []
    for p in range(k):
        acc = make()
        feed(acc, np.flatnonzero(part_of == p))
        parts.append(acc)
    total = parts[0]
    for other in parts[1:]:
        total.merge(Accumulator.deserialize(other.serialize()))
    return total


def estimate(acc, c):
    e = acc.finalize(c)
    return (e.value, e.lower, e.upper)


def byar(x, z):
    lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3 if x > 0 else math.nan
    upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
    return lower, upper


for c in (0.95, 0.998):
    z = stats.norm.ppf(c + (1 - c) / 2)

    # proportions
    y = (rng.random(700) < 0.3).astype(float)
    acc = built_in_parts(lambda: Accumulator("proportion"), lambda a, i: a.add_batch(y[i]), y.size)
    lo, hi = proportion_confint(y.sum(), y.size, alpha=1 - c, method="wilson")
    close(f"proportion {c}", estimate(acc, c), (y.mean(), lo, hi))
    w = rng.uniform(0.2, 3.0, size=y.size)
    acc = built_in_parts(lambda: Accumulator("proportion", weighted=True),
                         lambda a, i: a.add_batch(y[i], w[i]), y.size)
    p = np.sum(w * y) / w.sum()
    n_eff = w.sum() ** 2 / np.sum(w * w)
    lo, hi = proportion_confint(p * n_eff, n_eff, alpha=1 - c, method="wilson")
    close(f"weighted proportion {c}", estimate(acc, c), (p, lo, hi))

    # means (EQ-5D-like, 1/1000 grid)
    x = rng.integers(-594, 1001, size=900) / 1000.0
    acc = built_in_parts(lambda: Accumulator("mean", scale=1000),
                         lambda a, i: a.add_batch(x[i]), x.size)
    lo, hi = stats.t.interval(c, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    close(f"mean {c}", estimate(acc, c), (x.mean(), lo, hi))
    w = rng.uniform(0.2, 3.0, size=x.size)
    acc = built_in_parts(lambda: Accumulator("mean", scale=1000, weighted=True),
                         lambda a, i: a.add_batch(x[i], w[i]), x.size)
    m = np.average(x, weights=w)
    n_eff = w.sum() ** 2 / np.sum(w * w)
    se = math.sqrt(np.sum(w * (x - m) ** 2) / w.sum() / (n_eff - 1))
    t = stats.t.ppf(c + (1 - c) / 2, n_eff - 1)
    close(f"weighted mean {c}", estimate(acc, c), (m, m - t * se, m + t * se))

    # crude rates, both sides of the 10-event switch
    for n_rows, lam in ((40, 0.1), (400, 0.2)):
        ev = rng.poisson(lam, size=n_rows).astype(float)
        pt = rng.integers(1, 366, size=n_rows).astype(float)
        acc = built_in_parts(lambda: Accumulator("rate", per=1000),
                             lambda a, i: a.add_pairs(ev[i], pt[i]), n_rows)
        x_, n_ = ev.sum(), pt.sum()
        if x_ < 10:
            lo = stats.chi2.ppf((1 - c) / 2, 2 * x_) / 2 if x_ > 0 else 0.0
            hi = stats.chi2.ppf(c + (1 - c) / 2, 2 * x_ + 2) / 2
        else:
            lo, hi = byar(x_, z)
        close(f"rate {x_:.0f} events {c}", estimate(acc, c),
              (x_ / n_ * 1000, lo / n_ * 1000, hi / n_ * 1000))

    # directly standardised rate, ESP 2013
    pops = rng.integers(2000, 20000, size=19).astype(float)
    bands = rng.integers(0, 19, size=3000).astype(np.int32)
    events = rng.poisson(0.05, size=bands.size).astype(float)

    def feed_dsr(a, i):
        a.add_bands(bands[i], events[i])
        for b in range(19):
            a.set_band_population(b, pops[b])

    acc = built_in_parts(lambda: Accumulator("dsr"), feed_dsr, bands.size)
    xb = np.bincount(bands, weights=events, minlength=19)
    value = np.sum(xb * ESP2013 / pops) / ESP2013.sum() * 100000
    var = np.sum(xb * (ESP2013 / pops) ** 2) / ESP2013.sum() ** 2
    o = xb.sum()
    bl, bu = byar(o, z)
    close(f"dsr {c}", estimate(acc, c),
          (value, value + math.sqrt(var / o) * (bl - o) * 100000,
           value + math.sqrt(var / o) * (bu - o) * 100000))

    # paired change (SWEMWBS metric, 1/100 grid)
    base = rng.integers(700, 3501, size=600) / 100.0
    follow = np.clip(base + rng.integers(-500, 701, size=base.size) / 100.0, 7, 35)
    acc = built_in_parts(lambda: Accumulator("change", scale=100, mid=3),
                         lambda a, i: a.add_pairs(base[i], follow[i]), base.size)
    d = follow - base
    lo, hi = stats.t.interval(c, d.size - 1, loc=d.mean(), scale=stats.sem(d))
    close(f"change {c}", estimate(acc, c), (d.mean(), lo, hi))
    s = acc.summary()
    dd = np.round(d * 100)
    want = (int(np.sum(dd >= 300)), int(np.sum(np.abs(dd) < 300)), int(np.sum(dd <= -300)))
    if (s["n_improved"], s["n_unchanged"], s["n_deteriorated"]) != want:
        problems.append(f"change classification {c}: {s} != {want}")

    # totals: pence per person, and per person-year
    amount = rng.integers(0, 500000, size=800).astype(float)
    days = rng.integers(1, 366, size=amount.size).astype(float)
    acc = built_in_parts(lambda: Accumulator("total", unit="pence"),
                         lambda a, i: a.add_pairs(amount[i], days[i]), amount.size)
    lo, hi = stats.t.interval(c, amount.size - 1, loc=amount.mean(), scale=stats.sem(amount))
    close(f"total per person {c}", estimate(acc, c), (amount.mean(), lo, hi))
    acc = built_in_parts(lambda: Accumulator("total", unit="pence", per_person_year=True),
                         lambda a, i: a.add_pairs(amount[i], days[i]), amount.size)
    yrs = days / 365.25
    r = amount.sum() / yrs.sum()
    n = amount.size
    se = math.sqrt(n / (n - 1) * np.sum((amount - r * yrs) ** 2)) / yrs.sum()
    t = stats.t.ppf(c + (1 - c) / 2, n - 1)
    close(f"total per person-year {c}", estimate(acc, c), (r, r - t * se, r + t * se))

    # median of days to follow-up
    for n in (7, 10, 501, 2000):
        v = rng.integers(0, 120, size=n).astype(float)
        acc = built_in_parts(lambda: Accumulator("distribution"),
                             lambda a, i: a.add_batch(v[i]), n)
        srt = np.sort(v)
        r = 0
        while r + 1 <= n // 2 and stats.binom.cdf(r, n, 0.5) <= (1 - c) / 2:
            r += 1
        want = (np.median(v), srt[r - 1], srt[n - r]) if r else (np.median(v), math.nan,
                                                                 math.nan)
        close(f"median n={n} {c}", estimate(acc, c), want, rel=0)

for p in problems:
    print("FAIL:", p)
print(f"{len(problems)} problems")
sys.exit(1 if problems else 0)
