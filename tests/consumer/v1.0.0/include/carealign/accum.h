/**
 * @file accum.h
 * @brief Mergeable accumulators: compute an aggregate in pieces, merge the
 *        pieces in any order, and get exactly the single-run answer.
 *
 * An accumulator (::carealign_acc) collects the values of one aggregate:
 * a proportion, a mean, a rate, a directly standardised rate, a paired
 * change, a money or time total, or the distribution of an integer-valued
 * measure. Partial accumulators built on different workers (one per
 * partition of a pooled dataset, people never spanning partitions) are
 * merged with carealign_acc_merge() or shipped between processes as blobs
 * (carealign_acc_serialize(), carealign_acc_deserialize(); the format is in
 * docs/formats.md). carealign_acc_finalize() turns the result into a
 * ::carealign_estimate through the statistics layer.
 *
 * Exactness. Values on a declared grid (whole units, 1/100, 1/1000 or
 * 1/10000) are converted to integer grid units and accumulated exactly:
 * counts in 64 bits, sums and sums of squares in 128 bits. Merges of exact
 * kinds are therefore bit-identical in any order and any partitioning.
 * Only the survey-weighted forms (#CAREALIGN_ACC_WEIGHTED) use floating
 * point, with compensated sums; they agree across merge orders to about
 * 1e-15 relative.
 *
 * Provenance. Every accumulator carries a 32-byte context (the SHA-256 of
 * the canonical framework, or zeros) and the methods version of the library
 * that made it (carealign_methods_version()). Merging accumulators that
 * differ in kind, parameters, context or methods version is
 * #CAREALIGN_EINVAL.
 *
 * Missing values. NaN marks a missing value: it is skipped and counted in
 * carealign_acc_summary::n_missing. A batch is checked completely before
 * anything is added: on any error nothing is added, and the last error names
 * the index of the first bad element (never its value).
 *
 * Privacy. An accumulator of person-level data is personal data; so is its
 * blob. Error messages never contain a value.
 *
 * Thread safety: an accumulator may be used by one thread at a time;
 * functions taking a `const carealign_acc *` may run concurrently with each
 * other on the same accumulator. Different accumulators are independent.
 */
#ifndef CAREALIGN_ACCUM_H
#define CAREALIGN_ACCUM_H

