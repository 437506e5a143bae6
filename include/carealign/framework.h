/**
 * @file framework.h
 * @brief The agreed definition: a framework file that partners sign up to,
 *        loaded, validated, identified by a hash, and exported as FHIR.
 *
 * A framework is a JSON document (format `carealign-framework/1`, described
 * in docs/framework.md with its JSON Schema in docs/framework.schema.json)
 * that says, for one place, what success means: the measures across the four
 * aims, how each is computed (in a small closed vocabulary, not an
 * expression language), the population base, strata, unit costs, the
 * cost-effectiveness threshold and the disclosure rule.
 *
 * - carealign_framework_load() reads and validates it completely. A typo
 *   never drops a measure silently: unknown fields, unknown names and value
 *   sets left implicit are errors that name the file, line, column, measure
 *   and field.
 * - The loaded framework is immutable. Every other function takes a const
 *   handle and may be called from any number of threads at once.
 * - Its identity is the SHA-256 of its canonical form (members sorted, no
 *   whitespace, exact numbers; see carealign_framework_canonical()), carried
 *   by every result and partial.
 * - Strings returned point into the framework, are UTF-8, NUL-terminated,
 *   come with their length, and stay valid until carealign_framework_free().
 *
 * Codes for contact types and sectors are those of the journey layer
 * (`CAREALIGN_CONTACT_*` and `CAREALIGN_SECTOR_*`); the framework file uses
 * their names, listed in docs/framework.md and by
 * carealign_framework_code_name().
 */
