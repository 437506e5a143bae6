/* Proleptic Gregorian days since 1970-01-01 to and from a year, month and
 * day, without checks: date.c's conversions (and their public functions'
 * checks) and the layers' hot paths that know their dates are valid.
 * Never installed.
 *
 * The era arithmetic described by Howard Hinnant in "chrono-Compatible
 * Low-Level Date Algorithms" (public domain): a 400-year era has 146097
 * days and, counted from 1 March, month lengths follow (153 * m + 2) / 5.
 * Written here from that description. */
#ifndef CAREALIGN_CORE_CIVIL_H
#define CAREALIGN_CORE_CIVIL_H

#include <stdint.h>

/* The day of year-month-day, a date that exists in years 1..9999 (where
 * the shifted year is never negative). */
static inline int32_t carealign__days_from_civil(int32_t year, int32_t month, int32_t day)
{
    int32_t y = month <= 2 ? year - 1 : year;
    int32_t era = y / 400;
    int32_t year_of_era = y - era * 400;
    int32_t month_from_march = month > 2 ? month - 3 : month + 9;
    int32_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    int32_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

/* The year, month and day of a day in CAREALIGN_DATE_MIN ..
 * CAREALIGN_DATE_MAX. */
static inline void carealign__civil_from_days(int32_t days, int32_t *year, int32_t *month,
                                              int32_t *day)
{
    int32_t z = days + 719468; /* days since 0000-03-01; positive in range */
    int32_t era = z / 146097;
    int32_t day_of_era = z - era * 146097;
    int32_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int32_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int32_t month_from_march = (5 * day_of_year + 2) / 153;
    *day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    *month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
    *year = year_of_era + era * 400 + (*month <= 2);
}

#endif
