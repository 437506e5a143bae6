/* Fast paths of lib/accum for callers inside the library that add one
 * record at a time (the scorecard engine). Never installed. The commonest
 * adds of a prepared record are inline here, so this header exposes the
 * accumulator's representation (accum_impl.h) to its includers.
 *
 * Each function leaves the accumulator in exactly the state the public call
 * named beside it would (exact kinds keep integer sums, so adding one record
 * straight into the state equals building a one-record delta and merging
 * it). Anything off the fast path (a weighted accumulator, NaN, a value off
 * the grid, an overflow, DISTRIBUTION or DSR) goes through the public call,
 * which gives its usual error. Not thread-safe on one accumulator. */
#ifndef CAREALIGN_ACCUM_FAST_H
#define CAREALIGN_ACCUM_FAST_H

#include <stdint.h>
#include <string.h>

#include "carealign/accum.h"
#include "core/bits.h"
#include "accum/accum_impl.h"
#include "accum/wide.h"

/* As carealign_acc_add(acc, value, 1.0). */
carealign_status carealign__acc_add1(carealign_acc *acc, double value);

/* As carealign_acc_add_pair(acc, a, b). */
carealign_status carealign__acc_add_pair1(carealign_acc *acc, double a, double b);

/* As carealign_acc_add_units() with `successes` ones and `n - successes`
 * zeros on a PROPORTION accumulator (successes <= n). */
carealign_status carealign__acc_add_count(carealign_acc *acc, uint64_t successes, uint64_t n);

/* One record to add to many accumulators: a value (as carealign__acc_add1),
 * a pair (as carealign__acc_add_pair1), a count (as
 * carealign__acc_add_count) or a weighted value (as
 * carealign__acc_add_weighted1). Set it with carealign__acc_rec_value,
 * _pair, _count or _weighted, which keep what carealign__acc_add_rec
 * prepared (grid units, squares, products) when the record is the same as
 * before (bit for bit); the other fields are carealign__acc_add_rec's.
 * Zero it before first use. */
enum {
    CAREALIGN__REC_VALUE = 1,
    CAREALIGN__REC_PAIR,
    CAREALIGN__REC_COUNT,
    CAREALIGN__REC_WEIGHTED /* a value a of weight b (as carealign__acc_add_weighted1) */
};

/* A weighted record prepared for a weighted PROPORTION or MEAN (fast.c):
 * carealign_acc_add's one-record delta {w, w^2, w x, w x^2}, x in grid
 * units, its min and max u and its success (x == 1). */
typedef struct carealign__acc_wrec {
    double w, ww, wx, wxx;
    int64_t u;
    uint64_t one;
} carealign__acc_wrec;

typedef struct carealign__acc_rec {
    int32_t op; /* CAREALIGN__REC_*, 0 none */
    int32_t prepared;
    double a, b;           /* VALUE: a; PAIR: a, b; WEIGHTED: value a, weight b */
    uint64_t successes, n; /* COUNT */
    int32_t kind, scale;   /* the parameters prepared for */
    uint32_t flags;
    int32_t how; /* how it is added to them (fast.c) */
    int64_t u;
    uint64_t e;
    carealign__u128 su, sq, se, se2, sae; /* su = u; RATE: se = e, se2 below 2^64 */
    carealign__acc_wrec wrec;
} carealign__acc_rec;

static inline int carealign__acc_same_bits(double x, double y)
{
    return memcmp(&x, &y, sizeof x) == 0;
}

static inline void carealign__acc_rec_value(carealign__acc_rec *r, double value)
{
    if (r->op != CAREALIGN__REC_VALUE || !carealign__acc_same_bits(r->a, value)) {
        r->op = CAREALIGN__REC_VALUE;
        r->a = value;
        r->prepared = 0;
    }
}

static inline void carealign__acc_rec_pair(carealign__acc_rec *r, double a, double b)
{
    if (r->op != CAREALIGN__REC_PAIR || !carealign__acc_same_bits(r->a, a) ||
        !carealign__acc_same_bits(r->b, b)) {
        r->op = CAREALIGN__REC_PAIR;
        r->a = a;
        r->b = b;
        r->prepared = 0;
    }
}

