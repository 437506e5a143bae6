/* SPC: the Making Data Count XmR chart (carealign_spc_xmr).
 *
 * Expected values come from NHSRplotthedots' own tests and snapshots
 * (nhs-r-community/NHSRplotthedots, tests/testthat/), from series whose
 * limits are worked by hand from the published method (fractions shown),
 * and from the rules as NHSRplotthedots states them. A numpy
 * re-implementation compares 1500 random charts in check_spc.py. */
#include "cmocka_all.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "carealign/stats.h"

#define N_MAX 64

/* set.seed(123); rnorm(20), as printed by R to 8 decimals: the data of
 * tests/testthat/test-ptd_spc_standard.R. */
static const double rnorm20[20] = {-0.56047565, -0.23017749, 1.55870831,  0.07050839,  0.12928774,
                                   1.71506499,  0.46091621,  -1.26506123, -0.68685285, -0.44566197,
                                   1.22408180,  0.35981383,  0.40077145,  0.11068272,  -0.55584113,
                                   1.78691314,  0.49785048,  -1.96661716, 0.70135590,  -0.47279141};

static carealign_spc_point pts[N_MAX];
static carealign_spc_summary sum;

static void near_abs(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.10g, want %.10g (tolerance %g)", got, want, tol);
}

static void run(const double *y, size_t n, const carealign_spc_options *o)
{
    /* The series is followed by a far-away value, so that reading beyond
     * the n values would change the figures. */
    static double buf[N_MAX + 1];
    assert_true(n <= N_MAX);
    memcpy(buf, y, n * sizeof y[0]);
    buf[n] = 1e6;
    memset(pts, 0xab, sizeof pts);
    assert_int_equal(carealign_spc_xmr(buf, n, o, pts, &sum), CAREALIGN_OK);
    /* nothing is written beyond the n points */
    const unsigned char *after = (const unsigned char *)(pts + n);
    for (size_t k = 0; k < (N_MAX - n) * sizeof pts[0]; k++)
        assert_int_equal(after[k], 0xab);
}

static carealign_spc_options opts(void)
{
    carealign_spc_options o = CAREALIGN_SPC_OPTIONS_INIT;
    return o;
}

/* tests/testthat/_snaps/ptd_spc_standard.md, r1: screen_outliers = TRUE,
 * mean_col 0.1416238, lpl -3.01138, upl 3.294627 (7 significant digits). */
static void nhsr_snapshot_screened(void **state)
{
    (void)state;
    carealign_spc_options o = opts();
    o.screen_outliers = 1;
    run(rnorm20, 20, &o);
    for (int i = 0; i < 20; i++) {
        near_abs(pts[i].mean, 0.1416238, 5e-8);
        near_abs(pts[i].lower, -3.01138, 5e-6);
        near_abs(pts[i].upper, 3.294627, 5e-7);
        assert_int_equal(pts[i].group, 0);
    }
    /* relative_to_mean as the snapshot prints it (first 15 points) */
    const int32_t rtm[15] = {-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1};
    for (int i = 0; i < 15; i++)
        assert_int_equal(pts[i].relative_to_mean, rtm[i]);
    /* _snaps/ptd_spc.md summary: n 20, common_cause 20, no improvement */
    assert_int_equal(sum.n_points, 20);
    assert_int_equal(sum.group_points, 20);
    assert_int_equal(sum.common_cause, 20);
    assert_int_equal(sum.improvement, 0);
    assert_int_equal(sum.concern, 0);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_COMMON_CAUSE);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_NONE);
    near_abs(sum.mean, 0.1416238, 5e-8);
    near_abs(sum.upper, 3.294627, 5e-7);
    /* the 2-sigma lines are 2/3 of the way to the limits */
    near_abs(pts[0].near_upper - pts[0].mean, 2.0 / 3.0 * (pts[0].upper - pts[0].mean), 1e-12);
    near_abs(pts[0].mean - pts[0].near_lower, 2.0 / 3.0 * (pts[0].mean - pts[0].lower), 1e-12);
}

/* Same snapshot file, r2 and r3: y[15] <- 10; screened: mean 0.6694159,
 * lpl -2.383666, upl 3.722497; screen_outliers = FALSE (as the Excel tools):
 * lpl -4.596625, upl 5.935457. The mean is never screened. */
static void nhsr_snapshot_outlier(void **state)
{
    (void)state;
    double y[20];
    memcpy(y, rnorm20, sizeof y);
    y[14] = 10;
    carealign_spc_options o = opts();
    o.screen_outliers = 1;
    run(y, 20, &o);
    near_abs(sum.mean, 0.6694159, 5e-8);
    near_abs(sum.lower, -2.383666, 5e-7);
    near_abs(sum.upper, 3.722497, 5e-7);
    /* the moving ranges either side of the outlier are screened out */
    assert_true(pts[14].flags & CAREALIGN_SPC_MR_SCREENED);
    assert_true(pts[15].flags & CAREALIGN_SPC_MR_SCREENED);
    assert_false(pts[13].flags & CAREALIGN_SPC_MR_SCREENED);
    assert_false(pts[16].flags & CAREALIGN_SPC_MR_SCREENED);
    const int32_t rtm[14] = {-1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1};
    for (int i = 0; i < 14; i++)
        assert_int_equal(pts[i].relative_to_mean, rtm[i]);

    run(y, 20, NULL); /* default: unscreened */
    near_abs(sum.mean, 0.6694159, 5e-8);
    near_abs(sum.lower, -4.596625, 5e-7);
    near_abs(sum.upper, 5.935457, 5e-7);
    for (int i = 0; i < 20; i++)
        assert_false(pts[i].flags & CAREALIGN_SPC_MR_SCREENED);
    /* 10 is above the upper limit either way: an improvement (increase) */
    assert_int_equal(pts[14].rule, CAREALIGN_SPC_RULE_OUTSIDE_LIMITS);
    assert_int_equal(pts[14].side, 1);
    assert_int_equal(pts[14].point_type, CAREALIGN_SPC_IMPROVEMENT);
    assert_int_equal(sum.improvement, 1);
    assert_int_equal(sum.common_cause, 19);
}

