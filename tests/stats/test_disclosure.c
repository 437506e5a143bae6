/* Disclosure control: NHS Digital's cell rule.
 *
 * Expected values follow the published rule: NHS Digital, "Disclosure
 * control methodology for HES and ECDS" (from September 2018): sub-national
 * counts 0 shown, 1-7 suppressed, others rounded to the nearest 5; simple
 * statistics over 1-7 values suppressed. Base-5 rounding as the OECD SDC
 * glossary states it: last digit 1-2 down to 0, 3-4 up to 5, 6-7 down to 5,
 * 8-9 up to 10. The percentage rule is DESIGN.md's ("a percentage is
 * suppressed when its numerator or its complement is 1-7"). */
#include "cmocka_all.h"

#include <math.h>
#include <string.h>

#include "carealign/stats.h"

static int64_t shown(int64_t count, const carealign_disclosure_options *o)
{
    int64_t value = 12345;
    uint32_t flags = 99;
    assert_int_equal(carealign_disclose_count(count, o, &value, &flags), CAREALIGN_OK);
    assert_int_equal(flags,
                     value == CAREALIGN_DISCLOSURE_SUPPRESSED ? CAREALIGN_EST_SUPPRESSED : 0);
    return value;
}

static void nhs_digital_counts(void **state)
{
    (void)state;
    assert_int_equal(shown(0, NULL), 0); /* 0 is shown */
    for (int64_t c = 1; c <= 7; c++)     /* 1-7 suppressed */
        assert_int_equal(shown(c, NULL), CAREALIGN_DISCLOSURE_SUPPRESSED);
    /* suppress then round: 8 and 9 are not suppressed, they round to 10 */
    assert_int_equal(shown(8, NULL), 10);
    assert_int_equal(shown(9, NULL), 10);
    assert_int_equal(shown(10, NULL), 10);
    assert_int_equal(shown(11, NULL), 10); /* last digit 1-2: down */
    assert_int_equal(shown(12, NULL), 10);
    assert_int_equal(shown(13, NULL), 15); /* 3-4: up to 5 */
    assert_int_equal(shown(14, NULL), 15);
    assert_int_equal(shown(15, NULL), 15);
    assert_int_equal(shown(16, NULL), 15); /* 6-7: down to 5 */
    assert_int_equal(shown(17, NULL), 15);
    assert_int_equal(shown(18, NULL), 20); /* 8-9: up to 10 */
    assert_int_equal(shown(19, NULL), 20);
    assert_int_equal(shown(1234567, NULL), 1234565);
    assert_int_equal(shown(1234568, NULL), 1234570);
    /* the defaults are k = 7, m = 5, by macro and by function */
    carealign_disclosure_options o;
    assert_int_equal(carealign_disclosure_options_init(&o, sizeof o), CAREALIGN_OK);
    assert_int_equal(o.suppress_max, 7);
    assert_int_equal(o.round_to, 5);
    assert_int_equal(o.size, sizeof o);
    carealign_disclosure_options m = CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    assert_memory_equal(&o, &m, sizeof o);
    assert_int_equal(shown(7, &o), CAREALIGN_DISCLOSURE_SUPPRESSED);
    assert_int_equal(shown(8, &o), 10);
    /* flags may be NULL */
    int64_t value;
    assert_int_equal(carealign_disclose_count(3, NULL, &value, NULL), CAREALIGN_OK);
    assert_int_equal(value, CAREALIGN_DISCLOSURE_SUPPRESSED);
}

static void configurable_k_and_m(void **state)
{
    (void)state;
    carealign_disclosure_options o = CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    o.suppress_max = 9; /* e.g. NES Scotland's 1-9 */
    o.round_to = 10;
    assert_int_equal(shown(9, &o), CAREALIGN_DISCLOSURE_SUPPRESSED);
    assert_int_equal(shown(10, &o), 10);
    assert_int_equal(shown(14, &o), 10);
    assert_int_equal(shown(15, &o), 20); /* a half rounds up */
    assert_int_equal(shown(25, &o), 30);
    assert_int_equal(shown(26, &o), 30);
    o.suppress_max = 0; /* no suppression: 1 and 2 round to 0 with m = 5 */
    o.round_to = 5;
    assert_int_equal(shown(1, &o), 0);
    assert_int_equal(shown(2, &o), 0);
    assert_int_equal(shown(3, &o), 5);
    o.round_to = 1; /* no rounding */
    assert_int_equal(shown(8, &o), 8);
    assert_int_equal(shown(INT64_MAX, &o), INT64_MAX);
    o.suppress_max = 7;
    o.round_to = 2;
    assert_int_equal(shown(8, &o), 8);
    assert_int_equal(shown(9, &o), 10);
    o.suppress_max = 10;
    assert_int_equal(shown(10, &o), CAREALIGN_DISCLOSURE_SUPPRESSED);
    assert_int_equal(shown(11, &o), 12);
}

