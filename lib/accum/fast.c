/* One-record fast paths for the scorecard engine (see fast.h).
 *
 * Each works on the accumulator's state in place, computing every new field
 * aside and storing them only when nothing failed (an add is all or
 * nothing), so no copy of the whole state is made. A one-record delta
 * merged by the public call (accum.c, state_merge) changes exactly the
 * fields written here: its other counters are 0, and a compensated sum
 * merged with a zero delta keeps its bits. */
#include <string.h>

#include "core/internal.h"
#include "accum/accum_impl.h"
#include "accum/fast.h"

/* The sums of s with grid value u added (carealign__acc_state_add_grid
 * without the store); 0 on overflow. */
static inline int grid_next(const carealign__acc_state *s, int64_t u, carealign__u128 *sum,
                            carealign__u128 *sq)
{
    return s->n != UINT64_MAX && !carealign__i128_add(sum, s->sum, carealign__i128_from_i64(u)) &&
           !carealign__u128_add(sq, s->sumsq, carealign__square64(u));
}

carealign_status carealign__acc_add1(carealign_acc *acc, double value)
{
    if (acc != NULL && !(acc->flags & CAREALIGN_ACC_WEIGHTED)) {
        carealign__acc_state *s = &acc->st;
        switch (acc->kind) {
        case CAREALIGN_ACC_MEAN:
        case CAREALIGN_ACC_TOTAL: {
            int64_t u;
            carealign__u128 sum, sq;
            if (carealign__acc_to_grid(value, (double)acc->scale, &u) &&
                grid_next(s, u, &sum, &sq)) {
                carealign__acc_grid_store(s, u, sum, sq);
                return CAREALIGN_OK;
            }
            break;
        }
        case CAREALIGN_ACC_PROPORTION:
            if ((value == 0 || value == 1) && s->n != UINT64_MAX) {
                s->successes += value == 1;
                s->n++;
                return CAREALIGN_OK;
            }
            break;
        case CAREALIGN_ACC_RATE: {
            uint64_t e;
            carealign__u128 ev;
            if ((acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) &&
                carealign__acc_to_whole(value, &e) && s->n != UINT64_MAX &&
                !carealign__u128_add(&ev, s->events, carealign__u128_from_u64(e))) {
                s->events = ev;
                s->n++;
                return CAREALIGN_OK;
            }
            break;
        }
        default: break;
        }
    }
    return carealign_acc_add(acc, value, 1.0);
}

carealign_status carealign__acc_add_pair1(carealign_acc *acc, double a, double b)
{
    if (acc != NULL) {
        carealign__acc_state *s = &acc->st;
        switch (acc->kind) {
        case CAREALIGN_ACC_RATE: {
            uint64_t e;
            int64_t t;
            carealign__u128 ev, ex;
            if (!(acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) && carealign__acc_to_whole(a, &e) &&
                carealign__acc_to_grid(b, (double)acc->scale, &t) && t >= 0 && s->n != UINT64_MAX &&
                !carealign__u128_add(&ev, s->events, carealign__u128_from_u64(e)) &&
                !carealign__u128_add(&ex, s->exposure, carealign__u128_from_u64((uint64_t)t))) {
                s->events = ev;
                s->exposure = ex;
                s->n++;
                return CAREALIGN_OK;
            }
            break;
        }
        case CAREALIGN_ACC_CHANGE: {
            int64_t ua, ub;
            carealign__u128 sum, sq;
            if (!carealign__acc_to_grid(a, (double)acc->scale, &ua) ||
                !carealign__acc_to_grid(b, (double)acc->scale, &ub))
                break;
            int64_t diff = ub - ua;
            uint64_t *bucket = carealign__acc_change_bucket(acc, s, diff);
            if (*bucket != UINT64_MAX && grid_next(s, diff, &sum, &sq)) {
                carealign__acc_grid_store(s, diff, sum, sq);
                (*bucket)++;
                return CAREALIGN_OK;
            }
            break;
        }
        case CAREALIGN_ACC_TOTAL: {
            int64_t u;
            uint64_t e;
            carealign__u128 sum, sq, se, se2, sae;
            if (carealign__acc_to_grid(a, (double)acc->scale, &u) &&
                carealign__acc_to_whole(b, &e) && grid_next(s, u, &sum, &sq) &&
                !carealign__u128_add(&se, s->sum_e, carealign__u128_from_u64(e)) &&
                !carealign__u128_add(&se2, s->sum_e2, carealign__u128_mul64(e, e)) &&
                !carealign__i128_add(&sae, s->sum_ae, carealign__i128_mul64(u, (int64_t)e))) {
                carealign__acc_grid_store(s, u, sum, sq);
                s->sum_e = se;
                s->sum_e2 = se2;
                s->sum_ae = sae;
                return CAREALIGN_OK;
            }
            break;
        }
        default: break;
        }
    }
    return carealign_acc_add_pair(acc, a, b);
}

