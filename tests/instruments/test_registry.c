/* The registry: names, items, levels and value sets as issue 3 and the
 * reference notes list them (EQ-5D dimension order MO SC UA PD AD; the
 * eight ASCOT domains; SWEMWBS = WEMWBS items 1, 2, 3, 6, 7, 9, 11;
 * ICECAP-O attachment, security, role, enjoyment, control with level 4
 * best; Barthel item maxima 2 2 1 2 2 3 3 2 2 1), and the score ranges
 * each value set declares against the scores of its best and worst
 * states. */
#include "helpers.h"

#include <stdlib.h>

typedef struct expected_instrument {
    const char *name;
    const char *items; /* space-separated codes */
    const char *valuesets;
    int32_t best_is_max;
} expected_instrument;

static const expected_instrument expected[] = {
    {"eq5d3l", "MO SC UA PD AD", "uk-tto-1997", 0},
    {"eq5d5l", "MO SC UA PD AD", "uk-2026 england-2018", 0},
    {"ascot_sct4", "CONTROL CLEAN FOOD SAFETY SOCIAL OCCUPATION ACCOM DIGNITY", "raw", 0},
    {"swemwbs", "W1 W2 W3 W6 W7 W9 W11", "metric raw", 1},
    {"wemwbs", "W1 W2 W3 W4 W5 W6 W7 W8 W9 W10 W11 W12 W13 W14", "raw", 1},
    {"icecap_o", "ATTACHMENT SECURITY ROLE ENJOYMENT CONTROL", "coast-2008", 1},
    {"fft", "FFT", "positive", 0},
    {"barthel", "BOWELS BLADDER GROOMING TOILET FEEDING TRANSFERS MOBILITY DRESSING STAIRS BATHING",
     "20 100", 1},
};

/* The index-th space-separated word of list must be word. */
static void check_words(const char *list, size_t index, const char *word)
{
    const char *p = list;
    for (size_t i = 0; i < index; i++) {
        p = strchr(p, ' ');
        assert_non_null(p);
        p++;
    }
    size_t len = strcspn(p, " ");
    if (strlen(word) != len || strncmp(p, word, len) != 0)
        fail_msg("expected word %zu of \"%s\", got \"%s\"", index, list, word);
}

static size_t count_words(const char *list)
{
    size_t n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ' ';
    return n;
}

static void enumerate(void **state)
{
    (void)state;
    size_t n = sizeof expected / sizeof expected[0];
    assert_int_equal(carealign_instrument_count(), n);
    assert_null(carealign_instrument_get(n));
    for (size_t i = 0; i < n; i++) {
        const carealign_instrument_info *info = carealign_instrument_get(i);
        assert_non_null(info);
        assert_int_equal(info->size, sizeof(carealign_instrument_info));
        assert_string_equal(info->name, expected[i].name);
        assert_true(strlen(info->title) > 0 && strlen(info->owner) > 0);
        assert_non_null(info->licence_url);
        assert_true(info->licence_url[0] == '\0' || strncmp(info->licence_url, "https://", 8) == 0);
        const carealign_instrument_info *found = NULL;
        assert_int_equal(carealign_instrument_find(expected[i].name, &found), CAREALIGN_OK);
        assert_ptr_equal(found, info);

        assert_int_equal(info->n_items, count_words(expected[i].items));
        for (size_t j = 0; j < info->n_items; j++) {
            const carealign_item_info *item = carealign_instrument_item(info, j);
            assert_non_null(item);
            assert_int_equal(item->size, sizeof(carealign_item_info));
            check_words(expected[i].items, j, item->code);
            assert_true(item->min_level < item->max_level);
            assert_int_equal(item->best_level,
                             expected[i].best_is_max ? item->max_level : item->min_level);
        }
        assert_null(carealign_instrument_item(info, info->n_items));

        assert_int_equal(info->n_valuesets, count_words(expected[i].valuesets));
        for (size_t v = 0; v < info->n_valuesets; v++) {
            const carealign_valueset_info *vs = carealign_instrument_valueset(info, v);
            assert_non_null(vs);
            assert_int_equal(vs->size, sizeof(carealign_valueset_info));
            check_words(expected[i].valuesets, v, vs->name);
            assert_true(strlen(vs->citation) > 20);
            const carealign_valueset_info *again = NULL;
            assert_int_equal(carealign_instrument_valueset_find(info->name, vs->name, &again),
                             CAREALIGN_OK);
            assert_ptr_equal(again, vs);
        }
        assert_null(carealign_instrument_valueset(info, info->n_valuesets));
        const carealign_valueset_info *def = NULL;
        assert_int_equal(carealign_instrument_valueset_find(info->name, NULL, &def), CAREALIGN_OK);
        assert_ptr_equal(def, carealign_instrument_valueset(info, 0));
    }
}

static void levels(void **state)
{
    (void)state;
    const carealign_instrument_info *info;
    assert_int_equal(carealign_instrument_find("barthel", &info), CAREALIGN_OK);
    static const int32_t maxima[10] = {2, 2, 1, 2, 2, 3, 3, 2, 2, 1};
    for (size_t j = 0; j < 10; j++) {
        assert_int_equal(carealign_instrument_item(info, j)->min_level, 0);
        assert_int_equal(carealign_instrument_item(info, j)->max_level, maxima[j]);
    }
    static const struct {
        const char *name;
        int32_t min, max;
    } ranges[] = {{"eq5d3l", 1, 3}, {"eq5d5l", 1, 5},   {"ascot_sct4", 1, 4}, {"swemwbs", 1, 5},
                  {"wemwbs", 1, 5}, {"icecap_o", 1, 4}, {"fft", 1, 6}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        assert_int_equal(carealign_instrument_find(ranges[r].name, &info), CAREALIGN_OK);
        for (size_t j = 0; j < info->n_items; j++) {
            assert_int_equal(carealign_instrument_item(info, j)->min_level, ranges[r].min);
            assert_int_equal(carealign_instrument_item(info, j)->max_level, ranges[r].max);
        }
    }
}

