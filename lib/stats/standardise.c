/* Direct and indirect standardisation as PHEindicatormethods 2.1.0 computes
 * them: calculate_dsr (R/DSR.R, Dobson et al. 1991 with Byar's limits on the
 * total count, independent and non-independent events), calculate_ISRatio
 * (R/ISRatio.R) and calculate_ISRate (R/ISRate.R). docs/methods.md. */
#include <math.h>

#include "carealign/stats.h"
#include "core/internal.h"
#include "stats/stats_internal.h"

/* PHE publishes no DSR below this total count (calculate_dsr). */
#define CAREALIGN__DSR_MIN_COUNT 10.0

/* European Standard Population 2013, 19 five-year bands 0-4, 5-9, ...,
 * 85-89, 90+ (Eurostat's 0 and 1-4 merged, 90-94 and 95+ merged), as
 * PHEindicatormethods' esp2013 (R/data.R, data-raw/LoadTestdata.R). Source:
 * Eurostat, Revision of the European Standard Population - Report of
 * Eurostat's task force, 2013 edition, doi:10.2785/11470. Sums to 100 000. */
static const double esp2013[CAREALIGN_ESP2013_BANDS] = {5000, 5500, 5500, 5500, 6000, 6000, 6500,
                                                        7000, 7000, 7000, 7000, 6500, 6000, 5500,
                                                        5000, 4000, 2500, 1500, 1000};

const double *carealign_esp2013(void)
{
    return esp2013;
}

/* Validate the per-band populations and standard; on success *sum_w is the
 * sum of the standard population. */
static carealign_status check_bands(const double *populations, const double **standard,
                                    size_t n_bands, double *sum_w, const char *fn)
{
    if (populations == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: populations is NULL", fn);
    }
    if (n_bands == 0) {
        return carealign__error(CAREALIGN_EINVAL, "%s: no age bands", fn);
    }
    if (*standard == NULL) {
        if (n_bands != CAREALIGN_ESP2013_BANDS) {
            return carealign__error(
                CAREALIGN_EINVAL, "%s: the built-in ESP 2013 has 19 bands, %zu given", fn, n_bands);
        }
        *standard = esp2013;
    }
    double sum = 0.0;
    for (size_t i = 0; i < n_bands; i++) {
        if (!(populations[i] > 0.0) || !CAREALIGN__ISFINITE(populations[i])) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: population of band %zu must be finite and > 0", fn, i);
        }
        if (!((*standard)[i] >= 0.0) || !CAREALIGN__ISFINITE((*standard)[i])) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: standard population of band %zu must be finite and >= 0",
                                    fn, i);
        }
        sum += (*standard)[i];
    }
    if (!(sum > 0.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: the standard population sums to 0", fn);
    }
    *sum_w = sum;
    return CAREALIGN_OK;
}

/* The DSR from its pieces: value per `per`, the variance of the DSR and the
 * total count, with Byar's limits on the count (dsr_inner in R/DSR.R). */
static void dobson(double weighted, double sum_w, double vardsr, double total, double per,
                   double confidence, carealign_estimate *out)
{
    out->n = total;
    out->method = CAREALIGN_METHOD_DOBSON;
    if (total < CAREALIGN__DSR_MIN_COUNT) {
        /* "dsr NA for total count < 10": value and limits not published */
        out->flags = CAREALIGN_EST_TOO_FEW | CAREALIGN_EST_LOWER_NA | CAREALIGN_EST_UPPER_NA;
        return;
    }
    double z = carealign__z_two_sided(confidence);
    double value = weighted / sum_w * per;
    double scale = sqrt(vardsr / total);
    out->value = value;
    out->lower = value + scale * (carealign__byar_lower(total, z) - total) * per;
    out->upper = value + scale * (carealign__byar_upper(total, z) - total) * per;
    if (CAREALIGN__ISNAN(out->lower)) {
        out->flags |= CAREALIGN_EST_LOWER_NA;
    }
}

