/* Summed scales: ASCOT SCT4 / ASCOF 1A, SWEMWBS (metric and raw), WEMWBS,
 * the Friends and Family Test and the Barthel Index. Sources:
 *   ASCOF 1A (NHS Digital, Adult Social Care Survey): item score 3/2/1/0 for
 *     responses 1/2/3/4, person score the sum, 0..24.
 *   SWEMWBS/WEMWBS: Stewart-Brown et al. 2009, Health Qual Life Outcomes
 *     7:15; items 1..5; raw sums 7..35 and 14..70; the Rasch conversion
 *     table typed below.
 *   FFT: NHS England since April 2020; 1 very good .. 5 very poor, 6 don't
 *     know; % positive = (very good + good) / all responses.
 *   Barthel: Collin C, Wade DT et al. 1988 (20-point; item maxima bowels 2,
 *     bladder 2, grooming 1, toilet 2, feeding 2, transfers 3, mobility 3,
 *     dressing 2, stairs 2, bathing 1); Mahoney FI, Barthel DW 1965
 *     (100-point, exactly 5 times each item). */
#include "helpers.h"

static void fill(int32_t *items, size_t n, int32_t value)
{
    for (size_t i = 0; i < n; i++)
        items[i] = value;
}

static void ascot(void **state)
{
    (void)state;
    int32_t items[8];
    fill(items, 8, 1);
    expect_score("ascot_sct4", "raw", items, 8, 24, 1.0);
    fill(items, 8, 4);
    expect_score("ascot_sct4", NULL, items, 8, 0, 1.0);
    /* every level of every domain, the others at 1 (3 points each) */
    static const int32_t points[4] = {3, 2, 1, 0};
    for (int d = 0; d < 8; d++) {
        for (int level = 1; level <= 4; level++) {
            fill(items, 8, 1);
            items[d] = level;
            expect_score("ascot_sct4", "raw", items, 8, 21 + points[level - 1], 1.0);
            fill(items, 8, 4);
            items[d] = level;
            expect_score("ascot_sct4", "raw", items, 8, points[level - 1], 1.0);
        }
    }
    const int32_t mixed[8] = {1, 2, 3, 4, 1, 2, 3, 4};
    expect_score("ascot_sct4", "raw", mixed, 8, 3 + 2 + 1 + 0 + 3 + 2 + 1 + 0, 1.0);
    static const char *codes[8] = {"CONTROL", "CLEAN",      "FOOD",  "SAFETY",
                                   "SOCIAL",  "OCCUPATION", "ACCOM", "DIGNITY"};
    char fragment[64];
    for (int d = 0; d < 8; d++) {
        fill(items, 8, 1);
        items[d] = CAREALIGN_ITEM_MISSING;
        snprintf(fragment, sizeof fragment, "item %s is missing", codes[d]);
        expect_failure("ascot_sct4", "raw", items, 8, CAREALIGN_EMISSING, fragment);
        snprintf(fragment, sizeof fragment, "item %s out of range 1..4", codes[d]);
        items[d] = 0;
        expect_failure("ascot_sct4", "raw", items, 8, CAREALIGN_EINVAL, fragment);
        items[d] = 5;
        expect_failure("ascot_sct4", "raw", items, 8, CAREALIGN_EINVAL, fragment);
    }
}

/* Published SWEMWBS raw-to-metric conversion, in hundredths, raw 7..35. */
static const int32_t metric[29] = {
    700,  951,  1125, 1240, 1333, 1408, 1475, 1532, 1584, 1636, 1688, 1743, 1798, 1859, 1925,
    1998, 2073, 2154, 2235, 2321, 2411, 2503, 2602, 2703, 2813, 2931, 3070, 3255, 3500,
};

