/* Funnel plots (lib/stats/funnel.c). Expected values are PHEindicatormethods'
 * and FunnelPlotR's own published test data, cited beside each; every row of
 * PHE's tables is also checked by check_funnel_reference.py. */
#include "cmocka_all.h"

#include <math.h>
#include <string.h>

#include "carealign/stats.h"

/* Matches a value printed with `sig` significant digits (PHE's CSVs). */
static void printed(double got, double want, int sig)
{
    double scale = pow(10.0, floor(log10(fabs(want))) - sig + 1);
    if (!(fabs(got - want) <= 0.5 * scale * (1 + 1e-9))) {
        print_error("got %.12g, published %.*g\n", got, sig, want);
        fail();
    }
}

static void near(double got, double want, double rel)
{
    if (got == want) {
        return;
    }
    if (!(fabs(got - want) <= rel * fabs(want))) {
        print_error("got %.17g want %.17g\n", got, want);
        fail();
    }
}

/* PHEindicatormethods tests/testthat/testdata_funnel_ratio_outputs.csv rows
 * O = 1, 8, 28, 716: exp_events of the 2s/3s lower and upper limits (the
 * rows methods.md names as reproduced only by porting the bisection). */
static void poisson_search_matches_phe(void **state)
{
    (void)state;
    static const double rows[][5] = {
        {1, 5.571644585, 0.025317898, 9.233410143, 0.001000547},
        {8, 15.76318696, 3.453831154, 21.15619716, 1.970813969},
        {28, 40.46778889, 18.60579439, 48.51942314, 14.44057519},
        {716, 770.4222128, 664.5083011, 802.60414, 636.1521174},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        double v;
        assert_int_equal(
            carealign_funnel_poisson_search(rows[i][0], 0.025, CAREALIGN_FUNNEL_HIGH, &v),
            CAREALIGN_OK);
        printed(v, rows[i][1], 10);
        assert_int_equal(
            carealign_funnel_poisson_search(rows[i][0], 0.025, CAREALIGN_FUNNEL_LOW, &v),
            CAREALIGN_OK);
        printed(v, rows[i][2], 8);
        assert_int_equal(
            carealign_funnel_poisson_search(rows[i][0], 0.001, CAREALIGN_FUNNEL_HIGH, &v),
            CAREALIGN_OK);
        printed(v, rows[i][3], 9);
        assert_int_equal(
            carealign_funnel_poisson_search(rows[i][0], 0.001, CAREALIGN_FUNNEL_LOW, &v),
            CAREALIGN_OK);
        printed(v, rows[i][4], 7);
    }
    /* the bisection is not the closed form: qchisq(0.002, 2)/2 = 0.0010005003
     * (docs/methods.md), PHE's table 0.001000547 */
    double v;
    assert_int_equal(carealign_funnel_poisson_search(1, 0.001, CAREALIGN_FUNNEL_LOW, &v),
                     CAREALIGN_OK);
    assert_true(fabs(v - 0.0010005003) > 4e-8);
    double bad;
    assert_int_equal(carealign_funnel_poisson_search(1.5, 0.025, CAREALIGN_FUNNEL_LOW, &bad),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_poisson_search(-1, 0.025, CAREALIGN_FUNNEL_LOW, &bad),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_poisson_search(3, 0.7, CAREALIGN_FUNNEL_LOW, &bad),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_poisson_search(3, 0.025, 7, &bad), CAREALIGN_EINVAL);
}