static carealign_status check_common(double per, double confidence, carealign_estimate *out,
                                     const char *fn)
{
    if (out == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: out is NULL", fn);
    }
    carealign__estimate_clear(out);
    if (!(per > 0.0) || !CAREALIGN__ISFINITE(per)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: per must be finite and > 0", fn);
    }
    return carealign__check_confidence(confidence, fn);
}

carealign_status carealign_dsr(const double *counts, const double *populations,
                               const double *standard, size_t n_bands, double per,
                               double confidence, carealign_estimate *out)
{
    static const char fn[] = "carealign_dsr";
    carealign_status st = check_common(per, confidence, out, fn);
    if (st != CAREALIGN_OK) {
        return st;
    }
    if (counts == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: counts is NULL", fn);
    }
    double sum_w;
    st = check_bands(populations, &standard, n_bands, &sum_w, fn);
    if (st != CAREALIGN_OK) {
        return st;
    }
    double weighted = 0.0;
    double sq = 0.0;
    double total = 0.0;
    for (size_t i = 0; i < n_bands; i++) {
        double x = counts[i];
        if (!(x >= 0.0) || !CAREALIGN__ISFINITE(x)) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: count of band %zu must be finite and >= 0", fn, i);
        }
        double r = standard[i] / populations[i];
        weighted += x * standard[i] / populations[i]; /* wt_rate = x * stdpop / n */
        sq += x * (r * r);                            /* sq_rate = x * (stdpop / n)^2 */
        total += x;
    }
    double vardsr = 1.0 / (sum_w * sum_w) * sq;
    dobson(weighted, sum_w, vardsr, total, per, confidence, out);
    return CAREALIGN_OK;
}

carealign_status carealign_dsr_nonindependent(const uint32_t *row_band, const double *row_frequency,
                                              const double *row_persons, size_t n_rows,
                                              const double *populations, const double *standard,
                                              size_t n_bands, double per, double confidence,
                                              carealign_estimate *out)
{
    static const char fn[] = "carealign_dsr_nonindependent";
    carealign_status st = check_common(per, confidence, out, fn);
    if (st != CAREALIGN_OK) {
        return st;
    }
    if (row_band == NULL || row_frequency == NULL || row_persons == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: a row array is NULL", fn);
    }
    if (n_rows == 0) {
        return carealign__error(CAREALIGN_EINVAL, "%s: no rows", fn);
    }
    double sum_all;
    st = check_bands(populations, &standard, n_bands, &sum_all, fn);
    if (st != CAREALIGN_OK) {
        return st;
    }
    for (size_t r = 0; r < n_rows; r++) {
        if (row_band[r] >= n_bands) {
            return carealign__error(CAREALIGN_EINVAL, "%s: row %zu names band %u of %zu", fn, r,
                                    (unsigned)row_band[r], n_bands);
        }
        if (!(row_frequency[r] >= 0.0) || !CAREALIGN__ISFINITE(row_frequency[r])) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: frequency of row %zu must be finite and >= 0", fn, r);
        }
        if (!(row_persons[r] >= 0.0) || !CAREALIGN__ISFINITE(row_persons[r])) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: persons of row %zu must be finite and >= 0", fn, r);
        }
    }
    /* custom_vardsr = sum_f f^2 * vardsr_f, where vardsr_f is the DSR variance
     * of the persons with frequency f, over that frequency's rows (its own
     * sum of the standard population, as calculate_dsr groups by eventfreq).
     * Frequencies are grouped by scanning: O(rows^2), no allocation. */
    double custom = 0.0;
    for (size_t r = 0; r < n_rows; r++) {
        double f = row_frequency[r];
        int seen = 0;
        for (size_t q = 0; q < r; q++) {
            if (row_frequency[q] == f) {
                seen = 1;
                break;
            }
        }
        if (seen) {
            continue;
        }
        double sum_w = 0.0;
        double sq = 0.0;
        for (size_t q = r; q < n_rows; q++) {
            if (row_frequency[q] != f) {
                continue;
            }
            uint32_t b = row_band[q];
            double ratio = standard[b] / populations[b];
            sum_w += standard[b];
            sq += row_persons[q] * (ratio * ratio);
        }
        if (sum_w > 0.0) {
            custom += 1.0 / (sum_w * sum_w) * sq * (f * f);
        }
    }
    /* events per band = sum_f f * persons; the DSR is over the bands that
     * appear in some row (the others are absent from PHE's event table). */
    double weighted = 0.0;
    double total = 0.0;
    double sum_w = 0.0;
    for (size_t b = 0; b < n_bands; b++) {
        double events = 0.0;
        int present = 0;
        for (size_t r = 0; r < n_rows; r++) {
            if (row_band[r] == b) {
                events += row_frequency[r] * row_persons[r];
                present = 1;
            }
        }
        if (!present) {
            continue;
        }
        weighted += events * standard[b] / populations[b];
        total += events;
        sum_w += standard[b];
    }
    if (!(sum_w > 0.0)) {
        return carealign__error(CAREALIGN_EINVAL, "%s: the standard population sums to 0", fn);
    }
    dobson(weighted, sum_w, custom, total, per, confidence, out);
    return CAREALIGN_OK;
}

