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

/**
 * @name Funnel plots
 * Control limits and significance as PHE's Fingertips method computes them
 * (PHEindicatormethods 2.1.0, R/Funnels.R), and Spiegelhalter's
 * over-dispersion as FunnelPlotR 0.6.0 computes it. docs/methods.md.
 * @{
 */

/** @brief Side of a limit: the lower one. */
#define CAREALIGN_FUNNEL_LOW 0
/** @brief Side of a limit: the upper one. */
#define CAREALIGN_FUNNEL_HIGH 1

/** @brief Statistic of a funnel: a proportion (numerator / denominator). */
#define CAREALIGN_FUNNEL_PROPORTION 1
/** @brief Statistic of a funnel: a ratio of observed to expected events. */
#define CAREALIGN_FUNNEL_RATIO 2
/** @brief Statistic of a funnel: a rate (events per population). */
#define CAREALIGN_FUNNEL_RATE 3

/** @brief Ratio limits as plain ratios O/E (not a PHE option). */
#define CAREALIGN_FUNNEL_RATIO_PLAIN 0
/** @brief Ratio limits as PHE's ratio_type "count": O/E - 1. */
#define CAREALIGN_FUNNEL_RATIO_COUNT 1
/** @brief Ratio limits as PHE's ratio_type "isr": 100 O/E. */
#define CAREALIGN_FUNNEL_RATIO_ISR 2

/** @brief Rate funnel of crude rates. */
#define CAREALIGN_FUNNEL_RATE_CRUDE 1
/** @brief Rate funnel of directly standardised rates (below 10 events: not applicable). */
#define CAREALIGN_FUNNEL_RATE_DSR 2

/** @brief Significance: inside the 95% limits ("Not significant"). */
#define CAREALIGN_FUNNEL_NOT_SIGNIFICANT 0
/** @brief Significance: above the 95% limit ("High (0.025)"). */
#define CAREALIGN_FUNNEL_HIGH_0025 1
/** @brief Significance: above the 99.8% limit ("High (0.001)"). */
#define CAREALIGN_FUNNEL_HIGH_0001 2
/** @brief Significance: below the 95% limit ("Low (0.025)"). */
#define CAREALIGN_FUNNEL_LOW_0025 (-1)
/** @brief Significance: below the 99.8% limit ("Low (0.001)"). */
#define CAREALIGN_FUNNEL_LOW_0001 (-2)
/** @brief Significance: a DSR with fewer than 10 events ("Not applicable"). */
#define CAREALIGN_FUNNEL_NOT_APPLICABLE 3

/** @brief Number of points on a PHE funnel axis. */
#define CAREALIGN_FUNNEL_POINTS 100

/**
 * @brief One row of a funnel: the 95% ("2s", p = 0.025 each side) and 99.8%
 *        ("3s", p = 0.001) limits at one point of the axis. 80 bytes.
 *
 * Limits are on the indicator's scale (proportion x multiplier, ratio, rate
 * per multiplier). For proportions every limit is plotted at @c x; for
 * ratios and rates each limit has its own abscissa (expected events, or
 * population per year) in the @c *_x fields, as PHE's tables give them.
 */
typedef struct carealign_funnel_point {
    double x;          /**< Population (proportion) or observed events (ratio, rate). */
    double baseline;   /**< The average on the indicator's scale. */
    double lower_2s;   /**< Lower 95% limit ("Lower2s0025limit"). */
    double upper_2s;   /**< Upper 95% limit. */
    double lower_3s;   /**< Lower 99.8% limit ("Lower3s0001limit"). */
    double upper_3s;   /**< Upper 99.8% limit. */
    double lower_2s_x; /**< Abscissa of lower_2s: population, expected events or population per
                          year. */
    double upper_2s_x; /**< Abscissa of upper_2s. */
    double lower_3s_x; /**< Abscissa of lower_3s. */
    double upper_3s_x; /**< Abscissa of upper_3s. */
} carealign_funnel_point;

/**
 * @brief PHE's closed-form proportion limit at one population
 *        (sigma_adjustment in R/Funnels.R).
 *
 * The limit is the proportion at which a unit's own Wilson interval at
 * one-sided level @p p just touches the average: with z = qnorm(p), the
 * root of a quadratic, divided by the population and times the multiplier.
 * No clamping.
 *
 * @param p One-sided level, 0.5 < p < 1 (PHE uses 0.975 and 0.999).
 * @param population The unit's denominator, > 0.
 * @param average The funnel's average proportion sum(num)/sum(den), 0..1.
 * @param side #CAREALIGN_FUNNEL_LOW or #CAREALIGN_FUNNEL_HIGH.
 * @param multiplier Scale of the result, > 0 (100 for percentages).
 * @param limit Receives the limit (NaN on error).
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL for an argument out of range.
 */
CAREALIGN_API carealign_status carealign_funnel_proportion_limit(double p, double population,
                                                                 double average, int32_t side,
                                                                 double multiplier, double *limit);