static void ratio_limits_match_phe(void **state)
{
    (void)state;
    carealign_funnel_point p;
    /* testdata_funnel_ratio_outputs.csv, O = 1: lower_2s_count -0.820519779,
     * upper_3s_count 998.4532721, lower_2s_isr 17.94802207, upper_3s_isr
     * 99945.32721 */
    assert_int_equal(carealign_funnel_ratio_limits(1, CAREALIGN_FUNNEL_RATIO_COUNT, &p),
                     CAREALIGN_OK);
    printed(p.lower_2s, -0.820519779, 9);
    printed(p.upper_3s, 998.4532721, 10);
    assert_true(p.baseline == 0.0);
    assert_int_equal(carealign_funnel_ratio_limits(1, CAREALIGN_FUNNEL_RATIO_ISR, &p),
                     CAREALIGN_OK);
    printed(p.lower_2s, 17.94802207, 10);
    printed(p.upper_3s, 99945.32721, 10);
    assert_true(p.baseline == 100.0);
    /* O = 716: upper_2s_isr 107.7488421, lower_3s_isr 89.20960712 */
    assert_int_equal(carealign_funnel_ratio_limits(716, CAREALIGN_FUNNEL_RATIO_ISR, &p),
                     CAREALIGN_OK);
    printed(p.upper_2s, 107.7488421, 10);
    printed(p.lower_3s, 89.20960712, 10);
    assert_int_equal(carealign_funnel_ratio_limits(0, CAREALIGN_FUNNEL_RATIO_ISR, &p),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_ratio_limits(5, 9, &p), CAREALIGN_EINVAL);
}

static void rate_limits_match_phe(void **state)
{
    (void)state;
    /* testdata_funnel_rate_outputs.csv (DSR, 3 years; average published as
     * 116.1720835 per 100 000, hence 1e-8): E = 1 and E = 1360 */
    carealign_funnel_point p;
    assert_int_equal(carealign_funnel_rate_limits(1, 116.1720835 / 1e5, 1e5, 3, &p), CAREALIGN_OK);
    near(p.lower_2s, 20.85059119, 1e-8);
    near(p.upper_2s, 4588.535848, 1e-8);
    near(p.upper_3s, 116108.569, 1e-8);
    near(p.lower_2s_x, 1598.675694, 1e-8);
    near(p.baseline, 116.1720835, 1e-12);
    assert_int_equal(carealign_funnel_rate_limits(1360, 116.1720835 / 1e5, 1e5, 3, &p),
                     CAREALIGN_OK);
    near(p.lower_3s, 106.9073359, 1e-8);
    near(p.upper_3s_x, 358342.3275, 1e-8);
    assert_int_equal(carealign_funnel_rate_limits(10, 0, 1e5, 3, &p), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_rate_limits(10, 0.1, 1e5, 0, &p), CAREALIGN_EINVAL);
}

/* testdata_funnel_prop_outputs.csv (average from testdata_funnel_prop_inputs.csv,
 * sum(num)/sum(den) = 0.806424478571495): rows 1, 3, 41 and 110000 */
static void proportion_limits_match_phe(void **state)
{
    (void)state;
    const double av = 0.806424478571495;
    static const double rows[][5] = {
        {1, 3.204264, 100, 0, 100},
        {3, 35.933491, 100, 10.150815, 100},
        {41, 68.548635, 92.73626, 61.574398, 99.710497},
        {110000, 80.408963, 80.875933, 80.274317, 81.010578},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        carealign_funnel_point p;
        assert_int_equal(carealign_funnel_proportion_limits(av, rows[i][0], 100, &p), CAREALIGN_OK);
        assert_true(fabs(p.lower_2s - rows[i][1]) <= 5e-7);
        assert_true(fabs(p.upper_2s - rows[i][2]) <= 5e-7);
        assert_true(fabs(p.lower_3s - rows[i][3]) <= 5e-7);
        assert_true(fabs(p.upper_3s - rows[i][4]) <= 5e-7);
        assert_true(fabs(p.baseline - 80.642448) <= 5e-7);
    }
    /* the clamp: at population 1 the raw lower 3s limit is negative and the
     * upper one above 100 */
    double raw;
    assert_int_equal(
        carealign_funnel_proportion_limit(0.999, 1, av, CAREALIGN_FUNNEL_LOW, 100, &raw),
        CAREALIGN_OK);
    assert_true(raw < 0.0);
    assert_int_equal(
        carealign_funnel_proportion_limit(0.999, 1, av, CAREALIGN_FUNNEL_HIGH, 100, &raw),
        CAREALIGN_OK);
    assert_true(raw > 100.0);
    /* PHE quirk: the upper clamp is 100 whatever the multiplier */
    carealign_funnel_point p;
    assert_int_equal(carealign_funnel_proportion_limits(av, 41, 1000, &p), CAREALIGN_OK);
    assert_true(p.upper_2s == 100.0);
    assert_int_equal(carealign_funnel_proportion_limits(1.5, 41, 100, &p), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_proportion_limits(av, 0, 100, &p), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_proportion_limit(0.4, 41, av, 0, 100, &raw),
                     CAREALIGN_EINVAL);
}