/* _snaps/ptd_spc.md with a facet: the first ten points of the snapshot data
 * give mean 0.0746, lpl -2.60, upl 2.75 and the last ten 0.209, -3.28, 3.70
 * (3 significant digits). A rebase at 10 makes the same two groups. */
static void nhsr_facets_as_rebase(void **state)
{
    (void)state;
    size_t at[1] = {10};
    carealign_spc_options o = opts();
    o.screen_outliers = 1;
    o.rebase_at = at;
    o.n_rebase = 1;
    run(rnorm20, 20, &o);
    near_abs(pts[0].mean, 0.0746, 5e-5);
    near_abs(pts[9].lower, -2.60, 5e-3);
    near_abs(pts[9].upper, 2.75, 5e-3);
    assert_int_equal(pts[9].group, 0);
    assert_int_equal(pts[10].group, 1);
    near_abs(pts[10].mean, 0.209, 5e-4);
    near_abs(pts[19].lower, -3.28, 5e-3);
    near_abs(pts[19].upper, 3.70, 5e-3);
    assert_true(isnan(pts[10].moving_range)); /* a group's first point has none */
    near_abs(pts[11].moving_range, fabs(rnorm20[11] - rnorm20[10]), 0);
    assert_int_equal(sum.n_groups, 2);
    assert_int_equal(sum.group_points, 10);
    near_abs(sum.mean, pts[19].mean, 0);
    /* 10 points < 13: both groups are short (NHSRplotthedots' warning) */
    assert_true(pts[0].flags & CAREALIGN_SPC_SHORT_GROUP);
    assert_true(sum.flags & CAREALIGN_SPC_SHORT_GROUP);
    /* and 10 < 15: no icons, flagged */
    assert_true(sum.flags & CAREALIGN_SPC_TOO_FEW_FOR_ICONS);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_NONE);
}

/* vignettes/deviations.Rmd: data 1,2,1,2,10,1,2,...,1 (18 points). By hand:
 * sum 35 -> mean 35/18; moving ranges 3 x 1, 8, 9, 12 x 1 -> average 32/17.
 * Unscreened (Excel): limits 35/18 -+ 2.66 x 32/17. Screened: 3.267 x 32/17
 * = 6.149 drops 8 and 9 -> average 15/15 = 1, limits 35/18 -+ 2.66. */
static void deviations_vignette(void **state)
{
    (void)state;
    const double y[18] = {1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1};
    run(y, 18, NULL);
    near_abs(sum.mean, 35.0 / 18.0, 1e-15);
    near_abs(sum.average_moving_range, 32.0 / 17.0, 1e-15);
    near_abs(sum.upper, 35.0 / 18.0 + 2.66 * 32.0 / 17.0, 1e-14);
    near_abs(sum.lower, 35.0 / 18.0 - 2.66 * 32.0 / 17.0, 1e-14);
    assert_int_equal(pts[4].rule, CAREALIGN_SPC_RULE_OUTSIDE_LIMITS);

    carealign_spc_options o = opts();
    o.screen_outliers = 1;
    run(y, 18, &o);
    near_abs(sum.mean, 35.0 / 18.0, 1e-15);
    near_abs(sum.average_moving_range, 1.0, 1e-15);
    near_abs(sum.upper, 35.0 / 18.0 + 2.66, 1e-14);
    near_abs(sum.lower, 35.0 / 18.0 - 2.66, 1e-14);
    assert_true(pts[4].flags & CAREALIGN_SPC_MR_SCREENED);
    assert_true(pts[5].flags & CAREALIGN_SPC_MR_SCREENED);
    assert_false(pts[3].flags & CAREALIGN_SPC_MR_SCREENED);
    assert_false(pts[0].flags & CAREALIGN_SPC_MR_SCREENED);
}

/* test-ptd_spc_standard.R: "it only reports special cause for 2 of 3 points
 * close to limits when they are on the same side of the mean": 1,-1,...
 * with y[15] = 5.5, y[16] = -5.5 -> the last two points are common_cause
 * (NHSRplotthedots defaults: screened, increase). */
