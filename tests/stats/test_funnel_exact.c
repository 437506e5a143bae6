/* Spiegelhalter's exact funnel limits with interpolation
 * (carealign_funnel_exact_limit(s), lib/stats/funnel.c).
 *
 * Spiegelhalter DJ, Funnel plots for comparing institutional performance,
 * Stat Med 2005;24:1185-1202, appendix: r_p the p-quantile of the null
 * distribution, alpha = (F(r_p) - p) / (F(r_p) - F(r_p - 1)), limit
 * (r_p - alpha) / n. No reference implementation publishes values (FunnelPlotR
 * uses chi-square limits, funnelR plain quantiles), so the expected values
 * are that formula evaluated independently with SciPy 1.10:
 *   D = scipy.stats.binom(n, target) or scipy.stats.poisson(target * E)
 *   r = D.ppf(p); a = (D.cdf(r) - p) / (D.cdf(r) - D.cdf(r - 1))
 *   max(0, (r - a) / n)
 * check_exact_limits.py compares a grid. One value is also worked by hand. */
#include "cmocka_all.h"

#include <math.h>

#include "carealign/stats.h"

static double lim(int32_t d, double t, double n, double p)
{
    double v = -1;
    assert_int_equal(carealign_funnel_exact_limit(d, t, n, p, &v), CAREALIGN_OK);
    return v;
}

static void near(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want))) {
        print_error("got %.17g want %.17g\n", got, want);
        fail();
    }
}

static void matches_scipy(void **state)
{
    (void)state;
    const int32_t B = CAREALIGN_FUNNEL_EXACT_BINOMIAL, P = CAREALIGN_FUNNEL_EXACT_POISSON;
    near(lim(B, 0.1, 100, 0.025), 0.04038059552439343, 1e-12);
    near(lim(B, 0.1, 100, 0.975), 0.1577186116391268, 1e-12);
    near(lim(B, 0.1, 100, 0.001), 0.014178865008434753, 1e-12);
    near(lim(B, 0.1, 100, 0.999), 0.19835671850288553, 1e-12);
    near(lim(B, 0.3, 1000, 0.025), 0.2712814170149665, 1e-12);
    near(lim(B, 0.3, 1000, 0.999), 0.3448303746097318, 1e-12);
    assert_true(lim(B, 0.5, 5, 0.001) == 0.0); /* r_p = 0: below 0, reported as 0 */
    near(lim(P, 1.0, 15, 0.025), 0.4906593251243899, 1e-12);
    near(lim(P, 1.0, 15, 0.975), 1.5055443627026137, 1e-12);
    near(lim(P, 1.0, 20, 0.001), 0.35845935538852103, 1e-12);
    near(lim(P, 1.0, 20, 0.999), 1.7356764286899249, 1e-12);
    near(lim(P, 1.2, 250.5, 0.025), 1.064221384323525, 1e-12);
    assert_true(lim(P, 1.0, 0.5, 0.025) == 0.0);
    /* left-skewed binomials, where the normal approximation starts the
     * quantile search above r_p (SciPy as above) */
    near(lim(B, 0.9, 10, 0.001), 0.45733047372279206, 1e-12);
    near(lim(B, 0.7, 50, 0.999), 0.8768700154524619, 1e-12);
    near(lim(B, 0.9, 100, 0.999), 0.9758211349915652, 1e-12);
    /* By hand, Poisson(15): P(X <= 7) = 0.01800, P(X <= 8) = 0.03745, so
     * r = 8, alpha = (0.03745 - 0.025) / 0.01945 = 0.640, limit = 7.360/15. */
    near(lim(P, 1.0, 15, 0.025), 7.360 / 15, 1e-3);
}

static void four_limits(void **state)
{
    (void)state;
    carealign_funnel_point pt;
    assert_int_equal(
        carealign_funnel_exact_limits(CAREALIGN_FUNNEL_EXACT_BINOMIAL, 0.1, 100, 100, &pt),
        CAREALIGN_OK);
    near(pt.x, 100, 0);
    near(pt.baseline, 10, 1e-15);
    near(pt.lower_2s, 4.038059552439343, 1e-12);
    near(pt.upper_2s, 15.77186116391268, 1e-12);
    near(pt.lower_3s, 1.4178865008434753, 1e-12);
    near(pt.upper_3s, 19.835671850288553, 1e-12);
    assert_true(pt.lower_2s_x == 100 && pt.upper_2s_x == 100 && pt.lower_3s_x == 100 &&
                pt.upper_3s_x == 100);
    assert_int_equal(
        carealign_funnel_exact_limits(CAREALIGN_FUNNEL_EXACT_BINOMIAL, 0.1, 100, 0, &pt),
        CAREALIGN_EINVAL);
    assert_int_equal(
        carealign_funnel_exact_limits(CAREALIGN_FUNNEL_EXACT_BINOMIAL, 0.1, 100, 1, NULL),
        CAREALIGN_EINVAL);
    assert_int_equal(
        carealign_funnel_exact_limits(CAREALIGN_FUNNEL_EXACT_BINOMIAL, 0.1, 10.5, 1, &pt),
        CAREALIGN_EINVAL);
}

static void bad_input(void **state)
{
    (void)state;
    double v;
    const int32_t B = CAREALIGN_FUNNEL_EXACT_BINOMIAL, P = CAREALIGN_FUNNEL_EXACT_POISSON;
    assert_int_equal(carealign_funnel_exact_limit(3, 0.1, 100, 0.5, &v), CAREALIGN_EINVAL);
    assert_true(isnan(v));
    assert_int_equal(carealign_funnel_exact_limit(0, 0.1, 100, 0.5, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(B, 0.1, 100, 0.0, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(B, 0.1, 100, 1.0, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(B, 0.0, 100, 0.5, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(B, 1.0, 100, 0.5, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(B, 0.1, 0, 0.5, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(B, 0.1, 1e7 + 1, 0.5, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(B, 0.1, 1e7, 0.5, &v), CAREALIGN_OK);
    assert_int_equal(carealign_funnel_exact_limit(P, 0.0, 10, 0.5, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(P, 2.0, 1e7, 0.5, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(P, 1.0, 1e7, 0.5, &v), CAREALIGN_OK);
    assert_int_equal(carealign_funnel_exact_limit(P, NAN, 10, 0.5, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(P, 1.0, NAN, 0.5, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(P, 1.0, 10, NAN, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_exact_limit(P, 1.0, 10, 0.5, NULL), CAREALIGN_EINVAL);
    /* the top of the binomial: r_p = n = 10, F(9) = 1 - 0.999^10, so
     * alpha = (1 - 0.999) / 0.999^10 and the limit is just below 1 */
    near(lim(B, 0.999, 10, 0.999), (10.0 - 0.001 / pow(0.999, 10)) / 10.0, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_scipy),
        cmocka_unit_test(four_limits),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
