/* Finalize: an accumulator's estimate and interval, computed by the
 * statistics layer (lib/stats) from the exact state.
 *
 * PROPORTION   carealign_proportion_wilson (weighted: on Kish's effective n)
 * MEAN         carealign_mean_t (weighted: t on Kish's effective n)
 * RATE         carealign_rate (exact below 10 events, Byar's from 10)
 * DSR          carealign_dsr (Dobson with Byar's limits)
 * CHANGE       carealign_mean_t on the differences
 * TOTAL        carealign_mean_t per person; per person-year: the ratio with
 *              its linearised (Taylor) variance and a t interval
 * DISTRIBUTION the type 7 median; the distribution-free interval from
 *              binomial order statistics
 *
 * An empty accumulator, or one with too few values for the method, gives
 * NaN with CAREALIGN_EST_TOO_FEW rather than an error. */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "accum/accum_impl.h"
#include "accum/finalize.h"
#include "carealign/stats.h"
#include "stats/stats_internal.h"

static const double days_per_year = 365.25;

static void empty(carealign_estimate *e, int32_t method)
{
    e->value = e->lower = e->upper = NAN;
    e->n = 0;
    e->method = method;
    e->flags = CAREALIGN_EST_TOO_FEW | CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA;
}

/* mean -/+ t(1 - (1 - c)/2, df) * se, as a t interval with real df. */
static void t_interval(carealign_estimate *e, double mean, double se, double df, double n,
                       double confidence, carealign__t_memo *memo)
{
    e->value = mean;
    e->n = n;
    e->method = CAREALIGN_METHOD_T;
    e->flags = 0;
    if (!(df > 0) || !carealign__is_finite(se)) {
        e->lower = e->upper = NAN;
        e->flags = CAREALIGN_EST_TOO_FEW | CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA;
        return;
    }
    double t = fabs(carealign__t_quantile_memo(memo, (1.0 - confidence) / 2.0, df));
    e->lower = mean - t * se;
    e->upper = mean + t * se;
}

/* Exact moments -> (mean, m2) in value units. */
static void moments(const carealign_acc *acc, double *mean, double *m2)
{
    const double scale = (double)acc->scale;
    const double n = (double)acc->st.n;
    *mean = carealign__i128_to_double(acc->st.sum) / n / scale;
    double nm2 = carealign__exact_n_m2(acc->st.n, acc->st.sum, acc->st.sumsq);
    *m2 = (nm2 > 0 ? nm2 : 0) / n / (scale * scale);
}

static carealign_status exact_mean(const carealign_acc *acc, double confidence,
                                   carealign__t_memo *memo, carealign_estimate *e)
{
    if (acc->st.n == 0) {
        empty(e, CAREALIGN_METHOD_T);
        return CAREALIGN_OK;
    }
    double mean, m2;
    moments(acc, &mean, &m2);
    return carealign__mean_t_memo(acc->st.n, mean, m2, confidence, memo, e);
}

static carealign_status proportion(const carealign_acc *acc, double confidence,
                                   carealign_estimate *e)
{
    const carealign__acc_state *st = &acc->st;
    if (!(acc->flags & CAREALIGN_ACC_WEIGHTED)) {
        if (st->n == 0) {
            empty(e, CAREALIGN_METHOD_WILSON);
            return CAREALIGN_OK;
        }
        return carealign_proportion_wilson((double)st->successes, (double)st->n, confidence, e);
    }
    double w = carealign__nsum_value(st->w), w2 = carealign__nsum_value(st->w2);
    double wy = carealign__nsum_value(st->wx);
    if (!(w > 0 && w2 > 0)) {
        empty(e, CAREALIGN_METHOD_WILSON);
        e->flags |= CAREALIGN_EST_WEIGHTED;
        return CAREALIGN_OK;
    }
    double p = wy / w;
    if (p > 1) /* rounding in the weighted sums */
        p = 1;
    double n_eff = w * w / w2;
    carealign_status status =
        carealign_proportion_wilson(p * n_eff < n_eff ? p * n_eff : n_eff, n_eff, confidence, e);
    if (status == CAREALIGN_OK) {
        e->value = p;
        e->flags |= CAREALIGN_EST_WEIGHTED;
    }
    return status;
}

/* Weighted mean on Kish's effective n: se = sqrt(s_w^2 / (n_eff - 1)) with
 * s_w^2 = sum w (x - mean)^2 / sum w, df = n_eff - 1; with all weights 1
 * this is exactly the unweighted t interval. */