carealign_status carealign__acc_add_count(carealign_acc *acc, uint64_t successes, uint64_t n)
{
    if (acc != NULL && acc->kind == CAREALIGN_ACC_PROPORTION &&
        !(acc->flags & CAREALIGN_ACC_WEIGHTED) && successes <= n && acc->st.n <= UINT64_MAX - n &&
        acc->st.successes <= UINT64_MAX - successes) {
        acc->st.n += n;
        acc->st.successes += successes;
        return CAREALIGN_OK;
    }
    /* the slow path: ones then zeros, in batches of grid units */
    int64_t units[64];
    carealign_status st = CAREALIGN_OK;
    while (n > 0 && st == CAREALIGN_OK) {
        size_t k = n < 64 ? (size_t)n : 64;
        for (size_t i = 0; i < k; i++)
            units[i] = successes > i ? 1 : 0;
        st = carealign_acc_add_units(acc, units, k);
        successes = successes > k ? successes - k : 0;
        n -= k;
    }
    return st;
}

/* A weighted record prepared (fast.h). */
typedef carealign__acc_wrec weighted_rec;

/* Prepare x of weight w for accumulators of kind and scale; 0 when the
 * public call must decide (NaN, a bad weight or value). */
static int weighted_prepare(weighted_rec *p, int32_t kind, int32_t scale, double x, double w)
{
    if (carealign__is_nan(x) || !(w >= 0 && carealign__is_finite(w)))
        return 0;
    double gx;
    p->u = 0;
    p->one = 0;
    if (kind == CAREALIGN_ACC_PROPORTION) {
        if (x != 0 && x != 1)
            return 0;
        gx = x;
        p->one = x == 1;
    } else if (kind == CAREALIGN_ACC_MEAN) {
        if (!carealign__acc_to_grid(x, (double)scale, &p->u))
            return 0;
        gx = (double)p->u;
    } else {
        return 0;
    }
    w += 0.0; /* -0 -> +0 */
    p->w = w;
    p->ww = w * w;
    p->wx = w * gx;
    p->wxx = (w * gx) * gx;
    return 1;
}

/* One weighted record x (0 or 1 for PROPORTION, grid value for MEAN) of
 * weight w straight into the state; 0 (state unchanged) when the public
 * call must decide. */
static int weighted_one(carealign_acc *acc, double x, double w)
{
    weighted_rec p;
    return weighted_prepare(&p, acc->kind, acc->scale, x, w) &&
           carealign__acc_weighted_apply(&acc->st, acc->kind == CAREALIGN_ACC_PROPORTION, &p);
}

carealign_status carealign__acc_add_weighted1(carealign_acc *acc, double x, double w)
{
    if (acc != NULL && (acc->flags & CAREALIGN_ACC_WEIGHTED) &&
        (acc->kind == CAREALIGN_ACC_PROPORTION || acc->kind == CAREALIGN_ACC_MEAN) &&
        weighted_one(acc, x, w))
        return CAREALIGN_OK;
    return carealign_acc_add(acc, x, w);
}

carealign_status carealign__acc_add_weighted_count(carealign_acc *acc, uint64_t successes,
                                                   uint64_t n, double w)
{
    const int fast = acc != NULL && (acc->flags & CAREALIGN_ACC_WEIGHTED) &&
                     acc->kind == CAREALIGN_ACC_PROPORTION;
    for (uint64_t i = 0; i < n; i++) {
        double x = i < successes ? 1.0 : 0.0;
        if (fast && weighted_one(acc, x, w))
            continue;
        carealign_status st = carealign_acc_add(acc, x, w);
        if (st != CAREALIGN_OK)
            return st;
    }
    return CAREALIGN_OK;
}