static void swemwbs(void **state)
{
    (void)state;
    int32_t items[7];
    fill(items, 7, 5);
    expect_score("swemwbs", "metric", items, 7, 3500, 100.0);
    expect_score("swemwbs", "raw", items, 7, 35, 1.0);
    fill(items, 7, 1);
    expect_score("swemwbs", NULL, items, 7, 700, 100.0);
    expect_score("swemwbs", "raw", items, 7, 7, 1.0);
    /* every raw sum 7..35, reached by raising items one step at a time */
    fill(items, 7, 1);
    for (int raw = 7; raw <= 35; raw++) {
        expect_score("swemwbs", "metric", items, 7, metric[raw - 7], 100.0);
        expect_score("swemwbs", "raw", items, 7, raw, 1.0);
        if (raw < 35)
            items[(raw - 7) % 7]++;
    }
    /* every level of every item, the others at 1 */
    for (int i = 0; i < 7; i++) {
        for (int level = 1; level <= 5; level++) {
            fill(items, 7, 1);
            items[i] = level;
            expect_score("swemwbs", "raw", items, 7, 6 + level, 1.0);
            expect_score("swemwbs", "metric", items, 7, metric[level - 1], 100.0);
        }
    }
    /* the same raw sum from different items gives the same metric score */
    const int32_t a[7] = {5, 5, 5, 1, 1, 1, 1}, b[7] = {1, 1, 1, 2, 5, 4, 5};
    expect_score("swemwbs", "metric", a, 7, metric[19 - 7], 100.0);
    expect_score("swemwbs", "metric", b, 7, metric[19 - 7], 100.0);
    static const char *codes[7] = {"W1", "W2", "W3", "W6", "W7", "W9", "W11"};
    char fragment[64];
    for (int i = 0; i < 7; i++) {
        fill(items, 7, 3);
        items[i] = CAREALIGN_ITEM_MISSING;
        snprintf(fragment, sizeof fragment, "item %s is missing", codes[i]);
        expect_failure("swemwbs", "metric", items, 7, CAREALIGN_EMISSING, fragment);
        expect_failure("swemwbs", "raw", items, 7, CAREALIGN_EMISSING, fragment);
        snprintf(fragment, sizeof fragment, "item %s out of range 1..5", codes[i]);
        items[i] = 0;
        expect_failure("swemwbs", "metric", items, 7, CAREALIGN_EINVAL, fragment);
        items[i] = 6;
        expect_failure("swemwbs", "raw", items, 7, CAREALIGN_EINVAL, fragment);
    }
}

static void wemwbs(void **state)
{
    (void)state;
    int32_t items[14];
    fill(items, 14, 5);
    expect_score("wemwbs", "raw", items, 14, 70, 1.0);
    fill(items, 14, 1);
    expect_score("wemwbs", NULL, items, 14, 14, 1.0);
    char fragment[64];
    for (int i = 0; i < 14; i++) {
        for (int level = 1; level <= 5; level++) {
            fill(items, 14, 1);
            items[i] = level;
            expect_score("wemwbs", "raw", items, 14, 13 + level, 1.0);
        }
        fill(items, 14, 2);
        items[i] = CAREALIGN_ITEM_MISSING;
        snprintf(fragment, sizeof fragment, "item W%d is missing", i + 1);
        expect_failure("wemwbs", "raw", items, 14, CAREALIGN_EMISSING, fragment);
        snprintf(fragment, sizeof fragment, "item W%d out of range 1..5", i + 1);
        items[i] = 0;
        expect_failure("wemwbs", "raw", items, 14, CAREALIGN_EINVAL, fragment);
        items[i] = 6;
        expect_failure("wemwbs", "raw", items, 14, CAREALIGN_EINVAL, fragment);
    }
}

