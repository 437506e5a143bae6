/* phe_sii's Monte Carlo interval with R's random numbers
 * (carealign_sii_simulated, lib/stats/sii.c).
 *
 * The generator against R's printed output: set.seed(5); rnorm(10) twice
 * (crained.com, "How to generate random numbers and set seeds in R", 2016,
 * R console output), and set.seed(1); runif(3) = 0.2655087 0.3721239
 * 0.5728534 and set.seed(1); rnorm(5) = -0.6264538 0.1836433 -0.8356286
 * 1.5952808 0.3295078 (R's output as printed in countless tutorials; the
 * values of R >= 3.6.0, whose rnorm and runif did not change then).
 * The limits: an independent re-implementation (check_sii_simulated.py:
 * NumPy's MT19937 seeded as R seeds it, SciPy's ndtri, phe_sii's
 * SimulationFunc), whose values are quoted below. */
#include "cmocka_all.h"

#include <math.h>

#include "carealign/stats.h"
#include "stats/stats_internal.h"

static void near(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want))) {
        print_error("got %.17g want %.17g\n", got, want);
        fail();
    }
}

static const double pop1[10] = {7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534};
static const double val1[10] = {75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3};
static const double se1[10] = {1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57};

static double work[200000];

static void r_generator(void **state)
{
    (void)state;
    static const double seed5[20] = {
        -0.84085548, 1.38435934,  -1.25549186, 0.07014277, 1.71144087, -0.60290798, -0.47216639,
        -0.63537131, -0.28577363, 0.13810822,  1.2276303,  -0.8017795, -1.0803926,  -0.1575344,
        -1.0717600,  -0.1389861,  -0.5973131,  -2.1839668, 0.2408173,  -0.2593554};
    double x[20];
    carealign__r_rng_norm(5, x, 20);
    for (int i = 0; i < 20; i++) {
        assert_true(fabs(x[i] - seed5[i]) <= 6e-8); /* printed to 7-8 digits */
    }
    static const double norm1[5] = {-0.6264538, 0.1836433, -0.8356286, 1.5952808, 0.3295078};
    carealign__r_rng_norm(1, x, 5);
    for (int i = 0; i < 5; i++) {
        assert_true(fabs(x[i] - norm1[i]) <= 6e-8);
    }
    /* set.seed(123); rnorm(20) as R prints it: the data of NHSRplotthedots'
     * tests/testthat/test-ptd_spc_standard.R (also in test_stats_b.py) */
    static const double seed123[20] = {
        -0.56047565, -0.23017749, 1.55870831,  0.07050839,  0.12928774, 1.71506499, 0.46091621,
        -1.26506123, -0.68685285, -0.44566197, 1.22408180,  0.35981383, 0.40077145, 0.11068272,
        -0.55584113, 1.78691314,  0.49785048,  -1.96661716, 0.70135590, -0.47279141};
    carealign__r_rng_norm(123, x, 20);
    for (int i = 0; i < 20; i++) {
        assert_true(fabs(x[i] - seed123[i]) <= 6e-9);
    }
    static const double unif1[3] = {0.2655087, 0.3721239, 0.5728534};
    carealign__r_rng_unif(1, x, 3);
    for (int i = 0; i < 3; i++) {
        assert_true(fabs(x[i] - unif1[i]) <= 6e-8);
    }
}

static void phe_example_seeded(void **state)
{
    (void)state;
    carealign_estimate sii, rii, a_sii, a_rii;
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, CAREALIGN_SII_NORMAL,
                                             1, 0.95, 1, 100000, work, 200000, &sii, &rii),
                     CAREALIGN_OK);
    /* check_sii_simulated.py --print: seed 1, 100 000 repetitions */
    near(sii.lower, 3.1655623854426125, 1e-12);
    near(sii.upper, 10.841179729060656, 1e-12);
    near(rii.lower, 1.0396856005135886, 1e-12);
    near(rii.upper, 1.1422802725421872, 1e-12);
    assert_int_equal(sii.method, CAREALIGN_METHOD_SII_SIMULATED);
    assert_int_equal(rii.method, CAREALIGN_METHOD_SII_SIMULATED);
    /* the value is the regression's, as carealign_sii() gives it */
    assert_int_equal(carealign_sii(val1, pop1, se1, NULL, NULL, 10, CAREALIGN_SII_NORMAL, 1, 0.95,
                                   &a_sii, &a_rii),
                     CAREALIGN_OK);
    assert_true(sii.value == a_sii.value && rii.value == a_rii.value && sii.n == a_sii.n);
    assert_int_equal(a_sii.method, CAREALIGN_METHOD_SII);
    /* reversed polarity, 99.8%, seed -7, 20 000 repetitions (same script) */
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, CAREALIGN_SII_NORMAL,
                                             -1, 0.998, -7, 20000, work, 40000, &sii, &rii),
                     CAREALIGN_OK);
    near(sii.lower, -13.17392897926021, 1e-12);
    near(sii.upper, -0.806547960578655, 1e-12);
    near(rii.lower, 0.8503743265687382, 1e-12);
    near(rii.upper, 0.990111544831859, 1e-12);
    /* without the RII only the SII's half of the workspace is needed */
    carealign_estimate again;
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, CAREALIGN_SII_NORMAL,
                                             -1, 0.998, -7, 20000, work, 20000, &again, NULL),
                     CAREALIGN_OK);
    assert_true(again.lower == sii.lower && again.upper == sii.upper);
}

