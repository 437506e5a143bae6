/* Slope and relative index of inequality as PHEindicatormethods' phe_sii()
 * computes them (R/SII_function.R, FindXValues and SimulationFunc in
 * R/utils.R; Low & Low, J Public Health 2004;26:388-395), with the
 * simulated interval replaced by its analytic limit (docs/methods.md):
 *
 * phe_sii draws each quantile's value from N(value, se) on the transformed
 * scale (log for rates, logit for proportions), back-transforms, and fits
 * the same weighted regression; the simulated SII is therefore a fixed
 * weighted sum of independent back-transformed normals. carealign takes
 * that sum's exact first four cumulants (closed form for normal and
 * log-normal terms, a 2 401-point trapezoid rule for logit-normal ones) and
 * its quantiles by the Cornish-Fisher expansion; the RII's limits are the
 * ratios r at which that quantile of c1 - r c0 is 0 (Fieller's
 * construction). For value_type 0 both are exactly the limits phe_sii's
 * percentiles converge to as the repetitions grow. */
#include <math.h>

#include "carealign/stats.h"
#include "core/internal.h"
#include "stats/stats_internal.h"

/* The transformation phe_sii applies before simulating (and undoes after). */
static double forward(double v, int32_t type)
{
    if (type == CAREALIGN_SII_RATE) {
        return log(v);
    }
    if (type == CAREALIGN_SII_PROPORTION) {
        return log(v / (1.0 - v));
    }
    return v;
}

static double back(double t, int32_t type)
{
    if (type == CAREALIGN_SII_RATE) {
        return exp(t);
    }
    if (type == CAREALIGN_SII_PROPORTION) {
        return exp(t) / (1.0 + exp(t));
    }
    return t;
}

/* Mean, variance, third and fourth cumulants of back(N(mu, sd^2)). */
static void moments(double mu, double sd, int32_t type, double *mean, double *var, double *k3,
                    double *k4)
{
    *k3 = 0.0;
    *k4 = 0.0;
    if (type == CAREALIGN_SII_NORMAL || sd == 0.0) {
        *mean = back(mu, type);
        *var = type == CAREALIGN_SII_NORMAL ? sd * sd : 0.0;
        return;
    }
    if (type == CAREALIGN_SII_RATE) {
        /* log-normal */
        double s2 = sd * sd;
        double e = expm1(s2);
        *mean = exp(mu + s2 / 2.0);
        *var = e * exp(2.0 * mu + s2);
        *k3 = (e + 3.0) * sqrt(e) * pow(*var, 1.5);
        /* excess kurtosis of the log-normal: w^4 + 2w^3 + 3w^2 - 6, w = e^s2 */
        double w = e + 1.0;
        *k4 = (w * w * w * w + 2.0 * w * w * w + 3.0 * w * w - 6.0) * (*var) * (*var);
        return;
    }
    /* logit-normal: trapezoid rule on z in [-12, 12], step 0.01 (the error
     * of the rule decays like exp(-2 pi^2 / h^2) for these smooth
     * integrands; the truncated tails are below 1e-32) */
    double s0 = 0.0, s1 = 0.0;
    for (int k = -1200; k <= 1200; k++) {
        double z = k * 0.01;
        double w = exp(-0.5 * z * z);
        s0 += w;
        s1 += w * (1.0 / (1.0 + exp(-(mu + sd * z))));
    }
    double m = s1 / s0;
    double c2 = 0.0, c3 = 0.0, c4 = 0.0;
    for (int k = -1200; k <= 1200; k++) {
        double z = k * 0.01;
        double w = exp(-0.5 * z * z);
        double d = 1.0 / (1.0 + exp(-(mu + sd * z))) - m;
        c2 += w * d * d;
        c3 += w * d * d * d;
        c4 += w * d * d * d * d;
    }
    *mean = m;
    *var = c2 / s0;
    *k3 = c3 / s0;
    *k4 = c4 / s0 - 3.0 * (*var) * (*var); /* fourth cumulant */
}

