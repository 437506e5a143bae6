/* Funnel plots (lib/stats/funnel.c). Expected values are PHEindicatormethods'
 * and FunnelPlotR's own published test data, cited beside each; every row of
 * PHE's tables is also checked by check_funnel_reference.py. */
#include "cmocka_all.h"

#include <math.h>
#include <string.h>

#include "carealign/stats.h"
#include "stats/stats_internal.h"

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

/* PHE funnel_ratio_significance: exact limits below 10 events, Byar's from
 * 10 (scipy.stats.chi2.ppf and Byar's formula with scipy.stats.norm.ppf, as
 * in test_intervals.c) */
static void ratio_test_switches_at_ten(void **state)
{
    (void)state;
    near(carealign__funnel_ratio_test(9, 1, 0.95, CAREALIGN_FUNNEL_LOW), 4.115373097378334, 1e-12);
    near(carealign__funnel_ratio_test(9, 1, 0.95, CAREALIGN_FUNNEL_HIGH), 17.084803451419165,
         1e-12);
    near(carealign__funnel_ratio_test(9, 10, 0.998, CAREALIGN_FUNNEL_LOW), 0.24524244043637747,
         1e-12);
    near(carealign__funnel_ratio_test(9, 10, 0.998, CAREALIGN_FUNNEL_HIGH), 2.265737330906293,
         1e-12);
    near(carealign__funnel_ratio_test(10, 1, 0.95, CAREALIGN_FUNNEL_LOW), 4.787449913967563, 1e-12);
    near(carealign__funnel_ratio_test(10, 1, 0.95, CAREALIGN_FUNNEL_HIGH), 18.391458605756475,
         1e-12);
    near(carealign__funnel_ratio_test(10, 1, 0.998, CAREALIGN_FUNNEL_LOW), 2.916318374695686,
         1e-12);
    near(carealign__funnel_ratio_test(10, 1, 0.998, CAREALIGN_FUNNEL_HIGH), 24.19372492788055,
         1e-12);
    /* O = 0: the lower limit is 0; the upper one chi2.ppf(.975, 2)/2 */
    assert_true(carealign__funnel_ratio_test(0, 1, 0.95, CAREALIGN_FUNNEL_LOW) == 0.0);
    near(carealign__funnel_ratio_test(0, 1, 0.95, CAREALIGN_FUNNEL_HIGH), 3.6888794541139363,
         1e-12);
}

