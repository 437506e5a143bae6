/* Pins the layout of every public scorecard struct (LP64 and LLP64), as
 * lib/core/layout.c does for the core. */
#include <stddef.h>
#include <stdint.h>

#include "carealign/scorecard.h"

#define CAREALIGN__PIN(type, member, offset)                                                       \
    _Static_assert(offsetof(type, member) == (offset), #type "." #member " moved")
#define CAREALIGN__SIZE(type, bytes) _Static_assert(sizeof(type) == (bytes), #type " resized")

#if SIZE_MAX == UINT64_MAX
CAREALIGN__SIZE(carealign_scorecard_options, 24);
CAREALIGN__PIN(carealign_scorecard_options, size, 0);
CAREALIGN__PIN(carealign_scorecard_options, flags, 8);
CAREALIGN__PIN(carealign_scorecard_options, reserved, 12);
CAREALIGN__PIN(carealign_scorecard_options, confidence, 16);
CAREALIGN__SIZE(carealign_organisation, 32);
CAREALIGN__PIN(carealign_organisation, size, 0);
CAREALIGN__PIN(carealign_organisation, org, 8);
CAREALIGN__PIN(carealign_organisation, sector, 12);
CAREALIGN__PIN(carealign_organisation, name, 16);
CAREALIGN__PIN(carealign_organisation, name_len, 24);
CAREALIGN__SIZE(carealign_population, 40);
CAREALIGN__PIN(carealign_population, size, 0);
CAREALIGN__PIN(carealign_population, has, 8);
CAREALIGN__PIN(carealign_population, area, 12);
CAREALIGN__PIN(carealign_population, year, 16);
CAREALIGN__PIN(carealign_population, sex, 20);
CAREALIGN__PIN(carealign_population, age_lower, 24);
CAREALIGN__PIN(carealign_population, age_upper, 28);
CAREALIGN__PIN(carealign_population, count, 32);
CAREALIGN__SIZE(carealign_response, 56);
CAREALIGN__PIN(carealign_response, size, 0);
CAREALIGN__PIN(carealign_response, has, 8);
CAREALIGN__PIN(carealign_response, flags, 12);
CAREALIGN__PIN(carealign_response, person, 16);
CAREALIGN__PIN(carealign_response, org, 20);
CAREALIGN__PIN(carealign_response, day, 24);
CAREALIGN__PIN(carealign_response, instrument, 28);
CAREALIGN__PIN(carealign_response, valueset, 32);
CAREALIGN__PIN(carealign_response, n_items, 36);
CAREALIGN__PIN(carealign_response, items, 40);
CAREALIGN__PIN(carealign_response, weight, 48);
CAREALIGN__SIZE(carealign_fft_counts, 72);
CAREALIGN__PIN(carealign_fft_counts, size, 0);
CAREALIGN__PIN(carealign_fft_counts, org, 8);
CAREALIGN__PIN(carealign_fft_counts, month, 12);
CAREALIGN__PIN(carealign_fft_counts, mode, 16);
CAREALIGN__PIN(carealign_fft_counts, has, 20);
CAREALIGN__PIN(carealign_fft_counts, counts, 24);
CAREALIGN__SIZE(carealign_response_columns, 80);
CAREALIGN__PIN(carealign_response_columns, size, 0);
CAREALIGN__PIN(carealign_response_columns, n, 8);
CAREALIGN__PIN(carealign_response_columns, instrument, 16);
CAREALIGN__PIN(carealign_response_columns, valueset, 20);
CAREALIGN__PIN(carealign_response_columns, n_items, 24);
CAREALIGN__PIN(carealign_response_columns, items, 32);
CAREALIGN__PIN(carealign_response_columns, person, 40);
CAREALIGN__PIN(carealign_response_columns, org, 48);
CAREALIGN__PIN(carealign_response_columns, day, 56);
CAREALIGN__PIN(carealign_response_columns, weight, 64);
CAREALIGN__PIN(carealign_response_columns, flags, 72);
CAREALIGN__SIZE(carealign_feed_counts, 64);
CAREALIGN__PIN(carealign_feed_counts, size, 0);
CAREALIGN__PIN(carealign_feed_counts, read, 8);
CAREALIGN__PIN(carealign_feed_counts, used, 16);
CAREALIGN__PIN(carealign_feed_counts, rejected, 24);
CAREALIGN__PIN(carealign_feed_counts, excluded_opt_out, 32);
CAREALIGN__PIN(carealign_feed_counts, excluded_outside_base, 40);
CAREALIGN__PIN(carealign_feed_counts, weights_not_applied, 48);
CAREALIGN__PIN(carealign_feed_counts, unscored, 56);
CAREALIGN__SIZE(carealign_result, 144);
CAREALIGN__PIN(carealign_result, size, 0);
CAREALIGN__PIN(carealign_result, measure, 8);
CAREALIGN__PIN(carealign_result, kind, 12);
CAREALIGN__PIN(carealign_result, level, 16);
CAREALIGN__PIN(carealign_result, unit, 20);
CAREALIGN__PIN(carealign_result, period, 24);
CAREALIGN__PIN(carealign_result, period_start, 28);
CAREALIGN__PIN(carealign_result, period_end, 32);
CAREALIGN__PIN(carealign_result, stratum, 36);
CAREALIGN__PIN(carealign_result, target_met, 52);
CAREALIGN__PIN(carealign_result, flags, 56);
CAREALIGN__PIN(carealign_result, reserved, 60);
CAREALIGN__PIN(carealign_result, estimate, 64);
CAREALIGN__PIN(carealign_result, numerator, 104);
CAREALIGN__PIN(carealign_result, denominator, 112);
CAREALIGN__PIN(carealign_result, target, 120);
CAREALIGN__PIN(carealign_result, spc_point, 128);
CAREALIGN__PIN(carealign_result, spc_variation, 132);
CAREALIGN__PIN(carealign_result, spc_assurance, 136);
CAREALIGN__PIN(carealign_result, funnel, 140);
CAREALIGN__SIZE(carealign_aim_summary, 64);
CAREALIGN__PIN(carealign_aim_summary, size, 0);
CAREALIGN__PIN(carealign_aim_summary, aim, 8);
CAREALIGN__PIN(carealign_aim_summary, level, 12);
CAREALIGN__PIN(carealign_aim_summary, unit, 16);
CAREALIGN__PIN(carealign_aim_summary, n_measures, 20);
CAREALIGN__PIN(carealign_aim_summary, n_on_target, 24);
CAREALIGN__PIN(carealign_aim_summary, n_improving, 28);
CAREALIGN__PIN(carealign_aim_summary, n_stable, 32);
CAREALIGN__PIN(carealign_aim_summary, n_concern, 36);
CAREALIGN__PIN(carealign_aim_summary, n_not_computable, 40);
CAREALIGN__PIN(carealign_aim_summary, flags, 44);
CAREALIGN__PIN(carealign_aim_summary, composite, 48);
CAREALIGN__PIN(carealign_aim_summary, n_composite, 56);
CAREALIGN__PIN(carealign_aim_summary, reserved, 60);
#endif

/* ISO C forbids an empty translation unit when SIZE_MAX is not 64-bit. */
typedef int carealign__scorecard_layout_unit;
