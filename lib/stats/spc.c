/* Statistical process control: the Making Data Count XmR chart as
 * NHSRplotthedots 0.2.2 computes it (R/ptd_spc_standard.R,
 * R/ptd_calculate_point_type.R, R/ptd_calculate_assurance_type.R).
 * Formulas, sources and the quirks followed: docs/methods-spc.md. */
#include <math.h>
#include <stdint.h>

#include "core/internal.h"
#include "carealign/stats.h"
#include "stats/stats_b_internal.h"

/* 2.66 = 3 / d2 with d2 = 1.128 for moving ranges of two points. */
#define SPC_LIMIT 2.66
/* D4 for n = 2: moving ranges at or above 3.267 x their average are screened. */
#define SPC_SCREEN 3.267
/* Points in a trend or a shift. */
#define SPC_RUN 7

/* |y[i] - y[i-1]|, as R's abs(diff(y)). */
static double moving_range(const double *y, size_t i)
{
    return fabs(y[i] - y[i - 1]);
}

/* The values R's mean() is taken of: y[0..n), or the moving ranges of
 * y[0..n) (y[i] - y[i-1] for 1 <= i < n), keeping only those strictly below
 * `below` (INFINITY keeps every finite value). */
typedef struct r_values {
    const double *y;
    size_t n;
    int moving_ranges;
    double below;
} r_values;

static size_t r_first(const r_values *v)
{
    return v->moving_ranges ? 1 : 0;
}

static double r_at(const r_values *v, size_t i)
{
    return v->moving_ranges ? moving_range(v->y, i) : v->y[i];
}

/* The sum over the kept values of (x - centre) / divisor, in long double;
 * *kept (if not NULL) receives how many were kept. */
static long double r_sum(const r_values *v, long double centre, long double divisor, size_t *kept)
{
    long double s = 0.0L;
    size_t m = 0;
    for (size_t i = r_first(v); i < v->n; i++) {
        double x = r_at(v, i);
        if (x < v->below) {
            s += (x - centre) / divisor;
            m++;
        }
    }
    if (kept != NULL)
        *kept = m;
    return s;
}

/* R's mean() (src/main/summary.c): the sum in long double divided by the
 * count, then the mean residual added; if the sum is not finite as a double,
 * the sum of x/n instead, then the sum of residuals/n. NaN when nothing is
 * kept. (x - 0) / 1 and (x - s) / 1 are exact, so each pass is R's. */
static double r_mean(const r_values *v, size_t *kept)
{
    long double s = r_sum(v, 0.0L, 1.0L, kept);
    if (*kept == 0)
        return NAN;
    long double count = (long double)*kept;
    int overflowed = !carealign__is_finite((double)s);
    s = overflowed ? r_sum(v, 0.0L, count, NULL) : s / count;
    if (carealign__is_finite((double)s)) {
        long double t = r_sum(v, s, overflowed ? count : 1.0L, NULL);
        s += overflowed ? t : t / count;
    }
    return (double)s;
}

double carealign__r_mean(const double *x, size_t n)
{
    r_values v = {x, n, 0, INFINITY};
    size_t kept;
    return r_mean(&v, &kept);
}

double carealign__r_mean_moving_range(const double *y, size_t n, double below, size_t *kept)
{
    r_values v = {y, n, 1, below};
    return r_mean(&v, kept);
}

carealign_status carealign_spc_options_init(carealign_spc_options *options, size_t size)
{
    if (options == NULL || size < sizeof(carealign_spc_options))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_spc_options_init: NULL or size too small");
    *options = (carealign_spc_options)CAREALIGN_SPC_OPTIONS_INIT;
    return CAREALIGN_OK;
}