/**
 * @brief The four PHE proportion limits at one population, clamped as
 *        calculate_funnel_limits() clamps them.
 *
 * Lower limits are max(0, limit), upper ones min(100, limit) whatever the
 * multiplier (a PHE quirk, followed); baseline = average x multiplier.
 *
 * @param average Average proportion, 0..1.
 * @param population Denominator, > 0.
 * @param multiplier Scale, > 0 (PHE's default is 100).
 * @param out Receives the row; every @c *_x is @p population.
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_proportion_limits(double average, double population,
                                                                  double multiplier,
                                                                  carealign_funnel_point *out);

/**
 * @brief PHE's exact-Poisson search: the expected count at which an
 *        observed count lies on a limit (poisson_funnel in R/utils.R).
 *
 * Bisection on v in (0, 1) with mu = (1 + obs) v / (1 - v), 23 halvings:
 * side LOW finds mu with P(X >= obs | mu) = p, side HIGH mu with
 * P(X <= obs | mu) = p, the Poisson sums taken by PHE's recurrence (ported
 * from the Fingertips Excel macro). It differs from the closed form
 * qchisq(p, 2 obs)/2 by up to 5e-5 relative, and matches PHE's published
 * tables to every printed digit.
 *
 * @param observed Observed count, a whole number 0..1e9.
 * @param p Tail probability, 0 < p < 0.5 (0.025 or 0.001).
 * @param side #CAREALIGN_FUNNEL_LOW or #CAREALIGN_FUNNEL_HIGH.
 * @param expected Receives mu.
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_poisson_search(double observed, double p,
                                                               int32_t side, double *expected);

/**
 * @brief PHE ratio-funnel limits at an observed count.
 *
 * lower = O / search(O, p, HIGH), upper = O / search(O, p, LOW) at p = 0.025
 * (2s) and 0.001 (3s); the @c *_x fields hold the expected counts from the
 * searches. Expressed as O/E, O/E - 1 (PHE "count") or 100 O/E (PHE "isr").
 *
 * @param observed Observed count O, a whole number >= 1.
 * @param ratio_type #CAREALIGN_FUNNEL_RATIO_PLAIN, _COUNT or _ISR.
 * @param out Receives the row (x = O; baseline 1, 0 or 100).
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_ratio_limits(double observed, int32_t ratio_type,
                                                             carealign_funnel_point *out);

/**
 * @brief PHE rate-funnel limits at an event count.
 *
 * population_1_year = search(E, p, side) / average; limit = E /
 * population_1_year x per; the @c *_x fields are population_1_year / years.
 *
 * @param events Event count E, a whole number >= 1.
 * @param average sum(events) / sum(denominators), per person (not per @p per).
 * @param per Multiplier, > 0 (100000).
 * @param years Years of data the denominators cover, > 0.
 * @param out Receives the row (x = E; baseline = average x per).
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_rate_limits(double events, double average,
                                                            double per, double years,
                                                            carealign_funnel_point *out);

/**
 * @brief PHE's 100 axis points for a funnel table.
 *
 * axis_min = 0 if max > 2 min, else signif.floor(min); axis_max =
 * signif.ceiling(max) (rates: per year, then back, then converted to events
 * with the average); point 1 = max(1, axis_min); point j = max(round((max /
 * p_{j-1})^(1/(101 - j)) p_{j-1}), p_{j-1} + 1), with j - 1 in place of j for
 * ratios. R's round half to even and R's nchar() of numbers such as 1e+05
 * are reproduced.
 *
 * @param statistic #CAREALIGN_FUNNEL_PROPORTION, _RATIO or _RATE.
 * @param min_denominator Smallest denominator (expected count for ratios), > 0.
 * @param max_denominator Largest, >= the smallest and < 1e14.
 * @param average Rates only: sum(events)/sum(denominators), > 0.
 * @param years Rates only: years of data, > 0.
 * @param points Receives #CAREALIGN_FUNNEL_POINTS increasing values.
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_axis(int32_t statistic, double min_denominator,
                                                     double max_denominator, double average,
                                                     double years,
                                                     double points[CAREALIGN_FUNNEL_POINTS]);

/**
 * @brief A unit's significance on a PHE proportion funnel.
 *
 * obs = numerator/denominator is compared, in this order, with the 99.8%
 * and 95% lower limits, then the 99.8% and 95% upper limits
 * (sigma_adjustment at the unit's denominator, strict comparisons).
 *
 * @param numerator Cases, >= 0.
 * @param denominator Denominator, > 0 and >= @p numerator.
 * @param average The funnel's average proportion sum(num)/sum(den).
 * @param category Receives a CAREALIGN_FUNNEL_ significance constant.
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_proportion_significance(double numerator,
                                                                        double denominator,
                                                                        double average,
                                                                        int32_t *category);

/**
 * @brief A unit's significance on a PHE ratio funnel.
 *
 * 1 is compared with the unit's own limits of O/E (exact below 10, Byar's
 * from 10): 1 < lower 99.8% is High (0.001), 1 < lower 95% High (0.025),
 * 1 > upper 99.8% Low (0.001), 1 > upper 95% Low (0.025), in that order.
 *
 * @param observed Observed count, >= 0.
 * @param expected Expected count, > 0.
 * @param category Receives a CAREALIGN_FUNNEL_ significance constant.
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_ratio_significance(double observed, double expected,
                                                                   int32_t *category);

/**
 * @brief A unit's significance on a PHE rate funnel.
 *
 * As carealign_funnel_ratio_significance() with the unit's
 * numerator/denominator and the funnel average in place of 1. For DSRs the
 * denominator is PHE's derived one, per x numerator / rate; a DSR with
 * fewer than 10 events is #CAREALIGN_FUNNEL_NOT_APPLICABLE.
 *
 * @param numerator Events, >= 0.
 * @param denominator Denominator, > 0.
 * @param average sum(numerators)/sum(denominators), > 0.
 * @param rate_type #CAREALIGN_FUNNEL_RATE_CRUDE or #CAREALIGN_FUNNEL_RATE_DSR.
 * @param category Receives a CAREALIGN_FUNNEL_ significance constant.
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_rate_significance(double numerator,
                                                                  double denominator,
                                                                  double average, int32_t rate_type,
                                                                  int32_t *category);

/** @brief Over-dispersion data: standardised ratios O/E (FunnelPlotR "SR"). */
#define CAREALIGN_OD_SR 1
/** @brief Over-dispersion data: proportions (FunnelPlotR "PR"). */
#define CAREALIGN_OD_PR 2
/** @brief Over-dispersion data: ratios of counts (FunnelPlotR "RC"). */
#define CAREALIGN_OD_RC 3
/** @brief SR method of NHS Digital's SHMI: log scale, 10% truncation. */
#define CAREALIGN_OD_SHMI 1
/** @brief SR method of the CQC (Spiegelhalter): square-root scale, winsorisation. */
#define CAREALIGN_OD_CQC 2

/**
 * @brief Options of carealign_funnel_overdispersion(). Caller-filled; set with
 *        #CAREALIGN_OVERDISPERSION_OPTIONS_INIT or
 *        carealign_overdispersion_options_init().
 */
typedef struct carealign_overdispersion_options {
    size_t size;        /**< sizeof(carealign_overdispersion_options). */
    int32_t data_type;  /**< CAREALIGN_OD_SR (default), _PR or _RC. */
    int32_t sr_method;  /**< CAREALIGN_OD_SHMI (default) or _CQC; SR only. */
    double trim;        /**< Share trimmed at each end, 0 <= trim < 0.5 (default 0.1). */
    uint64_t min_units; /**< Adjust only with at least this many units (default 10). */
} carealign_overdispersion_options;

/** @brief Static initialiser: SR, SHMI, trim 0.1, at least 10 units. */
#define CAREALIGN_OVERDISPERSION_OPTIONS_INIT                                                      \
    {                                                                                              \
        sizeof(carealign_overdispersion_options), CAREALIGN_OD_SR, CAREALIGN_OD_SHMI, 0.1, 10      \
    }

/**
 * @brief Initialise options as #CAREALIGN_OVERDISPERSION_OPTIONS_INIT does.
 * @param options The struct to fill.
 * @param size sizeof(carealign_overdispersion_options) as the caller knows it.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size too small.
 */
CAREALIGN_API carealign_status
carealign_overdispersion_options_init(carealign_overdispersion_options *options, size_t size);

/**
 * @brief The result of carealign_funnel_overdispersion(). Library-filled; 56 bytes.
 */
typedef struct carealign_overdispersion {
    double target;     /**< 1 for SR, else sum(num)/sum(den). */
    double phi;        /**< Dispersion ratio (1/n) sum z^2 over the units kept. */
    double tau2;       /**< Between-unit variance (DerSimonian-Laird form), >= 0. */
    uint64_t n_units;  /**< Units given. */
    uint64_t n_used;   /**< Units kept after truncation (all when winsorising). */
    int32_t data_type; /**< As in the options. */
    int32_t sr_method; /**< As in the options. */
    int32_t adjusted;  /**< 1 when limits use tau2: n_units >= min_units and phi > 1. */
    uint32_t flags;    /**< #CAREALIGN_EST_TOO_FEW when n_units < min_units. */
} carealign_overdispersion;

/**
 * @brief Spiegelhalter's over-dispersion of a set of units (FunnelPlotR).
 *
 * z-scores: SR/SHMI sqrt(E) log(O/E); SR/CQC (sqrt(O/E) - 1) 2 sqrt(E); PR
 * (asin sqrt(O/n) - asin sqrt(target)) 2 sqrt(n); RC (log((O+.5)/(n+.5)) -
 * log(target)) / s with s^2 = O/(O+.5)^2 + n/(n+.5)^2. SHMI truncates (ranks
 * with ties averaged; keeps 0 < floor(rank k/(N+1)) < k - 1, k = 1/trim);
 * the others winsorise at R's type-7 quantiles trim and 1 - trim. phi =
 * sum z^2 / n; tau2 = max(0, (n phi - (n - 1)) / (sum w - sum w^2 / sum w)),
 * w = 1/s^2, 0 when n phi < n - 1 (n, w over the units kept). Both are
 * always computed; @c adjusted says whether limits will use them.
 *
 * @param numerators O (or cases) per unit, >= 0.
 * @param denominators E (or n) per unit, > 0.
 * @param n Number of units, >= 2.
 * @param options NULL for the defaults.
 * @param workspace Scratch space of at least @p n doubles (sorted z-scores).
 * @param workspace_len Its length in doubles.
 * @param z_scores Receives the @p n untrimmed z-scores; may be NULL.
 * @param out Receives the result.
 * @return #CAREALIGN_OK; #CAREALIGN_EBUFSIZE when the workspace is shorter
 *         than @p n; #CAREALIGN_EINVAL for NULL arrays, fewer than 2 units,
 *         a bad value or option; #CAREALIGN_EUNSUPPORTED for a newer
 *         options struct with unknown fields set.
 */
