/* Distributions for the stats layer: normal, gamma/chi-square, beta,
 * Student t, Poisson and binomial. Pure functions, no state, thread-safe.
 *
 * Sources (docs/methods.md, "Distributions"):
 * - normal quantile: Wichura MJ (1988) Algorithm AS 241, PPND16. Appl Stat
 *   37:477-484 (coefficients as published);
 * - densities of the Poisson/binomial/gamma/beta kinds: Loader C (2000)
 *   "Fast and accurate computation of binomial probabilities" (the
 *   saddle-point form with stirlerr and bd0), which keeps full relative
 *   accuracy for large counts;
 * - incomplete gamma: power series below a + 1, Legendre's continued
 *   fraction above (Abramowitz & Stegun 6.5.29, 6.5.31), modified Lentz;
 * - incomplete beta: continued fraction A&S 26.5.8 with the symmetry
 *   I_x(a, b) = 1 - I_{1-x}(b, a);
 * - quantiles (gamma, t): safeguarded Halley/Newton on the cdf inside a
 *   bracket, started from Wilson-Hilferty or a Cornish-Fisher expansion.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/internal.h"
#include "stats/stats_internal.h"

#define LN_SQRT_2PI 0.918938533204672741780329736406 /* log(sqrt(2*pi)) */
#define LN_2PI 1.837877066409345483560659472811      /* log(2*pi) */
#define PI_VAL 3.141592653589793238462643383280

double carealign__norm_cdf(double x)
{
    return 0.5 * erfc(-x / 1.414213562373095048801688724210);
}

/* AS241 PPND16 coefficients, Wichura (1988), Table/Appendix. */
static const double as241_a[8] = {3.3871328727963666080e0,  1.3314166789178437745e+2,
                                  1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                  4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                  3.3430575583588128105e+4, 2.5090809287301226727e+3};
static const double as241_b[8] = {1.0,
                                  4.2313330701600911252e+1,
                                  6.8718700749205790830e+2,
                                  5.3941960214247511077e+3,
                                  2.1213794301586595867e+4,
                                  3.9307895800092710610e+4,
                                  2.8729085735721942674e+4,
                                  5.2264952788528545610e+3};
static const double as241_c[8] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                                  5.76949722146069140550e0,  3.64784832476320460504e0,
                                  1.27045825245236838258e0,  2.41780725177450611770e-1,
                                  2.27238449892691845833e-2, 7.74545014278341407640e-4};
static const double as241_d[8] = {1.0,
                                  2.05319162663775882187e0,
                                  1.67638483018380384940e0,
                                  6.89767334985100004550e-1,
                                  1.48103976427480074590e-1,
                                  1.51986665636164571966e-2,
                                  5.47593808499534494600e-4,
                                  1.05075007164441684324e-9};
static const double as241_e[8] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                                  1.78482653991729133580e0,  2.96560571828504891230e-1,
                                  2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                  2.71155556874348757815e-5, 2.01033439929228813265e-7};
static const double as241_f[8] = {1.0,
                                  5.99832206555887937690e-1,
                                  1.36929880922735805310e-1,
                                  1.48753612908506148525e-2,
                                  7.86869131145613259100e-4,
                                  1.84631831751005468180e-5,
                                  1.42151175831644588870e-7,
                                  2.04426310338993978564e-15};

/* Horner evaluation, highest coefficient last in the array. */
static double poly7(const double c[8], double x)
{
    double s = c[7];
    for (int i = 6; i >= 0; i--) {
        s = s * x + c[i];
    }
    return s;
}

double carealign__norm_quantile(double p)
{
    if (CAREALIGN__ISNAN(p) || p < 0.0 || p > 1.0) {
        return NAN;
    }
    if (p == 0.0) {
        return -INFINITY;
    }
    if (p == 1.0) {
        return INFINITY;
    }
    double q = p - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        return q * poly7(as241_a, r) / poly7(as241_b, r);
    }
    double r = q < 0.0 ? p : 1.0 - p;
    r = sqrt(-log(r));
    double val;
    if (r <= 5.0) {
        r -= 1.6;
        val = poly7(as241_c, r) / poly7(as241_d, r);
    } else {
        r -= 5.0;
        val = poly7(as241_e, r) / poly7(as241_f, r);
    }
    return q < 0.0 ? -val : val;
}