static carealign_status check_options(const carealign_spc_options *o, size_t n)
{
    if (o->improvement_direction < CAREALIGN_SPC_DECREASE ||
        o->improvement_direction > CAREALIGN_SPC_INCREASE)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_spc_xmr: improvement_direction must be -1, 0 or 1");
    if (o->screen_outliers != 0 && o->screen_outliers != 1)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_spc_xmr: screen_outliers must be 0 or 1");
    if (o->fix_after_n_points < 0 || o->fix_after_n_points == 1)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_spc_xmr: fix_after_n_points must be 0 or at least 2");
    if (o->min_points_for_icons < 0)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_spc_xmr: min_points_for_icons must be 0 or more");
    if (o->short_group_points < 0)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_spc_xmr: short_group_points must be 0 or more");
    if (o->has_target != 0 && o->has_target != 1)
        return carealign__error(CAREALIGN_EINVAL, "carealign_spc_xmr: has_target must be 0 or 1");
    if (o->has_target && !carealign__is_finite(o->target))
        return carealign__error(CAREALIGN_EINVAL, "carealign_spc_xmr: target must be finite");
    if (o->n_rebase > 0 && o->rebase_at == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_spc_xmr: rebase_at is NULL but n_rebase is %zu",
                                o->n_rebase);
    for (size_t i = 0; i < o->n_rebase; i++) {
        if (o->rebase_at[i] >= n)
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_spc_xmr: rebase_at[%zu] is beyond the series", i);
        if (i > 0 && o->rebase_at[i] <= o->rebase_at[i - 1])
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_spc_xmr: rebase_at[%zu] does not increase", i);
    }
    return CAREALIGN_OK;
}

static int32_t sign_of(double x)
{
    return (x > 0) - (x < 0);
}

/* Limits, position and the per-point tests of one group [start, end). */
static void group_limits(const double *y, size_t start, size_t end, int32_t group,
                         const carealign_spc_options *o, carealign_spc_point *points,
                         double *amr_out)
{
    size_t len = end - start;
    size_t base = len;
    if (o->fix_after_n_points > 0 && (size_t)o->fix_after_n_points < len)
        base = (size_t)o->fix_after_n_points;
    const double *g = y + start;
    double mean = carealign__r_mean(g, base);
    size_t kept = 0;
    double amr = carealign__r_mean_moving_range(g, base, INFINITY, &kept);
    double screen_at = INFINITY;
    if (o->screen_outliers) {
        screen_at = SPC_SCREEN * amr;
        amr = carealign__r_mean_moving_range(g, base, screen_at, &kept);
    }
    double near = 2 * (SPC_LIMIT / 3);
    double lpl = mean - (SPC_LIMIT * amr);
    double upl = mean + (SPC_LIMIT * amr);
    double nlpl = mean - (near * amr);
    double nupl = mean + (near * amr);
    uint32_t group_flags = 0;
    if (len < (size_t)o->short_group_points)
        group_flags |= CAREALIGN_SPC_SHORT_GROUP;
    if (carealign__is_nan(amr))
        group_flags |= CAREALIGN_SPC_LIMITS_NA;
    for (size_t k = 0; k < len; k++) {
        carealign_spc_point *p = &points[start + k];
        double v = g[k];
        uint32_t flags = group_flags;
        p->mean = mean;
        p->lower = lpl;
        p->upper = upl;
        p->near_lower = nlpl;
        p->near_upper = nupl;
        p->moving_range = k > 0 ? moving_range(g, k) : NAN;
        p->group = group;
        p->relative_to_mean = sign_of(v - mean);
        p->rule = CAREALIGN_SPC_RULE_NONE;
        p->side = 0;
        p->point_type = CAREALIGN_SPC_COMMON_CAUSE;
        if (k >= base)
            flags |= CAREALIGN_SPC_AFTER_FIX;
        else if (k > 0 && !(p->moving_range < screen_at))
            flags |= CAREALIGN_SPC_MR_SCREENED;
        int outside = v > upl || v < lpl;
        if (outside)
            flags |= CAREALIGN_SPC_OUTSIDE_LIMITS;
        else if (v < nlpl || v > nupl)
            flags |= CAREALIGN_SPC_CLOSE_TO_LIMITS;
        p->flags = flags;
    }
    *amr_out = amr;
}

/* +1 when y[i-6] < ... < y[i], -1 when strictly decreasing, else 0; i >= 6. */
static int trend_at(const double *y, size_t i)
{
    int up = 1, down = 1;
    for (size_t k = i - (SPC_RUN - 1); k < i; k++) {
        up = up && y[k + 1] > y[k];
        down = down && y[k + 1] < y[k];
    }
    return up ? 1 : (down ? -1 : 0);
}

/* 1 when points[i-6..i] all lie on the same side of the mean (not on it). */
static int shift_at(const carealign_spc_point *p, size_t i)
{
    int32_t side = p[i].relative_to_mean;
    if (side == 0)
        return 0;
    for (size_t k = i - (SPC_RUN - 1); k < i; k++) {
        if (p[k].relative_to_mean != side)
            return 0;
    }
    return 1;
}

static int is_close(const carealign_spc_point *p)
{
    return (p->flags & CAREALIGN_SPC_CLOSE_TO_LIMITS) != 0;
}