static void fft(void **state)
{
    (void)state;
    /* 1 very good, 2 good -> positive (1); the rest, don't know included, 0 */
    static const int32_t expected[6] = {1, 1, 0, 0, 0, 0};
    static const int32_t category[6] = {CAREALIGN_FFT_POSITIVE, CAREALIGN_FFT_POSITIVE,
                                        CAREALIGN_FFT_NEUTRAL,  CAREALIGN_FFT_NEGATIVE,
                                        CAREALIGN_FFT_NEGATIVE, CAREALIGN_FFT_DONT_KNOW};
    for (int32_t r = 1; r <= 6; r++) {
        expect_score("fft", "positive", &r, 1, expected[r - 1], 1.0);
        expect_score("fft", NULL, &r, 1, expected[r - 1], 1.0);
        int32_t c = 0;
        assert_int_equal(carealign_fft_classify(r, &c), CAREALIGN_OK);
        assert_int_equal(c, category[r - 1]);
    }
    int32_t bad[] = {0, 7, -1};
    for (size_t b = 0; b < 3; b++) {
        expect_failure("fft", NULL, &bad[b], 1, CAREALIGN_EINVAL, "item FFT out of range 1..6");
        int32_t c = 42;
        assert_int_equal(carealign_fft_classify(bad[b], &c), CAREALIGN_EINVAL);
        assert_int_equal(c, 42);
    }
    int32_t missing = CAREALIGN_ITEM_MISSING, c = 42;
    expect_failure("fft", NULL, &missing, 1, CAREALIGN_EMISSING, "item FFT is missing");
    assert_int_equal(carealign_fft_classify(missing, &c), CAREALIGN_EMISSING);
    assert_int_equal(c, 42);
    assert_int_equal(carealign_fft_classify(1, NULL), CAREALIGN_EINVAL);

    /* NHS worked example (a GP practice): 171 positive of 244 responses is
     * 70%, "don't know" counted in the denominator. */
    int32_t responses[244];
    double scores[244];
    for (int i = 0; i < 244; i++)
        responses[i] = i < 171 ? 1 + i % 2 : 3 + i % 4; /* 1,2 then 3,4,5,6 */
    size_t n_scored = 0;
    assert_int_equal(carealign_score_batch("fft", NULL, responses, 1, 244, scores, NULL, &n_scored),
                     CAREALIGN_OK);
    assert_int_equal(n_scored, 244);
    double sum = 0;
    for (int i = 0; i < 244; i++)
        sum += scores[i];
    assert_true(sum == 171.0);
    assert_int_equal((int)floor(100.0 * sum / 244.0 + 0.5), 70);
}

static void barthel(void **state)
{
    (void)state;
    static const int32_t maxima[10] = {2, 2, 1, 2, 2, 3, 3, 2, 2, 1};
    static const char *codes[10] = {"BOWELS",    "BLADDER",  "GROOMING", "TOILET", "FEEDING",
                                    "TRANSFERS", "MOBILITY", "DRESSING", "STAIRS", "BATHING"};
    int32_t items[10];
    fill(items, 10, 0);
    expect_score("barthel", "20", items, 10, 0, 1.0);
    expect_score("barthel", "100", items, 10, 0, 1.0);
    memcpy(items, maxima, sizeof items);
    expect_score("barthel", "20", items, 10, 20, 1.0);
    expect_score("barthel", NULL, items, 10, 20, 1.0);
    expect_score("barthel", "100", items, 10, 100, 1.0);
    char fragment[64];
    for (int i = 0; i < 10; i++) {
        for (int32_t level = 0; level <= maxima[i]; level++) {
            fill(items, 10, 0);
            items[i] = level;
            expect_score("barthel", "20", items, 10, level, 1.0);
            expect_score("barthel", "100", items, 10, 5 * level, 1.0);
            memcpy(items, maxima, sizeof items);
            items[i] = level;
            expect_score("barthel", "20", items, 10, 20 - maxima[i] + level, 1.0);
            expect_score("barthel", "100", items, 10, 5 * (20 - maxima[i] + level), 1.0);
        }
        fill(items, 10, 0);
        items[i] = CAREALIGN_ITEM_MISSING;
        snprintf(fragment, sizeof fragment, "item %s is missing", codes[i]);
        expect_failure("barthel", "20", items, 10, CAREALIGN_EMISSING, fragment);
        snprintf(fragment, sizeof fragment, "item %s out of range 0..%d", codes[i], (int)maxima[i]);
        items[i] = -1;
        expect_failure("barthel", "20", items, 10, CAREALIGN_EINVAL, fragment);
        items[i] = maxima[i] + 1;
        expect_failure("barthel", "100", items, 10, CAREALIGN_EINVAL, fragment);
        /* 100-point item values are not accepted as items: items are 20-point */
        items[i] = 5;
        expect_failure("barthel", "100", items, 10, CAREALIGN_EINVAL, fragment);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ascot), cmocka_unit_test(swemwbs), cmocka_unit_test(wemwbs),
        cmocka_unit_test(fft),   cmocka_unit_test(barthel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
