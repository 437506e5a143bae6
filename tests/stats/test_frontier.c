/* Cost-effectiveness frontier: strict and extended dominance
 * (carealign_cea_frontier, lib/stats/economics.c).
 *
 * Published examples: Frick K, "Decision rules", lecture 11, Johns Hopkins
 * Bloomberg School of Public Health OpenCourseWare 2007 (CC BY-NC-SA), and
 * Table 1 of a cost-effectiveness analysis in JNCI Cancer Spectrum
 * 2020;4(2):pkaa004 (PMC7083239). check_frontier.py compares random option
 * sets with an independent Python implementation of the textbook procedure
 * (iterative removal, Drummond et al. 2015, section 4.4). */
#include "cmocka_all.h"

#include <math.h>
#include <stdint.h>

#include "carealign/stats.h"

static size_t ws[16];

static void frick_lecture(void **state)
{
    (void)state;
    /* Table 1 of the lecture: options 1-5, cost (USD) and effect (QALYs).
     * Published Table 2 drops option 5 (strongly dominated: it costs more
     * than option 2 and gives less) and orders the rest 2, 1, 4, 3. The
     * textbook rule then gives: ICER 1 vs 2 = 100000/5 = 20000 > 4 vs 1 =
     * 75000/15 = 5000, so 1 is extendedly dominated; then 4 vs 2 =
     * 175000/20 = 8750 > 3 vs 4 = 75000/10 = 7500, so 4 is too; frontier
     * 2 -> 3 at 250000/30 = 8333.33 per QALY. */
    const int64_t cost[6] = {300000, 200000, 450000, 375000, 400000, 0};
    const double qaly[6] = {25, 20, 50, 40, 15, 0};
    carealign_cea_result r[6];
    /* a sentinel after the five results must stay untouched */
    r[5].status = CAREALIGN_CEA_EXTENDED_DOMINATED;
    r[5].comparator = 12345;
    r[5].rank = 77;
    assert_int_equal(carealign_cea_frontier(cost, qaly, 5, ws, 5, r), CAREALIGN_OK);
    assert_int_equal(r[5].comparator, 12345);
    assert_int_equal(r[5].rank, 77);
    assert_int_equal(r[5].status, CAREALIGN_CEA_EXTENDED_DOMINATED);
    assert_int_equal(r[4].status, CAREALIGN_CEA_DOMINATED);
    assert_int_equal(r[4].comparator, 1); /* option 2, the cheapest that dominates it */
    assert_true(isnan(r[4].icer));
    assert_int_equal(r[4].delta_cost, 200000);
    assert_true(r[4].delta_qalys == -5.0);
    assert_int_equal(r[0].status, CAREALIGN_CEA_EXTENDED_DOMINATED);
    assert_int_equal(r[0].comparator, 1);
    assert_true(r[0].icer == 20000.0);
    assert_int_equal(r[3].status, CAREALIGN_CEA_EXTENDED_DOMINATED);
    assert_int_equal(r[3].comparator, 1);
    assert_true(r[3].icer == 8750.0);
    assert_int_equal(r[1].status, CAREALIGN_CEA_FRONTIER);
    assert_int_equal(r[1].rank, 0);
    assert_int_equal(r[1].comparator, -1);
    assert_true(isnan(r[1].icer) && isnan(r[1].delta_qalys));
    assert_int_equal(r[1].delta_cost, 0);
    assert_int_equal(r[2].status, CAREALIGN_CEA_FRONTIER);
    assert_int_equal(r[2].rank, 1);
    assert_int_equal(r[2].comparator, 1);
    assert_int_equal(r[2].delta_cost, 250000);
    assert_true(r[2].delta_qalys == 30.0);
    assert_true(fabs(r[2].icer - 250000.0 / 30.0) <= 1e-12 * r[2].icer);
    for (int i = 0; i < 5; i++) {
        if (r[i].status != CAREALIGN_CEA_FRONTIER) {
            assert_int_equal(r[i].rank, -1);
        }
    }
}

static void jnci_table(void **state)
{
    (void)state;
    /* JNCI Cancer Spectrum 2020 pkaa004, Table 1 (costs USD to 3 dp, so in
     * units of 1/1000 USD here): strategy 2 (12 224.17, 8.583273) is
     * "absolutely dominated" by strategy 3 (12 118.17, 8.590681); strategy 3
     * against 1: incremental cost 10 422.31, effectiveness 0.019688, ICER
     * 529 365.8 as published (from unrounded inputs; the rounded inputs
     * give 529 346, 3.7e-5 away). */
    const int64_t cost[3] = {1695865, 12224170, 12118170};
    const double qaly[3] = {8.570992, 8.583273, 8.590681};
    carealign_cea_result r[3];
    assert_int_equal(carealign_cea_frontier(cost, qaly, 3, ws, 3, r), CAREALIGN_OK);
    assert_int_equal(r[0].status, CAREALIGN_CEA_FRONTIER);
    assert_int_equal(r[1].status, CAREALIGN_CEA_DOMINATED);
    assert_int_equal(r[1].comparator, 2);
    assert_int_equal(r[2].status, CAREALIGN_CEA_FRONTIER);
    assert_int_equal(r[2].comparator, 0);
    assert_true(fabs((double)r[2].delta_cost / 1000.0 - 10422.31) < 0.01);
    assert_true(fabs(r[2].delta_qalys - 0.019688) < 1.5e-6);
    assert_true(fabs(r[2].icer / 1000.0 - 529365.8) <= 1e-4 * 529365.8);
}