/* NHSRplotthedots' ptd_two_in_three for point i of a group of len points:
 * some window of three consecutive points of the group containing i has two
 * or more close points and all three on the same side of the mean. Windows
 * that reach beyond the group are padded with zeros, so they never have three
 * points on one side. */
static int two_in_three_at(const carealign_spc_point *p, size_t len, size_t i)
{
    for (size_t first = i >= 2 ? i - 2 : 0; first <= i; first++) {
        if (first + 3 > len)
            break;
        int close = is_close(&p[first]) + is_close(&p[first + 1]) + is_close(&p[first + 2]);
        int32_t sides = p[first].relative_to_mean + p[first + 1].relative_to_mean +
                        p[first + 2].relative_to_mean;
        if (close >= 2 && (sides == 3 || sides == -3))
            return 1;
    }
    return 0;
}

/* The special-cause rules within one group, points p[0..len). */
static void group_rules(const double *y, size_t len, int32_t direction, carealign_spc_point *p)
{
    /* Mark every point of each 7-point trend and each 7-point run. */
    for (size_t i = SPC_RUN - 1; i < len; i++) {
        uint32_t mark = 0;
        if (trend_at(y, i) != 0)
            mark |= CAREALIGN_SPC_IN_TREND;
        if (shift_at(p, i))
            mark |= CAREALIGN_SPC_IN_SHIFT;
        if (mark != 0) {
            for (size_t k = i - (SPC_RUN - 1); k <= i; k++)
                p[k].flags |= mark;
        }
    }
    for (size_t i = 0; i < len; i++) {
        if (is_close(&p[i]) && two_in_three_at(p, len, i))
            p[i].flags |= CAREALIGN_SPC_IN_TWO_OF_THREE;
    }
    for (size_t i = 0; i < len; i++) {
        uint32_t f = p[i].flags;
        int32_t above = p[i].relative_to_mean > 0 ? 1 : -1;
        if (f & CAREALIGN_SPC_OUTSIDE_LIMITS) {
            p[i].rule = CAREALIGN_SPC_RULE_OUTSIDE_LIMITS;
            p[i].side = p[i].relative_to_mean == 1 ? 1 : -1;
        } else if (f & CAREALIGN_SPC_IN_TREND) {
            /* The label's direction: the difference to the next point when
             * that point is in a trend too, else the one from the previous
             * point. A zero difference reads as "Decreasing" (R's ifelse). */
            int32_t d;
            if (i + 1 < len && (p[i + 1].flags & CAREALIGN_SPC_IN_TREND))
                d = sign_of(y[i + 1] - y[i]);
            else
                d = i > 0 ? sign_of(y[i] - y[i - 1]) : 0;
            p[i].rule = CAREALIGN_SPC_RULE_TREND;
            p[i].side = d == 1 ? 1 : -1;
        } else if (f & CAREALIGN_SPC_IN_TWO_OF_THREE) {
            p[i].rule = CAREALIGN_SPC_RULE_TWO_OF_THREE;
            p[i].side = above;
        } else if (f & CAREALIGN_SPC_IN_SHIFT) {
            p[i].rule = CAREALIGN_SPC_RULE_SHIFT;
            p[i].side = above;
        }
        int32_t v = p[i].side;
        if (direction == CAREALIGN_SPC_NEUTRAL)
            p[i].point_type = v > 0   ? CAREALIGN_SPC_NEUTRAL_HIGH
                              : v < 0 ? CAREALIGN_SPC_NEUTRAL_LOW
                                      : CAREALIGN_SPC_COMMON_CAUSE;
        else
            p[i].point_type = v * direction > 0   ? CAREALIGN_SPC_IMPROVEMENT
                              : v * direction < 0 ? CAREALIGN_SPC_CONCERN
                                                  : CAREALIGN_SPC_COMMON_CAUSE;
    }
}

static int32_t variation_icon(int32_t point_type, int32_t direction)
{
    switch (point_type) {
    case CAREALIGN_SPC_NEUTRAL_HIGH: return CAREALIGN_SPC_VARIATION_NEUTRAL_HIGH;
    case CAREALIGN_SPC_NEUTRAL_LOW: return CAREALIGN_SPC_VARIATION_NEUTRAL_LOW;
    case CAREALIGN_SPC_IMPROVEMENT:
        return direction == CAREALIGN_SPC_INCREASE ? CAREALIGN_SPC_VARIATION_IMPROVEMENT_HIGH
                                                   : CAREALIGN_SPC_VARIATION_IMPROVEMENT_LOW;
    case CAREALIGN_SPC_CONCERN:
        return direction == CAREALIGN_SPC_INCREASE ? CAREALIGN_SPC_VARIATION_CONCERN_LOW
                                                   : CAREALIGN_SPC_VARIATION_CONCERN_HIGH;
    default: return CAREALIGN_SPC_VARIATION_COMMON_CAUSE;
    }
}

