/* Funnel plots.
 *
 * - PHE/OHID Fingertips method as PHEindicatormethods 2.1.0 computes it
 *   (R/Funnels.R, R/utils.R): proportion limits in closed form
 *   (sigma_adjustment), ratio and rate limits by the exact-Poisson bisection
 *   of the Fingertips Excel macro (poisson_funnel / poisson_cis, ported step
 *   for step so the published limits match to every printed digit), the
 *   100-point axis, and each unit's significance category.
 * - Spiegelhalter's over-dispersion as FunnelPlotR 0.6.0 computes it
 *   (R/od_adjustment.R, R/calculate_limits.R): transformed z-scores,
 *   winsorisation or SHMI truncation, phi, tau^2 and adjusted limits.
 *
 * docs/methods.md lists every quirk followed. No allocation: the only
 * scratch space (sorted z-scores) is the caller's workspace. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/stats.h"
#include "core/internal.h"
#include "stats/stats_internal.h"

/* ---- PHE: proportions ----------------------------------------------------- */

/* sigma_adjustment(p, population, average_proportion, side, multiplier),
 * operation for operation as R evaluates it. */
static double sigma_adjustment(double p, double n, double a, int32_t side, double multiplier)
{
    double z = carealign__norm_quantile(p);
    double z2 = z * z;
    double first = a * (n / z2 + 1.0);
    double t1 = -8.0 * a * (n / z2 + 1.0);
    double adj = sqrt(t1 * t1 - 64.0 * (1.0 / z2 + 1.0 / n) * a *
                                    (n * (a * (n / z2 + 2.0) - 1.0) + z2 * (a - 1.0)));
    double last = 1.0 / z2 + 1.0 / n;
    double v =
        side == CAREALIGN_FUNNEL_LOW ? (first - adj / 8.0) / last : (first + adj / 8.0) / last;
    return (v / n) * multiplier;
}

