/* Change between paired measurements: reliable change and classification.
 *
 * Expected values: the Jacobson-Truax formula worked by hand
 * (S_diff = sd sqrt(2) sqrt(1 - r) = sd sqrt(2 (1 - r)); Jacobson & Truax
 * 1991, as stated at psyctc.org/stats/rcsc1.htm), and the NHS Talking
 * Therapies reliable improvement thresholds (PHQ-9 fall >= 6, GAD-7 fall
 * >= 4; methods.md 4.2) and the Oxford Hip Score individual MIC of 8
 * (Beard et al. 2015; methods.md 4.3) as minimal important differences. */
#include "cmocka_all.h"

#include <math.h>
#include <string.h>

#include "carealign/stats.h"

static void rci(void **state)
{
    (void)state;
    double r = 0;
    /* sd 7.5, r_xx 0.88: S_diff = 7.5 sqrt(0.24) = 3.674; 30 -> 20: -2.72 */
    assert_int_equal(carealign_change_rci(30, 20, 7.5, 0.88, &r), CAREALIGN_OK);
    assert_true(fabs(r - (-10.0 / (7.5 * sqrt(0.24)))) < 1e-14);
    /* reliability 0: S_diff = sd sqrt(2) */
    assert_int_equal(carealign_change_rci(1, 3, 2, 0, &r), CAREALIGN_OK);
    assert_true(fabs(r - 2.0 / (2.0 * sqrt(2.0))) < 1e-15);
    assert_int_equal(carealign_change_rci(5, 5, 2, 0.9, &r), CAREALIGN_OK);
    assert_true(r == 0);

    double keep = 42;
    assert_int_equal(carealign_change_rci(1, 2, 0, 0.5, &keep), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_rci(1, 2, -1, 0.5, &keep), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_rci(1, 2, INFINITY, 0.5, &keep), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_rci(1, 2, 1, 1.0, &keep), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_rci(1, 2, 1, -0.1, &keep), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_rci(1, 2, 1, NAN, &keep), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_rci(NAN, 2, 1, 0.5, &keep), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_rci(1, INFINITY, 1, 0.5, &keep), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_rci(1, 2, 1, 0.5, NULL), CAREALIGN_EINVAL);
    assert_true(keep == 42);
}

static carealign_change_options mid_options(int32_t better, double mid)
{
    carealign_change_options o = CAREALIGN_CHANGE_OPTIONS_INIT;
    o.better = better;
    o.criterion = CAREALIGN_CHANGE_BY_MID;
    o.mid = mid;
    return o;
}

static void by_minimal_important_difference(void **state)
{
    (void)state;
    /* PHQ-9, lower is better, reliable improvement = a fall of 6 or more */
    const double before[6] = {15, 15, 15, 15, 10, 27};
    const double after[6] = {9, 10, 21, 20, 4, 0};
    const int32_t want[6] = {1, 0, -1, 0, 1, 1};
    carealign_change_options o = mid_options(-1, 6);
    carealign_change_counts c;
    int32_t cls[6];
    assert_int_equal(carealign_change_classify(before, after, 6, &o, &c, cls), CAREALIGN_OK);
    for (int i = 0; i < 6; i++)
        assert_int_equal(cls[i], want[i]);
    assert_int_equal(c.n, 6);
    assert_int_equal(c.improved, 3);
    assert_int_equal(c.unchanged, 2);
    assert_int_equal(c.deteriorated, 1);
    assert_true(c.threshold == 6);
    /* GAD-7: a fall of 4 */
    o = mid_options(-1, 4);
    const double g0[3] = {12, 12, 12}, g1[3] = {8, 9, 16};
    assert_int_equal(carealign_change_classify(g0, g1, 3, &o, &c, cls), CAREALIGN_OK);
    assert_int_equal(cls[0], CAREALIGN_CHANGE_IMPROVED);
    assert_int_equal(cls[1], CAREALIGN_CHANGE_NONE);
    assert_int_equal(cls[2], CAREALIGN_CHANGE_DETERIORATED);
    /* Oxford Hip Score, higher is better, individual MIC 8 */
    o = mid_options(1, 8);
    const double h0[4] = {20, 20, 20, 20}, h1[4] = {28, 27, 12, 13};
    assert_int_equal(carealign_change_classify(h0, h1, 4, &o, &c, NULL), CAREALIGN_OK);
    assert_int_equal(c.improved, 1);
    assert_int_equal(c.unchanged, 2);
    assert_int_equal(c.deteriorated, 1);
}