/* Each value set's declared min and max are the scores of the worst and
 * best states, the declared decimals match the grid, and the published
 * ends are what the sources say. */
static void ranges_and_grids(void **state)
{
    (void)state;
    static const struct {
        const char *instrument, *valueset;
        double min, max;
        int32_t decimals;
    } published[] = {
        {"eq5d3l", "uk-tto-1997", -0.594, 1, 3},
        {"eq5d5l", "uk-2026", -0.567, 1, 3},
        {"eq5d5l", "england-2018", -0.285, 1, 3},
        {"ascot_sct4", "raw", 0, 24, 0},
        {"swemwbs", "metric", 7, 35, 2},
        {"swemwbs", "raw", 7, 35, 0},
        {"wemwbs", "raw", 14, 70, 0},
        {"icecap_o", "coast-2008", 0, 1, 4},
        {"fft", "positive", 0, 1, 0},
        {"barthel", "20", 0, 20, 0},
        {"barthel", "100", 0, 100, 0},
    };
    for (size_t p = 0; p < sizeof published / sizeof published[0]; p++) {
        const carealign_instrument_info *info;
        const carealign_valueset_info *vs;
        assert_int_equal(carealign_instrument_find(published[p].instrument, &info), CAREALIGN_OK);
        assert_int_equal(
            carealign_instrument_valueset_find(published[p].instrument, published[p].valueset, &vs),
            CAREALIGN_OK);
        assert_true(vs->min_score == published[p].min);
        assert_true(vs->max_score == published[p].max);
        assert_int_equal(vs->decimals, published[p].decimals);
        int32_t best[16], worst[16];
        for (size_t j = 0; j < info->n_items; j++) {
            const carealign_item_info *item = carealign_instrument_item(info, j);
            best[j] = item->best_level;
            worst[j] = item->best_level == item->min_level ? item->max_level : item->min_level;
        }
        double hi, lo;
        assert_int_equal(carealign_score(info->name, vs->name, best, info->n_items, &hi),
                         CAREALIGN_OK);
        assert_int_equal(carealign_score(info->name, vs->name, worst, info->n_items, &lo),
                         CAREALIGN_OK);
        assert_true(hi == vs->max_score);
        assert_true(lo == vs->min_score);
    }
}

static void unknown_names(void **state)
{
    (void)state;
    const carealign_instrument_info *info = NULL;
    const carealign_valueset_info *vs = NULL;
    assert_int_equal(carealign_instrument_find("eq5d", &info), CAREALIGN_EUNSUPPORTED);
    assert_int_equal(carealign_instrument_find("EQ5D5L", &info), CAREALIGN_EUNSUPPORTED);
    assert_int_equal(carealign_instrument_find(NULL, &info), CAREALIGN_EINVAL);
    assert_int_equal(carealign_instrument_find("eq5d5l", NULL), CAREALIGN_EINVAL);
    assert_null(info);
    assert_int_equal(carealign_instrument_valueset_find("eq5d5l", "england-2016", &vs),
                     CAREALIGN_EUNSUPPORTED);
    assert_string_equal(carealign_last_error(),
                        "carealign_instrument_valueset_find: eq5d5l has no such value set");
    assert_int_equal(carealign_instrument_valueset_find("nope", NULL, &vs), CAREALIGN_EUNSUPPORTED);
    assert_int_equal(carealign_instrument_valueset_find(NULL, NULL, &vs), CAREALIGN_EINVAL);
    assert_int_equal(carealign_instrument_valueset_find("fft", NULL, NULL), CAREALIGN_EINVAL);
    assert_null(vs);
    /* a struct that is not the registry's gets nothing */
    carealign_instrument_info fake = *carealign_instrument_get(0);
    assert_null(carealign_instrument_item(&fake, 0));
    assert_null(carealign_instrument_valueset(&fake, 0));
    assert_null(carealign_instrument_item(NULL, 0));
    assert_null(carealign_instrument_valueset(NULL, 0));

    const int32_t items[5] = {1, 1, 1, 1, 1};
    double score = 7.0;
    assert_int_equal(carealign_score("eq5d", NULL, items, 5, &score), CAREALIGN_EUNSUPPORTED);
    assert_int_equal(carealign_score("eq5d5l", "england-2016", items, 5, &score),
                     CAREALIGN_EUNSUPPORTED);
    assert_int_equal(carealign_score(NULL, NULL, items, 5, &score), CAREALIGN_EINVAL);
    assert_int_equal(carealign_score("eq5d5l", NULL, items, 4, &score), CAREALIGN_EINVAL);
    assert_string_equal(carealign_last_error(),
                        "carealign_score: eq5d5l has 5 items, n_items is 4");
    assert_int_equal(carealign_score("eq5d5l", NULL, NULL, 5, &score), CAREALIGN_EINVAL);
    assert_int_equal(carealign_score("eq5d5l", NULL, items, 5, NULL), CAREALIGN_EINVAL);
    assert_true(score == 7.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(enumerate),
        cmocka_unit_test(levels),
        cmocka_unit_test(ranges_and_grids),
        cmocka_unit_test(unknown_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
