/* carealign_acc_finalize on published examples and hand-worked cases.
 *
 * Sources:
 * - Wilson intervals: Newcombe RG, "Two-sided confidence intervals for the
 *   single proportion: comparison of seven methods", Statistics in Medicine
 *   1998;17:857-872, Table II, method 3 (score): 81/263 -> 0.2553 to
 *   0.3662, 15/148 -> 0.0624 to 0.1605, 0/20 -> 0 to 0.1611, 1/29 -> 0.0061
 *   to 0.1718 (also what statsmodels' proportion_confint(method="wilson")
 *   gives).
 * - t interval of 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sd sqrt(32/7),
 *   t(0.975, 7) = 2.364624 -> 3.212512 to 6.787488 (scipy.stats.t.interval).
 * - Median interval for n = 10 at 95%: P(B <= 1) = 11/1024 <= 0.025 <
 *   P(B <= 2) = 56/1024 for B ~ Binomial(10, 1/2), so the interval is the
 *   2nd to the 9th smallest value (Conover, Practical Nonparametric
 *   Statistics, 3rd ed., 1999, table A3 gives the same order statistics).
 * tests/accum/check_finalize.py compares every kind with SciPy/statsmodels
 * on random data. */
#include "cmocka_all.h"

#include <math.h>
#include <string.h>

#include "carealign/carealign.h"

static carealign_acc *make(int32_t kind, int32_t scale, uint32_t flags)
{
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = kind;
    p.scale = scale;
    p.flags = flags;
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    return acc;
}

static carealign_estimate finalize(const carealign_acc *acc, double confidence)
{
    carealign_estimate e;
    memset(&e, 0xee, sizeof e);
    assert_int_equal(carealign_acc_finalize(acc, confidence, &e), CAREALIGN_OK);
    return e;
}

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static void wilson_matches_newcombe_1998(void **state)
{
    (void)state;
    const struct {
        int x, n;
        double lower, upper;
    } rows[] = {{81, 263, 0.2553, 0.3662},
                {15, 148, 0.0624, 0.1605},
                {0, 20, 0.0, 0.1611},
                {1, 29, 0.0061, 0.1718}};
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        carealign_acc *acc = make(CAREALIGN_ACC_PROPORTION, 0, 0);
        for (int i = 0; i < rows[r].n; i++)
            assert_int_equal(carealign_acc_add(acc, i < rows[r].x ? 1 : 0, 1), CAREALIGN_OK);
        carealign_estimate e = finalize(acc, 0.95);
        NEAR(e.value, (double)rows[r].x / rows[r].n, 1e-15);
        NEAR(e.lower, rows[r].lower, 5e-5);
        NEAR(e.upper, rows[r].upper, 5e-5);
        assert_true(e.n == rows[r].n);
        assert_int_equal(e.method, CAREALIGN_METHOD_WILSON);
        /* weighted with every weight 1: the same interval, flagged */
        carealign_acc *w = make(CAREALIGN_ACC_PROPORTION, 0, CAREALIGN_ACC_WEIGHTED);
        for (int i = 0; i < rows[r].n; i++)
            assert_int_equal(carealign_acc_add(w, i < rows[r].x ? 1 : 0, 1), CAREALIGN_OK);
        carealign_estimate f = finalize(w, 0); /* 0 means 0.95 */
        NEAR(f.lower, e.lower, 1e-12);
        NEAR(f.upper, e.upper, 1e-12);
        NEAR(f.n, e.n, 1e-9);
        assert_int_equal(f.flags, CAREALIGN_EST_WEIGHTED);
        carealign_acc_free(w);
        carealign_acc_free(acc);
    }
}

static void t_interval_of_a_small_sample(void **state)
{
    (void)state;
    const double v[] = {2, 4, 4, 4, 5, 5, 7, 9};
    carealign_acc *acc = make(CAREALIGN_ACC_MEAN, 0, 0);
    assert_int_equal(carealign_acc_add_batch(acc, v, NULL, 8), CAREALIGN_OK);
    carealign_estimate e = finalize(acc, 0.95);
    NEAR(e.value, 5.0, 1e-15);
    NEAR(e.lower, 3.2125120822041073, 1e-9);
    NEAR(e.upper, 6.787487917795893, 1e-9);
    assert_int_equal(e.method, CAREALIGN_METHOD_T);
    assert_true(e.n == 8);

    /* weighted, every weight 1: the same */
    carealign_acc *w = make(CAREALIGN_ACC_MEAN, 0, CAREALIGN_ACC_WEIGHTED);
    assert_int_equal(carealign_acc_add_batch(w, v, NULL, 8), CAREALIGN_OK);
    carealign_estimate f = finalize(w, 0.95);
    NEAR(f.lower, e.lower, 1e-9);
    NEAR(f.upper, e.upper, 1e-9);
    assert_int_equal(f.flags, CAREALIGN_EST_WEIGHTED);

    /* the same values as changes from a baseline of 10: same interval, shifted */
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_CHANGE;
    carealign_acc *c = NULL;
    assert_int_equal(carealign_acc_new(&p, &c), CAREALIGN_OK);
    for (int i = 0; i < 8; i++)
        assert_int_equal(carealign_acc_add_pair(c, 10, 10 + v[i]), CAREALIGN_OK);
    carealign_estimate g = finalize(c, 0.95);
    NEAR(g.lower, e.lower, 1e-9);
    NEAR(g.upper, e.upper, 1e-9);
    carealign_acc_free(c);
    carealign_acc_free(w);
    carealign_acc_free(acc);
}