static void rounding_at_the_top(void **state)
{
    (void)state;
    /* INT64_MAX = ...807: last digit 7 rounds down to ...805 with m = 5 */
    assert_int_equal(shown(INT64_MAX, NULL), INT64_MAX - 2);
    carealign_disclosure_options o = CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    o.round_to = 10; /* ...807 would round up to ...810: too large */
    int64_t value = 42;
    assert_int_equal(carealign_disclose_count(INT64_MAX, &o, &value, NULL), CAREALIGN_ERANGE);
    assert_int_equal(value, 42);
    assert_int_equal(shown(INT64_MAX - 7, &o), INT64_MAX - 7); /* ...800 */
    assert_int_equal(shown(INT64_MAX - 3, &o), INT64_MAX - 7); /* ...804 down */
    o.round_to = INT64_MAX;
    assert_int_equal(shown(INT64_MAX / 2, &o), 0);
    assert_int_equal(carealign_disclose_count(INT64_MAX / 2 + 1, &o, &value, NULL),
                     CAREALIGN_OK); /* just over half of m rounds up, to m itself */
    assert_int_equal(value, INT64_MAX);
}

static void arrays(void **state)
{
    (void)state;
    int64_t counts[8] = {0, 1, 7, 8, 12, 13, 100, 102};
    const int64_t want[8] = {0, -1, -1, 10, 10, 15, 100, 100};
    int64_t out[8];
    uint32_t flags[8];
    assert_int_equal(carealign_disclose_counts(counts, 8, NULL, out, flags), CAREALIGN_OK);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(out[i], want[i]);
        assert_int_equal(flags[i], want[i] < 0 ? CAREALIGN_EST_SUPPRESSED : 0);
    }
    /* in place, flags optional */
    assert_int_equal(carealign_disclose_counts(counts, 8, NULL, counts, NULL), CAREALIGN_OK);
    assert_memory_equal(counts, want, sizeof want);
    /* nothing is written when any count is bad */
    int64_t bad[3] = {10, 20, -1};
    int64_t untouched[3] = {7, 7, 7};
    assert_int_equal(carealign_disclose_counts(bad, 3, NULL, untouched, NULL), CAREALIGN_EINVAL);
    /* only n counts are read: the bad count just beyond is not seen */
    int64_t two[2];
    assert_int_equal(carealign_disclose_counts(bad, 2, NULL, two, NULL), CAREALIGN_OK);
    assert_int_equal(two[1], 20);
    assert_int_equal(untouched[0], 7);
    assert_int_equal(untouched[1], 7);
    carealign_disclosure_options o = CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    o.round_to = 10;
    int64_t big[2] = {10, INT64_MAX};
    assert_int_equal(carealign_disclose_counts(big, 2, &o, untouched, NULL), CAREALIGN_ERANGE);
    assert_int_equal(untouched[0], 7);
    assert_int_equal(carealign_disclose_counts(NULL, 0, NULL, NULL, NULL), CAREALIGN_OK);
    assert_int_equal(carealign_disclose_counts(NULL, 1, NULL, out, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_counts(counts, 1, NULL, NULL, NULL), CAREALIGN_EINVAL);
}

static double pct(int64_t num, int64_t den, uint32_t want_flags)
{
    double value = -1;
    uint32_t flags = 99;
    assert_int_equal(carealign_disclose_percentage(num, den, NULL, &value, &flags), CAREALIGN_OK);
    assert_int_equal(flags, want_flags);
    return value;
}