/* The quantile at z of a weighted sum of independent terms with the given
 * cumulants: the Cornish-Fisher expansion to second order (skewness and
 * kurtosis terms). */
static double cf_quantile(double k1, double k2, double k3, double k4, double z)
{
    if (!(k2 > 0.0)) {
        return k1;
    }
    double g1 = k3 / pow(k2, 1.5);
    double g2 = k4 / (k2 * k2);
    double z2 = z * z;
    double w = z + (z2 - 1.0) * g1 / 6.0 + (z2 * z - 3.0 * z) * g2 / 24.0 -
               (2.0 * z2 * z - 5.0 * z) * g1 * g1 / 36.0;
    return k1 + sqrt(k2) * w;
}

struct sii_terms {
    size_t n;
    double h0[CAREALIGN_SII_MAX_QUANTILES];
    double h1[CAREALIGN_SII_MAX_QUANTILES];
    double m[CAREALIGN_SII_MAX_QUANTILES];
    double v[CAREALIGN_SII_MAX_QUANTILES];
    double k3[CAREALIGN_SII_MAX_QUANTILES];
    double k4[CAREALIGN_SII_MAX_QUANTILES];
    double hn[CAREALIGN_SII_MAX_QUANTILES]; /* numerator of the RII */
    double hd[CAREALIGN_SII_MAX_QUANTILES]; /* denominator of the RII */
    double t[CAREALIGN_SII_MAX_QUANTILES];  /* value on the simulation scale */
    double sd[CAREALIGN_SII_MAX_QUANTILES]; /* its standard error there */
    double sign;                            /* sign of the simulated denominator's mean */
};

/* Quantile at z of sign (num - r den) for the simulated RII = num / den:
 * with the sign of den, P(num / den <= r) = P(sign (num - r den) <= 0). */
static double ratio_gap(const struct sii_terms *t, double r, double z)
{
    double k1 = 0.0, k2 = 0.0, k3 = 0.0, k4 = 0.0;
    for (size_t i = 0; i < t->n; i++) {
        double c = t->sign * (t->hn[i] - r * t->hd[i]);
        double c2 = c * c;
        k1 += c * t->m[i];
        k2 += c2 * t->v[i];
        k3 += c2 * c * t->k3[i];
        k4 += c2 * c2 * t->k4[i];
    }
    return cf_quantile(k1, k2, k3, k4, z);
}

/* r with ratio_gap(r, z) = 0, so that P(num/den <= r) = Phi(z); the gap
 * decreases in r; NaN when no sign change is found. */
static double ratio_limit(const struct sii_terms *t, double start, double z)
{
    double scale = fabs(start) > 1.0 ? fabs(start) : 1.0;
    double lo = start, hi = start;
    double flo = ratio_gap(t, lo, z), fhi = flo;
    for (int i = 0; i < 200 && !(flo > 0.0 && fhi < 0.0); i++) {
        double step = scale * pow(2.0, i - 10);
        if (!(flo > 0.0)) {
            lo = start - step;
            flo = ratio_gap(t, lo, z);
        }
        if (!(fhi < 0.0)) {
            hi = start + step;
            fhi = ratio_gap(t, hi, z);
        }
    }
    if (!(flo > 0.0 && fhi < 0.0)) {
        return NAN;
    }
    for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) {
            break;
        }
        if (ratio_gap(t, mid, z) > 0.0) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return 0.5 * (lo + hi);
}

/* Validation, the design and each quantile's simulation terms, shared by
 * the analytic and the simulated interval. c0 and c1 are the fitted
 * intercept and slope; total the population. */
