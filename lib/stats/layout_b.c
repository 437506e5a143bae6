/* Pins the layout of the public structs of stats section B (SPC, disclosure,
 * economics, change), as lib/core/layout.c does for the core. */
#include <stddef.h>

#include "carealign/carealign.h"

#define CAREALIGN__PIN_B(type, member, offset)                                                     \
    _Static_assert(offsetof(type, member) == (offset), #type "." #member " moved")
#define CAREALIGN__SIZE_B(type, bytes) _Static_assert(sizeof(type) == (bytes), #type " resized")

CAREALIGN__SIZE_B(carealign_spc_point, 72);
CAREALIGN__PIN_B(carealign_spc_point, mean, 0);
CAREALIGN__PIN_B(carealign_spc_point, lower, 8);
CAREALIGN__PIN_B(carealign_spc_point, upper, 16);
CAREALIGN__PIN_B(carealign_spc_point, near_lower, 24);
CAREALIGN__PIN_B(carealign_spc_point, near_upper, 32);
CAREALIGN__PIN_B(carealign_spc_point, moving_range, 40);
CAREALIGN__PIN_B(carealign_spc_point, group, 48);
CAREALIGN__PIN_B(carealign_spc_point, relative_to_mean, 52);
CAREALIGN__PIN_B(carealign_spc_point, rule, 56);
CAREALIGN__PIN_B(carealign_spc_point, side, 60);
CAREALIGN__PIN_B(carealign_spc_point, point_type, 64);
CAREALIGN__PIN_B(carealign_spc_point, flags, 68);

CAREALIGN__SIZE_B(carealign_spc_summary, 80);
CAREALIGN__PIN_B(carealign_spc_summary, mean, 0);
CAREALIGN__PIN_B(carealign_spc_summary, lower, 8);
CAREALIGN__PIN_B(carealign_spc_summary, upper, 16);
CAREALIGN__PIN_B(carealign_spc_summary, average_moving_range, 24);
CAREALIGN__PIN_B(carealign_spc_summary, n_points, 32);
CAREALIGN__PIN_B(carealign_spc_summary, n_groups, 40);
CAREALIGN__PIN_B(carealign_spc_summary, group_points, 44);
CAREALIGN__PIN_B(carealign_spc_summary, common_cause, 48);
CAREALIGN__PIN_B(carealign_spc_summary, improvement, 52);
CAREALIGN__PIN_B(carealign_spc_summary, concern, 56);
CAREALIGN__PIN_B(carealign_spc_summary, neutral, 60);
CAREALIGN__PIN_B(carealign_spc_summary, variation_icon, 64);
CAREALIGN__PIN_B(carealign_spc_summary, assurance_icon, 68);
CAREALIGN__PIN_B(carealign_spc_summary, flags, 72);
CAREALIGN__PIN_B(carealign_spc_summary, reserved, 76);

CAREALIGN__SIZE_B(carealign_icer_result, 32);
CAREALIGN__PIN_B(carealign_icer_result, ratio, 0);
CAREALIGN__PIN_B(carealign_icer_result, delta_qalys, 8);
CAREALIGN__PIN_B(carealign_icer_result, delta_cost, 16);
CAREALIGN__PIN_B(carealign_icer_result, quadrant, 24);
CAREALIGN__PIN_B(carealign_icer_result, reserved, 28);

CAREALIGN__SIZE_B(carealign_change_counts, 40);
CAREALIGN__PIN_B(carealign_change_counts, n, 0);
CAREALIGN__PIN_B(carealign_change_counts, improved, 8);
CAREALIGN__PIN_B(carealign_change_counts, unchanged, 16);
CAREALIGN__PIN_B(carealign_change_counts, deteriorated, 24);
CAREALIGN__PIN_B(carealign_change_counts, threshold, 32);

#if SIZE_MAX == UINT64_MAX
CAREALIGN__SIZE_B(carealign_spc_options, 56);
CAREALIGN__PIN_B(carealign_spc_options, size, 0);
CAREALIGN__PIN_B(carealign_spc_options, improvement_direction, 8);
CAREALIGN__PIN_B(carealign_spc_options, screen_outliers, 12);
CAREALIGN__PIN_B(carealign_spc_options, fix_after_n_points, 16);
CAREALIGN__PIN_B(carealign_spc_options, min_points_for_icons, 20);
CAREALIGN__PIN_B(carealign_spc_options, short_group_points, 24);
CAREALIGN__PIN_B(carealign_spc_options, has_target, 28);
CAREALIGN__PIN_B(carealign_spc_options, target, 32);
CAREALIGN__PIN_B(carealign_spc_options, rebase_at, 40);
CAREALIGN__PIN_B(carealign_spc_options, n_rebase, 48);

CAREALIGN__SIZE_B(carealign_disclosure_options, 24);
CAREALIGN__PIN_B(carealign_disclosure_options, size, 0);
CAREALIGN__PIN_B(carealign_disclosure_options, suppress_max, 8);
CAREALIGN__PIN_B(carealign_disclosure_options, round_to, 16);

CAREALIGN__SIZE_B(carealign_change_options, 48);
CAREALIGN__PIN_B(carealign_change_options, size, 0);
CAREALIGN__PIN_B(carealign_change_options, better, 8);
CAREALIGN__PIN_B(carealign_change_options, criterion, 12);
CAREALIGN__PIN_B(carealign_change_options, mid, 16);
CAREALIGN__PIN_B(carealign_change_options, sd, 24);
CAREALIGN__PIN_B(carealign_change_options, reliability, 32);
CAREALIGN__PIN_B(carealign_change_options, critical, 40);
#endif

/* Keeps the translation unit non-empty without exporting anything. */
typedef int carealign__layout_b_checked;

CAREALIGN__SIZE_B(carealign_cea_result, 40);
CAREALIGN__PIN_B(carealign_cea_result, icer, 0);
CAREALIGN__PIN_B(carealign_cea_result, delta_qalys, 8);
CAREALIGN__PIN_B(carealign_cea_result, delta_cost, 16);
CAREALIGN__PIN_B(carealign_cea_result, comparator, 24);
CAREALIGN__PIN_B(carealign_cea_result, status, 32);
CAREALIGN__PIN_B(carealign_cea_result, rank, 36);
