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

#include "carealign/accum.h"

/* As carealign_acc_add(acc, value, 1.0). */
carealign_status carealign__acc_add1(carealign_acc *acc, double value);

/* As carealign_acc_add_pair(acc, a, b). */
carealign_status carealign__acc_add_pair1(carealign_acc *acc, double a, double b);

/* As carealign_acc_add_units() with `successes` ones and `n - successes`
 * zeros on a PROPORTION accumulator (successes <= n). */
carealign_status carealign__acc_add_count(carealign_acc *acc, uint64_t successes, uint64_t n);

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