static inline void carealign__acc_rec_count(carealign__acc_rec *r, uint64_t successes, uint64_t n)
{
    if (r->op != CAREALIGN__REC_COUNT || r->successes != successes || r->n != n) {
        r->op = CAREALIGN__REC_COUNT;
        r->successes = successes;
        r->n = n;
        r->prepared = 0;
    }
}

static inline void carealign__acc_rec_weighted(carealign__acc_rec *r, double x, double w)
{
    if (r->op != CAREALIGN__REC_WEIGHTED || !carealign__acc_same_bits(r->a, x) ||
        !carealign__acc_same_bits(r->b, w)) {
        r->op = CAREALIGN__REC_WEIGHTED;
        r->a = x;
        r->b = w;
        r->prepared = 0;
    }
}

/* How a prepared record is added (carealign__acc_rec.how). */
enum {
    CAREALIGN__HOW_NONE,      /* the one-record call */
    CAREALIGN__HOW_GRID,      /* MEAN or TOTAL: a value */
    CAREALIGN__HOW_ONE,       /* PROPORTION: a value 0 or 1 */
    CAREALIGN__HOW_EVENTS,    /* RATE with a set denominator: events */
    CAREALIGN__HOW_RATE,      /* RATE: events and person-time */
    CAREALIGN__HOW_CHANGE,    /* CHANGE: before and after */
    CAREALIGN__HOW_TOTAL,     /* TOTAL: an amount and exposure days */
    CAREALIGN__HOW_COUNT,     /* PROPORTION: successes of n */
    CAREALIGN__HOW_WEIGHTED,  /* a weighted PROPORTION or MEAN: a value and its weight */
    CAREALIGN__HOW_GRID_SMALL /* as GRID, a value of 0 <= u < 2^32 grid units (its square
                                 below 2^64): 64-bit operands */
};

/* 128-bit adds with the compiler's overflow checks where it has 128-bit
 * integers: the same results and overflow conditions as wide.h's
 * carealign__u128_add and carealign__i128_add (1 on overflow, *r alone). */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 carealign__fast_u128n;
__extension__ typedef __int128 carealign__fast_i128n;

static inline int carealign__fast_u128_add(carealign__u128 *r, carealign__u128 a, carealign__u128 b)
{
    carealign__fast_u128n x = ((carealign__fast_u128n)a.hi << 64) | a.lo,
                          y = ((carealign__fast_u128n)b.hi << 64) | b.lo, z;
    if (__builtin_add_overflow(x, y, &z))
        return 1;
    r->lo = (uint64_t)z;
    r->hi = (uint64_t)(z >> 64);
    return 0;
}

static inline int carealign__fast_i128_add(carealign__u128 *r, carealign__u128 a, carealign__u128 b)
{
    carealign__fast_i128n x = (carealign__fast_i128n)(((carealign__fast_u128n)a.hi << 64) | a.lo),
                          y = (carealign__fast_i128n)(((carealign__fast_u128n)b.hi << 64) | b.lo),
                          z;
    if (__builtin_add_overflow(x, y, &z))
        return 1;
    r->lo = (uint64_t)z;
    r->hi = (uint64_t)((carealign__fast_u128n)z >> 64);
    return 0;
}
#else
#define carealign__fast_u128_add carealign__u128_add
#define carealign__fast_i128_add carealign__i128_add
#endif

/* a + b for an unsigned 128-bit a and a 64-bit b: the same result and
 * overflow condition as carealign__u128_add(r, a, carealign__u128_from_u64(b))
 * (1 on overflow, *r alone), in a few 64-bit operations. */
static inline int carealign__fast_u128_add64(carealign__u128 *r, carealign__u128 a, uint64_t b)
{
    const uint64_t lo = a.lo + b;
    const uint64_t hi = a.hi + (lo < b);
    if (hi < a.hi)
        return 1;
    r->lo = lo;
    r->hi = hi;
    return 0;
}

/* a + b for a signed 128-bit a and b sign-extended: as
 * carealign__i128_add(r, a, carealign__i128_from_i64(b)). */