static carealign_status sii_prepare(const char *fn, const double *values, const double *populations,
                                    const double *se, const double *lower_cl,
                                    const double *upper_cl, size_t n_quantiles, int32_t value_type,
                                    double multiplier, double confidence, carealign_estimate *sii,
                                    carealign_estimate *rii, struct sii_terms *terms, double *c0p,
                                    double *c1p, double *totalp)
{
    carealign__estimate_clear(sii);
    carealign__estimate_clear(rii);
    if (sii == NULL || values == NULL || populations == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    }
    if (se == NULL && (lower_cl == NULL || upper_cl == NULL)) {
        return carealign__error(CAREALIGN_EINVAL,
                                "%s: give standard errors or both 95%% confidence limits", fn);
    }
    if (n_quantiles < CAREALIGN_SII_MIN_QUANTILES || n_quantiles > CAREALIGN_SII_MAX_QUANTILES) {
        return carealign__error(CAREALIGN_EINVAL, "%s: %zu quantiles; 5 to 100 are needed", fn,
                                n_quantiles);
    }
    if (value_type != CAREALIGN_SII_NORMAL && value_type != CAREALIGN_SII_RATE &&
        value_type != CAREALIGN_SII_PROPORTION) {
        return carealign__error(CAREALIGN_EINVAL, "%s: unknown value_type %d", fn, (int)value_type);
    }
    if (!(multiplier != 0.0) || !CAREALIGN__ISFINITE(multiplier)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: multiplier must be finite and non-zero", fn);
    }
    carealign_status st = carealign__check_confidence(confidence, fn);
    if (st != CAREALIGN_OK) {
        return st;
    }
    double total = 0.0;
    for (size_t i = 0; i < n_quantiles; i++) {
        if (!(populations[i] > 0.0) || !CAREALIGN__ISFINITE(populations[i])) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: population of quantile %zu must be finite and > 0", fn, i);
        }
        double lo = se == NULL ? lower_cl[i] : 0.5;
        double hi = se == NULL ? upper_cl[i] : 0.5;
        double v = values[i];
        if (!CAREALIGN__ISFINITE(v) || !CAREALIGN__ISFINITE(lo) || !CAREALIGN__ISFINITE(hi)) {
            return carealign__error(CAREALIGN_EINVAL, "%s: quantile %zu has a missing value", fn,
                                    i);
        }
        if (se != NULL && (!(se[i] >= 0.0) || !CAREALIGN__ISFINITE(se[i]))) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: standard error of quantile %zu must be finite and >= 0",
                                    fn, i);
        }
        if (value_type == CAREALIGN_SII_RATE && !(v > 0.0 && lo > 0.0 && hi > 0.0)) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: rates and their limits must be > 0 (quantile %zu)", fn, i);
        }
        if (value_type == CAREALIGN_SII_PROPORTION &&
            !(v > 0.0 && v < 1.0 && lo > 0.0 && lo < 1.0 && hi > 0.0 && hi < 1.0)) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: proportions and their limits must be inside (0, 1) "
                                    "(quantile %zu)",
                                    fn, i);
        }
        total += populations[i];
    }
    /* a_i = share of the population; b_i = FindXValues: the midpoint of the
     * quantile's range in the cumulative population (ordered as given) */
    double s_a = 0.0, s_ab = 0.0, s_abb = 0.0, cum = 0.0;
    for (size_t i = 0; i < n_quantiles; i++) {
        double a = populations[i] / total;
        double b = a / 2.0 + cum;
        cum += a;
        s_a += a;
        s_ab += a * b;
        s_abb += a * b * b;
    }
    double det = s_a * s_abb - s_ab * s_ab;
    if (!(det > 0.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: the regression is singular", fn);
    }
    /* y_i = sqrt(a_i) g_i regressed on sqrt(a_i) and b_i sqrt(a_i), no
     * intercept: coefficients c = (M'M)^-1 M'y, with c0 and c1 linear in g_i
     * with weights h0_i, h1_i. The standard error comes from the 95% limits,
     * z = qnorm(0.975) whatever the confidence asked for (phe_sii). */
    double z95 = carealign__norm_quantile(0.975);
    terms->n = n_quantiles;
    double c0 = 0.0, c1 = 0.0;
    cum = 0.0;
    for (size_t i = 0; i < n_quantiles; i++) {
        double a = populations[i] / total;
        double b = a / 2.0 + cum;
        cum += a;
        terms->h0[i] = a * (s_abb - s_ab * b) / det;
        terms->h1[i] = a * (s_a * b - s_ab) / det;
        double t = forward(values[i], value_type);
        double sd =
            se != NULL
                ? se[i]
                : (forward(upper_cl[i], value_type) - forward(lower_cl[i], value_type)) / z95 / 2.0;
        double g = back(t, value_type);
        c0 += terms->h0[i] * g;
        c1 += terms->h1[i] * g;
        terms->t[i] = t;
        terms->sd[i] = sd;
        moments(t, fabs(sd), value_type, &terms->m[i], &terms->v[i], &terms->k3[i], &terms->k4[i]);
    }
    *c0p = c0;
    *c1p = c1;
    *totalp = total;
    return CAREALIGN_OK;
}

