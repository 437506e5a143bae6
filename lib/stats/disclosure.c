/* Disclosure control primitives: NHS Digital's rule for published
 * sub-national figures about people (HES/ECDS methodology from September
 * 2018): 0 shown, 1..k suppressed, others rounded to the nearest m; a
 * percentage suppressed when its numerator or complement is 1..k; a mean
 * over 1..k people suppressed. Sources: docs/methods-spc.md section 2. */
#include <math.h>
#include <stdint.h>

#include "core/internal.h"
#include "carealign/stats.h"
#include "stats/stats_b_internal.h"

carealign_status carealign_disclosure_options_init(carealign_disclosure_options *options,
                                                   size_t size)
{
    if (options == NULL || size < sizeof(carealign_disclosure_options))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_disclosure_options_init: NULL or size too small");
    *options = (carealign_disclosure_options)CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    return CAREALIGN_OK;
}

static carealign_status read_options(const carealign_disclosure_options *options,
                                     carealign_disclosure_options *o, const char *fn)
{
    *o = (carealign_disclosure_options)CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    if (options != NULL) {
        carealign_status status = carealign__read_struct(o, sizeof *o, options, sizeof *o,
                                                         "carealign_disclosure_options");
        if (status != CAREALIGN_OK)
            return status;
    }
    if (o->suppress_max < 0)
        return carealign__error(CAREALIGN_EINVAL, "%s: suppress_max must be 0 or more", fn);
    if (o->round_to < 1)
        return carealign__error(CAREALIGN_EINVAL, "%s: round_to must be 1 or more", fn);
    return CAREALIGN_OK;
}

/* 1..k: the counts that disclose too little to show. */
static int in_suppressed_range(int64_t count, int64_t k)
{
    return count >= 1 && count <= k;
}

/* The published form of one valid count; ERANGE if rounding overflows. */
static carealign_status disclose_one(int64_t count, const carealign_disclosure_options *o,
                                     int64_t *value, uint32_t *flags)
{
    if (count == 0) {
        *value = 0;
        *flags = 0;
        return CAREALIGN_OK;
    }
    if (in_suppressed_range(count, o->suppress_max)) {
        *value = CAREALIGN_DISCLOSURE_SUPPRESSED;
        *flags = CAREALIGN_EST_SUPPRESSED;
        return CAREALIGN_OK;
    }
    int64_t m = o->round_to;
    int64_t q = count / m, r = count % m;
    if (r >= m - r) { /* 2r >= m without overflow: halves round up */
        if (q >= INT64_MAX / m)
            return CAREALIGN_ERANGE;
        q++;
    }
    *value = q * m;
    *flags = 0;
    return CAREALIGN_OK;
}

carealign_status carealign_disclose_count(int64_t count,
                                          const carealign_disclosure_options *options,
                                          int64_t *out_value, uint32_t *out_flags)
{
    carealign_disclosure_options o;
    carealign_status status = read_options(options, &o, "carealign_disclose_count");
    if (status != CAREALIGN_OK)
        return status;
    if (out_value == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_disclose_count: out_value is NULL");
    if (count < 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_disclose_count: count is negative");
    int64_t value;
    uint32_t flags;
    if (disclose_one(count, &o, &value, &flags) != CAREALIGN_OK)
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_disclose_count: the rounded count overflows int64_t");
    *out_value = value;
    if (out_flags != NULL)
        *out_flags = flags;
    return CAREALIGN_OK;
}

carealign_status carealign_disclose_counts(const int64_t *counts, size_t n,
                                           const carealign_disclosure_options *options,
                                           int64_t *out_values, uint32_t *out_flags)
{
    carealign_disclosure_options o;
    carealign_status status = read_options(options, &o, "carealign_disclose_counts");
    if (status != CAREALIGN_OK)
        return status;
    if (n > 0 && (counts == NULL || out_values == NULL))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_disclose_counts: counts or out_values is NULL");
    for (size_t i = 0; i < n; i++) {
        int64_t value;
        uint32_t flags;
        if (counts[i] < 0)
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_disclose_counts: counts[%zu] is negative", i);
        if (disclose_one(counts[i], &o, &value, &flags) != CAREALIGN_OK)
            return carealign__error(CAREALIGN_ERANGE,
                                    "carealign_disclose_counts: counts[%zu] overflows when rounded",
                                    i);
    }
    for (size_t i = 0; i < n; i++) {
        int64_t value = 0;
        uint32_t flags = 0;
        disclose_one(counts[i], &o, &value, &flags);
        out_values[i] = value;
        if (out_flags != NULL)
            out_flags[i] = flags;
    }
    return CAREALIGN_OK;
}

carealign_status carealign_disclose_percentage(int64_t numerator, int64_t denominator,
                                               const carealign_disclosure_options *options,
                                               double *out_percent, uint32_t *out_flags)
{
    carealign_disclosure_options o;
    carealign_status status = read_options(options, &o, "carealign_disclose_percentage");
    if (status != CAREALIGN_OK)
        return status;
    if (out_percent == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_disclose_percentage: out_percent is NULL");
    if (numerator < 0 || denominator < 0)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_disclose_percentage: negative numerator or denominator");
    if (numerator > denominator)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_disclose_percentage: numerator above the denominator");
    double value;
    uint32_t flags = 0;
    if (denominator == 0) {
        value = NAN;
        flags = CAREALIGN_EST_TOO_FEW;
    } else if (in_suppressed_range(numerator, o.suppress_max) ||
               in_suppressed_range(denominator - numerator, o.suppress_max)) {
        value = NAN;
        flags = CAREALIGN_EST_SUPPRESSED;
    } else {
        value = (double)numerator / (double)denominator * 100.0;
    }
    *out_percent = value;
    if (out_flags != NULL)
        *out_flags = flags;
    return CAREALIGN_OK;
}

carealign_status carealign_disclose_mean(double value, int64_t n_values,
                                         const carealign_disclosure_options *options,
                                         double *out_value, uint32_t *out_flags)
{
    carealign_disclosure_options o;
    carealign_status status = read_options(options, &o, "carealign_disclose_mean");
    if (status != CAREALIGN_OK)
        return status;
    if (out_value == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_disclose_mean: out_value is NULL");
    if (n_values < 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_disclose_mean: n_values is negative");
    if (n_values > 0 && !carealign__is_finite(value))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_disclose_mean: value is not a finite number");
    double shown = value;
    uint32_t flags = 0;
    if (n_values == 0) {
        shown = NAN;
        flags = CAREALIGN_EST_TOO_FEW;
    } else if (in_suppressed_range(n_values, o.suppress_max)) {
        shown = NAN;
        flags = CAREALIGN_EST_SUPPRESSED;
    }
    *out_value = shown;
    if (out_flags != NULL)
        *out_flags = flags;
    return CAREALIGN_OK;
}