/* Input boundaries: the values PHE accepts at the edge are accepted. */
static void funnel_boundaries(void **state)
{
    (void)state;
    const double av = 0.806424478571495;
    double v;
    carealign_funnel_point p;
    int32_t c;
    assert_int_equal(carealign_funnel_proportion_limit(1.0, 41, av, 0, 100, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_proportion_limit(0.975, 0, av, 0, 100, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_proportion_limit(0.975, 41, av, 0, 0, &v), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_proportion_limit(0.975, 41, 0.0, 0, 100, &v), CAREALIGN_OK);
    assert_int_equal(carealign_funnel_proportion_limit(0.975, 41, 1.0, 0, 100, &v), CAREALIGN_OK);
    assert_int_equal(carealign_funnel_proportion_limit(0.975, 41, 1.0001, 0, 100, &v),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_proportion_limits(0.0, 41, 100, &p), CAREALIGN_OK);
    assert_int_equal(carealign_funnel_proportion_limits(1.0, 41, 100, &p), CAREALIGN_OK);
    assert_int_equal(carealign_funnel_proportion_limits(av, 41, 0, &p), CAREALIGN_EINVAL);
    /* the upper clamp bites between 100 and 101 too: raw 100.6369 at 15 */
    assert_int_equal(carealign_funnel_proportion_limits(av, 15, 100, &p), CAREALIGN_OK);
    assert_true(p.upper_2s == 100.0);
    /* PHE's search accepts a count of 0: P(X <= 0 | mu) = 0.025 at -log(0.025) */
    assert_int_equal(carealign_funnel_poisson_search(0, 0.025, CAREALIGN_FUNNEL_HIGH, &v),
                     CAREALIGN_OK);
    near(v, 3.6888794541139363, 1e-6);
    assert_int_equal(carealign_funnel_poisson_search(3, 0.0, CAREALIGN_FUNNEL_LOW, &v),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_rate_limits(10, 0.1, 0, 3, &p), CAREALIGN_EINVAL);
    /* significance: a zero numerator and numerator = denominator are valid */
    assert_int_equal(carealign_funnel_proportion_significance(0, 50, av, &c), CAREALIGN_OK);
    assert_int_equal(c, CAREALIGN_FUNNEL_LOW_0001);
    assert_int_equal(carealign_funnel_proportion_significance(50, 50, 0.5, &c), CAREALIGN_OK);
    assert_int_equal(c, CAREALIGN_FUNNEL_HIGH_0001);
    assert_int_equal(carealign_funnel_proportion_significance(5, 50, 0.0, &c), CAREALIGN_OK);
    assert_int_equal(carealign_funnel_proportion_significance(5, 50, 1.0, &c), CAREALIGN_OK);
    assert_int_equal(carealign_funnel_proportion_significance(5, 50, 1.5, &c), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_proportion_significance(-1, 50, av, &c), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_proportion_significance(0, 0, av, &c), CAREALIGN_EINVAL);
    assert_int_equal(carealign_funnel_ratio_significance(0, 5, &c), CAREALIGN_OK);
    assert_int_equal(
        carealign_funnel_rate_significance(0, 1000, 0.001, CAREALIGN_FUNNEL_RATE_CRUDE, &c),
        CAREALIGN_OK);
    assert_int_equal(
        carealign_funnel_rate_significance(5, 0, 0.001, CAREALIGN_FUNNEL_RATE_CRUDE, &c),
        CAREALIGN_EINVAL);
    assert_int_equal(
        carealign_funnel_rate_significance(5, 1000, 0, CAREALIGN_FUNNEL_RATE_CRUDE, &c),
        CAREALIGN_EINVAL);
}

/* Rate axes and R's nchar() quirk, computed by hand from R/Funnels.R. */
static void axis_rates_and_quirks(void **state)
{
    (void)state;
    double pts[CAREALIGN_FUNNEL_POINTS];
    /* max > 2 min: axis_min 0 -> first point 1; axis_max =
     * signif.ceiling(200000) = 210000 -> ceiling(210000 * 0.001) = 210 */
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_RATE, 5000, 200000, 0.001, 1, pts),
                     CAREALIGN_OK);
    assert_true(pts[0] == 1 && pts[99] == 210);
    /* max <= 2 min: signif.floor(100000) = 90000 -> 90 events; signif.ceiling
     * (150000) = 160000 -> 160 events; with 100 points over 70 events every
     * step is the "previous + 1" of max(round(..), p + 1): 90, 91, ..., 189 */
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_RATE, 100000, 150000, 0.001, 1, pts),
                     CAREALIGN_OK);
    assert_true(pts[0] == 90 && pts[1] == 91 && pts[99] == 189);
    /* two years: per-year min 50000 -> signif.floor = 40000 (nchar(47500) =
     * 5) -> x 2 = 80000 -> 80 events, then 81, ..., 179 */
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_RATE, 100000, 150000, 0.001, 2, pts),
                     CAREALIGN_OK);
    assert_true(pts[0] == 80 && pts[99] == 179);
    /* R prints 12000000 as "1.2e+07" (nchar 7, not 8): signif.floor(12631579)
     * = floor(12000000.05 / 1e6) * 1e6 = 12000000, where 8 digits would give
     * 10000000 */
    assert_int_equal(
        carealign_funnel_axis(CAREALIGN_FUNNEL_PROPORTION, 12631579, 20000000, 0, 1, pts),
        CAREALIGN_OK);
    assert_true(pts[0] == 12000000);
    /* ... and 12300000000 as "1.23e+10" (nchar 8): signif.ceiling(11714285714)
     * = 12300000000, where 11 digits would give 13000000000 */
    assert_int_equal(
        carealign_funnel_axis(CAREALIGN_FUNNEL_PROPORTION, 1, 11714285714.0, 0, 1, pts),
        CAREALIGN_OK);
    assert_true(pts[99] == 12300000000.0);
    /* ... and 123000000 as "1.23e+08" (nchar 8, not 9): signif.floor(129473685)
     * = floor(123000000.75 / 1e7) * 1e7 = 120000000, not 100000000 */
    assert_int_equal(
        carealign_funnel_axis(CAREALIGN_FUNNEL_PROPORTION, 129473685, 200000000, 0, 1, pts),
        CAREALIGN_OK);
    assert_true(pts[0] == 120000000);
    /* axis_min is 0 only when max > 2 min, strictly: at max = 2 min it is
     * signif.floor(min) = 900; at 2.5 min it is 0 (first point 1) */
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_PROPORTION, 1000, 2000, 0, 1, pts),
                     CAREALIGN_OK);
    assert_true(pts[0] == 900);
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_PROPORTION, 1000, 2500, 0, 1, pts),
                     CAREALIGN_OK);
    assert_true(pts[0] == 1);
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_RATE, 100000, 200000, 0.001, 1, pts),
                     CAREALIGN_OK);
    assert_true(pts[0] == 90);
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_RATE, 100000, 250000, 0.001, 1, pts),
                     CAREALIGN_OK);
    assert_true(pts[0] == 1);
    assert_int_equal(carealign_funnel_axis(CAREALIGN_FUNNEL_RATE, 10, 100, 0.1, 0, pts),
                     CAREALIGN_EINVAL);
}