carealign_status carealign_sii(const double *values, const double *populations, const double *se,
                               const double *lower_cl, const double *upper_cl, size_t n_quantiles,
                               int32_t value_type, double multiplier, double confidence,
                               carealign_estimate *sii, carealign_estimate *rii)
{
    struct sii_terms terms;
    double c0, c1, total;
    carealign_status st =
        sii_prepare("carealign_sii", values, populations, se, lower_cl, upper_cl, n_quantiles,
                    value_type, multiplier, confidence, sii, rii, &terms, &c0, &c1, &total);
    if (st != CAREALIGN_OK) {
        return st;
    }
    double z = carealign__z_two_sided(confidence);
    double k1 = 0.0, k2 = 0.0, k3 = 0.0, k4 = 0.0, md = 0.0;
    for (size_t i = 0; i < n_quantiles; i++) {
        double h = terms.h1[i];
        k1 += h * terms.m[i];
        k2 += h * h * terms.v[i];
        k3 += h * h * h * terms.k3[i];
        k4 += h * h * h * h * terms.k4[i];
        /* RII = (c0 + c1) / c0, or its inverse when the multiplier is < 0 */
        double sum = terms.h0[i] + terms.h1[i];
        terms.hn[i] = multiplier < 0.0 ? terms.h0[i] : sum;
        terms.hd[i] = multiplier < 0.0 ? sum : terms.h0[i];
        md += terms.hd[i] * terms.m[i];
    }
    terms.sign = md < 0.0 ? -1.0 : 1.0;
    double lo = multiplier * cf_quantile(k1, k2, k3, k4, -z);
    double hi = multiplier * cf_quantile(k1, k2, k3, k4, z);
    sii->value = multiplier * c1;
    sii->method = CAREALIGN_METHOD_SII;
    sii->lower = lo < hi ? lo : hi;
    sii->upper = lo < hi ? hi : lo;
    sii->n = total;
    if (rii != NULL) {
        double ratio = (c0 + c1) / c0;
        rii->n = total;
        rii->method = CAREALIGN_METHOD_SII;
        rii->value = multiplier < 0.0 ? 1.0 / ratio : ratio;
        /* P(RII <= r) = P(sign (num - r den) <= 0): the limits are the r at
         * which that quantile of sign (num - r den) is 0 (Fieller's
         * construction, with the skewness and kurtosis terms) */
        double r1 = ratio_limit(&terms, rii->value, -z);
        double r2 = ratio_limit(&terms, rii->value, z);
        if (CAREALIGN__ISNAN(r1) || CAREALIGN__ISNAN(r2)) {
            /* the denominator's interval reaches 0: the ratio is unbounded */
            rii->flags = CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA;
        } else {
            rii->lower = r1 < r2 ? r1 : r2;
            rii->upper = r1 < r2 ? r2 : r1;
        }
    }
    return CAREALIGN_OK;
}

/* ---- phe_sii's Monte Carlo interval, with R's random numbers ---- */

/* R's default generator: Mersenne Twister MT19937 (Matsumoto M, Nishimura T.
 * ACM TOMACS 1998;8:3-30), in R's seeding (set.seed) and R's uniform and
 * normal ("Inversion") transforms; docs/methods.md. */
#define MT_N 624
#define MT_M 397

struct r_rng {
    uint32_t mt[MT_N];
    int mti;
};