CAREALIGN_API carealign_status carealign_funnel_overdispersion(
    const double *numerators, const double *denominators, size_t n,
    const carealign_overdispersion_options *options, double *workspace, size_t workspace_len,
    double *z_scores, carealign_overdispersion *out);

/**
 * @brief Funnel limits at one denominator, adjusted for over-dispersion when
 *        @c od->adjusted (FunnelPlotR's calculate_limits).
 *
 * Unadjusted SR: exact Poisson limits target qchisq(0.025, 2E)/2/E and
 * target qchisq(0.975, 2(E+1))/2/E. Adjusted SR/SHMI: exp(-/+ z sqrt(1/E +
 * tau2)); SR/CQC: 1 -/+ z sqrt(1/(4E) + tau2) (left on the square-root
 * scale, as FunnelPlotR does). PR: sin(asin sqrt(t) -/+ z sqrt(1/(4n) +
 * tau2))^2, 0 and 1 beyond the turning points. RC: exp(log t -/+ z
 * sqrt(1/(4n) + tau2)). z is FunnelPlotR's 1.959964 or 3.090232.
 *
 * @param od A result of carealign_funnel_overdispersion().
 * @param denominator E or n at which the limits are wanted, > 0.
 * @param confidence 0.95 or 0.998 exactly.
 * @param multiplier Scale of the limits, > 0.
 * @param lower Receives the lower limit.
 * @param upper Receives the upper limit.
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_overdispersion_limits(const carealign_overdispersion *od,
                                                               double denominator,
                                                               double confidence, double multiplier,
                                                               double *lower, double *upper);

/** @brief Exact funnel limits for a proportion: Binomial(n, target). */
#define CAREALIGN_FUNNEL_EXACT_BINOMIAL 1
/** @brief Exact funnel limits for a ratio O/E: Poisson(target x E). */
#define CAREALIGN_FUNNEL_EXACT_POISSON 2

/**
 * @brief Spiegelhalter's exact funnel limit with interpolation, at one
 *        precision (Spiegelhalter 2005, Stat Med 24:1185, appendix).
 *
 * r_p is the p-quantile of the null distribution (the least r with F(r) >=
 * p: Binomial(n, target), or Poisson(target x E)); alpha = (F(r_p) - p) /
 * (F(r_p) - F(r_p - 1)); the limit is (r_p - alpha) / n (or / E), which is
 * continuous in the precision rather than stepped. A limit below 0 (r_p = 0
 * at small precision) is reported as 0.
 *
 * Thread safety: pure; may be called from any thread.
 *
 * @param distribution #CAREALIGN_FUNNEL_EXACT_BINOMIAL or
 *        #CAREALIGN_FUNNEL_EXACT_POISSON.
 * @param target The null value: a proportion in (0, 1), or a ratio > 0
 *        (1 for an SMR).
 * @param precision n (a whole number 1 to 1e7) or E (> 0, at most 1e7).
 * @param p Cumulative probability of the limit, 0 < p < 1 (0.025 and
 *        0.975 for 95%, 0.001 and 0.999 for 99.8%).
 * @param limit Receives the limit as a proportion or ratio.
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_exact_limit(int32_t distribution, double target,
                                                            double precision, double p,
                                                            double *limit);

/**
 * @brief The four exact Spiegelhalter limits (95% and 99.8%) at one precision.
 *
 * carealign_funnel_exact_limit() at p = 0.025, 0.975, 0.001 and 0.999,
 * times @p multiplier.
 *
 * @param distribution #CAREALIGN_FUNNEL_EXACT_BINOMIAL or _POISSON.
 * @param target As carealign_funnel_exact_limit().
 * @param precision As carealign_funnel_exact_limit().
 * @param multiplier Scale of the limits, > 0.
 * @param out Receives the row: x and every @c *_x = @p precision, baseline
 *        = target x multiplier.
 * @return #CAREALIGN_OK or #CAREALIGN_EINVAL.
 */
CAREALIGN_API carealign_status carealign_funnel_exact_limits(int32_t distribution, double target,
                                                             double precision, double multiplier,
                                                             carealign_funnel_point *out);
/** @} */

/**
 * @name Slope index of inequality
 * @{
 */

/** @brief SII value type: any indicator, simulated on its own scale (phe_sii 0). */
#define CAREALIGN_SII_NORMAL 0
/** @brief SII value type: a rate, simulated on the log scale (phe_sii 1). */
#define CAREALIGN_SII_RATE 1
/** @brief SII value type: a proportion, simulated on the logit scale (phe_sii 2). */
#define CAREALIGN_SII_PROPORTION 2
/** @brief Fewest quantiles phe_sii accepts. */
#define CAREALIGN_SII_MIN_QUANTILES 5
/** @brief Most quantiles phe_sii accepts. */
#define CAREALIGN_SII_MAX_QUANTILES 100

/**
 * @brief Slope and relative index of inequality across ordered quantiles
 *        (for example deprivation deciles), as PHEindicatormethods'
 *        phe_sii() computes them, with an analytic interval.
 *
 * a_i = population share, b_i = midpoint of the quantile in the cumulative
 * population (quantiles in the order given, most deprived first); the value
 * times sqrt(a) is regressed on sqrt(a) and b sqrt(a) without intercept
 * (Low & Low 2004). SII = multiplier x slope; RII = (intercept + slope) /
 * intercept, inverted when the multiplier is negative.
 *
 * phe_sii's interval is a simulation (values drawn from N(value, se) on the
 * log scale for rates and the logit scale for proportions, then
 * back-transformed). carealign replaces it by that simulation's analytic
 * limit: the simulated slope is a fixed weighted sum of independent
 * back-transformed normals, whose exact mean and variance give mean -/+ z
 * sd; the RII's limits are Fieller's for the ratio of the two coefficients.
 * For #CAREALIGN_SII_NORMAL both are exactly what phe_sii's percentiles
 * converge to; otherwise the normal approximation of the sum is the only
 * approximation (docs/methods.md). Deterministic: no random numbers.
 *
 * @param values Indicator value per quantile (rates > 0; proportions in (0, 1)).
 * @param populations Population per quantile, > 0.
 * @param se Standard error per quantile on the simulation scale (>= 0); NULL
 *        to derive it from the 95% limits: (upper - lower) / qnorm(0.975) / 2
 *        after the transformation, whatever @p confidence is (as phe_sii).
 * @param lower_cl Lower 95% limit per quantile (ignored when @p se is given).
 * @param upper_cl Upper 95% limit per quantile (ignored when @p se is given).
 * @param n_quantiles Number of quantiles, 5 to 100.
 * @param value_type #CAREALIGN_SII_NORMAL, #CAREALIGN_SII_RATE or
 *        #CAREALIGN_SII_PROPORTION.
 * @param multiplier Scale of the SII, non-zero (negative reverses polarity).
 * @param confidence Confidence level of the SII and RII, 0.9 <= c < 1.
 * @param sii Receives the SII and its limits; n = total population; method
 *        #CAREALIGN_METHOD_SII (the RII too).
 * @param rii Receives the RII and its limits (NaN with the limit flags when
 *        the intercept's interval includes 0); may be NULL.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL arrays, neither standard
 *         errors nor limits, a quantile count outside 5..100, a value out of
 *         range, a zero population, a bad type, multiplier or confidence.
 */
