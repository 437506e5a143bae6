/* Fuzzes the XmR chart: any input either fails with EINVAL or gives points
 * and a summary that are consistent with each other (rules, sides, point
 * types, groups, counts, icons). Layout of the input: 8 option bytes, up to
 * 3 rebase bytes, then the values (int16 / 16, or raw doubles when the last
 * option byte is odd, so NaN and infinity are tried too). */
#include <stdint.h>
#include <string.h>

#include "carealign/stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_POINTS 256

static void check(int ok)
{
    if (!ok)
        __builtin_trap();
}

static int32_t expected_type(int32_t side, int32_t direction)
{
    if (direction == CAREALIGN_SPC_NEUTRAL)
        return side > 0   ? CAREALIGN_SPC_NEUTRAL_HIGH
               : side < 0 ? CAREALIGN_SPC_NEUTRAL_LOW
                          : CAREALIGN_SPC_COMMON_CAUSE;
    return side * direction > 0   ? CAREALIGN_SPC_IMPROVEMENT
           : side * direction < 0 ? CAREALIGN_SPC_CONCERN
                                  : CAREALIGN_SPC_COMMON_CAUSE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 8)
        return 0;
    carealign_spc_options o = CAREALIGN_SPC_OPTIONS_INIT;
    o.improvement_direction = (int32_t)(data[0] % 3) - 1;
    o.screen_outliers = data[1] & 1;
    o.fix_after_n_points = data[2] % 20;
    o.min_points_for_icons = data[3] % 20;
    o.short_group_points = data[4] % 20;
    o.has_target = data[5] & 1;
    o.target = (double)(int8_t)data[5] / 8.0;
    size_t wanted = data[6] % 4, n_rebase = 0, at = 8;
    int raw = data[7] & 1;
    size_t rebase[3] = {0, 0, 0};
    while (n_rebase < wanted && at < size)
        rebase[n_rebase++] = data[at++];
    o.rebase_at = rebase;
    o.n_rebase = n_rebase;

    double values[MAX_POINTS] = {0};
    size_t n = 0;
    size_t step = raw ? sizeof(double) : 2;
    while (n < MAX_POINTS && at + step <= size) {
        if (raw) {
            memcpy(&values[n], data + at, sizeof(double));
        } else {
            int16_t v;
            memcpy(&v, data + at, 2);
            values[n] = v / 16.0;
        }
        n++;
        at += step;
    }
    carealign_spc_point points[MAX_POINTS];
    carealign_spc_summary summary;
    carealign_status status = carealign_spc_xmr(values, n, &o, points, &summary);
    if (status != CAREALIGN_OK) {
        check(status == CAREALIGN_EINVAL);
        return 0;
    }
    int32_t counts[5] = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        const carealign_spc_point *p = &points[i];
        check(p->group >= 0 && p->group < summary.n_groups);
        check(i == 0 || p->group == points[i - 1].group || p->group == points[i - 1].group + 1);
        check(p->rule >= CAREALIGN_SPC_RULE_NONE && p->rule <= CAREALIGN_SPC_RULE_SHIFT);
        check((p->rule == CAREALIGN_SPC_RULE_NONE) == (p->side == 0));
        check(p->side >= -1 && p->side <= 1);
        check(p->point_type == expected_type(p->side, o.improvement_direction));
        check(!((p->flags & CAREALIGN_SPC_OUTSIDE_LIMITS) &&
                (p->flags & CAREALIGN_SPC_CLOSE_TO_LIMITS)));
        check((p->rule == CAREALIGN_SPC_RULE_OUTSIDE_LIMITS) ==
              ((p->flags & CAREALIGN_SPC_OUTSIDE_LIMITS) != 0));
        check(p->rule != CAREALIGN_SPC_RULE_TWO_OF_THREE ||
              (p->flags & CAREALIGN_SPC_CLOSE_TO_LIMITS));
        check(p->relative_to_mean >= -1 && p->relative_to_mean <= 1);
        if (p->group == summary.n_groups - 1)
            counts[p->point_type]++;
    }
    check(summary.n_points == (int64_t)n);
    check(counts[0] == summary.common_cause && counts[1] == summary.improvement &&
          counts[2] == summary.concern && counts[3] + counts[4] == summary.neutral);
    check(counts[0] + counts[1] + counts[2] + counts[3] + counts[4] == summary.group_points);
    int too_few = (summary.flags & CAREALIGN_SPC_TOO_FEW_FOR_ICONS) != 0;
    check(too_few == (summary.group_points < o.min_points_for_icons));
    check(too_few == (summary.variation_icon == CAREALIGN_SPC_VARIATION_NONE));
    return 0;
}