static carealign_status weighted_mean(const carealign_acc *acc, double confidence,
                                      carealign__t_memo *memo, carealign_estimate *e)
{
    const carealign__acc_state *st = &acc->st;
    const double scale = (double)acc->scale;
    double w = carealign__nsum_value(st->w), w2 = carealign__nsum_value(st->w2);
    double wx = carealign__nsum_value(st->wx), wxx = carealign__nsum_value(st->wxx);
    if (!(w > 0 && w2 > 0)) {
        empty(e, CAREALIGN_METHOD_T);
        e->flags |= CAREALIGN_EST_WEIGHTED;
        return CAREALIGN_OK;
    }
    double mean = wx / w;
    double m2 = wxx - wx * mean;
    if (m2 < 0)
        m2 = 0;
    double n_eff = w * w / w2;
    double se = sqrt(m2 / w / (n_eff - 1)) / scale;
    t_interval(e, mean / scale, se, n_eff - 1, n_eff, confidence, memo);
    e->flags |= CAREALIGN_EST_WEIGHTED;
    return CAREALIGN_OK;
}

static carealign_status rate(const carealign_acc *acc, double confidence, carealign_estimate *e)
{
    const carealign__acc_state *st = &acc->st;
    double denominator;
    if (acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) {
        if (!st->has_denominator)
            return carealign__error(CAREALIGN_ESTATE,
                                    "carealign_acc_finalize: the RATE's denominator was never "
                                    "set (carealign_acc_set_denominator)");
        denominator = st->denominator;
    } else {
        denominator = carealign__u128_to_double(st->exposure) / acc->scale;
    }
    double events = carealign__u128_to_double(st->events);
    if (!(denominator > 0)) {
        empty(e, events < 10 ? CAREALIGN_METHOD_EXACT : CAREALIGN_METHOD_BYAR);
        return CAREALIGN_OK;
    }
    return carealign_rate(events, denominator, acc->per, confidence, e);
}

static carealign_status dsr(const carealign_acc *acc, double confidence, carealign_estimate *e)
{
    double events[CAREALIGN_ACC_MAX_BANDS], population[CAREALIGN_ACC_MAX_BANDS];
    for (uint32_t b = 0; b < acc->n_bands; b++) {
        if (!acc->band_has_population[b])
            return carealign__error(CAREALIGN_ESTATE,
                                    "carealign_acc_finalize: the population of band %u was "
                                    "never set (carealign_acc_set_band_population)",
                                    b);
        events[b] = carealign__u128_to_double(acc->band_events[b]);
        population[b] = acc->band_population[b];
    }
    return carealign_dsr(events, population, acc->standard, acc->n_bands, acc->per, confidence, e);
}

/* TOTAL per person-year: R = sum a / sum y (y = exposure days / 365.25),
 * var(R) = n / (n - 1) * sum (a - R y)^2 / (sum y)^2 (the linearised
 * variance of a ratio estimator, Cochran, Sampling Techniques, 3rd ed.,
 * 1977, section 6.4), t interval on n - 1 degrees of freedom. */
static carealign_status per_person_year(const carealign_acc *acc, double confidence,
                                        carealign__t_memo *memo, carealign_estimate *e)
{
    const carealign__acc_state *st = &acc->st;
    const double scale = (double)acc->scale, n = (double)st->n;
    double sum_y = carealign__u128_to_double(st->sum_e) / days_per_year;
    if (st->n == 0 || !(sum_y > 0)) {
        empty(e, CAREALIGN_METHOD_T);
        return CAREALIGN_OK;
    }
    double sum_a = carealign__i128_to_double(st->sum) / scale;
    double sum_a2 = carealign__u128_to_double(st->sumsq) / (scale * scale);
    double sum_ay = carealign__i128_to_double(st->sum_ae) / (scale * days_per_year);
    double sum_y2 = carealign__u128_to_double(st->sum_e2) / (days_per_year * days_per_year);
    double r = sum_a / sum_y;
    double resid = sum_a2 - 2 * r * sum_ay + r * r * sum_y2;
    if (resid < 0)
        resid = 0;
    double se = st->n > 1 ? sqrt(n / (n - 1) * resid) / sum_y : NAN;
    t_interval(e, r, se, n - 1, sum_y, confidence, memo);
    return CAREALIGN_OK;
}

