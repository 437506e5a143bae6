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

/* Store what grid_next computed (n, sum, sum of squares, min, max). */
static inline void grid_store(carealign__acc_state *s, int64_t u, carealign__u128 sum,
                              carealign__u128 sq)
{
    s->sum = sum;
    s->sumsq = sq;
    if (s->n == 0 || u < s->min)
        s->min = u;
    if (s->n == 0 || u > s->max)
        s->max = u;
    s->n++;
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
                grid_store(s, u, sum, sq);
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
                grid_store(s, diff, sum, sq);
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
                grid_store(s, u, sum, sq);
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

/* ---- one record into many accumulators ----------------------------------
 *
 * A record's grid units, squares and products are computed once for the
 * parameters (kind, flags, scale) of the accumulator it is first added to,
 * and reused for every accumulator of those parameters until the record or
 * the parameters change: the same fields change as in the one-record paths
 * above, by the same integer sums. Any other add (another kind, an
 * overflow, a value off the fast path) takes the one-record path itself. */

/* 128-bit adds with the compiler's overflow checks where it has 128-bit
 * integers: the same results and overflow conditions as wide.h's. */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 u128n;
__extension__ typedef __int128 i128n;

static inline int u128_add(carealign__u128 *r, carealign__u128 a, carealign__u128 b)
{
    u128n x = ((u128n)a.hi << 64) | a.lo, y = ((u128n)b.hi << 64) | b.lo, z;
    if (__builtin_add_overflow(x, y, &z))
        return 1;
    r->lo = (uint64_t)z;
    r->hi = (uint64_t)(z >> 64);
    return 0;
}

static inline int i128_add(carealign__u128 *r, carealign__u128 a, carealign__u128 b)
{
    i128n x = (i128n)(((u128n)a.hi << 64) | a.lo), y = (i128n)(((u128n)b.hi << 64) | b.lo), z;
    if (__builtin_add_overflow(x, y, &z))
        return 1;
    r->lo = (uint64_t)z;
    r->hi = (uint64_t)((u128n)z >> 64);
    return 0;
}
#else
#define u128_add carealign__u128_add
#define i128_add carealign__i128_add
#endif

/* How a prepared record is added (rec->how). */
enum {
    HOW_NONE,   /* the one-record call */
    HOW_GRID,   /* MEAN or TOTAL: a value */
    HOW_ONE,    /* PROPORTION: a value 0 or 1 */
    HOW_EVENTS, /* RATE with a set denominator: events */
    HOW_RATE,   /* RATE: events and person-time */
    HOW_CHANGE, /* CHANGE: before and after */
    HOW_TOTAL,  /* TOTAL: an amount and exposure days */
    HOW_COUNT   /* PROPORTION: successes of n */
};

static int rec_how(carealign__acc_rec *r, const carealign_acc *acc)
{
    const double scale = (double)acc->scale;
    if (acc->flags & CAREALIGN_ACC_WEIGHTED)
        return HOW_NONE;
    switch (r->op) {
    case CAREALIGN__REC_VALUE:
        switch (acc->kind) {
        case CAREALIGN_ACC_MEAN:
        case CAREALIGN_ACC_TOTAL:
            if (!carealign__acc_to_grid(r->a, scale, &r->u))
                return HOW_NONE;
            r->su = carealign__i128_from_i64(r->u);
            r->sq = carealign__square64(r->u);
            return HOW_GRID;
        case CAREALIGN_ACC_PROPORTION:
            r->e = r->a == 1;
            return r->a == 0 || r->a == 1 ? HOW_ONE : HOW_NONE;
        case CAREALIGN_ACC_RATE:
            if (!(acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) ||
                !carealign__acc_to_whole(r->a, &r->e))
                return HOW_NONE;
            r->se = carealign__u128_from_u64(r->e);
            return HOW_EVENTS;
        default: return HOW_NONE;
        }
    case CAREALIGN__REC_PAIR:
        switch (acc->kind) {
        case CAREALIGN_ACC_RATE: {
            int64_t t;
            if ((acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) ||
                !carealign__acc_to_whole(r->a, &r->e) || !carealign__acc_to_grid(r->b, scale, &t) ||
                t < 0)
                return HOW_NONE;
            r->se = carealign__u128_from_u64(r->e);
            r->se2 = carealign__u128_from_u64((uint64_t)t);
            return HOW_RATE;
        }
        case CAREALIGN_ACC_CHANGE: {
            int64_t ua, ub;
            if (!carealign__acc_to_grid(r->a, scale, &ua) ||
                !carealign__acc_to_grid(r->b, scale, &ub))
                return HOW_NONE;
            r->u = ub - ua;
            r->su = carealign__i128_from_i64(r->u);
            r->sq = carealign__square64(r->u);
            return HOW_CHANGE;
        }
        case CAREALIGN_ACC_TOTAL:
            if (!carealign__acc_to_grid(r->a, scale, &r->u) ||
                !carealign__acc_to_whole(r->b, &r->e))
                return HOW_NONE;
            r->su = carealign__i128_from_i64(r->u);
            r->sq = carealign__square64(r->u);
            r->se = carealign__u128_from_u64(r->e);
            r->se2 = carealign__u128_mul64(r->e, r->e);
            r->sae = carealign__i128_mul64(r->u, (int64_t)r->e);
            return HOW_TOTAL;
        default: return HOW_NONE;
        }
    default: /* CAREALIGN__REC_COUNT */
        return acc->kind == CAREALIGN_ACC_PROPORTION && r->successes <= r->n ? HOW_COUNT : HOW_NONE;
    }
}

/* The record's one-record call. */
static carealign_status rec_call(carealign_acc *acc, const carealign__acc_rec *r)
{
    switch (r->op) {
    case CAREALIGN__REC_VALUE: return carealign__acc_add1(acc, r->a);
    case CAREALIGN__REC_PAIR: return carealign__acc_add_pair1(acc, r->a, r->b);
    default: return carealign__acc_add_count(acc, r->successes, r->n);
    }
}

/* Prepare r for acc's parameters, then add it. */
static carealign_status rec_prepare_add(carealign_acc *acc, carealign__acc_rec *r)
{
    if (acc == NULL)
        return rec_call(acc, r);
    r->kind = acc->kind;
    r->scale = acc->scale;
    r->flags = acc->flags;
    r->how = rec_how(r, acc);
    r->prepared = 1;
    return carealign__acc_add_rec(acc, r);
}

carealign_status carealign__acc_add_rec(carealign_acc *acc, carealign__acc_rec *r)
{
    if (acc == NULL || !r->prepared || acc->kind != r->kind || acc->scale != r->scale ||
        acc->flags != r->flags)
        return rec_prepare_add(acc, r);
    carealign__acc_state *s = &acc->st;
    carealign__u128 sum, sq, a, b, c;
    switch (r->how) {
    case HOW_GRID:
        if (s->n == UINT64_MAX || i128_add(&sum, s->sum, r->su) || u128_add(&sq, s->sumsq, r->sq))
            break;
        grid_store(s, r->u, sum, sq);
        return CAREALIGN_OK;
    case HOW_ONE:
        if (s->n == UINT64_MAX)
            break;
        s->successes += r->e;
        s->n++;
        return CAREALIGN_OK;
    case HOW_EVENTS:
        if (s->n == UINT64_MAX || u128_add(&a, s->events, r->se))
            break;
        s->events = a;
        s->n++;
        return CAREALIGN_OK;
    case HOW_RATE:
        if (s->n == UINT64_MAX || u128_add(&a, s->events, r->se) ||
            u128_add(&b, s->exposure, r->se2))
            break;
        s->events = a;
        s->exposure = b;
        s->n++;
        return CAREALIGN_OK;
    case HOW_CHANGE: {
        uint64_t *bucket = carealign__acc_change_bucket(acc, s, r->u);
        if (*bucket == UINT64_MAX || s->n == UINT64_MAX || i128_add(&sum, s->sum, r->su) ||
            u128_add(&sq, s->sumsq, r->sq))
            break;
        grid_store(s, r->u, sum, sq);
        (*bucket)++;
        return CAREALIGN_OK;
    }
    case HOW_TOTAL:
        if (s->n == UINT64_MAX || i128_add(&sum, s->sum, r->su) || u128_add(&sq, s->sumsq, r->sq) ||
            u128_add(&a, s->sum_e, r->se) || u128_add(&b, s->sum_e2, r->se2) ||
            i128_add(&c, s->sum_ae, r->sae))
            break;
        grid_store(s, r->u, sum, sq);
        s->sum_e = a;
        s->sum_e2 = b;
        s->sum_ae = c;
        return CAREALIGN_OK;
    case HOW_COUNT:
        if (s->n > UINT64_MAX - r->n || s->successes > UINT64_MAX - r->successes)
            break;
        s->n += r->n;
        s->successes += r->successes;
        return CAREALIGN_OK;
    default: break;
    }
    return rec_call(acc, r);
}

static int nsum_ok(carealign__nsum a)
{
    return carealign__is_finite(a.s) && carealign__is_finite(a.c) &&
           carealign__is_finite(a.s + a.c);
}

/* One weighted record x (0 or 1 for PROPORTION, grid value for MEAN) of
 * weight w straight into the state, as carealign_acc_add's delta {w, w^2,
 * w x, w x^2} merged by state_merge; 0 (state unchanged) when the public
 * call must decide. */
static int weighted_one(carealign_acc *acc, double x, double w)
{
    carealign__acc_state *s = &acc->st;
    if (carealign__is_nan(x) || !(w >= 0 && carealign__is_finite(w)) || s->n == UINT64_MAX)
        return 0;
    const int proportion = acc->kind == CAREALIGN_ACC_PROPORTION;
    double gx;
    int64_t u = 0; /* the delta's min and max: 0 for PROPORTION (never set) */
    if (proportion) {
        if (x != 0 && x != 1)
            return 0;
        gx = x;
    } else {
        if (!carealign__acc_to_grid(x, (double)acc->scale, &u))
            return 0;
        gx = (double)u;
    }
    w += 0.0; /* -0 -> +0 */
    carealign__nsum nw = carealign__nsum_add(s->w, w);
    carealign__nsum nw2 = carealign__nsum_add(s->w2, w * w);
    carealign__nsum nwx = carealign__nsum_add(s->wx, w * gx);
    carealign__nsum nwxx = proportion ? s->wxx : carealign__nsum_add(s->wxx, (w * gx) * gx);
    if (!nsum_ok(nw) || !nsum_ok(nw2) || !nsum_ok(nwx) || !nsum_ok(nwxx))
        return 0;
    s->w = nw;
    s->w2 = nw2;
    s->wx = nwx;
    s->wxx = nwxx;
    s->successes += proportion && x == 1;
    if (s->n == 0 || u < s->min)
        s->min = u;
    if (s->n == 0 || u > s->max)
        s->max = u;
    s->n++;
    return 1;
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
