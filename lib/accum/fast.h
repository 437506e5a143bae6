/* Fast paths of lib/accum for callers inside the library that add one
 * record at a time (the scorecard engine). Never installed.
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
#include "accum/wide.h"

/* As carealign_acc_add(acc, value, 1.0). */
carealign_status carealign__acc_add1(carealign_acc *acc, double value);

/* As carealign_acc_add_pair(acc, a, b). */
carealign_status carealign__acc_add_pair1(carealign_acc *acc, double a, double b);

/* As carealign_acc_add_units() with `successes` ones and `n - successes`
 * zeros on a PROPORTION accumulator (successes <= n). */
carealign_status carealign__acc_add_count(carealign_acc *acc, uint64_t successes, uint64_t n);

/* One record to add to many accumulators: a value (as carealign__acc_add1),
 * a pair (as carealign__acc_add_pair1) or a count (as
 * carealign__acc_add_count). Set it with carealign__acc_rec_value, _pair or
 * _count, which keep what carealign__acc_add_rec prepared (grid units,
 * squares, products) when the record is the same as before; the other
 * fields are carealign__acc_add_rec's. Zero it before first use. */
enum { CAREALIGN__REC_VALUE = 1, CAREALIGN__REC_PAIR, CAREALIGN__REC_COUNT };

typedef struct carealign__acc_rec {
    int32_t op; /* CAREALIGN__REC_*, 0 none */
    int32_t prepared;
    double a, b;           /* VALUE: a; PAIR: a, b */
    uint64_t successes, n; /* COUNT */
    int32_t kind, scale;   /* the parameters prepared for */
    uint32_t flags;
    int32_t how; /* how it is added to them (fast.c) */
    int64_t u;
    uint64_t e;
    carealign__u128 su, sq, se, se2, sae;
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

/* Add record r (set) to acc exactly as its one-record call would, with the
 * same status and error. Not thread-safe on one record. */
carealign_status carealign__acc_add_rec(carealign_acc *acc, carealign__acc_rec *r);

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
