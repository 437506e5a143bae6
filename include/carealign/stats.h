/**
 * @file stats.h
 * @brief Indicator statistics: estimates with intervals, standardisation,
 *        funnel plots, statistical process control, change, economics and
 *        disclosure control, computed as England's analysts compute them.
 *
 * Pure functions: no allocation, no state; a function that needs scratch
 * space takes a caller workspace. Every function may be called from any
 * thread. Methods and their sources: docs/methods.md.
 */
#ifndef CAREALIGN_STATS_H
#define CAREALIGN_STATS_H

#include "carealign/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup stats Statistics
 * @brief Estimates, intervals, SPC, funnels, change, economics, disclosure.
 * @{
 */

/* === Section A: distributions, intervals, standardisation, funnels, SII === */

/**
 * @name Estimates with intervals
 * Figures and intervals as PHEindicatormethods computes them (docs/methods.md).
 *
 * A confidence level is a fraction with 0.9 <= @c confidence < 1 (0.95 and
 * 0.998 are the levels England's analysts publish): PHEindicatormethods
 * refuses levels below 0.9, and a level of 1 or more, or a percentage such
 * as 95, is #CAREALIGN_EINVAL. Every function fills @c out completely:
 * values that cannot be computed are NaN, with the reason in @c out->flags.
 * @{
 */

/**
 * @brief A proportion with its Wilson score interval.
 *
 * value = numerator / denominator; the limits are Wilson's (1927) score
 * interval, computed term for term as PHEindicatormethods' wilson_lower()
 * and wilson_upper(). A zero numerator gives a lower limit of exactly 0.
 *
 * @param numerator Cases, >= 0; may be fractional (survey weights).
 * @param denominator Sample size, > 0 and >= @p numerator.
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives value and limits as proportions (0..1), n =
 *        @p denominator, method #CAREALIGN_METHOD_WILSON.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for a negative, NaN or infinite
 *         argument, a numerator above the denominator, a zero denominator,
 *         a confidence level outside [0.9, 1) or a NULL @p out.
 */
CAREALIGN_API carealign_status carealign_proportion_wilson(double numerator, double denominator,
                                                           double confidence,
                                                           carealign_estimate *out);

/**
 * @brief A crude rate with its interval: exact below 10 events, Byar's from
 *        10 (as PHEindicatormethods' phe_rate()).
 *
 * value = events / denominator * per. Below 10 events the limits are the
 * exact Poisson (chi-square) limits qchisq((1-c)/2, 2x)/2 and
 * qchisq(c+(1-c)/2, 2x+2)/2 (0 events: lower limit 0); from 10 they are
 * Byar's. The limits are scaled like the value. Events may exceed the
 * denominator (admissions per person, for example).
 *
 * @param events Events, >= 0 (need not be whole).
 * @param denominator Population or person-time, > 0.
 * @param per Multiplier, > 0 (for example 100000).
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives the rate per @p per and its limits; n =
 *        @p denominator; method #CAREALIGN_METHOD_EXACT or
 *        #CAREALIGN_METHOD_BYAR.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for a negative, NaN or infinite
 *         argument, a zero denominator or multiplier, a bad confidence
 *         level or a NULL @p out.
 */
CAREALIGN_API carealign_status carealign_rate(double events, double denominator, double per,
                                              double confidence, carealign_estimate *out);

/**
 * @brief Byar's approximate interval for a Poisson count.
 *
 * lower = x (1 - 1/(9x) - z/(3 sqrt x))^3, upper = (x+1)(1 - 1/(9(x+1)) +
 * z/(3 sqrt(x+1)))^3 with z = qnorm(c + (1-c)/2) (Breslow & Day 1987, as
 * PHEindicatormethods' byars_lower() and byars_upper()). A lower limit that
 * is negative or undefined (a count of 0) is NaN with
 * #CAREALIGN_EST_LOWER_NA, as PHEindicatormethods returns NA.
 *
 * @param count The observed count, >= 0.
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives value = n = @p count, the limits on the count scale
 *        and method #CAREALIGN_METHOD_BYAR.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for a negative, NaN or infinite
 *         count, a bad confidence level or a NULL @p out.
 */
CAREALIGN_API carealign_status carealign_byar_interval(double count, double confidence,
                                                       carealign_estimate *out);

/**
 * @brief A mean with its Student t interval, from the count, the mean and
 *        the sum of squared deviations.
 *
 * sd = sqrt(m2 / (n - 1)); limits = mean -/+ |qt((1-c)/2, n-1)| sd / sqrt(n)
 * (PHEindicatormethods' phe_mean()). With one value the limits are NaN,
 * flagged #CAREALIGN_EST_TOO_FEW | #CAREALIGN_EST_LOWER_NA |
 * #CAREALIGN_EST_UPPER_NA.
 *
 * @param n Number of values, >= 1.
 * @param mean Their mean (finite).
 * @param m2 Sum of squared deviations from the mean, >= 0.
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives the mean and limits, n, method #CAREALIGN_METHOD_T.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for n = 0 (an empty series), a
 *         NaN or infinite mean, a negative or NaN m2, a bad confidence level
 *         or a NULL @p out.
 */
CAREALIGN_API carealign_status carealign_mean_t(uint64_t n, double mean, double m2,
                                                double confidence, carealign_estimate *out);
/** @} */

/**
 * @name Standardisation
 * Directly and indirectly standardised rates and ratios, as
 * PHEindicatormethods' calculate_dsr(), calculate_ISRatio() and
 * calculate_ISRate() compute them (docs/methods.md). Age bands are passed as
 * parallel arrays of @c n_bands values.
 * @{
 */

/** @brief Number of bands in the built-in European Standard Population 2013. */
#define CAREALIGN_ESP2013_BANDS 19

/**
 * @brief The European Standard Population 2013 in 19 bands.
 *
 * Bands 0-4, 5-9, ..., 85-89, 90+ (Eurostat's 0 and 1-4 merged, and 90-94
 * and 95+ merged, as PHEindicatormethods' esp2013):
 * 5000 5500 5500 5500 6000 6000 6500 7000 7000 7000 7000 6500 6000 5500 5000
 * 4000 2500 1500 1000 (sum 100 000). Source: Eurostat, Revision of the
 * European Standard Population, report of Eurostat's task force, 2013
 * (doi:10.2785/11470).
 *
 * @return A pointer to #CAREALIGN_ESP2013_BANDS static values; never NULL;
 *         never to be written or freed.
 */
CAREALIGN_API const double *carealign_esp2013(void);

/**
 * @brief A directly standardised rate with Dobson's interval.
 *
 * value = sum(x_i w_i / n_i) / sum(w_i) * per; var = sum(x_i (w_i/n_i)^2) /
 * sum(w_i)^2; O = sum(x_i); limits = value + sqrt(var / O) (Byar(O) - O) per
 * (Dobson et al. 1991, Byar's limits on the total count). Below a total
 * count of 10 PHE publishes nothing: value and limits are NaN with
 * #CAREALIGN_EST_TOO_FEW (and the limit flags), and the call succeeds.
 *
 * @param counts Events per band, >= 0 (a missing band is 0).
 * @param populations Population per band, > 0.
 * @param standard Standard population per band, >= 0; NULL for the built-in
 *        ESP 2013 (then @p n_bands must be #CAREALIGN_ESP2013_BANDS).
 * @param n_bands Number of bands, >= 1.
 * @param per Multiplier, > 0 (PHE's default is 100000).
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives the rate, its limits, n = the total count O and
 *        method #CAREALIGN_METHOD_DOBSON.
 * @return #CAREALIGN_OK (also below 10 events, flagged); #CAREALIGN_EINVAL
 *         for NULL arrays, no bands, a negative, NaN or infinite value, a
 *         zero population, a standard summing to 0, a bad multiplier or
 *         confidence level.
 */
CAREALIGN_API carealign_status carealign_dsr(const double *counts, const double *populations,
                                             const double *standard, size_t n_bands, double per,
                                             double confidence, carealign_estimate *out);

/**
 * @brief A directly standardised rate for non-independent events (people
 *        who may have more than one event).
 *
 * Each row gives, for one band, the number of people who had a given number
 * of events. Events per band are sum(frequency * persons); the value is the
 * DSR of those events; the interval uses sum_f f^2 var_f, where var_f is the
 * DSR variance of the persons with frequency f over that frequency's rows,
 * in place of Dobson's variance (PHEindicatormethods 2.1.0,
 * independent_events = FALSE). Bands named by no row are left out, as in
 * PHE's event table. Fewer than 10 events: NaN with #CAREALIGN_EST_TOO_FEW.
 *
 * @param row_band Band index of each row, < @p n_bands.
 * @param row_frequency Events per person of each row, >= 0.
 * @param row_persons People with that frequency in that band, >= 0.
 * @param n_rows Number of rows, >= 1.
 * @param populations Population per band, > 0.
 * @param standard Standard population per band, >= 0; NULL for ESP 2013.
 * @param n_bands Number of bands.
 * @param per Multiplier, > 0.
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives the rate, limits, n = total events, method
 *        #CAREALIGN_METHOD_DOBSON.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL arrays, no rows, a band
 *         index out of range, a negative, NaN or infinite value, a zero
 *         population, a bad multiplier or confidence level.
 */
CAREALIGN_API carealign_status carealign_dsr_nonindependent(
    const uint32_t *row_band, const double *row_frequency, const double *row_persons, size_t n_rows,
    const double *populations, const double *standard, size_t n_bands, double per,
    double confidence, carealign_estimate *out);

/**
 * @brief Expected events for indirect standardisation.
 *
 * E = sum(x_ref_i / n_ref_i * n_i) (PHEindicatormethods calculate_ISRatio).
 * A local population of 0 in a band is allowed.
 *
 * @param ref_counts Reference events per band, >= 0.
 * @param ref_populations Reference population per band, > 0.
 * @param populations Local population per band, >= 0.
 * @param n_bands Number of bands, >= 1.
 * @param expected Receives E.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL arguments, no bands, a
 *         negative, NaN or infinite value or a zero reference population.
 */
CAREALIGN_API carealign_status carealign_expected_events(const double *ref_counts,
                                                         const double *ref_populations,
                                                         const double *populations, size_t n_bands,
                                                         double *expected);

/**
 * @brief An indirectly standardised ratio (for example an SMR).
 *
 * value = O / E * ref_value; the limits are the exact Poisson limits on O
 * below 10 (#CAREALIGN_METHOD_EXACT) and Byar's from 10
 * (#CAREALIGN_METHOD_BYAR), scaled by ref_value / E.
 *
 * @param observed Observed events O, >= 0.
 * @param expected Expected events E, > 0 (see carealign_expected_events()).
 * @param ref_value Scale, > 0: 1 for a ratio, 100 for an SMR x 100.
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives the ratio, its limits, n = E and the method.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for a negative, NaN or infinite
 *         argument, E = 0, a bad scale or confidence level.
 */
CAREALIGN_API carealign_status carealign_isratio(double observed, double expected, double ref_value,
                                                 double confidence, carealign_estimate *out);

/**
 * @brief An indirectly standardised rate.
 *
 * ref_rate = ref_events / ref_population * per; value = O / E * ref_rate,
 * limits as carealign_isratio() scaled by ref_rate / E (calculate_ISRate).
 *
 * @param observed Observed events O, >= 0.
 * @param expected Expected events E, > 0.
 * @param ref_events Total events in the reference population, >= 0.
 * @param ref_population Total reference population, > 0.
 * @param per Multiplier, > 0 (PHE's default 100000).
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives the rate per @p per, its limits, n = E, the method.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL as carealign_isratio(), or for a
 *         bad reference total or multiplier.
 */
CAREALIGN_API carealign_status carealign_israte(double observed, double expected, double ref_events,
                                                double ref_population, double per,
                                                double confidence, carealign_estimate *out);
/** @} */

/* === end of section A === */

/* === Section B: SPC, economics, disclosure control, change === */

/* === end of section B === */

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CAREALIGN_STATS_H */