/* Over-dispersion on 20 units: SHMI truncation (4 of 20 dropped),
 * winsorised PR and RC, CQC. Expected values: check_overdispersion.py's
 * reference() and limits(), a NumPy/SciPy re-implementation of FunnelPlotR
 * (numpy.quantile type 7, scipy.stats.rankdata). */
static const double o20[20] = {10, 70, 52, 5,  90, 75,  12, 60,  39, 120,
                               6,  57, 90, 20, 15, 100, 48, 130, 10, 80};
static const double d20[20] = {35, 40, 50, 25, 55, 60, 30, 45, 42, 70,
                               20, 50, 60, 36, 33, 58, 50, 80, 30, 50};

static void overdispersion_twenty_units(void **state)
{
    (void)state;
    double work[20];
    double z[20];
    carealign_overdispersion od;
    double lo, hi;
    assert_int_equal(carealign_funnel_overdispersion(o20, d20, 20, NULL, work, 20, z, &od),
                     CAREALIGN_OK);
    near(od.phi, 12.205412006161803, 1e-12);
    near(od.tau2, 0.27247556861578426, 1e-10);
    assert_int_equal(od.n_used, 16);
    assert_int_equal(od.adjusted, 1);
    near(z[0], -7.411445670931308, 1e-13);
    assert_int_equal(carealign_overdispersion_limits(&od, 25, 0.95, 1, &lo, &hi), CAREALIGN_OK);
    near(lo, 0.33433548159258614, 1e-12);
    near(hi, 2.9910077005185407, 1e-12);
    assert_int_equal(carealign_overdispersion_limits(&od, 60, 0.998, 1, &lo, &hi), CAREALIGN_OK);
    near(lo, 0.18982020715739437, 1e-12);
    near(hi, 5.268143023207345, 1e-12);
    /* proportions, winsorised */
    const double po[20] = {3, 30, 25, 2, 40, 38, 5, 25, 20, 60, 3, 28, 45, 8, 6, 50, 25, 65, 5, 40};
    double pd[20];
    for (int i = 0; i < 20; i++) {
        pd[i] = 2 * d20[i];
    }
    carealign_overdispersion_options opt = CAREALIGN_OVERDISPERSION_OPTIONS_INIT;
    opt.data_type = CAREALIGN_OD_PR;
    assert_int_equal(carealign_funnel_overdispersion(po, pd, 20, &opt, work, 20, z, &od),
                     CAREALIGN_OK);
    near(od.target, 0.28454842219804133, 1e-14);
    near(od.phi, 8.360110479299781, 1e-12);
    near(od.tau2, 0.02133831108957, 1e-10);
    assert_int_equal(od.n_used, 20);
    near(z[0], -5.925625019078856, 1e-13);
    assert_int_equal(carealign_overdispersion_limits(&od, 25, 0.95, 1, &lo, &hi), CAREALIGN_OK);
    near(lo, 0.04580365102535544, 1e-11);
    near(hi, 0.6229446116070859, 1e-12);
    assert_int_equal(carealign_overdispersion_limits(&od, 60, 0.998, 1, &lo, &hi), CAREALIGN_OK);
    near(lo, 0.004771739697655493, 1e-10);
    near(hi, 0.7577297980582748, 1e-12);
    /* ratio of counts, winsorised */
    opt.data_type = CAREALIGN_OD_RC;
    assert_int_equal(carealign_funnel_overdispersion(o20, d20, 20, &opt, work, 20, NULL, &od),
                     CAREALIGN_OK);
    near(od.target, 1.1849836779107725, 1e-14);
    near(od.phi, 5.219798415480222, 1e-12);
    near(od.tau2, 0.19041064856418277, 1e-10);
    assert_int_equal(carealign_overdispersion_limits(&od, 25, 0.95, 1, &lo, &hi), CAREALIGN_OK);
    near(lo, 0.49277975839362925, 1e-12);
    near(hi, 2.849521095371955, 1e-12);
    /* SR by the CQC method on milder data: phi 1.107, adjusted */
    const double o2[20] = {30, 45, 52, 18, 60, 75, 22, 41, 39, 88,
                           12, 57, 64, 33, 29, 70, 48, 95, 26, 51};
    opt.data_type = CAREALIGN_OD_SR;
    opt.sr_method = CAREALIGN_OD_CQC;
    assert_int_equal(carealign_funnel_overdispersion(o2, d20, 20, &opt, work, 20, NULL, &od),
                     CAREALIGN_OK);
    near(od.phi, 1.1070129270138807, 1e-12);
    near(od.tau2, 0.0009042755006326791, 1e-9);
    assert_int_equal(od.adjusted, 1);
    assert_int_equal(carealign_overdispersion_limits(&od, 25, 0.95, 1, &lo, &hi), CAREALIGN_OK);
    near(lo, 0.7953336227759826, 1e-12);
    near(hi, 1.2046663772240174, 1e-12);
    /* SHMI on the milder data: truncated to 16, phi 0.766 < 1 -> exact limits */
    opt.sr_method = CAREALIGN_OD_SHMI;
    assert_int_equal(carealign_funnel_overdispersion(o2, d20, 20, &opt, work, 20, NULL, &od),
                     CAREALIGN_OK);
    near(od.phi, 0.7663260884445244, 1e-12);
    assert_int_equal(od.n_used, 16);
    assert_int_equal(od.adjusted, 0);
    assert_int_equal(carealign_overdispersion_limits(&od, 25, 0.95, 1, &lo, &hi), CAREALIGN_OK);
    near(lo, 0.6471472739131731, 1e-12);
    near(hi, 1.4761972679012145, 1e-12);
}

