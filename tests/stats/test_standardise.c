/* Direct and indirect standardisation (lib/stats/standardise.c). Expected
 * values: an independent NumPy/SciPy evaluation of the formulas in
 * PHEindicatormethods' R/DSR.R (Dobson et al. 1991 with Byar's limits, z from
 * scipy.stats.norm.ppf), R/ISRatio.R and R/ISRate.R (exact limits from
 * scipy.stats.chi2.ppf); the script is tests/stats/check_standardise.py,
 * whose function of the same name computed each value below. ESP 2013:
 * Eurostat 2013 as PHEindicatormethods' esp2013 (R/data.R). */
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

static const double esp_counts[19] = {1,  0,  2,  3,   5,   8,   10,  15,  20, 30,
                                      45, 60, 80, 100, 120, 150, 170, 160, 130};
static const double esp_pops[19] = {30000, 32000, 31000, 30500, 29000, 33000, 35000,
                                    36000, 34000, 33500, 32000, 30000, 28000, 25000,
                                    20000, 15000, 10000, 6000,  3000};

static void esp2013_is_eurostat(void **state)
{
    (void)state;
    /* Eurostat 2013 / PHEindicatormethods esp2013: 19 bands summing to 100 000 */
    const double want[19] = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                             7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000};
    const double *esp = carealign_esp2013();
    double sum = 0;
    for (int i = 0; i < CAREALIGN_ESP2013_BANDS; i++) {
        assert_true(esp[i] == want[i]);
        sum += esp[i];
    }
    assert_true(sum == 100000.0);
}

static void dsr_with_esp2013(void **state)
{
    (void)state;
    carealign_estimate e;
    assert_int_equal(carealign_dsr(esp_counts, esp_pops, NULL, 19, 1e5, 0.95, &e), CAREALIGN_OK);
    assert_int_equal(e.method, CAREALIGN_METHOD_DOBSON);
    assert_int_equal(e.flags, 0);
    near(e.n, 1109, 0);
    near(e.value, 276.53157097130907, 1e-13); /* check_standardise.py dsr() */
    near(e.lower, 260.31990694515395, 1e-12);
    near(e.upper, 293.48012405980853, 1e-12);
    assert_int_equal(carealign_dsr(esp_counts, esp_pops, NULL, 19, 1e5, 0.998, &e), CAREALIGN_OK);
    near(e.lower, 251.30792461098778, 1e-12);
    near(e.upper, 303.45544639543635, 1e-12);
    /* the same weights passed explicitly give the same figure */
    carealign_estimate f;
    assert_int_equal(carealign_dsr(esp_counts, esp_pops, carealign_esp2013(), 19, 1e5, 0.998, &f),
                     CAREALIGN_OK);
    assert_true(f.value == e.value && f.lower == e.lower && f.upper == e.upper);
}

static void dsr_ten_events_and_nine(void **state)
{
    (void)state;
    carealign_estimate e;
    const double x10[3] = {4, 3, 3};
    const double n3[3] = {1000, 2000, 500};
    const double w3[3] = {100, 50, 25};
    assert_int_equal(carealign_dsr(x10, n3, w3, 3, 1e3, 0.95, &e), CAREALIGN_OK);
    assert_int_equal(e.flags, 0);
    near(e.value, 3.571428571428571, 1e-14); /* check_standardise.py dsr() */
    near(e.lower, 1.4784453506760191, 1e-12);
    near(e.upper, 6.940831602499726, 1e-12);
    /* 9 events: "dsr NA for total count < 10" (R/DSR.R) */
    const double x9[3] = {4, 3, 2};
    assert_int_equal(carealign_dsr(x9, n3, w3, 3, 1e3, 0.95, &e), CAREALIGN_OK);
    assert_true(isnan(e.value) && isnan(e.lower) && isnan(e.upper));
    assert_int_equal(e.flags,
                     CAREALIGN_EST_TOO_FEW | CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA);
    near(e.n, 9, 0);
    assert_int_equal(e.method, CAREALIGN_METHOD_DOBSON);
    const double x0[3] = {0, 0, 0};
    assert_int_equal(carealign_dsr(x0, n3, w3, 3, 1e3, 0.95, &e), CAREALIGN_OK);
    assert_true(isnan(e.value));
}