double carealign__z_two_sided(double confidence)
{
    return carealign__norm_quantile(confidence + (1.0 - confidence) / 2.0);
}

/* The Stirling series for log Gamma(x) - ((x - 0.5) log x - x + log sqrt(2 pi)),
 * accurate to below 1e-17 for x >= 15 (A&S 6.1.41). */
static double stirling_tail(double x)
{
    double x2 = 1.0 / (x * x);
    return (1.0 / 12.0 +
            x2 * (-1.0 / 360.0 +
                  x2 * (1.0 / 1260.0 +
                        x2 * (-1.0 / 1680.0 +
                              x2 * (1.0 / 1188.0 + x2 * (-691.0 / 360360.0 + x2 / 156.0)))))) /
           x;
}

#define LN_SQRT_PI 0.572364942924700087071713675677 /* log(sqrt(pi)) */

double carealign__lgamma(double x)
{
    if (!(x > 0.0) || CAREALIGN__ISINF(x)) {
        return CAREALIGN__ISINF(x) && x > 0.0 ? INFINITY : NAN;
    }
    /* Whole and half-whole arguments up to 16: from an exact product, so
     * that lgamma(1) = lgamma(2) = 0 and no digits are lost to the shift. */
    if (x <= 16.0 && floor(2.0 * x) == 2.0 * x) {
        double prod = 1.0;
        if (floor(x) == x) {
            for (double k = 2.0; k < x; k += 1.0) {
                prod *= k; /* (x-1)!, exact below 23! */
            }
            return log(prod);
        }
        for (double k = 0.5; k < x; k += 1.0) {
            prod *= k; /* Gamma(x) / sqrt(pi), exact (odd numbers over 2^m) */
        }
        return log(prod) + LN_SQRT_PI;
    }
    double shift = 0.0;
    if (x < 15.0) {
        double prod = 1.0;
        while (x < 15.0) {
            prod *= x;
            x += 1.0;
        }
        shift = log(prod);
    }
    return (x - 0.5) * log(x) - x + LN_SQRT_2PI + stirling_tail(x) - shift;
}

/* stirlerr(n) at n = 0, 0.5, 1, ..., 15: log Gamma(n + 1) - (n + 0.5) log n
 * + n - log sqrt(2 pi), computed with mpmath at 40 digits (0 at n = 0, by
 * the convention of Loader 2000). */
static const double stirlerr_halves[31] = {
    0.0,
    0.15342640972002734529,
    0.08106146679532725822,
    0.054814121051917653896,
    0.041340695955409294094,
    0.033162873519936287485,
    0.027677925684998339149,
    0.023746163656297495971,
    0.020790672103765093112,
    0.018488450532673185231,
    0.016644691189821192163,
    0.015134973221917378874,
    0.013876128823070747999,
    0.012810465242920226924,
    0.011896709945891770095,
    0.011104559758206917327,
    0.010411265261972096497,
    0.0097994161261588032984,
    0.0092554621827127329177,
    0.008768700134139385463,
    0.0083305634333628712565,
    0.0079341145643140205472,
    0.007573675487951840795,
    0.0072445543013203831795,
    0.0069428401072095298657,
    0.0066652470327076824424,
    0.0064089941880042070684,
    0.0061717122630394576475,
    0.0059513701127588477356,
    0.005746216513010115682,
    0.005554733551962801371,
};

/* stirlerr(n) = log Gamma(n + 1) - (n + 0.5) log n + n - log sqrt(2 pi)
 * (Loader 2000). */
static double stirlerr(double n)
{
    if (n >= 15.0) {
        return stirling_tail(n);
    }
    double twice = 2.0 * n;
    if (floor(twice) == twice) {
        return stirlerr_halves[(int)twice];
    }
    return carealign__lgamma(n + 1.0) - (n + 0.5) * log(n) + n - LN_SQRT_2PI;
}

/* bd0(x, np) = x log(x / np) + np - x, evaluated without cancellation
 * (Loader 2000). */