CAREALIGN_API carealign_status carealign_sii(const double *values, const double *populations,
                                             const double *se, const double *lower_cl,
                                             const double *upper_cl, size_t n_quantiles,
                                             int32_t value_type, double multiplier,
                                             double confidence, carealign_estimate *sii,
                                             carealign_estimate *rii);

/** @brief Method of an SII or RII from carealign_sii(): phe_sii's weighted
 *  regression with the analytic interval. (A stats-local code: common.h has
 *  no regression method; values from 32 up avoid core's range.) */
#define CAREALIGN_METHOD_SII 32
/** @brief Method of an SII or RII from carealign_sii_simulated(): phe_sii's
 *  regression with its Monte Carlo interval, seeded. */
#define CAREALIGN_METHOD_SII_SIMULATED 33

/**
 * @brief Slope and relative index of inequality with phe_sii's own Monte
 *        Carlo interval, reproducibly seeded.
 *
 * Values, populations, standard errors and the regression as carealign_sii()
 * (the value is the same). The interval is phe_sii's SimulationFunc
 * (PHEindicatormethods R/utils.R) step for step: @p repetitions x
 * @p n_quantiles normal draws in R's order (repetition-major: quantile 1 to
 * k of repetition 1, then of repetition 2, ...), each value + se x a
 * standard normal (a quantile with se = 0 takes no draw, as R's rnorm()),
 * back-transformed (exp for rates, expit for proportions), refitted; the
 * sorted simulated SIIs (times the multiplier) and RIIs (inverted for a
 * negative multiplier) give the limits at positions round(reps (1 - c')) and
 * round(reps c'), c' = c + (1 - c)/2, R's round half to even.
 *
 * Random numbers: R's default generator, so that the limits are those of
 * `set.seed(seed); phe_sii(...)` in R for one group: Mersenne Twister
 * MT19937 (Matsumoto & Nishimura 1998) seeded as R's set.seed() seeds it
 * (the seed scrambled by 50 steps of x = 69069 x + 1 mod 2^32, then 625
 * further steps fill the state; the first word is replaced by 624), uniforms
 * y 2^-32 kept inside (0, 1), and normals by R's "Inversion": u = floor(2^27
 * U1) + U2, z = qnorm(u / 2^27) with Wichura's AS241. The stream is
 * bit-identical on every platform; the limits agree to the last bits of the
 * C library's exp(). Without the R comparison in mind, any seed is as good.
 *
 * Thread safety: pure (the generator state lives on the stack); may be
 * called from any thread.
 *
 * @param values As carealign_sii().
 * @param populations As carealign_sii().
 * @param se As carealign_sii() (NULL to derive from the limits).
 * @param lower_cl As carealign_sii().
 * @param upper_cl As carealign_sii().
 * @param n_quantiles Number of quantiles, 5 to 100.
 * @param value_type #CAREALIGN_SII_NORMAL, #CAREALIGN_SII_RATE or
 *        #CAREALIGN_SII_PROPORTION.
 * @param multiplier Scale of the SII, non-zero.
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param seed The seed, as R's set.seed(seed) takes it (any int32).
 * @param repetitions Repetitions, 1000 to 10 000 000 (phe_sii's default is
 *        100 000); the limit positions must be >= 1.
 * @param workspace Scratch space: @p repetitions doubles, twice that when
 *        @p rii is not NULL.
 * @param workspace_len Its length in doubles.
 * @param sii Receives the SII and its simulated limits; n = total
 *        population; method #CAREALIGN_METHOD_SII_SIMULATED.
 * @param rii Receives the RII and its simulated limits; may be NULL.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL as carealign_sii() or for a
 *         repetition count out of range; #CAREALIGN_EBUFSIZE for a short
 *         workspace.
 */
CAREALIGN_API carealign_status carealign_sii_simulated(
    const double *values, const double *populations, const double *se, const double *lower_cl,
    const double *upper_cl, size_t n_quantiles, int32_t value_type, double multiplier,
    double confidence, int32_t seed, uint64_t repetitions, double *workspace, size_t workspace_len,
    carealign_estimate *sii, carealign_estimate *rii);
/** @} */

/* === end of section A === */

/* === Section B: SPC, economics, disclosure control, change === */

/**
 * @name Statistical process control: Making Data Count XmR charts
 *
 * An XmR (individuals and moving range) chart of one series, computed as
 * NHS England's "Making Data Count" Excel tools compute it, with the special
 * cause rules, point types and icons of NHSRplotthedots 0.2.2 (the R
 * implementation that replicates those tools). Formulas, sources and every
 * quirk followed: docs/methods-spc.md.
 * @{
 */

/** @brief Improvement is a fall in the measure (e.g. waiting times). */
#define CAREALIGN_SPC_DECREASE (-1)
/** @brief Neither direction is an improvement: special causes are "neutral". */
#define CAREALIGN_SPC_NEUTRAL 0
/** @brief Improvement is a rise in the measure (e.g. % seen within 4 hours). */
#define CAREALIGN_SPC_INCREASE 1

/** @brief No special-cause rule applies: common cause variation. */
#define CAREALIGN_SPC_RULE_NONE 0
/** @brief A point above the upper or below the lower process limit. */
#define CAREALIGN_SPC_RULE_OUTSIDE_LIMITS 1
/** @brief Part of a run of 7 points each strictly above (or below) the one before. */
#define CAREALIGN_SPC_RULE_TREND 2
/** @brief Two of three consecutive points, all on one side of the mean, beyond 2 sigma. */
#define CAREALIGN_SPC_RULE_TWO_OF_THREE 3
/** @brief Part of a run of 7 or more points on one side of the mean (a shift). */
#define CAREALIGN_SPC_RULE_SHIFT 4

/** @brief Point type: common cause variation. */
#define CAREALIGN_SPC_COMMON_CAUSE 0
/** @brief Point type: special cause in the direction of improvement. */
#define CAREALIGN_SPC_IMPROVEMENT 1
/** @brief Point type: special cause in the direction of concern. */
#define CAREALIGN_SPC_CONCERN 2
/** @brief Point type: special cause, high side, with a neutral direction. */
#define CAREALIGN_SPC_NEUTRAL_HIGH 3
/** @brief Point type: special cause, low side, with a neutral direction. */
#define CAREALIGN_SPC_NEUTRAL_LOW 4

/** @brief Point flag: strictly above the upper or below the lower process limit. */
#define CAREALIGN_SPC_OUTSIDE_LIMITS 0x1u
/** @brief Point flag: inside the limits but beyond the 2-sigma lines (strictly). */
#define CAREALIGN_SPC_CLOSE_TO_LIMITS 0x2u
/** @brief Point flag: part of a 7-point trend (the rule may be outranked). */
#define CAREALIGN_SPC_IN_TREND 0x4u
/** @brief Point flag: one of the close points of a 2-of-3 signal. */
#define CAREALIGN_SPC_IN_TWO_OF_THREE 0x8u
/** @brief Point flag: part of a run of 7 or more points on one side of the mean. */
#define CAREALIGN_SPC_IN_SHIFT 0x10u
/** @brief Point flag: its moving range was left out of the average by screening. */
#define CAREALIGN_SPC_MR_SCREENED 0x20u
/** @brief Point flag: after the first @c fix_after_n_points of its group, so not
 *  part of the baseline that sets the limits (it is still classified). */
#define CAREALIGN_SPC_AFTER_FIX 0x40u
/** @brief Point or summary flag: a group shorter than @c short_group_points
 *  (trial limits; NHSRplotthedots' short-group warning). */
#define CAREALIGN_SPC_SHORT_GROUP 0x80u
/** @brief Point or summary flag: the group's limits could not be computed (a
 *  group of one point, or screening left no moving range); they are NaN. */
