/* Health economics: QALYs, ICERs and net monetary benefit.
 *
 * Expected values are worked by hand from the definitions (shown beside
 * each case): the trapezoid rule, discount factors (1 + r)^-k, and the
 * closed forms of the continuous integrals, e.g. for a constant utility u
 * over [0, T]: u (1 - (1 + r)^-T) / ln(1 + r). check_economics.py compares
 * random curves with scipy.integrate.quad. */
#include "cmocka_all.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "carealign/stats.h"

static void near_rel(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fmax(1.0, fabs(want))))
        fail_msg("got %.17g, want %.17g", got, want);
}

static double qaly(const double *t, const double *u, size_t n, double r, int32_t timing)
{
    double q = -999;
    assert_int_equal(carealign_qaly(t, u, n, r, timing, &q), CAREALIGN_OK);
    return q;
}

static void undiscounted_trapezoid(void **state)
{
    (void)state;
    /* 0.7 for two years: 1.4 */
    const double t[2] = {0, 2}, u[2] = {0.7, 0.7};
    near_rel(qaly(t, u, 2, 0, CAREALIGN_QALY_DISCOUNT_ANNUAL), 1.4, 1e-15);
    near_rel(qaly(t, u, 2, 0, CAREALIGN_QALY_DISCOUNT_CONTINUOUS), 1.4, 1e-15);
    /* 0.6, 0.8, 0.7 at 0, 0.5, 1.5: 0.5 x 0.7 + 1 x 0.75 = 1.1 */
    const double t3[3] = {0, 0.5, 1.5}, u3[3] = {0.6, 0.8, 0.7};
    near_rel(qaly(t3, u3, 3, 0, CAREALIGN_QALY_DISCOUNT_ANNUAL), 1.1, 1e-15);
    near_rel(qaly(t3, u3, 3, 0, CAREALIGN_QALY_DISCOUNT_CONTINUOUS), 1.1, 1e-15);
    /* states worse than death count: -0.2 to 0.2 over a year is 0 */
    const double un[2] = {-0.2, 0.2}, t1[2] = {0, 1};
    near_rel(qaly(t1, un, 2, 0, CAREALIGN_QALY_DISCOUNT_ANNUAL), 0.0, 1e-15);
    /* two observations at the same time: a step, no area between them */
    const double ts[4] = {0, 1, 1, 2}, us[4] = {1, 1, 0, 0};
    near_rel(qaly(ts, us, 4, 0, CAREALIGN_QALY_DISCOUNT_ANNUAL), 1.0, 1e-15);
    near_rel(qaly(ts, us, 4, 0.035, CAREALIGN_QALY_DISCOUNT_ANNUAL), 1.0, 1e-15);
    /* the curve need not start at baseline: 1 from year 2 to 3, at 3.5%,
     * annual: 1 / 1.035^2 */
    const double tl[2] = {2, 3}, ul[2] = {1, 1};
    near_rel(qaly(tl, ul, 2, 0.035, CAREALIGN_QALY_DISCOUNT_ANNUAL), 1.0 / (1.035 * 1.035), 1e-15);
}