static double bd0(double x, double np)
{
    if (fabs(x - np) < 0.1 * (x + np)) {
        double v = (x - np) / (x + np);
        double s = (x - np) * v;
        double ej = 2.0 * x * v;
        double v2 = v * v;
        for (int j = 1; j < 1000; j++) {
            ej *= v2;
            double s1 = s + ej / (2 * j + 1);
            if (s1 == s) {
                return s1;
            }
            s = s1;
        }
        return s;
    }
    return x * log(x / np) + np - x;
}

/* lambda^x exp(-lambda) / Gamma(x + 1) for real x >= 0. */
static double dpois_raw(double x, double lambda)
{
    if (lambda == 0.0) {
        return x == 0.0 ? 1.0 : 0.0;
    }
    if (x == 0.0) {
        return exp(-lambda);
    }
    if (CAREALIGN__ISINF(lambda)) {
        return 0.0;
    }
    return exp(-stirlerr(x) - bd0(x, lambda)) / sqrt(2.0 * PI_VAL * x);
}

/* Gamma(n + 1) / (Gamma(k + 1) Gamma(n - k + 1)) p^k q^(n - k), real k, n. */
static double dbinom_raw(double k, double n, double p, double q)
{
    if (p == 0.0) {
        return k == 0.0 ? 1.0 : 0.0;
    }
    if (q == 0.0) {
        return k == n ? 1.0 : 0.0;
    }
    if (k == 0.0) {
        if (n == 0.0) {
            return 1.0;
        }
        double lc = p < 0.1 ? -bd0(n, n * q) - n * p : n * log(q);
        return exp(lc);
    }
    if (k == n) {
        double lc = q < 0.1 ? -bd0(n, n * p) - n * q : n * log(p);
        return exp(lc);
    }
    if (k < 0.0 || k > n) {
        return 0.0;
    }
    double lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
    double lf = LN_2PI + log(k) + log1p(-k / n);
    return exp(lc - 0.5 * lf);
}

#define TINY 1e-300
#define EPS (DBL_EPSILON / 2.0)
#define MAX_ITER 100000

double carealign__gamma_cdf(double a, double x, int lower_tail)
{
    if (CAREALIGN__ISNAN(a) || CAREALIGN__ISNAN(x) || !(a > 0.0) || x < 0.0) {
        return NAN;
    }
    if (x == 0.0) {
        return lower_tail ? 0.0 : 1.0;
    }
    if (CAREALIGN__ISINF(x)) {
        return lower_tail ? 1.0 : 0.0;
    }
    double d = dpois_raw(a, x); /* x^a e^-x / Gamma(a + 1) */
    if (x < a + 1.0) {
        /* P = d * sum_{n>=0} x^n / ((a+1)...(a+n)) */
        double term = 1.0;
        double sum = 1.0;
        for (int n = 1; n < MAX_ITER; n++) {
            term *= x / (a + n);
            sum += term;
            if (term < sum * EPS) {
                break;
            }
        }
        double p = d * sum;
        if (p > 1.0) {
            p = 1.0;
        }
        return lower_tail ? p : 1.0 - p;
    }
    /* Q = (a d) * 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))), Lentz. */
    double b = x + 1.0 - a;
    double c = 1.0 / TINY;
    double dd = 1.0 / b;
    double h = dd;
    for (int i = 1; i < MAX_ITER; i++) {
        double an = -i * (i - a);
        b += 2.0;
        dd = an * dd + b;
        if (fabs(dd) < TINY) {
            dd = TINY;
        }
        c = b + an / c;
        if (fabs(c) < TINY) {
            c = TINY;
        }
        dd = 1.0 / dd;
        double del = dd * c;
        h *= del;
        if (fabs(del - 1.0) < EPS) {
            break;
        }
    }
    double q = a * d * h;
    if (q > 1.0) {
        q = 1.0;
    }
    return lower_tail ? 1.0 - q : q;
}

/* Density of Gamma(a, 1) at x > 0. */
static double gamma_density(double a, double x)
{
    return dpois_raw(a, x) * a / x;
}