carealign_status carealign__acc_add_band1(carealign_acc *acc, int32_t band, double events)
{
    uint64_t e;
    carealign__u128 next;
    if (acc != NULL && acc->kind == CAREALIGN_ACC_DSR && band >= 0 &&
        (uint32_t)band < acc->n_bands && carealign__acc_to_whole(events, &e) &&
        acc->st.n != UINT64_MAX &&
        !carealign__u128_add(&next, acc->band_events[band], carealign__u128_from_u64(e))) {
        acc->band_events[band] = next;
        acc->st.n++;
        return CAREALIGN_OK;
    }
    return carealign_acc_add_band(acc, band, events);
}

const double *carealign__acc_standard(const carealign_acc *acc)
{
    return acc != NULL ? acc->standard : NULL;
}

/* ---- one record into many accumulators ----------------------------------
 *
 * A record's grid units, squares and products are computed once for the
 * parameters (kind, flags, scale) of the accumulator it is first added to,
 * and reused for every accumulator of those parameters until the record or
 * the parameters change: the same fields change as in the one-record paths
 * above, by the same integer sums. Any other add (another kind, an
 * overflow, a value off the fast path) takes the one-record path itself. */

/* How r is added to accumulators of kind, scale and flags (its grid
 * units, squares and products computed for them). */
static int rec_how(carealign__acc_rec *r, int32_t kind, int32_t iscale, uint32_t flags)
{
    const double scale = (double)iscale;
    if (r->op == CAREALIGN__REC_WEIGHTED)
        return (flags & CAREALIGN_ACC_WEIGHTED) &&
                       weighted_prepare(&r->wrec, kind, iscale, r->a, r->b)
                   ? CAREALIGN__HOW_WEIGHTED
                   : CAREALIGN__HOW_NONE;
    if (flags & CAREALIGN_ACC_WEIGHTED)
        return CAREALIGN__HOW_NONE;
    switch (r->op) {
    case CAREALIGN__REC_VALUE:
        switch (kind) {
        case CAREALIGN_ACC_MEAN:
        case CAREALIGN_ACC_TOTAL:
            if (!carealign__acc_to_grid(r->a, scale, &r->u))
                return CAREALIGN__HOW_NONE;
            r->su = carealign__i128_from_i64(r->u);
            r->sq = carealign__square64(r->u);
            return r->u >= 0 && r->u <= INT64_C(0xffffffff) ? CAREALIGN__HOW_GRID_SMALL
                                                            : CAREALIGN__HOW_GRID;
        case CAREALIGN_ACC_PROPORTION:
            r->e = r->a == 1;
            return r->a == 0 || r->a == 1 ? CAREALIGN__HOW_ONE : CAREALIGN__HOW_NONE;
        case CAREALIGN_ACC_RATE:
            if (!(flags & CAREALIGN_ACC_DENOMINATOR_SET) || !carealign__acc_to_whole(r->a, &r->e))
                return CAREALIGN__HOW_NONE;
            r->se = carealign__u128_from_u64(r->e);
            return CAREALIGN__HOW_EVENTS;
        default: return CAREALIGN__HOW_NONE;
        }
    case CAREALIGN__REC_PAIR:
        switch (kind) {
        case CAREALIGN_ACC_RATE: {
            int64_t t;
            if ((flags & CAREALIGN_ACC_DENOMINATOR_SET) || !carealign__acc_to_whole(r->a, &r->e) ||
                !carealign__acc_to_grid(r->b, scale, &t) || t < 0)
                return CAREALIGN__HOW_NONE;
            r->se = carealign__u128_from_u64(r->e);
            r->se2 = carealign__u128_from_u64((uint64_t)t);
            return CAREALIGN__HOW_RATE;
        }
        case CAREALIGN_ACC_CHANGE: {
            int64_t ua, ub;
            if (!carealign__acc_to_grid(r->a, scale, &ua) ||
                !carealign__acc_to_grid(r->b, scale, &ub))
                return CAREALIGN__HOW_NONE;
            r->u = ub - ua;
            r->su = carealign__i128_from_i64(r->u);
            r->sq = carealign__square64(r->u);
            return CAREALIGN__HOW_CHANGE;
        }
        case CAREALIGN_ACC_TOTAL:
            if (!carealign__acc_to_grid(r->a, scale, &r->u) ||
                !carealign__acc_to_whole(r->b, &r->e))
                return CAREALIGN__HOW_NONE;
            r->su = carealign__i128_from_i64(r->u);
            r->sq = carealign__square64(r->u);
            r->se = carealign__u128_from_u64(r->e);
            r->se2 = carealign__u128_mul64(r->e, r->e);
            r->sae = carealign__i128_mul64(r->u, (int64_t)r->e);
            return CAREALIGN__HOW_TOTAL;
        default: return CAREALIGN__HOW_NONE;
        }
    default: /* CAREALIGN__REC_COUNT */
        return kind == CAREALIGN_ACC_PROPORTION && r->successes <= r->n ? CAREALIGN__HOW_COUNT
                                                                        : CAREALIGN__HOW_NONE;
    }
}

