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

/* ---- Cost-effectiveness frontier ---- */

/* a - b for a >= b (every difference on the frontier is a dearer option's
 * cost minus a cheaper one's) in *out, or 0 when it exceeds INT64_MAX.
 * The difference is exact in uint64_t. */
static int sub_i64(int64_t a, int64_t b, int64_t *out)
{
    uint64_t d = (uint64_t)a - (uint64_t)b;
    if (d > (uint64_t)INT64_MAX)
        return 0;
    *out = (int64_t)d;
    return 1;
}

/* Order of the frontier: cost ascending, then QALYs descending, then input
 * index (so that of two duplicates the one listed first comes first). */
static int cea_before(const int64_t *costs, const double *qalys, size_t i, size_t j)
{
    if (costs[i] != costs[j])
        return costs[i] < costs[j];
    if (qalys[i] != qalys[j])
        return qalys[i] > qalys[j];
    return i < j;
}

static void cea_sift(const int64_t *costs, const double *qalys, size_t *h, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && cea_before(costs, qalys, h[child], h[child + 1]))
            child++;
        if (!cea_before(costs, qalys, h[root], h[child]))
            return;
        size_t t = h[root];
        h[root] = h[child];
        h[child] = t;
        root = child;
    }
}

/* Heapsort of the indices h[0..n) into frontier order (no allocation,
 * deterministic, O(n log n)). */
static void cea_sort(const int64_t *costs, const double *qalys, size_t *h, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        cea_sift(costs, qalys, h, i, n);
    for (size_t end = n; end-- > 1;) {
        size_t t = h[0];
        h[0] = h[end];
        h[end] = t;
        cea_sift(costs, qalys, h, 0, end);
    }
}

/* Fill out[j] against comparator c (c < 0: none). */
static carealign_status cea_compare(const int64_t *costs, const double *qalys, size_t j, int64_t c,
                                    int with_ratio, carealign_cea_result *out)
{
    out[j].comparator = c;
    out[j].icer = NAN;
    out[j].delta_qalys = NAN;
    out[j].delta_cost = 0;
    if (c < 0)
        return CAREALIGN_OK;
    size_t ci = (size_t)c;
    if (!sub_i64(costs[j], costs[ci], &out[j].delta_cost))
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_cea_frontier: cost difference of options %zu and %zu "
                                "overflows",
                                j, ci);
    out[j].delta_qalys = qalys[j] - qalys[ci];
    if (with_ratio)
        out[j].icer = (double)out[j].delta_cost / out[j].delta_qalys;
    return CAREALIGN_OK;
}

/* The ICER of moving from option a to option b (b dearer and better). */
static double cea_icer(const int64_t *costs, const double *qalys, size_t a, size_t b)
{
    int64_t dc = 0;
    (void)sub_i64(costs[b], costs[a], &dc); /* checked before use */
    return (double)dc / (qalys[b] - qalys[a]);
}

carealign_status carealign_cea_frontier(const int64_t *costs, const double *qalys, size_t n,
                                        size_t *workspace, size_t workspace_len,
                                        carealign_cea_result *out)
{
    static const char fn[] = "carealign_cea_frontier";
    if (costs == NULL || qalys == NULL || workspace == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    if (n == 0)
        return carealign__error(CAREALIGN_EINVAL, "%s: no options", fn);
    if (workspace_len < n)
        return carealign__error(CAREALIGN_EBUFSIZE, "%s: workspace of %zu for %zu options", fn,
                                workspace_len, n);
    for (size_t i = 0; i < n; i++)
        if (!carealign__is_finite(qalys[i]))
            return carealign__error(CAREALIGN_EINVAL, "%s: QALYs of option %zu are not finite", fn,
                                    i);
    size_t *h = workspace;
    for (size_t i = 0; i < n; i++) {
        h[i] = i;
        out[i].rank = -1;
        out[i].status = CAREALIGN_CEA_DOMINATED;
    }
    cea_sort(costs, qalys, h, n);
    /* Strict dominance: in this order an option is dominated exactly when an
     * earlier one has at least its QALYs. The undominated ones (records of
     * the running maximum) are compacted into h[0..m), costs and QALYs both
     * strictly rising; a dominated option's comparator is the first of them
     * with at least its QALYs: the cheapest that dominates it. */
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        size_t j = h[k];
        if (m > 0 && qalys[h[m - 1]] >= qalys[j]) {
            size_t lo = 0, hi = m - 1; /* first record with QALYs >= qalys[j] */
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (qalys[h[mid]] >= qalys[j])
                    hi = mid;
                else
                    lo = mid + 1;
            }
            carealign_status st = cea_compare(costs, qalys, j, (int64_t)h[lo], 0, out);
            if (st != CAREALIGN_OK)
                return st;
            continue;
        }
        h[m++] = j;
    }
    /* Every consecutive difference along h[0..m) is needed below: check them
     * for overflow once (differences of rising costs, so wider gaps between
     * frontier options are sums of these and may still overflow: checked
     * again in cea_compare). */
    for (size_t k = 1; k < m; k++) {
        int64_t dc;
        if (!sub_i64(costs[h[k]], costs[h[k - 1]], &dc))
            return carealign__error(CAREALIGN_ERANGE,
                                    "%s: cost difference of options %zu and %zu overflows", fn,
                                    h[k], h[k - 1]);
    }
    /* Extended dominance: the lower convex hull by a stack kept in h[0..f)
     * (f <= k, so it never overwrites an unread option). An option whose
     * ICER against the option below exceeds the next one's ICER against it
     * leaves the frontier; equal ICERs keep it. */
    size_t f = 0;
    for (size_t k = 0; k < m; k++) {
        size_t c = h[k];
        out[c].status = CAREALIGN_CEA_FRONTIER;
        while (f >= 2) {
            size_t a = h[f - 2], b = h[f - 1];
            int64_t d1, d2;
            if (!sub_i64(costs[b], costs[a], &d1) || !sub_i64(costs[c], costs[b], &d2))
                return carealign__error(CAREALIGN_ERANGE, "%s: cost difference overflows", fn);
            if (!(cea_icer(costs, qalys, a, b) > cea_icer(costs, qalys, b, c)))
                break;
            out[b].status = CAREALIGN_CEA_EXTENDED_DOMINATED;
            f--;
        }
        h[f++] = c;
    }
    /* The frontier h[0..f), cheapest first: ranks and ICERs. */
    for (size_t k = 0; k < f; k++) {
        out[h[k]].rank = (int32_t)(k < (size_t)INT32_MAX ? k : (size_t)INT32_MAX);
        carealign_status st =
            cea_compare(costs, qalys, h[k], k == 0 ? -1 : (int64_t)h[k - 1], 1, out);
        if (st != CAREALIGN_OK)
            return st;
    }
    /* Extendedly dominated options against the frontier option just below
     * them in cost: the last frontier option in the sorted order before them.
     * Visit the options in sorted order again, without the sorted list (it
     * was overwritten): an extendedly dominated option lies between two
     * frontier options, so a binary search on the frontier's costs finds it. */
    for (size_t j = 0; j < n; j++) {
        if (out[j].status != CAREALIGN_CEA_EXTENDED_DOMINATED)
            continue;
        size_t lo = 0, hi = f; /* first frontier option not cheaper than j */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (costs[h[mid]] < costs[j])
                lo = mid + 1;
            else
                hi = mid;
        }
        carealign_status st =
            cea_compare(costs, qalys, j, lo == 0 ? -1 : (int64_t)h[lo - 1], 1, out);
        if (st != CAREALIGN_OK)
            return st;
    }
    return CAREALIGN_OK;
}
