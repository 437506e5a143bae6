#!/usr/bin/python3
"""Independent check of carealign_sii_simulated: phe_sii's Monte Carlo
interval with R's random numbers.

The generator is rebuilt here from its published descriptions, with NumPy's
own MT19937 (Debian python3-numpy) for the twister itself:
* R's set.seed(seed) (R documentation ?RNG and src/main/RNG.c: the seed
  scrambled by 50 steps of seed = 69069 seed + 1 mod 2^32, then 625 more
  steps fill .Random.seed, whose first element, the position, becomes 624);
  those 624 words are NumPy's MT19937 key at position 624;
* unif_rand() = y * 2.3283064365386963e-10, kept inside (0, 1);
* norm_rand() by "Inversion": u = int(2^27 U1) + U2, qnorm(u / 2^27), with
  scipy.special.ndtri for qnorm (Cephes, not AS241: they agree to ~1e-16);
* R's rnorm(mu, sigma) returns mu without a draw when sigma is 0;
* phe_sii's SimulationFunc (PHEindicatormethods R/utils.R): a
  (quantiles x reps) matrix filled column by column, back-transformed,
  regressed by solve(m m') m, sorted, limits at positions
  round(reps (1 - cv)) and round(reps cv) (NumPy's round: half to even, as
  R's).
Published anchor: set.seed(5); rnorm(20) in R prints -0.84085548 1.38435934
... -0.25935541 (crained.com, "How to generate random numbers and set
seeds in R", 2016); this script's generator reproduces it before use.
carealign's limits must equal this implementation's to 1e-9 relative (the
qnorm implementations differ in the last bits)."""
import sys

import numpy as np
from scipy import special

from carealign import stats as cs

failures = 0
checked = 0


def close(got, want, rel, what):
    global failures, checked
    checked += 1
    if abs(got - want) <= rel * max(abs(want), 1e-300):
        return
    failures += 1
    print("MISMATCH %s: got %r want %r" % (what, got, want))


def r_state(seed):
    x = seed & 0xFFFFFFFF
    for _ in range(50):
        x = (69069 * x + 1) & 0xFFFFFFFF
    words = []
    for _ in range(625):
        x = (69069 * x + 1) & 0xFFFFFFFF
        words.append(x)
    bg = np.random.MT19937()
    bg.state = {"bit_generator": "MT19937",
                "state": {"key": np.array(words[1:], dtype=np.uint32), "pos": 624}}
    return bg


def r_unif(bg, n):
    u = bg.random_raw(n).astype(np.float64) * 2.3283064365386963e-10
    i2_32m1 = 2.328306437080797e-10
    u = np.where(u <= 0.0, 0.5 * i2_32m1, u)
    return np.where(1.0 - u <= 0.0, 1.0 - 0.5 * i2_32m1, u)


def r_rnorm(bg, n):
    u = r_unif(bg, 2 * n).reshape(n, 2)
    big = 134217728.0
    v = np.floor(big * u[:, 0]) + u[:, 1]
    return special.ndtri(v / big)


PUBLISHED = [-0.84085548, 1.38435934, -1.25549186, 0.07014277, 1.71144087, -0.60290798,
             -0.47216639, -0.63537131, -0.28577363, 0.13810822, 1.2276303, -0.8017795,
             -1.0803926, -0.1575344, -1.0717600, -0.1389861, -0.5973131, -2.1839668,
             0.2408173, -0.2593554]
got = r_rnorm(r_state(5), 20)
for i, (g, w) in enumerate(zip(got, PUBLISHED)):
    if abs(g - w) > 6e-8:
        print("generator differs from R's set.seed(5); rnorm(20) at %d: %r vs %r" % (i, g, w))
        sys.exit(1)


def transform(v, t):
    return np.log(v) if t == 1 else (np.log(v / (1 - v)) if t == 2 else v)


def untransform(v, t):
    return np.exp(v) if t == 1 else (np.exp(v) / (1 + np.exp(v)) if t == 2 else v)