static void discounted(void **state)
{
    (void)state;
    /* 0.7 for two years at 3.5% (NICE reference case rate):
     * annual: 0.7 + 0.7 / 1.035 = 1.376328502415459;
     * continuous: 0.7 (1 - 1.035^-2) / ln 1.035 = 1.3529238227805396 (mpmath) */
    const double t[2] = {0, 2}, u[2] = {0.7, 0.7};
    near_rel(qaly(t, u, 2, 0.035, CAREALIGN_QALY_DISCOUNT_ANNUAL), 1.376328502415459, 1e-15);
    near_rel(qaly(t, u, 2, 0.035, CAREALIGN_QALY_DISCOUNT_CONTINUOUS), 1.3529238227805396, 1e-15);
    /* 0 rising to 1 over a year, continuous at 3.5%:
     * (1 - (1 + l) e^-l) / l^2 with l = ln 1.035 = 0.48867944261173723 (mpmath,
     * 40 digits: in double the closed form loses 12 bits to cancellation) */
    const double t1[2] = {0, 1}, u1[2] = {0, 1};
    near_rel(qaly(t1, u1, 2, 0.035, CAREALIGN_QALY_DISCOUNT_CONTINUOUS), 0.48867944261173723,
             1e-15);
    /* annual with a segment across a year end: 0.6, 0.8, 0.7 at 0, 0.5, 1.5;
     * u(1) = 0.75: 0.35 + 0.5 x 0.775 + 0.5 x 0.725 / 1.035 = 1.0877415458937199 */
    const double t3[3] = {0, 0.5, 1.5}, u3[3] = {0.6, 0.8, 0.7};
    near_rel(qaly(t3, u3, 3, 0.035, CAREALIGN_QALY_DISCOUNT_ANNUAL), 1.0877415458937199, 1e-15);
    /* a segment ending exactly on a year boundary belongs wholly to its year */
    const double t4[3] = {0, 1, 2}, u4[3] = {1, 1, 1};
    near_rel(qaly(t4, u4, 3, 0.05, CAREALIGN_QALY_DISCOUNT_ANNUAL), 1.0 + 1.0 / 1.05, 1e-15);
    /* tiny segments: the continuous form stays accurate where it cancels */
    const double t5[2] = {10, 10 + 1e-9}, u5[2] = {0.5, 0.9};
    double tiny = qaly(t5, u5, 2, 0.035, CAREALIGN_QALY_DISCOUNT_CONTINUOUS);
    assert_true(fabs(tiny / ((t5[1] - t5[0]) * 0.7 * pow(1.035, -10.0)) - 1) < 1e-9);
}