static void rates_seeded(void **state)
{
    (void)state;
    /* check_sii_simulated.py --print, trial 1: rates, multiplier 100, 5000
     * repetitions, confidence 0.95 */
    static const double v[10] = {445.33523393761647, 389.7068251384374,  226.73013707013527,
                                 224.6686158816857,  208.9501549179027,  202.72415605286744,
                                 133.47862665471592, 122.85294737260887, 102.18844358739378,
                                 84.13266909847155};
    static const double p[10] = {38827, 18632, 34051, 43669, 23155,
                                 48928, 11022, 35651, 7971,  8882};
    static const double s[10] = {0.010823801032475154, 0.14387017027224083, 0.03518636806892598,
                                 0.019924458632674252, 0.24550183074085202, 0.06982238043503818,
                                 0.2452472818166467,   0.08782548907026268, 0.24214983604756507,
                                 0.13816546846418862};
    carealign_estimate sii, rii;
    assert_int_equal(carealign_sii_simulated(v, p, s, NULL, NULL, 10, CAREALIGN_SII_RATE, 100, 0.95,
                                             1417505502, 5000, work, 10000, &sii, &rii),
                     CAREALIGN_OK);
    near(sii.lower, -38139.838197468074, 1e-12);
    near(sii.upper, -30361.714864911384, 1e-12);
    near(rii.lower, 0.11023398763332994, 1e-12);
    near(rii.upper, 0.22628011978191737, 1e-12);
}

static void bad_input(void **state)
{
    (void)state;
    carealign_estimate sii, rii;
    /* repetitions 1000 .. 1e7 */
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 1, 999,
                                             work, 200000, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_true(isnan(sii.value) && isnan(rii.value));
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 1, 1000,
                                             work, 2000, &sii, &rii),
                     CAREALIGN_OK);
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 1,
                                             10000001, work, 200000, &sii, &rii),
                     CAREALIGN_EINVAL);
    /* 10 000 000 is allowed: only the (absent) workspace is refused */
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 1,
                                             10000000, NULL, 0, &sii, &rii),
                     CAREALIGN_EBUFSIZE);
    /* workspace: reps, twice that with the RII */
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 1, 1000,
                                             work, 1999, &sii, &rii),
                     CAREALIGN_EBUFSIZE);
    assert_true(isnan(sii.value));
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 1, 1000,
                                             work, 999, &sii, NULL),
                     CAREALIGN_EBUFSIZE);
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 1, 1000,
                                             work, 1000, &sii, NULL),
                     CAREALIGN_OK);
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 1, 1000,
                                             NULL, 2000, &sii, &rii),
                     CAREALIGN_EBUFSIZE);
    /* 1000 repetitions at 99.8%: round(1000 x 0.001) = 1, the first position */
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.998, 1, 1000,
                                             work, 2000, &sii, &rii),
                     CAREALIGN_OK);
    assert_true(sii.lower < sii.upper && rii.lower < rii.upper);
    /* what carealign_sii() refuses, this refuses too */
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 4, 0, 1, 0.95, 1, 1000,
                                             work, 2000, &sii, &rii),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 0, 0.95, 1, 1000,
                                             work, 2000, &sii, &rii),
                     CAREALIGN_EINVAL);
}

static void zero_se_takes_no_draw(void **state)
{
    (void)state;
    /* All standard errors 0: no draws, every simulated SII is the fitted
     * one, so both limits equal the value. */
    static const double zero[10] = {0};
    carealign_estimate sii, rii;
    assert_int_equal(carealign_sii_simulated(val1, pop1, zero, NULL, NULL, 10, 0, 1, 0.95, 3, 1000,
                                             work, 2000, &sii, &rii),
                     CAREALIGN_OK);
    near(sii.lower, sii.value, 1e-12);
    near(sii.upper, sii.value, 1e-12);
    near(rii.lower, rii.value, 1e-12);
    /* seeds matter, and the same seed gives the same limits */
    carealign_estimate a, b, c;
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 3, 1000,
                                             work, 1000, &a, NULL),
                     CAREALIGN_OK);
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 3, 1000,
                                             work, 1000, &b, NULL),
                     CAREALIGN_OK);
    assert_int_equal(carealign_sii_simulated(val1, pop1, se1, NULL, NULL, 10, 0, 1, 0.95, 4, 1000,
                                             work, 1000, &c, NULL),
                     CAREALIGN_OK);
    assert_true(a.lower == b.lower && a.upper == b.upper);
    assert_true(a.lower != c.lower);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(r_generator),           cmocka_unit_test(phe_example_seeded),
        cmocka_unit_test(rates_seeded),          cmocka_unit_test(bad_input),
        cmocka_unit_test(zero_se_takes_no_draw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