static void two_of_three_needs_one_side(void **state)
{
    (void)state;
    double y[16];
    for (int i = 0; i < 16; i++)
        y[i] = i % 2 == 0 ? 1 : -1;
    y[14] = 5.5;
    y[15] = -5.5;
    carealign_spc_options o = opts();
    o.screen_outliers = 1;
    run(y, 16, &o);
    assert_true(pts[14].flags & CAREALIGN_SPC_CLOSE_TO_LIMITS);
    assert_true(pts[15].flags & CAREALIGN_SPC_CLOSE_TO_LIMITS);
    assert_int_equal(pts[14].point_type, CAREALIGN_SPC_COMMON_CAUSE);
    assert_int_equal(pts[15].point_type, CAREALIGN_SPC_COMMON_CAUSE);
    assert_int_equal(pts[14].rule, CAREALIGN_SPC_RULE_NONE);

    /* Same side: 5.5, 1, 5.5 at the end. By hand: mean 12/17 = 0.706;
     * moving ranges 13 x 2, 6.5, 4.5, 4.5 -> 41.5/16 = 2.594 (none screened
     * at 8.47); upl 7.61, 2-sigma line 5.306: both 5.5 are close, and all
     * three points are above the mean -> a 2-of-3 signal on the close ones. */
    double z[17];
    for (int i = 0; i < 16; i++)
        z[i] = y[i];
    z[15] = 1;
    z[16] = 5.5;
    run(z, 17, &o);
    /* points 14 (5.5), 15 (1, not close) and 16 (5.5) are all above the mean */
    assert_true(pts[14].flags & CAREALIGN_SPC_CLOSE_TO_LIMITS);
    assert_true(pts[16].flags & CAREALIGN_SPC_CLOSE_TO_LIMITS);
    assert_int_equal(pts[15].relative_to_mean, 1);
    assert_int_equal(pts[14].rule, CAREALIGN_SPC_RULE_TWO_OF_THREE);
    assert_int_equal(pts[16].rule, CAREALIGN_SPC_RULE_TWO_OF_THREE);
    assert_int_equal(pts[15].rule, CAREALIGN_SPC_RULE_NONE); /* only close points are marked */
    assert_int_equal(pts[16].side, 1);
    assert_int_equal(pts[16].point_type, CAREALIGN_SPC_IMPROVEMENT);
}

/* ptd_seven_point_trend / ptd_part_of_seven_trend (test-ptd_calculate_point_type.R):
 * 1:7 is a trend of all seven points; c(1:3, 3:6) is not (a tie breaks it);
 * c(2, 1:7, 3) flags points 2..8. Noise far away keeps every point inside
 * the limits so that only the trend rule can fire. */
static void seven_point_trend(void **state)
{
    (void)state;
    const double up[9] = {2, 1, 2, 3, 4, 5, 6, 7, 3};
    run(up, 9, NULL);
    assert_false(pts[0].flags & CAREALIGN_SPC_IN_TREND);
    for (int i = 1; i <= 7; i++)
        assert_true(pts[i].flags & CAREALIGN_SPC_IN_TREND);
    assert_false(pts[8].flags & CAREALIGN_SPC_IN_TREND);
    /* mean 33/9; amr (1+1+1+1+1+1+1+4)/8 = 11/8; upl = 3.667 + 3.657 = 7.32:
     * nothing outside; 2-sigma: 3.667 + 2.438 = 6.10 -> 7 is close, alone. */
    for (int i = 1; i <= 7; i++) {
        assert_int_equal(pts[i].rule, CAREALIGN_SPC_RULE_TREND);
        assert_int_equal(pts[i].side, 1);
        assert_int_equal(pts[i].point_type, CAREALIGN_SPC_IMPROVEMENT);
    }
    /* the trend crosses the mean: points below it are still "Increasing" */
    assert_int_equal(pts[1].relative_to_mean, -1);

    const double tie[7] = {1, 2, 3, 3, 4, 5, 6};
    run(tie, 7, NULL);
    for (int i = 0; i < 7; i++)
        assert_false(pts[i].flags & CAREALIGN_SPC_IN_TREND);

    const double six[6] = {1, 2, 3, 4, 5, 6};
    run(six, 6, NULL);
    for (int i = 0; i < 6; i++)
        assert_false(pts[i].flags & CAREALIGN_SPC_IN_TREND);

    const double down[9] = {6, 7, 6, 5, 4, 3, 2, 1, 5};
    carealign_spc_options o = opts();
    o.improvement_direction = CAREALIGN_SPC_DECREASE;
    run(down, 9, &o);
    for (int i = 1; i <= 7; i++) {
        assert_true(pts[i].flags & CAREALIGN_SPC_IN_TREND);
        assert_int_equal(pts[i].side, -1);
        assert_int_equal(pts[i].point_type, CAREALIGN_SPC_IMPROVEMENT);
    }
    o.improvement_direction = CAREALIGN_SPC_NEUTRAL;
    run(down, 9, &o);
    assert_int_equal(pts[4].point_type, CAREALIGN_SPC_NEUTRAL_LOW);
}

/* ptd_special_cause_type's label direction: a point in a trend takes the
 * difference to the next point when that point is in a trend too. Where an
 * increasing trend ends on a tie that starts a decreasing one, the last
 * point of the increase is labelled "Decreasing" (sign 0 is not 1). */
