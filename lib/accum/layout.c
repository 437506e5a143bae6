/* Pins the layout of the accumulator layer's public structs (see
 * lib/core/layout.c). */
#include <stddef.h>
#include <stdint.h>

#include "carealign/accum.h"

#define CAREALIGN__PIN(type, member, offset)                                                       \
    _Static_assert(offsetof(type, member) == (offset), #type "." #member " moved")
#define CAREALIGN__SIZE(type, bytes) _Static_assert(sizeof(type) == (bytes), #type " resized")

#if SIZE_MAX == UINT64_MAX
CAREALIGN__SIZE(carealign_acc_params, 96);
CAREALIGN__PIN(carealign_acc_params, size, 0);
CAREALIGN__PIN(carealign_acc_params, kind, 8);
CAREALIGN__PIN(carealign_acc_params, scale, 12);
CAREALIGN__PIN(carealign_acc_params, unit, 16);
CAREALIGN__PIN(carealign_acc_params, direction, 20);
CAREALIGN__PIN(carealign_acc_params, per, 24);
CAREALIGN__PIN(carealign_acc_params, mid, 32);
CAREALIGN__PIN(carealign_acc_params, stdpop, 40);
CAREALIGN__PIN(carealign_acc_params, n_bands, 44);
CAREALIGN__PIN(carealign_acc_params, standard, 48);
CAREALIGN__PIN(carealign_acc_params, flags, 56);
CAREALIGN__PIN(carealign_acc_params, reserved, 60);
CAREALIGN__PIN(carealign_acc_params, context, 64);

CAREALIGN__SIZE(carealign_acc_summary, 136);
CAREALIGN__PIN(carealign_acc_summary, size, 0);
CAREALIGN__PIN(carealign_acc_summary, kind, 8);
CAREALIGN__PIN(carealign_acc_summary, flags, 12);
CAREALIGN__PIN(carealign_acc_summary, n, 16);
CAREALIGN__PIN(carealign_acc_summary, n_missing, 24);
CAREALIGN__PIN(carealign_acc_summary, n_improved, 32);
CAREALIGN__PIN(carealign_acc_summary, n_unchanged, 40);
CAREALIGN__PIN(carealign_acc_summary, n_deteriorated, 48);
CAREALIGN__PIN(carealign_acc_summary, total_units, 56);
CAREALIGN__PIN(carealign_acc_summary, numerator, 64);
CAREALIGN__PIN(carealign_acc_summary, denominator, 72);
CAREALIGN__PIN(carealign_acc_summary, sum_weights, 80);
CAREALIGN__PIN(carealign_acc_summary, sum_weights_sq, 88);
CAREALIGN__PIN(carealign_acc_summary, effective_n, 96);
CAREALIGN__PIN(carealign_acc_summary, min, 104);
CAREALIGN__PIN(carealign_acc_summary, max, 112);
CAREALIGN__PIN(carealign_acc_summary, mean, 120);
CAREALIGN__PIN(carealign_acc_summary, m2, 128);
#endif

/* Keeps the unit non-empty on targets where the asserts are skipped. */
typedef int carealign__accum_layout_checked;
