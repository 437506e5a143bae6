/*
 * Internal to the stats layer: never installed, never exported. The
 * distribution functions here are shared by every stats source (sections A
 * and B of carealign/stats.h). Algorithms and sources: docs/methods.md,
 * "Distributions". All are pure and thread-safe (no lgamma()/signgam).
 */
#ifndef CAREALIGN_STATS_INTERNAL_H
#define CAREALIGN_STATS_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "carealign/common.h"

/* Classification without mingw-w64's math.h macros, which convert to float
 * and trip -Wfloat-conversion. */
#if defined(__GNUC__) || defined(__clang__)
#define CAREALIGN__ISNAN(x) __builtin_isnan(x)
#define CAREALIGN__ISINF(x) __builtin_isinf(x)
#define CAREALIGN__ISFINITE(x) __builtin_isfinite(x)
#else
#define CAREALIGN__ISNAN(x) isnan(x)
#define CAREALIGN__ISINF(x) isinf(x)
#define CAREALIGN__ISFINITE(x) isfinite(x)
#endif

/* Standard normal cdf P(Z <= x), from the C library's erfc. */
double carealign__norm_cdf(double x);

/* Standard normal quantile, Wichura's AS241 (PPND16). p in [0, 1]: 0 and 1
 * give -/+infinity; anything else (or NaN) gives NaN. */
double carealign__norm_quantile(double p);

/* The two-sided normal quantile of a confidence level, computed exactly as
 * PHEindicatormethods does: qnorm(confidence + (1 - confidence) / 2). */
double carealign__z_two_sided(double confidence);

/* log(Gamma(x)) for x > 0 (NaN otherwise); thread-safe replacement for
 * lgamma(). */
double carealign__lgamma(double x);

/* Regularised incomplete gamma: P(a, x) when lower_tail, else Q(a, x).
 * a > 0, x >= 0; NaN otherwise. */
double carealign__gamma_cdf(double a, double x, int lower_tail);

/* x such that P(a, x) = p (lower_tail) or Q(a, x) = p (upper tail). */
double carealign__gamma_quantile(double a, double p, int lower_tail);

/* Chi-square quantile with df >= 0 (real); df = 0 gives 0, as R does. */
double carealign__chisq_quantile(double p, double df, int lower_tail);

/* Regularised incomplete beta I_x(a, b) (lower_tail) or 1 - I_x(a, b).
 * y must be 1 - x, passed separately so that no precision is lost. */
double carealign__beta_cdf(double x, double y, double a, double b, int lower_tail);

/* Student t cdf P(T <= t) (lower_tail) or P(T > t); df > 0. */
double carealign__t_cdf(double t, double df, int lower_tail);

/* Student t quantile: t with P(T <= t) = p; df > 0. */
double carealign__t_quantile(double p, double df);

/* One t quantile of a t-quantile memo: (p, df) and its answer. */
typedef struct carealign__t_memo_entry {
    double p, df, t; /* df 0: an empty slot */
} carealign__t_memo_entry;

/* A memo of t quantiles by (p, df) owned by one caller for the span of one
 * job (a scorecard's finalize, where many groups share a df): each pair is
 * solved once. Not shared between threads. Start it zeroed (no allocation
 * until the first answer), free it with carealign__t_memo_free. */
typedef struct carealign__t_memo {
    carealign__t_memo_entry *entries; /* open addressing, linear probing */
    size_t cap;                       /* 0 or 2^bits slots */
    size_t n;                         /* slots in use, at most cap / 2 */
    unsigned bits;
} carealign__t_memo;

/* carealign__t_quantile(p, df) through `memo` (NULL: no memo). The same
 * bits either way; when the memo cannot grow (out of memory) the answer is
 * computed and not kept. */
double carealign__t_quantile_memo(carealign__t_memo *memo, double p, double df);

/* Release a memo's table and empty it. */
void carealign__t_memo_free(carealign__t_memo *memo);

/* Poisson P(X <= k) (lower_tail) or P(X > k), mean mu >= 0, k real >= 0
 * (floored). */
double carealign__poisson_cdf(double k, double mu, int lower_tail);

/* Binomial P(X <= k) (lower_tail) or P(X > k) for n trials of probability
 * p; k floored. */
double carealign__binom_cdf(double k, double n, double p, int lower_tail);

/* Validate a confidence level: PHEindicatormethods accepts 0.9 <= c <= 1
 * (or 90..100); the issue requires c in (0, 1). carealign accepts the
 * intersection, 0.9 <= c < 1, and nothing else (docs/methods.md). */
carealign_status carealign__check_confidence(double confidence, const char *func);

/* The interval of a Poisson count, exact (chi-square) below 10 events and
 * Byar's from 10, as PHEindicatormethods does. Fills lower and upper on the
 * count scale, the method and flags. */
void carealign__count_interval(double count, double confidence, double *lower, double *upper,
                               int32_t *method, uint32_t *flags);

/* Set an estimate (if not NULL) to "none": NaN value, limits and n, no
 * method, no flags. */
void carealign__estimate_clear(carealign_estimate *out);

/* carealign_mean_t with its t quantile through `memo` (NULL: none); the
 * same checks, messages and bits. */
carealign_status carealign__mean_t_memo(uint64_t n, double mean, double m2, double confidence,
                                        carealign__t_memo *memo, carealign_estimate *out);

/* count / base * scale with the count's interval (carealign__count_interval)
 * scaled alike, n = base: a rate per `scale` (carealign_rate) or an
 * indirectly standardised ratio (O / E * scale). Checks, in this order and
 * naming the arguments in the errors of `fn`: out, count (finite, >= 0,
 * called count_name), base (finite, > 0, base_name), scale (finite, > 0,
 * scale_name) unless scale_name is NULL, confidence. out is cleared first. */
carealign_status carealign__scaled_count(double count, double base, double scale, double confidence,
                                         carealign_estimate *out, const char *fn,
                                         const char *count_name, const char *base_name,
                                         const char *scale_name);

/* Byar's limits on a count (PHEindicatormethods byars_lower/byars_upper);
 * the lower limit is NaN when negative or undefined. */
double carealign__byar_lower(double count, double z);
double carealign__byar_upper(double count, double z);

/* PHE's funnel_ratio_significance(obs, expected, p, side): the unit's own
 * exact (obs < 10) or Byar's limit of obs at level p (0.95 or 0.998),
 * divided by expected (lib/stats/funnel.c). */
double carealign__funnel_ratio_test(double obs, double expected, double p, int32_t side);

/* R's random numbers (lib/stats/sii.c), for the tests: n normals
 * (rnorm(n), "Inversion") or uniforms (runif(n)) after set.seed(seed). */
void carealign__r_rng_norm(int32_t seed, double *out, size_t n);
void carealign__r_rng_unif(int32_t seed, double *out, size_t n);

#endif /* CAREALIGN_STATS_INTERNAL_H */
