/* carealign__score_indexed (lib/instruments/internal.h), the scorer lib/scorecard
 * calls with registry indices, and carealign_score's single-row path, which
 * scores straight from the value set: a differential test against
 * carealign_score_batch, whose kernel path the published values of the other
 * tests in this folder check. For every instrument and value set of the
 * registry, rows with levels from one below the lowest to one above the
 * highest and missing items (pseudo-random, fixed seed) must give the same
 * status, the same double and the same last error on all three paths.
 * carealign__score_plan_row, the scorecard feed's scorer of a value set
 * prepared once, must give the same double for every row that scores, and
 * decline (1, no error set, score untouched) every row that does not. */
#include "cmocka_all.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "carealign/instruments.h"
#include "instruments/internal.h"

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t next_u32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

/* A row: each item in range with probability 15/16, else one outside it or
 * missing; with `valid` every item in range. */
static void make_row(const carealign_instrument_info *ii, int valid, int32_t *row)
{
    for (size_t i = 0; i < ii->n_items; i++) {
        const carealign_item_info *it = carealign_instrument_item(ii, i);
        int32_t lo = it->min_level, hi = it->max_level;
        uint32_t r = next_u32();
        if (valid || (r & 15u) != 0)
            row[i] = lo + (int32_t)(r % (uint32_t)(hi - lo + 1));
        else
            row[i] = (r & 16u) ? CAREALIGN_ITEM_MISSING : ((r & 32u) ? lo - 1 : hi + 1);
    }
}

static void same_on_all_paths(size_t ins, size_t vs, const int32_t *row, size_t n)
{
    const carealign_instrument_info *ii = carealign_instrument_get(ins);
    const char *vname = carealign_instrument_valueset(ii, vs)->name;
    double by_name = -1e300, by_index = -1e300, batch = -1e300;
    char error_name[256] = "", error_index[256] = "";
    carealign_status s_name = carealign_score(ii->name, vname, row, n, &by_name);
    if (s_name != CAREALIGN_OK)
        strncpy(error_name, carealign_last_error(), sizeof error_name - 1);
    carealign_status s_index = carealign__score_indexed(ins, vs, row, n, &by_index);
    if (s_index != CAREALIGN_OK)
        strncpy(error_index, carealign_last_error(), sizeof error_index - 1);
    int32_t row_status = 0;
    (void)carealign_score_batch(ii->name, vname, row, n, 1, &batch, &row_status, NULL);
    assert_int_equal(s_name, s_index);
    assert_int_equal(s_name, row_status);
    assert_string_equal(error_name, error_index);
    if (s_name == CAREALIGN_OK) {
        assert_memory_equal(&by_name, &by_index, sizeof by_name);
        assert_memory_equal(&by_name, &batch, sizeof by_name);
    } else {
        assert_true(by_name == -1e300 && by_index == -1e300); /* untouched */
    }
    carealign__score_plan plan;
    assert_int_equal(carealign__score_plan_init(ins, vs, &plan), 1);
    double by_plan = -1e300;
    const char *before = carealign_last_error();
    char error_before[256] = "";
    strncpy(error_before, before, sizeof error_before - 1);
    int declined = carealign__score_plan_row(&plan, row, n, &by_plan);
    assert_int_equal(declined, s_name != CAREALIGN_OK);
    if (declined) {
        assert_true(by_plan == -1e300);
        assert_string_equal(carealign_last_error(), error_before);
    } else {
        assert_memory_equal(&by_name, &by_plan, sizeof by_name);
    }
}

static void every_valueset(void **state)
{
    (void)state;
    int32_t row[64];
    size_t checked = 0, failed = 0;
    for (size_t ins = 0; ins < carealign_instrument_count(); ins++) {
        const carealign_instrument_info *ii = carealign_instrument_get(ins);
        if (ii->n_items == 0 || ii->n_items > sizeof row / sizeof row[0])
            continue;
        for (size_t vs = 0; vs < ii->n_valuesets; vs++) {
            for (int k = 0; k < 2000; k++) {
                make_row(ii, k < 1000, row);
                same_on_all_paths(ins, vs, row, ii->n_items);
                double s;
                failed += carealign__score_indexed(ins, vs, row, ii->n_items, &s) != CAREALIGN_OK;
                checked++;
            }
        }
    }
    /* both branches were taken: valid rows and bad rows */
    assert_true(checked > 10000);
    assert_true(failed > 100 && failed < checked / 2);
}

/* The plans of the registry: both kinds occur (a simple plan sums the
 * levels, the others score item by item), and ASCOT SCT4's ASCOF 1A value
 * set, a simple one, gives the published scores: item score 4 - response,
 * summed (NHS Digital, ASCOF 1A; 0..24). */
