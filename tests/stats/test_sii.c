/* Slope index of inequality (lib/stats/sii.c). Data: phe_sii's documented
 * example (PHEindicatormethods R/SII_function.R @examples, areas 1 and 2).
 * Expected point estimates: statsmodels WLS(value, add_constant(b),
 * weights = a) (slope = SII, (intercept + slope) / intercept = RII).
 * Expected interval for value_type 0: the exact limit of phe_sii's
 * simulation, slope -/+ z sqrt(sum(h_i^2 se_i^2)) with h the slope row of
 * numpy.linalg.solve(X'X, X') and RII by Fieller's quadratic, evaluated
 * independently in NumPy; check_sii.py compares with a re-implementation
 * of phe_sii's simulation itself. */
#include "cmocka_all.h"

#include <math.h>

#include "carealign/stats.h"

static void near(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want))) {
        print_error("got %.17g want %.17g\n", got, want);
        fail();
    }
}

static const double pop1[10] = {7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534};
static const double val1[10] = {75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3};
static const double lo1[10] = {72.7, 75.3, 80.9, 80.2, 77.1, 78, 79, 81.4, 75.8, 83.2};
static const double up1[10] = {79.1, 81.4, 86.8, 87.1, 83.8, 84.2, 84.4, 86.9, 85.4, 89.4};
static const double se1[10] = {1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57};
static const double pop2[10] = {21675, 20065, 19750, 24713, 20112,
                                19618, 22408, 19752, 18939, 19312};
static const double val2[10] = {70.5, 71.6, 72.5, 73.5, 73.1, 76.2, 78.7, 80.6, 80.9, 80};
static const double se2[10] = {0.23, 0.26, 0.3, 0.16, 0.79, 0.78, 0.4, 0.28, 0.23, 0.35};

static void phe_example(void **state)
{
    (void)state;
    carealign_estimate sii, rii;
    assert_int_equal(
        carealign_sii(val1, pop1, se1, NULL, NULL, 10, CAREALIGN_SII_NORMAL, 1, 0.95, &sii, &rii),
        CAREALIGN_OK);
    near(sii.value, 7.000234760079863, 1e-12); /* statsmodels WLS slope */
    near(rii.value, 1.0897097049119409, 1e-13);
    near(sii.lower, 3.1534288954519196, 1e-12); /* NumPy: slope -/+ z sd */
    near(sii.upper, 10.847040624707805, 1e-12);
    near(rii.lower, 1.0394800755102918, 1e-12); /* NumPy: Fieller */
    near(rii.upper, 1.1423934733831602, 1e-12);
    near(sii.n, 68356, 0);
    assert_int_equal(sii.flags, 0);
    assert_int_equal(
        carealign_sii(val2, pop2, se2, NULL, NULL, 10, CAREALIGN_SII_NORMAL, 1, 0.95, &sii, &rii),
        CAREALIGN_OK);
    near(sii.value, 12.622738563631735, 1e-12);
    near(rii.value, 1.1820343480014972, 1e-13);
    near(sii.lower, 12.011666646309417, 1e-12);
    near(sii.upper, 13.233810480954054, 1e-12);
    near(rii.lower, 1.1725450155421586, 1e-12);
    near(rii.upper, 1.1916009267505445, 1e-12);
    /* "supplying the standard error instead of the 95% limits gives the same
     * result" (phe_sii example): the example's SEs are the limits' rounded */
    carealign_estimate s2, r2;
    assert_int_equal(
        carealign_sii(val1, pop1, NULL, lo1, up1, 10, CAREALIGN_SII_NORMAL, 1, 0.95, &s2, &r2),
        CAREALIGN_OK);
    assert_true(s2.value == sii.value || fabs(s2.value - 7.000234760079863) < 1e-12);
    assert_true(fabs(s2.lower - 3.1534288954519196) < 0.01);
    /* a negative multiplier reverses the SII and inverts the RII */
    assert_int_equal(
        carealign_sii(val2, pop2, se2, NULL, NULL, 10, CAREALIGN_SII_NORMAL, -1, 0.95, &s2, &r2),
        CAREALIGN_OK);
    near(s2.value, -12.622738563631735, 1e-12);
    near(s2.lower, -13.233810480954054, 1e-12);
    near(r2.value, 1.0 / 1.1820343480014972, 1e-13);
    near(r2.upper, 1.0 / 1.1725450155421586, 1e-9);
    /* RII may be omitted */
    assert_int_equal(
        carealign_sii(val2, pop2, se2, NULL, NULL, 10, CAREALIGN_SII_NORMAL, 100, 0.998, &s2, NULL),
        CAREALIGN_OK);
    near(s2.value, 1262.2738563631735, 1e-12);
    assert_true(s2.lower < 1201.1666646309417 && s2.upper > 1323.3810480954054);
}