static void axis_matches_phe(void **state)
{
    (void)state;
    double pts[CAREALIGN_FUNNEL_POINTS];
    /* proportion table: denominators 16386..102950 -> 1, 2, 3, ..., 99108, 110000 */
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_PROPORTION, 16386, 102950, 0, 1, pts),
                     CAREALIGN_OK);
    assert_true(pts[0] == 1 && pts[13] == 14 && pts[14] == 16 && pts[15] == 18);
    assert_true(pts[23] == 41 && pts[98] == 99108 && pts[99] == 110000);
    /* ratio table: expected 4.293..706.77 -> 1, ..., 684, 716 (j - 1 offset) */
    assert_int_equal(
        carealign_funnel_axis(CAREALIGN_FUNNEL_RATIO, 4.293052052, 706.7669173, 0, 1, pts),
        CAREALIGN_OK);
    assert_true(pts[0] == 1 && pts[33] == 35 && pts[98] == 684 && pts[99] == 716);
    /* axis_min when max <= 2 min: signif.floor(1000) = 900 (nchar(950) = 3) */
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_PROPORTION, 1000, 1900, 0, 1, pts),
                     CAREALIGN_OK);
    assert_true(pts[0] == 900);
    /* R's nchar("1e+05") is 5, not 6 (docs/methods.md): signif.ceiling(95238)
     * has ceiling(1.05x) = 1e5, so k = 3 instead of 4; the result, 100000, is
     * the same either way (the quirk cannot change a ceiling or floor that is
     * already a round number, which is the only case it arises) */
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_PROPORTION, 10, 95238, 0, 1, pts),
                     CAREALIGN_OK);
    assert_true(pts[99] == 100000);
    assert_int_equal(carealign_funnel_axis(7, 10, 100, 0, 1, pts), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_RATE, 10, 100, 0, 1, pts),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_RATIO, 0, 100, 0, 1, pts),
                     CAREALIGN_EINVAL);
}

