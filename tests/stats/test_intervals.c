/* Wilson proportions, crude rates, Byar's interval and Student t means
 * (lib/stats/intervals.c). Expected values come from independent
 * implementations, cited beside each:
 *   Wilson: statsmodels.stats.proportion.proportion_confint(x, n,
 *           alpha=1-c, method="wilson");
 *   exact:  scipy.stats.chi2.ppf((1-c)/2, 2x)/2/n*per and
 *           scipy.stats.chi2.ppf(c+(1-c)/2, 2x+2)/2/n*per;
 *   Byar:   Breslow & Day's formula evaluated in Python with
 *           z = scipy.stats.norm.ppf(c + (1-c)/2);
 *   t:      scipy.stats.t.interval(c, n-1, loc=mean, scale=sd/sqrt(n)), with
 *           the quantile refined by mpmath where SciPy's t.ppf is off (at
 *           df = 9 it is 2.5e-11 too small: t.ppf(.975, 9) = 2.262157162740992,
 *           mpmath 2.2621571627982055).
 * The 9/10-event switch and the zero-count rules are PHEindicatormethods'
 * (R/Rates.R phe_rate, R/utils.R byars_lower), as docs/methods.md states. */
#include "cmocka_all.h"

#include <math.h>

#include "carealign/stats.h"

static void near(double got, double want, double rel)
{
    if (got == want) {
        return;
    }
    double err = fabs(got - want);
    if (!(err <= rel * fabs(want))) {
        print_error("got %.17g want %.17g (rel %.3g)\n", got, want, err / fabs(want));
        fail();
    }
}

static carealign_estimate wilson(double x, double n, double c)
{
    carealign_estimate e;
    assert_int_equal(carealign_proportion_wilson(x, n, c, &e), CAREALIGN_OK);
    assert_int_equal(e.method, CAREALIGN_METHOD_WILSON);
    assert_int_equal(e.flags, 0);
    near(e.n, n, 0);
    return e;
}

static void wilson_matches_statsmodels(void **state)
{
    (void)state;
    carealign_estimate e = wilson(65, 100, 0.95);
    near(e.value, 0.65, 0);
    near(e.lower, 0.5525444329688796, 1e-13); /* proportion_confint(65, 100, .05, "wilson") */
    near(e.upper, 0.7363575175690247, 1e-13);
    e = wilson(65, 100, 0.998);
    near(e.lower, 0.4954946574070448, 1e-13); /* proportion_confint(65, 100, .002, "wilson") */
    near(e.upper, 0.7783540614089687, 1e-13);
    /* fractional numerator (survey weights); PHE testWilson uses x = 0.445, n = 1 */
    e = wilson(0.445, 1, 0.95);
    near(e.lower, 0.04381744772058821, 1e-13); /* proportion_confint(0.445, 1, .05, "wilson") */
    near(e.upper, 0.9334621276979156, 1e-13);
    /* huge denominators */
    e = wilson(123456, 1e9, 0.95);
    near(e.value, 0.000123456, 1e-15);
    near(e.lower, 0.00012276930114666216, 1e-12); /* proportion_confint(123456, 1e9, .05, ..) */
    near(e.upper, 0.0001241465393636415, 1e-12);
    e = wilson(1, 1e12, 0.95);
    near(e.lower, 1.7652455493517475e-13, 1e-9); /* proportion_confint(1, 1e12, .05, ..) */
    near(e.upper, 5.6649342657365116e-12, 1e-9);
}