double carealign__gamma_quantile(double a, double p, int lower_tail)
{
    if (CAREALIGN__ISNAN(a) || CAREALIGN__ISNAN(p) || !(a > 0.0) || p < 0.0 || p > 1.0) {
        return NAN;
    }
    /* Work in the smaller tail for accuracy: 1 - p is exact for p >= 0.5. */
    if (p > 0.5) {
        p = 1.0 - p;
        lower_tail = !lower_tail;
    }
    if (p == 0.0) {
        return lower_tail ? 0.0 : INFINITY;
    }
    /* Initial value: Wilson-Hilferty, or the small-x series when the
     * lower tail is tiny. */
    double z = carealign__norm_quantile(lower_tail ? p : 1.0 - p);
    double c = 1.0 / (9.0 * a);
    double x = a * pow(1.0 - c + z * sqrt(c), 3.0);
    if (lower_tail) {
        double xs = exp((log(p) + carealign__lgamma(a + 1.0)) / a);
        if (!(x > 0.0) || xs < 0.5 * a) {
            x = xs;
        }
    }
    if (!(x > 0.0) || CAREALIGN__ISINF(x)) {
        x = a;
    }
    /* Bracket the root of F(x) = cdf - p, where F increases with x in the
     * lower tail and decreases in the upper one. */
    double lo = 0.0;
    double hi = INFINITY;
    for (int it = 0; it < 300; it++) {
        double f = carealign__gamma_cdf(a, x, lower_tail) - p;
        int below = lower_tail ? f < 0.0 : f > 0.0; /* root is above x */
        if (f == 0.0) {
            return x;
        }
        if (below) {
            lo = x;
        } else {
            hi = x;
        }
        double g = gamma_density(a, x);
        double xn;
        if (g > 0.0 && CAREALIGN__ISFINITE(g)) {
            double t = lower_tail ? f / g : -f / g; /* Newton step */
            double curv = (a - 1.0) / x - 1.0;      /* g'/g */
            double denom = 1.0 - 0.5 * t * curv;
            double step = (denom > 0.5 && denom < 2.0) ? t / denom : t;
            xn = x - step;
        } else {
            xn = NAN;
        }
        if (!(xn > lo && xn < hi)) {
            xn = CAREALIGN__ISINF(hi) ? (lo > 0.0 ? 2.0 * lo : 2.0 * x)
                                      : (lo > 0.0 ? sqrt(lo * hi) : hi / 2);
            if (!(xn > lo && xn < hi)) {
                xn = 0.5 * (lo + hi);
            }
        }
        if (fabs(xn - x) <= 4.0 * DBL_EPSILON * x) {
            return xn;
        }
        if (CAREALIGN__ISFINITE(hi) && hi - lo <= 4.0 * DBL_EPSILON * hi) {
            return 0.5 * (lo + hi);
        }
        x = xn;
    }
    return x;
}

double carealign__chisq_quantile(double p, double df, int lower_tail)
{
    if (CAREALIGN__ISNAN(p) || CAREALIGN__ISNAN(df) || df < 0.0 || p < 0.0 || p > 1.0) {
        return NAN;
    }
    if (df == 0.0) {
        return 0.0; /* R: the distribution is a point mass at 0 */
    }
    return 2.0 * carealign__gamma_quantile(0.5 * df, p, lower_tail);
}

/* The continued fraction of I_x(a, b) without its front factor x^a y^b /
 * (a B(a, b)); only for x < (a + 1) / (a + b + 2). */
static double beta_cf_fraction(double x, double a, double b)
{
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    if (fabs(d) < TINY) {
        d = TINY;
    }
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m < MAX_ITER; m++) {
        double m2 = 2.0 * m;
        double an = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + an * d;
        if (fabs(d) < TINY) {
            d = TINY;
        }
        c = 1.0 + an / c;
        if (fabs(c) < TINY) {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        an = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + an * d;
        if (fabs(d) < TINY) {
            d = TINY;
        }
        c = 1.0 + an / c;
        if (fabs(c) < TINY) {
            c = TINY;
        }
        d = 1.0 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1.0) < EPS) {
            break;
        }
    }
    return h;
}

/* I_x(a, b) by the continued fraction; only for x < (a + 1) / (a + b + 2). */
static double beta_cf(double x, double y, double a, double b)
{
    double front = dbinom_raw(a, a + b, x, y) * b / (a + b); /* x^a y^b / (a B(a,b)) */
    if (front == 0.0) {
        return 0.0;
    }
    return front * beta_cf_fraction(x, a, b);
}