def phe_sii_sim(values, pops, se, t, mult, conf, seed, reps):
    values, pops, se = (np.asarray(x, float) for x in (values, pops, se))
    k = len(values)
    bg = r_state(seed)
    mu = transform(values, t)
    # rnorm(reps * k, mu, se) filled column by column into a k x reps matrix;
    # quantiles with se 0 take no draw
    draws = np.empty((reps, k))
    live = se != 0
    z = r_rnorm(bg, reps * int(live.sum())).reshape(reps, int(live.sum()))
    draws[:, live] = mu[live] + se[live] * z
    draws[:, ~live] = mu[~live]
    y = untransform(draws.T, t)
    a = pops / pops.sum()
    b = a / 2 + np.concatenate(([0.0], np.cumsum(a)[:-1]))
    m = np.vstack([np.sqrt(a), b * np.sqrt(a)])
    coef = np.linalg.solve(m @ m.T, m) @ (y * np.sqrt(a)[:, None])
    sii = np.sort(mult * coef[1])
    rii = (coef[1] + coef[0]) / coef[0]
    if mult < 0:
        rii = 1 / rii
    rii = np.sort(rii)
    cv = conf + (1 - conf) / 2
    lo, hi = int(np.round(reps * (1 - cv))), int(np.round(reps * cv))
    return sii[lo - 1], sii[hi - 1], rii[lo - 1], rii[hi - 1]


def run(values, pops, se, t, mult, conf, seed, reps, what):
    e_sii, e_rii = cs.sii_simulated(list(values), list(pops), se=list(se), value_type=t,
                                    multiplier=mult, confidence=conf, seed=seed,
                                    repetitions=reps)
    lo, hi, rlo, rhi = phe_sii_sim(values, pops, se, t, mult, conf, seed, reps)
    close(e_sii.lower, lo, 1e-9, what + " SII lower")
    close(e_sii.upper, hi, 1e-9, what + " SII upper")
    close(e_rii.lower, rlo, 1e-9, what + " RII lower")
    close(e_rii.upper, rhi, 1e-9, what + " RII upper")
    if e_sii.method != cs.METHOD_SII_SIMULATED:
        close(e_sii.method, cs.METHOD_SII_SIMULATED, 0, what + " method")
    return lo, hi, rlo, rhi


# phe_sii's documented example (R/SII_function.R @examples), area 1
pop1 = [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534]
val1 = [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3]
se1 = [1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57]
res = run(val1, pop1, se1, 0, 1, 0.95, 1, 100000, "example area 1 seed 1")
if "--print" in sys.argv:
    print("example area 1, seed 1, 100000 reps: %r" % (res,))
res = run(val1, pop1, se1, 0, -1, 0.998, -7, 20000, "example area 1 reversed 99.8%")
if "--print" in sys.argv:
    print("example area 1, seed -7, 20000 reps, multiplier -1, 0.998: %r" % (res,))

rng = np.random.default_rng(77)
for trial in range(12):
    k = [5, 10, 20][trial % 3]
    t = trial % 3
    pops = rng.integers(1000, 50000, k).astype(float)
    if t == 0:
        vals = np.sort(rng.normal(70, 5, k))
        se = rng.uniform(0.2, 2.5, k)
    elif t == 1:
        vals = np.sort(rng.uniform(50, 500, k))[::-1]
        se = rng.uniform(0.01, 0.3, k)
    else:
        vals = np.sort(rng.uniform(0.05, 0.6, k))
        se = rng.uniform(0.02, 0.3, k)
    if trial == 5:
        se[2] = 0.0  # no draw for this quantile, as R's rnorm with sd 0
    mult = [1, 100, -1][trial % 3]
    conf = [0.95, 0.998, 0.9][(trial // 3) % 3]
    seed = int(rng.integers(-2**31, 2**31 - 1))
    res = run(vals, pops, se, t, mult, conf, seed, [1000, 5000, 20000][trial % 3],
              "trial %d type %d" % (trial, t))
    if "--print" in sys.argv and trial == 1:
        print("trial 1 (rates): vals %r pops %r se %r seed %d: %r"
              % (list(vals), list(pops), list(se), seed, res))

print("%d values checked, %d mismatches" % (checked, failures))
sys.exit(1 if failures else 0)