static void trend_label_quirk(void **state)
{
    (void)state;
    /* 0..6 rising, 6 again, then falling to 0; wide swings first (in the
     * same group) keep everything inside the limits and away from 2 sigma. */
    const double y[20] = {3, -9, 15, -9, 15, 3, 0, 1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1, 0};
    run(y, 20, NULL);
    /* By hand: mean 60/20 = 3; moving ranges sum 111 -> 111/19 = 5.84;
     * limits 3 -+ 15.5, 2-sigma lines 3 -+ 10.4: the swings are close (on
     * alternating sides: no 2-of-3), the trends are inside; the longest run
     * on one side is 6 (index 9 and 16 sit on the mean). */
    for (int i = 5; i < 20; i++) {
        assert_int_equal(pts[i].flags & 3u, 0);
        assert_false(pts[i].flags & CAREALIGN_SPC_IN_SHIFT);
    }
    assert_int_equal(pts[9].relative_to_mean, 0);
    assert_false(pts[5].flags & CAREALIGN_SPC_IN_TREND);
    assert_int_equal(pts[6].side, 1);
    assert_int_equal(pts[11].rule, CAREALIGN_SPC_RULE_TREND);
    assert_int_equal(pts[11].side, 1); /* 5 -> 6 rising */
    assert_int_equal(pts[12].rule, CAREALIGN_SPC_RULE_TREND);
    assert_int_equal(pts[12].side, -1); /* next point (6) is in the falling trend: tie -> "De" */
    assert_int_equal(pts[12].point_type, CAREALIGN_SPC_CONCERN);
    assert_int_equal(pts[13].side, -1);
    assert_int_equal(pts[19].side, -1);
    assert_int_equal(pts[19].point_type, CAREALIGN_SPC_CONCERN);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_CONCERN_LOW);
}

/* ptd_seven_point_one_side_mean: rep(1, 8) then -1 flags the 7th and 8th
 * points; part of the run are all eight. rep(1, 6) then -1 is no run. */
static void seven_points_one_side(void **state)
{
    (void)state;
    /* mean 7/9; moving ranges 0 x 7 and 2 -> 2/8; limits 7/9 -+ 0.665:
     * the ones sit inside, above the mean; -1 is below the lower limit. */
    const double y[9] = {1, 1, 1, 1, 1, 1, 1, 1, -1};
    run(y, 9, NULL);
    for (int i = 0; i < 8; i++) {
        assert_true(pts[i].flags & CAREALIGN_SPC_IN_SHIFT);
        assert_int_equal(pts[i].rule, CAREALIGN_SPC_RULE_SHIFT);
        assert_int_equal(pts[i].side, 1);
    }
    assert_int_equal(pts[8].rule, CAREALIGN_SPC_RULE_OUTSIDE_LIMITS);
    assert_int_equal(pts[8].side, -1);
    assert_int_equal(pts[8].point_type, CAREALIGN_SPC_CONCERN);

    const double six[7] = {1, 1, 1, 1, 1, 1, -1};
    run(six, 7, NULL);
    for (int i = 0; i < 6; i++)
        assert_false(pts[i].flags & CAREALIGN_SPC_IN_SHIFT);

    /* a point exactly on the mean breaks a run: 0 is neither side. By
     * hand: sum 14 + 1 - 6 = 9, mean 1; 2 x 8 above otherwise. */
    const double on[9] = {2, 2, 2, 1, 2, 2, 2, 2, -6};
    run(on, 9, NULL);
    assert_int_equal(pts[3].relative_to_mean, 0);
    for (int i = 0; i < 9; i++)
        assert_false(pts[i].flags & CAREALIGN_SPC_IN_SHIFT);
}

/* Rule precedence (methods.md 2.2): outside limits, then trend, then 2 of 3,
 * then 7 on one side. A point above the limit within a rising trend is
 * labelled "Above UCL". */
static void precedence(void **state)
{
    (void)state;
    /* By hand: mean 51/8 = 6.375; moving ranges 6 x 1 and 24 -> 30/7;
     * upl 17.8, lpl -5.0, 2-sigma lines -1.2 and 14.0: 30 is outside; all
     * eight points rise; 0..6 are seven below the mean. */
    const double y[8] = {0, 1, 2, 3, 4, 5, 6, 30};
    run(y, 8, NULL);
    for (int i = 0; i < 8; i++)
        assert_true(pts[i].flags & CAREALIGN_SPC_IN_TREND);
    assert_int_equal(pts[7].rule, CAREALIGN_SPC_RULE_OUTSIDE_LIMITS);
    for (int i = 0; i < 7; i++) {
        assert_true(pts[i].flags & CAREALIGN_SPC_IN_SHIFT);
        assert_int_equal(pts[i].rule, CAREALIGN_SPC_RULE_TREND); /* trend outranks the shift */
        assert_int_equal(pts[i].side, 1);
    }
    /* 2 of 3 outranks the shift. By hand: mean 24/11 = 2.18; moving ranges
     * 0, 8, 0, 0, 0, 0, 4, 0, 12, 0 -> 2.4; lpl -4.20, 2-sigma line -2.07:
     * indices 2..8 are seven below the mean, and the two -4 are close. The
     * two 8s are close too, but the third point of their window is below. */
    const double z[11] = {8, 8, 0, 0, 0, 0, 0, -4, -4, 8, 8};
    run(z, 11, NULL);
    for (int i = 2; i <= 6; i++)
        assert_int_equal(pts[i].rule, CAREALIGN_SPC_RULE_SHIFT);
    for (int i = 7; i <= 8; i++) {
        assert_true(pts[i].flags & CAREALIGN_SPC_IN_SHIFT);
        assert_int_equal(pts[i].rule, CAREALIGN_SPC_RULE_TWO_OF_THREE);
        assert_int_equal(pts[i].side, -1);
        assert_int_equal(pts[i].point_type, CAREALIGN_SPC_CONCERN);
    }
    assert_true(pts[0].flags & CAREALIGN_SPC_CLOSE_TO_LIMITS);
    assert_int_equal(pts[0].rule, CAREALIGN_SPC_RULE_NONE);
    assert_int_equal(pts[9].rule, CAREALIGN_SPC_RULE_NONE);
}