static void significance_matches_phe(void **state)
{
    (void)state;
    int32_t c;
    /* testdata_funnel_ratio_inputs.csv rows: (8, 6.24) Not significant;
     * (151, 106.44) High (0.001); (159, 232.93) Low (0.001); (0, 240.63) Low
     * (0.001); (150, 119.57) High (0.025); (101, 126.30) Low (0.025); (6, 4.29)
     * Not significant */
    static const struct {
        double o, e;
        int32_t want;
    } ratio[] = {
        {8, 6.239860227, CAREALIGN_FUNNEL_NOT_SIGNIFICANT},
        {151, 106.4429719, CAREALIGN_FUNNEL_HIGH_0001},
        {159, 232.9329036, CAREALIGN_FUNNEL_LOW_0001},
        {0, 240.6273499, CAREALIGN_FUNNEL_LOW_0001},
        {150, 119.5695496, CAREALIGN_FUNNEL_HIGH_0025},
        {101, 126.2973615, CAREALIGN_FUNNEL_LOW_0025},
        {6, 4.293052052, CAREALIGN_FUNNEL_NOT_SIGNIFICANT},
    };
    for (size_t i = 0; i < sizeof ratio / sizeof ratio[0]; i++) {
        assert_int_equal(carealign_funnel_ratio_significance(ratio[i].o, ratio[i].e, &c),
                         CAREALIGN_OK);
        assert_int_equal(c, ratio[i].want);
    }
    /* testdata_funnel_prop_inputs.csv: New Forest High (0.001), South
     * Gloucestershire Not significant, West Norfolk High (0.025), North Devon
     * Low (0.025), Norwich Low (0.001) */
    const double av = 0.806424478571495;
    static const struct {
        double n, d;
        int32_t want;
    } prop[] = {
        {35078.4880000, 41980, CAREALIGN_FUNNEL_HIGH_0001},
        {50050.7443000, 61921, CAREALIGN_FUNNEL_NOT_SIGNIFICANT},
        {26789.2380000, 33012, CAREALIGN_FUNNEL_HIGH_0025},
        {30277.5312000, 37828, CAREALIGN_FUNNEL_LOW_0025},
        {24803.6256000, 31824, CAREALIGN_FUNNEL_LOW_0001},
    };
    for (size_t i = 0; i < sizeof prop / sizeof prop[0]; i++) {
        assert_int_equal(carealign_funnel_proportion_significance(prop[i].n, prop[i].d, av, &c),
                         CAREALIGN_OK);
        assert_int_equal(c, prop[i].want);
    }
    /* rates: the DSR rule (fewer than 10 events: not applicable); 9 and 10 */
    assert_int_equal(
        carealign_funnel_rate_significance(9, 1000, 0.001, CAREALIGN_FUNNEL_RATE_DSR, &c),
        CAREALIGN_OK);
    assert_int_equal(c, CAREALIGN_FUNNEL_NOT_APPLICABLE);
    assert_int_equal(
        carealign_funnel_rate_significance(10, 1000, 0.001, CAREALIGN_FUNNEL_RATE_DSR, &c),
        CAREALIGN_OK);
    assert_int_equal(c, CAREALIGN_FUNNEL_HIGH_0001); /* 10/1000 vs 0.001 */
    assert_int_equal(
        carealign_funnel_rate_significance(9, 1000, 0.001, CAREALIGN_FUNNEL_RATE_CRUDE, &c),
        CAREALIGN_OK);
    assert_int_equal(c, CAREALIGN_FUNNEL_HIGH_0001);
    /* a crude rate equal to the average is not significant */
    assert_int_equal(
        carealign_funnel_rate_significance(50, 1000, 0.05, CAREALIGN_FUNNEL_RATE_CRUDE, &c),
        CAREALIGN_OK);
    assert_int_equal(c, CAREALIGN_FUNNEL_NOT_SIGNIFICANT);
    /* errors (PHE: numerators >= 0, denominators > 0, proportion num <= den) */
    assert_int_equal(carealign_funnel_proportion_significance(11, 10, av, &c), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_proportion_significance(1, 0, av, &c), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_ratio_significance(-1, 10, &c), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_ratio_significance(1, 0, &c), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_rate_significance(1, 10, 0.1, 5, &c), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_ratio_significance(1, 10, NULL), CAREALIGN_EINVAL);
}

/* FunnelPlotR tests/testthat/test-classes_methods.R: SR with SHMI defaults
 * on these six units gives phi = 2.948033 (6 dp), none truncated. */
static const double od_o[6] = {100, 150, 180, 80, 120, 225};
static const double od_e[6] = {108, 112, 165, 95, 100, 220};

static void overdispersion_matches_funnelplotr(void **state)
{
    (void)state;
    double work[6];
    carealign_overdispersion od;
    assert_int_equal(carealign_funnel_overdispersion(od_o, od_e, 6, NULL, work, 6, NULL, &od),
                     CAREALIGN_OK);
    assert_true(fabs(od.phi - 2.948033) < 5e-7);
    assert_int_equal(od.n_units, 6);
    assert_int_equal(od.n_used, 6);
    assert_true(od.tau2 > 0.0);
    /* fewer than the default 10 units: computed, flagged, not applied */
    assert_int_equal(od.adjusted, 0);
    assert_int_equal(od.flags, CAREALIGN_EST_TOO_FEW);
    carealign_overdispersion_options opt = CAREALIGN_OVERDISPERSION_OPTIONS_INIT;
    opt.min_units = 6;
    assert_int_equal(carealign_funnel_overdispersion(od_o, od_e, 6, &opt, work, 6, NULL, &od),
                     CAREALIGN_OK);
    assert_int_equal(od.adjusted, 1);
    assert_int_equal(od.flags, 0);
    opt.min_units = 7; /* the threshold shifted by one */
    assert_int_equal(carealign_funnel_overdispersion(od_o, od_e, 6, &opt, work, 6, NULL, &od),
                     CAREALIGN_OK);
    assert_int_equal(od.adjusted, 0);
    /* workspace too small */
    assert_int_equal(carealign_funnel_overdispersion(od_o, od_e, 6, NULL, work, 5, NULL, &od),
                     CAREALIGN_EBUFSIZE);
    assert_int_equal(carealign_funnel_overdispersion(od_o, od_e, 1, NULL, work, 6, NULL, &od),
                     CAREALIGN_EINVAL);
    const double bad_e[6] = {108, 0, 165, 95, 100, 220};
    assert_int_equal(carealign_funnel_overdispersion(od_o, bad_e, 6, NULL, work, 6, NULL, &od),
                     CAREALIGN_EINVAL);
    opt = (carealign_overdispersion_options)CAREALIGN_OVERDISPERSION_OPTIONS_INIT;
    opt.data_type = 9;
    assert_int_equal(carealign_funnel_overdispersion(od_o, od_e, 6, &opt, work, 6, NULL, &od),
                     CAREALIGN_EINVAL);
}