/* The k-th smallest value (0-based), in grid units. */
static int64_t order_statistic(const carealign_acc *acc, uint64_t k)
{
    uint64_t seen = 0;
    for (size_t i = 0; i < acc->hist_len; i++) {
        seen += acc->hist[i].count;
        if (k < seen)
            return acc->hist[i].value;
    }
    return acc->hist[acc->hist_len - 1].value;
}

/* The median with the distribution-free interval [x_(r), x_(n+1-r)]
 * (1-based order statistics), r the largest with P(B <= r - 1) <= (1-c)/2
 * for B ~ Binomial(n, 1/2), so that the coverage 1 - 2 P(B <= r - 1) is at
 * least c (Hollander, Wolfe and Chicken, Nonparametric Statistical
 * Methods, 3rd ed., 2014, section 3.6; Conover 1999, section 3.2). */
static carealign_status median(const carealign_acc *acc, double confidence, carealign_estimate *e)
{
    const uint64_t n = acc->st.n;
    carealign_status status = carealign__check_confidence(confidence, "carealign_acc_finalize");
    if (status != CAREALIGN_OK)
        return status;
    if (n == 0) {
        empty(e, CAREALIGN_METHOD_QUANTILE);
        return CAREALIGN_OK;
    }
    double value;
    status = carealign_acc_quantile(acc, 0.5, &value);
    if (status != CAREALIGN_OK)
        return status;
    e->value = value;
    e->n = (double)n;
    e->method = CAREALIGN_METHOD_QUANTILE;
    e->flags = 0;
    /* count the r' = 0, 1, ... with P(B <= r') <= alpha / 2: a binary search,
     * the cdf being increasing */
    const double half_alpha = (1.0 - confidence) / 2.0;
    uint64_t lo = 0, hi = n / 2 + 1; /* the answer r is in [lo, hi) */
    while (hi - lo > 1) {
        uint64_t mid = lo + (hi - lo) / 2; /* is P(B <= mid - 1) <= alpha / 2 ? */
        if (carealign__binom_cdf((double)(mid - 1), (double)n, 0.5, 1) <= half_alpha)
            lo = mid;
        else
            hi = mid;
    }
    uint64_t r = lo;
    if (r == 0) {
        e->lower = e->upper = NAN;
        e->flags = CAREALIGN_EST_TOO_FEW | CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA;
        return CAREALIGN_OK;
    }
    e->lower = (double)order_statistic(acc, r - 1) / acc->scale;
    e->upper = (double)order_statistic(acc, n - r) / acc->scale;
    return CAREALIGN_OK;
}

carealign_status carealign_acc_finalize(const carealign_acc *acc, double confidence,
                                        carealign_estimate *out)
{
    return carealign__acc_finalize_memo(acc, confidence, NULL, out);
}

carealign_status carealign__acc_finalize_memo(const carealign_acc *acc, double confidence,
                                              carealign__t_memo *memo, carealign_estimate *out)
{
    const char *fn = "carealign_acc_finalize";
    if (acc == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    if (confidence == 0)
        confidence = 0.95;
    carealign_status status = carealign__check_confidence(confidence, fn);
    if (status != CAREALIGN_OK)
        return status;
    carealign_estimate e;
    memset(&e, 0, sizeof e);
    switch (acc->kind) {
    case CAREALIGN_ACC_PROPORTION: status = proportion(acc, confidence, &e); break;
    case CAREALIGN_ACC_MEAN:
        status = (acc->flags & CAREALIGN_ACC_WEIGHTED) ? weighted_mean(acc, confidence, memo, &e)
                                                       : exact_mean(acc, confidence, memo, &e);
        break;
    case CAREALIGN_ACC_RATE: status = rate(acc, confidence, &e); break;
    case CAREALIGN_ACC_DSR: status = dsr(acc, confidence, &e); break;
    case CAREALIGN_ACC_CHANGE: status = exact_mean(acc, confidence, memo, &e); break;
    case CAREALIGN_ACC_TOTAL:
        status = (acc->flags & CAREALIGN_ACC_PER_PERSON_YEAR)
                     ? per_person_year(acc, confidence, memo, &e)
                     : exact_mean(acc, confidence, memo, &e);
        break;
    case CAREALIGN_ACC_DISTRIBUTION: status = median(acc, confidence, &e); break;
    default: return carealign__error(CAREALIGN_EINVAL, "%s: unknown kind", fn);
    }
    if (status == CAREALIGN_OK)
        *out = e;
    return status;
}