static inline int carealign__fast_i128_add64(carealign__u128 *r, carealign__u128 a, int64_t b)
{
    const uint64_t bl = (uint64_t)b, bh = b < 0 ? UINT64_MAX : 0;
    const uint64_t lo = a.lo + bl;
    const uint64_t hi = a.hi + bh + (lo < bl);
    if (((a.hi ^ hi) & (bh ^ hi)) >> 63)
        return 1;
    r->lo = lo;
    r->hi = hi;
    return 0;
}

/* a + b for a signed 128-bit a and 0 <= b < 2^63: as
 * carealign__fast_i128_add64(r, a, (int64_t)b), its sign known. */
static inline int carealign__fast_i128_add64p(carealign__u128 *r, carealign__u128 a, uint64_t b)
{
    const uint64_t lo = a.lo + b;
    const uint64_t hi = a.hi + (lo < b);
    if ((~a.hi & hi) >> 63) /* a >= 0 and the sum < 0 */
        return 1;
    r->lo = lo;
    r->hi = hi;
    return 0;
}

/* a + b unsigned, 128 bits each: as carealign__u128_add, in 64-bit
 * operations. */
static inline int carealign__fast_u128_add2(carealign__u128 *r, carealign__u128 a,
                                            carealign__u128 b)
{
    const uint64_t lo = a.lo + b.lo;
    const uint64_t t = a.hi + b.hi;
    const uint64_t hi = t + (lo < b.lo);
    if (t < a.hi || hi < t)
        return 1;
    r->lo = lo;
    r->hi = hi;
    return 0;
}

/* Apply record r (prepared for s's accumulator) to s when it is one of
 * the common kinds (grid value, one success or not, rate pair, count): 1
 * when applied, 0 for the other kinds and on overflow (s unchanged). */
static inline int carealign__acc_rec_apply_common(carealign__acc_state *s,
                                                  const carealign__acc_rec *r)
{
    carealign__u128 x, y;
    switch (r->how) {
    case CAREALIGN__HOW_GRID:
        if (s->n == UINT64_MAX || carealign__fast_i128_add64(&x, s->sum, r->u) ||
            carealign__fast_u128_add2(&y, s->sumsq, r->sq))
            return 0;
        carealign__acc_grid_store(s, r->u, x, y);
        return 1;
    case CAREALIGN__HOW_GRID_SMALL:
        if (s->n == UINT64_MAX || carealign__fast_i128_add64p(&x, s->sum, (uint64_t)r->u) ||
            carealign__fast_u128_add64(&y, s->sumsq, r->sq.lo))
            return 0;
        carealign__acc_grid_store(s, r->u, x, y);
        return 1;
    case CAREALIGN__HOW_ONE:
        if (s->n == UINT64_MAX)
            return 0;
        s->successes += r->e;
        s->n++;
        return 1;
    case CAREALIGN__HOW_RATE:
        if (s->n == UINT64_MAX || carealign__fast_u128_add64(&x, s->events, r->se.lo) ||
            carealign__fast_u128_add64(&y, s->exposure, r->se2.lo))
            return 0;
        s->events = x;
        s->exposure = y;
        s->n++;
        return 1;
    case CAREALIGN__HOW_COUNT:
        if (s->n > UINT64_MAX - r->n || s->successes > UINT64_MAX - r->successes)
            return 0;
        s->n += r->n;
        s->successes += r->successes;
        return 1;
    default: return 0;
    }
}

/* Start loading the cache line of acc's state that a one-record add of a
 * common kind touches (its n is in it, for every kind: accum_impl.h), so
 * that an add to it soon after need not wait. Does nothing where the
 * compiler has no prefetch. */
static inline void carealign__acc_prefetch(const carealign_acc *acc)
{
    carealign__prefetch_write(&acc->st.n);
}

/* carealign__nsum_finite(a) in one test: a.s + a.c is finite only when
 * a.s and a.c are too (an infinite or NaN operand gives an infinite or
 * NaN sum), so the test of the sum alone is the test of all three. */
static inline int carealign__fast_nsum_finite(carealign__nsum a)
{
    return carealign__is_finite(a.s + a.c);
}

