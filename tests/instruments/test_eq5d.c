/* EQ-5D index values. Expected values are the published coefficients
 * (typed here from the sources, not read from the library) written as
 * integer thousandths, so every comparison is exact:
 *   3L: Dolan P. Med Care 1997;35(11):1095-1108 (UK TTO): index = 1 - 0.081
 *       - decrements - 0.269 if any dimension is at level 3; 11111 = 1.
 *       Published: 11111 = 1, 12321 = 0.329, 33333 = -0.594.
 *   5L: Devlin NJ et al. Health Econ 2018;27(1):7-22 (England): 1 - sum.
 *       Published range -0.285 (55555) to 0.950 (best state below 11111).
 *   5L: Rowen D et al. Value Health 2026, doi:10.1016/j.jval.2026.03.008
 *       (UK): 1 - sum. Published: 11111 = 1, 55555 = -0.567. */
#include "helpers.h"

static void score5(const char *instrument, const char *valueset, int32_t mo, int32_t sc, int32_t ua,
                   int32_t pd, int32_t ad, int64_t thousandths)
{
    int32_t items[5] = {mo, sc, ua, pd, ad};
    expect_score(instrument, valueset, items, 5, thousandths, 1000.0);
}

static void eq5d3l_published_examples(void **state)
{
    (void)state;
    score5("eq5d3l", "uk-tto-1997", 1, 1, 1, 1, 1, 1000);
    score5("eq5d3l", "uk-tto-1997", 1, 2, 3, 2, 1, 329);
    score5("eq5d3l", "uk-tto-1997", 3, 3, 3, 3, 3, -594);
    /* NULL means the first (default) value set */
    score5("eq5d3l", NULL, 1, 2, 3, 2, 1, 329);
}

/* Every level of every dimension, the others at level 1. */
static void eq5d3l_every_level(void **state)
{
    (void)state;
    /* level 2: 1 - 0.081 - decrement */
    score5("eq5d3l", "uk-tto-1997", 2, 1, 1, 1, 1, 1000 - 81 - 69);
    score5("eq5d3l", "uk-tto-1997", 1, 2, 1, 1, 1, 1000 - 81 - 104);
    score5("eq5d3l", "uk-tto-1997", 1, 1, 2, 1, 1, 1000 - 81 - 36);
    score5("eq5d3l", "uk-tto-1997", 1, 1, 1, 2, 1, 1000 - 81 - 123);
    score5("eq5d3l", "uk-tto-1997", 1, 1, 1, 1, 2, 1000 - 81 - 71);
    /* level 3: 1 - 0.081 - decrement - 0.269 */
    score5("eq5d3l", "uk-tto-1997", 3, 1, 1, 1, 1, 1000 - 81 - 314 - 269);
    score5("eq5d3l", "uk-tto-1997", 1, 3, 1, 1, 1, 1000 - 81 - 214 - 269);
    score5("eq5d3l", "uk-tto-1997", 1, 1, 3, 1, 1, 1000 - 81 - 94 - 269);
    score5("eq5d3l", "uk-tto-1997", 1, 1, 1, 3, 1, 1000 - 81 - 386 - 269);
    score5("eq5d3l", "uk-tto-1997", 1, 1, 1, 1, 3, 1000 - 81 - 236 - 269);
    /* all at level 2: the constant once, no N3 */
    score5("eq5d3l", "uk-tto-1997", 2, 2, 2, 2, 2, 1000 - 81 - 69 - 104 - 36 - 123 - 71);
    /* two dimensions at level 3: N3 once */
    score5("eq5d3l", "uk-tto-1997", 3, 1, 1, 1, 3, 1000 - 81 - 314 - 236 - 269);
}

/* Devlin et al. 2018, decrements in thousandths: rows MO SC UA PD AD,
 * columns levels 2..5. */
static const int32_t england_2018[5][4] = {
    {58, 76, 207, 274}, {50, 80, 164, 203},  {50, 63, 162, 184},
    {63, 84, 276, 335}, {78, 104, 285, 289},
};

/* Rowen et al. 2026, decrements in thousandths, as above. */
static const int32_t uk_2026[5][4] = {
    {32, 58, 179, 279}, {38, 60, 162, 206},  {49, 86, 184, 212},
    {56, 66, 371, 479}, {41, 126, 313, 391},
};

