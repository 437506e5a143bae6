/* Shared by the instruments tests: score one row both ways (carealign_score
 * and a one-row carealign_score_batch) and compare with an exact expected
 * value given as an integer numerator over a power of ten, so that the
 * comparison is exact (the library divides the same integers). */
#ifndef CAREALIGN_TESTS_INSTRUMENTS_HELPERS_H
#define CAREALIGN_TESTS_INSTRUMENTS_HELPERS_H

#include "cmocka_all.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "carealign/instruments.h"

static inline void expect_score(const char *instrument, const char *valueset, const int32_t *items,
                                size_t n, int64_t numerator, double denominator)
{
    double expected = (double)numerator / denominator;
    double score = -1e300;
    carealign_status status = carealign_score(instrument, valueset, items, n, &score);
    if (status != CAREALIGN_OK)
        fail_msg("%s/%s: status %d (%s)", instrument, valueset ? valueset : "default", (int)status,
                 carealign_last_error());
    if (score != expected) {
        char row[128] = "";
        for (size_t i = 0; i < n && strlen(row) < 100; i++)
            snprintf(row + strlen(row), sizeof row - strlen(row), "%d ", (int)items[i]);
        fail_msg("%s/%s [%s]: got %.17g, expected %.17g", instrument,
                 valueset ? valueset : "default", row, score, expected);
    }
    double batch = -1e300;
    int32_t row_status = 99;
    size_t n_scored = 99;
    assert_int_equal(
        carealign_score_batch(instrument, valueset, items, n, 1, &batch, &row_status, &n_scored),
        CAREALIGN_OK);
    assert_int_equal(row_status, CAREALIGN_OK);
    assert_int_equal(n_scored, 1);
    assert_true(batch == expected);
}

/* Expect a failure with the given status and an error message that names
 * the item code; the message must not contain the bad answer. */
static inline void expect_failure(const char *instrument, const char *valueset,
                                  const int32_t *items, size_t n, carealign_status expected,
                                  const char *fragment)
{
    double score = 12345.0;
    assert_int_equal(carealign_score(instrument, valueset, items, n, &score), expected);
    assert_true(score == 12345.0);
    assert_int_equal(carealign_last_error_code(), expected);
    if (fragment != NULL && strstr(carealign_last_error(), fragment) == NULL)
        fail_msg("error \"%s\" does not contain \"%s\"", carealign_last_error(), fragment);
    double batch = 0.0;
    int32_t row_status = 99;
    size_t n_scored = 99;
    assert_int_equal(
        carealign_score_batch(instrument, valueset, items, n, 1, &batch, &row_status, &n_scored),
        expected);
    assert_true(isnan(batch));
    assert_int_equal(row_status, expected);
    assert_int_equal(n_scored, 0);
}

#endif
