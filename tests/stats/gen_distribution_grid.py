#!/usr/bin/python3
"""Generate tests/stats/distribution_grid.h: expected values of the
distribution functions in lib/stats/distributions.c, computed by an
independent implementation, SciPy (Debian python3-scipy):

  normal cdf            scipy.special.ndtr(x)
  normal quantile       scipy.special.ndtri(p)
  incomplete gamma      scipy.special.gammainc(a, x) / gammaincc(a, x)
  chi-square quantile   scipy.stats.chi2.ppf(p, df) / chi2.isf(p, df)
  incomplete beta       scipy.special.betainc(a, b, x)
  Student t cdf         scipy.stats.t.cdf(t, df) / t.sf(t, df)
  Student t quantile    scipy.stats.t.ppf(p, df)
  Poisson cdf           scipy.stats.poisson.cdf(k, mu) / poisson.sf(k, mu)
  binomial cdf          scipy.stats.binom.cdf(k, n, p) / binom.sf(k, n, p)

Every SciPy value is cross-checked against mpmath at 30 digits (Debian
python3-mpmath); where SciPy's relative error exceeds 1e-13 the mpmath value
is used instead and the row says so, with SciPy's value in a comment (SciPy
loses accuracy in a few extreme tails, e.g. chi2.ppf(1e-10, 2e6)).

Run: /usr/bin/python3 tests/stats/gen_distribution_grid.py > tests/stats/distribution_grid.h
     clang-format -i tests/stats/distribution_grid.h
"""
import mpmath as mp
import scipy
from scipy import special, stats

mp.mp.dps = 30
replaced = []


def checked(value, exact, what):
    """SciPy's value unless it is off mpmath's by more than 1e-13 relative."""
    value = float(value)
    exact_f = float(exact)
    if exact_f == value:
        return value
    if exact_f == 0.0 or abs(value - exact_f) > 1e-13 * abs(exact_f):
        replaced.append("%s: scipy %r, mpmath %r" % (what, value, exact_f))
        return exact_f
    return value


def mp_gamma_p(a, x):
    """Regularised lower incomplete gamma at 30 digits: the power series
    below a + 1 (summed here), 1 - Q above."""
    a, x = mp.mpf(a), mp.mpf(x)
    if x == 0:
        return mp.mpf(0)
    if x < a + 1:
        term = mp.mpf(1)
        total = mp.mpf(1)
        n = 1
        while True:
            term *= x / (a + n)
            total += term
            if term < total * mp.mpf(10) ** (-mp.mp.dps):
                break
            n += 1
        return mp.exp(a * mp.log(x) - x - mp.loggamma(a + 1)) * total
    return 1 - mp_gamma_q(a, x)


def mp_gamma_q(a, x):
    a, x = mp.mpf(a), mp.mpf(x)
    if x >= a + 1:
        return mp.gammainc(a, x, mp.inf, regularized=True)
    return 1 - mp_gamma_p(a, x)


def mp_chi2_ppf(p, df, upper):
    """One Newton step from SciPy's root, at 30 digits (quadratic
    convergence makes the step exact to far below double precision)."""
    x = mp.mpf(stats.chi2.isf(p, df) if upper else stats.chi2.ppf(p, df))
    a = mp.mpf(df) / 2
    for _ in range(3):
        cdf = mp_gamma_q(a, x / 2) if upper else mp_gamma_p(a, x / 2)
        dens = mp.exp((a - 1) * mp.log(x / 2) - x / 2 - mp.loggamma(a)) / 2
        step = (cdf - mp.mpf(p)) / dens
        x = x + step if upper else x - step
    return x


def _beta_series(a, b, x):
    """I_x(a, b) = x^a (1-x)^b / (a B(a, b)) sum_n (a+b)_n / (a+1)_n x^n (all
    terms positive)."""
    term = mp.mpf(1)
    total = mp.mpf(1)
    n = 0
    while True:
        term *= (a + b + n) / (a + 1 + n) * x
        total += term
        if term < total * mp.mpf(10) ** (-mp.mp.dps):
            break
        n += 1
    front = mp.exp(a * mp.log(x) + b * mp.log(1 - x) - mp.log(a)
                   - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)))
    return front * total