/* FunnelPlotR tests/testthat/test-poisson_limits.R: unadjusted SR limits at
 * E = 15, 20, 30 (7 significant digits). */
static void poisson_limits_match_funnelplotr(void **state)
{
    (void)state;
    double work[6];
    carealign_overdispersion od;
    assert_int_equal(carealign_funnel_overdispersion(od_o, od_e, 6, NULL, work, 6, NULL, &od),
                     CAREALIGN_OK);
    static const double rows[][5] = {
        {15, 0.5596924, 1.649348, 0.3862650, 2.082907},
        {20, 0.6108260, 1.544419, 0.4479107, 1.902094},
        {30, 0.6746958, 1.427562, 0.5289724, 1.702771},
    };
    for (size_t i = 0; i < 3; i++) {
        double lo, hi;
        assert_int_equal(carealign_overdispersion_limits(&od, rows[i][0], 0.95, 1, &lo, &hi),
                         CAREALIGN_OK);
        printed(lo, rows[i][1], 7);
        printed(hi, rows[i][2], 7);
        assert_int_equal(carealign_overdispersion_limits(&od, rows[i][0], 0.998, 1, &lo, &hi),
                         CAREALIGN_OK);
        printed(lo, rows[i][3], 7);
        printed(hi, rows[i][4], 7);
    }
    double lo, hi;
    assert_int_equal(carealign_overdispersion_limits(&od, 15, 0.99, 1, &lo, &hi), CAREALIGN_EINVAL);
    assert_int_equal(carealign_overdispersion_limits(&od, 0, 0.95, 1, &lo, &hi), CAREALIGN_EINVAL);
}

static void options_init(void **state)
{
    (void)state;
    carealign_overdispersion_options a, b = CAREALIGN_OVERDISPERSION_OPTIONS_INIT;
    memset(&a, 0xff, sizeof a);
    assert_int_equal(carealign_overdispersion_options_init(&a, sizeof a), CAREALIGN_OK);
    assert_int_equal(a.size, sizeof a);
    assert_int_equal(a.data_type, b.data_type);
    assert_int_equal(a.sr_method, CAREALIGN_OD_SHMI);
    assert_true(a.trim == 0.1);
    assert_int_equal(a.min_units, 10);
    assert_int_equal(carealign_overdispersion_options_init(&a, 4), CAREALIGN_EINVAL);
    assert_int_equal(carealign_overdispersion_options_init(NULL, sizeof a), CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(poisson_search_matches_phe),
        cmocka_unit_test(ratio_limits_match_phe),
        cmocka_unit_test(rate_limits_match_phe),
        cmocka_unit_test(proportion_limits_match_phe),
        cmocka_unit_test(axis_matches_phe),
        cmocka_unit_test(significance_matches_phe),
        cmocka_unit_test(overdispersion_matches_funnelplotr),
        cmocka_unit_test(poisson_limits_match_funnelplotr),
        cmocka_unit_test(options_init),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