static void quintiles_and_transforms(void **state)
{
    (void)state;
    carealign_estimate sii, rii;
    const double pop[5] = {1000, 1200, 900, 1100, 1000};
    const double rate[5] = {300, 250, 220, 180, 150};
    const double se[5] = {0.05, 0.05, 0.05, 0.05, 0.05};
    assert_int_equal(
        carealign_sii(rate, pop, se, NULL, NULL, 5, CAREALIGN_SII_RATE, 1, 0.95, &sii, &rii),
        CAREALIGN_OK);
    assert_true(sii.value < 0 && sii.lower < sii.value && sii.upper > sii.value);
    assert_true(rii.value < 1 && rii.lower < rii.value && rii.upper > rii.value);
    const double prop[5] = {0.3, 0.25, 0.22, 0.18, 0.15};
    assert_int_equal(carealign_sii(prop, pop, se, NULL, NULL, 5, CAREALIGN_SII_PROPORTION, 100,
                                   0.95, &sii, &rii),
                     CAREALIGN_OK);
    assert_true(sii.value < 0 && sii.lower < sii.value && sii.upper > sii.value);
}

static void rejects_bad_input(void **state)
{
    (void)state;
    carealign_estimate sii, rii;
    /* phe_sii: 5 to 100 quantiles; populations > 0; se or limits needed */
    assert_int_equal(carealign_sii(val1, pop1, se1, NULL, NULL, 4, 0, 1, .95, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii(val1, pop1, se1, NULL, NULL, 101, 0, 1, .95, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii(val1, pop1, NULL, lo1, NULL, 10, 0, 1, .95, &sii, &rii),
                     CAREALIGN_EINVAL);
    const double zero_pop[5] = {1, 2, 0, 4, 5};
    assert_int_equal(carealign_sii(val1, zero_pop, se1, NULL, NULL, 5, 0, 1, .95, &sii, &rii),
                     CAREALIGN_EINVAL);
    const double neg_se[5] = {1, 2, -1, 4, 5};
    assert_int_equal(carealign_sii(val1, pop1, neg_se, NULL, NULL, 5, 0, 1, .95, &sii, &rii),
                     CAREALIGN_EINVAL);
    const double one[5] = {0.1, 0.2, 1.0, 0.3, 0.4};
    assert_int_equal(
        carealign_sii(one, pop1, se1, NULL, NULL, 5, CAREALIGN_SII_PROPORTION, 1, .95, &sii, &rii),
        CAREALIGN_EINVAL);
    const double nan_v[5] = {1, 2, NAN, 4, 5};
    assert_int_equal(carealign_sii(nan_v, pop1, se1, NULL, NULL, 5, 0, 1, .95, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii(val1, pop1, se1, NULL, NULL, 10, 3, 1, .95, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii(val1, pop1, se1, NULL, NULL, 10, 0, 0, .95, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii(val1, pop1, se1, NULL, NULL, 10, 0, 1, 95, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii(val1, pop1, se1, NULL, NULL, 10, 0, 1, .95, NULL, &rii),
                     CAREALIGN_EINVAL);
    assert_true(isnan(rii.value)); /* cleared on error */
}

static void boundaries(void **state)
{
    (void)state;
    carealign_estimate sii, rii;
    /* 100 quantiles are allowed (phe_sii: 5 to 100), a zero SE too */
    double pop[100], val[100], se[100];
    for (int i = 0; i < 100; i++) {
        pop[i] = 1000 + i;
        val[i] = 50 + 0.1 * i;
        se[i] = i == 7 ? 0.0 : 0.5;
    }
    assert_int_equal(
        carealign_sii(val, pop, se, NULL, NULL, 100, CAREALIGN_SII_NORMAL, 1, 0.95, &sii, &rii),
        CAREALIGN_OK);
    assert_true(fabs(sii.value - 10.0) < 0.1); /* 0.1 per 1% of the population */
    /* rates must be > 0, proportions strictly inside (0, 1) */
    const double pop5[5] = {1, 1, 1, 1, 1};
    const double se5[5] = {0.1, 0.1, 0.1, 0.1, 0.1};
    const double zero_rate[5] = {1, 2, 0, 4, 5};
    assert_int_equal(
        carealign_sii(zero_rate, pop5, se5, NULL, NULL, 5, CAREALIGN_SII_RATE, 1, 0.95, &sii, &rii),
        CAREALIGN_EINVAL);
    const double rates[5] = {1, 2, 3, 4, 5};
    const double lo_zero[5] = {0.5, 1, 0, 3, 4};
    const double hi5[5] = {1.5, 3, 4, 5, 6};
    assert_int_equal(
        carealign_sii(rates, pop5, NULL, lo_zero, hi5, 5, CAREALIGN_SII_RATE, 1, 0.95, &sii, &rii),
        CAREALIGN_EINVAL);
    const double hi_zero[5] = {1.5, 3, 0, 5, 6};
    const double lo5[5] = {0.5, 1, 2, 3, 4};
    assert_int_equal(
        carealign_sii(rates, pop5, NULL, lo5, hi_zero, 5, CAREALIGN_SII_RATE, 1, 0.95, &sii, &rii),
        CAREALIGN_EINVAL);
    assert_int_equal(
        carealign_sii(rates, pop5, NULL, lo5, hi5, 5, CAREALIGN_SII_RATE, 1, 0.95, &sii, &rii),
        CAREALIGN_OK);
    const double props[5] = {0.1, 0.2, 0.3, 0.4, 0.5};
    const double zero_p[5] = {0.1, 0.0, 0.3, 0.4, 0.5};
    const double plo[5] = {0.05, 0.15, 0.25, 0.35, 0.45};
    const double phi[5] = {0.15, 0.25, 0.35, 0.45, 0.55};
    const double plo0[5] = {0.05, 0.0, 0.25, 0.35, 0.45};
    const double phi1[5] = {0.15, 0.25, 1.0, 0.45, 0.55};
    assert_int_equal(carealign_sii(zero_p, pop5, se5, NULL, NULL, 5, CAREALIGN_SII_PROPORTION, 1,
                                   0.95, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii(props, pop5, NULL, plo0, phi, 5, CAREALIGN_SII_PROPORTION, 1,
                                   0.95, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii(props, pop5, NULL, plo, phi1, 5, CAREALIGN_SII_PROPORTION, 1,
                                   0.95, &sii, &rii),
                     CAREALIGN_EINVAL);
    const double p_one[5] = {0.1, 0.2, 1.0, 0.4, 0.5};
    assert_int_equal(carealign_sii(p_one, pop5, NULL, plo, phi, 5, CAREALIGN_SII_PROPORTION, 1,
                                   0.95, &sii, &rii),
                     CAREALIGN_EINVAL);
    const double plo1[5] = {0.05, 0.15, 1.0, 0.35, 0.45};
    assert_int_equal(carealign_sii(props, pop5, NULL, plo1, phi, 5, CAREALIGN_SII_PROPORTION, 1,
                                   0.95, &sii, &rii),
                     CAREALIGN_EINVAL);
    const double phi0[5] = {0.15, 0.25, 0.0, 0.45, 0.55};
    assert_int_equal(carealign_sii(props, pop5, NULL, plo, phi0, 5, CAREALIGN_SII_PROPORTION, 1,
                                   0.95, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii(props, pop5, NULL, plo, phi, 5, CAREALIGN_SII_PROPORTION, 1,
                                   0.95, &sii, &rii),
                     CAREALIGN_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(phe_example),
        cmocka_unit_test(quintiles_and_transforms),
        cmocka_unit_test(rejects_bad_input),
        cmocka_unit_test(boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