/* A constant series: the moving ranges are all 0. */
static void constant_series(void **state)
{
    (void)state;
    /* unscreened: amr 0, limits on the mean; nothing is outside */
    const double flat[5] = {3, 3, 3, 3, 3};
    run(flat, 5, NULL);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(pts[i].flags & CAREALIGN_SPC_OUTSIDE_LIMITS, 0);
        assert_int_equal(pts[i].flags & CAREALIGN_SPC_CLOSE_TO_LIMITS, 0);
        assert_int_equal(pts[i].relative_to_mean, 0);
        assert_int_equal(pts[i].rule, CAREALIGN_SPC_RULE_NONE);
    }
    near_abs(sum.upper, 3, 0);
    /* Screened, a constant series has no moving range below 3.267 x 0: the
     * limits are NaN, as in NHSRplotthedots (mean of nothing). */
    carealign_spc_options o = opts();
    o.screen_outliers = 1;
    run(flat, 5, &o);
    assert_true(isnan(sum.upper));
    assert_true(isnan(sum.average_moving_range));
    assert_true(sum.flags & CAREALIGN_SPC_LIMITS_NA);
    assert_true(pts[2].flags & CAREALIGN_SPC_LIMITS_NA);
    near_abs(sum.mean, 3, 0);
}

/* A point exactly on a limit or a 2-sigma line: outside and close are
 * strict comparisons. With 0, 2 alternating (mean 1, amr 2) plus a final
 * point, a final value chosen after the fact would move the mean, so fix
 * the limits after the first 10 points and place points on the lines. */
static void fixed_limits_and_boundaries(void **state)
{
    (void)state;
    double y[17];
    for (int i = 0; i < 10; i++)
        y[i] = (i % 2) * 2.0; /* mean 1, moving ranges 2 -> amr 2 */
    carealign_spc_options o = opts();
    o.fix_after_n_points = 10;
    run(y, 10, &o);
    double upl = pts[0].upper, lpl = pts[0].lower, nupl = pts[0].near_upper;
    double nlpl = pts[0].near_lower;
    near_abs(upl, 1 + 2.66 * 2, 1e-15);
    near_abs(lpl, 1 - 2.66 * 2, 1e-15);
    near_abs(nupl, 1 + 2 * (2.66 / 3) * 2, 1e-15);
    y[10] = upl;                  /* on the limit: not outside, close */
    y[11] = nupl;                 /* on the 2-sigma line: not close */
    y[12] = nextafter(upl, 100);  /* just above: outside */
    y[13] = nextafter(nupl, 100); /* just above the line: close */
    y[14] = lpl;                  /* on the lower limit */
    y[15] = nextafter(lpl, -100); /* below it */
    y[16] = nlpl;                 /* on the lower 2-sigma line: not close */
    run(y, 17, &o);
    for (int i = 10; i < 17; i++) {
        near_abs(pts[i].upper, upl, 0); /* limits fixed after 10 points */
        assert_true(pts[i].flags & CAREALIGN_SPC_AFTER_FIX);
    }
    assert_false(pts[9].flags & CAREALIGN_SPC_AFTER_FIX);
    assert_int_equal(pts[10].flags & 3u, CAREALIGN_SPC_CLOSE_TO_LIMITS);
    assert_int_equal(pts[11].flags & 3u, 0);
    assert_int_equal(pts[12].flags & 3u, CAREALIGN_SPC_OUTSIDE_LIMITS);
    assert_int_equal(pts[13].flags & 3u, CAREALIGN_SPC_CLOSE_TO_LIMITS);
    assert_int_equal(pts[14].flags & 3u, CAREALIGN_SPC_CLOSE_TO_LIMITS);
    assert_int_equal(pts[15].flags & 3u, CAREALIGN_SPC_OUTSIDE_LIMITS);
    assert_int_equal(pts[15].side, -1);
    assert_int_equal(pts[16].flags & 3u, 0);
    /* moving ranges after the baseline are reported but not used */
    near_abs(pts[11].moving_range, fabs(nupl - upl), 0);
    near_abs(sum.average_moving_range, 2, 0);
}

/* test-ptd_calculate_assurance_type.R: target above upl -> increase:
 * consistent_fail, decrease: consistent_pass; below lpl -> the reverse;
 * within [lpl, upl] (inclusive) -> inconsistent; neutral -> none. */