#include "carealign/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup accum Accumulators
 * @brief Mergeable, serializable partial aggregates.
 * @{
 */

/**
 * @name Kinds
 * Values of carealign_acc_params::kind; never renumbered.
 * @{
 */
/** @brief A proportion: outcomes 0 or 1 (Wilson interval). */
#define CAREALIGN_ACC_PROPORTION 1
/** @brief The mean of a measure on a declared grid (t interval). */
#define CAREALIGN_ACC_MEAN 2
/** @brief A crude rate: events over person-time or a set population. */
#define CAREALIGN_ACC_RATE 3
/** @brief A directly standardised rate: events and population per band. */
#define CAREALIGN_ACC_DSR 4
/** @brief Paired change (follow-up minus baseline) on a declared grid. */
#define CAREALIGN_ACC_CHANGE 5
/** @brief Exact totals of money or time per person, with person-years. */
#define CAREALIGN_ACC_TOTAL 6
/** @brief The exact distribution of a grid-valued measure (median, quantiles). */
#define CAREALIGN_ACC_DISTRIBUTION 7
/** @} */

/**
 * @name Parameter flags
 * Bits of carealign_acc_params::flags.
 * @{
 */
/** @brief PROPORTION and MEAN only: values carry survey weights (floating point). */
#define CAREALIGN_ACC_WEIGHTED 0x1u
/** @brief RATE only: the denominator is set with carealign_acc_set_denominator(), not added. */
#define CAREALIGN_ACC_DENOMINATOR_SET 0x2u
/** @brief TOTAL only: finalize gives the amount per person-year instead of per person. */
#define CAREALIGN_ACC_PER_PERSON_YEAR 0x4u
/** @} */

/**
 * @name Units of a TOTAL
 * Values of carealign_acc_params::unit. They label what a grid unit is;
 * merging totals of different units is refused.
 * @{
 */
/** @brief A plain count (contacts, bed days counted as events). */
#define CAREALIGN_UNIT_COUNT 0
/** @brief Money in pence. */
#define CAREALIGN_UNIT_PENCE 1
/** @brief Time in whole minutes. */
#define CAREALIGN_UNIT_MINUTES 2
/** @brief Time in whole days. */
#define CAREALIGN_UNIT_DAYS 3
/** @} */

/** @brief Summary flag: the exact total does not fit carealign_acc_summary::total_units. */
#define CAREALIGN_ACC_TOTAL_OVERFLOW64 0x1u

/** @brief The size of the context: a SHA-256 digest. */
#define CAREALIGN_ACC_CONTEXT_SIZE 32

/** @brief The format version that carealign_acc_serialize() writes. */
#define CAREALIGN_ACC_FORMAT_VERSION 1

/** @brief The largest number of bands a DSR accumulator may have. */
#define CAREALIGN_ACC_MAX_BANDS 256

/**
 * @brief An accumulator: an opaque handle.
 *
 * Created by carealign_acc_new(), carealign_acc_clone() or
 * carealign_acc_deserialize(); released by carealign_acc_free().
 */
typedef struct carealign_acc carealign_acc;

/**
 * @brief What an accumulator accumulates. Caller-filled; 96 bytes.
 *
 * Zero means the documented default for every field except @c kind.
 * Parameters that do not apply to the kind must be zero (or NULL). Fill it
 * with #CAREALIGN_ACC_PARAMS_INIT or carealign_acc_params_init(). The
 * library copies everything it keeps, including @c standard.
 */
typedef struct carealign_acc_params {
    size_t size;       /**< sizeof(carealign_acc_params) as the caller knows it; at least 96. */
    int32_t kind;      /**< A CAREALIGN_ACC_ kind; required (0 is #CAREALIGN_EINVAL). */
    int32_t scale;     /**< Grid units per 1: 1 (0 means 1), 100, 1000 or 10000. MEAN, RATE (the
                          person-time), CHANGE, TOTAL and DISTRIBUTION; 0 for PROPORTION and DSR. */
    int32_t unit;      /**< TOTAL: a CAREALIGN_UNIT_ constant, 0 to 3. Zero for other kinds. */
    int32_t direction; /**< CHANGE: 0 or +1 when higher is better, -1 when lower is better. */
    double per;        /**< RATE and DSR: the rate multiplier, e.g. 100000 (0 means 100000); > 0. */
    double mid;        /**< CHANGE: the minimal important difference in value units, >= 0 and on the
                          grid; 0 means none (any change counts). */
    int32_t stdpop;    /**< DSR: 0, the European Standard Population 2013 (19 bands: 0-4, 5-9,
                          ..., 85-89, 90+), used when @c standard is NULL. */
    uint32_t n_bands;  /**< DSR: the number of bands; with @c standard NULL, 0 or 19. */
    const double *standard; /**< DSR: a custom standard population of @c n_bands finite
                               non-negative weights (copied), or NULL for @c stdpop. */
    uint32_t flags;         /**< CAREALIGN_ACC_WEIGHTED, _DENOMINATOR_SET, _PER_PERSON_YEAR. */
    uint32_t reserved;      /**< Must be zero. */
    uint8_t context[CAREALIGN_ACC_CONTEXT_SIZE]; /**< The framework's SHA-256, or zeros. */
} carealign_acc_params;

/** @brief Static initialiser for ::carealign_acc_params (all defaults; kind still needed). */
#define CAREALIGN_ACC_PARAMS_INIT                                                                  \
    {                                                                                              \
        .size = sizeof(carealign_acc_params)                                                       \
    }

/**
 * @brief What an accumulator holds, as plain numbers. Output; 136 bytes.
 *
 * Filled by carealign_acc_get_summary(). Counts are exact. Fields that do
 * not apply to the kind are 0, or NaN for @c mean, @c m2, @c min and
 * @c max when there is no value. Values are in value units (grid units
 * divided by the scale) unless stated.
 */
typedef struct carealign_acc_summary {
    size_t size;        /**< Set by the caller to sizeof(carealign_acc_summary); at least 136. */
    int32_t kind;       /**< The accumulator's kind. */
    uint32_t flags;     /**< #CAREALIGN_ACC_TOTAL_OVERFLOW64 when @c total_units does not fit. */
    uint64_t n;         /**< Values, pairs, people or band records added (missing ones excluded). */
    uint64_t n_missing; /**< Values or pairs skipped because a value was NaN. */
    uint64_t n_improved;     /**< CHANGE: pairs that improved by at least the MID. */
    uint64_t n_unchanged;    /**< CHANGE: pairs that changed by less than the MID. */
    uint64_t n_deteriorated; /**< CHANGE: pairs that deteriorated by at least the MID. */
    int64_t total_units;     /**< The exact sum in grid units (MEAN, CHANGE, TOTAL), the
                                numerator (PROPORTION unweighted), or the events (RATE, DSR),
                                when it fits; otherwise 0 with the OVERFLOW64 flag. */
    double numerator;        /**< PROPORTION: successes (weighted: their weight); RATE and DSR:
                                events; MEAN, CHANGE, TOTAL: the sum in value units. */
    double denominator;      /**< PROPORTION: trials (weighted: the sum of weights); RATE:
                                person-time or the set population; DSR: the total set population;
                                TOTAL: person-years (exposure days / 365.25). */
    double sum_weights;      /**< Weighted kinds: the sum of weights; otherwise @c n. */
    double sum_weights_sq;   /**< Weighted kinds: the sum of squared weights; otherwise @c n. */
    double effective_n;      /**< Kish's effective n, (sum w)^2 / sum w^2; otherwise @c n. */
    double min;              /**< The smallest value (CHANGE: difference); NaN when none. */
    double max;              /**< The largest value (CHANGE: difference); NaN when none. */
    double mean; /**< The (weighted) mean of the values or differences; NaN when none. */
    double m2;   /**< The (weighted) sum of squared deviations from @c mean. */
} carealign_acc_summary;

/** @brief Static initialiser for ::carealign_acc_summary. */
#define CAREALIGN_ACC_SUMMARY_INIT                                                                 \
    {                                                                                              \
        .size = sizeof(carealign_acc_summary)                                                      \
    }

/**
 * @brief Initialise a ::carealign_acc_params, as #CAREALIGN_ACC_PARAMS_INIT does.
 * @param params The struct to fill: @p size bytes are zeroed, then @c size is set.
 * @param size sizeof(carealign_acc_params) as the caller knows it; at least 96.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size below 96.
 */
CAREALIGN_API carealign_status carealign_acc_params_init(carealign_acc_params *params, size_t size);

/**
 * @brief Initialise a ::carealign_acc_summary, as #CAREALIGN_ACC_SUMMARY_INIT does.
 * @param summary The struct to fill: @p size bytes are zeroed, then @c size is set.
 * @param size sizeof(carealign_acc_summary) as the caller knows it; at least 136.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size below 136.
 */
CAREALIGN_API carealign_status carealign_acc_summary_init(carealign_acc_summary *summary,
                                                          size_t size);

/**
 * @brief Create an empty accumulator.
 *
 * The methods version is carealign_methods_version(). Kinds and the
 * parameters that apply to them:
 *
 * | kind | add | add_pair | add_band | finalize |
 * |---|---|---|---|---|
 * | PROPORTION | outcome 0 or 1, weight | - | - | Wilson |
 * | MEAN | value on the grid, weight | - | - | t |
 * | RATE | events (with DENOMINATOR_SET) | events, person-time | - | exact / Byar |
 * | DSR | - | - | band, events | Dobson |
 * | CHANGE | - | baseline, follow-up | - | t on differences |
 * | TOTAL | amount | amount, exposure days | - | mean per person (t) |
 * | DISTRIBUTION | value on the grid | - | - | median |
 *
 * @param params The parameters; read as far as their @c size allows.
 * @param out Receives the new accumulator; owned by the caller, released
 *        with carealign_acc_free().
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers, an unknown
 *         kind, a scale other than 1, 100, 1000 or 10000, a parameter that
 *         does not apply to the kind, a negative or off-grid MID, a bad
 *         standard population or non-zero @c reserved;
 *         #CAREALIGN_EUNSUPPORTED for a larger struct with unknown fields
 *         set or an unknown @c stdpop; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_acc_new(const carealign_acc_params *params,
                                                 carealign_acc **out);

/**
 * @brief Release an accumulator.
 * @param acc The accumulator, or NULL (nothing happens).
 */
CAREALIGN_API void carealign_acc_free(carealign_acc *acc);

/**
 * @brief Empty an accumulator, keeping its kind, parameters, context and
 *        methods version.
 * @param acc The accumulator, or NULL (nothing happens).
 */
CAREALIGN_API void carealign_acc_reset(carealign_acc *acc);

/**
 * @brief Copy an accumulator.
 * @param acc The accumulator to copy.
 * @param out Receives an independent copy, released with carealign_acc_free().
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_acc_clone(const carealign_acc *acc, carealign_acc **out);

/**
 * @brief Add one value.
 *
 * PROPORTION: @p value 0 or 1. MEAN, DISTRIBUTION: a value on the grid.
 * TOTAL: one person's amount on the grid (exposure 0). RATE with
 * #CAREALIGN_ACC_DENOMINATOR_SET: a whole, non-negative number of events.
 * A value is on the grid when value x scale is within 1e-9 of an integer
 * whose magnitude is at most 2^53.
 *
 * @param acc The accumulator.
 * @param value The value; NaN is missing (skipped and counted).
 * @param weight Weighted kinds: a finite weight >= 0; otherwise exactly 1.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for a NULL @p acc, a kind that
 *         does not take single values, a value off the grid or out of
 *         range, or a bad weight; #CAREALIGN_ERANGE when a sum would
 *         overflow (nothing is added); #CAREALIGN_ENOMEM (DISTRIBUTION).
 */
CAREALIGN_API carealign_status carealign_acc_add(carealign_acc *acc, double value, double weight);

/**
 * @brief Add one pair of values.
 *
 * RATE: (events, person-time on the grid), both >= 0, events whole.
 * CHANGE: (baseline, follow-up), both on the grid; the difference is
 * follow-up minus baseline. TOTAL: (amount on the grid, exposure in whole
 * days >= 0) for one person.
 *
 * @param acc The accumulator.
 * @param a The first value; NaN is missing (the pair is skipped and counted).
 * @param b The second value; NaN is missing.
 * @return As carealign_acc_add().
 */
CAREALIGN_API carealign_status carealign_acc_add_pair(carealign_acc *acc, double a, double b);

/**
 * @brief Add events in one band of a DSR accumulator.
 * @param acc A DSR accumulator.
 * @param band The band, 0 to n_bands - 1 (ESP 2013: 0 is ages 0-4, 18 is 90+).
 * @param events A whole number of events >= 0; NaN is missing.
 * @return As carealign_acc_add(); #CAREALIGN_EINVAL for a band out of range.
 */
CAREALIGN_API carealign_status carealign_acc_add_band(carealign_acc *acc, int32_t band,
                                                      double events);

/**
 * @brief Add an array of values: carealign_acc_add() for each, all or nothing.
 *
 * The arrays are read in place (no copy), so numpy arrays pass through the
 * buffer protocol. On error nothing is added and the last error names the
 * first bad index.
 *
 * @param acc The accumulator.
 * @param values @p n values; may be NULL when @p n is 0.
 * @param weights @p n weights, or NULL for all 1.
 * @param n The number of values.
 * @return As carealign_acc_add().
 */
CAREALIGN_API carealign_status carealign_acc_add_batch(carealign_acc *acc, const double *values,
                                                       const double *weights, size_t n);

/**
 * @brief Add arrays of pairs: carealign_acc_add_pair() for each, all or nothing.
 * @param acc The accumulator.
 * @param a @p n first values; may be NULL when @p n is 0.
 * @param b @p n second values; may be NULL when @p n is 0.
 * @param n The number of pairs.
 * @return As carealign_acc_add_pair(); on error nothing is added.
 */
CAREALIGN_API carealign_status carealign_acc_add_pairs(carealign_acc *acc, const double *a,
                                                       const double *b, size_t n);

/**
 * @brief Add arrays of band events: carealign_acc_add_band() for each, all or nothing.
 * @param acc A DSR accumulator.
 * @param bands @p n bands; may be NULL when @p n is 0.
 * @param events @p n event counts; may be NULL when @p n is 0.
 * @param n The number of records.
 * @return As carealign_acc_add_band(); on error nothing is added.
 */
CAREALIGN_API carealign_status carealign_acc_add_bands(carealign_acc *acc, const int32_t *bands,
                                                       const double *events, size_t n);

/**
 * @brief Add values already in integer grid units (pence, minutes, days,
 *        thousandths), all or nothing.
 *
 * For unweighted PROPORTION (0 or 1), MEAN, TOTAL (exposure 0) and
 * DISTRIBUTION. #CAREALIGN_NA_I64 (INT64_MIN) marks a missing value.
 * Magnitudes above 2^53 are
 * #CAREALIGN_EINVAL.
 *
 * @param acc The accumulator.
 * @param units @p n values in grid units; may be NULL when @p n is 0.
 * @param n The number of values.
 * @return As carealign_acc_add().
 */
CAREALIGN_API carealign_status carealign_acc_add_units(carealign_acc *acc, const int64_t *units,
                                                       size_t n);

/**
 * @brief Set the denominator of a RATE made with #CAREALIGN_ACC_DENOMINATOR_SET.
 *
 * A population table is the same in every partition: it is set, not added.
 * Setting it again replaces it. A merge requires the values of two
 * accumulators that both have one to be identical.
 *
 * @param acc A RATE accumulator with #CAREALIGN_ACC_DENOMINATOR_SET.
 * @param population A finite population >= 0.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL otherwise.
 */
CAREALIGN_API carealign_status carealign_acc_set_denominator(carealign_acc *acc, double population);

/**
 * @brief Set the population of one band of a DSR accumulator (set, not added;
 *        see carealign_acc_set_denominator()).
 * @param acc A DSR accumulator.
 * @param band The band, 0 to n_bands - 1.
 * @param population A finite population >= 0.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL otherwise.
 */
CAREALIGN_API carealign_status carealign_acc_set_band_population(carealign_acc *acc, int32_t band,
                                                                 double population);

/**
 * @brief Merge @p src into @p dst.
 *
 * For the exact kinds the result is identical, bit for bit, whatever the
 * order and grouping of the merges.
 *
 * @param dst The accumulator that receives the values; unchanged on error.
 * @param src The accumulator to add; not modified. May not be @p dst.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers, the same
 *         accumulator twice, a different kind, parameters, context or
 *         methods version, or two different set denominators;
 *         #CAREALIGN_ERANGE when a sum would overflow; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_acc_merge(carealign_acc *dst, const carealign_acc *src);

/**
 * @brief The estimate and its confidence interval, through the statistics
 *        layer (carealign/stats.h).
 *
 * | kind | estimate | interval |
 * |---|---|---|
 * | PROPORTION | successes / n, 0..1 | carealign_proportion_wilson(); weighted: Wilson on Kish's
 * effective n, (sum w)^2 / sum w^2, flagged #CAREALIGN_EST_WEIGHTED | | MEAN | the mean |
 * carealign_mean_t(); weighted: t with se = sqrt(s_w^2 / (n_eff - 1)) and n_eff - 1 degrees of
 * freedom, s_w^2 = sum w (x - mean)^2 / sum w | | RATE | events / denominator x per |
 * carealign_rate(): exact below 10 events, Byar's from 10 | | DSR | the directly standardised rate
 * x per | carealign_dsr(): Dobson with Byar's limits; fewer than 10 events give NaN | | CHANGE |
 * the mean difference | carealign_mean_t() on the differences | | TOTAL | the mean amount per
 * person | carealign_mean_t(); with #CAREALIGN_ACC_PER_PERSON_YEAR the amount per person-year with
 * the linearised variance of a ratio and a t interval on n - 1 degrees of freedom | | DISTRIBUTION
 * | the median (type 7) | distribution-free: order statistics r and n + 1 - r from the binomial(n,
 * 1/2) distribution; method #CAREALIGN_METHOD_QUANTILE |
 *
 * An empty accumulator, or too few values for an interval, gives NaN with
 * #CAREALIGN_EST_TOO_FEW (and the limit flags) and #CAREALIGN_OK, never 0.
 *
 * @param acc The accumulator.
 * @param confidence The confidence level, 0.9 <= c < 1 (the statistics
 *        layer's rule); 0 means 0.95.
 * @param out Receives the estimate; unchanged on error.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers, a bad
 *         confidence level or inputs the statistics function refuses (a DSR
 *         band population of 0); #CAREALIGN_ESTATE when a RATE's set
 *         denominator or a DSR band's population was never set.
 */
CAREALIGN_API carealign_status carealign_acc_finalize(const carealign_acc *acc, double confidence,
                                                      carealign_estimate *out);

/**
 * @brief A quantile of a DISTRIBUTION accumulator.
 *
 * Hyndman and Fan's type 7 (the default of R's quantile() and numpy's
 * quantile()): with the n values sorted, h = (n - 1) p and the result is
 * x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]), 0-based.
 *
 * @param acc A DISTRIBUTION accumulator.
 * @param p The probability, 0 to 1.
 * @param out Receives the quantile in value units; NaN when there are no values.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers, another kind
 *         or @p p outside [0, 1].
 */
CAREALIGN_API carealign_status carealign_acc_quantile(const carealign_acc *acc, double p,
                                                      double *out);

/**
 * @brief The accumulator's contents as plain numbers.
 * @param acc The accumulator.
 * @param out Receives the summary: the caller sets @c out->size; fields
 *        beyond it are not written and bytes beyond the library's struct are
 *        zeroed.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers or a size below 136.
 */
CAREALIGN_API carealign_status carealign_acc_get_summary(const carealign_acc *acc,
                                                         carealign_acc_summary *out);

/**
 * @brief The accumulator's parameters, with defaults filled in.
 * @param acc The accumulator.
 * @param out Receives the parameters: the caller sets @c out->size (at least
 *        96). @c standard points into @p acc (valid while it lives) for a
 *        custom standard population, else NULL.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers or a size below 96.
 */
CAREALIGN_API carealign_status carealign_acc_get_params(const carealign_acc *acc,
                                                        carealign_acc_params *out);

/**
 * @brief The methods version under which an accumulator was made.
 *
 * A new accumulator has carealign_methods_version(); a deserialized one has
 * the version written in its blob.
 *
 * @param acc The accumulator.
 * @param out Receives the methods version.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_acc_methods_version(const carealign_acc *acc,
                                                             uint32_t *out);

/**
 * @brief Write an accumulator as a blob (docs/formats.md): little-endian on
 *        every host, checked by CRC-32C.
 *
 * The same accumulator always gives the same bytes, and
 * serialize(deserialize(blob)) gives back @c blob. An unweighted MEAN
 * accumulator takes at most 96 bytes while its counts are below 2^32 and
 * its grid values fit 32 bits.
 *
 * @param acc The accumulator.
 * @param buf Receives the blob; may be NULL when @p cap is 0.
 * @param cap The size of @p buf.
 * @param out_len Receives the blob's length; on #CAREALIGN_EBUFSIZE, the
 *        length needed.
 * @return #CAREALIGN_OK; #CAREALIGN_EBUFSIZE when @p cap is too small
 *         (nothing written); #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_acc_serialize(const carealign_acc *acc, void *buf,
                                                       size_t cap, size_t *out_len);

/**
 * @brief Read an accumulator from a blob.
 *
 * The blob is untrusted: it is checked completely (length, CRC-32C, every
 * field, canonical encoding, internal consistency) without reading outside
 * @p buf, and the allocation it causes is bounded by @p len.
 *
 * @param buf The blob; may be NULL when @p len is 0.
 * @param len The blob's length in bytes.
 * @param out Receives a new accumulator, released with carealign_acc_free().
 * @return #CAREALIGN_OK; #CAREALIGN_ECORRUPT for a truncated, oversized,
 *         damaged or foreign blob; #CAREALIGN_EUNSUPPORTED for a newer
 *         format version; #CAREALIGN_EINVAL for NULL pointers;
 *         #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_acc_deserialize(const void *buf, size_t len,
                                                         carealign_acc **out);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CAREALIGN_ACCUM_H */
