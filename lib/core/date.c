/* Calendar dates as days since 1970-01-01, proleptic Gregorian: the
 * conversions of core/civil.h, checked. */
#include "core/civil.h"
#include "core/internal.h"

static int is_leap(int32_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int32_t days_in_month(int32_t year, int32_t month)
{
    static const int8_t length[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : length[month - 1];
}

static int day_in_range(int32_t days)
{
    return days >= CAREALIGN_DATE_MIN && days <= CAREALIGN_DATE_MAX;
}

carealign_status carealign_date_from_ymd(int32_t year, int32_t month, int32_t day,
                                         int32_t *out_days)
{
    if (out_days == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_date_from_ymd: out_days is NULL");
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return carealign__error(CAREALIGN_ERANGE, "date %d-%d-%d does not exist", year, month, day);
    *out_days = carealign__days_from_civil(year, month, day);
    return CAREALIGN_OK;
}

carealign_status carealign_date_to_ymd(int32_t days, int32_t *out_year, int32_t *out_month,
                                       int32_t *out_day)
{
    if (out_year == NULL || out_month == NULL || out_day == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_date_to_ymd: NULL out-parameter");
    if (!day_in_range(days))
        return carealign__error(CAREALIGN_ERANGE, "day %d is outside 0001-01-01..9999-12-31", days);
    carealign__civil_from_days(days, out_year, out_month, out_day);
    return CAREALIGN_OK;
}

/* Reads `width` ASCII digits at text[*pos]; reports the column of a bad one. */
static carealign_status read_digits(const char *text, size_t len, size_t *pos, int width,
                                    int32_t *value)
{
    int32_t v = 0;
    for (int i = 0; i < width; i++, (*pos)++) {
        if (*pos >= len || text[*pos] < '0' || text[*pos] > '9')
            return carealign__error_at(CAREALIGN_EPARSE, 1, (int64_t)*pos + 1,
                                       "date: expected a digit at column %zu (YYYY-MM-DD)",
                                       *pos + 1);
        v = v * 10 + (text[*pos] - '0');
    }
    *value = v;
    return CAREALIGN_OK;
}

static carealign_status read_dash(const char *text, size_t len, size_t *pos)
{
    if (*pos >= len || text[*pos] != '-')
        return carealign__error_at(CAREALIGN_EPARSE, 1, (int64_t)*pos + 1,
                                   "date: expected '-' at column %zu (YYYY-MM-DD)", *pos + 1);
    (*pos)++;
    return CAREALIGN_OK;
}

carealign_status carealign_date_parse(const char *text, size_t len, int32_t *out_days)
{
    if (text == NULL || out_days == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_date_parse: NULL argument");
    size_t pos = 0;
    int32_t year = 0, month = 0, day = 0;
    carealign_status status = read_digits(text, len, &pos, 4, &year);
    if (status == CAREALIGN_OK)
        status = read_dash(text, len, &pos);
    if (status == CAREALIGN_OK)
        status = read_digits(text, len, &pos, 2, &month);
    if (status == CAREALIGN_OK)
        status = read_dash(text, len, &pos);
    if (status == CAREALIGN_OK)
        status = read_digits(text, len, &pos, 2, &day);
    if (status != CAREALIGN_OK)
        return status;
    if (pos != len)
        return carealign__error_at(CAREALIGN_EPARSE, 1, (int64_t)pos + 1,
                                   "date: unexpected character after YYYY-MM-DD at column %zu",
                                   pos + 1);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return carealign__error_at(CAREALIGN_EPARSE, 1, 1,
                                   "date: %04d-%02d-%02d is not a calendar date", year, month, day);
    *out_days = carealign__days_from_civil(year, month, day);
    return CAREALIGN_OK;
}

static void put_digits(char *buf, int32_t value, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        buf[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

carealign_status carealign_date_format(int32_t days, char *buf, size_t cap, size_t *out_len)
{
    if (buf == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_date_format: buf is NULL");
    if (!day_in_range(days))
        return carealign__error(CAREALIGN_ERANGE, "day %d is outside 0001-01-01..9999-12-31", days);
    if (cap < CAREALIGN_DATE_BUFSIZE)
        return carealign__error(CAREALIGN_EBUFSIZE,
                                "carealign_date_format: need %d bytes, given %zu",
                                CAREALIGN_DATE_BUFSIZE, cap);
    int32_t year, month, day;
    carealign__civil_from_days(days, &year, &month, &day);
    put_digits(buf, year, 4);
    buf[4] = '-';
    put_digits(buf + 5, month, 2);
    buf[7] = '-';
    put_digits(buf + 8, day, 2);
    buf[10] = '\0';
    if (out_len != NULL)
        *out_len = 10;
    return CAREALIGN_OK;
}

carealign_status carealign_age_years(int32_t birth, int32_t at, int32_t *out_age)
{
    if (out_age == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_age_years: out_age is NULL");
    if (!day_in_range(birth) || !day_in_range(at) || at < birth)
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_age_years: days out of range or 'at' before birth");
    int32_t by, bm, bd, ay, am, ad;
    carealign__civil_from_days(birth, &by, &bm, &bd);
    carealign__civil_from_days(at, &ay, &am, &ad);
    int32_t age = ay - by;
    if (am < bm || (am == bm && ad < bd))
        age--;
    *out_age = age;
    return CAREALIGN_OK;
}

carealign_status carealign_financial_year(int32_t days, int32_t start_month,
                                          int32_t *out_start_year)
{
    if (out_start_year == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_financial_year: out_start_year is NULL");
    if (!day_in_range(days) || start_month < 1 || start_month > 12)
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_financial_year: day or start month out of range");
    int32_t year, month, day;
    carealign__civil_from_days(days, &year, &month, &day);
    *out_start_year = month >= start_month ? year : year - 1;
    return CAREALIGN_OK;
}