static void assurance(void **state)
{
    (void)state;
    carealign_spc_options o = opts();
    o.screen_outliers = 1;
    o.has_target = 1;
    o.target = 4; /* above upl 3.294627 */
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_FAIL);
    o.improvement_direction = CAREALIGN_SPC_DECREASE;
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_PASS);
    o.target = -4; /* below lpl -3.01138 */
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_FAIL);
    o.improvement_direction = CAREALIGN_SPC_INCREASE;
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_PASS);
    o.target = 0.5; /* _snaps/ptd_spc.md "summary with a target" */
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_INCONSISTENT);
    /* boundaries are inclusive */
    double upl = sum.upper, lpl = sum.lower;
    o.target = upl;
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_INCONSISTENT);
    o.target = nextafter(upl, 10);
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_FAIL);
    o.target = lpl;
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_INCONSISTENT);
    o.target = nextafter(lpl, -10);
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_PASS);
    o.improvement_direction = CAREALIGN_SPC_NEUTRAL;
    run(rnorm20, 20, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_NONE);
    /* the latest group's limits are used (the rebase test of the same file) */
    double y[40];
    for (int i = 0; i < 20; i++) {
        y[i] = rnorm20[i];
        y[20 + i] = rnorm20[i] + 100;
    }
    size_t at[1] = {20};
    o.improvement_direction = CAREALIGN_SPC_INCREASE;
    o.rebase_at = at;
    o.n_rebase = 1;
    o.target = 50; /* above group 0's limits, below group 1's */
    run(y, 40, &o);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_PASS);
    near_abs(sum.mean, 100.1416238, 5e-7);
}

/* Icons need min_points_for_icons points in the latest group (15). */
static void icons_need_enough_points(void **state)
{
    (void)state;
    carealign_spc_options o = opts();
    o.has_target = 1;
    o.target = 100;
    run(rnorm20, 14, &o);
    assert_true(sum.flags & CAREALIGN_SPC_TOO_FEW_FOR_ICONS);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_NONE);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_NONE);
    run(rnorm20, 15, &o);
    assert_false(sum.flags & CAREALIGN_SPC_TOO_FEW_FOR_ICONS);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_COMMON_CAUSE);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_FAIL);
    o.min_points_for_icons = 0;
    run(rnorm20, 1, &o);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_COMMON_CAUSE);
    /* a single point: no moving range, limits NaN; target against NaN
     * limits is "inconsistent" in NHSRplotthedots (NA comparisons fall
     * through case_when) */
    assert_true(sum.flags & CAREALIGN_SPC_LIMITS_NA);
    assert_int_equal(sum.assurance_icon, CAREALIGN_SPC_ASSURANCE_INCONSISTENT);
    /* short groups: fewer than 13 points */
    run(rnorm20, 12, NULL);
    assert_true(sum.flags & CAREALIGN_SPC_SHORT_GROUP);
    run(rnorm20, 13, NULL);
    assert_false(sum.flags & CAREALIGN_SPC_SHORT_GROUP);
}

/* Variation icons from the last point: improvement/concern by direction. */
static void variation_icons(void **state)
{
    (void)state;
    double y[20];
    memcpy(y, rnorm20, sizeof y);
    y[19] = 20; /* far above the limits */
    carealign_spc_options o = opts();
    run(y, 20, &o);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_IMPROVEMENT_HIGH);
    o.improvement_direction = CAREALIGN_SPC_DECREASE;
    run(y, 20, &o);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_CONCERN_HIGH);
    assert_int_equal(sum.concern, 1);
    o.improvement_direction = CAREALIGN_SPC_NEUTRAL;
    run(y, 20, &o);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_NEUTRAL_HIGH);
    assert_int_equal(sum.neutral, 1);
    y[19] = -20;
    run(y, 20, &o);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_NEUTRAL_LOW);
    o.improvement_direction = CAREALIGN_SPC_DECREASE;
    run(y, 20, &o);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_IMPROVEMENT_LOW);
    o.improvement_direction = CAREALIGN_SPC_INCREASE;
    run(y, 20, &o);
    assert_int_equal(sum.variation_icon, CAREALIGN_SPC_VARIATION_CONCERN_LOW);
    assert_int_equal(pts[19].rule, CAREALIGN_SPC_RULE_OUTSIDE_LIMITS);
    /* -20 drags the mean to -0.83: points 0..6 and 8..16 are runs above it */
    assert_int_equal(sum.concern, 1);
    assert_int_equal(sum.improvement, 16);
    assert_int_equal(sum.common_cause, 3);
}

/* Rules are applied within each group: a run across a rebase is not a run. */
static void rules_stay_within_groups(void **state)
{
    (void)state;
    const double y[14] = {5, 4, 5, 4, 5, 1, 2, 3, 4, 5, 6, 7, 6, 7};
    size_t at[1] = {8};
    carealign_spc_options o = opts();
    run(y, 14, &o);
    assert_true(pts[5].flags & CAREALIGN_SPC_IN_TREND); /* 1..7 at 5..11 */
    o.rebase_at = at;
    o.n_rebase = 1;
    run(y, 14, &o);
    for (int i = 0; i < 14; i++)
        assert_false(pts[i].flags & CAREALIGN_SPC_IN_TREND);
    /* a rebase at 0 changes nothing */
    size_t zero[2] = {0, 8};
    o.rebase_at = zero;
    o.n_rebase = 2;
    run(y, 14, &o);
    assert_int_equal(sum.n_groups, 2);
    assert_int_equal(pts[7].group, 0);
    assert_int_equal(pts[8].group, 1);
}