static void overdispersion_boundaries(void **state)
{
    (void)state;
    double work[20];
    carealign_overdispersion od;
    carealign_overdispersion_options opt = CAREALIGN_OVERDISPERSION_OPTIONS_INIT;
    /* two units are enough; zero numerators are allowed */
    const double o2[2] = {0, 5};
    const double d2[2] = {4, 6};
    opt.data_type = CAREALIGN_OD_PR;
    assert_int_equal(carealign_funnel_overdispersion(o2, d2, 2, &opt, work, 2, NULL, &od),
                     CAREALIGN_OK);
    /* a proportion equal to its denominator is valid, above it is not */
    const double o3[2] = {4, 7};
    assert_int_equal(carealign_funnel_overdispersion(o3, d2, 2, &opt, work, 2, NULL, &od),
                     CAREALIGN_EINVAL);
    const double o4[2] = {4, 6};
    assert_int_equal(carealign_funnel_overdispersion(o4, d2, 2, &opt, work, 2, NULL, &od),
                     CAREALIGN_OK);
    /* trim 0 winsorises nothing; SHMI truncation needs trim > 0 */
    opt.trim = 0.0;
    assert_int_equal(carealign_funnel_overdispersion(o20, d20, 20, &opt, work, 20, NULL, &od),
                     CAREALIGN_EINVAL); /* PR: 130 > 80... numerators above n */
    opt.data_type = CAREALIGN_OD_RC;
    assert_int_equal(carealign_funnel_overdispersion(o20, d20, 20, &opt, work, 20, NULL, &od),
                     CAREALIGN_OK);
    opt.data_type = CAREALIGN_OD_SR;
    assert_int_equal(carealign_funnel_overdispersion(o20, d20, 20, &opt, work, 20, NULL, &od),
                     CAREALIGN_EINVAL);
    opt.trim = 0.5;
    opt.sr_method = CAREALIGN_OD_CQC;
    assert_int_equal(carealign_funnel_overdispersion(o20, d20, 20, &opt, work, 20, NULL, &od),
                     CAREALIGN_EINVAL);
    opt.trim = 0.1;
    opt.sr_method = 9;
    assert_int_equal(carealign_funnel_overdispersion(o20, d20, 20, &opt, work, 20, NULL, &od),
                     CAREALIGN_EINVAL);
    /* a ratio of counts needs some events */
    const double zero[2] = {0, 0};
    opt.sr_method = CAREALIGN_OD_SHMI;
    opt.data_type = CAREALIGN_OD_RC;
    assert_int_equal(carealign_funnel_overdispersion(zero, d2, 2, &opt, work, 2, NULL, &od),
                     CAREALIGN_EINVAL);
    /* limits: past the turning point the PR upper limit is 1 (x multiplier) */
    opt.data_type = CAREALIGN_OD_PR;
    const double o5[5] = {19, 19, 18, 19, 20};
    const double d5[5] = {20, 20, 20, 20, 20};
    assert_int_equal(carealign_funnel_overdispersion(o5, d5, 5, &opt, work, 5, NULL, &od),
                     CAREALIGN_OK);
    double lo, hi;
    assert_int_equal(carealign_overdispersion_limits(&od, 5, 0.95, 100, &lo, &hi), CAREALIGN_OK);
    assert_true(hi == 100.0);
    near(lo, 62.04276353524025, 1e-12); /* check_overdispersion.py limits() x 100 */
    assert_int_equal(carealign_overdispersion_limits(&od, 5, 0.95, 0, &lo, &hi), CAREALIGN_EINVAL);
    /* phi exactly 1 is not over-dispersion: ten CQC z-scores of +/-1
     * ((sqrt(O/E) - 1) 2 sqrt(E) with E = 0.25, O = 0 or 1) */
    const double o10[10] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    const double e10[10] = {0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25};
    opt.data_type = CAREALIGN_OD_SR;
    opt.sr_method = CAREALIGN_OD_CQC;
    assert_int_equal(carealign_funnel_overdispersion(o10, e10, 10, &opt, work, 10, NULL, &od),
                     CAREALIGN_OK);
    assert_true(od.phi == 1.0);
    assert_int_equal(od.adjusted, 0);
    opt.data_type = CAREALIGN_OD_PR;
    opt.sr_method = CAREALIGN_OD_SHMI;
    /* a proportion funnel with no cases has no target for limits */
    assert_int_equal(carealign_funnel_overdispersion(zero, d2, 2, &opt, work, 2, NULL, &od),
                     CAREALIGN_OK);
    assert_int_equal(carealign_overdispersion_limits(&od, 5, 0.95, 1, &lo, &hi), CAREALIGN_EINVAL);
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
        cmocka_unit_test(ratio_test_switches_at_ten),
        cmocka_unit_test(funnel_boundaries),
        cmocka_unit_test(axis_rates_and_quirks),
        cmocka_unit_test(overdispersion_twenty_units),
        cmocka_unit_test(overdispersion_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
