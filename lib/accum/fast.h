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

#endif /* CAREALIGN_ACCUM_FAST_H */