#ifndef CAREALIGN_FRAMEWORK_H
#define CAREALIGN_FRAMEWORK_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/common.h"
#include "carealign/journey.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup framework Framework
 * @brief The agreed definition: measures, parameters, strata; JSON in,
 *        canonical JSON, SHA-256 and FHIR R4 Measure out.
 * @{
 */

/** @brief The format name a framework file declares in its "format" member. */
#define CAREALIGN_FRAMEWORK_FORMAT "carealign-framework/1"

/**
 * @brief A loaded, validated, immutable framework (opaque).
 *
 * Created by carealign_framework_load(), released by
 * carealign_framework_free(). Shareable across threads.
 */
typedef struct carealign_framework carealign_framework;

/**
 * @name Code tables
 * Every enumerated value in the structs below is an `int32_t` holding one of
 * these constants; they are never renumbered. carealign_framework_code_name()
 * gives the spelling used in framework files.
 * @{
 */

/** @brief Reporting interval: calendar months. */
#define CAREALIGN_INTERVAL_MONTH 1
/** @brief Reporting interval: quarters of three months from the period start. */
#define CAREALIGN_INTERVAL_QUARTER 2

/** @brief Aim: how people experienced care and support. */
#define CAREALIGN_AIM_EXPERIENCE 1
/** @brief Aim: whether the person's life got better. */
#define CAREALIGN_AIM_OUTCOMES 2
/** @brief Aim: whether money and staff time were used well. */
#define CAREALIGN_AIM_RESOURCES 3
/** @brief The integration family: how seamless the journey was. */
#define CAREALIGN_AIM_INTEGRATION 4

/** @brief Scoring (FHIR measure-scoring): numerator / denominator of the same units. */
#define CAREALIGN_SCORING_PROPORTION 1
/** @brief Scoring: a rate, numerator / denominator x per. */
#define CAREALIGN_SCORING_RATIO 2
/** @brief Scoring: an aggregate (mean, median, sum) of a per-person observation. */
#define CAREALIGN_SCORING_CONTINUOUS 3
/** @brief Scoring: a count of people in the initial population. */
#define CAREALIGN_SCORING_COHORT 4

/** @brief Improvement notation not stated (cohort measures only). */
#define CAREALIGN_IMPROVE_NONE 0
/** @brief Higher values are better. */
#define CAREALIGN_IMPROVE_INCREASE 1
/** @brief Lower values are better. */
#define CAREALIGN_IMPROVE_DECREASE 2

/** @brief The population base: residents of the named local authorities. */
#define CAREALIGN_BASE_RESIDENTS 1
/** @brief The population base: people registered with the named practices. */
#define CAREALIGN_BASE_REGISTERED 2

/** @brief Stratum: the organisation that provided the care. */
#define CAREALIGN_STRATUM_ORGANISATION 1
/** @brief Stratum: the sector (acute, community, local authority, ...). */
#define CAREALIGN_STRATUM_SECTOR 2
/** @brief Stratum: age bands, as declared. */
#define CAREALIGN_STRATUM_AGE 3
/** @brief Stratum: sex. */
#define CAREALIGN_STRATUM_SEX 4
/** @brief Stratum: ethnic group, under a named classification. */
#define CAREALIGN_STRATUM_ETHNICITY 5
/** @brief Stratum: deprivation decile or quintile, under a named Index of Deprivation. */
#define CAREALIGN_STRATUM_DEPRIVATION 6

/** @brief Deprivation grouping: deciles (1 = most deprived .. 10). */
#define CAREALIGN_GROUPING_DECILE 1
/** @brief Deprivation grouping: quintiles (1 = most deprived .. 5). */
#define CAREALIGN_GROUPING_QUINTILE 2

/** @brief Unit cost per contact. */
#define CAREALIGN_COST_PER_CONTACT 1
/** @brief Unit cost per day (activity counted in days). */
#define CAREALIGN_COST_PER_DAY 2
/** @brief Unit cost per hour (activity counted in hours). */
#define CAREALIGN_COST_PER_HOUR 3
/** @brief Unit cost per minute (activity counted in minutes). */
#define CAREALIGN_COST_PER_MINUTE 4

/** @brief Value set kind: an instrument's scoring rule (e.g. eq5d5l / england-2018). */
#define CAREALIGN_VS_INSTRUMENT 1
/** @brief Value set kind: a declared list of codes (e.g. admission methods). */
#define CAREALIGN_VS_CODES 2

/** @brief Standard population: none (crude figures). */
#define CAREALIGN_STDPOP_NONE 0
/** @brief Standard population: the European Standard Population 2013. */
#define CAREALIGN_STDPOP_ESP2013 1

/** @brief Pairing: the baseline is the person's first response in the reporting period. */
#define CAREALIGN_PAIR_BASELINE_FIRST_IN_PERIOD 1
/** @brief Pairing: the baseline is the person's first response ever supplied. */
#define CAREALIGN_PAIR_BASELINE_FIRST_EVER 2
/** @brief Pairing: the follow-up is the first response inside the window. */
#define CAREALIGN_PAIR_FOLLOWUP_FIRST_IN_WINDOW 1
/** @brief Pairing: the follow-up is the last response inside the window. */
#define CAREALIGN_PAIR_FOLLOWUP_LAST_IN_WINDOW 2
/** @brief Pairing: baseline and follow-up may come from any organisations. */
#define CAREALIGN_PAIR_ORG_ANY 1
/** @brief Pairing: baseline and follow-up must come from the same organisation. */
#define CAREALIGN_PAIR_ORG_SAME 2

/** @brief Aggregate of a measure observation: arithmetic mean. */
#define CAREALIGN_AGG_MEAN 1
/** @brief Aggregate of a measure observation: median. */
#define CAREALIGN_AGG_MEDIAN 2
/** @brief Aggregate of a measure observation: sum. */
#define CAREALIGN_AGG_SUM 3

/** @brief Measure population (FHIR measure-population): initial population. */
#define CAREALIGN_CRIT_INITIAL_POPULATION 1
/** @brief Measure population: denominator. */
#define CAREALIGN_CRIT_DENOMINATOR 2
/** @brief Measure population: denominator exclusion. */
#define CAREALIGN_CRIT_DENOMINATOR_EXCLUSION 3
/** @brief Measure population: numerator. */
#define CAREALIGN_CRIT_NUMERATOR 4
/** @brief Measure population: numerator exclusion. */
#define CAREALIGN_CRIT_NUMERATOR_EXCLUSION 5
/** @brief Measure population: measure observation (continuous-variable measures). */
#define CAREALIGN_CRIT_OBSERVATION 6

/** @brief Criterion atom: the population base (population estimates); which = 1 ("base"). */
#define CAREALIGN_ATOM_POPULATION 1
/** @brief Criterion atom: a person attribute; which = CAREALIGN_PERSON_*. */
#define CAREALIGN_ATOM_PERSON 2
/** @brief Criterion atom: responses to the measure's instrument; which = CAREALIGN_RESPONSE_*. */
#define CAREALIGN_ATOM_RESPONSE 3
/** @brief Criterion atom: an instrument score; which = CAREALIGN_SCORE_*. */
#define CAREALIGN_ATOM_SCORE 4
/** @brief Criterion atom: change from baseline to follow-up; which = CAREALIGN_CHANGE_*. */
#define CAREALIGN_ATOM_CHANGE 5
/** @brief Criterion atom: a figure of the person's journey; which = CAREALIGN_JF_*. */
#define CAREALIGN_ATOM_JOURNEY 6
/** @brief Criterion atom: a count or total over contacts; which = CAREALIGN_CONTACTS_*. */
#define CAREALIGN_ATOM_CONTACTS 7

/** @brief Population atom: the people of the population base. */
#define CAREALIGN_POPULATION_BASE 1

/** @brief Person attribute: age in completed years on the day of the event counted (contact,
 *         discharge, response), or on the first day of the period when people are counted. */
#define CAREALIGN_PERSON_AGE 1
/** @brief Person attribute: sex (NHS Data Dictionary: 1 male, 2 female, 9 indeterminate). */
#define CAREALIGN_PERSON_SEX 2
/** @brief Person attribute: deprivation decile, 1 (most deprived) to 10. */
#define CAREALIGN_PERSON_DEPRIVATION_DECILE 3
/** @brief Person attribute: deprivation quintile, 1 (most deprived) to 5. */
#define CAREALIGN_PERSON_DEPRIVATION_QUINTILE 4

/** @brief Responses: the person has at least one scored response in the period. */
#define CAREALIGN_RESPONSE_ANY 1
/** @brief Responses: the person has a baseline and a follow-up under the pairing rule. */
#define CAREALIGN_RESPONSE_PAIRED 2

/** @brief Score: the person's latest score in the period. */
#define CAREALIGN_SCORE_LATEST 1
/** @brief Score: the baseline score of the pair. */
#define CAREALIGN_SCORE_BASELINE 2
/** @brief Score: the follow-up score of the pair. */
#define CAREALIGN_SCORE_FOLLOW_UP 3
/** @brief Score: each response; counts the responses (those meeting the threshold, if any). */
#define CAREALIGN_SCORE_EACH 4

/** @brief Change: follow-up minus baseline. */
#define CAREALIGN_CHANGE_VALUE 1
/** @brief Change: improved by at least the minimal important difference. */
#define CAREALIGN_CHANGE_IMPROVED_BY_MID 2
/** @brief Change: worsened by at least the minimal important difference. */
#define CAREALIGN_CHANGE_WORSENED_BY_MID 3

/** @brief Journey figure: contacts counted. */
#define CAREALIGN_JF_CONTACTS 1
/** @brief Journey figure: distinct organisations seen. */
#define CAREALIGN_JF_ORGANISATIONS 2
/** @brief Journey figure: distinct sectors seen. */
#define CAREALIGN_JF_SECTORS 3
/** @brief Journey figure: hand-offs between organisations. */
#define CAREALIGN_JF_HANDOFFS 4
/** @brief Journey figure: hospital discharges. */
#define CAREALIGN_JF_DISCHARGES 5
/** @brief Journey figure: discharges followed up within `days` (a followup_within_days entry). */
#define CAREALIGN_JF_FOLLOWED_UP_WITHIN 6
/** @brief Journey figure: discharges with no follow-up. */
#define CAREALIGN_JF_FOLLOWUP_NONE 7
/** @brief Journey figure: readmissions within readmission_days. */
#define CAREALIGN_JF_READMISSIONS 8
/** @brief Journey figure: discharges with a known discharge ready date. */
#define CAREALIGN_JF_DELAY_KNOWN 9
/** @brief Journey figure: total days from discharge ready date to discharge. */
#define CAREALIGN_JF_DELAY_DAYS 10
/** @brief Journey figure: discharges into reablement in the denominator of the rule. */
#define CAREALIGN_JF_REABLEMENT_DENOMINATOR 11
/** @brief Journey figure: of those, still at home at the follow-up day. */
#define CAREALIGN_JF_REABLEMENT_NUMERATOR 12
/** @brief Journey figure: assessments. */
#define CAREALIGN_JF_ASSESSMENTS 13
/** @brief Journey figure: duplicate assessments within duplicate_days. */
#define CAREALIGN_JF_DUPLICATE_ASSESSMENTS 14
/** @brief Journey figure: long-term admissions to residential or nursing care. */
#define CAREALIGN_JF_CARE_HOME_ADMISSIONS 15
/** @brief Journey figure: bed days. */
#define CAREALIGN_JF_BED_DAYS 16
/** @brief Journey figure: days alive and at home in the community. */
#define CAREALIGN_JF_DAYS_IN_COMMUNITY 17
/** @brief Journey figure: days observed in the period. */
#define CAREALIGN_JF_DAYS_OBSERVED 18
/** @brief Journey figure: activity units. */
#define CAREALIGN_JF_ACTIVITY 19
/** @brief Journey figure: cost in pence at the framework's unit costs. */
#define CAREALIGN_JF_COST_PENCE 20
/** @brief Journey figure: staff minutes. */
#define CAREALIGN_JF_STAFF_MINUTES 21
/** @brief Journey figure: Bice-Boxerman continuity of care index (organisations). */
#define CAREALIGN_JF_COC 22
/** @brief Journey figure: usual provider of care index (organisations). */
#define CAREALIGN_JF_UPC 23
/** @brief Journey figure: sequential continuity index (organisations). */
#define CAREALIGN_JF_SECON 24
/** @brief Journey figure: modified modified continuity index (organisations). */
#define CAREALIGN_JF_MMCI 25
/** @brief Journey figure: fragmentation index (organisations). */
#define CAREALIGN_JF_FRAGMENTATION 26

/** @brief Contacts: number of contacts. */
#define CAREALIGN_CONTACTS_COUNT 1
/** @brief Contacts: total activity units. */
#define CAREALIGN_CONTACTS_ACTIVITY 2
/** @brief Contacts: total cost in pence. */
#define CAREALIGN_CONTACTS_COST_PENCE 3
/** @brief Contacts: total staff minutes. */
#define CAREALIGN_CONTACTS_STAFF_MINUTES 4

/** @brief Journey parameter kind: a whole number. */
#define CAREALIGN_PARAM_INT 1
/** @brief Journey parameter kind: a list of whole numbers. */
#define CAREALIGN_PARAM_INT_LIST 2
/** @brief Journey parameter kind: one of a closed set of names (value = its code). */
#define CAREALIGN_PARAM_NAME 3
/** @brief Journey parameter kind: a list of contact types (values = codes, mask = bits). */
#define CAREALIGN_PARAM_CONTACT_TYPES 4
/** @brief Journey parameter kind: a reference to a declared code value set. */
#define CAREALIGN_PARAM_CODESET 5
/** @brief Journey parameter kind: true (1) or false (0). */
#define CAREALIGN_PARAM_BOOL 6

/** @brief Table for carealign_framework_code_name(): CAREALIGN_AIM_*. */
#define CAREALIGN_TABLE_AIM 1
/** @brief Table: CAREALIGN_SCORING_*. */
#define CAREALIGN_TABLE_SCORING 2
/** @brief Table: CAREALIGN_IMPROVE_*. */
#define CAREALIGN_TABLE_IMPROVEMENT 3
/** @brief Table: contact types (CAREALIGN_CONTACT_* of the journey layer). */
#define CAREALIGN_TABLE_CONTACT_TYPE 4
/** @brief Table: sectors (CAREALIGN_SECTOR_* of the journey layer). */
#define CAREALIGN_TABLE_SECTOR 5
/** @brief Table: CAREALIGN_STRATUM_*. */
#define CAREALIGN_TABLE_STRATUM 6
/** @brief Table: CAREALIGN_CRIT_* (the member names under "populations"). */
#define CAREALIGN_TABLE_CRITERION 7
/** @brief Table: CAREALIGN_ATOM_* (the key that names an atom's kind). */
#define CAREALIGN_TABLE_ATOM 8
/** @brief Table: CAREALIGN_JF_*. */
#define CAREALIGN_TABLE_JOURNEY_FIGURE 9
/** @brief Table: CAREALIGN_COST_PER_*. */
#define CAREALIGN_TABLE_COST_PER 10
/** @brief Table: CAREALIGN_AGG_*. */
#define CAREALIGN_TABLE_AGGREGATE 11
/** @brief Table: CAREALIGN_INTERVAL_*. */
#define CAREALIGN_TABLE_INTERVAL 12
/** @} */

/** @name Flags
 * @{
 */
/** @brief Framework flag: a cost-effectiveness threshold is stated. */
#define CAREALIGN_FRAMEWORK_HAS_CE_THRESHOLD 0x1u

/** @brief Measure flag: a target is stated. */
#define CAREALIGN_MEASURE_HAS_TARGET 0x1u
/** @brief Measure flag: a minimal important difference is stated. */
#define CAREALIGN_MEASURE_HAS_MID 0x2u
/** @brief Measure flag: organisations may be compared (funnel plots); never for FFT. */
#define CAREALIGN_MEASURE_COMPARABLE 0x4u
/** @brief Measure flag: a local definition (no official_ref). */
#define CAREALIGN_MEASURE_LOCAL 0x8u
/** @brief Measure flag: SPC history is required (reported over periods). */
#define CAREALIGN_MEASURE_SPC_HISTORY 0x10u
/** @brief Measure flag: inequality across deprivation (slope index) is reported. */
#define CAREALIGN_MEASURE_SII 0x20u
/** @brief Measure flag: a baseline/follow-up pairing rule is stated. */
#define CAREALIGN_MEASURE_HAS_PAIRING 0x40u
/** @brief Measure flag: a per multiplier is stated. */
#define CAREALIGN_MEASURE_HAS_PER 0x80u
/** @brief Measure flag: survey weights apply (`"weighted": true`): a proportion or the mean of a
 *         score, each person's figure weighted by the survey weight of their response
 *         (docs/scorecard.md, "Survey weights"). */
#define CAREALIGN_MEASURE_WEIGHTED 0x100u

/** @brief Atom flag: the atom has an inclusive lower threshold (at_least). */
#define CAREALIGN_ATOM_HAS_AT_LEAST 0x1u
/** @brief Atom flag: the atom has an inclusive upper threshold (at_most). */
#define CAREALIGN_ATOM_HAS_AT_MOST 0x2u
/** @brief Atom flag: the atom is a condition (0 or 1), not a counted quantity. */
#define CAREALIGN_ATOM_CONDITION 0x4u

/** @brief Writer flag: indent the output (two spaces, LF line ends). */
#define CAREALIGN_WRITE_PRETTY 0x1u
/**
 * @brief FHIR writer flag: carry each Expression's language in an extension
 *        (`_language`, url "urn:carealign:fhir:expression-language") instead
 *        of the `language` value.
 *
 * FHIR R4 binds Expression.language extensibly, so `text/x-carealign` is
 * valid FHIR; but the official R4 JSON Schema lists only text/cql,
 * text/fhirpath and application/x-fhir-query. With this flag the output
 * validates against that schema too.
 */
#define CAREALIGN_WRITE_FHIR_JSON_SCHEMA 0x2u
/** @} */

/**
 * @brief Options for carealign_framework_load().
 *
 * Zero means the default for every field; set @c size to sizeof. The
 * smallest accepted size is 40 (this first release).
 */
typedef struct carealign_framework_load_options {
    size_t size; /**< sizeof(carealign_framework_load_options) as the caller knows it. */
    const char
        *source_name;       /**< Name used in messages (e.g. "england.json"); NULL = "framework". */
    size_t source_name_len; /**< Bytes in @c source_name. */
    uint32_t max_depth;     /**< Deepest JSON nesting accepted; 0 = 64, at most 1000. */
    uint32_t flags;         /**< Reserved; must be 0. */
    uint64_t max_bytes;     /**< Largest file accepted in bytes; 0 = 16 MiB. */
} carealign_framework_load_options;

/** @brief Static initialiser for ::carealign_framework_load_options (all defaults). */
#define CAREALIGN_FRAMEWORK_LOAD_OPTIONS_INIT                                                      \
    {                                                                                              \
        .size = sizeof(carealign_framework_load_options)                                           \
    }

/**
 * @brief Initialise load options to the defaults, as the macro does.
 * @param opt The struct to fill.
 * @param size sizeof(carealign_framework_load_options) as the caller knows it; at least 40.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 40.
 */
CAREALIGN_API carealign_status
carealign_framework_load_options_init(carealign_framework_load_options *opt, size_t size);

/**
 * @brief Read, validate and keep a framework.
 *
 * The text is read by carealign's strict JSON reader (RFC 8259, UTF-8, no
 * comments, no trailing commas, no duplicate member names) and then checked
 * against the framework format: every member must be known, every value of
 * the right kind and range, every reference (strata in crosses, code sets in
 * parameters, journey follow-up days) declared, and every instrument must
 * name its value set. The first problem found is reported.
 *
 * @param json The framework text; need not be NUL-terminated. Not kept.
 * @param len Bytes in @p json.
 * @param opt Options, or NULL for the defaults.
 * @param out Receives the framework on success; unchanged on failure.
 * @return #CAREALIGN_OK;
 *         #CAREALIGN_EPARSE for text that is not strict JSON;
 *         #CAREALIGN_ERANGE for a file or nesting over the limits;
 *         #CAREALIGN_EINVAL for an invalid definition (unknown or missing
 *         member, wrong type or range, undeclared reference, implicit value
 *         set);
 *         #CAREALIGN_EUNSUPPORTED for another format version or an unknown
 *         instrument or value set (or options with unknown fields set);
 *         #CAREALIGN_ENOMEM.
 *         The last error reads "<source>:<line>:<column>: measure '<id>':
 *         field '<path>': <problem>" (the measure part only inside a
 *         measure), with the line and column also in
 *         carealign_last_error_line() and carealign_last_error_column().
 */
CAREALIGN_API carealign_status carealign_framework_load(const char *json, size_t len,
                                                        const carealign_framework_load_options *opt,
                                                        carealign_framework **out);

/**
 * @brief Release a framework and every string it returned.
 *
 * Nothing that uses the framework (a scorecard) may outlive it.
 * @param fw The framework, or NULL (no-op).
 */
CAREALIGN_API void carealign_framework_free(carealign_framework *fw);

/**
 * @brief What a framework says about itself.
 *
 * An output struct: the caller sets @c size; the library fills the fields
 * that fit and zero-fills the rest. Strings absent from the file are "" with
 * length 0. The smallest accepted size is 240 (this first release).
 */
typedef struct carealign_framework_info {
    size_t size;             /**< Set by the caller to sizeof(carealign_framework_info). */
    const char *id;          /**< The framework's id. */
    size_t id_len;           /**< Bytes in @c id. */
    const char *version;     /**< The framework's version text. */
    size_t version_len;      /**< Bytes in @c version. */
    const char *title;       /**< Title. */
    size_t title_len;        /**< Bytes in @c title. */
    int32_t effective_start; /**< First day the definition applies (days since 1970-01-01). */
    int32_t effective_end;   /**< Last day it applies (inclusive). */
    int32_t period_start;    /**< First day of the reporting period. */
    int32_t period_end;      /**< Last day of the reporting period (inclusive). */
    int32_t interval;        /**< CAREALIGN_INTERVAL_MONTH or _QUARTER. */
    int32_t n_periods; /**< Intervals in the reporting period (carealign_framework_get_period()). */
    int32_t n_measures;      /**< Measures, in file order. */
    int32_t n_strata;        /**< Strata declared. */
    int32_t n_crosses;       /**< Pairs of strata crossed (0: margins only). */
    int32_t n_valuesets;     /**< Value sets: instrument ones used by measures, then code sets. */
    int32_t n_unit_costs;    /**< Unit-cost entries. */
    int32_t population_base; /**< CAREALIGN_BASE_RESIDENTS or _REGISTERED. */
    int32_t n_population_codes; /**< Local authority or practice codes of the base. */
    uint32_t flags;             /**< CAREALIGN_FRAMEWORK_HAS_CE_THRESHOLD. */
    int64_t ce_threshold_pence; /**< Cost-effectiveness threshold, pence per QALY; 0 if none. */
    const char *ce_source;      /**< Where the threshold comes from; "" if none. */
    size_t ce_source_len;       /**< Bytes in @c ce_source. */
    const char *price_year;     /**< Price year of the unit costs, e.g. "2024/25". */
    size_t price_year_len;      /**< Bytes in @c price_year. */
    const char *cost_source;    /**< Source of the unit costs. */
    size_t cost_source_len;     /**< Bytes in @c cost_source. */
    int32_t disclosure_suppress_max; /**< Counts 1..this are suppressed (0 is shown). */
    int32_t disclosure_round_to;     /**< Other counts rounded to a multiple of this (1 = none). */
    const char *disclosure_source;   /**< The disclosure rule's source. */
    size_t disclosure_source_len;    /**< Bytes in @c disclosure_source. */
    const char *description;         /**< Description; "" if none. */
    size_t description_len;          /**< Bytes in @c description. */
    uint8_t hash[CAREALIGN_SHA256_SIZE]; /**< SHA-256 of the canonical form: the identity. */
} carealign_framework_info;

/** @brief Static initialiser for ::carealign_framework_info. */
#define CAREALIGN_FRAMEWORK_INFO_INIT                                                              \
    {                                                                                              \
        .size = sizeof(carealign_framework_info)                                                   \
    }

/**
 * @brief Zero an info struct and set its size, as the macro does.
 * @param info The struct to fill.
 * @param size sizeof(carealign_framework_info) as the caller knows it; at least 240.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 240.
 */
CAREALIGN_API carealign_status carealign_framework_info_init(carealign_framework_info *info,
                                                             size_t size);

/**
 * @brief Fill @p out with the framework's identity, periods, counts and rules.
 * @param fw The framework.
 * @param out The caller's struct with @c size set.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 240.
 */
CAREALIGN_API carealign_status carealign_framework_get_info(const carealign_framework *fw,
                                                            carealign_framework_info *out);

/**
 * @brief The first and last day of one reporting interval.
 * @param fw The framework.
 * @param index 0 to n_periods - 1, in date order.
 * @param out_start Receives the first day (days since 1970-01-01).
 * @param out_end Receives the last day (inclusive).
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_framework_get_period(const carealign_framework *fw,
                                                              int32_t index, int32_t *out_start,
                                                              int32_t *out_end);

/**
 * @brief One code of the population base: an ONS local authority code
 *        (residents) or an ODS practice code (registered).
 * @param fw The framework.
 * @param index 0 to n_population_codes - 1, in file order.
 * @param out Receives the code (points into @p fw).
 * @param out_len Receives its length.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_framework_get_population_code(
    const carealign_framework *fw, int32_t index, const char **out, size_t *out_len);

/**
 * @brief A declared stratum. Output struct (set @c size; at least 72).
 */
typedef struct carealign_framework_stratum {
    size_t size;               /**< Set by the caller to sizeof(carealign_framework_stratum). */
    const char *id;            /**< The stratum's id, used in crosses. */
    size_t id_len;             /**< Bytes in @c id. */
    int32_t kind;              /**< CAREALIGN_STRATUM_*. */
    int32_t n_groups;          /**< Age bands, 5 or 10 deprivation groups; 0 for other kinds. */
    const char *edition;       /**< Deprivation: the Index of Deprivation edition; ethnicity: the
                                    classification; "" otherwise. */
    size_t edition_len;        /**< Bytes in @c edition. */
    const int32_t *band_lower; /**< Age bands: n_groups lower ages (inclusive); else NULL. */
    const int32_t *band_upper; /**< Age bands: n_groups upper ages (inclusive), -1 = open. */
    int32_t grouping;          /**< Deprivation: CAREALIGN_GROUPING_*; else 0. */
    int32_t reserved;          /**< Zero. */
} carealign_framework_stratum;

/** @brief Static initialiser for ::carealign_framework_stratum. */
#define CAREALIGN_FRAMEWORK_STRATUM_INIT                                                           \
    {                                                                                              \
        .size = sizeof(carealign_framework_stratum)                                                \
    }

/**
 * @brief Zero a stratum struct and set its size.
 * @param s The struct to fill.
 * @param size sizeof(carealign_framework_stratum) as the caller knows it; at least 72.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 72.
 */
CAREALIGN_API carealign_status carealign_framework_stratum_init(carealign_framework_stratum *s,
                                                                size_t size);

/**
 * @brief A declared stratum by index.
 * @param fw The framework.
 * @param index 0 to n_strata - 1, in file order.
 * @param out The caller's struct with @c size set.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL or a size below 72.
 */
CAREALIGN_API carealign_status carealign_framework_get_stratum(const carealign_framework *fw,
                                                               int32_t index,
                                                               carealign_framework_stratum *out);

/**
 * @brief A pair of strata that are crossed (reported jointly, not only as margins).
 * @param fw The framework.
 * @param index 0 to n_crosses - 1, in file order.
 * @param out_a Receives the first stratum's index.
 * @param out_b Receives the second stratum's index.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_framework_get_cross(const carealign_framework *fw,
                                                             int32_t index, int32_t *out_a,
                                                             int32_t *out_b);

/**
 * @brief A value set the framework names. Output struct (set @c size; at least 80).
 *
 * Instrument value sets come first, one for each distinct instrument and
 * value set pair used by the measures (in order of first use); then the code
 * sets, in file order.
 */
typedef struct carealign_framework_valueset {
    size_t size;            /**< Set by the caller to sizeof(carealign_framework_valueset). */
    int32_t kind;           /**< CAREALIGN_VS_INSTRUMENT or _CODES. */
    int32_t n_codes;        /**< Codes in a code set; 0 for instrument value sets. */
    const char *name;       /**< Instrument: the value set name ("england-2018"); codes: the
                                 set's id. */
    size_t name_len;        /**< Bytes in @c name. */
    const char *instrument; /**< Instrument registry name ("eq5d5l"); "" for code sets. */
    size_t instrument_len;  /**< Bytes in @c instrument. */
    const char *system;     /**< Code sets: the code system (a URL); "" otherwise. */
    size_t system_len;      /**< Bytes in @c system. */
    const char *source;     /**< Code sets: where the list comes from; "" otherwise. */
    size_t source_len;      /**< Bytes in @c source. */
} carealign_framework_valueset;

/** @brief Static initialiser for ::carealign_framework_valueset. */
#define CAREALIGN_FRAMEWORK_VALUESET_INIT                                                          \
    {                                                                                              \
        .size = sizeof(carealign_framework_valueset)                                               \
    }

/**
 * @brief Zero a value set struct and set its size.
 * @param vs The struct to fill.
 * @param size sizeof(carealign_framework_valueset) as the caller knows it; at least 80.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 80.
 */
CAREALIGN_API carealign_status carealign_framework_valueset_init(carealign_framework_valueset *vs,
                                                                 size_t size);

/**
 * @brief A value set by index.
 * @param fw The framework.
 * @param index 0 to n_valuesets - 1.
 * @param out The caller's struct with @c size set.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL or a size below 80.
 */
CAREALIGN_API carealign_status carealign_framework_get_valueset(const carealign_framework *fw,
                                                                int32_t index,
                                                                carealign_framework_valueset *out);

/**
 * @brief One code of a code value set.
 * @param fw The framework.
 * @param valueset Index of a #CAREALIGN_VS_CODES value set.
 * @param index 0 to its n_codes - 1, in file order.
 * @param out Receives the code (points into @p fw).
 * @param out_len Receives its length.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range or a
 *         value set that is not a code set; #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_framework_get_valueset_code(const carealign_framework *fw,
                                                                     int32_t valueset,
                                                                     int32_t index,
                                                                     const char **out,
                                                                     size_t *out_len);

/**
 * @brief One unit cost: contact type x sector -> pence per activity unit.
 *        Output struct (set @c size; at least 32).
 */
typedef struct carealign_unit_cost {
    size_t size;          /**< Set by the caller to sizeof(carealign_unit_cost). */
    int32_t contact_type; /**< Contact type code (journey layer's CAREALIGN_CONTACT_*). */
    int32_t sector;       /**< Sector code (CAREALIGN_SECTOR_*), or 0 for any sector. */
    int32_t per;          /**< CAREALIGN_COST_PER_*: the activity unit the price is for. */
    int32_t reserved;     /**< Zero. */
    int64_t pence;        /**< Price in pence per activity unit, at the framework's price year. */
} carealign_unit_cost;

/** @brief Static initialiser for ::carealign_unit_cost. */
#define CAREALIGN_UNIT_COST_INIT                                                                   \
    {                                                                                              \
        .size = sizeof(carealign_unit_cost)                                                        \
    }

/**
 * @brief Zero a unit-cost struct and set its size.
 * @param uc The struct to fill.
 * @param size sizeof(carealign_unit_cost) as the caller knows it; at least 32.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 32.
 */
CAREALIGN_API carealign_status carealign_unit_cost_init(carealign_unit_cost *uc, size_t size);

/**
 * @brief A unit-cost entry by index (file order).
 * @param fw The framework.
 * @param index 0 to n_unit_costs - 1.
 * @param out The caller's struct with @c size set.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL or a size below 32.
 */
CAREALIGN_API carealign_status carealign_framework_get_unit_cost(const carealign_framework *fw,
                                                                 int32_t index,
                                                                 carealign_unit_cost *out);

/**
 * @brief The price of one activity unit of a contact type in a sector.
 *
 * The entry for exactly this sector wins; otherwise the contact type's entry
 * for any sector ("sector": "any" in the file).
 *
 * @param fw The framework.
 * @param contact_type Contact type code (CAREALIGN_CONTACT_*).
 * @param sector Sector code (CAREALIGN_SECTOR_*).
 * @param out_pence Receives the pence per activity unit.
 * @return #CAREALIGN_OK; #CAREALIGN_EMISSING when the framework prices
 *         neither; #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_framework_unit_cost(const carealign_framework *fw,
                                                             int32_t contact_type, int32_t sector,
                                                             int64_t *out_pence);

/**
 * @brief One measure, as the FHIR R4 Measure model describes it. Output
 *        struct (set @c size; at least 296).
 */
typedef struct carealign_measure_info {
    size_t size;                 /**< Set by the caller to sizeof(carealign_measure_info). */
    const char *id;              /**< Measure id (a FHIR id: letters, digits, '-', '.'). */
    size_t id_len;               /**< Bytes in @c id. */
    const char *version;         /**< Measure version text. */
    size_t version_len;          /**< Bytes in @c version. */
    const char *title;           /**< Title. */
    size_t title_len;            /**< Bytes in @c title. */
    const char *description;     /**< Description; "" if none. */
    size_t description_len;      /**< Bytes in @c description. */
    const char *official_ref;    /**< Official reference, e.g. "ASCOF 2D 2024/25"; "" when local. */
    size_t official_ref_len;     /**< Bytes in @c official_ref. */
    const char *local;           /**< Who defined a local measure and why; "" when official. */
    size_t local_len;            /**< Bytes in @c local. */
    const char *citation;        /**< The definition followed (document, section). */
    size_t citation_len;         /**< Bytes in @c citation. */
    const char *instrument;      /**< Instrument registry name; "" when none. */
    size_t instrument_len;       /**< Bytes in @c instrument. */
    const char *valueset;        /**< The instrument's value set; "" when no instrument. */
    size_t valueset_len;         /**< Bytes in @c valueset. */
    const char *unit;            /**< Unit of the reported value, e.g. "%" or "per 100,000". */
    size_t unit_len;             /**< Bytes in @c unit. */
    int32_t aim;                 /**< CAREALIGN_AIM_*. */
    int32_t scoring;             /**< CAREALIGN_SCORING_*. */
    int32_t improvement;         /**< CAREALIGN_IMPROVE_*. */
    uint32_t flags;              /**< CAREALIGN_MEASURE_* flags. */
    double target;               /**< Target in the measure's unit (with _HAS_TARGET); else NaN. */
    double mid;                  /**< Minimal important difference (with _HAS_MID); else NaN. */
    double per;                  /**< Multiplier, e.g. 100000 (with _HAS_PER); else 1. */
    int32_t spc_min_points;      /**< Points before SPC icons are shown (default 15). */
    int32_t standard_population; /**< CAREALIGN_STDPOP_*. */
    int32_t pairing_baseline;    /**< CAREALIGN_PAIR_BASELINE_* (with _HAS_PAIRING); else 0. */
    int32_t pairing_follow_up;   /**< CAREALIGN_PAIR_FOLLOWUP_*; else 0. */
    int32_t pairing_min_days;    /**< Follow-up window: at least this many days after baseline. */
    int32_t pairing_max_days;    /**< Follow-up window: at most this many days after baseline. */
    int32_t pairing_organisation;  /**< CAREALIGN_PAIR_ORG_*; else 0. */
    int32_t observation_aggregate; /**< CAREALIGN_AGG_* for continuous-variable; else 0. */
    int32_t n_params;              /**< Journey parameters (carealign_framework_get_param()). */
    int32_t valueset_index;        /**< Index of the instrument value set; -1 when none. */
    const char *mid_source;        /**< Source of the MID; "" if none. */
    size_t mid_source_len;         /**< Bytes in @c mid_source. */
    const char *target_source;     /**< Who set the target, or its source; "" if none. */
    size_t target_source_len;      /**< Bytes in @c target_source. */
    const char *url;               /**< Web address of the definition; "" if none. */
    size_t url_len;                /**< Bytes in @c url. */
} carealign_measure_info;

/** @brief Static initialiser for ::carealign_measure_info. */
#define CAREALIGN_MEASURE_INFO_INIT                                                                \
    {                                                                                              \
        .size = sizeof(carealign_measure_info)                                                     \
    }

/**
 * @brief Zero a measure info struct and set its size.
 * @param info The struct to fill.
 * @param size sizeof(carealign_measure_info) as the caller knows it; at least 296.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 296.
 */
CAREALIGN_API carealign_status carealign_measure_info_init(carealign_measure_info *info,
                                                           size_t size);

/**
 * @brief The index of a measure by id.
 * @param fw The framework.
 * @param id The measure id; need not be NUL-terminated.
 * @param len Bytes in @p id.
 * @param out_index Receives the index (file order).
 * @return #CAREALIGN_OK; #CAREALIGN_EMISSING when there is no such measure;
 *         #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_framework_find_measure(const carealign_framework *fw,
                                                                const char *id, size_t len,
                                                                int32_t *out_index);

/**
 * @brief A measure by index.
 * @param fw The framework.
 * @param index 0 to n_measures - 1, in file order.
 * @param out The caller's struct with @c size set.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL or a size below 296.
 */
CAREALIGN_API carealign_status carealign_framework_get_measure(const carealign_framework *fw,
                                                               int32_t index,
                                                               carealign_measure_info *out);

/**
 * @brief A measure's composite scoring rule (the measure's "composite"
 *        member, docs/framework.md): three cut points, best first, that score
 *        its value 1 (best) to 4 for the composite of its aim.
 *
 * Thread-safe on a loaded framework; the source string is owned by the
 * framework and lives as long as it.
 *
 * @param fw The framework.
 * @param index 0 to n_measures - 1.
 * @param thresholds Receives the three cut points in the measure's unit
 *        (NaN when the measure has no rule).
 * @param source Receives the rule's stated source (not NUL-terminated); may be NULL.
 * @param source_len Receives the bytes in @p source; may be NULL.
 * @param out_has Receives 1 when the measure has a rule, else 0.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL @p fw, @p thresholds or @p out_has.
 */
CAREALIGN_API carealign_status carealign_framework_get_composite(
    const carealign_framework *fw, int32_t index, double thresholds[3], const char **source,
    size_t *source_len, int32_t *out_has);

/**
 * @brief Score a value 1 (best) to 4 by a composite rule, in the manner of
 *        the NHS Oversight Framework 2025/26 (each metric scored 1 to 4).
 *
 * With improvement #CAREALIGN_IMPROVE_INCREASE: 1 when @p value >=
 * thresholds[0], else 2 when >= thresholds[1], else 3 when >=
 * thresholds[2], else 4; with #CAREALIGN_IMPROVE_DECREASE the same with <=.
 * Pure; thread-safe.
 *
 * @param value The measure's published value (NaN: not scored).
 * @param thresholds The three cut points, best first (carealign_framework_get_composite()).
 * @param improvement #CAREALIGN_IMPROVE_INCREASE or #CAREALIGN_IMPROVE_DECREASE.
 * @return 1..4; 0 when @p value is NaN or @p thresholds is NULL.
 */
CAREALIGN_API int32_t carealign_composite_score(double value, const double thresholds[3],
                                                int32_t improvement);

/**
 * @brief One named journey parameter of a measure (windows, ages,
 *        exclusions, contact-type filters). Output struct (set @c size; at
 *        least 80).
 *
 * The names form a closed list (docs/framework.md), one for each setting of
 * the journey layer's options; the journey layer reads them by name.
 */
typedef struct carealign_framework_param {
    size_t size;           /**< Set by the caller to sizeof(carealign_framework_param). */
    const char *name;      /**< Parameter name, e.g. "followup_within_days". */
    size_t name_len;       /**< Bytes in @c name. */
    int32_t kind;          /**< CAREALIGN_PARAM_*. */
    int32_t valueset;      /**< _CODESET: index of the code value set; else -1. */
    int64_t value;         /**< _INT: the number; _BOOL: 0 or 1; _NAME: the name's code. */
    const int64_t *values; /**< _INT_LIST and _CONTACT_TYPES: the numbers or type codes. */
    size_t n_values;       /**< Entries in @c values (0 otherwise). */
    uint64_t mask;         /**< _CONTACT_TYPES: OR of (1 << code); else 0. */
    const char *text;      /**< _NAME: the name; _CODESET: the code set's id; else "". */
    size_t text_len;       /**< Bytes in @c text. */
} carealign_framework_param;

/** @brief Static initialiser for ::carealign_framework_param. */
#define CAREALIGN_FRAMEWORK_PARAM_INIT                                                             \
    {                                                                                              \
        .size = sizeof(carealign_framework_param)                                                  \
    }

/**
 * @brief Zero a parameter struct and set its size.
 * @param p The struct to fill.
 * @param size sizeof(carealign_framework_param) as the caller knows it; at least 80.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 80.
 */
CAREALIGN_API carealign_status carealign_framework_param_init(carealign_framework_param *p,
                                                              size_t size);

/**
 * @brief A measure's journey parameter by index (sorted by name).
 * @param fw The framework.
 * @param measure The measure's index.
 * @param index 0 to the measure's n_params - 1.
 * @param out The caller's struct with @c size set.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL or a size below 80.
 */
CAREALIGN_API carealign_status carealign_framework_get_param(const carealign_framework *fw,
                                                             int32_t measure, int32_t index,
                                                             carealign_framework_param *out);

/**
 * @brief A measure's journey parameter by name.
 * @param fw The framework.
 * @param measure The measure's index.
 * @param name The parameter name; need not be NUL-terminated.
 * @param len Bytes in @p name.
 * @param out The caller's struct with @c size set.
 * @return #CAREALIGN_OK; #CAREALIGN_EMISSING when the measure does not set
 *         it (the journey layer's default then applies); #CAREALIGN_ERANGE
 *         for a measure index out of range; #CAREALIGN_EINVAL for NULL or a
 *         size below 80.
 */
CAREALIGN_API carealign_status carealign_framework_find_param(const carealign_framework *fw,
                                                              int32_t measure, const char *name,
                                                              size_t len,
                                                              carealign_framework_param *out);

/**
 * @brief A measure's journey parameters as the journey layer's options, ready
 *        for carealign_journey_compute() and carealign_journey_batch().
 *
 * Starts from every journey default (a zeroed ::carealign_journey_options)
 * and sets:
 * - the period (#CAREALIGN_JOPT_HAS_PERIOD) to the framework's whole
 *   reporting period; a caller computing one interval sets period_start and
 *   period_end from carealign_framework_get_period() itself;
 * - unit_costs to the framework's unit costs as a [type][sector] table of
 *   pence per activity unit (n_cost_types #CAREALIGN_CONTACT_TYPE_END,
 *   n_cost_sectors 32), by the rule of carealign_framework_unit_cost(); a
 *   type the framework does not price is #CAREALIGN_NA_I64;
 * - one field for each journey parameter the measure names
 *   (docs/framework.md section 4): min_age and max_age set
 *   reablement_min_age / reablement_max_age and
 *   #CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE / _MAX_AGE;
 *   excluded_admission_methods sets the reablement exclusion list (the code
 *   set's codes as whole numbers); excluded_destinations sets the
 *   reablement list on a reablement measure (a reablement_rule other than
 *   `none`, or reablement_followup_days without a rule) and
 *   discharge_excluded_destinations (discharges not counted) on any other;
 *   readmission_excluded_methods sets readmission_excluded_methods;
 *   national_readmission sets #CAREALIGN_JOPT_NATIONAL_READMISSION (loading
 *   requires the measure to name readmission_excluded_methods and
 *   excluded_destinations with it);
 * - for `reablement_rule` `ascof2d_2024`: outcome
 *   #CAREALIGN_REABLE_OUTCOME_NO_EVENT, cluster gap 7 days and the flags
 *   #CAREALIGN_JOPT_AGE_DAYS_365_25, _REABLE_EXCLUDE_ZERO_LOS,
 *   _REABLE_READMIT_EXCLUDE_ZERO_LOS, _REABLE_EXCLUDE_DIED_IN_HOSPITAL and
 *   _REABLE_EXCLUDE_LTS (DHSC's ASCOF 2D SQL); for `91day`: outcome
 *   #CAREALIGN_REABLE_OUTCOME_AT_HOME_ON_DAY and cluster gap 7; for `none`:
 *   no reablement figures (reablement_followup_days 0).
 *
 * Lifetime: the options point into the framework (unit-cost table, code
 * lists), which never changes after loading; they stay valid until
 * carealign_framework_free(). Thread safety: may run concurrently on one
 * framework.
 *
 * @param fw The framework.
 * @param measure The measure's index (file order), as for
 *        carealign_framework_get_measure().
 * @param out The caller's struct with @c size set (at least 192, the first
 *        release's size); only the first @c size bytes are written, and
 *        fields beyond those this release knows are zeroed.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for a measure index out of range;
 *         #CAREALIGN_EINVAL for NULL, a size below 192, a reablement rule
 *         without reablement_followup_days, or an exclusion code set whose
 *         codes are not whole numbers; #CAREALIGN_EUNSUPPORTED when the
 *         measure needs a field beyond @c size (`max_age`, or
 *         `excluded_destinations` on a measure that is not a reablement one,
 *         with a 192-byte struct).
 */
CAREALIGN_API carealign_status carealign_framework_get_journey_options(
    const carealign_framework *fw, int32_t measure, carealign_journey_options *out);

/**
 * @brief One atom of a measure's criterion. Output struct (set @c size; at
 *        least 72).
 *
 * A criterion is one atom or "all" of several (a conjunction). In a
 * population criterion an atom without a threshold contributes a count (a
 * journey figure, contacts, or responses with score "each"); an atom with a
 * threshold, and every person and response atom, is a condition
 * (#CAREALIGN_ATOM_CONDITION). A criterion with no counted atom counts
 * people. docs/framework.md has examples.
 */
typedef struct carealign_framework_atom {
    size_t size;            /**< Set by the caller to sizeof(carealign_framework_atom). */
    int32_t kind;           /**< CAREALIGN_ATOM_*. */
    int32_t which;          /**< The kind's figure: CAREALIGN_PERSON_*, _SCORE_*, _JF_*, ... */
    uint32_t flags;         /**< CAREALIGN_ATOM_HAS_AT_LEAST, _HAS_AT_MOST, _CONDITION. */
    int32_t days;           /**< _JF_FOLLOWED_UP_WITHIN: the window in days; else 0. */
    double at_least;        /**< Inclusive lower threshold (with _HAS_AT_LEAST); else NaN. */
    double at_most;         /**< Inclusive upper threshold (with _HAS_AT_MOST); else NaN. */
    const int32_t *values;  /**< Person "in" list, or contact types for _CONTACTS; else NULL. */
    size_t n_values;        /**< Entries in @c values. */
    const int32_t *sectors; /**< Contact sectors for _CONTACTS (empty = all); else NULL. */
    size_t n_sectors;       /**< Entries in @c sectors. */
} carealign_framework_atom;

/** @brief Static initialiser for ::carealign_framework_atom. */
#define CAREALIGN_FRAMEWORK_ATOM_INIT                                                              \
    {                                                                                              \
        .size = sizeof(carealign_framework_atom)                                                   \
    }

/**
 * @brief Zero an atom struct and set its size.
 * @param a The struct to fill.
 * @param size sizeof(carealign_framework_atom) as the caller knows it; at least 72.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 72.
 */
CAREALIGN_API carealign_status carealign_framework_atom_init(carealign_framework_atom *a,
                                                             size_t size);

/**
 * @brief How many atoms a measure's criterion has.
 * @param fw The framework.
 * @param measure The measure's index.
 * @param criterion CAREALIGN_CRIT_*.
 * @param out_n Receives the number of atoms; 0 when the measure has no such
 *        criterion.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for a measure or criterion out
 *         of range; #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_framework_atom_count(const carealign_framework *fw,
                                                              int32_t measure, int32_t criterion,
                                                              size_t *out_n);

/**
 * @brief One atom of a measure's criterion.
 * @param fw The framework.
 * @param measure The measure's index.
 * @param criterion CAREALIGN_CRIT_*.
 * @param index 0 to carealign_framework_atom_count() - 1, in file order.
 * @param out The caller's struct with @c size set.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for an index out of range;
 *         #CAREALIGN_EINVAL for NULL or a size below 72.
 */
CAREALIGN_API carealign_status carealign_framework_get_atom(const carealign_framework *fw,
                                                            int32_t measure, int32_t criterion,
                                                            size_t index,
                                                            carealign_framework_atom *out);

/**
 * @brief The spelling used in framework files for a code.
 * @param table A CAREALIGN_TABLE_* constant.
 * @param code A code of that table.
 * @return A static NUL-terminated string such as "outcomes" or
 *         "emergency_admission"; "" for an unknown table or code. Never NULL.
 */
CAREALIGN_API const char *carealign_framework_code_name(int32_t table, int32_t code);

/**
 * @brief The canonical form: the framework's JSON with members sorted by
 *        UTF-16 code units, no whitespace, minimal string escapes and exact
 *        numbers in ECMAScript layout (docs/framework.md).
 *
 * Two files that differ only in layout, member order, escapes or number
 * spelling (1e5 vs 100000) have the same canonical form; loading the
 * canonical form gives the same framework and the same hash.
 *
 * @param fw The framework.
 * @param buf Receives the text and a terminating NUL; may be NULL when
 *        @p cap is 0.
 * @param cap The size of @p buf.
 * @param out_len Receives the length written (without the NUL) or, with
 *        #CAREALIGN_EBUFSIZE, the capacity needed (with the NUL).
 * @return #CAREALIGN_OK; #CAREALIGN_EBUFSIZE when @p cap is too small
 *         (buf[0] set to NUL if cap > 0); #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_framework_canonical(const carealign_framework *fw,
                                                             char *buf, size_t cap,
                                                             size_t *out_len);

/**
 * @brief The framework's identity: SHA-256 of its canonical form.
 * @param fw The framework.
 * @param out Receives the #CAREALIGN_SHA256_SIZE bytes.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_framework_hash(const carealign_framework *fw,
                                                        uint8_t out[CAREALIGN_SHA256_SIZE]);

/**
 * @brief Options shared by every writer (FHIR here; the scorecard's JSON,
 *        CSV and FHIR). Zero means the default; smallest size 32.
 */
typedef struct carealign_write_options {
    size_t size;          /**< sizeof(carealign_write_options) as the caller knows it. */
    uint32_t flags;       /**< CAREALIGN_WRITE_PRETTY, CAREALIGN_WRITE_FHIR_JSON_SCHEMA. */
    int32_t sig_digits;   /**< Significant digits for computed numbers; 0 = the writer's default. */
    const char *base_url; /**< FHIR canonical base for Measure.url; NULL/empty =
                               "urn:carealign:framework" style URNs. */
    size_t base_url_len;  /**< Bytes in @c base_url. */
} carealign_write_options;

/** @brief Static initialiser for ::carealign_write_options (all defaults). */
#define CAREALIGN_WRITE_OPTIONS_INIT                                                               \
    {                                                                                              \
        .size = sizeof(carealign_write_options)                                                    \
    }

/**
 * @brief Initialise writer options to the defaults.
 * @param opt The struct to fill.
 * @param size sizeof(carealign_write_options) as the caller knows it; at least 32.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL or a size below 32.
 */
CAREALIGN_API carealign_status carealign_write_options_init(carealign_write_options *opt,
                                                            size_t size);

/**
 * @brief A writer's sink: receives output in pieces.
 * @param data The bytes (not NUL-terminated).
 * @param len Number of bytes.
 * @param user The caller's pointer.
 * @return 0 to continue; anything else stops the write (#CAREALIGN_EIO).
 */
typedef int32_t (*carealign_write_fn)(const void *data, size_t len, void *user);

/**
 * @brief Export the framework as a FHIR R4 Bundle (type "collection") of
 *        Measure resources, one per measure, in file order.
 *
 * Each Measure carries the id, version, title, status "active", scoring,
 * improvement notation, the definition it cites, its aim as a topic, and
 * one group whose populations hold the criteria as Expressions in language
 * `text/x-carealign`: the canonical JSON of the criterion, with an English
 * description. These expressions describe; they are not executable by CQL
 * engines. The bytes are deterministic for a given framework and options.
 *
 * @param fw The framework.
 * @param opt Options, or NULL for the defaults.
 * @param buf Receives the JSON text and a NUL; may be NULL when @p cap is 0.
 * @param cap The size of @p buf.
 * @param out_len Receives the length written (without the NUL) or, with
 *        #CAREALIGN_EBUFSIZE, the capacity needed (with the NUL).
 * @return #CAREALIGN_OK; #CAREALIGN_EBUFSIZE; #CAREALIGN_EINVAL for NULL
 *         pointers or bad options; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_framework_to_fhir(const carealign_framework *fw,
                                                           const carealign_write_options *opt,
                                                           char *buf, size_t cap, size_t *out_len);

/**
 * @brief As carealign_framework_to_fhir(), writing through a callback.
 * @param fw The framework.
 * @param opt Options, or NULL for the defaults.
 * @param fn Called with successive pieces of the output (no NUL).
 * @param user Passed to @p fn.
 * @return #CAREALIGN_OK; #CAREALIGN_EIO when @p fn returned non-zero;
 *         #CAREALIGN_EINVAL; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_framework_to_fhir_cb(const carealign_framework *fw,
                                                              const carealign_write_options *opt,
                                                              carealign_write_fn fn, void *user);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CAREALIGN_FRAMEWORK_H */