static void wilson_edges(void **state)
{
    (void)state;
    /* zero numerator: PHE's formula gives exactly 0 (statsmodels 6.9e-18) */
    carealign_estimate e = wilson(0, 50, 0.95);
    assert_true(e.lower == 0.0);
    near(e.upper, 0.07134759913335872, 1e-13); /* proportion_confint(0, 50, .05, "wilson") */
    /* numerator = denominator: upper 1 (statsmodels 1.0) */
    e = wilson(50, 50, 0.95);
    near(e.value, 1.0, 0);
    near(e.lower, 0.9286524008666414, 1e-13); /* proportion_confint(50, 50, .05, "wilson") */
    near(e.upper, 1.0, 1e-15);
    e = wilson(7, 7, 0.998);
    near(e.lower, 0.4229725911541407, 1e-13); /* proportion_confint(7, 7, .002, "wilson") */
}

static void wilson_rejects_bad_input(void **state)
{
    (void)state;
    carealign_estimate e;
    const double bad[][3] = {{-1, 10, 0.95}, {11, 10, 0.95},     {1, 0, 0.95},
                             {1, -5, 0.95},  {NAN, 10, 0.95},    {1, NAN, 0.95},
                             {1, 10, NAN},   {1, 10, 0.0},       {1, 10, 1.0},
                             {1, 10, 95.0},  {1, 10, 0.89999},   {INFINITY, INFINITY, .95},
                             {1, 10, -0.95}, {1, INFINITY, 0.95}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        e.value = 42;
        assert_int_equal(carealign_proportion_wilson(bad[i][0], bad[i][1], bad[i][2], &e),
                         CAREALIGN_EINVAL);
        assert_true(isnan(e.value)); /* out is cleared, never left half-filled */
    }
    assert_int_equal(carealign_proportion_wilson(1, 10, 0.95, NULL), CAREALIGN_EINVAL);
    /* 0 of 0 is not a proportion (phe_proportion requires n > 0) */
    assert_int_equal(carealign_proportion_wilson(0, 0, 0.95, &e), CAREALIGN_EINVAL);
    /* the edges of the accepted range */
    assert_int_equal(carealign_proportion_wilson(1, 10, 0.9, &e), CAREALIGN_OK);
    assert_int_equal(carealign_proportion_wilson(1, 10, 0.999999, &e), CAREALIGN_OK);
}

static carealign_estimate rate(double x, double n, double per, double c, int32_t method)
{
    carealign_estimate e;
    assert_int_equal(carealign_rate(x, n, per, c, &e), CAREALIGN_OK);
    assert_int_equal(e.method, method);
    near(e.n, n, 0);
    return e;
}

static void rate_exact_below_ten(void **state)
{
    (void)state;
    /* zero events: lower 0 (R qchisq(p, 0) = 0), upper chi2.ppf(.975, 2)/2/1000*1e5 */
    carealign_estimate e = rate(0, 1000, 1e5, 0.95, CAREALIGN_METHOD_EXACT);
    assert_true(e.value == 0.0 && e.lower == 0.0);
    assert_int_equal(e.flags, 0);
    near(e.upper, 368.8879454113935, 1e-12);
    e = rate(1, 1000, 1e5, 0.95, CAREALIGN_METHOD_EXACT);
    near(e.lower, 2.53178079842899, 1e-12);  /* chi2.ppf(.025, 2)/2/1000*1e5 */
    near(e.upper, 557.1643390938898, 1e-12); /* chi2.ppf(.975, 4)/2/1000*1e5 */
    /* 9 events: still exact */
    e = rate(9, 10000, 1e5, 0.95, CAREALIGN_METHOD_EXACT);
    near(e.value, 90.0, 1e-15);
    near(e.lower, 41.15373097378334, 1e-12);  /* chi2.ppf(.025, 18)/2/1e4*1e5 */
    near(e.upper, 170.84803451419165, 1e-12); /* chi2.ppf(.975, 20)/2/1e4*1e5 */
    e = rate(9, 10000, 1e5, 0.998, CAREALIGN_METHOD_EXACT);
    near(e.lower, 24.524244043637747, 1e-12); /* chi2.ppf(.001, 18)/2/1e4*1e5 */
    near(e.upper, 226.5737330906293, 1e-12);  /* chi2.ppf(.999, 20)/2/1e4*1e5 */
    /* huge denominator */
    e = rate(3, 6.5e7, 1e5, 0.95, CAREALIGN_METHOD_EXACT);
    near(e.lower, 0.0009518032659932331, 1e-12); /* chi2.ppf(.025, 6)/2/6.5e7*1e5 */
    near(e.upper, 0.01348811241498819, 1e-12);   /* chi2.ppf(.975, 8)/2/6.5e7*1e5 */
}

