/* Change between paired measurements: the Jacobson-Truax reliable change
 * index and counts of people improved, unchanged or deteriorated by a
 * minimal important difference or by the RCI. Sources: docs/methods-spc.md
 * section 5, and the mean change with its paired Student t interval. */
#include <math.h>
#include <stdint.h>

#include "core/internal.h"
#include "carealign/stats.h"
#include "stats/stats_b_internal.h"

carealign_status carealign_change_options_init(carealign_change_options *options, size_t size)
{
    if (options == NULL || size < sizeof(carealign_change_options))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_change_options_init: NULL or size too small");
    *options = (carealign_change_options)CAREALIGN_CHANGE_OPTIONS_INIT;
    return CAREALIGN_OK;
}

/* S_diff = sd x sqrt(2) x sqrt(1 - r): Jacobson & Truax (1991), with the
 * Christensen & Mendoza (1986) correction. */
static double s_diff(double sd, double reliability)
{
    return sd * sqrt(2.0) * sqrt(1.0 - reliability);
}

static carealign_status check_rci_parameters(double sd, double reliability, const char *fn)
{
    if (!(sd > 0.0 && carealign__is_finite(sd)))
        return carealign__error(CAREALIGN_EINVAL, "%s: sd must be a finite number above 0", fn);
    if (!(reliability >= 0.0 && reliability < 1.0))
        return carealign__error(CAREALIGN_EINVAL, "%s: reliability must be at least 0 and below 1",
                                fn);
    return CAREALIGN_OK;
}

carealign_status carealign_change_rci(double before, double after, double sd, double reliability,
                                      double *out_rci)
{
    if (out_rci == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_change_rci: out_rci is NULL");
    if (!carealign__is_finite(before) || !carealign__is_finite(after))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_change_rci: scores must be finite numbers");
    carealign_status status = check_rci_parameters(sd, reliability, "carealign_change_rci");
    if (status != CAREALIGN_OK)
        return status;
    *out_rci = (after - before) / s_diff(sd, reliability);
    return CAREALIGN_OK;
}

static carealign_status check_options(const carealign_change_options *o)
{
    const char *fn = "carealign_change_classify";
    if (o->better != 1 && o->better != -1)
        return carealign__error(CAREALIGN_EINVAL, "%s: better must be 1 or -1", fn);
    if (o->criterion == CAREALIGN_CHANGE_BY_MID) {
        if (!(o->mid > 0.0 && carealign__is_finite(o->mid)))
            return carealign__error(CAREALIGN_EINVAL, "%s: mid must be a finite number above 0",
                                    fn);
        return CAREALIGN_OK;
    }
    if (o->criterion != CAREALIGN_CHANGE_BY_RCI)
        return carealign__error(CAREALIGN_EINVAL, "%s: criterion must be BY_MID or BY_RCI", fn);
    if (!(o->critical > 0.0 && carealign__is_finite(o->critical)))
        return carealign__error(CAREALIGN_EINVAL, "%s: critical must be a finite number above 0",
                                fn);
    return check_rci_parameters(o->sd, o->reliability, fn);
}

carealign_status carealign_change_classify(const double *before, const double *after, size_t n,
                                           const carealign_change_options *options,
                                           carealign_change_counts *out, int32_t *classes)
{
    carealign_change_options o = CAREALIGN_CHANGE_OPTIONS_INIT;
    carealign_status status =
        carealign__read_struct(&o, sizeof o, options, sizeof o, "carealign_change_options");
    if (status != CAREALIGN_OK)
        return status;
    if (before == NULL || after == NULL || out == NULL)
        return carealign__error(
            CAREALIGN_EINVAL, "carealign_change_classify: before, after and out must not be NULL");
    if (n == 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_change_classify: no pairs");
    status = check_options(&o);
    if (status != CAREALIGN_OK)
        return status;
    for (size_t i = 0; i < n; i++) {
        if (!carealign__is_finite(before[i]) || !carealign__is_finite(after[i]))
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_change_classify: pair %zu is not two finite numbers",
                                    i);
    }
    int by_mid = o.criterion == CAREALIGN_CHANGE_BY_MID;
    double scale = by_mid ? 1.0 : s_diff(o.sd, o.reliability);
    carealign_change_counts c = {(int64_t)n, 0, 0, 0, by_mid ? o.mid : o.critical * scale};
    for (size_t i = 0; i < n; i++) {
        /* the change in the better direction, in score units or in RCI units */
        double d = (after[i] - before[i]) * o.better / scale;
        int32_t cls;
        if (by_mid)
            cls = d >= o.mid    ? CAREALIGN_CHANGE_IMPROVED
                  : d <= -o.mid ? CAREALIGN_CHANGE_DETERIORATED
                                : CAREALIGN_CHANGE_NONE;
        else
            cls = d > o.critical    ? CAREALIGN_CHANGE_IMPROVED
                  : d < -o.critical ? CAREALIGN_CHANGE_DETERIORATED
                                    : CAREALIGN_CHANGE_NONE;
        if (cls == CAREALIGN_CHANGE_IMPROVED)
            c.improved++;
        else if (cls == CAREALIGN_CHANGE_DETERIORATED)
            c.deteriorated++;
        else
            c.unchanged++;
        if (classes != NULL)
            classes[i] = cls;
    }
    *out = c;
    return CAREALIGN_OK;
}

carealign_status carealign_change_mean_t(uint64_t n, double mean, double m2, double confidence,
                                         carealign_estimate *out)
{
    /* The paired t interval is the one-sample t interval of the differences. */
    return carealign_mean_t(n, mean, m2, confidence, out);
}

carealign_status carealign_change_mean_paired(const double *before, const double *after, size_t n,
                                              double confidence, carealign_estimate *out)
{
    static const char fn[] = "carealign_change_mean_paired";
    if (out != NULL) {
        out->value = NAN;
        out->lower = NAN;
        out->upper = NAN;
        out->n = NAN;
        out->method = CAREALIGN_METHOD_T;
        out->flags = 0;
    }
    if (before == NULL || after == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    if (n == 0)
        return carealign__error(CAREALIGN_EINVAL, "%s: no pairs", fn);
    long double sum = 0.0L;
    for (size_t i = 0; i < n; i++) {
        double d = after[i] - before[i];
        if (!carealign__is_finite(before[i]) || !carealign__is_finite(after[i]) ||
            !carealign__is_finite(d))
            return carealign__error(CAREALIGN_EINVAL, "%s: pair %zu is not finite", fn, i);
        sum += d;
    }
    /* R's mean(): the long double mean, then the mean residual added */
    long double mean = sum / (long double)n;
    long double resid = 0.0L;
    for (size_t i = 0; i < n; i++)
        resid += (long double)(after[i] - before[i]) - mean;
    double m = (double)(mean + resid / (long double)n);
    double m2 = 0.0;
    for (size_t i = 0; i < n; i++) {
        double e = (after[i] - before[i]) - m;
        m2 += e * e;
    }
    return carealign_mean_t((uint64_t)n, m, m2, confidence, out);
}
