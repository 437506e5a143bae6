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