static void rate_byar_from_ten(void **state)
{
    (void)state;
    /* 10 events: Byar's (PHE: x < 10 exact, else Byar) */
    carealign_estimate e = rate(10, 10000, 1e5, 0.95, CAREALIGN_METHOD_BYAR);
    near(e.value, 100.0, 1e-15);
    near(e.lower, 47.87449913967563, 1e-12); /* Byar with scipy norm.ppf(.975) */
    near(e.upper, 183.91458605756475, 1e-12);
    e = rate(10, 10000, 1e5, 0.998, CAREALIGN_METHOD_BYAR);
    near(e.lower, 29.16318374695686, 1e-12);
    near(e.upper, 241.9372492788055, 1e-12);
    e = rate(1045, 1e6, 1e5, 0.95, CAREALIGN_METHOD_BYAR);
    near(e.lower, 98.25932018073325, 1e-12);
    near(e.upper, 111.03312129856499, 1e-12);
    e = rate(65, 100, 100, 0.998, CAREALIGN_METHOD_BYAR);
    near(e.lower, 42.8802614714802, 1e-12);
    near(e.upper, 94.000290844318, 1e-12);
    /* events above the denominator are allowed (PHE testRates row 250/220) */
    e = rate(250, 220, 1e5, 0.95, CAREALIGN_METHOD_BYAR);
    near(e.value, 113636.36363636365, 1e-15);
    near(e.lower, 99984.94738532876, 1e-12);
    near(e.upper, 128631.14487455785, 1e-12);
    e = rate(123456, 6.5e7, 1e5, 0.998, CAREALIGN_METHOD_BYAR);
    near(e.lower, 188.266238779909, 1e-12);
    near(e.upper, 191.60869057827435, 1e-12);
    /* the switch is at 10, not 9 or 11: 9.999 is still exact */
    rate(9.999, 10000, 1e5, 0.95, CAREALIGN_METHOD_EXACT);
}