double carealign__beta_cdf(double x, double y, double a, double b, int lower_tail)
{
    if (CAREALIGN__ISNAN(x) || CAREALIGN__ISNAN(y) || !(a > 0.0) || !(b > 0.0) || x < 0.0 ||
        y < 0.0) {
        return NAN;
    }
    if (x == 0.0) {
        return lower_tail ? 0.0 : 1.0;
    }
    if (y == 0.0) {
        return lower_tail ? 1.0 : 0.0;
    }
    if (x < (a + 1.0) / (a + b + 2.0)) {
        double v = beta_cf(x, y, a, b);
        return lower_tail ? v : 1.0 - v;
    }
    double v = beta_cf(y, x, b, a); /* = 1 - I_x(a, b) */
    return lower_tail ? 1.0 - v : v;
}

/* From this many degrees of freedom the t tail is the integral below
 * (t_tail_large_df), not the beta continued fraction, which converges too
 * slowly when a = df/2 is large and x = df/(df + t^2) is near 1. */
#define T_LARGE_DF 1000.0

/* log1p(u) - u without cancellation. */
static double log1p_minus(double u)
{
    if (fabs(u) < 0.05) {
        double term = u * u, sum = 0.0;
        for (int k = 2; k < 60; k++) {
            double add = term / k;
            sum += (k % 2 == 0) ? -add : add;
            if (fabs(add) < 1e-18 * fabs(sum)) {
                break;
            }
            term *= u;
        }
        return sum;
    }
    return log1p(u) - u;
}

/* P(T > t) for df >= T_LARGE_DF: T = Z / S with S = sqrt(chi2_df / df), so
 * P(T > t) = integral of Q(t s) f_S(s) ds, Q the normal upper tail. With
 * s = 1 + u and a = df/2 the density is, without cancellation,
 *   log f = log 2 + (1/2) log a - (1/2) log(2 pi) - lambda(a) - log1p(u)
 *           + 2a (log1p(u) - u) - a u^2,
 * lambda(a) = log Gamma(a) - (a - 1/2) log a + a - log sqrt(2 pi)
 * = 1/(12a) - 1/(360a^3) + 1/(1260a^5) - 1/(1680a^7) + O(a^-9). The
 * integrand is analytic and near-Gaussian (mode u* = -t^2/(t^2 + df),
 * width sigma = 1/sqrt(t^2 + df)), so the trapezoid rule with step sigma/4
 * over u* -/+ 40 sigma converges to double precision (error of order
 * exp(-2 pi^2 16)). docs/methods.md. */
/* The log density term of t_tail_large_df at s = 1 + u (u > -1). */
static double large_df_log_density(double lnorm, double a, double u)
{
    return lnorm - log1p(u) + 2.0 * a * log1p_minus(u) - a * u * u;
}

/* Below this log density a point of t_tail_large_df's sum is exactly 0:
 * exp underflows to 0 below -745.14, and the margin covers the rounding of
 * the log density (both its big terms are <= 0, so without cancellation:
 * an absolute error far below 1e-9 at -760). */
#define LARGE_DF_ZERO_LOG (-760.0)

/* Does the point k of t_tail_large_df's sum have u > -1 and a log density
 * at or above LARGE_DF_ZERO_LOG? */
static int large_df_point_counts(double lnorm, double a, double mode, double h, int k)
{
    double u = mode + k * h;
    return u > -1.0 && large_df_log_density(lnorm, a, u) >= LARGE_DF_ZERO_LOG;
}

/* The first point k in [-160, 0] of t_tail_large_df's sum that can be
 * nonzero: every point before it is exactly 0 (or has u <= -1). The log
 * density, (2a - 1) log1p(u) - 2a u - a u^2 + const, is concave in u, so
 * when point 0 counts (large_df_point_counts), the points that count are
 * an interval around it: bisection. -160 (no point skipped) when point 0
 * does not count (NaN, an infinite df). */