carealign_status carealign_expected_events(const double *ref_counts, const double *ref_populations,
                                           const double *populations, size_t n_bands,
                                           double *expected)
{
    static const char fn[] = "carealign_expected_events";
    if (expected == NULL || ref_counts == NULL || ref_populations == NULL || populations == NULL) {
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    }
    if (n_bands == 0) {
        return carealign__error(CAREALIGN_EINVAL, "%s: no age bands", fn);
    }
    double e = 0.0;
    for (size_t i = 0; i < n_bands; i++) {
        if (!(ref_counts[i] >= 0.0) || !CAREALIGN__ISFINITE(ref_counts[i])) {
            return carealign__error(
                CAREALIGN_EINVAL, "%s: reference count of band %zu must be finite and >= 0", fn, i);
        }
        if (!(ref_populations[i] > 0.0) || !CAREALIGN__ISFINITE(ref_populations[i])) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: reference population of band %zu must be finite and > 0",
                                    fn, i);
        }
        if (!(populations[i] >= 0.0) || !CAREALIGN__ISFINITE(populations[i])) {
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: population of band %zu must be finite and >= 0", fn, i);
        }
        e += ref_counts[i] / ref_populations[i] * populations[i];
    }
    *expected = e;
    return CAREALIGN_OK;
}

/* O/E * scale with the exact (O < 10) or Byar's (O >= 10) interval on O. */
static carealign_status indirect(double observed, double expected, double scale, double confidence,
                                 carealign_estimate *out, const char *fn)
{
    return carealign__scaled_count(observed, expected, scale, confidence, out, fn, "observed",
                                   "expected", NULL);
}

carealign_status carealign_isratio(double observed, double expected, double ref_value,
                                   double confidence, carealign_estimate *out)
{
    static const char fn[] = "carealign_isratio";
    if (!(ref_value > 0.0) || !CAREALIGN__ISFINITE(ref_value)) {
        carealign__estimate_clear(out);
        return carealign__error(CAREALIGN_EINVAL, "%s: ref_value must be finite and > 0", fn);
    }
    return indirect(observed, expected, ref_value, confidence, out, fn);
}

carealign_status carealign_israte(double observed, double expected, double ref_events,
                                  double ref_population, double per, double confidence,
                                  carealign_estimate *out)
{
    static const char fn[] = "carealign_israte";
    if (!(ref_events >= 0.0) || !CAREALIGN__ISFINITE(ref_events) || !(ref_population > 0.0) ||
        !CAREALIGN__ISFINITE(ref_population) || !(per > 0.0) || !CAREALIGN__ISFINITE(per)) {
        carealign__estimate_clear(out);
        return carealign__error(CAREALIGN_EINVAL,
                                "%s: ref_events must be >= 0, ref_population and per > 0", fn);
    }
    /* calculate_ISRate: ref_rate = sum(x_ref) / sum(n_ref) * multiplier */
    double ref_rate = ref_events / ref_population * per;
    return indirect(observed, expected, ref_rate, confidence, out, fn);
}