static void plans(void **state)
{
    (void)state;
    size_t simple = 0, other = 0, ascot = carealign_instrument_count();
    for (size_t ins = 0; ins < carealign_instrument_count(); ins++) {
        const carealign_instrument_info *ii = carealign_instrument_get(ins);
        if (strcmp(ii->name, "ascot_sct4") == 0)
            ascot = ins;
        for (size_t vs = 0; vs < ii->n_valuesets; vs++) {
            carealign__score_plan plan;
            assert_int_equal(carealign__score_plan_init(ins, vs, &plan), 1);
            simple += plan.simple != 0;
            other += plan.simple == 0;
        }
    }
    assert_true(simple > 0 && other > 0);
    carealign__score_plan plan;
    assert_int_equal(carealign__score_plan_init(carealign_instrument_count(), 0, &plan), 0);
    assert_int_equal(carealign__score_plan_init(0, carealign_instrument_get(0)->n_valuesets, &plan),
                     0);
    assert_true(ascot < carealign_instrument_count());
    assert_int_equal(carealign__score_plan_init(ascot, 0, &plan), 1);
    assert_true(plan.simple);
    static const struct {
        int32_t row[8];
        double want;
    } cases[] = {{{1, 1, 1, 1, 1, 1, 1, 1}, 24.0},
                 {{4, 4, 4, 4, 4, 4, 4, 4}, 0.0},
                 {{1, 2, 3, 4, 1, 2, 3, 4}, 12.0},
                 {{2, 2, 2, 2, 2, 2, 2, 3}, 15.0}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        double s = -1;
        assert_int_equal(carealign__score_plan_row(&plan, cases[c].row, 8, &s), 0);
        assert_true(s == cases[c].want);
    }
    int32_t bad[8] = {1, 1, 1, 1, 1, 1, 1, 5};
    double s = -1;
    assert_int_equal(carealign__score_plan_row(&plan, bad, 8, &s), 1);
    bad[7] = 0;
    assert_int_equal(carealign__score_plan_row(&plan, bad, 8, &s), 1);
    bad[7] = CAREALIGN_ITEM_MISSING;
    assert_int_equal(carealign__score_plan_row(&plan, bad, 8, &s), 1);
    assert_int_equal(carealign__score_plan_row(&plan, cases[0].row, 7, &s), 1);
    assert_int_equal(carealign__score_plan_row(&plan, NULL, 8, &s), 1);
    assert_true(s == -1);
}

/* carealign__score_plan_row's inline path (four items at a time, then one
 * by one) against carealign_score's single-row path (the old path): for
 * every value set, a row of valid levels with each item in turn replaced by
 * each of the values just outside the range, the extremes of int32 and
 * CAREALIGN_ITEM_MISSING (a bad item in every lane of the four and in the
 * tail), and rows of all lowest, all highest and mixed levels: the same
 * double where the row scores, declined where it does not. */
static void plan_each_position(void **state)
{
    (void)state;
    int32_t row[64];
    size_t scored = 0, declined = 0;
    for (size_t ins = 0; ins < carealign_instrument_count(); ins++) {
        const carealign_instrument_info *ii = carealign_instrument_get(ins);
        const size_t n = ii->n_items;
        if (n == 0 || n > sizeof row / sizeof row[0])
            continue;
        for (size_t vs = 0; vs < ii->n_valuesets; vs++) {
            const char *vname = carealign_instrument_valueset(ii, vs)->name;
            carealign__score_plan plan;
            assert_int_equal(carealign__score_plan_init(ins, vs, &plan), 1);
            for (int kind = 0; kind < 3; kind++) {
                for (size_t i = 0; i < n; i++) {
                    const carealign_item_info *it = carealign_instrument_item(ii, i);
                    row[i] = kind == 0   ? it->min_level
                             : kind == 1 ? it->max_level
                                         : it->min_level + (int32_t)(i % 2);
                }
                for (size_t at = 0; at <= n; at++) {
                    const int32_t keep = at < n ? row[at] : 0;
                    const carealign_item_info *it = carealign_instrument_item(ii, at < n ? at : 0);
                    const int32_t bad[] = {it->min_level - 1, it->max_level + 1, INT32_MIN,
                                           INT32_MAX, CAREALIGN_ITEM_MISSING};
                    for (size_t b = 0; b < (at < n ? sizeof bad / sizeof bad[0] : 1); b++) {
                        if (at < n)
                            row[at] = bad[b];
                        double want = -1e300, got = -1e300;
                        carealign_status st = carealign_score(ii->name, vname, row, n, &want);
                        int r = carealign__score_plan_row(&plan, row, n, &got);
                        assert_int_equal(r, st != CAREALIGN_OK);
                        if (st == CAREALIGN_OK)
                            assert_memory_equal(&want, &got, sizeof want);
                        else
                            assert_true(got == -1e300);
                        scored += st == CAREALIGN_OK;
                        declined += st != CAREALIGN_OK;
                    }
                    if (at < n)
                        row[at] = keep;
                }
            }
        }
    }
    assert_true(scored > 0 && declined > 1000);
}

static void bad_arguments(void **state)
{
    (void)state;
    const carealign_instrument_info *ii = carealign_instrument_get(0);
    int32_t row[64] = {0};
    double s = 0;
    size_t n = ii->n_items;
    assert_int_equal(carealign__score_indexed(carealign_instrument_count(), 0, row, n, &s),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign__score_indexed(0, ii->n_valuesets, row, n, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign__score_indexed(0, 0, row, n + 1, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign__score_indexed(0, 0, NULL, n, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign__score_indexed(0, 0, row, n, NULL), CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_valueset),
        cmocka_unit_test(plans),
        cmocka_unit_test(plan_each_position),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
