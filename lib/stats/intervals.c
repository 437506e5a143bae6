/* Estimates with intervals: Wilson proportions, crude rates (exact below 10
 * events, Byar's from 10), Byar's interval on its own, Student t means.
 * As PHEindicatormethods computes them (R/utils.R, R/Rates.R,
 * R/Proportions.R, R/Means.R); docs/methods.md. */
#include <math.h>

#include "carealign/stats.h"
#include "core/internal.h"
#include "stats/stats_internal.h"

/* The count below which PHE uses the exact interval, at and above which it
 * uses Byar's (phe_rate, calculate_ISRatio, calculate_ISRate). */
#define CAREALIGN__BYAR_FROM 10.0

carealign_status carealign__check_confidence(double confidence, const char *func)
{
    if (!(confidence >= 0.9 && confidence < 1.0)) {
        return carealign__error(CAREALIGN_EINVAL,
                                "%s: confidence must be at least 0.9 and below 1 (a fraction, "
                                "not a percentage)",
                                func);
    }
    return CAREALIGN_OK;
}

double carealign__byar_lower(double count, double z)
{
    double v = count * pow(1.0 - 1.0 / (9.0 * count) - z / (3.0 * sqrt(count)), 3.0);
    return v < 0.0 || CAREALIGN__ISNAN(v) ? NAN : v;
}

double carealign__byar_upper(double count, double z)
{
    double x = count + 1.0;
    return x * pow(1.0 - 1.0 / (9.0 * x) + z / (3.0 * sqrt(x)), 3.0);
}

void carealign__count_interval(double count, double confidence, double *lower, double *upper,
                               int32_t *method, uint32_t *flags)
{
    *flags = 0;
    if (count < CAREALIGN__BYAR_FROM) {
        double alpha = (1.0 - confidence) / 2.0;
        *lower = carealign__chisq_quantile(alpha, 2.0 * count, 1) / 2.0;
        *upper = carealign__chisq_quantile(confidence + alpha, 2.0 * count + 2.0, 1) / 2.0;
        *method = CAREALIGN_METHOD_EXACT;
    } else {
        double z = carealign__z_two_sided(confidence);
        *lower = carealign__byar_lower(count, z);
        *upper = carealign__byar_upper(count, z);
        *method = CAREALIGN_METHOD_BYAR;
    }
    if (CAREALIGN__ISNAN(*lower)) {
        *flags |= CAREALIGN_EST_LOWER_NA;
    }
}

void carealign__estimate_clear(carealign_estimate *out)
{
    if (out != NULL) {
        out->value = NAN;
        out->lower = NAN;
        out->upper = NAN;
        out->n = NAN;
        out->method = CAREALIGN_METHOD_NONE;
        out->flags = 0;
    }
}

carealign_status carealign_proportion_wilson(double numerator, double denominator,
                                             double confidence, carealign_estimate *out)
{
    static const char fn[] = "carealign_proportion_wilson";
    if (out == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: out is NULL", fn);
    }
    carealign__estimate_clear(out);
    if (!(numerator >= 0.0) || !CAREALIGN__ISFINITE(numerator)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: numerator must be finite and >= 0", fn);
    }
    if (!(denominator > 0.0) || !CAREALIGN__ISFINITE(denominator)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: denominator must be finite and > 0", fn);
    }
    if (numerator > denominator) {
        return carealign__error(CAREALIGN_EINVAL, "%s: numerator exceeds denominator", fn);
    }
    carealign_status st = carealign__check_confidence(confidence, fn);
    if (st != CAREALIGN_OK) {
        return st;
    }
    /* PHEindicatormethods wilson_lower / wilson_upper, term for term. */
    double x = numerator;
    double n = denominator;
    double z = carealign__z_two_sided(confidence);
    double z2 = z * z;
    double root = z * sqrt(z2 + 4.0 * x * (1.0 - (x / n)));
    out->value = x / n;
    out->lower = (2.0 * x + z2 - root) / 2.0 / (n + z2);
    out->upper = (2.0 * x + z2 + root) / 2.0 / (n + z2);
    out->n = n;
    out->method = CAREALIGN_METHOD_WILSON;
    return CAREALIGN_OK;
}