/* R's mean(): one value is its own mean; two values have one moving range;
 * sums beyond DBL_MAX take R's fallback (sum of x/n). By hand:
 * {0, 1e308, 0, 1e308, 0}: mean 2e308/5 = 4e307, moving ranges 4 x 1e308. */
static void means_as_r(void **state)
{
    (void)state;
    const double one[1] = {4.25};
    carealign_spc_options o = opts();
    o.min_points_for_icons = 0;
    run(one, 1, &o);
    near_abs(sum.mean, 4.25, 0);
    assert_true(isnan(sum.upper));
    const double two[2] = {4.25, 1.0};
    run(two, 2, &o);
    near_abs(sum.average_moving_range, 3.25, 0);
    near_abs(sum.mean, 2.625, 0);
    const double max3[3] = {DBL_MAX, DBL_MAX, DBL_MAX};
    run(max3, 3, &o);
    near_abs(sum.mean, DBL_MAX, 0);
    near_abs(sum.average_moving_range, 0, 0);
    const double big[5] = {0, 1e308, 0, 1e308, 0};
    run(big, 5, &o);
    assert_true(fabs(sum.mean / 4e307 - 1) < 1e-15);
    assert_true(fabs(sum.average_moving_range / 1e308 - 1) < 1e-15);
}

/* Screening keeps a moving range only when it is strictly below 3.267 x the
 * average. The last value was found by search so that its moving range is
 * exactly 3.267 x the average of {1 x 8, itself} in double arithmetic (R's
 * mean); the first assertion checks that it sits on the boundary. */
static void screening_is_strict(void **state)
{
    (void)state;
    double y[10] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 0x1.23c4856ce917bp+2};
    run(y, 10, NULL);
    assert_true(pts[9].moving_range == 3.267 * sum.average_moving_range);
    carealign_spc_options o = opts();
    o.screen_outliers = 1;
    run(y, 10, &o);
    assert_true(pts[9].flags & CAREALIGN_SPC_MR_SCREENED);
    near_abs(sum.average_moving_range, 1, 0);
    y[9] = nextafter(y[9], 0); /* one ulp below: kept */
    run(y, 10, &o);
    assert_false(pts[9].flags & CAREALIGN_SPC_MR_SCREENED);
}

/* A trend's last point in a group takes its label from the point before it:
 * the next group is never looked at (even if its memory says "in trend").
 * By hand, group 0 = {3, 0..6}: mean 3, amr 9/7, limits 3 -+ 3.42, nothing
 * outside, no 2-of-3 (the close points 0 and 6 are apart). */
static void rules_stop_at_a_rebase(void **state)
{
    (void)state;
    const double y[11] = {3, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0};
    size_t at[1] = {8};
    carealign_spc_options o = opts();
    o.rebase_at = at;
    o.n_rebase = 1;
    memset(pts, 0xff, sizeof pts);
    assert_int_equal(carealign_spc_xmr(y, 11, &o, pts, &sum), CAREALIGN_OK);
    assert_int_equal(pts[7].rule, CAREALIGN_SPC_RULE_TREND);
    assert_int_equal(pts[7].side, 1);
    assert_int_equal(pts[8].group, 1);
    assert_false(pts[8].flags & CAREALIGN_SPC_IN_TREND);

    /* Nor does a 2-of-3 window reach into the next group. By hand, group 0
     * = {5, 6, 5, 6, 5, 6, 5, 6, 2, 4.5}: mean 5.05, amr 13.5/9 = 1.5, lower
     * limit 1.06, 2-sigma line 2.39: 2 is close and below the mean, 4.5 is
     * below but not close; the point before them is above: no signal. */
    const double z[13] = {5, 6, 5, 6, 5, 6, 5, 6, 2, 4.5, 5, 5, 5};
    at[0] = 10;
    memset(pts, 0xff, sizeof pts);
    assert_int_equal(carealign_spc_xmr(z, 13, &o, pts, &sum), CAREALIGN_OK);
    assert_int_equal(pts[8].flags & 3u, CAREALIGN_SPC_CLOSE_TO_LIMITS);
    assert_int_equal(pts[8].relative_to_mean, -1);
    assert_int_equal(pts[9].relative_to_mean, -1);
    assert_int_equal(pts[8].rule, CAREALIGN_SPC_RULE_NONE);
}

