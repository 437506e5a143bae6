/* Pins the layout of the public structs of stats section A (see
 * lib/core/layout.c): a change that moves a field fails the build on gcc,
 * clang and mingw-w64 before it can reach the ABI baseline. */
#include <stddef.h>
#include <stdint.h>

#include "carealign/stats.h"

#define CAREALIGN__PIN_A(type, member, offset)                                                     \
    _Static_assert(offsetof(type, member) == (offset), #type "." #member " moved")
#define CAREALIGN__SIZE_A(type, bytes) _Static_assert(sizeof(type) == (bytes), #type " resized")

CAREALIGN__SIZE_A(carealign_funnel_point, 80);
CAREALIGN__PIN_A(carealign_funnel_point, x, 0);
CAREALIGN__PIN_A(carealign_funnel_point, baseline, 8);
CAREALIGN__PIN_A(carealign_funnel_point, lower_2s, 16);
CAREALIGN__PIN_A(carealign_funnel_point, upper_2s, 24);
CAREALIGN__PIN_A(carealign_funnel_point, lower_3s, 32);
CAREALIGN__PIN_A(carealign_funnel_point, upper_3s, 40);
CAREALIGN__PIN_A(carealign_funnel_point, lower_2s_x, 48);
CAREALIGN__PIN_A(carealign_funnel_point, upper_2s_x, 56);
CAREALIGN__PIN_A(carealign_funnel_point, lower_3s_x, 64);
CAREALIGN__PIN_A(carealign_funnel_point, upper_3s_x, 72);

CAREALIGN__SIZE_A(carealign_overdispersion, 56);
CAREALIGN__PIN_A(carealign_overdispersion, target, 0);
CAREALIGN__PIN_A(carealign_overdispersion, phi, 8);
CAREALIGN__PIN_A(carealign_overdispersion, tau2, 16);
CAREALIGN__PIN_A(carealign_overdispersion, n_units, 24);
CAREALIGN__PIN_A(carealign_overdispersion, n_used, 32);
CAREALIGN__PIN_A(carealign_overdispersion, data_type, 40);
CAREALIGN__PIN_A(carealign_overdispersion, sr_method, 44);
CAREALIGN__PIN_A(carealign_overdispersion, adjusted, 48);
CAREALIGN__PIN_A(carealign_overdispersion, flags, 52);

#if SIZE_MAX == UINT64_MAX
CAREALIGN__SIZE_A(carealign_overdispersion_options, 32);
CAREALIGN__PIN_A(carealign_overdispersion_options, size, 0);
CAREALIGN__PIN_A(carealign_overdispersion_options, data_type, 8);
CAREALIGN__PIN_A(carealign_overdispersion_options, sr_method, 12);
CAREALIGN__PIN_A(carealign_overdispersion_options, trim, 16);
CAREALIGN__PIN_A(carealign_overdispersion_options, min_units, 24);
#else
CAREALIGN__SIZE_A(carealign_overdispersion_options, 24);
CAREALIGN__PIN_A(carealign_overdispersion_options, data_type, 4);
CAREALIGN__PIN_A(carealign_overdispersion_options, trim, 12);
#endif

/* Keeps the translation unit non-empty without exporting anything. */
typedef int carealign__layout_a_checked;