/* set.seed(seed): the seed is scrambled by 50 steps of the LCG
 * x = 69069 x + 1 (mod 2^32), then 625 more steps fill R's seed vector,
 * whose first element (the position) is then set to 624, so the state is
 * the last 624 values and the next draw regenerates the block. */
static void r_set_seed(struct r_rng *g, int32_t seed)
{
    uint32_t x = (uint32_t)seed;
    for (int j = 0; j < 50; j++) {
        x = 69069u * x + 1u;
    }
    x = 69069u * x + 1u; /* the position slot, overwritten by 624 */
    for (int j = 0; j < MT_N; j++) {
        x = 69069u * x + 1u;
        g->mt[j] = x;
    }
    g->mti = MT_N;
}

static uint32_t mt_next(struct r_rng *g)
{
    static const uint32_t mag01[2] = {0x0u, 0x9908b0dfu};
    if (g->mti >= MT_N) {
        int kk;
        uint32_t y;
        for (kk = 0; kk < MT_N - MT_M; kk++) {
            y = (g->mt[kk] & 0x80000000u) | (g->mt[kk + 1] & 0x7fffffffu);
            g->mt[kk] = g->mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 0x1u];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (g->mt[kk] & 0x80000000u) | (g->mt[kk + 1] & 0x7fffffffu);
            g->mt[kk] = g->mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 0x1u];
        }
        y = (g->mt[MT_N - 1] & 0x80000000u) | (g->mt[0] & 0x7fffffffu);
        g->mt[MT_N - 1] = g->mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 0x1u];
        g->mti = 0;
    }
    uint32_t y = g->mt[g->mti++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= (y >> 18);
    return y;
}

/* R's unif_rand(): y 2^-32 (2.3283064365386963e-10), kept inside (0, 1). */
static double r_unif(struct r_rng *g)
{
    static const double i2_32m1 = 2.328306437080797e-10; /* 1 / (2^32 - 1) */
    double u = (double)mt_next(g) * 2.3283064365386963e-10;
    if (u <= 0.0) {
        return 0.5 * i2_32m1;
    }
    if (1.0 - u <= 0.0) {
        return 1.0 - 0.5 * i2_32m1;
    }
    return u;
}

/* R's norm_rand() by inversion: u = floor(2^27 U1) + U2, qnorm(u / 2^27). */
static double r_norm(struct r_rng *g)
{
    static const double big = 134217728.0; /* 2^27 */
    double u = r_unif(g);
    u = (double)(int32_t)(big * u) + r_unif(g);
    return carealign__norm_quantile(u / big);
}

void carealign__r_rng_norm(int32_t seed, double *out, size_t n)
{
    struct r_rng g;
    r_set_seed(&g, seed);
    for (size_t i = 0; i < n; i++) {
        out[i] = r_norm(&g);
    }
}

void carealign__r_rng_unif(int32_t seed, double *out, size_t n)
{
    struct r_rng g;
    r_set_seed(&g, seed);
    for (size_t i = 0; i < n; i++) {
        out[i] = r_unif(&g);
    }
}

/* The k-th smallest (0-based) of x[0..n), by quickselect with a
 * median-of-three pivot and a three-way partition; x is reordered so that
 * every element after position k is >= x[k]. Deterministic. */
static double select_kth(double *x, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* [lo, hi) holds position k */
    while (hi - lo > 1) {
        double a = x[lo], b = x[lo + (hi - lo) / 2], c = x[hi - 1];
        double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            double v = x[i];
            if (v < pivot) {
                x[i++] = x[lt];
                x[lt++] = v;
            } else if (v > pivot) {
                x[i] = x[--gt];
                x[gt] = v;
            } else {
                i++;
            }
        }
        if (k < lt) {
            hi = lt;
        } else if (k >= gt) {
            lo = gt;
        } else {
            return x[k];
        }
    }
    return x[k];
}

/* Limits at R's positions round(reps (1 - c')) and round(reps c'), 1-based,
 * of the sorted x[0..reps). */