/* Weighted record p (prepared for s's accumulator's kind: PROPORTION when
 * `proportion`, else MEAN) straight into the state of a weighted
 * accumulator, as state_merge merges its one-record delta; 0 (state
 * unchanged) when the public call must decide. */
static inline int carealign__acc_weighted_apply(carealign__acc_state *s, int proportion,
                                                const carealign__acc_wrec *p)
{
    if (s->n == UINT64_MAX)
        return 0;
    carealign__nsum nw = carealign__nsum_add(s->w, p->w);
    carealign__nsum nw2 = carealign__nsum_add(s->w2, p->ww);
    carealign__nsum nwx = carealign__nsum_add(s->wx, p->wx);
    carealign__nsum nwxx = proportion ? s->wxx : carealign__nsum_add(s->wxx, p->wxx);
    if (!carealign__fast_nsum_finite(nw) || !carealign__fast_nsum_finite(nw2) ||
        !carealign__fast_nsum_finite(nwx) || !carealign__fast_nsum_finite(nwxx))
        return 0;
    s->w = nw;
    s->w2 = nw2;
    s->wx = nwx;
    s->wxx = nwxx;
    s->successes += p->one;
    if (s->n == 0 || p->u < s->min)
        s->min = p->u;
    if (s->n == 0 || p->u > s->max)
        s->max = p->u;
    s->n++;
    return 1;
}

/* Apply record r (prepared for s's accumulator) to s when it is one of
 * the common kinds (carealign__acc_rec_apply_common) or a weighted one
 * (carealign__acc_weighted_apply): 1 when applied, 0 otherwise (s
 * unchanged). */
static inline int carealign__acc_rec_apply(carealign__acc_state *s, const carealign__acc_rec *r)
{
    return carealign__acc_rec_apply_common(s, r) ||
           (r->how == CAREALIGN__HOW_WEIGHTED &&
            carealign__acc_weighted_apply(s, r->kind == CAREALIGN_ACC_PROPORTION, &r->wrec));
}

/* Prepare r (set) for accumulators of kind, scale and flags, as
 * carealign__acc_add_rec would at its first add to one of them: its
 * kind, scale, flags and how set, prepared 1. */
void carealign__acc_rec_prepare(carealign__acc_rec *r, int32_t kind, int32_t scale, uint32_t flags);

/* carealign__acc_add_rec's other paths: preparing r for acc's parameters,
 * the less common kinds, the one-record call. */
carealign_status carealign__acc_add_rec_slow(carealign_acc *acc, carealign__acc_rec *r);

/* Add record r (set) to acc exactly as its one-record call would, with the
 * same status and error. Not thread-safe on one record. The common kinds
 * inline; the rest in carealign__acc_add_rec_slow. */
static inline carealign_status carealign__acc_add_rec(carealign_acc *acc, carealign__acc_rec *r)
{
    if (acc != NULL && r->prepared && acc->kind == r->kind && acc->scale == r->scale &&
        acc->flags == r->flags && carealign__acc_rec_apply(&acc->st, r))
        return CAREALIGN_OK;
    return carealign__acc_add_rec_slow(acc, r);
}

/* As carealign_acc_add(acc, x, w) (a weighted PROPORTION or MEAN). */
carealign_status carealign__acc_add_weighted1(carealign_acc *acc, double x, double w);

/* As carealign_acc_add(acc, i < successes ? 1 : 0, w) for i = 0 .. n - 1
 * in that order, stopping at the first error (a weighted PROPORTION). */
carealign_status carealign__acc_add_weighted_count(carealign_acc *acc, uint64_t successes,
                                                   uint64_t n, double w);

/* As carealign_acc_add_band(acc, band, events). */
carealign_status carealign__acc_add_band1(carealign_acc *acc, int32_t band, double events);

/* A DSR accumulator's custom standard (n_bands weights) or NULL: the
 * `standard` carealign_acc_get_params gives, without the copy. */
const double *carealign__acc_standard(const carealign_acc *acc);

#endif /* CAREALIGN_ACCUM_FAST_H */