static int32_t assurance_icon(const carealign_spc_options *o, const carealign_spc_point *last)
{
    if (!o->has_target || o->improvement_direction == CAREALIGN_SPC_NEUTRAL)
        return CAREALIGN_SPC_ASSURANCE_NONE;
    int increasing = o->improvement_direction == CAREALIGN_SPC_INCREASE;
    if (o->target > last->upper)
        return increasing ? CAREALIGN_SPC_ASSURANCE_FAIL : CAREALIGN_SPC_ASSURANCE_PASS;
    if (o->target < last->lower)
        return increasing ? CAREALIGN_SPC_ASSURANCE_PASS : CAREALIGN_SPC_ASSURANCE_FAIL;
    return CAREALIGN_SPC_ASSURANCE_INCONSISTENT;
}

carealign_status carealign_spc_xmr(const double *values, size_t n,
                                   const carealign_spc_options *options,
                                   carealign_spc_point *points, carealign_spc_summary *summary)
{
    carealign_spc_options o = CAREALIGN_SPC_OPTIONS_INIT;
    if (options != NULL) {
        carealign_status status =
            carealign__read_struct(&o, sizeof o, options, sizeof o, "carealign_spc_options");
        if (status != CAREALIGN_OK)
            return status;
    }
    if (values == NULL || points == NULL || summary == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_spc_xmr: values, points and summary must not be NULL");
    if (n == 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_spc_xmr: the series is empty");
    if (n > INT32_MAX)
        return carealign__error(CAREALIGN_EINVAL, "carealign_spc_xmr: more than INT32_MAX values");
    for (size_t i = 0; i < n; i++) {
        if (!carealign__is_finite(values[i]))
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_spc_xmr: values[%zu] is not a finite number", i);
    }
    carealign_status status = check_options(&o, n);
    if (status != CAREALIGN_OK)
        return status;

    int32_t group = 0;
    size_t start = 0, next_rebase = 0;
    uint32_t any_flags = 0;
    double amr = NAN;
    for (;;) {
        /* A rebase at the start of the current group changes nothing. */
        while (next_rebase < o.n_rebase && o.rebase_at[next_rebase] <= start)
            next_rebase++;
        size_t end = next_rebase < o.n_rebase ? o.rebase_at[next_rebase] : n;
        group_limits(values, start, end, group, &o, points, &amr);
        group_rules(values + start, end - start, o.improvement_direction, points + start);
        any_flags |= points[start].flags & (CAREALIGN_SPC_SHORT_GROUP | CAREALIGN_SPC_LIMITS_NA);
        if (end == n)
            break;
        start = end;
        group++;
    }

    const carealign_spc_point *last = &points[n - 1];
    carealign_spc_summary s = {0};
    s.mean = last->mean;
    s.lower = last->lower;
    s.upper = last->upper;
    s.average_moving_range = amr;
    s.n_points = (int64_t)n;
    s.n_groups = group + 1;
    s.group_points = (int32_t)(n - start);
    for (size_t i = start; i < n; i++) {
        switch (points[i].point_type) {
        case CAREALIGN_SPC_IMPROVEMENT: s.improvement++; break;
        case CAREALIGN_SPC_CONCERN: s.concern++; break;
        case CAREALIGN_SPC_NEUTRAL_HIGH:
        case CAREALIGN_SPC_NEUTRAL_LOW: s.neutral++; break;
        default: s.common_cause++; break;
        }
    }
    s.flags = any_flags;
    if (s.group_points < o.min_points_for_icons) {
        s.flags |= CAREALIGN_SPC_TOO_FEW_FOR_ICONS;
        s.variation_icon = CAREALIGN_SPC_VARIATION_NONE;
        s.assurance_icon = CAREALIGN_SPC_ASSURANCE_NONE;
    } else {
        s.variation_icon = variation_icon(last->point_type, o.improvement_direction);
        s.assurance_icon = assurance_icon(&o, last);
    }
    *summary = s;
    return CAREALIGN_OK;
}