static void every_level_5l(const char *valueset, const int32_t table[5][4])
{
    for (int d = 0; d < 5; d++) {
        for (int level = 2; level <= 5; level++) {
            int32_t items[5] = {1, 1, 1, 1, 1};
            items[d] = level;
            expect_score("eq5d5l", valueset, items, 5, 1000 - table[d][level - 2], 1000.0);
        }
    }
}

static void eq5d5l_england_2018(void **state)
{
    (void)state;
    score5("eq5d5l", "england-2018", 1, 1, 1, 1, 1, 1000);
    /* published lower end of the range */
    score5("eq5d5l", "england-2018", 5, 5, 5, 5, 5, -285);
    /* published best state below full health: 0.950 (SC or UA at level 2) */
    score5("eq5d5l", "england-2018", 1, 2, 1, 1, 1, 950);
    score5("eq5d5l", "england-2018", 1, 1, 2, 1, 1, 950);
    every_level_5l("england-2018", england_2018);
    /* a mixed state: 1 - 0.058 - 0.080 - 0.162 - 0.063 - 0.289 */
    score5("eq5d5l", "england-2018", 2, 3, 4, 2, 5, 1000 - 58 - 80 - 162 - 63 - 289);
}

static void eq5d5l_uk_2026(void **state)
{
    (void)state;
    score5("eq5d5l", "uk-2026", 1, 1, 1, 1, 1, 1000);
    score5("eq5d5l", "uk-2026", 5, 5, 5, 5, 5, -567);
    every_level_5l("uk-2026", uk_2026);
    /* the default value set of eq5d5l is uk-2026 (issue 3), frozen */
    score5("eq5d5l", NULL, 5, 5, 5, 5, 5, -567);
    score5("eq5d5l", NULL, 1, 2, 3, 4, 5, 1000 - 38 - 86 - 371 - 391);
}

static void eq5d_missing_and_out_of_range(void **state)
{
    (void)state;
    static const char *codes[5] = {"MO", "SC", "UA", "PD", "AD"};
    char fragment[64];
    for (int d = 0; d < 5; d++) {
        int32_t items[5] = {1, 1, 1, 1, 1};
        items[d] = CAREALIGN_ITEM_MISSING;
        snprintf(fragment, sizeof fragment, "item %s is missing", codes[d]);
        expect_failure("eq5d3l", NULL, items, 5, CAREALIGN_EMISSING, fragment);
        expect_failure("eq5d5l", "england-2018", items, 5, CAREALIGN_EMISSING, fragment);
        snprintf(fragment, sizeof fragment, "item %s out of range", codes[d]);
        const int32_t bad3[] = {0, 4, -1, 9, INT32_MAX, INT32_MIN + 1};
        for (size_t b = 0; b < sizeof bad3 / sizeof bad3[0]; b++) {
            items[d] = bad3[b];
            expect_failure("eq5d3l", "uk-tto-1997", items, 5, CAREALIGN_EINVAL, fragment);
        }
        const int32_t bad5[] = {0, 6, -1, 11, INT32_MAX};
        for (size_t b = 0; b < sizeof bad5 / sizeof bad5[0]; b++) {
            items[d] = bad5[b];
            expect_failure("eq5d5l", "uk-2026", items, 5, CAREALIGN_EINVAL, fragment);
            expect_failure("eq5d5l", "england-2018", items, 5, CAREALIGN_EINVAL, fragment);
        }
    }
    /* the message names the item, never the answer */
    int32_t items[5] = {1, 1, 1, 1, 7};
    double score;
    assert_int_equal(carealign_score("eq5d5l", NULL, items, 5, &score), CAREALIGN_EINVAL);
    assert_string_equal(carealign_last_error(), "eq5d5l: item AD out of range 1..5");
    /* the first bad item in order decides */
    int32_t two_bad[5] = {1, 9, CAREALIGN_ITEM_MISSING, 1, 1};
    assert_int_equal(carealign_score("eq5d5l", NULL, two_bad, 5, &score), CAREALIGN_EINVAL);
    assert_non_null(strstr(carealign_last_error(), "item SC"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(eq5d3l_published_examples),     cmocka_unit_test(eq5d3l_every_level),
        cmocka_unit_test(eq5d5l_england_2018),           cmocka_unit_test(eq5d5l_uk_2026),
        cmocka_unit_test(eq5d_missing_and_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