carealign_status carealign__scaled_count(double count, double base, double scale, double confidence,
                                         carealign_estimate *out, const char *fn,
                                         const char *count_name, const char *base_name,
                                         const char *scale_name)
{
    if (out == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: out is NULL", fn);
    }
    carealign__estimate_clear(out);
    if (!(count >= 0.0) || !CAREALIGN__ISFINITE(count)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: %s must be finite and >= 0", fn, count_name);
    }
    if (!(base > 0.0) || !CAREALIGN__ISFINITE(base)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: %s must be finite and > 0", fn, base_name);
    }
    if (scale_name != NULL && (!(scale > 0.0) || !CAREALIGN__ISFINITE(scale))) {
        return carealign__error(CAREALIGN_EINVAL, "%s: %s must be finite and > 0", fn, scale_name);
    }
    carealign_status st = carealign__check_confidence(confidence, fn);
    if (st != CAREALIGN_OK) {
        return st;
    }
    double lower, upper;
    carealign__count_interval(count, confidence, &lower, &upper, &out->method, &out->flags);
    /* phe_rate: x / n * multiplier; limits likewise (/ 2 already applied) */
    out->value = count / base * scale;
    out->lower = lower / base * scale;
    out->upper = upper / base * scale;
    out->n = base;
    return CAREALIGN_OK;
}

carealign_status carealign_rate(double events, double denominator, double per, double confidence,
                                carealign_estimate *out)
{
    return carealign__scaled_count(events, denominator, per, confidence, out, "carealign_rate",
                                   "events", "denominator", "per");
}

carealign_status carealign_byar_interval(double count, double confidence, carealign_estimate *out)
{
    static const char fn[] = "carealign_byar_interval";
    if (out == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: out is NULL", fn);
    }
    carealign__estimate_clear(out);
    if (!(count >= 0.0) || !CAREALIGN__ISFINITE(count)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: count must be finite and >= 0", fn);
    }
    carealign_status st = carealign__check_confidence(confidence, fn);
    if (st != CAREALIGN_OK) {
        return st;
    }
    double z = carealign__z_two_sided(confidence);
    out->value = count;
    out->lower = carealign__byar_lower(count, z);
    out->upper = carealign__byar_upper(count, z);
    out->n = count;
    out->method = CAREALIGN_METHOD_BYAR;
    if (CAREALIGN__ISNAN(out->lower)) {
        out->flags |= CAREALIGN_EST_LOWER_NA;
    }
    return CAREALIGN_OK;
}

carealign_status carealign_mean_t(uint64_t n, double mean, double m2, double confidence,
                                  carealign_estimate *out)
{
    return carealign__mean_t_memo(n, mean, m2, confidence, NULL, out);
}

carealign_status carealign__mean_t_memo(uint64_t n, double mean, double m2, double confidence,
                                        carealign__t_memo *memo, carealign_estimate *out)
{
    static const char fn[] = "carealign_mean_t";
    if (out == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: out is NULL", fn);
    }
    carealign__estimate_clear(out);
    if (n == 0) {
        return carealign__error(CAREALIGN_EINVAL, "%s: n is 0 (empty series)", fn);
    }
    if (!CAREALIGN__ISFINITE(mean)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: mean must be finite", fn);
    }
    if (!(m2 >= 0.0) || !CAREALIGN__ISFINITE(m2)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: m2 must be finite and >= 0", fn);
    }
    carealign_status st = carealign__check_confidence(confidence, fn);
    if (st != CAREALIGN_OK) {
        return st;
    }
    double nd = (double)n;
    out->value = mean;
    out->n = nd;
    out->method = CAREALIGN_METHOD_T;
    if (n < 2) {
        /* phe_mean: sd and qt(.., 0) are undefined for one value */
        out->flags = CAREALIGN_EST_TOO_FEW | CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA;
        return CAREALIGN_OK;
    }
    double sd = sqrt(m2 / (nd - 1.0));
    double t = fabs(carealign__t_quantile_memo(memo, (1.0 - confidence) / 2.0, nd - 1.0));
    double half = t * sd / sqrt(nd);
    out->lower = mean - half;
    out->upper = mean + half;
    return CAREALIGN_OK;
}