static void ties_and_lines(void **state)
{
    (void)state;
    carealign_cea_result r[6];
    /* one option: the frontier, no comparator */
    const int64_t c1[1] = {-50};
    const double q1[1] = {0.0};
    assert_int_equal(carealign_cea_frontier(c1, q1, 1, ws, 1, r), CAREALIGN_OK);
    assert_int_equal(r[0].status, CAREALIGN_CEA_FRONTIER);
    assert_int_equal(r[0].rank, 0);
    /* three options on one line (ICERs 100 and 100): equal ICERs keep all;
     * a duplicate of option 1 listed later is dominated by option 1; the
     * same cost with fewer QALYs is dominated; the same QALYs dearer too */
    const int64_t c[6] = {0, 100, 200, 100, 100, 250};
    const double q[6] = {0, 1, 2, 1, 0.5, 2};
    assert_int_equal(carealign_cea_frontier(c, q, 6, ws, 6, r), CAREALIGN_OK);
    assert_int_equal(r[0].status, CAREALIGN_CEA_FRONTIER);
    assert_int_equal(r[1].status, CAREALIGN_CEA_FRONTIER);
    assert_int_equal(r[2].status, CAREALIGN_CEA_FRONTIER);
    assert_true(r[1].icer == 100.0 && r[2].icer == 100.0);
    assert_int_equal(r[2].rank, 2);
    assert_int_equal(r[3].status, CAREALIGN_CEA_DOMINATED);
    assert_int_equal(r[3].comparator, 1);
    assert_int_equal(r[3].delta_cost, 0);
    assert_true(r[3].delta_qalys == 0.0);
    assert_int_equal(r[4].status, CAREALIGN_CEA_DOMINATED);
    assert_int_equal(r[4].comparator, 1); /* cheapest with >= 0.5 QALYs... */
    /* ...is option 1 (cost 100, 1 QALY): option 0 has fewer QALYs */
    assert_int_equal(r[5].status, CAREALIGN_CEA_DOMINATED);
    assert_int_equal(r[5].comparator, 2);
    assert_int_equal(r[5].delta_cost, 50);
    /* a kink just above the line is extendedly dominated; just below, kept */
    const int64_t k[3] = {0, 101, 200};
    const double kq[3] = {0, 1, 2};
    assert_int_equal(carealign_cea_frontier(k, kq, 3, ws, 3, r), CAREALIGN_OK);
    assert_int_equal(r[1].status, CAREALIGN_CEA_EXTENDED_DOMINATED);
    assert_int_equal(r[2].comparator, 0);
    assert_true(r[2].icer == 100.0);
    const int64_t k2[3] = {0, 99, 200};
    assert_int_equal(carealign_cea_frontier(k2, kq, 3, ws, 3, r), CAREALIGN_OK);
    assert_int_equal(r[1].status, CAREALIGN_CEA_FRONTIER);
    assert_true(r[2].icer == 101.0);
}

static void bad_input(void **state)
{
    (void)state;
    carealign_cea_result r[3];
    const int64_t c[3] = {0, 1, 2};
    const double q[3] = {0, 1, NAN};
    assert_int_equal(carealign_cea_frontier(c, q, 3, ws, 3, r), CAREALIGN_EINVAL);
    assert_int_equal(carealign_cea_frontier(c, q, 2, ws, 1, r), CAREALIGN_EBUFSIZE);
    assert_int_equal(carealign_cea_frontier(c, q, 2, ws, 2, r), CAREALIGN_OK);
    assert_int_equal(carealign_cea_frontier(c, q, 0, ws, 2, r), CAREALIGN_EINVAL);
    assert_int_equal(carealign_cea_frontier(NULL, q, 2, ws, 2, r), CAREALIGN_EINVAL);
    assert_int_equal(carealign_cea_frontier(c, NULL, 2, ws, 2, r), CAREALIGN_EINVAL);
    assert_int_equal(carealign_cea_frontier(c, q, 2, NULL, 2, r), CAREALIGN_EINVAL);
    assert_int_equal(carealign_cea_frontier(c, q, 2, ws, 2, NULL), CAREALIGN_EINVAL);
    const double inf[2] = {0, INFINITY};
    assert_int_equal(carealign_cea_frontier(c, inf, 2, ws, 2, r), CAREALIGN_EINVAL);
    /* cost differences beyond int64_t */
    const int64_t wide[2] = {INT64_MIN, INT64_MAX};
    const double q2[2] = {0, 1};
    assert_int_equal(carealign_cea_frontier(wide, q2, 2, ws, 2, r), CAREALIGN_ERANGE);
    const double q2r[2] = {1, 0}; /* the dear one dominated: its difference overflows too */
    assert_int_equal(carealign_cea_frontier(wide, q2r, 2, ws, 2, r), CAREALIGN_ERANGE);
    const int64_t edge[2] = {-1, INT64_MAX};
    assert_int_equal(carealign_cea_frontier(edge, q2, 2, ws, 2, r), CAREALIGN_ERANGE);
    const int64_t edge2[2] = {-2, INT64_MAX - 1};
    assert_int_equal(carealign_cea_frontier(edge2, q2, 2, ws, 2, r), CAREALIGN_ERANGE);
    const int64_t fits2[2] = {-1, INT64_MAX - 1}; /* a difference of exactly INT64_MAX */
    assert_int_equal(carealign_cea_frontier(fits2, q2, 2, ws, 2, r), CAREALIGN_OK);
    assert_int_equal(r[1].delta_cost, INT64_MAX);
    const int64_t fits[2] = {0, INT64_MAX};
    assert_int_equal(carealign_cea_frontier(fits, q2, 2, ws, 2, r), CAREALIGN_OK);
    assert_int_equal(r[1].delta_cost, INT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(frick_lecture),
        cmocka_unit_test(jnci_table),
        cmocka_unit_test(ties_and_lines),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