#define CAREALIGN_SPC_LIMITS_NA 0x100u
/** @brief Summary flag: the latest group has fewer than @c min_points_for_icons
 *  points, so the variation and assurance icons are withheld (NONE). */
#define CAREALIGN_SPC_TOO_FEW_FOR_ICONS 0x200u

/** @brief Variation icon: not shown (too few points). */
#define CAREALIGN_SPC_VARIATION_NONE 0
/** @brief Variation icon: common cause variation. */
#define CAREALIGN_SPC_VARIATION_COMMON_CAUSE 1
/** @brief Variation icon: improvement, high (direction increase). */
#define CAREALIGN_SPC_VARIATION_IMPROVEMENT_HIGH 2
/** @brief Variation icon: improvement, low (direction decrease). */
#define CAREALIGN_SPC_VARIATION_IMPROVEMENT_LOW 3
/** @brief Variation icon: concern, high (direction decrease). */
#define CAREALIGN_SPC_VARIATION_CONCERN_HIGH 4
/** @brief Variation icon: concern, low (direction increase). */
#define CAREALIGN_SPC_VARIATION_CONCERN_LOW 5
/** @brief Variation icon: neutral special cause, high. */
#define CAREALIGN_SPC_VARIATION_NEUTRAL_HIGH 6
/** @brief Variation icon: neutral special cause, low. */
#define CAREALIGN_SPC_VARIATION_NEUTRAL_LOW 7

/** @brief Assurance icon: not shown (no target, neutral direction or too few points). */
#define CAREALIGN_SPC_ASSURANCE_NONE 0
/** @brief Assurance icon: the process will consistently meet the target. */
#define CAREALIGN_SPC_ASSURANCE_PASS 1
/** @brief Assurance icon: the process will consistently miss the target. */
#define CAREALIGN_SPC_ASSURANCE_FAIL 2
/** @brief Assurance icon: the target lies within the process limits (inclusive). */
#define CAREALIGN_SPC_ASSURANCE_INCONSISTENT 3

/**
 * @brief Options for carealign_spc_xmr(). Caller-filled; set @c size.
 *
 * Start from #CAREALIGN_SPC_OPTIONS_INIT or carealign_spc_options_init().
 */
typedef struct carealign_spc_options {
    size_t size; /**< sizeof(carealign_spc_options). */
    /** #CAREALIGN_SPC_INCREASE (default, as NHSRplotthedots), #CAREALIGN_SPC_DECREASE
     *  or #CAREALIGN_SPC_NEUTRAL. */
    int32_t improvement_direction;
    /** 0 (default): moving ranges are not screened, as the Making Data Count Excel
     *  tools. 1: moving ranges not strictly below 3.267 times their average are
     *  dropped and the average recomputed, as NHSRplotthedots does by default. */
    int32_t screen_outliers;
    /** 0 (default): every point of a group sets its limits. n >= 2: only the
     *  first n points of each group do (limits fixed after n points). */
    int32_t fix_after_n_points;
    /** Icons are withheld when the latest group has fewer points; default 15, 0 or
     *  more. */
    int32_t min_points_for_icons;
    /** Groups with fewer points are flagged #CAREALIGN_SPC_SHORT_GROUP; default 13
     *  (NHSRplotthedots' warning threshold), 0 or more. */
    int32_t short_group_points;
    /** 1 when @c target is set (enables the assurance icon), else 0 (default). */
    int32_t has_target;
    double target; /**< The target, in the units of the values; finite. */
    /** Indices (0-based, strictly increasing, below n) of the points that start a
     *  new group with its own limits (rebasing); index 0 is allowed and changes
     *  nothing. May be NULL when @c n_rebase is 0. Not owned. */
    const size_t *rebase_at;
    size_t n_rebase; /**< The number of indices in @c rebase_at. */
} carealign_spc_options;

/** @brief Static initialiser for ::carealign_spc_options with the defaults. */
#define CAREALIGN_SPC_OPTIONS_INIT                                                                 \
    {                                                                                              \
        sizeof(carealign_spc_options), CAREALIGN_SPC_INCREASE, 0, 0, 15, 13, 0, 0.0, NULL, 0       \
    }

/**
 * @brief Initialise a ::carealign_spc_options, as #CAREALIGN_SPC_OPTIONS_INIT does.
 * @param options The struct to fill.
 * @param size sizeof(carealign_spc_options) as the caller knows it.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size too small.
 */
CAREALIGN_API carealign_status carealign_spc_options_init(carealign_spc_options *options,
                                                          size_t size);

/**
 * @brief One point of an XmR chart, as computed. 72 bytes; frozen once released.
 */
typedef struct carealign_spc_point {
    /** Centre line of the point's group (the mean of its baseline). */
    double mean;
    /** Lower process limit: mean - 2.66 x average moving range; NaN if not computable. */
    double lower;
    /** Upper process limit: mean + 2.66 x average moving range; NaN if not computable. */
    double upper;
    /** Lower 2-sigma line: mean - (2 x 2.66 / 3) x average moving range. */
    double near_lower;
    /** Upper 2-sigma line: mean + (2 x 2.66 / 3) x average moving range. */
    double near_upper;
    /** |value - previous value| within the group; NaN for a group's first point. */
    double moving_range;
    /** Group number: 0 for the first, one more after each rebase. */
    int32_t group;
    /** -1 below, 0 exactly on, +1 above the mean. */
    int32_t relative_to_mean;
    /** The CAREALIGN_SPC_RULE_ constant that labels the point, by precedence. */
    int32_t rule;
    /** +1 for an "Above"/"Increasing" label, -1 for "Below"/"Decreasing", 0 for none. */
    int32_t side;
    /** #CAREALIGN_SPC_COMMON_CAUSE, #CAREALIGN_SPC_IMPROVEMENT, #CAREALIGN_SPC_CONCERN,
     *  #CAREALIGN_SPC_NEUTRAL_HIGH or #CAREALIGN_SPC_NEUTRAL_LOW. */
    int32_t point_type;
    /** CAREALIGN_SPC_ point flags. */
    uint32_t flags;
} carealign_spc_point;

/**
 * @brief The chart as a whole: the latest group and the icons. 80 bytes; frozen
 *        once released.
 */
typedef struct carealign_spc_summary {
    /** Centre line of the latest group. */
    double mean;
    /** Lower process limit of the latest group; NaN if not computable. */
    double lower;
    /** Upper process limit of the latest group; NaN if not computable. */
    double upper;
    /** Average moving range of the latest group, after any screening. */
    double average_moving_range;
    /** Points in the series. */
    int64_t n_points;
    /** Groups: 1 + the rebases that start a group. */
    int32_t n_groups;
    /** Points in the latest group. */
    int32_t group_points;
    /** Common cause points in the latest group. */
    int32_t common_cause;
    /** Improvement points in the latest group. */
    int32_t improvement;
    /** Concern points in the latest group. */
    int32_t concern;
    /** Neutral high or low points in the latest group. */
    int32_t neutral;
    /** A CAREALIGN_SPC_VARIATION_ constant, from the last point. */
    int32_t variation_icon;
    /** A CAREALIGN_SPC_ASSURANCE_ constant. */
    int32_t assurance_icon;
    /** #CAREALIGN_SPC_TOO_FEW_FOR_ICONS, and #CAREALIGN_SPC_SHORT_GROUP or
     *  #CAREALIGN_SPC_LIMITS_NA when any group has them. */
    uint32_t flags;
    /** Always 0. */
    int32_t reserved;
} carealign_spc_summary;