static void dsr_rejects_bad_input(void **state)
{
    (void)state;
    carealign_estimate e;
    const double x[3] = {4, 3, 3};
    const double n[3] = {1000, 2000, 500};
    const double w[3] = {100, 50, 25};
    const double nzero[3] = {1000, 0, 500};
    const double xneg[3] = {4, -1, 3};
    const double xnan[3] = {4, NAN, 3};
    const double wneg[3] = {100, -50, 25};
    const double wzero[3] = {0, 0, 0};
    assert_int_equal(carealign_dsr(x, nzero, w, 3, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(xneg, n, w, 3, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(xnan, n, w, 3, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(x, n, wneg, 3, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(x, n, wzero, 3, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(x, n, NULL, 3, 1e5, .95, &e), CAREALIGN_EINVAL); /* ESP: 19 */
    assert_int_equal(carealign_dsr(x, n, w, 0, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(NULL, n, w, 3, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(x, NULL, w, 3, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(x, n, w, 3, 0, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(x, n, w, 3, 1e5, 95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_dsr(x, n, w, 3, 1e5, .95, NULL), CAREALIGN_EINVAL);
}

static void dsr_nonindependent(void **state)
{
    (void)state;
    const uint32_t band[7] = {0, 0, 0, 1, 1, 2, 2};
    const double freq[7] = {1, 2, 3, 1, 2, 1, 3};
    const double persons[7] = {20, 5, 1, 30, 4, 12, 2};
    const double pops[3] = {1000, 2000, 500};
    const double w[3] = {100, 50, 25};
    carealign_estimate e;
    assert_int_equal(
        carealign_dsr_nonindependent(band, freq, persons, 7, pops, w, 3, 1e5, 0.95, &e),
        CAREALIGN_OK);
    near(e.n, 89, 0);                        /* events 33 + 38 + 18 */
    near(e.value, 2942.857142857143, 1e-13); /* check_standardise.py nonindependent() */
    near(e.lower, 1993.749656829307, 1e-12);
    near(e.upper, 4054.175082560286, 1e-12);
    /* PHE's example: with every frequency 1 the figure and interval equal the
     * independent DSR's (calculate_dsr documentation) */
    const uint32_t band3[3] = {0, 1, 2};
    const double ones[7] = {1, 1, 1, 1, 1, 1, 1};
    const double counts[3] = {26, 34, 14};
    carealign_estimate a, b;
    assert_int_equal(
        carealign_dsr_nonindependent(band3, ones, counts, 3, pops, w, 3, 1e5, 0.95, &a),
        CAREALIGN_OK);
    assert_int_equal(carealign_dsr(counts, pops, w, 3, 1e5, 0.95, &b), CAREALIGN_OK);
    near(a.value, b.value, 1e-15);
    near(a.lower, b.lower, 1e-13);
    near(a.upper, b.upper, 1e-13);
    /* errors */
    const uint32_t badband[7] = {0, 0, 0, 1, 1, 2, 3};
    assert_int_equal(
        carealign_dsr_nonindependent(badband, freq, persons, 7, pops, w, 3, 1e5, 0.95, &e),
        CAREALIGN_EINVAL);
    assert_int_equal(
        carealign_dsr_nonindependent(band, freq, persons, 0, pops, w, 3, 1e5, 0.95, &e),
        CAREALIGN_EINVAL);
    const double negf[7] = {1, 2, -3, 1, 2, 1, 3};
    assert_int_equal(
        carealign_dsr_nonindependent(band, negf, persons, 7, pops, w, 3, 1e5, 0.95, &e),
        CAREALIGN_EINVAL);
    /* fewer than 10 events */
    const double few[7] = {1, 1, 1, 1, 1, 1, 0};
    assert_int_equal(carealign_dsr_nonindependent(band, ones, few, 7, pops, w, 3, 1e5, 0.95, &e),
                     CAREALIGN_OK);
    assert_true(isnan(e.value));
    assert_true(e.flags & CAREALIGN_EST_TOO_FEW);
}

static void indirect_standardisation(void **state)
{
    (void)state;
    const double xr[3] = {100, 400, 900};
    const double nr[3] = {100000, 80000, 50000};
    const double nl[3] = {2000, 1500, 0}; /* a zero local population is allowed */
    double expected;
    assert_int_equal(carealign_expected_events(xr, nr, nl, 3, &expected), CAREALIGN_OK);
    near(expected, 9.5, 1e-15);
    carealign_estimate e;
    /* 0 observed: exact, lower 0; upper chi2.ppf(.975, 2)/2/9.5 */
    assert_int_equal(carealign_isratio(0, 9.5, 1, 0.95, &e), CAREALIGN_OK);
    assert_int_equal(e.method, CAREALIGN_METHOD_EXACT);
    assert_true(e.value == 0.0 && e.lower == 0.0);
    near(e.upper, 0.38830310043304583, 1e-12);
    near(e.n, 9.5, 0);
    /* 9 observed: exact; 10: Byar's */
    assert_int_equal(carealign_isratio(9, 9.5, 1, 0.95, &e), CAREALIGN_OK);
    assert_int_equal(e.method, CAREALIGN_METHOD_EXACT);
    near(e.value, 0.9473684210526315, 1e-15);
    near(e.lower, 0.43319716814508774, 1e-12);
    near(e.upper, 1.7984003633072807, 1e-12);
    assert_int_equal(carealign_isratio(9, 9.5, 100, 0.998, &e), CAREALIGN_OK);
    near(e.lower, 25.814993730145, 1e-12);
    near(e.upper, 238.49866641118874, 1e-12);
    assert_int_equal(carealign_isratio(10, 9.5, 1, 0.95, &e), CAREALIGN_OK);
    assert_int_equal(e.method, CAREALIGN_METHOD_BYAR);
    near(e.lower, 0.5039420962071118, 1e-12);
    near(e.upper, 1.9359430111322602, 1e-12);
    assert_int_equal(carealign_isratio(10, 9.5, 100, 0.998, &e), CAREALIGN_OK);
    near(e.lower, 30.698088154691433, 1e-12);
    near(e.upper, 254.67078871453208, 1e-12);
    assert_int_equal(carealign_isratio(25, 9.5, 1, 0.95, &e), CAREALIGN_OK);
    near(e.lower, 1.7025543075428633, 1e-12);
    near(e.upper, 3.884889546545827, 1e-12);
    /* ISRate: reference rate 1400 / 230000 per 100 000 */
    assert_int_equal(carealign_israte(25, 9.5, 1400, 230000, 1e5, 0.95, &e), CAREALIGN_OK);
    near(e.value, 1601.8306636155608, 1e-13);
    near(e.lower, 1036.337404591308, 1e-12);
    near(e.upper, 2364.7153761583295, 1e-12);
}

static void indirect_rejects_bad_input(void **state)
{
    (void)state;
    carealign_estimate e;
    double expected;
    const double xr[2] = {1, 2};
    const double nr[2] = {10, 0};
    const double nl[2] = {5, 5};
    assert_int_equal(carealign_expected_events(xr, nr, nl, 2, &expected), CAREALIGN_EINVAL);
    assert_int_equal(carealign_expected_events(xr, nl, nl, 0, &expected), CAREALIGN_EINVAL);
    assert_int_equal(carealign_expected_events(xr, nl, nl, 2, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_isratio(-1, 9.5, 1, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_isratio(1, 0, 1, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_isratio(1, 9.5, 0, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_isratio(1, 9.5, 1, 1.0, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_isratio(1, NAN, 1, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_israte(1, 9.5, 1, 0, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_israte(1, 9.5, -1, 10, 1e5, .95, &e), CAREALIGN_EINVAL);
    assert_int_equal(carealign_israte(1, 9.5, 1, 10, 1e5, .95, NULL), CAREALIGN_EINVAL);
}

/* Boundaries PHE accepts: a zero standard-population weight, a zero
 * reference count, a frequency of 0; and the errors next to them. */
static void boundaries(void **state)
{
    (void)state;
    carealign_estimate e, f;
    const double x[3] = {4, 3, 3};
    const double n[3] = {1000, 2000, 500};
    const double w0[3] = {100, 0, 25};
    assert_int_equal(carealign_dsr(x, n, w0, 3, 1e3, 0.95, &e), CAREALIGN_OK);
    /* the zero-weight band adds its events to O but nothing to the value */
    near(e.n, 10, 0);
    near(e.value, 4.4, 1e-14); /* (4*100/1000 + 0 + 3*25/500) / 125 * 1000 */
    const double xr[3] = {0, 400, 900};
    const double nr[3] = {100000, 80000, 50000};
    const double nl[3] = {2000, 1500, 0};
    double expected;
    assert_int_equal(carealign_expected_events(xr, nr, nl, 3, &expected), CAREALIGN_OK);
    near(expected, 7.5, 1e-15);
    /* frequency-0 rows count nobody's events */
    const uint32_t band[4] = {0, 1, 2, 0};
    const double freq[4] = {1, 1, 1, 0};
    const double persons[4] = {4, 3, 3, 50};
    const double w[3] = {100, 50, 25};
    assert_int_equal(carealign_dsr_nonindependent(band, freq, persons, 4, n, w, 3, 1e3, 0.95, &e),
                     CAREALIGN_OK);
    assert_int_equal(carealign_dsr(x, n, w, 3, 1e3, 0.95, &f), CAREALIGN_OK);
    near(e.value, f.value, 1e-15);
    near(e.n, 10, 0);
    /* a frequency whose rows all sit in zero-weight bands adds no variance */
    const double wz[3] = {100, 0, 25};
    const uint32_t band2[4] = {0, 1, 2, 1};
    const double freq2[4] = {1, 1, 1, 2};
    const double persons2[4] = {4, 3, 3, 1};
    assert_int_equal(
        carealign_dsr_nonindependent(band2, freq2, persons2, 4, n, wz, 3, 1e3, 0.95, &e),
        CAREALIGN_OK);
    assert_false(isnan(e.lower) || isnan(e.upper));
    /* when every band present has zero weight there is no DSR */
    const double wall0[3] = {0, 0, 25};
    const uint32_t band3[2] = {0, 1};
    const double freq3[2] = {1, 1};
    const double persons3[2] = {10, 10};
    assert_int_equal(
        carealign_dsr_nonindependent(band3, freq3, persons3, 2, n, wall0, 3, 1e3, 0.95, &e),
        CAREALIGN_EINVAL);
    /* ISRate with no reference events is 0; a zero multiplier is refused */
    assert_int_equal(carealign_israte(5, 9.5, 0, 230000, 1e5, 0.95, &e), CAREALIGN_OK);
    assert_true(e.value == 0.0);
    assert_int_equal(carealign_israte(5, 9.5, 1400, 230000, 0, 0.95, &e), CAREALIGN_EINVAL);
    /* errors with no estimate to clear */
    assert_int_equal(carealign_isratio(1, 9.5, 0, 0.95, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_israte(1, 9.5, -1, 10, 1e5, 0.95, NULL), CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(esp2013_is_eurostat),        cmocka_unit_test(dsr_with_esp2013),
        cmocka_unit_test(dsr_ten_events_and_nine),    cmocka_unit_test(dsr_rejects_bad_input),
        cmocka_unit_test(dsr_nonindependent),         cmocka_unit_test(indirect_standardisation),
        cmocka_unit_test(indirect_rejects_bad_input), cmocka_unit_test(boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