void carealign__acc_rec_prepare(carealign__acc_rec *r, int32_t kind, int32_t scale, uint32_t flags)
{
    r->kind = kind;
    r->scale = scale;
    r->flags = flags;
    r->how = rec_how(r, kind, scale, flags);
    r->prepared = 1;
}

/* The record's one-record call. */
static carealign_status rec_call(carealign_acc *acc, const carealign__acc_rec *r)
{
    switch (r->op) {
    case CAREALIGN__REC_VALUE: return carealign__acc_add1(acc, r->a);
    case CAREALIGN__REC_PAIR: return carealign__acc_add_pair1(acc, r->a, r->b);
    case CAREALIGN__REC_WEIGHTED: return carealign__acc_add_weighted1(acc, r->a, r->b);
    default: return carealign__acc_add_count(acc, r->successes, r->n);
    }
}

carealign_status carealign__acc_add_rec_slow(carealign_acc *acc, carealign__acc_rec *r)
{
    if (acc == NULL)
        return rec_call(acc, r);
    if (!r->prepared || acc->kind != r->kind || acc->scale != r->scale || acc->flags != r->flags)
        carealign__acc_rec_prepare(r, acc->kind, acc->scale, acc->flags);
    carealign__acc_state *s = &acc->st;
    if (carealign__acc_rec_apply_common(s, r))
        return CAREALIGN_OK;
    carealign__u128 sum, sq, a, b, c;
    switch (r->how) {
    case CAREALIGN__HOW_EVENTS:
        if (s->n == UINT64_MAX || carealign__fast_u128_add(&a, s->events, r->se))
            break;
        s->events = a;
        s->n++;
        return CAREALIGN_OK;
    case CAREALIGN__HOW_CHANGE: {
        uint64_t *bucket = carealign__acc_change_bucket(acc, s, r->u);
        if (*bucket == UINT64_MAX || s->n == UINT64_MAX ||
            carealign__fast_i128_add(&sum, s->sum, r->su) ||
            carealign__fast_u128_add(&sq, s->sumsq, r->sq))
            break;
        carealign__acc_grid_store(s, r->u, sum, sq);
        (*bucket)++;
        return CAREALIGN_OK;
    }
    case CAREALIGN__HOW_TOTAL:
        if (s->n == UINT64_MAX || carealign__fast_i128_add(&sum, s->sum, r->su) ||
            carealign__fast_u128_add(&sq, s->sumsq, r->sq) ||
            carealign__fast_u128_add(&a, s->sum_e, r->se) ||
            carealign__fast_u128_add(&b, s->sum_e2, r->se2) ||
            carealign__fast_i128_add(&c, s->sum_ae, r->sae))
            break;
        carealign__acc_grid_store(s, r->u, sum, sq);
        s->sum_e = a;
        s->sum_e2 = b;
        s->sum_ae = c;
        return CAREALIGN_OK;
    case CAREALIGN__HOW_WEIGHTED:
        if (!carealign__acc_weighted_apply(s, r->kind == CAREALIGN_ACC_PROPORTION, &r->wrec))
            break;
        return CAREALIGN_OK;
    default: break;
    }
    return rec_call(acc, r);
}
