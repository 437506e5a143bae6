/* carealign_score_batch: row-major rows, one score and status per row, a
 * bad row never stops the batch, the count of scored rows and the status
 * of the first failed row come back. Expected scores: Devlin et al. 2018
 * (England EQ-5D-5L) and the SWEMWBS conversion table, as in the other
 * tests. */
#include "helpers.h"

#include <stdlib.h>

static void mixed_rows(void **state)
{
    (void)state;
    const int32_t items[6][5] = {
        {1, 1, 1, 1, 1}, {5, 5, 5, 5, 5}, {1, 1, 1, 1, CAREALIGN_ITEM_MISSING},
        {1, 2, 1, 1, 1}, {1, 1, 6, 1, 1}, {2, 1, 1, 1, 1},
    };
    double scores[6];
    int32_t status[6];
    size_t n_scored = 0;
    assert_int_equal(carealign_score_batch("eq5d5l", "england-2018", &items[0][0], 5, 6, scores,
                                           status, &n_scored),
                     CAREALIGN_EMISSING);
    assert_int_equal(n_scored, 4);
    assert_true(scores[0] == 1.0);
    assert_true(scores[1] == -285 / 1000.0);
    assert_true(isnan(scores[2]));
    assert_true(scores[3] == 950 / 1000.0);
    assert_true(isnan(scores[4]));
    assert_true(scores[5] == (1000 - 58) / 1000.0);
    const int32_t want[6] = {CAREALIGN_OK, CAREALIGN_OK,     CAREALIGN_EMISSING,
                             CAREALIGN_OK, CAREALIGN_EINVAL, CAREALIGN_OK};
    for (int i = 0; i < 6; i++)
        assert_int_equal(status[i], want[i]);
    /* the message is about the first failed row, numbered from 1 */
    assert_string_equal(carealign_last_error(), "eq5d5l: row 3: item AD is missing");

    /* row_status and n_scored are optional */
    double again[6];
    assert_int_equal(
        carealign_score_batch("eq5d5l", "england-2018", &items[0][0], 5, 6, again, NULL, NULL),
        CAREALIGN_EMISSING);
    for (int i = 0; i < 6; i++)
        assert_true(isnan(again[i]) ? isnan(scores[i]) : again[i] == scores[i]);
}

static void first_failure_decides_status(void **state)
{
    (void)state;
    const int32_t items[3][7] = {
        {3, 3, 3, 3, 3, 3, 3},
        {3, 3, 3, 0, 3, 3, 3},
        {3, 3, CAREALIGN_ITEM_MISSING, 3, 3, 3, 3},
    };
    double scores[3];
    int32_t status[3];
    size_t n_scored = 99;
    assert_int_equal(
        carealign_score_batch("swemwbs", "metric", &items[0][0], 7, 3, scores, status, &n_scored),
        CAREALIGN_EINVAL);
    assert_int_equal(n_scored, 1);
    assert_true(scores[0] == 1925 / 100.0); /* raw 21 -> 19.25 */
    assert_int_equal(status[1], CAREALIGN_EINVAL);
    assert_int_equal(status[2], CAREALIGN_EMISSING);
    assert_string_equal(carealign_last_error(), "swemwbs: row 2: item W6 out of range 1..5");
    /* the message never carries the answer given */
    assert_null(strstr(carealign_last_error(), " 0"));
}

static void every_value_set_agrees_with_single_scores(void **state)
{
    (void)state;
    /* Pseudo-random rows through every value set: each row of the batch
     * equals carealign_score on that row. The first 1500 rows are all valid
     * (whole blocks take the batch's fast path), the rest have a bad item
     * in about one in eight rows (the row-by-row path), and the row count
     * is not a multiple of the block size. */
    uint32_t seed = 12345u;
    for (size_t i = 0; i < carealign_instrument_count(); i++) {
        const carealign_instrument_info *info = carealign_instrument_get(i);
        for (size_t v = 0; v < info->n_valuesets; v++) {
            const char *vs = carealign_instrument_valueset(info, v)->name;
            enum { ROWS = 3001 };
            static int32_t items[ROWS * 14];
            static double scores[ROWS];
            static int32_t status[ROWS];
            size_t n_scored = 0, ok = 0;
            for (size_t r = 0; r < ROWS; r++) {
                for (size_t j = 0; j < info->n_items; j++) {
                    const carealign_item_info *item = carealign_instrument_item(info, j);
                    seed = seed * 1103515245u + 12345u;
                    uint32_t span = (uint32_t)(item->max_level - item->min_level) + 1;
                    items[r * info->n_items + j] = item->min_level + (int32_t)((seed >> 8) % span);
                    if (r < 1500)
                        continue;
                    if (((seed >> 20) & 63u) == 0)
                        items[r * info->n_items + j] = CAREALIGN_ITEM_MISSING;
                    else if (((seed >> 20) & 63u) == 1)
                        items[r * info->n_items + j] = item->max_level + 1;
                }
            }
            carealign_status st = carealign_score_batch(info->name, vs, items, info->n_items, ROWS,
                                                        scores, status, &n_scored);
            for (size_t r = 0; r < ROWS; r++) {
                double single = NAN;
                carealign_status s = carealign_score(info->name, vs, items + r * info->n_items,
                                                     info->n_items, &single);
                assert_int_equal(s, status[r]);
                if (s == CAREALIGN_OK) {
                    ok++;
                    assert_true(single == scores[r]);
                } else {
                    assert_true(isnan(scores[r]));
                }
            }
            assert_int_equal(n_scored, ok);
            assert_int_equal(st == CAREALIGN_OK, ok == ROWS);
            assert_true(ok > ROWS / 2);
        }
    }
}