static void simulated_limits(double *x, size_t reps, size_t pos_lo, size_t pos_hi, double *lower,
                             double *upper)
{
    *lower = select_kth(x, reps, pos_lo - 1);
    /* after the selection every element from pos_lo on is >= the lower limit */
    *upper = select_kth(x + pos_lo, reps - pos_lo, pos_hi - 1 - pos_lo);
}

carealign_status carealign_sii_simulated(const double *values, const double *populations,
                                         const double *se, const double *lower_cl,
                                         const double *upper_cl, size_t n_quantiles,
                                         int32_t value_type, double multiplier, double confidence,
                                         int32_t seed, uint64_t repetitions, double *workspace,
                                         size_t workspace_len, carealign_estimate *sii,
                                         carealign_estimate *rii)
{
    static const char fn[] = "carealign_sii_simulated";
    struct sii_terms terms;
    double c0, c1, total;
    carealign_status st =
        sii_prepare(fn, values, populations, se, lower_cl, upper_cl, n_quantiles, value_type,
                    multiplier, confidence, sii, rii, &terms, &c0, &c1, &total);
    if (st != CAREALIGN_OK) {
        return st;
    }
    if (repetitions < 1000 || repetitions > 10000000) {
        carealign__estimate_clear(sii);
        carealign__estimate_clear(rii);
        return carealign__error(CAREALIGN_EINVAL, "%s: repetitions must be 1000 to 10000000", fn);
    }
    size_t reps = (size_t)repetitions;
    size_t need = rii != NULL ? 2 * reps : reps;
    if (workspace == NULL || workspace_len < need) {
        carealign__estimate_clear(sii);
        carealign__estimate_clear(rii);
        return carealign__error(CAREALIGN_EBUFSIZE, "%s: workspace of %zu doubles, %zu needed", fn,
                                workspace_len, need);
    }
    /* R: confidence_value = c + (1 - c)/2; positions round(reps (1 - cv)),
     * round(reps cv), round half to even (nearbyint in the default mode) */
    double cv = confidence + (1.0 - confidence) / 2.0;
    double r = (double)reps;
    size_t pos_lo = (size_t)nearbyint(r * (1.0 - cv));
    size_t pos_hi = (size_t)nearbyint(r * cv);
    if (pos_lo < 1 || pos_hi <= pos_lo || pos_hi > reps) {
        carealign__estimate_clear(sii);
        carealign__estimate_clear(rii);
        return carealign__error(CAREALIGN_EINVAL,
                                "%s: too few repetitions for the confidence level", fn);
    }
    double *s_sim = workspace;
    double *r_sim = rii != NULL ? workspace + reps : NULL;
    struct r_rng g;
    r_set_seed(&g, seed);
    for (size_t k = 0; k < reps; k++) {
        double p0 = 0.0, p1 = 0.0;
        for (size_t i = 0; i < n_quantiles; i++) {
            double sd = fabs(terms.sd[i]);
            /* R's rnorm(mu, sigma): sigma 0 returns mu without a draw */
            double y = sd == 0.0 ? terms.t[i] : terms.t[i] + sd * r_norm(&g);
            double v = back(y, value_type);
            p0 += terms.h0[i] * v;
            p1 += terms.h1[i] * v;
        }
        s_sim[k] = multiplier * p1;
        if (r_sim != NULL) {
            double ratio = (p1 + p0) / p0;
            r_sim[k] = multiplier < 0.0 ? 1.0 / ratio : ratio;
        }
    }
    sii->value = multiplier * c1;
    sii->n = total;
    sii->method = CAREALIGN_METHOD_SII_SIMULATED;
    simulated_limits(s_sim, reps, pos_lo, pos_hi, &sii->lower, &sii->upper);
    if (rii != NULL) {
        double ratio = (c0 + c1) / c0;
        rii->value = multiplier < 0.0 ? 1.0 / ratio : ratio;
        rii->n = total;
        rii->method = CAREALIGN_METHOD_SII_SIMULATED;
        simulated_limits(r_sim, reps, pos_lo, pos_hi, &rii->lower, &rii->upper);
    }
    return CAREALIGN_OK;
}
