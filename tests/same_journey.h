/* The tests' comparisons of two journey builders: their columns
 * (lib/journey's internal carealign__jcols, j->k: which are NULL, and the
 * values of the others) and carealign_journey_compute's bytes. Needs
 * cmocka and journey/internal.h included before it. */
#ifndef CAREALIGN_TESTS_SAME_JOURNEY_H
#define CAREALIGN_TESTS_SAME_JOURNEY_H

#include <stddef.h>

/* Column col of builders a and b (n rows): both NULL, or the same values. */
#define SAME_COL(a, b, col, n)                                                                     \
    do {                                                                                           \
        assert_true(((a)->k.col == NULL) == ((b)->k.col == NULL));                                 \
        if ((a)->k.col != NULL)                                                                    \
            assert_memory_equal((a)->k.col, (b)->k.col, (n) * sizeof *(a)->k.col);                 \
    } while (0)

/* Every column of builders a and b (n >= 1 rows), as SAME_COL. */
static inline void assert_same_columns(const carealign_journey *a, const carealign_journey *b,
                                       size_t n)
{
    SAME_COL(a, b, start, n);
    SAME_COL(a, b, org, n);
    SAME_COL(a, b, sector, n);
    SAME_COL(a, b, type, n);
    SAME_COL(a, b, has, n);
    SAME_COL(a, b, end, n);
    SAME_COL(a, b, minute, n);
    SAME_COL(a, b, prof, n);
    SAME_COL(a, b, subtype, n);
    SAME_COL(a, b, method, n);
    SAME_COL(a, b, dest, n);
    SAME_COL(a, b, ready, n);
    SAME_COL(a, b, staff, n);
    SAME_COL(a, b, activity, n);
    SAME_COL(a, b, cost, n);
}

/* carealign_journey_compute of got (default options) gives the bytes of
 * want's. */
static inline void assert_same_compute(carealign_journey *want, carealign_journey *got)
{
    carealign_journey_result fw, fg;
    carealign_journey_result_init(&fw, sizeof fw);
    carealign_journey_result_init(&fg, sizeof fg);
    assert_int_equal(carealign_journey_compute(want, NULL, &fw), CAREALIGN_OK);
    assert_int_equal(carealign_journey_compute(got, NULL, &fg), CAREALIGN_OK);
    assert_memory_equal(&fg, &fw, sizeof fg);
}

#endif
