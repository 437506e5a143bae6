/* Goal Attainment Scaling T-score. Kiresuk TJ, Sherman RE. Community Ment
 * Health J 1968;4:443-453: T = 50 + 10 sum(w x) / sqrt((1 - rho) sum(w^2) +
 * rho (sum w)^2). Worked example: scores (-2, 0, -1, 2, 0, 1), weights
 * (3, 5, 1, 4, 2, 6), rho 0.3: T = 55.0 exactly (sum wx = 7, sum w^2 = 91,
 * (sum w)^2 = 441, 0.7 * 91 + 0.3 * 441 = 196, sqrt = 14). */
#include "cmocka_all.h"

#include <math.h>
#include <string.h>

#include "carealign/instruments.h"

static void worked_example(void **state)
{
    (void)state;
    const int32_t levels[6] = {-2, 0, -1, 2, 0, 1};
    const double weights[6] = {3, 5, 1, 4, 2, 6};
    double t = 0;
    assert_int_equal(carealign_gas_tscore(levels, weights, 6, 0.3, &t), CAREALIGN_OK);
    assert_true(fabs(t - 55.0) < 1e-12);
}

static void unweighted(void **state)
{
    (void)state;
    /* all goals met as expected: T = 50 whatever rho */
    const int32_t zero[4] = {0, 0, 0, 0};
    double t = 0;
    assert_int_equal(carealign_gas_tscore(zero, NULL, 4, 0.3, &t), CAREALIGN_OK);
    assert_true(t == 50.0);
    /* one goal at +2, rho irrelevant for n = 1: T = 50 + 10 * 2 / 1 = 70 */
    const int32_t two = 2;
    assert_int_equal(carealign_gas_tscore(&two, NULL, 1, 0.3, &t), CAREALIGN_OK);
    assert_true(fabs(t - 70.0) < 1e-12);
    /* four goals at +1, unit weights, rho 0.3: 50 + 40 / sqrt(0.7 * 4 + 0.3 * 16)
     * = 50 + 40 / sqrt(7.6) */
    const int32_t ones[4] = {1, 1, 1, 1};
    assert_int_equal(carealign_gas_tscore(ones, NULL, 4, 0.3, &t), CAREALIGN_OK);
    assert_true(fabs(t - (50.0 + 40.0 / sqrt(7.6))) < 1e-12);
    /* NULL weights equal weights of 1 */
    const double unit[4] = {1, 1, 1, 1};
    double tw = 0;
    assert_int_equal(carealign_gas_tscore(ones, unit, 4, 0.3, &tw), CAREALIGN_OK);
    assert_true(t == tw);
    /* rho 0: 50 + 10 * 4 / 2 = 70; rho 1: 50 + 10 * 4 / 4 = 60 */
    assert_int_equal(carealign_gas_tscore(ones, NULL, 4, 0.0, &t), CAREALIGN_OK);
    assert_true(fabs(t - 70.0) < 1e-12);
    assert_int_equal(carealign_gas_tscore(ones, NULL, 4, 1.0, &t), CAREALIGN_OK);
    assert_true(fabs(t - 60.0) < 1e-12);
    /* all goals at -2 and at +2: symmetric around 50 */
    const int32_t lo[3] = {-2, -2, -2}, hi[3] = {2, 2, 2};
    double tl = 0, th = 0;
    assert_int_equal(carealign_gas_tscore(lo, NULL, 3, 0.3, &tl), CAREALIGN_OK);
    assert_int_equal(carealign_gas_tscore(hi, NULL, 3, 0.3, &th), CAREALIGN_OK);
    assert_true(fabs(tl + th - 100.0) < 1e-12);
}

static void errors(void **state)
{
    (void)state;
    double t = 42.0;
    int32_t levels[3] = {0, 3, 0};
    assert_int_equal(carealign_gas_tscore(levels, NULL, 3, 0.3, &t), CAREALIGN_EINVAL);
    assert_string_equal(carealign_last_error(), "carealign_gas_tscore: goal 2 out of range -2..2");
    levels[1] = -3;
    assert_int_equal(carealign_gas_tscore(levels, NULL, 3, 0.3, &t), CAREALIGN_EINVAL);
    levels[1] = CAREALIGN_ITEM_MISSING;
    assert_int_equal(carealign_gas_tscore(levels, NULL, 3, 0.3, &t), CAREALIGN_EMISSING);
    assert_non_null(strstr(carealign_last_error(), "goal 2 is missing"));
    levels[1] = 1;
    const double bad_weights[][3] = {{1, 0, 1}, {1, -1, 1}, {1, NAN, 1}, {1, INFINITY, 1}};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(carealign_gas_tscore(levels, bad_weights[i], 3, 0.3, &t),
                         CAREALIGN_EINVAL);
        assert_non_null(strstr(carealign_last_error(), "weight of goal 2"));
    }
    const double huge[3] = {1e300, 1e300, 1e300};
    assert_int_equal(carealign_gas_tscore(levels, huge, 3, 0.3, &t), CAREALIGN_ERANGE);
    assert_int_equal(carealign_gas_tscore(levels, NULL, 3, -0.1, &t), CAREALIGN_EINVAL);
    assert_int_equal(carealign_gas_tscore(levels, NULL, 3, 1.1, &t), CAREALIGN_EINVAL);
    assert_int_equal(carealign_gas_tscore(levels, NULL, 3, NAN, &t), CAREALIGN_EINVAL);
    assert_int_equal(carealign_gas_tscore(levels, NULL, 0, 0.3, &t), CAREALIGN_EINVAL);
    assert_int_equal(carealign_gas_tscore(NULL, NULL, 3, 0.3, &t), CAREALIGN_EINVAL);
    assert_int_equal(carealign_gas_tscore(levels, NULL, 3, 0.3, NULL), CAREALIGN_EINVAL);
    assert_true(t == 42.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example),
        cmocka_unit_test(unweighted),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