static int large_df_first_point(double lnorm, double a, double mode, double h)
{
    if (!large_df_point_counts(lnorm, a, mode, h, 0))
        return -160;
    int lo = -161, hi = 0; /* lo does not count (or is outside), hi counts */
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (large_df_point_counts(lnorm, a, mode, h, mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

static double t_tail_large_df(double t, double df)
{
    double a = 0.5 * df;
    double ia = 1.0 / a, ia2 = ia * ia;
    double lambda =
        ia * (1.0 / 12.0 + ia2 * (-1.0 / 360.0 + ia2 * (1.0 / 1260.0 + ia2 * (-1.0 / 1680.0))));
    double lnorm = 0.693147180559945309417232121458 + 0.5 * log(a) - 0.5 * LN_2PI - lambda;
    double t2 = t * t;
    double sigma = 1.0 / sqrt(t2 + df);
    double mode = -t2 / (t2 + df);
    double h = 0.25 * sigma;
    double sum = 0.0;
    /* The points skipped before `first` and after the first point past 0
     * below LARGE_DF_ZERO_LOG add exactly +0 to the sum (concave log
     * density), so the sum is bit for bit the one over k = -160..160. */
    int first = large_df_first_point(lnorm, a, mode, h);
    int cut = first > -160;
    for (int k = first; k <= 160; k++) {
        double u = mode + k * h;
        if (!(u > -1.0)) {
            continue;
        }
        double lf = large_df_log_density(lnorm, a, u);
        double q = 0.5 * erfc(t * (1.0 + u) / 1.414213562373095048801688724210);
        sum += q * exp(lf);
        if (cut && k > 0 && lf < LARGE_DF_ZERO_LOG) {
            break;
        }
    }
    return h * sum;
}

double carealign__t_cdf(double t, double df, int lower_tail)
{
    if (CAREALIGN__ISNAN(t) || CAREALIGN__ISNAN(df) || !(df > 0.0)) {
        return NAN;
    }
    if (CAREALIGN__ISINF(t)) {
        return (t > 0.0) == (lower_tail != 0) ? 1.0 : 0.0;
    }
    if (t == 0.0) {
        return 0.5;
    }
    if (df >= T_LARGE_DF) {
        double tail = t_tail_large_df(fabs(t), df); /* P(T > |t|) */
        int upper = (t > 0.0) == (lower_tail == 0);
        return upper ? tail : 1.0 - tail;
    }
    /* P(|T| > |t|) = I_x(df/2, 1/2), x = df / (df + t^2), y = 1 - x. */
    double t2 = t * t;
    double x = CAREALIGN__ISINF(t2) ? 0.0 : df / (df + t2);
    double y = CAREALIGN__ISINF(t2) ? 1.0 : t2 / (df + t2);
    double tail = 0.5 * carealign__beta_cdf(x, y, 0.5 * df, 0.5, 1); /* P(T > |t|) */
    int upper_wanted = (t > 0.0) == (lower_tail == 0);
    return upper_wanted ? tail : 1.0 - tail;
}

static double t_density(double t, double df)
{
    double lf = carealign__lgamma(0.5 * (df + 1.0)) - carealign__lgamma(0.5 * df) -
                0.5 * log(df * PI_VAL) - 0.5 * (df + 1.0) * log1p(t * t / df);
    return exp(lf);
}

/* Can t_quantile_solve take a step at t without t_cdf, the root r of
 * f(t) = P(T > t) - q being within rounding of lo < t (at lo, f > 0 and
 * f/g <= 4 eps lo, g the density)? It can when f(t) < 0 and the Newton step
 * t + f/g lands at or below lo, the outcome of the step being then known
 * (hi = t, the fallback step) whatever the bits of f and g. Both hold with
 * a wide margin when t - lo >= 1e-5 t, t <= 2 lo, lo >= 1, q >= 1e-20 and
 * 1000 <= df <= 1e7 (the large-df integral; lo <= 10, t <= 20 < sqrt(df)):
 * - f(t) = -(integral of g over [r, t]) is below -q/1e6 at least, far from
 *   t_cdf's error (3e-15 relative, tests/stats);
 * - f is convex for t > 0 (g decreasing), so a Newton step from t > r lands
 *   at or left of r, by at least c (t - r)^2 / 2 with c = -g'/g =
 *   s (df + 1) / (df + s^2) >= 0.9 on [1, sqrt(df)]: 4.5e-11 t^2 at least,
 *   against the step's rounding (g from two lgamma of up to 5e6: 3e-8
 *   relative, times t - r) and r - lo (1e-12).
 * Such steps happen when the Newton step at a point just left of the root
 * rounds to the point itself: the search then doubles past the root and
 * halves the bracket from above, about 50 steps. */
static int t_step_known(double q, double df, double lo, double t)
{
    return t - lo >= 1e-5 * t && t <= 2.0 * lo && lo >= 1.0 && q >= 1e-20 && df >= T_LARGE_DF &&
           df <= 1e7;
}

/* The t quantile of p with df degrees of freedom, computed (no memo). */
static double t_quantile_solve(double p, double df)
{
    if (CAREALIGN__ISNAN(p) || CAREALIGN__ISNAN(df) || !(df > 0.0) || p < 0.0 || p > 1.0) {
        return NAN;
    }
    if (p == 0.0) {
        return -INFINITY;
    }
    if (p == 1.0) {
        return INFINITY;
    }
    if (p == 0.5) {
        return 0.0;
    }
    /* Solve for the upper tail q = P(T > t), t > 0, then restore the sign. */
    int negative = p < 0.5;
    double q = negative ? p : 1.0 - p;
    double t;
    if (df == 1.0) {
        t = tan(PI_VAL * (0.5 - q));
    } else {
        /* Cornish-Fisher start (A&S 26.7.5), then safeguarded Newton. */
        double z = -carealign__norm_quantile(q);
        double z2 = z * z;
        t = z + z * (z2 + 1.0) / (4.0 * df) +
            z * (5.0 * z2 * z2 + 16.0 * z2 + 3.0) / (96.0 * df * df) +
            z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / (384.0 * df * df * df);
        if (!(t > 0.0) || CAREALIGN__ISINF(t)) {
            t = z > 0.0 ? z : 1.0;
        }
    }
    double lo = 0.0;
    double hi = INFINITY;
    int root_at_lo = 0; /* the root is within rounding of lo */
    for (int it = 0; it < 300; it++) {
        double tn = NAN;
        if (root_at_lo && t_step_known(q, df, lo, t)) {
            hi = t; /* f(t) < 0, and the Newton step below lo: tn unused */
        } else {
            double f = carealign__t_cdf(t, df, 0) - q; /* decreasing in t */
            if (f == 0.0) {
                break;
            }
            if (f > 0.0) {
                lo = t;
            } else {
                hi = t;
            }
            double g = t_density(t, df);
            tn = (g > 0.0) ? t + f / g : NAN;
            if (f > 0.0)
                root_at_lo = g > 0.0 && f / g <= 4.0 * DBL_EPSILON * t;
        }
        if (!(tn > lo && tn < hi)) {
            tn = CAREALIGN__ISINF(hi) ? 2.0 * (lo > 0.0 ? lo : t)
                                      : (lo > 0.0 ? sqrt(lo * hi) : 0.5 * hi);
            if (!(tn > lo && tn < hi)) {
                tn = 0.5 * (lo + hi);
            }
        }
        if (fabs(tn - t) <= 4.0 * DBL_EPSILON * t) {
            t = tn;
            break;
        }
        if (CAREALIGN__ISFINITE(hi) && hi - lo <= 4.0 * DBL_EPSILON * hi) {
            t = 0.5 * (lo + hi);
            break;
        }
        t = tn;
    }
    return negative ? -t : t;
}

/* The calling thread's last t quantiles by (p, df), direct-mapped: a
 * scorecard's finalize asks for the same confidence level and degrees of
 * freedom for many groups (5,800 calls, 393 distinct, in bench_scorecard's
 * 2,000 people), and each answer costs thousands to hundreds of thousands
 * of instructions. An entry with df 0 is empty (df > 0 here). */
enum { T_MEMO = 512 };
static CAREALIGN__THREAD_LOCAL struct t_memo {
    double p, df, t;
} t_memo[T_MEMO];

/* The hash of a (p, df) pair, for both memos of t quantiles. */
static uint64_t t_memo_hash(double p, double df)
{
    uint64_t pb, db;
    memcpy(&pb, &p, sizeof pb);
    memcpy(&db, &df, sizeof db);
    return (db ^ (pb * UINT64_C(0x9E3779B97F4A7C15))) * UINT64_C(0xC2B2AE3D27D4EB4F);
}

double carealign__t_quantile(double p, double df)
{
    if (!(df > 0.0) || !(p > 0.0) || !(p < 1.0)) /* NaN, out of range, the ends */
        return t_quantile_solve(p, df);
    struct t_memo *e = &t_memo[t_memo_hash(p, df) >> 55];
    if (e->df != df || e->p != p) {
        e->t = t_quantile_solve(p, df);
        e->p = p;
        e->df = df;
    }
    return e->t;
}

/* The slot of (p, df) in a caller's memo (cap > 0): its entry, or the
 * empty slot where it goes. The hash's top bits: its low bits depend on
 * the low bits of p and df alone, all 0 for whole degrees of freedom. */
static carealign__t_memo_entry *t_memo_slot(const carealign__t_memo *memo, double p, double df)
{
    size_t mask = memo->cap - 1;
    size_t i = (size_t)(t_memo_hash(p, df) >> (64 - memo->bits));
    while (memo->entries[i].df != 0.0 && (memo->entries[i].df != df || memo->entries[i].p != p))
        i = (i + 1) & mask;
    return &memo->entries[i];
}

/* Double a caller's memo (256 slots the first time), moving its entries;
 * 0 when out of memory, the memo left as it was. */
static int t_memo_grow(carealign__t_memo *memo)
{
    unsigned bits = memo->cap > 0 ? memo->bits + 1 : 8;
    if (bits >= 8 * sizeof(size_t) - 5) /* more slots than bytes */
        return 0;
    size_t cap = (size_t)1 << bits;
    carealign__t_memo_entry *entries = carealign__calloc(cap, sizeof *entries);
    if (entries == NULL)
        return 0;
    carealign__t_memo old = *memo;
    memo->entries = entries;
    memo->cap = cap;
    memo->bits = bits;
    for (size_t i = 0; i < old.cap; i++)
        if (old.entries[i].df != 0.0)
            *t_memo_slot(memo, old.entries[i].p, old.entries[i].df) = old.entries[i];
    carealign__free(old.entries);
    return 1;
}

double carealign__t_quantile_memo(carealign__t_memo *memo, double p, double df)
{
    if (memo == NULL || !(df > 0.0) || !(p > 0.0) || !(p < 1.0))
        return carealign__t_quantile(p, df);
    if (memo->cap > 0) {
        const carealign__t_memo_entry *e = t_memo_slot(memo, p, df);
        if (e->df != 0.0)
            return e->t;
    }
    double t = carealign__t_quantile(p, df);
    if (2 * (memo->n + 1) > memo->cap && !t_memo_grow(memo))
        return t;
    carealign__t_memo_entry *e = t_memo_slot(memo, p, df);
    e->p = p;
    e->df = df;
    e->t = t;
    memo->n++;
    return t;
}

void carealign__t_memo_free(carealign__t_memo *memo)
{
    carealign__free(memo->entries);
    memset(memo, 0, sizeof *memo);
}

double carealign__poisson_cdf(double k, double mu, int lower_tail)
{
    if (CAREALIGN__ISNAN(k) || CAREALIGN__ISNAN(mu) || mu < 0.0) {
        return NAN;
    }
    k = floor(k + 1e-7);
    if (k < 0.0) {
        return lower_tail ? 0.0 : 1.0;
    }
    if (mu == 0.0) {
        return lower_tail ? 1.0 : 0.0;
    }
    if (CAREALIGN__ISINF(k)) {
        return lower_tail ? 1.0 : 0.0;
    }
    /* P(X <= k) = Q(k + 1, mu) */
    return carealign__gamma_cdf(k + 1.0, mu, !lower_tail);
}

double carealign__binom_cdf(double k, double n, double p, int lower_tail)
{
    if (CAREALIGN__ISNAN(k) || CAREALIGN__ISNAN(n) || CAREALIGN__ISNAN(p) || n < 0.0 || p < 0.0 ||
        p > 1.0) {
        return NAN;
    }
    n = floor(n + 1e-7);
    k = floor(k + 1e-7);
    if (k < 0.0) {
        return lower_tail ? 0.0 : 1.0;
    }
    if (k >= n) {
        return lower_tail ? 1.0 : 0.0;
    }
    /* P(X <= k) = I_{1-p}(n - k, k + 1) */
    return carealign__beta_cdf(1.0 - p, p, n - k, k + 1.0, lower_tail);
}