static void argument_errors(void **state)
{
    (void)state;
    const int32_t items[5] = {1, 1, 1, 1, 1};
    double scores[1] = {42.0};
    int32_t status[1] = {42};
    size_t n_scored = 99;
    assert_int_equal(carealign_score_batch("nope", NULL, items, 5, 1, scores, status, &n_scored),
                     CAREALIGN_EUNSUPPORTED);
    assert_int_equal(n_scored, 0);
    n_scored = 99;
    assert_int_equal(
        carealign_score_batch("eq5d5l", "nope", items, 5, 1, scores, status, &n_scored),
        CAREALIGN_EUNSUPPORTED);
    assert_int_equal(n_scored, 0);
    assert_int_equal(carealign_score_batch("eq5d5l", NULL, items, 3, 1, scores, status, NULL),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_score_batch("eq5d5l", NULL, NULL, 5, 1, scores, status, NULL),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_score_batch("eq5d5l", NULL, items, 5, 1, NULL, status, NULL),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_score_batch(NULL, NULL, items, 5, 1, scores, status, NULL),
                     CAREALIGN_EINVAL);
    assert_int_equal(
        carealign_score_batch("eq5d5l", NULL, items, 5, SIZE_MAX / 4, scores, status, NULL),
        CAREALIGN_EINVAL);
    /* nothing was written */
    assert_true(scores[0] == 42.0);
    assert_int_equal(status[0], 42);
    /* no rows: fine, even with NULL buffers */
    n_scored = 99;
    assert_int_equal(carealign_score_batch("eq5d5l", NULL, NULL, 5, 0, NULL, NULL, &n_scored),
                     CAREALIGN_OK);
    assert_int_equal(n_scored, 0);
}

static void large_batch(void **state)
{
    (void)state;
    /* all 3125 EQ-5D-5L states in one call; the sum of their England index
     * values in thousandths equals the sum computed from the published
     * decrements: each decrement appears in 625 states. */
    enum { STATES = 3125 };
    int32_t *items = malloc(sizeof(int32_t) * STATES * 5);
    double *scores = malloc(sizeof(double) * STATES);
    assert_non_null(items);
    assert_non_null(scores);
    for (int s = 0; s < STATES; s++) {
        int rest = s;
        for (int d = 4; d >= 0; d--) {
            items[s * 5 + d] = 1 + rest % 5;
            rest /= 5;
        }
    }
    size_t n_scored = 0;
    assert_int_equal(
        carealign_score_batch("eq5d5l", "england-2018", items, 5, STATES, scores, NULL, &n_scored),
        CAREALIGN_OK);
    assert_int_equal(n_scored, STATES);
    int64_t sum = 0;
    for (int s = 0; s < STATES; s++)
        sum += (int64_t)llround(scores[s] * 1000.0);
    const int64_t decrements = (58 + 76 + 207 + 274) + (50 + 80 + 164 + 203) +
                               (50 + 63 + 162 + 184) + (63 + 84 + 276 + 335) +
                               (78 + 104 + 285 + 289);
    assert_int_equal(sum, (int64_t)STATES * 1000 - 625 * decrements);
    free(items);
    free(scores);
}

/* One large batch of a uniform instrument (every item min..max) against
 * carealign_score: each valid row's score equals carealign_score on its
 * state (computed once per state), each bad row's status equals
 * carealign_score's on that row. Bad rows (missing, just out of range,
 * extremes, values that do not fit in 16 bits) sit in every fourth block
 * of 256 rows and in the very last item; the rest are whole valid blocks.
 * With rows >= 2^20 and 16-byte aligned outputs the batch takes its
 * streaming path; offset by one double it does not. */