/**
 * @brief An XmR chart of one series: limits, special causes, point types and icons.
 *
 * The series is split into groups at the rebase points. In each group the
 * mean of the baseline (the first @c fix_after_n_points values, or all) is
 * the centre line; the average of the baseline's moving ranges (optionally
 * screened at 3.267 times their average) times 2.66 gives the process limits
 * and times 2 x 2.66 / 3 the 2-sigma lines. Every point of the group is then
 * tested, within its group, against four rules in NHSRplotthedots' precedence:
 * outside the limits; a 7-point trend; 2 of 3 beyond 2 sigma on one side; 7
 * or more points on one side of the mean. The point's type follows from the
 * rule's side and the improvement direction. The variation icon comes from
 * the last point; the assurance icon compares the target with the latest
 * group's limits. Both are withheld (NONE, flagged) when the latest group
 * has fewer than @c min_points_for_icons points.
 *
 * Means are computed as R computes them (extended-precision sum with a
 * correction pass), so the limits agree with NHSRplotthedots to the last
 * digit on x86-64.
 *
 * Thread safety: pure; may be called from any thread.
 *
 * @param values The series in time order; @p n finite values.
 * @param n The number of values, 1 to INT32_MAX.
 * @param options Options, or NULL for #CAREALIGN_SPC_OPTIONS_INIT.
 * @param points Receives @p n points, one per value.
 * @param summary Receives the summary.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for an empty series, a NaN or
 *         infinite value, NULL pointers or an option out of range (nothing
 *         is written then); #CAREALIGN_EUNSUPPORTED for an options struct
 *         from a newer release with fields this library does not know.
 */
CAREALIGN_API carealign_status carealign_spc_xmr(const double *values, size_t n,
                                                 const carealign_spc_options *options,
                                                 carealign_spc_point *points,
                                                 carealign_spc_summary *summary);
/** @} */

/**
 * @name Disclosure control
 *
 * Primitives for NHS Digital's rule for published sub-national figures
 * about people: 0 is shown, counts 1 to k (7) are suppressed, other counts
 * are rounded to the nearest m (5), suppression before rounding; a
 * percentage is suppressed when its numerator or its complement
 * (denominator - numerator) is 1 to k; a mean (or median, mode) over 1 to k
 * people is suppressed. Intervals, standardised rates and national figures
 * are exempt; deciding that is the caller's (the framework's) business.
 * Sources: docs/methods-spc.md.
 * @{
 */

/** @brief The value given for a suppressed count (with #CAREALIGN_EST_SUPPRESSED). */
#define CAREALIGN_DISCLOSURE_SUPPRESSED (-1)

/**
 * @brief The thresholds of the cell rule. Caller-filled; set @c size.
 */
typedef struct carealign_disclosure_options {
    size_t size; /**< sizeof(carealign_disclosure_options). */
    /** k: counts 1 to k are suppressed (default 7); 0 suppresses nothing. 0 or more. */
    int64_t suppress_max;
    /** m: other counts are rounded to the nearest multiple of m (default 5); 1
     *  rounds nothing. 1 or more. Halves (possible only for even m) round up. */
    int64_t round_to;
} carealign_disclosure_options;

/** @brief Static initialiser for ::carealign_disclosure_options: NHS Digital's k = 7, m = 5. */
#define CAREALIGN_DISCLOSURE_OPTIONS_INIT                                                          \
    {                                                                                              \
        sizeof(carealign_disclosure_options), 7, 5                                                 \
    }

/**
 * @brief Initialise a ::carealign_disclosure_options, as
 *        #CAREALIGN_DISCLOSURE_OPTIONS_INIT does.
 * @param options The struct to fill.
 * @param size sizeof(carealign_disclosure_options) as the caller knows it.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size too small.
 */
CAREALIGN_API carealign_status
carealign_disclosure_options_init(carealign_disclosure_options *options, size_t size);

/**
 * @brief Apply the cell rule to one count: 0 shown, 1 to k suppressed, others
 *        rounded to the nearest m.
 *
 * Thread safety: pure; may be called from any thread.
 *
 * @param count The true count, 0 or more.
 * @param options The thresholds, or NULL for NHS Digital's (k = 7, m = 5).
 * @param out_value Receives the count to publish, or
 *        #CAREALIGN_DISCLOSURE_SUPPRESSED.
 * @param out_flags Receives #CAREALIGN_EST_SUPPRESSED or 0; may be NULL.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for a negative count, a NULL
 *         @p out_value or options out of range; #CAREALIGN_ERANGE when the
 *         rounded count would not fit in int64_t; #CAREALIGN_EUNSUPPORTED
 *         for options from a newer release with unknown fields set.
 */
CAREALIGN_API carealign_status carealign_disclose_count(int64_t count,
                                                        const carealign_disclosure_options *options,
                                                        int64_t *out_value, uint32_t *out_flags);

/**
 * @brief Apply the cell rule to an array of counts, as carealign_disclose_count().
 *
 * All counts are checked before anything is written.
 *
 * @param counts @p n counts, each 0 or more.
 * @param n The number of counts; 0 is allowed.
 * @param options The thresholds, or NULL for NHS Digital's.
 * @param out_values Receives @p n published counts (may be @p counts itself).
 * @param out_flags Receives @p n flags; may be NULL.
 * @return As carealign_disclose_count(); the last error names the index.
 */
CAREALIGN_API carealign_status carealign_disclose_counts(
    const int64_t *counts, size_t n, const carealign_disclosure_options *options,
    int64_t *out_values, uint32_t *out_flags);

/**
 * @brief A percentage under the rule: suppressed when the numerator or the
 *        complement (denominator - numerator) is 1 to k.
 *
 * The value is 100 x numerator / denominator of the true (unrounded)
 * counts; round the counts themselves with carealign_disclose_count().
 *
 * @param numerator 0 to @p denominator.
 * @param denominator 0 or more; 0 gives NaN with #CAREALIGN_EST_TOO_FEW.
 * @param options The thresholds (k is used), or NULL for NHS Digital's.
 * @param out_percent Receives the percentage, 0 to 100, or NaN.
 * @param out_flags Receives #CAREALIGN_EST_SUPPRESSED, #CAREALIGN_EST_TOO_FEW or 0;
 *        may be NULL.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for negative counts, a numerator
 *         above the denominator, a NULL @p out_percent or bad options.
 */
CAREALIGN_API carealign_status carealign_disclose_percentage(
    int64_t numerator, int64_t denominator, const carealign_disclosure_options *options,
    double *out_percent, uint32_t *out_flags);

/**
 * @brief A mean (or median or mode) over individuals under the rule:
 *        suppressed when it is over 1 to k values, shown unchanged otherwise.
 *
 * @param value The statistic; finite unless @p n_values is 0.
 * @param n_values The number of individuals it is over, 0 or more; 0 gives
 *        NaN with #CAREALIGN_EST_TOO_FEW.
 * @param options The thresholds (k is used), or NULL for NHS Digital's.
 * @param out_value Receives the value to publish, or NaN.
 * @param out_flags Receives #CAREALIGN_EST_SUPPRESSED, #CAREALIGN_EST_TOO_FEW or 0;
 *        may be NULL.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for a negative @p n_values, a
 *         non-finite @p value over one or more individuals, a NULL
 *         @p out_value or bad options.
 */
CAREALIGN_API carealign_status carealign_disclose_mean(double value, int64_t n_values,
                                                       const carealign_disclosure_options *options,
                                                       double *out_value, uint32_t *out_flags);
/** @} */

/**
 * @name Health economics
 *
 * QALYs, incremental cost-effectiveness ratios and net monetary benefit.
 * Money is int64_t pence; QALYs are years of full health (double). No
 * threshold and no discount rate is built in: the caller (the framework)
 * states them. Formulas and conventions: docs/methods-spc.md.
 * @{
 */

/** @brief Discounting in whole years: QALYs accrued in year k after baseline
 *  (k = 0, 1, ...; t in [k, k+1)) are divided by (1 + rate)^k, so the first
 *  year is not discounted. */
