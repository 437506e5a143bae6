/**
 * @file scorecard.h
 * @brief The scorecard: records x framework -> every measure at every level,
 *        with intervals, trends, comparisons and disclosure control.
 *
 * Lifecycle: carealign_scorecard_new() -> carealign_scorecard_register_ids()
 * -> feed organisations and populations -> feed people -> feed responses,
 * FFT counts and contacts (records or columns) -> carealign_scorecard_close_person()
 * (grouped mode) -> carealign_scorecard_finalize() -> read results
 * (carealign_scorecard_get_result() and friends) and write output
 * (carealign_scorecard_write()). Partial scorecards (before finalize) can be
 * serialized, shipped and merged (carealign_scorecard_merge()); the merged
 * result is identical, bit for bit, to a single run over the same people.
 *
 * Feeds never stop at a bad row: each rejected row gets a reason code
 * (CAREALIGN_REJECT_*) in @c row_reason[i] when that array is given, the call
 * still returns #CAREALIGN_OK, and for every feed used + rejected = read
 * (carealign_scorecard_get_counts()). People who opted out of the use of
 * their data, and people outside the framework's population base, are
 * "used" but excluded from every figure, and counted separately; so are
 * their responses and contacts.
 *
 * Ownership: the framework is borrowed and must outlive the scorecard.
 * Records, columns and strings passed in are borrowed for the call only;
 * the scorecard copies what it keeps (organisation names, dictionary
 * strings). Strings it returns stay valid until carealign_scorecard_free().
 *
 * Thread safety: a scorecard is used by one thread at a time; functions
 * taking a `const carealign_scorecard *` may run concurrently with each
 * other. Parallel runs use one scorecard per partition of people and merge.
 *
 * Privacy: a scorecard and its serialized blob hold person-level
 * aggregates and are personal data. Error messages name the feed, row and
 * field, never a person or an answer. docs/scorecard.md gives the method.
 */