static void median_interval_from_order_statistics(void **state)
{
    (void)state;
    carealign_acc *acc = make(CAREALIGN_ACC_DISTRIBUTION, 0, 0);
    const double days[] = {12, 3, 7, 30, 1, 5, 9, 2, 14, 4}; /* sorted: 1 2 3 4 5 7 9 12 14 30 */
    assert_int_equal(carealign_acc_add_batch(acc, days, NULL, 10), CAREALIGN_OK);
    carealign_estimate e = finalize(acc, 0.95);
    assert_true(e.value == 6.0); /* (5 + 7) / 2 */
    assert_true(e.lower == 2.0 && e.upper == 14.0);
    assert_int_equal(e.method, CAREALIGN_METHOD_QUANTILE);
    assert_int_equal(e.flags, 0);
    /* five values cannot give 95%: P(B <= 0) = 1/32 > 0.025 */
    carealign_acc *few = make(CAREALIGN_ACC_DISTRIBUTION, 0, 0);
    assert_int_equal(carealign_acc_add_batch(few, days, NULL, 5), CAREALIGN_OK);
    e = finalize(few, 0.95);
    assert_true(e.value == 7.0);
    assert_true(isnan(e.lower) && isnan(e.upper));
    assert_int_equal(e.flags,
                     CAREALIGN_EST_TOO_FEW | CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA);
    /* but can at 90%: P(B <= 0) = 1/32 <= 0.05 -> smallest and largest */
    e = finalize(few, 0.9);
    assert_true(e.lower == 1.0 && e.upper == 30.0);
    carealign_acc_free(few);
    carealign_acc_free(acc);
}

static void empty_accumulators_give_nan_flagged_too_few(void **state)
{
    (void)state;
    const int32_t kinds[] = {CAREALIGN_ACC_PROPORTION, CAREALIGN_ACC_MEAN,
                             CAREALIGN_ACC_RATE,       CAREALIGN_ACC_CHANGE,
                             CAREALIGN_ACC_TOTAL,      CAREALIGN_ACC_DISTRIBUTION};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        carealign_acc *acc = make(kinds[k], 0, 0);
        carealign_estimate e = finalize(acc, 0.95);
        assert_true(isnan(e.value) && isnan(e.lower) && isnan(e.upper));
        assert_true(e.flags & CAREALIGN_EST_TOO_FEW);
        carealign_acc_free(acc);
    }
    carealign_acc *w = make(CAREALIGN_ACC_MEAN, 0, CAREALIGN_ACC_WEIGHTED);
    carealign_estimate e = finalize(w, 0.95);
    assert_true(isnan(e.value) && (e.flags & CAREALIGN_EST_TOO_FEW));
    assert_int_equal(carealign_acc_add(w, 3, 2.5), CAREALIGN_OK); /* one value: no interval */
    e = finalize(w, 0.95);
    assert_true(e.value == 3.0 && isnan(e.lower));
    assert_true(e.flags & CAREALIGN_EST_TOO_FEW);
    carealign_acc_free(w);
}

static void rates_and_missing_denominators(void **state)
{
    (void)state;
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_RATE;
    p.flags = CAREALIGN_ACC_DENOMINATOR_SET;
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add(acc, 25, 1), CAREALIGN_OK);
    carealign_estimate e;
    assert_int_equal(carealign_acc_finalize(acc, 0.95, &e), CAREALIGN_ESTATE);
    assert_non_null(strstr(carealign_last_error(), "denominator"));
    assert_int_equal(carealign_acc_set_denominator(acc, 50000), CAREALIGN_OK);
    e = finalize(acc, 0.95);
    /* 25 / 50000 per 100000 = 50; Byar's from 10 events */
    NEAR(e.value, 50.0, 1e-12);
    assert_int_equal(e.method, CAREALIGN_METHOD_BYAR);
    assert_true(e.lower < 50 && e.upper > 50);
    assert_int_equal(carealign_acc_finalize(acc, 0.5, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_finalize(acc, 95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_finalize(NULL, 0.95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_finalize(acc, 0.95, NULL), CAREALIGN_EINVAL);
    carealign_acc_free(acc);

    carealign_acc_params d = CAREALIGN_ACC_PARAMS_INIT;
    d.kind = CAREALIGN_ACC_DSR;
    assert_int_equal(carealign_acc_new(&d, &acc), CAREALIGN_OK);
    for (int32_t b = 0; b < 18; b++)
        assert_int_equal(carealign_acc_set_band_population(acc, b, 1000), CAREALIGN_OK);
    memset(&e, 0x77, sizeof e);
    carealign_estimate before = e;
    assert_int_equal(carealign_acc_finalize(acc, 0.95, &e), CAREALIGN_ESTATE);
    assert_non_null(strstr(carealign_last_error(), "band 18"));
    assert_memory_equal(&e, &before, sizeof e); /* unchanged on error */
    assert_int_equal(carealign_acc_set_band_population(acc, 18, 1000), CAREALIGN_OK);
    e = finalize(acc, 0.95); /* no events: PHE publishes nothing below 10 */
    assert_true(isnan(e.value) && (e.flags & CAREALIGN_EST_TOO_FEW));
    assert_int_equal(e.method, CAREALIGN_METHOD_DOBSON);
    carealign_acc_free(acc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wilson_matches_newcombe_1998),
        cmocka_unit_test(t_interval_of_a_small_sample),
        cmocka_unit_test(median_interval_from_order_statistics),
        cmocka_unit_test(empty_accumulators_give_nan_flagged_too_few),
        cmocka_unit_test(rates_and_missing_denominators),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