#define CAREALIGN_QALY_DISCOUNT_ANNUAL 1
/** @brief Continuous discounting: the exact integral of the interpolated utility
 *  times (1 + rate)^-t, t in years since baseline. */
#define CAREALIGN_QALY_DISCOUNT_CONTINUOUS 2

/**
 * @brief QALYs as the area under a utility curve (trapezoid rule), discounted.
 *
 * Utility is interpolated linearly between observations (the trapezoid
 * rule); nothing is assumed before the first or after the last observation.
 * With @p annual_rate 0 both timings give the plain trapezoid area.
 *
 * Thread safety: pure; may be called from any thread.
 *
 * @param time_years @p n times in years since baseline (time 0), 0 to 1000,
 *        non-decreasing (e.g. days / 365.25: the caller's choice).
 * @param utility @p n utilities (e.g. EQ-5D index; below 0 is allowed), finite.
 * @param n The number of observations, 2 or more.
 * @param annual_rate The discount rate a year, e.g. 0.035 (NICE reference
 *        case); 0 to below 1.
 * @param timing #CAREALIGN_QALY_DISCOUNT_ANNUAL or #CAREALIGN_QALY_DISCOUNT_CONTINUOUS.
 * @param out_qalys Receives the discounted QALYs.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for fewer than 2 observations,
 *         NaN or out-of-range arguments, decreasing times, an unknown
 *         timing or NULL pointers.
 */
CAREALIGN_API carealign_status carealign_qaly(const double *time_years, const double *utility,
                                              size_t n, double annual_rate, int32_t timing,
                                              double *out_qalys);

/** @brief ICER quadrant: more effective and more costly; the ratio is the cost of a QALY. */
#define CAREALIGN_ICER_NORTH_EAST 1
/** @brief ICER quadrant: less effective and less costly; the ratio is the saving
 *  per QALY forgone. */
#define CAREALIGN_ICER_SOUTH_WEST 2
/** @brief Dominant: more effective at no more cost, or as effective and cheaper. */
#define CAREALIGN_ICER_DOMINANT 3
/** @brief Dominated: less effective at no less cost, or as effective and dearer. */
#define CAREALIGN_ICER_DOMINATED 4
/** @brief Same cost and same effect: no ratio. */
#define CAREALIGN_ICER_EQUAL 5

/**
 * @brief An incremental cost-effectiveness ratio and its quadrant. 32 bytes;
 *        frozen once released.
 */
typedef struct carealign_icer_result {
    double ratio;       /**< Pence per QALY; NaN unless NORTH_EAST or SOUTH_WEST. */
    double delta_qalys; /**< QALYs of the intervention minus the comparator's. */
    int64_t delta_cost; /**< Cost of the intervention minus the comparator's, pence. */
    int32_t quadrant;   /**< A CAREALIGN_ICER_ constant. */
    int32_t reserved;   /**< Always 0. */
} carealign_icer_result;

/**
 * @brief The ICER of an intervention against a comparator, with dominance.
 *
 * ratio = (cost - comparator_cost) / (qalys - comparator_qalys) when the
 * intervention is more effective and more costly (north-east) or less
 * effective and less costly (south-west); otherwise one option dominates
 * (or they are equal) and no ratio is given, since a negative ICER has no
 * meaning.
 *
 * @param cost The intervention's cost, pence.
 * @param qalys The intervention's QALYs, finite.
 * @param comparator_cost The comparator's cost, pence.
 * @param comparator_qalys The comparator's QALYs, finite.
 * @param out Receives the result.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NaN or infinite QALYs or NULL
 *         @p out; #CAREALIGN_ERANGE when the cost difference overflows.
 */
CAREALIGN_API carealign_status carealign_icer(int64_t cost, double qalys, int64_t comparator_cost,
                                              double comparator_qalys, carealign_icer_result *out);

/**
 * @brief Net monetary benefit at a threshold the caller states:
 *        qalys x threshold - cost, rounded to the nearest penny.
 *
 * Pass increments (delta QALYs, delta cost) for the incremental NMB. Halves
 * of a penny round away from zero.
 *
 * @param qalys QALYs (or incremental QALYs), finite.
 * @param cost Cost (or incremental cost), pence.
 * @param threshold_per_qaly Willingness to pay for one QALY, pence, 0 or more.
 * @param out_pence Receives the net monetary benefit in pence.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NaN QALYs, a negative
 *         threshold or NULL @p out_pence; #CAREALIGN_ERANGE when the result
 *         does not fit in int64_t.
 */
CAREALIGN_API carealign_status carealign_net_monetary_benefit(double qalys, int64_t cost,
                                                              int64_t threshold_per_qaly,
                                                              int64_t *out_pence);

/** @brief Frontier status: on the cost-effectiveness frontier. */
#define CAREALIGN_CEA_FRONTIER 0
/** @brief Frontier status: strictly dominated (another option costs no more and
 *  gives at least as many QALYs, one of the two strictly; or is an exact
 *  duplicate listed earlier). */
#define CAREALIGN_CEA_DOMINATED 1
/** @brief Frontier status: extendedly dominated (its ICER against the previous
 *  frontier option exceeds the next option's: a mix of two other options does
 *  better). */
#define CAREALIGN_CEA_EXTENDED_DOMINATED 2

/**
 * @brief One option's place on the cost-effectiveness frontier. 40 bytes;
 *        frozen once released.
 */
typedef struct carealign_cea_result {
    /** Pence per QALY against @c comparator: for a frontier option the ICER
     *  against the previous (cheaper) frontier option; for an extendedly
     *  dominated one the ICER against the frontier option just below it in
     *  cost (which exceeds the next frontier step's: the reason it is
     *  excluded); NaN for the cheapest frontier option and for dominated ones. */
    double icer;
    /** QALYs of this option minus the comparator's; NaN without a comparator. */
    double delta_qalys;
    /** Cost of this option minus the comparator's, pence; 0 without a comparator. */
    int64_t delta_cost;
    /** Index (in the input) of the comparator: the previous frontier option,
     *  or for a dominated option the cheapest option that dominates it
     *  (most QALYs among equal costs); -1 for none. */
    int64_t comparator;
    /** A CAREALIGN_CEA_ status. */
    int32_t status;
    /** Position on the frontier, 0 for the cheapest; -1 when dominated. */
    int32_t rank;
} carealign_cea_result;

/**
 * @brief The cost-effectiveness frontier of several options: strict
 *        dominance, then extended dominance, then the ICER of each frontier
 *        option against the previous one.
 *
 * Options are ordered by cost (then by QALYs, most first). An option is
 * strictly dominated when another costs no more and gives at least as many
 * QALYs, one of the two strictly (an exact duplicate is dominated by the one
 * listed first). Of the rest, an option whose ICER against the previous
 * option exceeds the next option's ICER against it is extendedly dominated,
 * removed, and the ICERs recomputed until they rise strictly along the
 * frontier (equal successive ICERs keep both options). Drummond MF et al.,
 * Methods for the Economic Evaluation of Health Care Programmes, 4th ed.,
 * OUP 2015, section 4.4 (docs/methods-spc.md).
 *
 * Thread safety: pure; may be called from any thread.
 *
 * @param costs @p n costs, pence.
 * @param qalys @p n QALYs, finite.
 * @param n Number of options, >= 1.
 * @param workspace Scratch space of at least @p n elements.
 * @param workspace_len Its length in elements.
 * @param out Receives @p n results, in input order.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers, no options
 *         or a NaN or infinite QALY value (the last error names the index);
 *         #CAREALIGN_EBUFSIZE for a short workspace;
 *         #CAREALIGN_ERANGE when a cost difference overflows int64_t.
 */
