/* Health economics: QALYs as the discounted area under a utility curve,
 * incremental cost-effectiveness ratios with dominance, and net monetary
 * benefit. Money is int64_t pence. Conventions: docs/methods-spc.md
 * section 3. */
#include <math.h>
#include <stdint.h>

#include "core/internal.h"
#include "carealign/stats.h"
#include "stats/stats_b_internal.h"

/* Times beyond this many years are refused: it bounds the annual split. */
#define QALY_MAX_YEARS 1000.0

/* (1 - e^-x) / x, the mean of e^-(x v) over v in [0, 1]; 1 at x = 0. */
static double mean_exp(double x)
{
    return x == 0 ? 1.0 : -expm1(-x) / x;
}

/* (1 - (1 + x) e^-x) / x^2, the mean of v e^-(x v) over v in [0, 1]; 1/2 at
 * x = 0. Below x = 1 the closed form cancels, so the series
 * sum_k (-x)^k / (k! (k + 2)) is summed instead (terms fall below 1e-18 of
 * the sum within 20 terms). */
static double mean_v_exp(double x)
{
    if (x >= 1.0)
        return (-expm1(-x) - x * exp(-x)) / (x * x);
    double sum = 0.5, power = 1.0;
    for (int k = 1; k < 25; k++) {
        power *= -x / k;
        sum += power / (k + 2);
    }
    return sum;
}

/* The exact integral of the linear utility from (a, ua) to (b, ub) times
 * e^(-lambda t). */
static double continuous_segment(double a, double b, double ua, double ub, double lambda)
{
    double h = b - a;
    double x = lambda * h;
    return exp(-lambda * a) * h * (ua * mean_exp(x) + (ub - ua) * mean_v_exp(x));
}

/* The trapezoid area from (a, ua) to (b, ub), split at whole years, each
 * part of year k divided by (1 + rate)^k. */
static double annual_segment(double a, double b, double ua, double ub, double rate)
{
    double h = b - a, total = 0.0;
    double s = a;
    while (s < b) {
        double year = floor(s);
        double e = fmin(year + 1.0, b);
        double us = ua + (ub - ua) * ((s - a) / h);
        double ue = ua + (ub - ua) * ((e - a) / h);
        total += (e - s) * (us + ue) / 2.0 * pow(1.0 + rate, -year);
        s = e;
    }
    return total;
}

carealign_status carealign_qaly(const double *time_years, const double *utility, size_t n,
                                double annual_rate, int32_t timing, double *out_qalys)
{
    if (time_years == NULL || utility == NULL || out_qalys == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_qaly: NULL pointer");
    if (n < 2)
        return carealign__error(CAREALIGN_EINVAL, "carealign_qaly: fewer than 2 observations");
    if (!(annual_rate >= 0.0 && annual_rate < 1.0))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_qaly: annual_rate must be at least 0 and below 1");
    if (timing != CAREALIGN_QALY_DISCOUNT_ANNUAL && timing != CAREALIGN_QALY_DISCOUNT_CONTINUOUS)
        return carealign__error(CAREALIGN_EINVAL, "carealign_qaly: unknown timing %d", (int)timing);
    for (size_t i = 0; i < n; i++) {
        if (!(time_years[i] >= 0.0 && time_years[i] <= QALY_MAX_YEARS))
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_qaly: time_years[%zu] is not 0 to 1000 years", i);
        if (i > 0 && time_years[i] < time_years[i - 1])
            return carealign__error(
                CAREALIGN_EINVAL, "carealign_qaly: time_years[%zu] is before the one before it", i);
        if (!carealign__is_finite(utility[i]))
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_qaly: utility[%zu] is not a finite number", i);
    }
    double lambda = log1p(annual_rate);
    double total = 0.0;
    for (size_t i = 1; i < n; i++) {
        double a = time_years[i - 1], b = time_years[i];
        if (b == a)
            continue;
        if (timing == CAREALIGN_QALY_DISCOUNT_CONTINUOUS)
            total += continuous_segment(a, b, utility[i - 1], utility[i], lambda);
        else
            total += annual_segment(a, b, utility[i - 1], utility[i], annual_rate);
    }
    *out_qalys = total;
    return CAREALIGN_OK;
}

carealign_status carealign_icer(int64_t cost, double qalys, int64_t comparator_cost,
                                double comparator_qalys, carealign_icer_result *out)
{
    if (out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_icer: out is NULL");
    if (!carealign__is_finite(qalys) || !carealign__is_finite(comparator_qalys))
        return carealign__error(CAREALIGN_EINVAL, "carealign_icer: QALYs must be finite");
    if ((comparator_cost > 0 && cost < INT64_MIN + comparator_cost) ||
        (comparator_cost < 0 && cost > INT64_MAX + comparator_cost))
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_icer: the cost difference overflows int64_t");
    int64_t dc = cost - comparator_cost;
    double de = qalys - comparator_qalys;
    if (!carealign__is_finite(de))
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_icer: the QALY difference is not finite");
    carealign_icer_result r = {NAN, de, dc, 0, 0};
    if (de > 0)
        r.quadrant = dc > 0 ? CAREALIGN_ICER_NORTH_EAST : CAREALIGN_ICER_DOMINANT;
    else if (de < 0)
        r.quadrant = dc < 0 ? CAREALIGN_ICER_SOUTH_WEST : CAREALIGN_ICER_DOMINATED;
    else
        r.quadrant = dc < 0   ? CAREALIGN_ICER_DOMINANT
                     : dc > 0 ? CAREALIGN_ICER_DOMINATED
                              : CAREALIGN_ICER_EQUAL;
    if (r.quadrant == CAREALIGN_ICER_NORTH_EAST || r.quadrant == CAREALIGN_ICER_SOUTH_WEST)
        r.ratio = (double)dc / de;
    *out = r;
    return CAREALIGN_OK;
}

carealign_status carealign_net_monetary_benefit(double qalys, int64_t cost,
                                                int64_t threshold_per_qaly, int64_t *out_pence)
{
    if (out_pence == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_net_monetary_benefit: out_pence is NULL");
    if (!carealign__is_finite(qalys))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_net_monetary_benefit: qalys must be finite");
    if (threshold_per_qaly < 0)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_net_monetary_benefit: threshold_per_qaly is negative");
    long double v = (long double)qalys * (long double)threshold_per_qaly - (long double)cost;
    /* 2^63, exactly representable: the result must round into [-2^63, 2^63). */
    const long double limit = 9223372036854775808.0L;
    long double r = roundl(v);
    if (!(r >= -limit && r < limit))
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_net_monetary_benefit: the result overflows int64_t");
    *out_pence = (int64_t)r;
    return CAREALIGN_OK;
}