static void by_reliable_change_index(void **state)
{
    (void)state;
    carealign_change_options o;
    assert_int_equal(carealign_change_options_init(&o, sizeof o), CAREALIGN_OK);
    assert_true(o.critical == 1.96);
    assert_int_equal(o.criterion, 0);
    o.better = 1;
    o.criterion = CAREALIGN_CHANGE_BY_RCI;
    o.sd = 7.5;
    o.reliability = 0.88;
    /* S_diff 3.674; 1.96 S_diff = 7.2015: a change of 7.2 is not reliable,
     * 7.21 is */
    const double before[4] = {30, 30, 30, 30};
    const double after[4] = {37.2, 37.21, 22.79, 22.8};
    carealign_change_counts c;
    int32_t cls[4];
    assert_int_equal(carealign_change_classify(before, after, 4, &o, &c, cls), CAREALIGN_OK);
    assert_int_equal(cls[0], CAREALIGN_CHANGE_NONE);
    assert_int_equal(cls[1], CAREALIGN_CHANGE_IMPROVED);
    assert_int_equal(cls[2], CAREALIGN_CHANGE_DETERIORATED);
    assert_int_equal(cls[3], CAREALIGN_CHANGE_NONE);
    assert_true(fabs(c.threshold - 1.96 * 7.5 * sqrt(0.24)) < 1e-12);
    /* reliable change is strictly beyond the critical value */
    double rci;
    assert_int_equal(carealign_change_rci(30, 37.21, 7.5, 0.88, &rci), CAREALIGN_OK);
    o.critical = rci;
    assert_int_equal(carealign_change_classify(before, after, 4, &o, &c, cls), CAREALIGN_OK);
    assert_int_equal(cls[1], CAREALIGN_CHANGE_NONE);
    o.critical = nextafter(rci, 0);
    assert_int_equal(carealign_change_classify(before, after, 4, &o, &c, cls), CAREALIGN_OK);
    assert_int_equal(cls[1], CAREALIGN_CHANGE_IMPROVED);
    /* the same change downwards: its RCI is exactly -rci (the difference is
     * negated exactly), again not beyond the critical value */
    o.critical = rci;
    assert_int_equal(carealign_change_classify(after + 1, before + 1, 1, &o, &c, cls),
                     CAREALIGN_OK);
    assert_int_equal(cls[0], CAREALIGN_CHANGE_NONE);
    o.critical = nextafter(rci, 0);
    assert_int_equal(carealign_change_classify(after + 1, before + 1, 1, &o, &c, cls),
                     CAREALIGN_OK);
    assert_int_equal(cls[0], CAREALIGN_CHANGE_DETERIORATED);
    /* lower is better flips improvement and deterioration */
    o.critical = 1.96;
    o.better = -1;
    assert_int_equal(carealign_change_classify(before, after, 4, &o, &c, cls), CAREALIGN_OK);
    assert_int_equal(cls[1], CAREALIGN_CHANGE_DETERIORATED);
    assert_int_equal(cls[2], CAREALIGN_CHANGE_IMPROVED);
}

static void bad_input(void **state)
{
    (void)state;
    const double a[2] = {1, 2}, b[2] = {3, 4};
    carealign_change_counts c;
    memset(&c, 0x5a, sizeof c);
    int32_t cls[2] = {7, 7};
    carealign_change_options ok = mid_options(1, 1);
    assert_int_equal(carealign_change_classify(a, b, 0, &ok, &c, cls), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_classify(NULL, b, 2, &ok, &c, cls), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_classify(a, NULL, 2, &ok, &c, cls), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_classify(a, b, 2, &ok, NULL, cls), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_classify(a, b, 2, NULL, &c, cls), CAREALIGN_EINVAL);
    const double nan[2] = {1, NAN};
    assert_int_equal(carealign_change_classify(a, nan, 2, &ok, &c, cls), CAREALIGN_EINVAL);
    /* only n pairs are read: the NaN just beyond is not seen */
    assert_int_equal(carealign_change_classify(a, nan, 1, &ok, &c, NULL), CAREALIGN_OK);
    assert_int_equal(c.n, 1);
    for (int k = 0; k < 10; k++) {
        carealign_change_options o = mid_options(1, 1);
        switch (k) {
        case 0: o.better = 0; break; /* must be stated */
        case 1: o.better = 2; break;
        case 2: o.criterion = 0; break; /* must be stated */
        case 3: o.criterion = 3; break;
        case 4: o.mid = 0; break;
        case 5: o.mid = NAN; break;
        case 6:
            o.criterion = CAREALIGN_CHANGE_BY_RCI; /* sd unset */
            o.reliability = 0.5;
            break;
        case 7:
            o.criterion = CAREALIGN_CHANGE_BY_RCI;
            o.sd = 1;
            o.reliability = 1;
            break;
        case 8:
            o.criterion = CAREALIGN_CHANGE_BY_RCI;
            o.sd = 1;
            o.critical = 0;
            break;
        default: o.size = sizeof o - 8; break;
        }
        assert_int_equal(carealign_change_classify(a, b, 2, &o, &c, cls), CAREALIGN_EINVAL);
    }
    assert_int_equal(cls[0], 7); /* nothing written */
    struct {
        carealign_change_options o;
        double more;
    } big;
    memset(&big, 0, sizeof big);
    big.o = mid_options(1, 1);
    big.o.size = sizeof big;
    assert_int_equal(carealign_change_classify(a, b, 2, &big.o, &c, cls), CAREALIGN_OK);
    big.more = 1;
    assert_int_equal(carealign_change_classify(a, b, 2, &big.o, &c, cls), CAREALIGN_EUNSUPPORTED);
    carealign_change_options o;
    assert_int_equal(carealign_change_options_init(&o, sizeof o - 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_change_options_init(NULL, sizeof o), CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rci),
        cmocka_unit_test(by_minimal_important_difference),
        cmocka_unit_test(by_reliable_change_index),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