def mp_betainc(a, b, x):
    """(I_x(a, b), 1 - I_x(a, b)) at 30 digits, each accurate."""
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    if x == 0:
        return mp.mpf(0), mp.mpf(1)
    if x == 1:
        return mp.mpf(1), mp.mpf(0)
    if x < (a + 1) / (a + b + 2):
        v = _beta_series(a, b, x)
        return v, 1 - v
    v = _beta_series(b, a, 1 - x)
    return 1 - v, v


def mp_t_cdf(t, df):
    """Student t cdf: mpmath's incomplete beta up to df = 1000, beyond that
    tanh-sinh quadrature of the density over the tail, split at doubling
    points (without the splits the quadrature is wrong in far tails)."""
    t = mp.mpf(t)
    df = mp.mpf(df)
    if df <= 1000:
        tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2
    else:
        const = mp.exp(mp.loggamma((df + 1) / 2) - mp.loggamma(df / 2)) / mp.sqrt(df * mp.pi)
        start = abs(t)
        points = [start] + [start + mp.mpf(2) ** k for k in range(-3, 12)] + [mp.inf]
        tail = const * mp.quad(lambda u: (1 + u * u / df) ** (-(df + 1) / 2), points)
    return tail if t < 0 else 1 - tail


def mp_t_ppf(p, df):
    t = mp.mpf(stats.t.ppf(p, df))
    dfm = mp.mpf(df)
    for _ in range(3):
        dens = mp.exp(mp.loggamma((dfm + 1) / 2) - mp.loggamma(dfm / 2)
                      - mp.log(dfm * mp.pi) / 2 - (dfm + 1) / 2 * mp.log(1 + t * t / dfm))
        t = t - (mp_t_cdf(t, df) - mp.mpf(p)) / dens
    return t


def r(v):
    return repr(float(v))


out = []
out.append("/* Generated by tests/stats/gen_distribution_grid.py with SciPy %s: do not edit.\n"
           " * Each row: inputs, then the SciPy value (the call is named per table). */" % scipy.__version__)
out.append("#ifndef CAREALIGN_TESTS_DISTRIBUTION_GRID_H\n#define CAREALIGN_TESTS_DISTRIBUTION_GRID_H")


def table(name, comment, rows, width):
    out.append("/* %s */" % comment)
    out.append("static const double %s[][%d] = {" % (name, width))
    for row in rows:
        out.append("    {" + ", ".join(r(v) for v in row) + "},")
    out.append("};")


xs = [-37.5, -20, -10, -8, -5, -3.090232306167813, -1.959963984540054, -1, -0.5, -1e-3, 0, 0.3,
      1, 1.959963984540054, 3, 5, 8]
table("grid_norm_cdf", "x, scipy.special.ndtr(x)", [(x, special.ndtr(x)) for x in xs], 2)

ps = [1e-300, 1e-100, 1e-20, 1e-12, 1e-10, 1e-5, 0.001, 0.0125, 0.025, 0.05, 0.075, 0.1, 0.3,
      0.5, 0.7, 0.9, 0.925, 0.95, 0.975, 0.999, 0.9999999]
table("grid_norm_quantile", "p, scipy.special.ndtri(p)", [(p, special.ndtri(p)) for p in ps], 2)

rows = []
for a in [0.5, 1, 1.5, 2, 5, 9.5, 10, 11, 25, 100, 1000, 1e5]:
    for f in [1e-3, 0.1, 0.5, 0.9, 1.0, 1.1, 2.0, 5.0]:
        x = a * f
        rows.append((a, x))
for a, x in [(1000, 900), (1000, 1100), (1e5, 1e5 - 1000), (1e5, 1e5 + 1000), (3, 60), (0.5, 50)]:
    rows.append((a, x))
rows = [(a, x,
         checked(special.gammainc(a, x), mp_gamma_p(a, x), "gammainc%r" % ((a, x),)),
         checked(special.gammaincc(a, x), mp_gamma_q(a, x),
                 "gammaincc%r" % ((a, x),)))
        for a, x in rows]
table("grid_gamma_cdf", "a, x, scipy.special.gammainc(a, x), scipy.special.gammaincc(a, x)", rows, 4)

rows = []
for df in [1, 2, 3, 4, 10, 18, 19.5, 20, 22, 50, 100, 1000, 20000, 2e5, 0.5, 2 * 6.239860227]:
    for p in [1e-10, 0.0005, 0.001, 0.025, 0.05, 0.5, 0.95, 0.975, 0.999, 0.9995]:
        rows.append((p, df,
                     checked(stats.chi2.ppf(p, df), mp_chi2_ppf(p, df, False), "chi2.ppf%r" % ((p, df),)),
                     checked(stats.chi2.isf(p, df), mp_chi2_ppf(p, df, True), "chi2.isf%r" % ((p, df),))))