static void check_large_batch(const char *instrument, const char *valueset, size_t rows,
                              size_t misalign)
{
    const carealign_instrument_info *info = NULL;
    assert_int_equal(carealign_instrument_find(instrument, &info), CAREALIGN_OK);
    const size_t n = info->n_items;
    const carealign_item_info *item = carealign_instrument_item(info, 0);
    const int32_t lo = item->min_level, radix = item->max_level - item->min_level + 1;
    /* expected scores cached by state when there are not too many states */
    size_t states = 1;
    for (size_t j = 0; j < n && states <= ((size_t)1 << 20); j++)
        states *= (size_t)radix;
    const int cache = states <= ((size_t)1 << 20);
    if (!cache)
        states = 1;
    int32_t *items = malloc(sizeof(int32_t) * rows * n);
    double *expected = malloc(sizeof(double) * states);
    unsigned char *known = calloc(states, 1);
    double *score_buf = malloc(sizeof(double) * (rows + 2));
    int32_t *status_buf = malloc(sizeof(int32_t) * (rows + 4));
    assert_non_null(items);
    assert_non_null(expected);
    assert_non_null(known);
    assert_non_null(score_buf);
    assert_non_null(status_buf);
    /* 16-byte aligned, then offset by misalign elements */
    double *scores = score_buf + ((uintptr_t)(void *)score_buf % 16 != 0) + misalign;
    int32_t *status = status_buf + (4 - (uintptr_t)(void *)status_buf % 16 / 4) % 4 + misalign;
    static const int32_t bad_values[] = {
        CAREALIGN_ITEM_MISSING, 0, 0, INT32_MIN, INT32_MAX, 40000, -40000, 65536 + 3, -65536 + 3};
    uint32_t seed = 2026u;
    size_t bad_rows = 0;
    for (size_t r = 0; r < rows; r++) {
        for (size_t j = 0; j < n; j++) {
            seed = seed * 1103515245u + 12345u;
            items[r * n + j] = lo + (int32_t)((seed >> 8) % (uint32_t)radix);
        }
        int bad = ((r / 256) % 4 == 1 && r % 37 == 5) || r == rows - 1;
        if (bad) {
            size_t which = r == rows - 1 ? n - 1 : (r / 37) % n;
            size_t kind = (r / 7) % (sizeof bad_values / sizeof bad_values[0]);
            int32_t v = bad_values[kind];
            if (kind == 1)
                v = lo - 1;
            else if (kind == 2)
                v = lo + radix;
            items[r * n + which] = v;
            bad_rows++;
        }
    }
    size_t n_scored = 0;
    carealign_status st =
        carealign_score_batch(instrument, valueset, items, n, rows, scores, status, &n_scored);
    assert_int_equal(n_scored, rows - bad_rows);
    carealign_status first = CAREALIGN_OK;
    for (size_t r = 0; r < rows; r++) {
        const int32_t *row = items + r * n;
        size_t code = 0;
        int valid = 1;
        for (size_t j = 0; j < n; j++) {
            valid &= row[j] >= lo && row[j] < lo + radix;
            code = cache ? code * (size_t)radix + (size_t)((int64_t)row[j] - lo) : 0;
        }
        if (!valid) {
            double single = NAN;
            carealign_status s = carealign_score(instrument, valueset, row, n, &single);
            assert_int_not_equal(s, CAREALIGN_OK);
            assert_int_equal(status[r], s);
            assert_true(isnan(scores[r]));
            if (first == CAREALIGN_OK)
                first = s;
            continue;
        }
        if (!known[code] || !cache) {
            assert_int_equal(carealign_score(instrument, valueset, row, n, &expected[code]),
                             CAREALIGN_OK);
            known[code] = 1;
        }
        assert_int_equal(status[r], CAREALIGN_OK);
        if (scores[r] != expected[code])
            fail_msg("%s/%s row %zu: batch %.17g, carealign_score %.17g", instrument, valueset, r,
                     scores[r], expected[code]);
    }
    assert_int_equal(st, first);
    free(items);
    free(expected);
    free(known);
    free(score_buf);
    free(status_buf);
}

static void large_batches_agree_with_single_scores(void **state)
{
    (void)state;
    /* past the state table's threshold (12500 rows), not streaming */
    check_large_batch("eq5d5l", "england-2018", 20000, 0);
    check_large_batch("eq5d5l", "uk-2026", 20000, 1);
    check_large_batch("eq5d3l", "uk-tto-1997", 20000, 0);
    check_large_batch("icecap_o", "coast-2008", 20000, 0);
    check_large_batch("swemwbs", "raw", 20000, 0);
    check_large_batch("wemwbs", "raw", 20000, 0);
    /* past 2^20 rows with aligned outputs: streaming stores (misaligned
     * outputs take the plain stores checked above) */
    const size_t big = ((size_t)1 << 20) + 301;
    check_large_batch("eq5d5l", "england-2018", big, 0);
    check_large_batch("swemwbs", "metric", big, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mixed_rows),
        cmocka_unit_test(first_failure_decides_status),
        cmocka_unit_test(every_value_set_agrees_with_single_scores),
        cmocka_unit_test(argument_errors),
        cmocka_unit_test(large_batch),
        cmocka_unit_test(large_batches_agree_with_single_scores),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
