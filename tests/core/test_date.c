/* Dates. Expected day numbers come from Python's datetime (an independent
 * proleptic Gregorian implementation):
 *   (date.fromisoformat(s) - date(1970, 1, 1)).days */
#include "cmocka_all.h"

#include <string.h>

#include "carealign/common.h"

static int32_t parse(const char *text)
{
    int32_t days = 123456789;
    assert_int_equal(carealign_date_parse(text, strlen(text), &days), CAREALIGN_OK);
    return days;
}

static void known_days(void **state)
{
    (void)state;
    assert_int_equal(parse("1970-01-01"), 0);
    assert_int_equal(parse("1969-12-31"), -1);
    assert_int_equal(parse("2000-01-01"), 10957);
    assert_int_equal(parse("2000-02-29"), 11016);
    assert_int_equal(parse("1900-03-01"), -25508);
    assert_int_equal(parse("2026-11-22"), 20779);
    assert_int_equal(parse("0001-01-01"), CAREALIGN_DATE_MIN);
    assert_int_equal(parse("9999-12-31"), CAREALIGN_DATE_MAX);
    assert_int_equal(CAREALIGN_DATE_MIN, -719162);
    assert_int_equal(CAREALIGN_DATE_MAX, 2932896);
}

static void impossible_dates_are_refused(void **state)
{
    (void)state;
    const char *bad[] = {"2026-02-30",  "2026-13-01",  "2026-00-10",       "2026-04-31",
                         "1900-02-29",  "2026-11-22x", "2026-11-2",        "2026/11/22",
                         " 2026-11-22", "0000-01-01",  "2026-11-22T00:00", "",
                         "+2026-11-22", "2026-1-22"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t days = 42;
        assert_int_equal(carealign_date_parse(bad[i], strlen(bad[i]), &days), CAREALIGN_EPARSE);
        assert_int_equal(days, 42);
        assert_int_equal(carealign_last_error_code(), CAREALIGN_EPARSE);
    }
    int32_t days;
    assert_int_equal(carealign_date_parse("2026-11-22x", 11, &days), CAREALIGN_EPARSE);
    assert_int_equal(carealign_last_error_column(), 11);
    assert_int_equal(carealign_date_parse("2000-02-29", 10, NULL), CAREALIGN_EINVAL);
    /* the length is honoured: a NUL inside the given length is a bad character */
    assert_int_equal(carealign_date_parse("2026-11-2\0", 10, &days), CAREALIGN_EPARSE);
    /* a longer buffer parsed only as far as len */
    assert_int_equal(carealign_date_parse("2026-11-22junk", 10, &days), CAREALIGN_OK);
    assert_int_equal(days, 20779);
}

static void every_day_round_trips(void **state)
{
    (void)state;
    /* Walk the whole range: formatting then parsing gives the same day, and
     * consecutive days advance the calendar by exactly one day. */
    int32_t py = 0, pm = 12, pd = 31;
    for (int32_t d = CAREALIGN_DATE_MIN; d <= CAREALIGN_DATE_MAX; d++) {
        char buf[CAREALIGN_DATE_BUFSIZE];
        size_t len = 0;
        int32_t y, m, dd, back;
        assert_int_equal(carealign_date_format(d, buf, sizeof buf, &len), CAREALIGN_OK);
        assert_int_equal(len, 10);
        assert_int_equal(carealign_date_parse(buf, len, &back), CAREALIGN_OK);
        if (back != d)
            fail_msg("day %d formatted as %s parsed as %d", d, buf, back);
        assert_int_equal(carealign_date_to_ymd(d, &y, &m, &dd), CAREALIGN_OK);
        int next_day = (y == py && m == pm && dd == pd + 1);
        int next_month = (y == py && m == pm + 1 && dd == 1);
        int next_year = (y == py + 1 && m == 1 && dd == 1 && pm == 12 && pd == 31);
        if (!(next_day || next_month || next_year))
            fail_msg("day %d: %d-%d-%d does not follow %d-%d-%d", d, y, m, dd, py, pm, pd);
        py = y;
        pm = m;
        pd = dd;
    }
}

