/* Mean change with the paired Student t interval (carealign_change_mean_t,
 * carealign_change_mean_paired; lib/stats/change.c).
 *
 * Expected values: the paired t interval of scipy.stats.ttest_rel(after,
 * before).confidence_interval(c), mean -/+ t sd/sqrt(n), with t computed by
 * mpmath (30 digits, findroot on betainc(df/2, 1/2, 0, df/(df+t^2))/2 =
 * (1-c)/2): SciPy 1.10's own t.ppf(0.975, 7) = 2.3646242510102993 is 2.5e-10
 * off the true 2.3646242515927853, so its interval differs from these in
 * the tenth digit. check_change_mean.py compares random samples with SciPy
 * within 1e-9. */
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

static const double before[8] = {12, 15, 9, 20, 17, 11, 14, 16};
static const double after[8] = {14, 18, 9, 24, 16, 15, 17, 21};

static void matches_scipy_ttest_rel(void **state)
{
    (void)state;
    carealign_estimate e;
    /* differences 2 3 0 4 -1 4 3 5: mean 2.5, m2 30 */
    assert_int_equal(carealign_change_mean_paired(before, after, 8, 0.95, &e), CAREALIGN_OK);
    near(e.value, 2.5, 0);
    near(e.lower, 0.76927226528104758, 1e-13);
    near(e.upper, 4.2307277347189524, 1e-13);
    near(e.n, 8, 0);
    assert_int_equal(e.method, CAREALIGN_METHOD_T);
    assert_int_equal(e.flags, 0);
    assert_int_equal(carealign_change_mean_paired(before, after, 8, 0.998, &e), CAREALIGN_OK);
    near(e.lower, -1.0024733732510071, 1e-13);
    near(e.upper, 6.0024733732510071, 1e-13);
    assert_int_equal(carealign_change_mean_paired(before, after, 8, 0.9, &e), CAREALIGN_OK);
    near(e.lower, 1.1133104508144487, 1e-13);
    near(e.upper, 3.8866895491855513, 1e-13);
    /* the same from (n, mean, m2), as an accumulator reports them */
    assert_int_equal(carealign_change_mean_t(8, 2.5, 30.0, 0.95, &e), CAREALIGN_OK);
    near(e.lower, 0.76927226528104758, 1e-13);
    near(e.upper, 4.2307277347189524, 1e-13);
    assert_int_equal(e.method, CAREALIGN_METHOD_T);
}

static void one_pair_and_bad_input(void **state)
{
    (void)state;
    carealign_estimate e;
    assert_int_equal(carealign_change_mean_paired(before, after, 1, 0.95, &e), CAREALIGN_OK);
    near(e.value, 2.0, 0);
    assert_true(isnan(e.lower) && isnan(e.upper));
    assert_int_equal(e.flags,
                     CAREALIGN_EST_TOO_FEW | CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA);
    assert_int_equal(carealign_change_mean_paired(before, after, 0, 0.95, &e), CAREALIGN_EINVAL);
    assert_true(isnan(e.value));
    assert_int_equal(carealign_change_mean_paired(NULL, after, 8, 0.95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_mean_paired(before, NULL, 8, 0.95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_mean_paired(before, after, 8, 0.95, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_mean_paired(before, after, 8, 95, &e), CAREALIGN_EINVAL);
    const double bad[2] = {1, NAN};
    assert_int_equal(carealign_change_mean_paired(before, bad, 2, 0.95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_mean_paired(bad, before, 2, 0.95, &e), CAREALIGN_EINVAL);
    /* finite scores whose difference is not */
    const double big[1] = {1.7e308}, small[1] = {-1.7e308};
    assert_int_equal(carealign_change_mean_paired(small, big, 1, 0.95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_mean_t(0, 1, 1, 0.95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_mean_t(5, 1, -1, 0.95, &e), CAREALIGN_EINVAL);
}

static void exact_mean_of_many(void **state)
{
    (void)state;
    /* 1e6 + 0.1 - 1e6 in every pair: R's two-pass mean keeps the 0.1 */
    static double b[1000], a[1000];
    for (int i = 0; i < 1000; i++) {
        b[i] = 1e6 + (i % 7);
        a[i] = b[i] + 0.1;
    }
    carealign_estimate e;
    assert_int_equal(carealign_change_mean_paired(b, a, 1000, 0.95, &e), CAREALIGN_OK);
    near(e.value, (1e6 + 0.1) - 1e6, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_scipy_ttest_rel),
        cmocka_unit_test(one_pair_and_bad_input),
        cmocka_unit_test(exact_mean_of_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