static void rate_rejects_bad_input(void **state)
{
    (void)state;
    carealign_estimate e;
    assert_int_equal(carealign_rate(-1, 100, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(1, 0, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(1, -100, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(1, 100, 0, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(NAN, 100, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(1, 100, NAN, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(1, 100, 1e5, 1.0, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(1, 100, 1e5, 99.8, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(1, 100, 1e5, 0.5, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(INFINITY, 100, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_rate(1, 100, 1e5, .95, NULL), CAREALIGN_EINVAL);
}

static void byar_on_its_own(void **state)
{
    (void)state;
    carealign_estimate e;
    assert_int_equal(carealign_byar_interval(65, 0.95, &e), CAREALIGN_OK);
    assert_int_equal(e.method, CAREALIGN_METHOD_BYAR);
    near(e.value, 65, 0);
    near(e.lower, 50.16318771045943, 1e-12); /* Byar with scipy norm.ppf(.975) */
    near(e.upper, 82.84913854593984, 1e-12);
    assert_int_equal(carealign_byar_interval(1045, 0.95, &e), CAREALIGN_OK);
    near(e.lower, 982.5932018073325, 1e-12);
    near(e.upper, 1110.33121298565, 1e-12);
    assert_int_equal(carealign_byar_interval(1, 0.95, &e), CAREALIGN_OK);
    near(e.lower, 0.013072132901504331, 1e-12);
    near(e.upper, 5.5637555824752605, 1e-12);
    /* docs/methods.md 1.1: at 99.8% and x = 1 the lower limit is negative
     * (-0.0028) and PHE returns NA */
    assert_int_equal(carealign_byar_interval(1, 0.998, &e), CAREALIGN_OK);
    assert_true(isnan(e.lower));
    assert_int_equal(e.flags, CAREALIGN_EST_LOWER_NA);
    near(e.upper, 9.362180217908362, 1e-12);
    /* a zero count: 0 * (-Inf) is NaN in R too */
    assert_int_equal(carealign_byar_interval(0, 0.95, &e), CAREALIGN_OK);
    assert_true(isnan(e.lower));
    assert_int_equal(e.flags, CAREALIGN_EST_LOWER_NA);
    assert_int_equal(carealign_byar_interval(-1, 0.95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_byar_interval(1, 0.8, &e), CAREALIGN_EINVAL);
}

static void mean_t_matches_scipy(void **state)
{
    (void)state;
    carealign_estimate e;
    /* values 1..10: mean 5.5, m2 82.5; 5.5 -/+ t sd/sqrt(10) with the mpmath
     * quantile 2.2621571627982055 (scipy t.interval: 3.3341494103866087) */
    assert_int_equal(carealign_mean_t(10, 5.5, 82.5, 0.95, &e), CAREALIGN_OK);
    assert_int_equal(e.method, CAREALIGN_METHOD_T);
    near(e.value, 5.5, 0);
    near(e.n, 10, 0);
    near(e.lower, 3.3341494103318303, 1e-13);
    near(e.upper, 7.665850589668169, 1e-13);
    /* two values, 99.8%: t.interval(.998, 1, 2.5, sqrt(.5)/sqrt(2)); quantile
     * tan(pi (0.5 - 0.001)) by mpmath */
    assert_int_equal(carealign_mean_t(2, 2.5, 0.5, 0.998, &e), CAREALIGN_OK);
    near(e.lower, -156.65441949277522, 1e-13);
    near(e.upper, 161.65441949277522, 1e-13);
    /* a million values */
    assert_int_equal(carealign_mean_t(1000000, 80.5, 12345.0, 0.95, &e), CAREALIGN_OK);
    near(e.lower, 80.49978223184034, 1e-14);
    near(e.upper, 80.50021776815966, 1e-14);
}

static void mean_t_edges(void **state)
{
    (void)state;
    carealign_estimate e;
    assert_int_equal(carealign_mean_t(1, 3.0, 0.0, 0.95, &e), CAREALIGN_OK);
    near(e.value, 3.0, 0);
    assert_true(isnan(e.lower) && isnan(e.upper));
    assert_int_equal(e.flags,
                     CAREALIGN_EST_TOO_FEW | CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA);
    assert_int_equal(carealign_mean_t(0, 3.0, 0.0, 0.95, &e), CAREALIGN_EINVAL); /* empty */
    assert_int_equal(carealign_mean_t(5, NAN, 1.0, 0.95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_mean_t(5, 1.0, -1.0, 0.95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_mean_t(5, 1.0, 1.0, 1.5, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_mean_t(5, 1.0, 1.0, 0.95, NULL), CAREALIGN_EINVAL);
    /* zero spread: a zero-width interval */
    assert_int_equal(carealign_mean_t(5, 2.0, 0.0, 0.95, &e), CAREALIGN_OK);
    assert_true(e.lower == 2.0 && e.upper == 2.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wilson_matches_statsmodels),
        cmocka_unit_test(wilson_edges),
        cmocka_unit_test(wilson_rejects_bad_input),
        cmocka_unit_test(rate_exact_below_ten),
        cmocka_unit_test(rate_byar_from_ten),
        cmocka_unit_test(rate_rejects_bad_input),
        cmocka_unit_test(byar_on_its_own),
        cmocka_unit_test(mean_t_matches_scipy),
        cmocka_unit_test(mean_t_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
