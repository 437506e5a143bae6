/* Aim summaries (docs/report-schema.md, "Aim summaries").
 *
 * For each aim, level and unit, over the measures of that aim that have a
 * whole-period, unstratified estimate row at that level and unit (as
 * published, after disclosure control):
 * - not computable: the published value is NaN (too few, suppressed, no
 *   denominator); such a measure is counted nowhere else;
 * - on target: target_met is 1;
 * - improving: the SPC variation icon is special cause improvement (high or low);
 * - of concern: the icon is special cause concern (high or low);
 * - stable: the icon is common cause variation.
 * On target is counted independently of the SPC counts. A measure without an
 * icon (too few points, no SPC) or with a neutral special cause is in none
 * of the three SPC counts.
 * The composite (each measure scored 1..4 and averaged, as the NHS
 * Oversight Framework 2025/26 scores metrics 1..4 and averages them) is the
 * mean of the scores of the aim's measures that state a rule (the measure's
 * "composite" member, docs/framework.md) and have a published value; NaN,
 * with CAREALIGN_AIM_HAS_COMPOSITE clear, when none is scored. Its parts are
 * published beside it by the writers (carealign__sc_composite_part).
 * Summaries are ordered by aim, level, unit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/stats.h"
#include "core/internal.h"
#include "scorecard/fpclass.h"
#include "scorecard/table.h"

static int aim_cmp(const void *pa, const void *pb)
{
    const carealign_aim_summary *a = pa, *b = pb;
    if (a->aim != b->aim)
        return a->aim < b->aim ? -1 : 1;
    if (a->level != b->level)
        return a->level < b->level ? -1 : 1;
    if (a->unit != b->unit)
        return a->unit < b->unit ? -1 : 1;
    return 0;
}

static int summarised(const carealign__sc_row *r)
{
    const carealign_result *p = &r->res;
    return p->kind == CAREALIGN_RESULT_ESTIMATE && p->period == CAREALIGN_PERIOD_WHOLE &&
           p->stratum[0] == CAREALIGN_STRATUM_MARGIN && p->stratum[2] == CAREALIGN_STRATUM_MARGIN &&
           r->aim >= CAREALIGN_AIM_EXPERIENCE && r->aim <= CAREALIGN_AIM_INTEGRATION;
}

int32_t carealign__sc_composite_part(const carealign_framework *fw, const carealign__sc_row *r)
{
    double cut[3];
    int32_t has = 0;
    if (!summarised(r) ||
        carealign_framework_get_composite(fw, r->res.measure, cut, NULL, NULL, &has) !=
            CAREALIGN_OK ||
        !has)
        return -1;
    return carealign_composite_score(r->res.estimate.value, cut, r->improvement);
}

static void count_row(carealign_aim_summary *s, const carealign__sc_row *r)
{
    const carealign_result *p = &r->res;
    s->n_measures++;
    if (CAREALIGN__SC_ISNAN(p->estimate.value)) {
        s->n_not_computable++;
        return;
    }
    if (p->target_met == 1)
        s->n_on_target++;
    switch (p->spc_variation) {
    case CAREALIGN_SPC_VARIATION_IMPROVEMENT_HIGH:
    case CAREALIGN_SPC_VARIATION_IMPROVEMENT_LOW: s->n_improving++; break;
    case CAREALIGN_SPC_VARIATION_CONCERN_HIGH:
    case CAREALIGN_SPC_VARIATION_CONCERN_LOW: s->n_concern++; break;
    case CAREALIGN_SPC_VARIATION_COMMON_CAUSE: s->n_stable++; break;
    default: break;
    }
}

carealign_status carealign__sc_aims(carealign__sc_table *t, const carealign_framework *fw)
{
    if (t == NULL || fw == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard aims: NULL argument");
    size_t n = 0;
    for (size_t i = 0; i < t->n_rows; i++)
        n += summarised(&t->rows[i]) ? 1 : 0;
    carealign_aim_summary *keys = carealign__calloc(n ? n : 1, sizeof *keys);
    if (keys == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard aims: out of memory");
    size_t k = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        const carealign__sc_row *r = &t->rows[i];
        if (!summarised(r))
            continue;
        keys[k].aim = r->aim;
        keys[k].level = r->res.level;
        keys[k].unit = r->res.unit;
        k++;
    }
    qsort(keys, n, sizeof *keys, aim_cmp);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || aim_cmp(&keys[m - 1], &keys[i]) != 0)
            keys[m++] = keys[i];
    for (size_t i = 0; i < m; i++) {
        carealign_aim_summary s;
        memset(&s, 0, sizeof s);
        s.size = sizeof s;
        s.aim = keys[i].aim;
        s.level = keys[i].level;
        s.unit = keys[i].unit;
        s.composite = NAN;
        keys[i] = s;
    }
    for (size_t i = 0; i < t->n_rows; i++) {
        const carealign__sc_row *r = &t->rows[i];
        if (!summarised(r))
            continue;
        carealign_aim_summary probe;
        probe.aim = r->aim;
        probe.level = r->res.level;
        probe.unit = r->res.unit;
        carealign_aim_summary *s = bsearch(&probe, keys, m, sizeof *keys, aim_cmp);
        if (s == NULL)
            continue;
        count_row(s, r);
        int32_t score = carealign__sc_composite_part(fw, r);
        if (score > 0) {
            /* rows come in measure order: the sum of small integers is exact */
            if (!(s->flags & CAREALIGN_AIM_HAS_COMPOSITE))
                s->composite = 0;
            s->flags |= CAREALIGN_AIM_HAS_COMPOSITE;
            s->composite += score;
            s->n_composite++;
        }
    }
    for (size_t i = 0; i < m; i++)
        if (keys[i].flags & CAREALIGN_AIM_HAS_COMPOSITE)
            keys[i].composite /= (double)keys[i].n_composite;
    carealign__free(t->aims);
    t->aims = keys;
    t->n_aims = m;
    return CAREALIGN_OK;
}
