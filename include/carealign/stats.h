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

/* === end of section A === */

/* === Section B: SPC, economics, disclosure control, change === */

/* === end of section B === */

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CAREALIGN_STATS_H */
