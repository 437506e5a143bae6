/* Aim summaries (lib/scorecard/aims.c). The expected counts follow from the
 * rule documented in docs/report-schema.md ("Aim summaries"), applied by
 * hand to the rows below; aims of the measures come from the shipped
 * framework (examples/frameworks/england-integrated-care.json: measures 0-2
 * are "experience", 3-7 "outcomes"). */
#include "cmocka_all.h"

#include <math.h>
#include <string.h>

#include "carealign/framework.h"
#include "carealign/stats.h"
#include "core/internal.h"
#include "sc_fixture.h"

static void row(carealign__sc_row *r, int32_t measure, int32_t aim, int32_t level, int32_t unit,
                double value, int32_t target_met, int32_t variation)
{
    memset(r, 0, sizeof *r);
    r->res.size = sizeof r->res;
    r->res.measure = measure;
    r->res.kind = CAREALIGN_RESULT_ESTIMATE;
    r->res.level = level;
    r->res.unit = unit;
    r->res.period = CAREALIGN_PERIOD_WHOLE;
    r->res.stratum[0] = r->res.stratum[1] = r->res.stratum[2] = r->res.stratum[3] = -1;
    r->res.estimate.value = value;
    r->res.target_met = target_met;
    r->res.spc_variation = variation;
    r->res.spc_point = r->res.spc_assurance = r->res.funnel = -1;
    r->aim = aim;
}

static const carealign_aim_summary *find(const carealign__sc_table *t, int32_t aim, int32_t level,
                                         int32_t unit)
{
    for (size_t i = 0; i < t->n_aims; i++)
        if (t->aims[i].aim == aim && t->aims[i].level == level && t->aims[i].unit == unit)
            return &t->aims[i];
    return NULL;
}

static void test_counts(void **state)
{
    (void)state;
    const int32_t E = CAREALIGN_AIM_EXPERIENCE, O = CAREALIGN_AIM_OUTCOMES;
    const int32_t SYS = CAREALIGN_LEVEL_SYSTEM, ORG = CAREALIGN_LEVEL_ORG;
    carealign__sc_row rows[12];
    size_t n = 0;
    row(&rows[n++], 0, E, SYS, -1, 80.0, 1, CAREALIGN_SPC_VARIATION_IMPROVEMENT_HIGH);
    row(&rows[n++], 1, E, SYS, -1, 2.0, 0, CAREALIGN_SPC_VARIATION_CONCERN_HIGH);
    row(&rows[n++], 2, E, SYS, -1, 0.4, -1, CAREALIGN_SPC_VARIATION_COMMON_CAUSE);
    row(&rows[n++], 3, O, SYS, -1, NAN, -1, -1); /* suppressed: not computable only */
    row(&rows[n++], 4, O, SYS, -1, 0.1, 1, CAREALIGN_SPC_VARIATION_NEUTRAL_LOW);
    row(&rows[n++], 5, O, SYS, -1, 55.0, 1, CAREALIGN_SPC_VARIATION_NONE);
    row(&rows[n++], 6, O, SYS, -1, 12.0, -1, CAREALIGN_SPC_VARIATION_IMPROVEMENT_LOW);
    row(&rows[n++], 0, E, ORG, 3, 70.0, 0, CAREALIGN_SPC_VARIATION_CONCERN_LOW);
    row(&rows[n++], 1, E, ORG, 3, NAN, -1, CAREALIGN_SPC_VARIATION_COMMON_CAUSE);
    /* ignored: a period row and a stratum row */
    row(&rows[n], 0, E, SYS, -1, 10.0, 1, CAREALIGN_SPC_VARIATION_COMMON_CAUSE);
    rows[n++].res.period = 0;
    row(&rows[n], 0, E, SYS, -1, 10.0, 1, CAREALIGN_SPC_VARIATION_COMMON_CAUSE);
    rows[n].res.stratum[0] = 3;
    rows[n++].res.stratum[1] = 1;
    carealign__sc_table t;
    memset(&t, 0, sizeof t);
    t.rows = rows;
    t.n_rows = n;
    assert_int_equal(carealign__sc_aims(&t, fx_framework()), CAREALIGN_OK);
    assert_int_equal(t.n_aims, 3);
    /* ordered by aim, level, unit */
    assert_int_equal(t.aims[0].aim, E);
    assert_int_equal(t.aims[0].level, SYS);
    assert_int_equal(t.aims[1].level, ORG);
    assert_int_equal(t.aims[2].aim, O);
    const carealign_aim_summary *s = find(&t, E, SYS, -1);
    assert_non_null(s);
    assert_int_equal(s->size, sizeof *s);
    assert_int_equal(s->n_measures, 3);
    assert_int_equal(s->n_on_target, 1);
    assert_int_equal(s->n_improving, 1);
    assert_int_equal(s->n_concern, 1);
    assert_int_equal(s->n_stable, 1);
    assert_int_equal(s->n_not_computable, 0);
    assert_false(s->flags & CAREALIGN_AIM_HAS_COMPOSITE);
    assert_true(isnan(s->composite));
    s = find(&t, O, SYS, -1);
    assert_non_null(s);
    assert_int_equal(s->n_measures, 4);
    assert_int_equal(s->n_not_computable, 1);
    assert_int_equal(s->n_on_target, 2);
    assert_int_equal(s->n_improving, 1);
    assert_int_equal(s->n_stable, 0);
    assert_int_equal(s->n_concern, 0);
    s = find(&t, E, ORG, 3);
    assert_non_null(s);
    assert_int_equal(s->n_measures, 2);
    assert_int_equal(s->n_concern, 1);
    assert_int_equal(s->n_not_computable, 1);
    assert_int_equal(s->n_stable, 0);
    assert_int_equal(s->n_on_target, 0);
    /* a second call replaces the first result */
    assert_int_equal(carealign__sc_aims(&t, fx_framework()), CAREALIGN_OK);
    assert_int_equal(t.n_aims, 3);
    carealign__free(t.aims);

    assert_int_equal(carealign__sc_aims(NULL, fx_framework()), CAREALIGN_EINVAL);
}

static void test_empty(void **state)
{
    (void)state;
    carealign__sc_table t;
    memset(&t, 0, sizeof t);
    assert_int_equal(carealign__sc_aims(&t, fx_framework()), CAREALIGN_OK);
    assert_int_equal(t.n_aims, 0);
    carealign__free(t.aims);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