static void format_checks_range_and_buffer(void **state)
{
    (void)state;
    char buf[CAREALIGN_DATE_BUFSIZE];
    assert_int_equal(carealign_date_format(CAREALIGN_DATE_MIN - 1, buf, sizeof buf, NULL),
                     CAREALIGN_ERANGE);
    assert_int_equal(carealign_date_format(CAREALIGN_DATE_MAX + 1, buf, sizeof buf, NULL),
                     CAREALIGN_ERANGE);
    assert_int_equal(carealign_date_format(0, buf, 10, NULL), CAREALIGN_EBUFSIZE);
    assert_int_equal(carealign_date_format(0, NULL, 11, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_date_format(20779, buf, sizeof buf, NULL), CAREALIGN_OK);
    assert_string_equal(buf, "2026-11-22");
}

static void from_ymd_validates(void **state)
{
    (void)state;
    int32_t d;
    assert_int_equal(carealign_date_from_ymd(2024, 2, 29, &d), CAREALIGN_OK);
    assert_int_equal(d, 19782); /* Python: date(2024,2,29) - date(1970,1,1) */
    assert_int_equal(carealign_date_from_ymd(2023, 2, 29, &d), CAREALIGN_ERANGE);
    assert_int_equal(carealign_date_from_ymd(0, 1, 1, &d), CAREALIGN_ERANGE);
    assert_int_equal(carealign_date_from_ymd(10000, 1, 1, &d), CAREALIGN_ERANGE);
    assert_int_equal(carealign_date_from_ymd(2026, 12, 32, &d), CAREALIGN_ERANGE);
    assert_int_equal(carealign_date_from_ymd(2026, 12, 1, NULL), CAREALIGN_EINVAL);
    int32_t y, m, dd;
    assert_int_equal(carealign_date_to_ymd(CAREALIGN_DATE_MAX + 1, &y, &m, &dd), CAREALIGN_ERANGE);
    assert_int_equal(carealign_date_to_ymd(0, NULL, &m, &dd), CAREALIGN_EINVAL);
}

static int32_t ymd(int32_t y, int32_t m, int32_t d)
{
    int32_t days;
    assert_int_equal(carealign_date_from_ymd(y, m, d, &days), CAREALIGN_OK);
    return days;
}

static void age_in_whole_years(void **state)
{
    (void)state;
    int32_t age;
    assert_int_equal(carealign_age_years(ymd(1950, 6, 15), ymd(2026, 6, 14), &age), CAREALIGN_OK);
    assert_int_equal(age, 75);
    assert_int_equal(carealign_age_years(ymd(1950, 6, 15), ymd(2026, 6, 15), &age), CAREALIGN_OK);
    assert_int_equal(age, 76);
    /* born 29 February: a year older on 1 March in a common year */
    assert_int_equal(carealign_age_years(ymd(2000, 2, 29), ymd(2001, 2, 28), &age), CAREALIGN_OK);
    assert_int_equal(age, 0);
    assert_int_equal(carealign_age_years(ymd(2000, 2, 29), ymd(2001, 3, 1), &age), CAREALIGN_OK);
    assert_int_equal(age, 1);
    assert_int_equal(carealign_age_years(ymd(2000, 2, 29), ymd(2004, 2, 29), &age), CAREALIGN_OK);
    assert_int_equal(age, 4);
    assert_int_equal(carealign_age_years(ymd(2000, 1, 1), ymd(2000, 1, 1), &age), CAREALIGN_OK);
    assert_int_equal(age, 0);
    assert_int_equal(carealign_age_years(ymd(2000, 1, 2), ymd(2000, 1, 1), &age), CAREALIGN_ERANGE);
    assert_int_equal(carealign_age_years(0, 1, NULL), CAREALIGN_EINVAL);
}

static void financial_years(void **state)
{
    (void)state;
    int32_t fy;
    assert_int_equal(carealign_financial_year(ymd(2027, 3, 31), 4, &fy), CAREALIGN_OK);
    assert_int_equal(fy, 2026);
    assert_int_equal(carealign_financial_year(ymd(2026, 4, 1), 4, &fy), CAREALIGN_OK);
    assert_int_equal(fy, 2026);
    assert_int_equal(carealign_financial_year(ymd(2026, 3, 31), 4, &fy), CAREALIGN_OK);
    assert_int_equal(fy, 2025);
    assert_int_equal(carealign_financial_year(ymd(2026, 1, 1), 1, &fy), CAREALIGN_OK);
    assert_int_equal(fy, 2026);
    assert_int_equal(carealign_financial_year(0, 13, &fy), CAREALIGN_ERANGE);
    assert_int_equal(carealign_financial_year(0, 0, &fy), CAREALIGN_ERANGE);
    assert_int_equal(carealign_financial_year(0, 4, NULL), CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_days),
        cmocka_unit_test(impossible_dates_are_refused),
        cmocka_unit_test(every_day_round_trips),
        cmocka_unit_test(format_checks_range_and_buffer),
        cmocka_unit_test(from_ymd_validates),
        cmocka_unit_test(age_in_whole_years),
        cmocka_unit_test(financial_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