static void qaly_bad_input(void **state)
{
    (void)state;
    const double t[3] = {0, 1, 2}, u[3] = {1, 1, 1};
    double q = 42;
    assert_int_equal(carealign_qaly(t, u, 1, 0, 1, &q), CAREALIGN_EINVAL);
    assert_int_equal(carealign_qaly(t, u, 0, 0, 1, &q), CAREALIGN_EINVAL);
    assert_int_equal(carealign_qaly(NULL, u, 3, 0, 1, &q), CAREALIGN_EINVAL);
    assert_int_equal(carealign_qaly(t, NULL, 3, 0, 1, &q), CAREALIGN_EINVAL);
    assert_int_equal(carealign_qaly(t, u, 3, 0, 1, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_qaly(t, u, 3, -0.01, 1, &q), CAREALIGN_EINVAL);
    assert_int_equal(carealign_qaly(t, u, 3, 1.0, 1, &q), CAREALIGN_EINVAL);
    assert_int_equal(carealign_qaly(t, u, 3, NAN, 1, &q), CAREALIGN_EINVAL);
    assert_int_equal(carealign_qaly(t, u, 3, 0, 0, &q), CAREALIGN_EINVAL);
    assert_int_equal(carealign_qaly(t, u, 3, 0, 3, &q), CAREALIGN_EINVAL);
    const double back[3] = {0, 2, 1};
    assert_int_equal(carealign_qaly(back, u, 3, 0, 1, &q), CAREALIGN_EINVAL);
    const double neg[3] = {-1, 0, 1};
    assert_int_equal(carealign_qaly(neg, u, 3, 0, 1, &q), CAREALIGN_EINVAL);
    const double far[3] = {0, 1, 1000.5};
    assert_int_equal(carealign_qaly(far, u, 3, 0, 1, &q), CAREALIGN_EINVAL);
    const double tn[3] = {0, NAN, 2};
    assert_int_equal(carealign_qaly(tn, u, 3, 0, 1, &q), CAREALIGN_EINVAL);
    const double un[3] = {1, INFINITY, 1};
    assert_int_equal(carealign_qaly(t, un, 3, 0, 1, &q), CAREALIGN_EINVAL);
    assert_true(q == 42); /* untouched */
    const double edge[2] = {999, 1000};
    assert_int_equal(carealign_qaly(edge, u, 2, 0.035, 1, &q), CAREALIGN_OK);
    near_rel(q, pow(1.035, -999.0), 1e-12);
}

static carealign_icer_result icer(int64_t c1, double q1, int64_t c0, double q0)
{
    carealign_icer_result r;
    memset(&r, 0x5a, sizeof r);
    assert_int_equal(carealign_icer(c1, q1, c0, q0, &r), CAREALIGN_OK);
    assert_int_equal(r.reserved, 0);
    return r;
}

static void icers(void **state)
{
    (void)state;
    /* GBP 12,000 vs GBP 2,000 for 1.5 vs 1.0 QALYs: GBP 20,000 per QALY */
    carealign_icer_result r = icer(1200000, 1.5, 200000, 1.0);
    assert_int_equal(r.quadrant, CAREALIGN_ICER_NORTH_EAST);
    assert_int_equal(r.delta_cost, 1000000);
    near_rel(r.delta_qalys, 0.5, 0);
    near_rel(r.ratio, 2000000.0, 1e-15);
    /* one penny dearer: still north-east (a ratio of 1 penny per QALY) */
    r = icer(1, 1.0, 0, 0.0);
    assert_int_equal(r.quadrant, CAREALIGN_ICER_NORTH_EAST);
    near_rel(r.ratio, 1.0, 0);
    /* the same QALYs, one penny dearer: dominated */
    r = icer(1, 0.5, 0, 0.5);
    assert_int_equal(r.quadrant, CAREALIGN_ICER_DOMINATED);
    /* a cost difference of exactly INT64_MAX fits */
    r = icer(INT64_MAX - 1, 1.0, -1, 0.0);
    assert_true(r.delta_cost == INT64_MAX);
    /* cheaper and better: dominant, no ratio */
    r = icer(100000, 1.5, 200000, 1.0);
    assert_int_equal(r.quadrant, CAREALIGN_ICER_DOMINANT);
    assert_true(isnan(r.ratio));
    assert_int_equal(r.delta_cost, -100000);
    /* better at the same cost: dominant */
    assert_int_equal(icer(200000, 1.5, 200000, 1.0).quadrant, CAREALIGN_ICER_DOMINANT);
    /* dearer and worse, or worse at the same cost: dominated */
    r = icer(300000, 0.5, 200000, 1.0);
    assert_int_equal(r.quadrant, CAREALIGN_ICER_DOMINATED);
    assert_true(isnan(r.ratio));
    assert_int_equal(icer(200000, 0.5, 200000, 1.0).quadrant, CAREALIGN_ICER_DOMINATED);
    /* cheaper and worse: south-west, saving GBP 1,000 per 0.1 QALY forgone
     * = 1,000,000 pence per QALY */
    r = icer(100000, 0.9, 200000, 1.0);
    assert_int_equal(r.quadrant, CAREALIGN_ICER_SOUTH_WEST);
    near_rel(r.ratio, 1000000.0, 1e-12);
    /* equal effect: cheaper dominates, dearer is dominated, same is equal */
    assert_int_equal(icer(100000, 1.0, 200000, 1.0).quadrant, CAREALIGN_ICER_DOMINANT);
    assert_int_equal(icer(300000, 1.0, 200000, 1.0).quadrant, CAREALIGN_ICER_DOMINATED);
    r = icer(200000, 1.0, 200000, 1.0);
    assert_int_equal(r.quadrant, CAREALIGN_ICER_EQUAL);
    assert_true(isnan(r.ratio));

    carealign_icer_result out;
    assert_int_equal(carealign_icer(INT64_MAX, 1, -1, 0, &out), CAREALIGN_ERANGE);
    assert_int_equal(carealign_icer(INT64_MIN, 1, 1, 0, &out), CAREALIGN_ERANGE);
    assert_int_equal(carealign_icer(INT64_MAX, 1, 0, 0, &out), CAREALIGN_OK);
    assert_int_equal(carealign_icer(-1, 1, INT64_MAX, 0, &out), CAREALIGN_OK);
    assert_int_equal(out.delta_cost, INT64_MIN);
    assert_int_equal(carealign_icer(0, NAN, 0, 0, &out), CAREALIGN_EINVAL);
    assert_int_equal(carealign_icer(0, 0, 0, INFINITY, &out), CAREALIGN_EINVAL);
    assert_int_equal(carealign_icer(0, DBL_MAX, 0, -DBL_MAX, &out), CAREALIGN_ERANGE);
    assert_int_equal(carealign_icer(0, 0, 0, 0, NULL), CAREALIGN_EINVAL);
}

static int64_t nmb(double q, int64_t cost, int64_t threshold)
{
    int64_t out = 12345;
    assert_int_equal(carealign_net_monetary_benefit(q, cost, threshold, &out), CAREALIGN_OK);
    return out;
}

static void net_monetary_benefit(void **state)
{
    (void)state;
    /* 0.5 QALY at GBP 20,000 a QALY, costing GBP 3,000: GBP 7,000 */
    assert_int_equal(nmb(0.5, 300000, 2000000), 700000);
    /* incremental: 0.25 QALY for GBP 6,000 at GBP 20,000: -GBP 1,000 */
    assert_int_equal(nmb(0.25, 600000, 2000000), -100000);
    /* halves of a penny round away from zero */
    assert_int_equal(nmb(0.5, 0, 3), 2);
    assert_int_equal(nmb(-0.5, 0, 3), -2);
    assert_int_equal(nmb(0.5, 1, 3), 1);       /* 0.5 -> 1 */
    assert_int_equal(nmb(0.49, 0, 3), 1);      /* 1.47 -> 1 */
    assert_int_equal(nmb(1.0 / 3.0, 0, 3), 1); /* 0.999... -> 1 */
    assert_int_equal(nmb(0, -5, 0), 5);        /* no threshold: minus the cost */
    /* -1 x 2^62 - 2^62 = -2^63 = INT64_MIN exactly: representable */
    assert_true(nmb(-1.0, 4611686018427387904LL, 4611686018427387904LL) == INT64_MIN);
    /* 1.234 QALYs at GBP 30,000 (3,000,000 pence): 3,702,000 pence */
    assert_int_equal(nmb(1.234, 0, 3000000), 3702000);
    int64_t out;
    assert_int_equal(carealign_net_monetary_benefit(1e10, 0, 1000000000, &out), CAREALIGN_ERANGE);
    assert_int_equal(carealign_net_monetary_benefit(-1e10, 0, 1000000000, &out), CAREALIGN_ERANGE);
    assert_int_equal(carealign_net_monetary_benefit(0, INT64_MIN, 0, &out), CAREALIGN_ERANGE);
    assert_int_equal(carealign_net_monetary_benefit(0, -INT64_MAX, 0, &out), CAREALIGN_OK);
    assert_int_equal(out, INT64_MAX);
    assert_int_equal(carealign_net_monetary_benefit(0, INT64_MAX, 0, &out), CAREALIGN_OK);
    assert_int_equal(out, -INT64_MAX);
    assert_int_equal(carealign_net_monetary_benefit(NAN, 0, 1, &out), CAREALIGN_EINVAL);
    assert_int_equal(carealign_net_monetary_benefit(1, 0, -1, &out), CAREALIGN_EINVAL);
    assert_int_equal(carealign_net_monetary_benefit(1, 0, 1, NULL), CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(undiscounted_trapezoid), cmocka_unit_test(discounted),
        cmocka_unit_test(qaly_bad_input),         cmocka_unit_test(icers),
        cmocka_unit_test(net_monetary_benefit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