CAREALIGN_API carealign_status carealign_cea_frontier(const int64_t *costs, const double *qalys,
                                                      size_t n, size_t *workspace,
                                                      size_t workspace_len,
                                                      carealign_cea_result *out);
/** @} */

/**
 * @name Change between paired measurements
 *
 * Reliable change (Jacobson & Truax 1991) and counts of people improved,
 * unchanged or deteriorated, by a minimal important difference or by the
 * reliable change index. Formulas and sources: docs/methods-spc.md.
 * @{
 */

/** @brief Classify by a minimal important difference: a change of at least
 *  @c mid (inclusive) in the better direction is an improvement. */
#define CAREALIGN_CHANGE_BY_MID 1
/** @brief Classify by the reliable change index: |RCI| strictly above
 *  @c critical (1.96) is reliable change. */
#define CAREALIGN_CHANGE_BY_RCI 2

/** @brief A person's class: deteriorated. */
#define CAREALIGN_CHANGE_DETERIORATED (-1)
/** @brief A person's class: no (reliable or important) change. */
#define CAREALIGN_CHANGE_NONE 0
/** @brief A person's class: improved. */
#define CAREALIGN_CHANGE_IMPROVED 1

/**
 * @brief How to classify change. Caller-filled; set @c size.
 */
typedef struct carealign_change_options {
    size_t size; /**< sizeof(carealign_change_options). */
    /** +1 when a higher score is better (e.g. EQ-5D, SWEMWBS), -1 when lower is
     *  better (e.g. PHQ-9). No default: 0 is refused. */
    int32_t better;
    /** #CAREALIGN_CHANGE_BY_MID or #CAREALIGN_CHANGE_BY_RCI. No default: 0 is refused. */
    int32_t criterion;
    /** The minimal important difference in score units, above 0 (BY_MID only). */
    double mid;
    /** The standard deviation for the RCI (baseline or norm group), above 0 (BY_RCI only). */
    double sd;
    /** The reliability r_xx for the RCI (e.g. Cronbach's alpha), 0 to below 1 (BY_RCI only). */
    double reliability;
    /** The |RCI| a change must exceed (BY_RCI only); default 1.96 (95%). Above 0. */
    double critical;
} carealign_change_options;

/** @brief Static initialiser for ::carealign_change_options: criterion and
 *  direction unset (the caller must state them), critical 1.96. */
#define CAREALIGN_CHANGE_OPTIONS_INIT                                                              \
    {                                                                                              \
        sizeof(carealign_change_options), 0, 0, 0.0, 0.0, 0.0, 1.96                                \
    }

/**
 * @brief Initialise a ::carealign_change_options, as #CAREALIGN_CHANGE_OPTIONS_INIT does.
 * @param options The struct to fill.
 * @param size sizeof(carealign_change_options) as the caller knows it.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size too small.
 */
CAREALIGN_API carealign_status carealign_change_options_init(carealign_change_options *options,
                                                             size_t size);

/**
 * @brief The Jacobson-Truax reliable change index of one change.
 *
 * RCI = (after - before) / S_diff with S_diff = sd x sqrt(2) x sqrt(1 - reliability)
 * (the standard error of the difference of two scores with the same
 * standard error of measurement, sd x sqrt(1 - reliability)).
 *
 * Thread safety: pure; may be called from any thread.
 *
 * @param before The first score, finite.
 * @param after The second score, finite.
 * @param sd The standard deviation, above 0.
 * @param reliability r_xx, 0 to below 1.
 * @param out_rci Receives the RCI (positive when the score rose).
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NaN or out-of-range
 *         arguments or a NULL @p out_rci.
 */
CAREALIGN_API carealign_status carealign_change_rci(double before, double after, double sd,
                                                    double reliability, double *out_rci);

/**
 * @brief Counts of people improved, unchanged and deteriorated. 40 bytes;
 *        frozen once released.
 */
typedef struct carealign_change_counts {
    int64_t n;            /**< Pairs classified. */
    int64_t improved;     /**< Pairs that improved. */
    int64_t unchanged;    /**< Pairs with no important or reliable change. */
    int64_t deteriorated; /**< Pairs that deteriorated. */
    /** The raw change a pair must reach (BY_MID: @c mid, inclusive) or exceed
     *  (BY_RCI: critical x S_diff) to count as changed. */
    double threshold;
} carealign_change_counts;

/**
 * @brief Classify paired scores as improved, unchanged or deteriorated.
 *
 * With change d = (after - before) x better: BY_MID counts d >= mid as
 * improved and d <= -mid as deteriorated; BY_RCI counts RCI x better >
 * critical as improved and < -critical as deteriorated.
 *
 * Thread safety: pure; may be called from any thread.
 *
 * @param before @p n first scores, finite.
 * @param after @p n second scores, finite, paired with @p before by index.
 * @param n The number of pairs, 1 or more.
 * @param options The criterion, direction and its parameters; required.
 * @param out Receives the counts.
 * @param classes Receives @p n CAREALIGN_CHANGE_ classes; may be NULL.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for no pairs, a NaN or infinite
 *         score (the last error names the index), options out of range or
 *         NULL pointers (nothing is written then); #CAREALIGN_EUNSUPPORTED
 *         for options from a newer release with unknown fields set.
 */
CAREALIGN_API carealign_status carealign_change_classify(const double *before, const double *after,
                                                         size_t n,
                                                         const carealign_change_options *options,
                                                         carealign_change_counts *out,
                                                         int32_t *classes);

/**
 * @brief Mean change between paired measurements (follow-up minus baseline)
 *        with its Student t interval, from the count, mean and sum of
 *        squared deviations of the differences.
 *
 * The paired t interval: d = after - before per pair; sd = sqrt(m2 / (n -
 * 1)); limits = mean -/+ |qt((1-c)/2, n-1)| sd / sqrt(n) (as
 * carealign_mean_t() on the differences; scipy.stats.ttest_rel's interval).
 * The arguments are what an accumulator of kind CAREALIGN_ACC_CHANGE reports
 * (n, mean, m2 of the differences). With one pair the limits are NaN, flagged
 * #CAREALIGN_EST_TOO_FEW | #CAREALIGN_EST_LOWER_NA | #CAREALIGN_EST_UPPER_NA.
 *
 * Thread safety: pure; may be called from any thread.
 *
 * @param n Number of pairs, >= 1.
 * @param mean Mean of the differences (finite).
 * @param m2 Sum of squared deviations of the differences from @p mean, >= 0.
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives the mean change, its limits, n, method #CAREALIGN_METHOD_T.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for n = 0, a NaN or infinite
 *         mean, a negative or NaN m2, a bad confidence level or a NULL @p out.
 */
CAREALIGN_API carealign_status carealign_change_mean_t(uint64_t n, double mean, double m2,
                                                       double confidence, carealign_estimate *out);

/**
 * @brief Mean change between paired scores with its Student t interval, from
 *        the pairs themselves.
 *
 * The differences d_i = after_i - before_i; their mean (summed in long
 * double, then corrected by the mean residual, as R's mean()) and sum of
 * squared deviations (second pass), then carealign_change_mean_t().
 *
 * Thread safety: pure; may be called from any thread.
 *
 * @param before @p n baseline scores, finite.
 * @param after @p n follow-up scores, finite, paired with @p before by index.
 * @param n The number of pairs, >= 1.
 * @param confidence Confidence level, 0.9 <= c < 1.
 * @param out Receives the mean change and its interval (method #CAREALIGN_METHOD_T).
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers, no pairs, a NaN
 *         or infinite score (the last error names the index) or a bad
 *         confidence level.
 */
CAREALIGN_API carealign_status carealign_change_mean_paired(const double *before,
                                                            const double *after, size_t n,
                                                            double confidence,
                                                            carealign_estimate *out);
/** @} */

/* === end of section B === */

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CAREALIGN_STATS_H */