table("grid_chisq_quantile",
      "p, df, scipy.stats.chi2.ppf(p, df), scipy.stats.chi2.isf(p, df)", rows, 4)

rows = []
for a, b in [(0.5, 0.5), (1, 1), (2, 3), (0.5, 5), (5, 0.5), (10, 10), (50, 0.5), (100, 200),
             (1e4, 3), (3, 1e4), (5e3, 5e3)]:
    for x in [1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-6]:
        if (a, b) == (5e3, 5e3):
            x = 0.5 + (x - 0.5) * 0.04
        y = mp.mpf(1) - mp.mpf(x)
        rows.append((x, a, b,
                     checked(special.betainc(a, b, x), mp_betainc(a, b, x)[0],
                             "betainc%r" % ((a, b, x),)),
                     checked(special.betainc(b, a, 1 - x), mp_betainc(a, b, x)[1],
                             "betainc c%r" % ((a, b, x),))))
table("grid_beta_cdf",
      "x, a, b, scipy.special.betainc(a, b, x), scipy.special.betainc(b, a, 1 - x)", rows, 5)

rows = []
for df in [1, 2, 3, 4, 5, 9, 10, 29, 30, 99, 1000, 1e5]:
    for t in [-40, -4, -2.5, -1, -0.1, 0.2, 1, 2, 3.5, 12, 300]:
        rows.append((t, df, checked(stats.t.cdf(t, df), mp_t_cdf(t, df), "t.cdf%r" % ((t, df),)),
                     checked(stats.t.sf(t, df), mp_t_cdf(-t, df), "t.sf%r" % ((t, df),))))
table("grid_t_cdf", "t, df, scipy.stats.t.cdf(t, df), scipy.stats.t.sf(t, df)", rows, 4)

rows = []
for df in [1, 2, 3, 4, 5, 9, 10, 29, 30, 99, 1000, 1e5]:
    for p in [1e-8, 0.0005, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.49, 0.6, 0.95, 0.975, 0.999]:
        rows.append((p, df, checked(stats.t.ppf(p, df), mp_t_ppf(p, df), "t.ppf%r" % ((p, df),))))
table("grid_t_quantile", "p, df, scipy.stats.t.ppf(p, df)", rows, 3)

rows = []
for mu in [0.001, 0.5, 1, 3.7, 9.5, 10, 25, 100, 1000, 1e5]:
    for f in [0, 0.2, 0.5, 0.9, 1.0, 1.2, 2.0, 4.0]:
        k = float(int(mu * f))
        rows.append((k, mu,
                     checked(stats.poisson.cdf(k, mu), mp_gamma_q(k + 1, mu),
                             "poisson.cdf%r" % ((k, mu),)),
                     checked(stats.poisson.sf(k, mu), mp_gamma_p(k + 1, mu),
                             "poisson.sf%r" % ((k, mu),))))
table("grid_poisson_cdf", "k, mu, scipy.stats.poisson.cdf(k, mu), scipy.stats.poisson.sf(k, mu)",
      rows, 4)

rows = []
for n, p in [(1, 0.3), (10, 0.5), (20, 0.05), (100, 0.8), (1000, 0.001), (1000, 0.5), (50000, 0.2)]:
    for f in [0, 0.5, 0.9, 1.0, 1.1, 1.5]:
        k = float(int(n * p * f))
        if k > n:
            k = float(n)
        if k >= n:
            exact_cdf, exact_sf = mp.mpf(1), mp.mpf(0)
        else:
            exact_sf, exact_cdf = mp_betainc(k + 1, n - k, p)
        rows.append((k, n, p, checked(stats.binom.cdf(k, n, p), exact_cdf, "binom.cdf%r" % ((k, n, p),)),
                     checked(stats.binom.sf(k, n, p), exact_sf, "binom.sf%r" % ((k, n, p),))))
table("grid_binom_cdf", "k, n, p, scipy.stats.binom.cdf(k, n, p), scipy.stats.binom.sf(k, n, p)",
      rows, 5)

out.append("/* Values where mpmath replaced SciPy (relative difference > 1e-13):")
for line in replaced:
    out.append(" *   " + line)
out.append(" */")
out.append("#endif")
print("\n".join(out))
