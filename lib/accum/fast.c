/* One-record fast paths for the scorecard engine (see fast.h). */
#include <string.h>

#include "core/internal.h"
#include "accum/accum_impl.h"
#include "accum/fast.h"

/* As accum.c's to_grid: value * scale within 1e-9 of an integer of magnitude
 * at most 2^53. */
static int fast_grid(double x, double scale, int64_t *u)
{
    double y = x * scale;
    if (!(y >= -CAREALIGN__GRID_MAX && y <= CAREALIGN__GRID_MAX))
        return 0;
    int64_t r = (int64_t)y;
    double f = y - (double)r;
    if (f > 0.5) {
        r++;
        f -= 1.0;
    } else if (f < -0.5) {
        r--;
        f += 1.0;
    }
    if (f > 1e-9 || f < -1e-9)
        return 0;
    *u = r;
    return 1;
}

static int fast_whole(double x, uint64_t *u)
{
    if (!(x >= 0 && x <= CAREALIGN__GRID_MAX))
        return 0;
    uint64_t r = (uint64_t)x;
    if ((double)r != x)
        return 0;
    *u = r;
    return 1;
}

/* s += one grid value; 1 on overflow (s unchanged). */
static int fast_grid_into(carealign__acc_state *s, int64_t u)
{
    carealign__u128 sum, sq;
    if (s->n == UINT64_MAX || carealign__i128_add(&sum, s->sum, carealign__i128_from_i64(u)) ||
        carealign__u128_add(&sq, s->sumsq, carealign__square64(u)))
        return 1;
    s->sum = sum;
    s->sumsq = sq;
    if (s->n == 0 || u < s->min)
        s->min = u;
    if (s->n == 0 || u > s->max)
        s->max = u;
    s->n++;
    return 0;
}

carealign_status carealign__acc_add1(carealign_acc *acc, double value)
{
    if (acc != NULL && !(acc->flags & CAREALIGN_ACC_WEIGHTED)) {
        carealign__acc_state s = acc->st;
        int ok = 0;
        switch (acc->kind) {
        case CAREALIGN_ACC_MEAN:
        case CAREALIGN_ACC_TOTAL: {
            int64_t u;
            ok = fast_grid(value, (double)acc->scale, &u) && !fast_grid_into(&s, u);
            break;
        }
        case CAREALIGN_ACC_PROPORTION:
            ok = (value == 0 || value == 1) && s.n != UINT64_MAX;
            if (ok) {
                s.successes += value == 1;
                s.n++;
            }
            break;
        case CAREALIGN_ACC_RATE: {
            uint64_t e;
            ok = (acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) && fast_whole(value, &e) &&
                 s.n != UINT64_MAX &&
                 !carealign__u128_add(&s.events, s.events, carealign__u128_from_u64(e));
            if (ok)
                s.n++;
            break;
        }
        default: break;
        }
        if (ok) {
            acc->st = s;
            return CAREALIGN_OK;
        }
    }
    return carealign_acc_add(acc, value, 1.0);
}

carealign_status carealign__acc_add_pair1(carealign_acc *acc, double a, double b)
{
    if (acc != NULL) {
        carealign__acc_state s = acc->st;
        int ok = 0;
        switch (acc->kind) {
        case CAREALIGN_ACC_RATE: {
            uint64_t e;
            int64_t t;
            ok = !(acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) && fast_whole(a, &e) &&
                 fast_grid(b, (double)acc->scale, &t) && t >= 0 && s.n != UINT64_MAX &&
                 !carealign__u128_add(&s.events, s.events, carealign__u128_from_u64(e)) &&
                 !carealign__u128_add(&s.exposure, s.exposure,
                                      carealign__u128_from_u64((uint64_t)t));
            if (ok)
                s.n++;
            break;
        }
        case CAREALIGN_ACC_CHANGE: {
            int64_t ua, ub;
            ok = fast_grid(a, (double)acc->scale, &ua) && fast_grid(b, (double)acc->scale, &ub);
            if (!ok)
                break;
            int64_t diff = ub - ua;
            int64_t g = acc->direction < 0 ? -diff : diff;
            uint64_t *bucket;
            if (acc->mid_units == 0 ? g > 0 : g >= acc->mid_units)
                bucket = &s.n_improved;
            else if (acc->mid_units == 0 ? g < 0 : g <= -acc->mid_units)
                bucket = &s.n_deteriorated;
            else
                bucket = &s.n_unchanged;
            ok = *bucket != UINT64_MAX && !fast_grid_into(&s, diff);
            if (ok)
                (*bucket)++;
            break;
        }
        case CAREALIGN_ACC_TOTAL: {
            int64_t u;
            uint64_t e;
            ok = fast_grid(a, (double)acc->scale, &u) && fast_whole(b, &e) &&
                 !fast_grid_into(&s, u) &&
                 !carealign__u128_add(&s.sum_e, s.sum_e, carealign__u128_from_u64(e)) &&
                 !carealign__u128_add(&s.sum_e2, s.sum_e2, carealign__u128_mul64(e, e)) &&
                 !carealign__i128_add(&s.sum_ae, s.sum_ae, carealign__i128_mul64(u, (int64_t)e));
            break;
        }
        default: break;
        }
        if (ok) {
            acc->st = s;
            return CAREALIGN_OK;
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