carealign_status carealign_funnel_proportion_limit(double p, double population, double average,
                                                   int32_t side, double multiplier, double *limit)
{
    static const char fn[] = "carealign_funnel_proportion_limit";
    if (limit == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: limit is NULL", fn);
    }
    *limit = NAN;
    if (!(p > 0.5 && p < 1.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: p must be in (0.5, 1), e.g. 0.975", fn);
    }
    if (!(population > 0.0) || !CAREALIGN__ISFINITE(population)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: population must be finite and > 0", fn);
    }
    if (!(average >= 0.0 && average <= 1.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: average must be a proportion", fn);
    }
    if (side != CAREALIGN_FUNNEL_LOW && side != CAREALIGN_FUNNEL_HIGH) {
        return carealign__error(CAREALIGN_EINVAL, "%s: side must be LOW or HIGH", fn);
    }
    if (!(multiplier > 0.0) || !CAREALIGN__ISFINITE(multiplier)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: multiplier must be finite and > 0", fn);
    }
    *limit = sigma_adjustment(p, population, average, side, multiplier);
    return CAREALIGN_OK;
}

/* R's max(0, v) and min(100, v): NaN stays NaN. */
static double clamp_low(double v)
{
    return CAREALIGN__ISNAN(v) ? v : (v < 0.0 ? 0.0 : v);
}

static double clamp_high(double v)
{
    return CAREALIGN__ISNAN(v) ? v : (v > 100.0 ? 100.0 : v);
}

static void proportion_point(double average, double population, double multiplier,
                             carealign_funnel_point *out)
{
    out->x = population;
    out->baseline = average * multiplier;
    /* calculate_funnel_limits: clamped to [0, 100] whatever the multiplier */
    out->lower_2s =
        clamp_low(sigma_adjustment(0.975, population, average, CAREALIGN_FUNNEL_LOW, multiplier));
    out->upper_2s =
        clamp_high(sigma_adjustment(0.975, population, average, CAREALIGN_FUNNEL_HIGH, multiplier));
    out->lower_3s =
        clamp_low(sigma_adjustment(0.999, population, average, CAREALIGN_FUNNEL_LOW, multiplier));
    out->upper_3s =
        clamp_high(sigma_adjustment(0.999, population, average, CAREALIGN_FUNNEL_HIGH, multiplier));
    out->lower_2s_x = population;
    out->upper_2s_x = population;
    out->lower_3s_x = population;
    out->upper_3s_x = population;
}

carealign_status carealign_funnel_proportion_limits(double average, double population,
                                                    double multiplier, carealign_funnel_point *out)
{
    static const char fn[] = "carealign_funnel_proportion_limits";
    if (out == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: out is NULL", fn);
    }
    if (!(average >= 0.0 && average <= 1.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: average must be a proportion", fn);
    }
    if (!(population > 0.0) || !CAREALIGN__ISFINITE(population)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: population must be finite and > 0", fn);
    }
    if (!(multiplier > 0.0) || !CAREALIGN__ISFINITE(multiplier)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: multiplier must be finite and > 0", fn);
    }
    proportion_point(average, population, multiplier, out);
    return CAREALIGN_OK;
}

/* ---- PHE: exact Poisson by bisection ---------------------------------------- */

/* poisson_cis(z, x_a, x_b): sum_{x_a <= k <= x_b} q_k / sum_k q_k with
 * q_0 = 1, q_k = q_{k-1} z / k, summed while k <= z or q > tot * 1e-10,
 * rescaled by 1e30 when the total passes 1e30. */
static double poisson_cis(double z, double x_a, double x_b)
{
    double q = 1.0;
    double tot = 0.0;
    double s = 0.0;
    double k = 0.0;
    while (k <= z || q > tot * 1e-10) {
        tot += q;
        if (k >= x_a && k <= x_b) {
            s += q;
        }
        if (tot > 1e30) {
            s /= 1e30;
            tot /= 1e30;
            q /= 1e30;
        }
        k += 1.0;
        q = q * z / k;
    }
    return s / tot;
}

/* poisson_funnel(obs, p, side): 23 halvings of v in (0, 1), mu =
 * (1 + obs) v / (1 - v). */
static double poisson_funnel(double obs, double p, int32_t side)
{
    double v = 0.5;
    double dv = 0.5;
    if (side == CAREALIGN_FUNNEL_LOW) {
        while (dv > 1e-7) {
            dv = dv / 2.0;
            if (poisson_cis((1.0 + obs) * v / (1.0 - v), obs, 1e10) > p) {
                v = v - dv;
            } else {
                v = v + dv;
            }
        }
    } else {
        while (dv > 1e-7) {
            dv = dv / 2.0;
            if (poisson_cis((1.0 + obs) * v / (1.0 - v), 0.0, obs) < p) {
                v = v - dv;
            } else {
                v = v + dv;
            }
        }
    }
    return (1.0 + obs) * v / (1.0 - v);
}

carealign_status carealign_funnel_poisson_search(double observed, double p, int32_t side,
                                                 double *expected)
{
    static const char fn[] = "carealign_funnel_poisson_search";
    if (expected == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: expected is NULL", fn);
    }
    *expected = NAN;
    if (!(observed >= 0.0) || !(observed <= 1e9) || floor(observed) != observed) {
        return carealign__error(CAREALIGN_EINVAL, "%s: observed must be a whole number >= 0", fn);
    }
    if (!(p > 0.0 && p < 0.5)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: p must be in (0, 0.5), e.g. 0.025", fn);
    }
    if (side != CAREALIGN_FUNNEL_LOW && side != CAREALIGN_FUNNEL_HIGH) {
        return carealign__error(CAREALIGN_EINVAL, "%s: side must be LOW or HIGH", fn);
    }
    *expected = poisson_funnel(observed, p, side);
    return CAREALIGN_OK;
}

static double ratio_scale(double ratio, int32_t ratio_type)
{
    switch (ratio_type) {
    case CAREALIGN_FUNNEL_RATIO_COUNT: return ratio - 1.0;
    case CAREALIGN_FUNNEL_RATIO_ISR: return ratio * 100.0;
    default: return ratio;
    }
}

carealign_status carealign_funnel_ratio_limits(double observed, int32_t ratio_type,
                                               carealign_funnel_point *out)
{
    static const char fn[] = "carealign_funnel_ratio_limits";
    if (out == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: out is NULL", fn);
    }
    if (!(observed >= 1.0) || !(observed <= 1e9) || floor(observed) != observed) {
        return carealign__error(CAREALIGN_EINVAL, "%s: observed must be a whole number >= 1", fn);
    }
    if (ratio_type != CAREALIGN_FUNNEL_RATIO_PLAIN && ratio_type != CAREALIGN_FUNNEL_RATIO_COUNT &&
        ratio_type != CAREALIGN_FUNNEL_RATIO_ISR) {
        return carealign__error(CAREALIGN_EINVAL, "%s: unknown ratio_type %d", fn, (int)ratio_type);
    }
    /* lower limits from the "high" search and upper from the "low" one */
    double l2 = poisson_funnel(observed, 0.025, CAREALIGN_FUNNEL_HIGH);
    double u2 = poisson_funnel(observed, 0.025, CAREALIGN_FUNNEL_LOW);
    double l3 = poisson_funnel(observed, 0.001, CAREALIGN_FUNNEL_HIGH);
    double u3 = poisson_funnel(observed, 0.001, CAREALIGN_FUNNEL_LOW);
    out->x = observed;
    out->baseline = ratio_scale(1.0, ratio_type);
    out->lower_2s = ratio_scale(observed / l2, ratio_type);
    out->upper_2s = ratio_scale(observed / u2, ratio_type);
    out->lower_3s = ratio_scale(observed / l3, ratio_type);
    out->upper_3s = ratio_scale(observed / u3, ratio_type);
    out->lower_2s_x = l2;
    out->upper_2s_x = u2;
    out->lower_3s_x = l3;
    out->upper_3s_x = u3;
    return CAREALIGN_OK;
}

carealign_status carealign_funnel_rate_limits(double events, double average, double per,
                                              double years, carealign_funnel_point *out)
{
    static const char fn[] = "carealign_funnel_rate_limits";
    if (out == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: out is NULL", fn);
    }
    if (!(events >= 1.0) || !(events <= 1e9) || floor(events) != events) {
        return carealign__error(CAREALIGN_EINVAL, "%s: events must be a whole number >= 1", fn);
    }
    if (!(average > 0.0) || !CAREALIGN__ISFINITE(average)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: average must be finite and > 0", fn);
    }
    if (!(per > 0.0) || !CAREALIGN__ISFINITE(per) || !(years > 0.0) ||
        !CAREALIGN__ISFINITE(years)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: per and years must be finite and > 0", fn);
    }
    /* population_1_year = poisson_funnel(E, p, side) / av; limit = E /
     * population_1_year * multiplier; population columns / years_of_data */
    double pl2 = poisson_funnel(events, 0.025, CAREALIGN_FUNNEL_HIGH) / average;
    double pu2 = poisson_funnel(events, 0.025, CAREALIGN_FUNNEL_LOW) / average;
    double pl3 = poisson_funnel(events, 0.001, CAREALIGN_FUNNEL_HIGH) / average;
    double pu3 = poisson_funnel(events, 0.001, CAREALIGN_FUNNEL_LOW) / average;
    out->x = events;
    out->baseline = average * per;
    out->lower_2s = events / pl2 * per;
    out->upper_2s = events / pu2 * per;
    out->lower_3s = events / pl3 * per;
    out->upper_3s = events / pu3 * per;
    out->lower_2s_x = pl2 / years;
    out->upper_2s_x = pu2 / years;
    out->lower_3s_x = pl3 / years;
    out->upper_3s_x = pu3 / years;
    return CAREALIGN_OK;
}

/* ---- PHE: axis points ----------------------------------------------------- */

/* nchar(as.character(v)) in R for a whole number 0 <= v < 1e15: fixed
 * notation unless the scientific form (15 significant digits at most) is
 * shorter, as R chooses with scipen = 0 ("1e+05" for 100000). */
static int r_nchar(double v)
{
    if (v == 0.0) {
        return 1;
    }
    int digits = 0;
    double t = v;
    while (t >= 1.0) {
        t = floor(t / 10.0);
        digits++;
    }
    /* significant digits: strip trailing zeros */
    double m = v;
    int trailing = 0;
    while (m >= 10.0 && fmod(m, 10.0) == 0.0) {
        m /= 10.0;
        trailing++;
    }
    int sig = digits - trailing;
    int exp_width = (digits - 1) >= 100 ? 5 : 4; /* "e+05" or "e+100" */
    int sci = sig + (sig > 1 ? 1 : 0) + exp_width;
    return digits <= sci ? digits : sci;
}

static double signif_floor(double x)
{
    if (x == 0.0) {
        return 0.0;
    }
    double f = floor(x * 0.95);
    double p = pow(10.0, r_nchar(f) - 1);
    return floor(x * 0.95 / p) * p;
}

static double signif_ceiling(double x)
{
    if (x == 0.0) {
        return 0.0;
    }
    double c = ceil(x * 1.05);
    double p = pow(10.0, r_nchar(c) - 2);
    return ceil(x * 1.05 / p) * p;
}

carealign_status carealign_funnel_axis(int32_t statistic, double min_denominator,
                                       double max_denominator, double average, double years,
                                       double points[CAREALIGN_FUNNEL_POINTS])
{
    static const char fn[] = "carealign_funnel_axis";
    if (points == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: points is NULL", fn);
    }
    if (statistic != CAREALIGN_FUNNEL_PROPORTION && statistic != CAREALIGN_FUNNEL_RATIO &&
        statistic != CAREALIGN_FUNNEL_RATE) {
        return carealign__error(CAREALIGN_EINVAL, "%s: unknown statistic %d", fn, (int)statistic);
    }
    if (!(min_denominator > 0.0) || !(max_denominator >= min_denominator) ||
        !CAREALIGN__ISFINITE(max_denominator) || !(max_denominator < 1e14)) {
        return carealign__error(CAREALIGN_EINVAL,
                                "%s: denominators must satisfy 0 < min <= max < 1e14", fn);
    }
    double axis_min, axis_max;
    if (statistic == CAREALIGN_FUNNEL_RATE) {
        if (!(average > 0.0) || !CAREALIGN__ISFINITE(average) || !(years > 0.0) ||
            !CAREALIGN__ISFINITE(years)) {
            return carealign__error(CAREALIGN_EINVAL, "%s: average and years must be > 0", fn);
        }
        axis_min = max_denominator > 2.0 * min_denominator
                       ? 0.0
                       : signif_floor(min_denominator / years) * years;
        axis_max = signif_ceiling(max_denominator / years) * years;
        axis_min = floor(axis_min * average);
        axis_max = ceil(axis_max * average);
    } else {
        axis_min = max_denominator > 2.0 * min_denominator ? 0.0 : signif_floor(min_denominator);
        axis_max = signif_ceiling(max_denominator);
    }
    int ratio = statistic == CAREALIGN_FUNNEL_RATIO;
    points[0] = axis_min > 1.0 ? axis_min : 1.0;
    for (int j = 2; j <= CAREALIGN_FUNNEL_POINTS; j++) {
        double prev = points[j - 2];
        int off = ratio ? j - 1 : j;
        double next = nearbyint(pow(axis_max / prev, 1.0 / (101 - off)) * prev);
        points[j - 1] = next > prev + 1.0 ? next : prev + 1.0;
    }
    return CAREALIGN_OK;
}

/* ---- PHE: significance ----------------------------------------------------- */

carealign_status carealign_funnel_proportion_significance(double numerator, double denominator,
                                                          double average, int32_t *category)
{
    static const char fn[] = "carealign_funnel_proportion_significance";
    if (category == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: category is NULL", fn);
    }
    *category = CAREALIGN_FUNNEL_NOT_SIGNIFICANT;
    if (!(numerator >= 0.0) || !CAREALIGN__ISFINITE(numerator)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: numerator must be finite and >= 0", fn);
    }
    if (!(denominator > 0.0) || !CAREALIGN__ISFINITE(denominator)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: denominator must be finite and > 0", fn);
    }
    if (numerator > denominator) {
        return carealign__error(CAREALIGN_EINVAL, "%s: numerator exceeds denominator", fn);
    }
    if (!(average >= 0.0 && average <= 1.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: average must be a proportion", fn);
    }
    double obs = numerator / denominator;
    /* assign_funnel_significance: low checks first */
    if (obs < sigma_adjustment(0.999, denominator, average, CAREALIGN_FUNNEL_LOW, 1.0)) {
        *category = CAREALIGN_FUNNEL_LOW_0001;
    } else if (obs < sigma_adjustment(0.975, denominator, average, CAREALIGN_FUNNEL_LOW, 1.0)) {
        *category = CAREALIGN_FUNNEL_LOW_0025;
    } else if (obs > sigma_adjustment(0.999, denominator, average, CAREALIGN_FUNNEL_HIGH, 1.0)) {
        *category = CAREALIGN_FUNNEL_HIGH_0001;
    } else if (obs > sigma_adjustment(0.975, denominator, average, CAREALIGN_FUNNEL_HIGH, 1.0)) {
        *category = CAREALIGN_FUNNEL_HIGH_0025;
    }
    return CAREALIGN_OK;
}

/* funnel_ratio_significance(obs, expected, p, side): the exact (obs < 10)
 * or Byar's (obs >= 10) limit of obs at level p, divided by expected. */
double carealign__funnel_ratio_test(double obs, double expected, double p, int32_t side)
{
    double stat;
    if (obs == 0.0 && side == CAREALIGN_FUNNEL_LOW) {
        stat = 0.0;
    } else if (obs < 10.0) {
        if (side == CAREALIGN_FUNNEL_LOW) {
            stat = carealign__chisq_quantile(0.5 + p / 2.0, 2.0 * obs, 0) / 2.0;
        } else {
            stat = carealign__chisq_quantile(0.5 + p / 2.0, 2.0 * obs + 2.0, 1) / 2.0;
        }
    } else {
        double z = carealign__norm_quantile(0.5 + p / 2.0);
        if (side == CAREALIGN_FUNNEL_LOW) {
            double o = obs;
            stat = o * pow(1.0 - 1.0 / (9.0 * o) - z / 3.0 / sqrt(o), 3.0);
        } else {
            double o = obs + 1.0;
            stat = o * pow(1.0 - 1.0 / (9.0 * o) + z / 3.0 / sqrt(o), 3.0);
        }
    }
    return stat / expected;
}

static int32_t poisson_category(double obs, double expected, double comparator)
{
    if (comparator < carealign__funnel_ratio_test(obs, expected, 0.998, CAREALIGN_FUNNEL_LOW)) {
        return CAREALIGN_FUNNEL_HIGH_0001;
    }
    if (comparator < carealign__funnel_ratio_test(obs, expected, 0.95, CAREALIGN_FUNNEL_LOW)) {
        return CAREALIGN_FUNNEL_HIGH_0025;
    }
    if (comparator > carealign__funnel_ratio_test(obs, expected, 0.998, CAREALIGN_FUNNEL_HIGH)) {
        return CAREALIGN_FUNNEL_LOW_0001;
    }
    if (comparator > carealign__funnel_ratio_test(obs, expected, 0.95, CAREALIGN_FUNNEL_HIGH)) {
        return CAREALIGN_FUNNEL_LOW_0025;
    }
    return CAREALIGN_FUNNEL_NOT_SIGNIFICANT;
}

carealign_status carealign_funnel_ratio_significance(double observed, double expected,
                                                     int32_t *category)
{
    static const char fn[] = "carealign_funnel_ratio_significance";
    if (category == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: category is NULL", fn);
    }
    *category = CAREALIGN_FUNNEL_NOT_SIGNIFICANT;
    if (!(observed >= 0.0) || !CAREALIGN__ISFINITE(observed)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: observed must be finite and >= 0", fn);
    }
    if (!(expected > 0.0) || !CAREALIGN__ISFINITE(expected)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: expected must be finite and > 0", fn);
    }
    *category = poisson_category(observed, expected, 1.0);
    return CAREALIGN_OK;
}

carealign_status carealign_funnel_rate_significance(double numerator, double denominator,
                                                    double average, int32_t rate_type,
                                                    int32_t *category)
{
    static const char fn[] = "carealign_funnel_rate_significance";
    if (category == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: category is NULL", fn);
    }
    *category = CAREALIGN_FUNNEL_NOT_SIGNIFICANT;
    if (!(numerator >= 0.0) || !CAREALIGN__ISFINITE(numerator)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: numerator must be finite and >= 0", fn);
    }
    if (!(denominator > 0.0) || !CAREALIGN__ISFINITE(denominator)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: denominator must be finite and > 0", fn);
    }
    if (!(average > 0.0) || !CAREALIGN__ISFINITE(average)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: average must be finite and > 0", fn);
    }
    if (rate_type != CAREALIGN_FUNNEL_RATE_CRUDE && rate_type != CAREALIGN_FUNNEL_RATE_DSR) {
        return carealign__error(CAREALIGN_EINVAL, "%s: unknown rate_type %d", fn, (int)rate_type);
    }
    if (rate_type == CAREALIGN_FUNNEL_RATE_DSR && numerator < 10.0) {
        /* "Not applicable for events less than 10 for dsrs" */
        *category = CAREALIGN_FUNNEL_NOT_APPLICABLE;
        return CAREALIGN_OK;
    }
    *category = poisson_category(numerator, denominator, average);
    return CAREALIGN_OK;
}

/* ---- FunnelPlotR: Spiegelhalter over-dispersion ------------------------------ */

carealign_status carealign_overdispersion_options_init(carealign_overdispersion_options *options,
                                                       size_t size)
{
    if (options == NULL || size < sizeof(carealign_overdispersion_options)) {
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_overdispersion_options_init: NULL or size too small");
    }
    const carealign_overdispersion_options init = CAREALIGN_OVERDISPERSION_OPTIONS_INIT;
    memset(options, 0, size);
    memcpy(options, &init, sizeof init);
    options->size = size;
    return CAREALIGN_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/* R quantile(x, prob, type = 7) of sorted values. */
static double quantile7(const double *sorted, size_t n, double prob)
{
    double index = 1.0 + (double)(n - 1) * prob;
    double lo = floor(index);
    double hi = ceil(index);
    double qs = sorted[(size_t)lo - 1];
    double xh = sorted[(size_t)hi - 1];
    if (index > lo && xh != qs) {
        double h = index - lo;
        qs = (1.0 - h) * qs + h * xh;
    }
    return qs;
}

/* The transformed z-score and its standard error for one unit. */
static void zscore(const carealign_overdispersion *od, double o, double d, double *z, double *s)
{
    if (od->data_type == CAREALIGN_OD_SR) {
        if (od->sr_method == CAREALIGN_OD_SHMI) {
            *s = 1.0 / sqrt(d);
            *z = sqrt(d) * log(o / d);
        } else {
            *s = 1.0 / (2.0 * sqrt(d));
            *z = (sqrt(o / d) - 1.0) / *s;
        }
    } else if (od->data_type == CAREALIGN_OD_PR) {
        *s = 1.0 / (2.0 * sqrt(d));
        *z = (asin(sqrt(o / d)) - asin(sqrt(od->target))) / *s;
    } else {
        *s = sqrt(o / ((o + 0.5) * (o + 0.5)) + d / ((d + 0.5) * (d + 0.5)));
        *z = (log((o + 0.5) / (d + 0.5)) - log(od->target)) / *s;
    }
}

carealign_status carealign_funnel_overdispersion(const double *numerators,
                                                 const double *denominators, size_t n,
                                                 const carealign_overdispersion_options *options,
                                                 double *workspace, size_t workspace_len,
                                                 double *z_scores, carealign_overdispersion *out)
{
    static const char fn[] = "carealign_funnel_overdispersion";
    if (out == NULL || numerators == NULL || denominators == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    }
    memset(out, 0, sizeof *out);
    out->phi = NAN;
    out->tau2 = NAN;
    out->target = NAN;
    carealign_overdispersion_options opt = CAREALIGN_OVERDISPERSION_OPTIONS_INIT;
    if (options != NULL) {
        carealign_status st = carealign__read_struct(&opt, sizeof opt, options,
                                                     sizeof(carealign_overdispersion_options),
                                                     "carealign_overdispersion_options");
        if (st != CAREALIGN_OK) {
            return st;
        }
    }
    if (opt.data_type != CAREALIGN_OD_SR && opt.data_type != CAREALIGN_OD_PR &&
        opt.data_type != CAREALIGN_OD_RC) {
        return carealign__error(CAREALIGN_EINVAL, "%s: unknown data_type %d", fn,
                                (int)opt.data_type);
    }
    if (opt.sr_method != CAREALIGN_OD_SHMI && opt.sr_method != CAREALIGN_OD_CQC) {
        return carealign__error(CAREALIGN_EINVAL, "%s: unknown sr_method %d", fn,
                                (int)opt.sr_method);
    }
    if (!(opt.trim >= 0.0 && opt.trim < 0.5)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: trim must be in [0, 0.5)", fn);
    }
    int truncate = opt.data_type == CAREALIGN_OD_SR && opt.sr_method == CAREALIGN_OD_SHMI;
    if (truncate && !(opt.trim > 0.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: SHMI truncation needs trim > 0", fn);
    }
    if (n < 2) {
        return carealign__error(CAREALIGN_EINVAL, "%s: at least 2 units are needed", fn);
    }
    if (workspace == NULL || workspace_len < n) {
        return carealign__error(CAREALIGN_EBUFSIZE, "%s: workspace needs %zu doubles", fn, n);
    }
    double sum_o = 0.0;
    double sum_d = 0.0;
    for (size_t i = 0; i < n; i++) {
        double o = numerators[i];
        double d = denominators[i];
        if (!(o >= 0.0) || !CAREALIGN__ISFINITE(o) || !(d > 0.0) || !CAREALIGN__ISFINITE(d)) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: unit %zu needs numerator >= 0 and denominator > 0", fn, i);
        }
        if (opt.data_type == CAREALIGN_OD_PR && o > d) {
            return carealign__error(CAREALIGN_EINVAL, "%s: unit %zu has numerator > denominator",
                                    fn, i);
        }
        sum_o += o;
        sum_d += d;
    }
    out->data_type = opt.data_type;
    out->sr_method = opt.sr_method;
    out->n_units = (uint64_t)n;
    out->target = opt.data_type == CAREALIGN_OD_SR ? 1.0 : sum_o / sum_d;
    if (opt.data_type == CAREALIGN_OD_RC && !(sum_o > 0.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: ratio of counts needs a positive total", fn);
    }
    for (size_t i = 0; i < n; i++) {
        double z, s;
        zscore(out, numerators[i], denominators[i], &z, &s);
        workspace[i] = z;
        if (z_scores != NULL) {
            z_scores[i] = z;
        }
    }
    qsort(workspace, n, sizeof(double), cmp_double);
    double lz = 0.0, uz = 0.0;
    if (!truncate) {
        lz = quantile7(workspace, n, opt.trim);
        uz = quantile7(workspace, n, 1.0 - opt.trim);
    }
    double k = truncate ? 1.0 / opt.trim : 0.0;
    double sum_z2 = 0.0;
    double sum_w = 0.0;
    double sum_w2 = 0.0;
    uint64_t used = 0;
    for (size_t i = 0; i < n; i++) {
        double z, s;
        zscore(out, numerators[i], denominators[i], &z, &s);
        if (truncate) {
            /* rank with ties averaged; keep 0 < floor(rank k / (N + 1)) < k - 1 */
            size_t lo = 0, hi = n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (workspace[mid] < z) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            size_t first = lo;
            hi = n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (workspace[mid] <= z) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            double rank = (double)first + (double)(lo - first + 1) / 2.0;
            double sp = floor(rank * k / ((double)n + 1.0));
            if (!(sp > 0.0 && sp < k - 1.0)) {
                continue;
            }
        } else {
            z = z < lz ? lz : (z > uz ? uz : z);
        }
        double w = 1.0 / (s * s);
        sum_z2 += z * z;
        sum_w += w;
        sum_w2 += w * w;
        used++;
    }
    out->n_used = used;
    if (used == 0) {
        return carealign__error(CAREALIGN_EINVAL, "%s: every unit was trimmed", fn);
    }
    double nu = (double)used;
    double phi = (1.0 / nu) * sum_z2;
    double tau2;
    if (nu * phi < nu - 1.0) {
        tau2 = 0.0;
    } else {
        tau2 = (nu * phi - (nu - 1.0)) / (sum_w - sum_w2 / sum_w);
        if (!(tau2 > 0.0)) {
            tau2 = 0.0;
        }
    }
    out->phi = phi;
    out->tau2 = tau2;
    if (out->n_units < opt.min_units) {
        out->flags |= CAREALIGN_EST_TOO_FEW;
    }
    /* FunnelPlotR falls back to unadjusted limits when phi <= 1 */
    out->adjusted = out->n_units >= opt.min_units && phi > 1.0;
    return CAREALIGN_OK;
}

carealign_status carealign_overdispersion_limits(const carealign_overdispersion *od,
                                                 double denominator, double confidence,
                                                 double multiplier, double *lower, double *upper)
{
    static const char fn[] = "carealign_overdispersion_limits";
    if (od == NULL || lower == NULL || upper == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    }
    *lower = NAN;
    *upper = NAN;
    double z;
    if (confidence == 0.95) {
        z = 1.959964; /* FunnelPlotR's rounded constants */
    } else if (confidence == 0.998) {
        z = 3.090232;
    } else {
        return carealign__error(CAREALIGN_EINVAL, "%s: confidence must be 0.95 or 0.998", fn);
    }
    if (!(denominator > 0.0) || !CAREALIGN__ISFINITE(denominator)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: denominator must be finite and > 0", fn);
    }
    if (!(multiplier > 0.0) || !CAREALIGN__ISFINITE(multiplier)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: multiplier must be finite and > 0", fn);
    }
    if (!(od->target > 0.0) || !CAREALIGN__ISFINITE(od->target)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: the result has no target", fn);
    }
    double tau2 = od->adjusted ? od->tau2 : 0.0;
    double t = od->target;
    double d = denominator;
    if (od->data_type == CAREALIGN_OD_SR) {
        if (!od->adjusted) {
            /* exact Poisson limits for any real E */
            double p_lo = confidence == 0.95 ? 0.975 : 0.999;
            double p_up = confidence == 0.95 ? 0.025 : 0.001;
            *lower = multiplier * t * (carealign__chisq_quantile(p_lo, 2.0 * d, 0) / 2.0) / d;
            *upper =
                multiplier * t * (carealign__chisq_quantile(p_up, 2.0 * (d + 1.0), 0) / 2.0) / d;
        } else if (od->sr_method == CAREALIGN_OD_SHMI) {
            *lower = multiplier * exp(-z * sqrt((1.0 / d) + tau2));
            *upper = multiplier * exp(z * sqrt((1.0 / d) + tau2));
        } else {
            /* FunnelPlotR's CQC limits are left on the square-root scale */
            double s = 1.0 / (2.0 * sqrt(d));
            *lower = multiplier * (1.0 - (z * sqrt(s * s + tau2)));
            *upper = multiplier * (1.0 + (z * sqrt(s * s + tau2)));
        }
    } else if (od->data_type == CAREALIGN_OD_PR) {
        double s = 1.0 / (2.0 * sqrt(d));
        double centre = asin(sqrt(t));
        double lo = centre - z * sqrt(s * s + tau2);
        double hi = centre + z * sqrt(s * s + tau2);
        /* past 0 or pi/2 sin^2 turns back: FunnelPlotR replaces those
         * values with 0 and 1 */
        double sl = sin(lo);
        double sh = sin(hi);
        *lower = lo <= 0.0 ? 0.0 : multiplier * (sl * sl);
        *upper = hi >= 1.5707963267948966 ? multiplier : multiplier * (sh * sh);
    } else {
        double s = 1.0 / (2.0 * sqrt(d));
        *lower = multiplier * exp(log(t) - (z * sqrt(s * s + tau2)));
        *upper = multiplier * exp(log(t) + (z * sqrt(s * s + tau2)));
    }
    return CAREALIGN_OK;
}

/* ---- Spiegelhalter's exact limits with interpolation ---- */

/* P(X <= r) (upper = 0) or P(X > r) (upper = 1) under the null: Binomial(n,
 * target) or Poisson(target x E). */
static double exact_tail(int32_t dist, double r, double target, double precision, int upper)
{
    if (r < 0.0) {
        return upper ? 1.0 : 0.0;
    }
    if (dist == CAREALIGN_FUNNEL_EXACT_BINOMIAL) {
        return carealign__binom_cdf(r, precision, target, !upper);
    }
    return carealign__poisson_cdf(r, target * precision, !upper);
}

carealign_status carealign_funnel_exact_limit(int32_t distribution, double target, double precision,
                                              double p, double *limit)
{
    static const char fn[] = "carealign_funnel_exact_limit";
    if (limit == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: limit is NULL", fn);
    }
    *limit = NAN;
    if (distribution != CAREALIGN_FUNNEL_EXACT_BINOMIAL &&
        distribution != CAREALIGN_FUNNEL_EXACT_POISSON) {
        return carealign__error(CAREALIGN_EINVAL, "%s: unknown distribution %d", fn,
                                (int)distribution);
    }
    if (!(p > 0.0 && p < 1.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: p must be in (0, 1)", fn);
    }
    int binomial = distribution == CAREALIGN_FUNNEL_EXACT_BINOMIAL;
    if (binomial ? !(target > 0.0 && target < 1.0) : !(target > 0.0 && target <= 1e6)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: target out of range", fn);
    }
    if (!(precision > 0.0 && precision <= 1e7) || (binomial && (precision != floor(precision)))) {
        return carealign__error(
            CAREALIGN_EINVAL, "%s: precision must be > 0 and at most 1e7 (whole for binomial)", fn);
    }
    double mean = precision * target;
    double sd = sqrt(binomial ? mean * (1.0 - target) : mean);
    if (!(mean <= 1e7)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: expected count above 1e7", fn);
    }
    /* r_p: the least r with F(r) >= p, from the normal approximation. Upper
     * probabilities (p > 0.5) are handled through the upper tail, so that
     * F(r) - p = (1 - p) - S(r) keeps its digits. */
    int upper = p > 0.5;
    double q = upper ? 1.0 - p : p;
    double r = floor(mean + sd * carealign__norm_quantile(p));
    double top = binomial ? precision : INFINITY;
    if (!(r >= 0.0)) {
        r = 0.0;
    }
    if (r > top) {
        r = top;
    }
    /* below(r): F(r) < p */
    for (int i = 0; i < 100000 && r < top; i++) {
        double t = exact_tail(distribution, r, target, precision, upper);
        if (upper ? !(t > q) : !(t < q)) {
            break;
        }
        r += 1.0;
    }
    for (int i = 0; i < 100000 && r > 0.0; i++) {
        double t = exact_tail(distribution, r - 1.0, target, precision, upper);
        if (upper ? t > q : t < q) {
            break;
        }
        r -= 1.0;
    }
    /* alpha = (F(r) - p) / (F(r) - F(r - 1)) */
    double num, den;
    if (upper) {
        double s_r = exact_tail(distribution, r, target, precision, 1);
        double s_prev = exact_tail(distribution, r - 1.0, target, precision, 1);
        num = q - s_r;
        den = s_prev - s_r;
    } else {
        double f_r = exact_tail(distribution, r, target, precision, 0);
        double f_prev = exact_tail(distribution, r - 1.0, target, precision, 0);
        num = f_r - q;
        den = f_r - f_prev;
    }
    double alpha = den > 0.0 ? num / den : 0.0;
    double v = (r - alpha) / precision;
    *limit = v > 0.0 ? v : 0.0;
    return CAREALIGN_OK;
}

carealign_status carealign_funnel_exact_limits(int32_t distribution, double target,
                                               double precision, double multiplier,
                                               carealign_funnel_point *out)
{
    static const char fn[] = "carealign_funnel_exact_limits";
    if (out == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: out is NULL", fn);
    }
    if (!(multiplier > 0.0) || !CAREALIGN__ISFINITE(multiplier)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: multiplier must be finite and > 0", fn);
    }
    static const double ps[4] = {0.025, 0.975, 0.001, 0.999};
    double v[4];
    for (int i = 0; i < 4; i++) {
        carealign_status st =
            carealign_funnel_exact_limit(distribution, target, precision, ps[i], &v[i]);
        if (st != CAREALIGN_OK) {
            return st;
        }
    }
    out->x = precision;
    out->baseline = target * multiplier;
    out->lower_2s = v[0] * multiplier;
    out->upper_2s = v[1] * multiplier;
    out->lower_3s = v[2] * multiplier;
    out->upper_3s = v[3] * multiplier;
    out->lower_2s_x = precision;
    out->upper_2s_x = precision;
    out->lower_3s_x = precision;
    out->upper_3s_x = precision;
    return CAREALIGN_OK;
}
