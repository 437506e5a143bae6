/* One-record fast paths for the scorecard engine (see fast.h). */
#include <string.h>

#include "core/internal.h"
#include "accum/accum_impl.h"
#include "accum/fast.h"

carealign_status carealign__acc_add1(carealign_acc *acc, double value)
{
    if (acc != NULL && !(acc->flags & CAREALIGN_ACC_WEIGHTED)) {
        carealign__acc_state s = acc->st;
        int ok = 0;
        switch (acc->kind) {
        case CAREALIGN_ACC_MEAN:
        case CAREALIGN_ACC_TOTAL: {
            int64_t u;
            ok = carealign__acc_to_grid(value, (double)acc->scale, &u) &&
                 !carealign__acc_state_add_grid(&s, u);
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
            ok = (acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) &&
                 carealign__acc_to_whole(value, &e) && s.n != UINT64_MAX &&
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
            ok = !(acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) && carealign__acc_to_whole(a, &e) &&
                 carealign__acc_to_grid(b, (double)acc->scale, &t) && t >= 0 && s.n != UINT64_MAX &&
                 !carealign__u128_add(&s.events, s.events, carealign__u128_from_u64(e)) &&
                 !carealign__u128_add(&s.exposure, s.exposure,
                                      carealign__u128_from_u64((uint64_t)t));
            if (ok)
                s.n++;
            break;
        }
        case CAREALIGN_ACC_CHANGE: {
            int64_t ua, ub;
            ok = carealign__acc_to_grid(a, (double)acc->scale, &ua) &&
                 carealign__acc_to_grid(b, (double)acc->scale, &ub);
            if (!ok)
                break;
            int64_t diff = ub - ua;
            uint64_t *bucket = carealign__acc_change_bucket(acc, &s, diff);
            ok = *bucket != UINT64_MAX && !carealign__acc_state_add_grid(&s, diff);
            if (ok)
                (*bucket)++;
            break;
        }
        case CAREALIGN_ACC_TOTAL: {
            int64_t u;
            uint64_t e;
            ok = carealign__acc_to_grid(a, (double)acc->scale, &u) &&
                 carealign__acc_to_whole(b, &e) && !carealign__acc_state_add_grid(&s, u) &&
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