static void percentages(void **state)
{
    (void)state;
    assert_true(fabs(pct(8, 16, 0) - 50.0) < 1e-12);
    assert_true(fabs(pct(92, 100, 0) - 92.0) < 1e-12);
    assert_true(fabs(pct(9, 17, 0) - 900.0 / 17.0) < 1e-12);   /* complement 8 */
    assert_true(isnan(pct(8, 15, CAREALIGN_EST_SUPPRESSED)));  /* complement 7 */
    assert_true(isnan(pct(7, 100, CAREALIGN_EST_SUPPRESSED))); /* numerator 1-7 */
    assert_true(isnan(pct(1, 100, CAREALIGN_EST_SUPPRESSED)));
    assert_true(isnan(pct(93, 100, CAREALIGN_EST_SUPPRESSED))); /* complement 7 */
    assert_true(isnan(pct(99, 100, CAREALIGN_EST_SUPPRESSED))); /* complement 1 */
    assert_true(fabs(pct(8, 100, 0) - 8.0) < 1e-12);
    assert_true(fabs(pct(0, 100, 0) - 0.0) < 1e-12);     /* 0 is shown */
    assert_true(fabs(pct(100, 100, 0) - 100.0) < 1e-12); /* complement 0 is shown */
    assert_true(isnan(pct(5, 5, CAREALIGN_EST_SUPPRESSED)));
    assert_true(isnan(pct(0, 3, CAREALIGN_EST_SUPPRESSED))); /* complement 3 */
    assert_true(isnan(pct(0, 0, CAREALIGN_EST_TOO_FEW)));
    double v;
    assert_int_equal(carealign_disclose_percentage(5, 4, NULL, &v, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_percentage(-1, 4, NULL, &v, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_percentage(1, -4, NULL, &v, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_percentage(1, 4, NULL, NULL, NULL), CAREALIGN_EINVAL);
    carealign_disclosure_options o = CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    o.suppress_max = 2;
    uint32_t flags;
    assert_int_equal(carealign_disclose_percentage(3, 10, &o, &v, &flags), CAREALIGN_OK);
    assert_true(fabs(v - 30.0) < 1e-12);
    assert_int_equal(carealign_disclose_percentage(8, 10, &o, &v, &flags), CAREALIGN_OK);
    assert_true(isnan(v));
    assert_int_equal(flags, CAREALIGN_EST_SUPPRESSED);
}

static void means(void **state)
{
    (void)state;
    double v = 0;
    uint32_t flags = 99;
    assert_int_equal(carealign_disclose_mean(0.731, 8, NULL, &v, &flags), CAREALIGN_OK);
    assert_true(v == 0.731);
    assert_int_equal(flags, 0);
    assert_int_equal(carealign_disclose_mean(0.731, 7, NULL, &v, &flags), CAREALIGN_OK);
    assert_true(isnan(v));
    assert_int_equal(flags, CAREALIGN_EST_SUPPRESSED);
    assert_int_equal(carealign_disclose_mean(0.731, 1, NULL, &v, &flags), CAREALIGN_OK);
    assert_int_equal(flags, CAREALIGN_EST_SUPPRESSED);
    assert_int_equal(carealign_disclose_mean(NAN, 0, NULL, &v, &flags), CAREALIGN_OK);
    assert_true(isnan(v));
    assert_int_equal(flags, CAREALIGN_EST_TOO_FEW);
    assert_int_equal(carealign_disclose_mean(NAN, 8, NULL, &v, &flags), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_mean(NAN, 1, NULL, &v, &flags), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_mean(INFINITY, 8, NULL, &v, &flags), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_mean(1.0, -1, NULL, &v, &flags), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_mean(1.0, 8, NULL, NULL, &flags), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_mean(-2.5, 1000, NULL, &v, NULL), CAREALIGN_OK);
    assert_true(v == -2.5);
}

static void bad_input(void **state)
{
    (void)state;
    int64_t value = 5;
    assert_int_equal(carealign_disclose_count(-1, NULL, &value, NULL), CAREALIGN_EINVAL);
    assert_int_equal(value, 5);
    assert_int_equal(carealign_disclose_count(1, NULL, NULL, NULL), CAREALIGN_EINVAL);
    carealign_disclosure_options o = CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    o.suppress_max = -1;
    assert_int_equal(carealign_disclose_count(10, &o, &value, NULL), CAREALIGN_EINVAL);
    o.suppress_max = 7;
    o.round_to = 0;
    assert_int_equal(carealign_disclose_count(10, &o, &value, NULL), CAREALIGN_EINVAL);
    o.round_to = -5;
    assert_int_equal(carealign_disclose_count(10, &o, &value, NULL), CAREALIGN_EINVAL);
    double d;
    assert_int_equal(carealign_disclose_percentage(10, 20, &o, &d, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclose_mean(1.0, 20, &o, &d, NULL), CAREALIGN_EINVAL);
    int64_t one = 1;
    assert_int_equal(carealign_disclose_counts(&one, 1, &o, &value, NULL), CAREALIGN_EINVAL);
    o.round_to = 5;
    o.size = sizeof o - 1;
    assert_int_equal(carealign_disclose_count(10, &o, &value, NULL), CAREALIGN_EINVAL);
    struct {
        carealign_disclosure_options o;
        int64_t more;
    } big;
    memset(&big, 0, sizeof big);
    big.o = (carealign_disclosure_options)CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    big.o.size = sizeof big;
    assert_int_equal(carealign_disclose_count(10, &big.o, &value, NULL), CAREALIGN_OK);
    big.more = 1;
    assert_int_equal(carealign_disclose_count(10, &big.o, &value, NULL), CAREALIGN_EUNSUPPORTED);
    assert_int_equal(carealign_disclosure_options_init(&o, sizeof o - 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_disclosure_options_init(NULL, sizeof o), CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nhs_digital_counts),  cmocka_unit_test(configurable_k_and_m),
        cmocka_unit_test(rounding_at_the_top), cmocka_unit_test(arrays),
        cmocka_unit_test(percentages),         cmocka_unit_test(means),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