static void bad_input(void **state)
{
    (void)state;
    carealign_spc_point p[4];
    carealign_spc_summary s;
    const double y[4] = {1, 2, 3, 4};
    assert_int_equal(carealign_spc_xmr(y, 0, NULL, p, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign_spc_xmr(NULL, 4, NULL, p, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign_spc_xmr(y, 4, NULL, NULL, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign_spc_xmr(y, 4, NULL, p, NULL), CAREALIGN_EINVAL);
    const double nan[4] = {1, NAN, 3, 4};
    assert_int_equal(carealign_spc_xmr(nan, 4, NULL, p, &s), CAREALIGN_EINVAL);
    const double inf[4] = {1, 2, INFINITY, 4};
    assert_int_equal(carealign_spc_xmr(inf, 4, NULL, p, &s), CAREALIGN_EINVAL);
    /* only the n values are read: a NaN just beyond them is not seen */
    assert_int_equal(carealign_spc_xmr(nan, 1, NULL, p, &s), CAREALIGN_OK);
    assert_int_equal(carealign_spc_xmr(inf, 2, NULL, p, &s), CAREALIGN_OK);

    carealign_spc_options o;
    assert_int_equal(carealign_spc_options_init(&o, sizeof o), CAREALIGN_OK);
    assert_int_equal(o.min_points_for_icons, 15);
    assert_int_equal(o.short_group_points, 13);
    assert_int_equal(o.improvement_direction, CAREALIGN_SPC_INCREASE);
    assert_int_equal(o.screen_outliers, 0);
    assert_int_equal(carealign_spc_options_init(&o, sizeof o - 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_spc_options_init(NULL, sizeof o), CAREALIGN_EINVAL);

    /* options out of range; nothing is written on failure */
    size_t idx[3] = {2, 1, 9};
    for (int c = 0; c < 13; c++) {
        carealign_spc_options b = CAREALIGN_SPC_OPTIONS_INIT;
        switch (c) {
        case 0: b.improvement_direction = 2; break;
        case 1: b.improvement_direction = -2; break;
        case 2: b.screen_outliers = 2; break;
        case 3: b.fix_after_n_points = 1; break;
        case 4: b.fix_after_n_points = -1; break;
        case 5: b.min_points_for_icons = -1; break;
        case 6: b.short_group_points = -1; break;
        case 7: b.has_target = 2; break;
        case 8:
            b.has_target = 1;
            b.target = NAN;
            break;
        case 9: b.n_rebase = 1; break; /* rebase_at NULL */
        case 10:
            b.rebase_at = idx;
            b.n_rebase = 2;
            break; /* 2 then 1 */
        case 11:
            b.rebase_at = idx + 2;
            b.n_rebase = 1;
            break;                             /* 9 >= n */
        default: b.size = sizeof b - 8; break; /* smaller than any release */
        }
        memset(p, 0x5a, sizeof p);
        memset(&s, 0x5a, sizeof s);
        assert_int_equal(carealign_spc_xmr(y, 4, &b, p, &s), CAREALIGN_EINVAL);
        const unsigned char *bytes = (const unsigned char *)p;
        for (size_t k = 0; k < sizeof p; k++)
            assert_int_equal(bytes[k], 0x5a);
    }
    size_t dup[2] = {1, 1};
    o.rebase_at = dup;
    o.n_rebase = 2;
    assert_int_equal(carealign_spc_xmr(y, 4, &o, p, &s), CAREALIGN_EINVAL);
    o.n_rebase = 1; /* index 1 alone is fine */
    assert_int_equal(carealign_spc_xmr(y, 4, &o, p, &s), CAREALIGN_OK);
    o.fix_after_n_points = 2;
    assert_int_equal(carealign_spc_xmr(y, 4, &o, p, &s), CAREALIGN_OK);
    o.short_group_points = 0;
    o.min_points_for_icons = 0;
    assert_int_equal(carealign_spc_xmr(y, 4, &o, p, &s), CAREALIGN_OK);
    /* group 0 is the single point before the rebase at 1: limits NA only */
    assert_int_equal(s.flags, CAREALIGN_SPC_LIMITS_NA);
    size_t at_n[1] = {4}; /* the first index beyond the series */
    o.rebase_at = at_n;
    assert_int_equal(carealign_spc_xmr(y, 4, &o, p, &s), CAREALIGN_EINVAL);
    size_t after_big[3] = {100, 2, 3}; /* only the last two are passed */
    o.rebase_at = after_big + 1;
    o.n_rebase = 2;
    assert_int_equal(carealign_spc_xmr(y, 4, &o, p, &s), CAREALIGN_OK);
    assert_int_equal(s.n_groups, 3);

    /* a newer, larger options struct: zeros beyond are fine, others refused */
    struct {
        carealign_spc_options o;
        uint64_t more;
    } big;
    memset(&big, 0, sizeof big);
    big.o = (carealign_spc_options)CAREALIGN_SPC_OPTIONS_INIT;
    big.o.size = sizeof big;
    assert_int_equal(carealign_spc_xmr(y, 4, &big.o, p, &s), CAREALIGN_OK);
    big.more = 1;
    assert_int_equal(carealign_spc_xmr(y, 4, &big.o, p, &s), CAREALIGN_EUNSUPPORTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nhsr_snapshot_screened),
        cmocka_unit_test(nhsr_snapshot_outlier),
        cmocka_unit_test(nhsr_facets_as_rebase),
        cmocka_unit_test(deviations_vignette),
        cmocka_unit_test(two_of_three_needs_one_side),
        cmocka_unit_test(seven_point_trend),
        cmocka_unit_test(trend_label_quirk),
        cmocka_unit_test(seven_points_one_side),
        cmocka_unit_test(precedence),
        cmocka_unit_test(constant_series),
        cmocka_unit_test(fixed_limits_and_boundaries),
        cmocka_unit_test(assurance),
        cmocka_unit_test(icons_need_enough_points),
        cmocka_unit_test(variation_icons),
        cmocka_unit_test(rules_stay_within_groups),
        cmocka_unit_test(means_as_r),
        cmocka_unit_test(screening_is_strict),
        cmocka_unit_test(rules_stop_at_a_rebase),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