#ifndef CAREALIGN_SCORECARD_H
#define CAREALIGN_SCORECARD_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/common.h"
#include "carealign/accum.h"
#include "carealign/journey.h"
#include "carealign/framework.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup scorecard Scorecard
 * @brief Records x framework -> results at every level; serialize, merge,
 *        finalize, read, write.
 * @{
 */

/**
 * @brief A scorecard under construction or finalized (opaque).
 *
 * Created by carealign_scorecard_new() or carealign_scorecard_deserialize(),
 * released by carealign_scorecard_free().
 */
typedef struct carealign_scorecard carealign_scorecard;

/**
 * @name Dictionaries
 * Values of the @c dict argument of carealign_scorecard_register_ids().
 * Records refer to people, organisations, areas, practices, ethnic groups
 * and professionals by int32 indices into these dictionaries.
 * @{
 */
/** @brief Person keys (optional: without it, person ids are the caller's own indices). */
#define CAREALIGN_DICT_PERSON 0
/** @brief Organisations (ODS codes). */
#define CAREALIGN_DICT_ORG 1
/** @brief Areas (ONS local authority codes), matched against the population base. */
#define CAREALIGN_DICT_AREA 2
/** @brief GP practices (ODS codes), matched against a registered population base. */
#define CAREALIGN_DICT_PRACTICE 3
/** @brief Ethnic groups (the framework's classification). */
#define CAREALIGN_DICT_ETHNICITY 4
/** @brief Professionals. */
#define CAREALIGN_DICT_PROFESSIONAL 5
/** @brief The number of dictionaries (one more than the largest CAREALIGN_DICT_ value). */
#define CAREALIGN_DICT_COUNT 6
/** @} */

/**
 * @name Row reasons
 * Values written to @c row_reason[i] by the feeds; 0 means accepted. Never
 * renumbered; carealign_reject_reason_name() gives a short name.
 * @{
 */
/** @brief The row was accepted (used, possibly excluded). */
#define CAREALIGN_REJECT_NONE 0
/** @brief The row's size differs from the first row's (stride rule) or is too small. */
#define CAREALIGN_REJECT_SIZE 1
/** @brief A required field is missing (NA, NULL column, or its @c has bit unset). */
#define CAREALIGN_REJECT_MISSING_FIELD 2
/** @brief A field is outside its range (negative index, month 13, unknown code, bad weight). */
#define CAREALIGN_REJECT_OUT_OF_RANGE 3
/** @brief The person index was never fed with carealign_scorecard_feed_people(). */
#define CAREALIGN_REJECT_UNKNOWN_PERSON 4
/** @brief The organisation index was never fed with carealign_scorecard_feed_organisations(). */
#define CAREALIGN_REJECT_UNKNOWN_ORG 5
/** @brief The area index is not in the area dictionary. */
#define CAREALIGN_REJECT_UNKNOWN_AREA 6
/** @brief An end day is before its start day. */
#define CAREALIGN_REJECT_END_BEFORE_START 7
/** @brief The items could not be scored (wrong count or an out-of-range item). A response
 *         whose only fault is missing items is used, unscored (docs/scorecard.md). */
#define CAREALIGN_REJECT_BAD_ITEMS 8
/** @brief The response's stated value set is not the one the framework names. */
#define CAREALIGN_REJECT_VALUESET_MISMATCH 9
/** @brief The row repeats one already fed (same person, organisation, population cell). */
#define CAREALIGN_REJECT_DUPLICATE 10
/** @brief The person was closed with carealign_scorecard_close_person(). */
#define CAREALIGN_REJECT_PERSON_CLOSED 11
/** @brief One more than the largest reason code. */
#define CAREALIGN_REJECT_COUNT 12
/** @} */

/**
 * @name Feeds
 * Values of the @c feed argument of carealign_scorecard_get_counts().
 * @{
 */
/** @brief carealign_scorecard_feed_organisations(). */
#define CAREALIGN_FEED_ORGANISATIONS 1
/** @brief carealign_scorecard_feed_populations(). */
#define CAREALIGN_FEED_POPULATIONS 2
/** @brief carealign_scorecard_feed_people() and its columnar form. */
#define CAREALIGN_FEED_PEOPLE 3
/** @brief carealign_scorecard_feed_responses() and its columnar form. */
#define CAREALIGN_FEED_RESPONSES 4
/** @brief carealign_scorecard_feed_fft(). */
#define CAREALIGN_FEED_FFT 5
/** @brief carealign_scorecard_feed_contacts() and its columnar form. */
#define CAREALIGN_FEED_CONTACTS 6
/** @} */

/**
 * @name Scorecard option flags
 * Bits of carealign_scorecard_options::flags.
 * @{
 */
/** @brief Input arrives grouped by person: memory stays bounded by the result groups plus the
 *         people not yet closed; carealign_scorecard_close_person() is required. */
#define CAREALIGN_SC_GROUPED 0x1u
/** @brief No disclosure control (in-house use only); every result and output says so. */
#define CAREALIGN_SC_NO_DISCLOSURE 0x2u
/** @} */

/**
 * @brief Options of carealign_scorecard_new(). Caller-filled; 24 bytes;
 *        minimum size 24. Zero means the default for every field.
 */
typedef struct carealign_scorecard_options {
    size_t size;       /**< sizeof(carealign_scorecard_options) as the caller knows it. */
    uint32_t flags;    /**< CAREALIGN_SC_GROUPED, CAREALIGN_SC_NO_DISCLOSURE. */
    uint32_t reserved; /**< Must be zero. */
    double confidence; /**< Confidence level of every interval, in (0, 1); 0 means 0.95. */
} carealign_scorecard_options;

/** @brief Static initialiser for ::carealign_scorecard_options (all defaults). */
#define CAREALIGN_SCORECARD_OPTIONS_INIT                                                           \
    {                                                                                              \
        .size = sizeof(carealign_scorecard_options)                                                \
    }

/**
 * @brief Zero @p size bytes of @p opt, then set its size.
 * @param opt The struct to fill.
 * @param size sizeof(carealign_scorecard_options) as the caller knows it; at least 24.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 24.
 */
CAREALIGN_API carealign_status carealign_scorecard_options_init(carealign_scorecard_options *opt,
                                                                size_t size);

/**
 * @brief One organisation. Caller-filled; 32 bytes; minimum size 32.
 */
typedef struct carealign_organisation {
    size_t size;      /**< sizeof(carealign_organisation) as the caller knows it. */
    int32_t org;      /**< Organisation index (CAREALIGN_DICT_ORG, or the caller's own), >= 0. */
    int32_t sector;   /**< Main sector (CAREALIGN_SECTOR_*, 1 to 9): its peers for funnels. */
    const char *name; /**< Display name, UTF-8 (copied); may be NULL when @c name_len is 0. */
    size_t name_len;  /**< Bytes in @c name. */
} carealign_organisation;

/** @brief Static initialiser for ::carealign_organisation. */
#define CAREALIGN_ORGANISATION_INIT                                                                \
    {                                                                                              \
        .size = sizeof(carealign_organisation)                                                     \
    }

/**
 * @brief Zero @p size bytes of @p org, then set its size.
 * @param org The struct to fill.
 * @param size sizeof(carealign_organisation) as the caller knows it; at least 32.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 32.
 */
CAREALIGN_API carealign_status carealign_organisation_init(carealign_organisation *org,
                                                           size_t size);

/** @brief carealign_population::age_upper is set (otherwise the band is open: age_lower and
 *         over). */
#define CAREALIGN_POP_HAS_AGE_UPPER 0x1u

/**
 * @brief One cell of a population table (ONS mid-year estimates): the
 *        number of people of an area, year, sex and age band. Caller-filled;
 *        40 bytes; minimum size 40.
 *
 * Populations are denominators that are the same in every partition: they
 * are set, not added. A second row for the same cell is rejected
 * (#CAREALIGN_REJECT_DUPLICATE). Merging scorecards requires identical
 * population tables.
 */
typedef struct carealign_population {
    size_t size;       /**< sizeof(carealign_population) as the caller knows it. */
    uint32_t has;      /**< #CAREALIGN_POP_HAS_AGE_UPPER. */
    int32_t area;      /**< Area index (CAREALIGN_DICT_AREA). */
    int32_t year;      /**< Mid-year of the estimate, e.g. 2025. */
    int32_t sex;       /**< 1 male, 2 female (NHS Data Dictionary); 0 = persons. */
    int32_t age_lower; /**< First age of the band, 0 to 150. */
    int32_t age_upper; /**< Last age of the band (inclusive); with HAS_AGE_UPPER. */
    int64_t count;     /**< People, >= 0. */
} carealign_population;

/** @brief Static initialiser for ::carealign_population. */
#define CAREALIGN_POPULATION_INIT                                                                  \
    {                                                                                              \
        .size = sizeof(carealign_population)                                                       \
    }

/**
 * @brief Zero @p size bytes of @p pop, then set its size.
 * @param pop The struct to fill.
 * @param size sizeof(carealign_population) as the caller knows it; at least 40.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 40.
 */
CAREALIGN_API carealign_status carealign_population_init(carealign_population *pop, size_t size);

/**
 * @name Response fields and flags
 * @{
 */
/** @brief carealign_response::org is set. */
#define CAREALIGN_RESPONSE_HAS_ORG 0x1u
/** @brief carealign_response::valueset is set (and must match the framework's). */
#define CAREALIGN_RESPONSE_HAS_VALUESET 0x2u
/** @brief carealign_response::weight is set (otherwise 1). */
#define CAREALIGN_RESPONSE_HAS_WEIGHT 0x4u
/** @brief The response was given by a proxy (carer, relative) on the person's behalf. */
#define CAREALIGN_RESPONSE_PROXY 0x1u
/**
 * @brief carealign_response::instrument (and carealign_response_columns::instrument)
 *        for Goal Attainment Scaling, which is not in the instrument registry.
 *
 * The items are one attainment level per goal, each -2..+2, at least one
 * goal, all weights 1; the score is the Kiresuk-Sherman T-score
 * (carealign_gas_tscore()) with the rho of the framework's value set
 * (`tscore-rho-0.3`: 0.3). A stated value set is index 0 (`tscore-rho-0.3`),
 * the only one. A goal out of range rejects the row
 * (#CAREALIGN_REJECT_BAD_ITEMS); a goal not rated (#CAREALIGN_ITEM_MISSING)
 * leaves the row used but unscored, in no measure.
 */
#define CAREALIGN_RESPONSE_INSTRUMENT_GAS (-2)
/** @} */

/**
 * @brief One questionnaire response of a person. Caller-filled; 56 bytes;
 *        minimum size 56.
 *
 * The items are scored, with the value set each measure using the
 * instrument names, when the person is processed; the items are not kept.
 */
typedef struct carealign_response {
    size_t size;          /**< sizeof(carealign_response) as the caller knows it. */
    uint32_t has;         /**< CAREALIGN_RESPONSE_HAS_ bits. */
    uint32_t flags;       /**< #CAREALIGN_RESPONSE_PROXY. */
    int32_t person;       /**< Person index. */
    int32_t org;          /**< Organisation index; with HAS_ORG. */
    int32_t day;          /**< Day of the response (days since 1970-01-01). */
    int32_t instrument;   /**< Registry index (carealign_instrument_get()) or
                               #CAREALIGN_RESPONSE_INSTRUMENT_GAS. */
    int32_t valueset;     /**< Value set index within the instrument; with HAS_VALUESET. */
    int32_t n_items;      /**< Entries in @c items: the instrument's item count (GAS: goals). */
    const int32_t *items; /**< Item levels in the registry's order (borrowed for the call). */
    double weight;        /**< Survey weight, finite and > 0; with HAS_WEIGHT. */
} carealign_response;

/** @brief Static initialiser for ::carealign_response. */
#define CAREALIGN_RESPONSE_INIT                                                                    \
    {                                                                                              \
        .size = sizeof(carealign_response)                                                         \
    }

/**
 * @brief Zero @p size bytes of @p r, then set its size.
 * @param r The struct to fill.
 * @param size sizeof(carealign_response) as the caller knows it; at least 56.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 56.
 */
CAREALIGN_API carealign_status carealign_response_init(carealign_response *r, size_t size);

/** @brief carealign_fft_counts::mode is set. */
#define CAREALIGN_FFT_HAS_MODE 0x1u

/**
 * @brief Aggregate Friends and Family Test counts of one organisation and
 *        month (FFT is anonymous). Caller-filled; 72 bytes; minimum size 72.
 *
 * A second row for the same organisation, month and mode is rejected
 * (#CAREALIGN_REJECT_DUPLICATE).
 */
typedef struct carealign_fft_counts {
    size_t size;       /**< sizeof(carealign_fft_counts) as the caller knows it. */
    int32_t org;       /**< Organisation index. */
    int32_t month;     /**< The first day of the month (days since 1970-01-01). */
    int32_t mode;      /**< Collection mode, a local code >= 0; with HAS_MODE. */
    uint32_t has;      /**< #CAREALIGN_FFT_HAS_MODE. */
    int64_t counts[6]; /**< Very good, good, neither, poor, very poor, don't know; each >= 0. */
} carealign_fft_counts;

/** @brief Static initialiser for ::carealign_fft_counts. */
#define CAREALIGN_FFT_COUNTS_INIT                                                                  \
    {                                                                                              \
        .size = sizeof(carealign_fft_counts)                                                       \
    }

/**
 * @brief Zero @p size bytes of @p c, then set its size.
 * @param c The struct to fill.
 * @param size sizeof(carealign_fft_counts) as the caller knows it; at least 72.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 72.
 */
CAREALIGN_API carealign_status carealign_fft_counts_init(carealign_fft_counts *c, size_t size);

/**
 * @brief Parallel columns of responses to one instrument. Caller-filled;
 *        80 bytes; minimum size 80. Borrowed for the call; never copied.
 */
typedef struct carealign_response_columns {
    size_t size;           /**< sizeof(carealign_response_columns). */
    size_t n;              /**< Rows. */
    int32_t instrument;    /**< Registry index of every row's instrument, or
                              #CAREALIGN_RESPONSE_INSTRUMENT_GAS. */
    int32_t valueset;      /**< Stated value set index, or #CAREALIGN_NA_I32 for "not stated". */
    size_t n_items;        /**< Items per row: the instrument's item count. */
    const int32_t *items;  /**< n x n_items levels, row-major; required. */
    const int32_t *person; /**< Person index per row; required. */
    const int32_t *org;    /**< Organisation per row; NULL or #CAREALIGN_NA_I32 = none. */
    const int32_t *day;    /**< Day per row; required. */
    const double *weight;  /**< Survey weight per row; NULL = unweighted, NaN = none. */
    const uint32_t *flags; /**< #CAREALIGN_RESPONSE_PROXY per row; NULL = none. */
} carealign_response_columns;

/** @brief Static initialiser for ::carealign_response_columns (no rows). */
#define CAREALIGN_RESPONSE_COLUMNS_INIT                                                            \
    {                                                                                              \
        .size = sizeof(carealign_response_columns)                                                 \
    }

/**
 * @brief Zero @p size bytes of @p cols, then set its size.
 * @param cols The struct to fill.
 * @param size sizeof(carealign_response_columns) as the caller knows it; at least 80.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 80.
 */
CAREALIGN_API carealign_status carealign_response_columns_init(carealign_response_columns *cols,
                                                               size_t size);

/**
 * @brief What one feed read. Output; 64 bytes; minimum size 48.
 *
 * Always read == used + rejected; the excluded rows are among the used.
 * A caller whose struct ends before @c weights_not_applied (48 bytes) or
 * before @c unscored (56 bytes, release 1.0.0) receives the fields that fit.
 */
typedef struct carealign_feed_counts {
    size_t size;                    /**< Set by the caller to sizeof(carealign_feed_counts). */
    uint64_t read;                  /**< Rows given. */
    uint64_t used;                  /**< Rows accepted (including excluded ones). */
    uint64_t rejected;              /**< Rows rejected with a reason. */
    uint64_t excluded_opt_out;      /**< Accepted rows of people who opted out (not counted). */
    uint64_t excluded_outside_base; /**< Accepted rows of people outside the population base. */
    uint64_t weights_not_applied;   /**< Responses only: used rows with a survey weight other than
                                         1 that no weighted measure uses (no measure with
                                         #CAREALIGN_MEASURE_WEIGHTED names the row's instrument
                                         and value set), so the weight is applied nowhere
                                         (docs/scorecard.md, "Survey weights"). Since format
                                         version 2. */
    uint64_t unscored;              /**< Responses only: used rows of an instrument a measure uses
                                         whose score is missing (a missing item, a GAS goal not
                                         rated): in no measure (docs/scorecard.md). Since format
                                         version 3; 0 in partials read from format 2. */
} carealign_feed_counts;

/** @brief Static initialiser for ::carealign_feed_counts. */
#define CAREALIGN_FEED_COUNTS_INIT                                                                 \
    {                                                                                              \
        .size = sizeof(carealign_feed_counts)                                                      \
    }

/**
 * @brief Zero @p size bytes of @p c, then set its size.
 * @param c The struct to fill.
 * @param size sizeof(carealign_feed_counts) as the caller knows it; at least 48.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 48.
 */
CAREALIGN_API carealign_status carealign_feed_counts_init(carealign_feed_counts *c, size_t size);

/**
 * @name Result kinds, levels and flags
 * @{
 */
/** @brief Result kind: the measure's estimate for a level, unit, stratum and period. */
#define CAREALIGN_RESULT_ESTIMATE 0
/** @brief Result kind: slope index of inequality across deprivation groups. */
#define CAREALIGN_RESULT_SII 1
/** @brief Result kind: relative index of inequality (SII over the mean). */
#define CAREALIGN_RESULT_RII 2
/** @brief Level: the whole system, each person counted once (unit -1). */
#define CAREALIGN_LEVEL_SYSTEM 0
/** @brief Level: one sector's events (unit = CAREALIGN_SECTOR_ code). */
#define CAREALIGN_LEVEL_SECTOR 1
/** @brief Level: one organisation's events (unit = organisation index). */
#define CAREALIGN_LEVEL_ORG 2
/** @brief Level: the whole-system figure of the people an organisation served (unit =
 *         organisation index): cost or harm shifted to a partner shows up here. */
#define CAREALIGN_LEVEL_COHORT 3
/** @brief Result flag: too few values for an estimate or interval (value NaN). */
#define CAREALIGN_RES_TOO_FEW 0x1u
/** @brief Result flag: suppressed by the disclosure rule (primary). */
#define CAREALIGN_RES_SUPPRESSED 0x2u
/** @brief Result flag: suppressed so that no suppressed cell can be recovered by differencing. */
#define CAREALIGN_RES_SECONDARY_SUPPRESSED 0x4u
/** @brief Result flag: the published counts are rounded (disclosure rule). */
#define CAREALIGN_RES_ROUNDED 0x8u
/** @brief Result flag: the measure is a local definition (no official reference). */
#define CAREALIGN_RES_LOCAL_DEFINITION 0x10u
/** @brief Result flag: no denominator (e.g. no population for the level): no score, never 0. */
#define CAREALIGN_RES_NO_DENOMINATOR 0x20u
/** @brief Result flag: produced without disclosure control (#CAREALIGN_SC_NO_DISCLOSURE). */
#define CAREALIGN_RES_NO_DISCLOSURE 0x40u
/** @brief Result flag: the estimate uses survey weights. */
#define CAREALIGN_RES_WEIGHTED 0x80u
/** @brief Result flag: a directly standardised rate. */
#define CAREALIGN_RES_STANDARDISED 0x100u
/** @brief Stratum dimension meaning "all" (the margin). */
#define CAREALIGN_STRATUM_MARGIN (-1)
/** @brief Period meaning the whole reporting period. */
#define CAREALIGN_PERIOD_WHOLE (-1)
/** @} */

/**
 * @brief One result row. Output; 144 bytes; minimum size 144.
 *
 * Values are as published: after disclosure control unless the scorecard
 * was made with #CAREALIGN_SC_NO_DISCLOSURE. Fields that do not apply are
 * -1 (codes) or NaN (numbers).
 */
typedef struct carealign_result {
    size_t size;          /**< Set by the caller to sizeof(carealign_result). */
    int32_t measure;      /**< Framework measure index (file order). */
    int32_t kind;         /**< CAREALIGN_RESULT_*. */
    int32_t level;        /**< CAREALIGN_LEVEL_*. */
    int32_t unit;         /**< Sector code, organisation index, or -1 (system). */
    int32_t period;       /**< Interval index, or #CAREALIGN_PERIOD_WHOLE. */
    int32_t period_start; /**< First day of the period (days since 1970-01-01). */
    int32_t period_end;   /**< Last day of the period (inclusive). */
    /** {dim_a, value_a, dim_b, value_b}: dims are framework stratum indices
     *  (carealign_framework_get_stratum()), #CAREALIGN_STRATUM_MARGIN when unused; values are
     *  the 0-based age band, the sex code, the ethnicity dictionary index or the deprivation
     *  group (1 = most deprived). */
    int32_t stratum[4];
    int32_t target_met;          /**< -1 no target or no value, 0 not met, 1 met (by the improvement
                                      direction, inclusive). */
    uint32_t flags;              /**< CAREALIGN_RES_* flags. */
    int32_t reserved;            /**< Zero. */
    carealign_estimate estimate; /**< Value and interval in the measure's unit (x per). */
    double numerator;            /**< Numerator (events, successes, sum); NaN when suppressed. */
    double denominator;          /**< Denominator (people, trials, person-time, population). */
    double target;               /**< The measure's target; NaN when none. */
    int32_t spc_point;           /**< Period rows: CAREALIGN_SPC_ point flags; whole rows: -1. */
    int32_t spc_variation; /**< Whole-period rows with SPC: CAREALIGN_SPC_VARIATION_*; else -1. */
    int32_t spc_assurance; /**< Whole-period rows with SPC: CAREALIGN_SPC_ASSURANCE_*; else -1. */
    int32_t funnel;        /**< Organisation rows of comparable measures: CAREALIGN_FUNNEL_*
                                significance; else -1. */
} carealign_result;

/** @brief Static initialiser for ::carealign_result. */
#define CAREALIGN_RESULT_INIT                                                                      \
    {                                                                                              \
        .size = sizeof(carealign_result)                                                           \
    }

/**
 * @brief Zero @p size bytes of @p r, then set its size.
 * @param r The struct to fill.
 * @param size sizeof(carealign_result) as the caller knows it; at least 144.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 144.
 */
CAREALIGN_API carealign_status carealign_result_init(carealign_result *r, size_t size);

/** @brief Aim summary flag: @c composite is computed. */
#define CAREALIGN_AIM_HAS_COMPOSITE 0x1u

/**
 * @brief Per aim, level and unit: how many measures are on target,
 *        improving, stable or of concern, and the composite score. Output;
 *        64 bytes; minimum 56 (a caller built before @c n_composite gets
 *        the fields that fit).
 */
typedef struct carealign_aim_summary {
    size_t size;              /**< Set by the caller to sizeof(carealign_aim_summary). */
    int32_t aim;              /**< CAREALIGN_AIM_*. */
    int32_t level;            /**< CAREALIGN_LEVEL_*. */
    int32_t unit;             /**< As carealign_result::unit. */
    int32_t n_measures;       /**< Measures of the aim. */
    int32_t n_on_target;      /**< ... whose whole-period estimate meets its target. */
    int32_t n_improving;      /**< ... whose SPC shows special cause improvement. */
    int32_t n_stable;         /**< ... whose SPC shows common cause variation only. */
    int32_t n_concern;        /**< ... whose SPC shows special cause concern. */
    int32_t n_not_computable; /**< ... with no value (too few, suppressed, no denominator). */
    uint32_t flags;           /**< #CAREALIGN_AIM_HAS_COMPOSITE. */
    double composite;         /**< Mean of the 1..4 measure scores (docs/scorecard.md); NaN when
                                   none. Always published with its parts. */
    int32_t n_composite;      /**< Measures scored in @c composite (its parts): those with a
                                   framework rule and a published value. */
    int32_t reserved;         /**< Zero. */
} carealign_aim_summary;

/** @brief Static initialiser for ::carealign_aim_summary. */
#define CAREALIGN_AIM_SUMMARY_INIT                                                                 \
    {                                                                                              \
        .size = sizeof(carealign_aim_summary)                                                      \
    }

/**
 * @brief Zero @p size bytes of @p s, then set its size.
 * @param s The struct to fill.
 * @param size sizeof(carealign_aim_summary) as the caller knows it; at least 56.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 56.
 */
CAREALIGN_API carealign_status carealign_aim_summary_init(carealign_aim_summary *s, size_t size);

/**
 * @name Output formats
 * Values of the @c format argument of carealign_scorecard_write().
 * @{
 */
/** @brief JSON report (docs/report-schema.md). */
#define CAREALIGN_FORMAT_JSON 1
/** @brief CSV, one line per result row. */
#define CAREALIGN_FORMAT_CSV 2
/** @brief FHIR R4 Bundle of MeasureReport resources (summary). */
#define CAREALIGN_FORMAT_FHIR 3
/** @} */

/** @brief The magic of a serialized scorecard ("CASC"). */
#define CAREALIGN_SCORECARD_MAGIC "CASC"
/** @brief The format version release 1.0.0's carealign_scorecard_serialize() wrote (still read;
 *         the value is frozen): see #CAREALIGN_SCORECARD_FORMAT_CURRENT. */
#define CAREALIGN_SCORECARD_FORMAT_VERSION 2
/** @brief The format version carealign_scorecard_serialize() writes now (3: adds
 *         carealign_feed_counts::unscored); carealign_scorecard_deserialize() reads 2 and 3. */
#define CAREALIGN_SCORECARD_FORMAT_CURRENT 3

/**
 * @brief Create a scorecard for a framework.
 *
 * Reads every measure's criteria and journey options once.
 *
 * @param fw The framework; borrowed, must outlive the scorecard.
 * @param opt Options, or NULL for the defaults.
 * @param out Receives the scorecard; release with carealign_scorecard_free().
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers, bad options or
 *         a framework the engine cannot evaluate (the message names the
 *         measure); #CAREALIGN_EUNSUPPORTED for unknown option fields or
 *         flags; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_scorecard_new(const carealign_framework *fw,
                                                       const carealign_scorecard_options *opt,
                                                       carealign_scorecard **out);

/**
 * @brief Release a scorecard and every string it returned.
 * @param sc The scorecard; NULL is a no-op.
 */
CAREALIGN_API void carealign_scorecard_free(carealign_scorecard *sc);

/**
 * @brief Register strings into a dictionary (Arrow layout: bytes plus n + 1
 *        offsets).
 *
 * String i is bytes[offsets[i] .. offsets[i + 1]). A string already in the
 * dictionary maps to its earlier index; new ones get the next index, so
 * indices are dense from 0 in order of first registration. Allowed until
 * finalize.
 *
 * @param sc The scorecard.
 * @param dict A CAREALIGN_DICT_ constant.
 * @param bytes The concatenated UTF-8 strings (may be NULL when every string is empty).
 * @param offsets n + 1 non-decreasing byte offsets into @p bytes.
 * @param n The number of strings.
 * @param out_indices Receives n indices; may be NULL.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers, an unknown
 *         dictionary, decreasing offsets or more than INT32_MAX strings (nothing
 *         registered); #CAREALIGN_ESTATE after finalize; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_scorecard_register_ids(carealign_scorecard *sc,
                                                                int32_t dict, const char *bytes,
                                                                const uint64_t *offsets, size_t n,
                                                                int32_t *out_indices);

/**
 * @brief A dictionary string by index.
 * @param sc The scorecard.
 * @param dict A CAREALIGN_DICT_ constant.
 * @param index The index.
 * @param out Receives the NUL-terminated string (owned by the scorecard).
 * @param out_len Receives its length in bytes.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL pointers or an unknown dictionary.
 */
CAREALIGN_API carealign_status carealign_scorecard_get_id(const carealign_scorecard *sc,
                                                          int32_t dict, int32_t index,
                                                          const char **out, size_t *out_len);

/**
 * @brief Feed organisations (strided by recs[0].size).
 * @param sc The scorecard.
 * @param recs The records.
 * @param n The number of records.
 * @param row_reason n reason codes (CAREALIGN_REJECT_*); may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return #CAREALIGN_OK even when rows are rejected; #CAREALIGN_EINVAL for
 *         NULL @p sc or NULL @p recs with n > 0; #CAREALIGN_ESTATE after
 *         finalize; #CAREALIGN_ENOMEM (rows before the failing one are kept
 *         and counted).
 */
CAREALIGN_API carealign_status
carealign_scorecard_feed_organisations(carealign_scorecard *sc, const carealign_organisation *recs,
                                       size_t n, int32_t *row_reason, size_t *out_n_rejected);

/**
 * @brief Feed population cells (strided by recs[0].size); see ::carealign_population.
 * @param sc The scorecard.
 * @param recs The records.
 * @param n The number of records.
 * @param row_reason n reason codes; may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return As carealign_scorecard_feed_organisations().
 */
CAREALIGN_API carealign_status
carealign_scorecard_feed_populations(carealign_scorecard *sc, const carealign_population *recs,
                                     size_t n, int32_t *row_reason, size_t *out_n_rejected);

/**
 * @brief Feed people (strided by recs[0].size).
 *
 * A person fed twice is rejected (#CAREALIGN_REJECT_DUPLICATE). Opted-out
 * people and people outside the population base are accepted and counted
 * as excluded.
 *
 * @param sc The scorecard.
 * @param recs The records.
 * @param n The number of records.
 * @param row_reason n reason codes; may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return As carealign_scorecard_feed_organisations().
 */
CAREALIGN_API carealign_status carealign_scorecard_feed_people(carealign_scorecard *sc,
                                                               const carealign_person *recs,
                                                               size_t n, int32_t *row_reason,
                                                               size_t *out_n_rejected);

/**
 * @brief Feed responses (strided by recs[0].size). The person must have been fed.
 * @param sc The scorecard.
 * @param recs The records.
 * @param n The number of records.
 * @param row_reason n reason codes; may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return As carealign_scorecard_feed_organisations().
 */
CAREALIGN_API carealign_status carealign_scorecard_feed_responses(carealign_scorecard *sc,
                                                                  const carealign_response *recs,
                                                                  size_t n, int32_t *row_reason,
                                                                  size_t *out_n_rejected);

/**
 * @brief Feed aggregate FFT counts (strided by recs[0].size).
 * @param sc The scorecard.
 * @param recs The records.
 * @param n The number of records.
 * @param row_reason n reason codes; may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return As carealign_scorecard_feed_organisations().
 */
CAREALIGN_API carealign_status carealign_scorecard_feed_fft(carealign_scorecard *sc,
                                                            const carealign_fft_counts *recs,
                                                            size_t n, int32_t *row_reason,
                                                            size_t *out_n_rejected);

/**
 * @brief Feed contacts (strided by recs[0].size); carealign_contact::person
 *        names the person, who must have been fed.
 * @param sc The scorecard.
 * @param recs The records.
 * @param n The number of records.
 * @param row_reason n reason codes; may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return As carealign_scorecard_feed_organisations().
 */
CAREALIGN_API carealign_status carealign_scorecard_feed_contacts(carealign_scorecard *sc,
                                                                 const carealign_contact *recs,
                                                                 size_t n, int32_t *row_reason,
                                                                 size_t *out_n_rejected);

/**
 * @brief Feed people as columns (@c person NULL: row i is person i).
 * @param sc The scorecard.
 * @param cols The columns (borrowed for the call).
 * @param row_reason cols->n reason codes; may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return As carealign_scorecard_feed_organisations(); #CAREALIGN_EINVAL for
 *         NULL @p cols or a bad size.
 */
CAREALIGN_API carealign_status carealign_scorecard_feed_people_columns(
    carealign_scorecard *sc, const carealign_person_columns *cols, int32_t *row_reason,
    size_t *out_n_rejected);

/**
 * @brief Feed responses as columns (one instrument per call).
 * @param sc The scorecard.
 * @param cols The columns (borrowed for the call).
 * @param row_reason cols->n reason codes; may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return As carealign_scorecard_feed_people_columns(); #CAREALIGN_EINVAL
 *         also for a NULL required column.
 */
CAREALIGN_API carealign_status carealign_scorecard_feed_responses_columns(
    carealign_scorecard *sc, const carealign_response_columns *cols, int32_t *row_reason,
    size_t *out_n_rejected);

/**
 * @brief Feed contacts as columns.
 * @param sc The scorecard.
 * @param cols The columns (borrowed for the call).
 * @param row_reason cols->n reason codes; may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return As carealign_scorecard_feed_responses_columns().
 */
CAREALIGN_API carealign_status carealign_scorecard_feed_contacts_columns(
    carealign_scorecard *sc, const carealign_contact_columns *cols, int32_t *row_reason,
    size_t *out_n_rejected);

/**
 * @brief All of a person's records have arrived: score, pair, build the
 *        journey, add the person to every level, stratum and period, and
 *        drop the person's records.
 *
 * Later records for the person are rejected (#CAREALIGN_REJECT_PERSON_CLOSED).
 * Required in #CAREALIGN_SC_GROUPED mode; allowed in the default mode too.
 *
 * @param sc The scorecard.
 * @param person The person index.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL, a person never fed or
 *         already closed; #CAREALIGN_ESTATE after finalize; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_scorecard_close_person(carealign_scorecard *sc,
                                                                int32_t person);

/**
 * @brief Close every person still open, in person order (as
 *        carealign_scorecard_close_person() for each). finalize does this
 *        itself; serialize and merge need it done.
 * @param sc The scorecard.
 * @return #CAREALIGN_OK; #CAREALIGN_ESTATE after finalize; #CAREALIGN_EINVAL
 *         for NULL; #CAREALIGN_ENOMEM (the people processed so far stay closed).
 */
CAREALIGN_API carealign_status carealign_scorecard_close_all(carealign_scorecard *sc);

/**
 * @brief Close every open person whose index is below @p person_end, in
 *        ascending order of index, exactly as carealign_scorecard_close_all()
 *        closes them; people from @p person_end on stay open with their
 *        records.
 *
 * For input sorted by person, fed in blocks of people (a block's people,
 * then its contacts and responses, then close_before the block's end):
 * the scorecard then holds one block's records at a time instead of all of
 * them until close_all, and the results are the same, bit for bit, as
 * feeding everything and calling close_all, provided no person below an
 * earlier call's @p person_end is fed after it (people are processed in
 * ascending order overall). Later records for a closed person are rejected
 * (#CAREALIGN_REJECT_PERSON_CLOSED). Allowed in either mode.
 *
 * Cost: each call takes time in proportion to the people still open and
 * the records still held (not only those it closes), so feeding block by
 * block stays linear overall; feeding everything first and then calling
 * close_before for each block is quadratic in the number of blocks (use
 * close_all then).
 *
 * @param sc The scorecard.
 * @param person_end One past the largest person index to close; 0 closes nobody.
 * @return #CAREALIGN_OK (also when nobody is below @p person_end);
 *         #CAREALIGN_EINVAL for NULL or a negative @p person_end;
 *         #CAREALIGN_ESTATE after finalize; #CAREALIGN_ENOMEM (the people
 *         processed so far stay closed).
 */
CAREALIGN_API carealign_status carealign_scorecard_close_before(carealign_scorecard *sc,
                                                                int32_t person_end);

/**
 * @brief What a feed read, used, rejected and excluded so far.
 * @param sc The scorecard.
 * @param feed A CAREALIGN_FEED_ constant.
 * @param out The caller's struct with @c size set (at least 48; 48, 56 and 64 are the sizes
 *        releases have had).
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL, an unknown feed or a small size.
 */
CAREALIGN_API carealign_status carealign_scorecard_get_counts(const carealign_scorecard *sc,
                                                              int32_t feed,
                                                              carealign_feed_counts *out);

/**
 * @brief A short name of a row reason, e.g. "unknown_person".
 * @param reason A CAREALIGN_REJECT_ code.
 * @return A static NUL-terminated string; "unknown" for other codes. Never NULL.
 */
CAREALIGN_API const char *carealign_reject_reason_name(int32_t reason);

/**
 * @brief Write a partial scorecard (before finalize) as a "CASC" blob:
 *        framework hash, methods version, value sets, dictionary strings,
 *        populations, feed counts and every group's accumulator (docs/scorecard.md).
 *
 * Every person must be closed first (carealign_scorecard_close_all()):
 * the blob carries groups, not records. The same scorecard always gives
 * the same bytes.
 *
 * @param sc The scorecard.
 * @param buf Receives the blob; may be NULL when @p cap is 0.
 * @param cap The size of @p buf.
 * @param out_len Receives the bytes written or, with #CAREALIGN_EBUFSIZE, the size needed.
 * @return #CAREALIGN_OK; #CAREALIGN_EBUFSIZE; #CAREALIGN_ESTATE after
 *         finalize or with people still open; #CAREALIGN_EINVAL for NULL
 *         pointers; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_scorecard_serialize(const carealign_scorecard *sc,
                                                             void *buf, size_t cap,
                                                             size_t *out_len);

/**
 * @brief Read a "CASC" blob into a new scorecard (untrusted input: checked
 *        completely, never read outside @p buf).
 * @param fw The framework the blob was made with (same hash).
 * @param buf The blob.
 * @param len Its length.
 * @param out Receives the scorecard.
 * @return #CAREALIGN_OK; #CAREALIGN_ECORRUPT for a damaged or foreign blob;
 *         #CAREALIGN_EINVAL for NULL pointers or another framework or
 *         methods version; #CAREALIGN_EUNSUPPORTED for a newer format;
 *         #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_scorecard_deserialize(const carealign_framework *fw,
                                                               const void *buf, size_t len,
                                                               carealign_scorecard **out);

/**
 * @brief Merge @p src into @p dst (both before finalize). Dictionary
 *        indices of @p src are remapped by string.
 *
 * The people of the two must be disjoint (partitions by person). @p dst is
 * unchanged on failure.
 *
 * @param dst The scorecard merged into.
 * @param src The scorecard merged from; every person closed.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL, the same scorecard, a
 *         different framework hash, methods version, options, organisations'
 *         sectors or population table; #CAREALIGN_ESTATE after finalize or
 *         when @p src has people open; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_scorecard_merge(carealign_scorecard *dst,
                                                         const carealign_scorecard *src);

/**
 * @brief Compute every result: estimates, targets, SPC over periods,
 *        funnels among same-sector organisations, inequality, disclosure
 *        control and aim summaries. Feeding afterwards is #CAREALIGN_ESTATE.
 * @param sc The scorecard.
 * @return #CAREALIGN_OK; #CAREALIGN_ESTATE when already finalized;
 *         #CAREALIGN_EINVAL for NULL; #CAREALIGN_ENOMEM (the scorecard is
 *         unchanged and finalize may be retried).
 */
CAREALIGN_API carealign_status carealign_scorecard_finalize(carealign_scorecard *sc);

/**
 * @brief The number of result rows.
 * @param sc A finalized scorecard.
 * @param out_n Receives the count.
 * @return #CAREALIGN_OK; #CAREALIGN_ESTATE before finalize; #CAREALIGN_EINVAL for NULL.
 */
CAREALIGN_API carealign_status carealign_scorecard_result_count(const carealign_scorecard *sc,
                                                                size_t *out_n);

/**
 * @brief One result row. Rows are ordered by measure, kind, level, unit,
 *        stratum (margin first), then period (whole first): a whole-period
 *        row is followed by its period rows. The order is deterministic.
 * @param sc A finalized scorecard.
 * @param i 0 to result_count - 1.
 * @param out The caller's struct with @c size set (at least 144).
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for @p i out of range;
 *         #CAREALIGN_ESTATE before finalize; #CAREALIGN_EINVAL for NULL or a small size.
 */
CAREALIGN_API carealign_status carealign_scorecard_get_result(const carealign_scorecard *sc,
                                                              size_t i, carealign_result *out);

/**
 * @brief Copy rows first .. first + cap - 1 into @p out, strided by out[0].size.
 * @param sc A finalized scorecard.
 * @param first The first row.
 * @param out The caller's array; out[0].size set (at least 144).
 * @param cap Elements in @p out.
 * @param out_n Receives the number copied (0 when @p first is past the end).
 * @return As carealign_scorecard_get_result().
 */
CAREALIGN_API carealign_status carealign_scorecard_get_results(const carealign_scorecard *sc,
                                                               size_t first, carealign_result *out,
                                                               size_t cap, size_t *out_n);

/**
 * @brief The index of the estimate row of a measure, level, unit and period
 *        with no stratum (the margin).
 * @param sc A finalized scorecard.
 * @param measure The measure index.
 * @param level CAREALIGN_LEVEL_*.
 * @param unit As carealign_result::unit.
 * @param period Interval index or #CAREALIGN_PERIOD_WHOLE.
 * @param out_index Receives the row index.
 * @return #CAREALIGN_OK; #CAREALIGN_EMISSING when there is no such row;
 *         #CAREALIGN_ESTATE before finalize; #CAREALIGN_EINVAL for NULL.
 */
CAREALIGN_API carealign_status carealign_scorecard_find_result(const carealign_scorecard *sc,
                                                               int32_t measure, int32_t level,
                                                               int32_t unit, int32_t period,
                                                               size_t *out_index);

/**
 * @brief The aim summary of an aim at a level and unit.
 * @param sc A finalized scorecard.
 * @param aim CAREALIGN_AIM_*.
 * @param level CAREALIGN_LEVEL_*.
 * @param unit As carealign_result::unit.
 * @param out The caller's struct with @c size set (at least 56).
 * @return #CAREALIGN_OK; #CAREALIGN_EMISSING when there is none;
 *         #CAREALIGN_ESTATE before finalize; #CAREALIGN_EINVAL for NULL or a small size.
 */
CAREALIGN_API carealign_status carealign_scorecard_get_aim_summary(const carealign_scorecard *sc,
                                                                   int32_t aim, int32_t level,
                                                                   int32_t unit,
                                                                   carealign_aim_summary *out);

/**
 * @brief Write the finalized results as JSON, CSV or a FHIR R4
 *        MeasureReport Bundle into a caller buffer.
 * @param sc A finalized scorecard.
 * @param format CAREALIGN_FORMAT_*.
 * @param opt Options, or NULL for the defaults.
 * @param buf Receives the text and a NUL; may be NULL when @p cap is 0.
 * @param cap The size of @p buf.
 * @param out_len Receives the length written (without the NUL) or, with
 *        #CAREALIGN_EBUFSIZE, the capacity needed (with the NUL).
 * @return #CAREALIGN_OK; #CAREALIGN_EBUFSIZE; #CAREALIGN_ESTATE before
 *         finalize; #CAREALIGN_EINVAL for NULL pointers, an unknown format
 *         or bad options; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_scorecard_write(const carealign_scorecard *sc,
                                                         int32_t format,
                                                         const carealign_write_options *opt,
                                                         char *buf, size_t cap, size_t *out_len);

/**
 * @brief As carealign_scorecard_write(), through a callback.
 * @param sc A finalized scorecard.
 * @param format CAREALIGN_FORMAT_*.
 * @param opt Options, or NULL for the defaults.
 * @param fn Receives successive pieces of the output (no NUL).
 * @param user Passed to @p fn.
 * @return #CAREALIGN_OK; #CAREALIGN_EIO when @p fn returned non-zero;
 *         otherwise as carealign_scorecard_write().
 */
CAREALIGN_API carealign_status carealign_scorecard_write_cb(const carealign_scorecard *sc,
                                                            int32_t format,
                                                            const carealign_write_options *opt,
                                                            carealign_write_fn fn, void *user);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CAREALIGN_SCORECARD_H */
