/**
 * @file instruments.h
 * @brief Questionnaire scoring: questionnaire items in, one score out, the
 *        same way for every organisation that links carealign.
 *
 * Instruments and their value sets (registry name: value set names, the
 * first being the default):
 *
 * | instrument   | value sets                    | score                              |
 * |--------------|-------------------------------|------------------------------------|
 * | `eq5d3l`     | `uk-tto-1997`                 | EQ-5D-3L index, -0.594 .. 1        |
 * | `eq5d5l`     | `uk-2026`, `england-2018`     | EQ-5D-5L index                     |
 * | `ascot_sct4` | `raw`                         | ASCOF 1A person score, 0 .. 24     |
 * | `swemwbs`    | `metric`, `raw`               | Rasch metric 7 .. 35, or raw sum   |
 * | `wemwbs`     | `raw`                         | sum, 14 .. 70                      |
 * | `icecap_o`   | `coast-2008`                  | capability index, 0 .. 1           |
 * | `fft`        | `positive`                    | 1 for very good or good, else 0    |
 * | `barthel`    | `20`, `100`                   | Barthel Index, 0 .. 20 or 0 .. 100 |
 *
 * Goal Attainment Scaling takes weights as well as levels and has its own
 * function, carealign_gas_tscore(). Items, levels, sources and licensing
 * notes: docs/instruments.md.
 *
 * The registry holds short item codes, level ranges, which level is best,
 * value set citations, the questionnaire's owner and its licence URL: never
 * item or level wording, which is licensed by the owners. carealign only
 * scores; using a questionnaire needs its owner's licence.
 *
 * Scores on a fixed grid are exact: EQ-5D is computed in integer
 * thousandths, ICECAP-O in ten-thousandths and the SWEMWBS metric score in
 * hundredths, and converted to the nearest double only at the end, so
 * `score * 1000` rounds to the published thousandths on every platform.
 *
 * Pure functions: no allocation, no state. Every function here may be
 * called from any thread at any time. The registry is a set of immutable
 * static tables that live as long as the library is loaded; nothing is to
 * be freed.
 */
#ifndef CAREALIGN_INSTRUMENTS_H
#define CAREALIGN_INSTRUMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup instruments Instruments
 * @brief Questionnaire scoring (EQ-5D, ASCOT, SWEMWBS, WEMWBS, ICECAP-O, FFT,
 *        Barthel) and Goal Attainment Scaling.
 * @{
 */

/**
 * @brief The item value that marks a missing answer.
 *
 * An item with this value makes the row #CAREALIGN_EMISSING. It is
 * `INT32_MIN`, which no instrument uses as a level.
 */
#define CAREALIGN_ITEM_MISSING INT32_MIN

/**
 * @name Registry
 * Enumerate instruments, their items and their value sets, so that a form
 * can be built and validated from the library alone. Every struct here is
 * filled by the library, lives in static storage and begins with `size`,
 * the library's `sizeof` of it: fields are only ever appended, so read a
 * field only when `size` covers it.
 * @{
 */

/**
 * @brief One item (question) of an instrument: its code and its levels.
 *
 * Valid answers are the whole numbers @c min_level to @c max_level.
 */
typedef struct carealign_item_info {
    size_t size;        /**< sizeof(carealign_item_info) in the library. */
    const char *code;   /**< Short code, e.g. "MO"; ASCII, static. Also the CSV column name. */
    int32_t min_level;  /**< Lowest valid level, e.g. 1 (0 for the Barthel Index). */
    int32_t max_level;  /**< Highest valid level, e.g. 5. */
    int32_t best_level; /**< The level that means the best state (min_level or max_level). */
} carealign_item_info;

/**
 * @brief One value set (scoring rule) of an instrument.
 *
 * A score under this value set is a whole multiple of `10^-decimals`
 * between @c min_score and @c max_score; higher is better for every value
 * set in the registry.
 */
typedef struct carealign_valueset_info {
    size_t size;          /**< sizeof(carealign_valueset_info) in the library. */
    const char *name;     /**< Name, e.g. "england-2018"; ASCII, static. */
    const char *citation; /**< The published source of the rule; UTF-8, static. */
    double min_score;     /**< The lowest possible score (the worst state). */
    double max_score;     /**< The highest possible score (the best state). */
    int32_t decimals;     /**< Scores are exact multiples of 10^-decimals (0, 2, 3 or 4). */
} carealign_valueset_info;

/**
 * @brief One instrument: its name, owner, licence and the counts of its
 *        items and value sets.
 *
 * Items and value sets are reached with carealign_instrument_item() and
 * carealign_instrument_valueset(), in order; value set 0 is the default.
 */
typedef struct carealign_instrument_info {
    size_t size;             /**< sizeof(carealign_instrument_info) in the library. */
    const char *name;        /**< Registry name, e.g. "eq5d5l"; ASCII, static. */
    const char *title;       /**< The questionnaire's name, e.g. "EQ-5D-5L"; UTF-8, static. */
    const char *owner;       /**< Who owns the questionnaire; UTF-8, static. */
    const char *licence_url; /**< Where its licence terms are; "" when none is known. */
    size_t n_items;          /**< Number of items, in the order carealign_score() takes them. */
    size_t n_valuesets;      /**< Number of value sets; at least 1. */
} carealign_instrument_info;

/**
 * @brief The number of instruments in the registry.
 * @return The count; instruments are numbered 0 to count - 1.
 */
CAREALIGN_API size_t carealign_instrument_count(void);

/**
 * @brief An instrument of the registry by number.
 * @param index 0 to carealign_instrument_count() - 1.
 * @return The static, immutable description, or NULL when @p index is past
 *         the end. Never to be freed.
 */
CAREALIGN_API const carealign_instrument_info *carealign_instrument_get(size_t index);

/**
 * @brief An instrument of the registry by name.
 * @param name The registry name, e.g. "eq5d5l" (exact, case-sensitive).
 * @param out Receives the static description.
 * @return #CAREALIGN_OK; #CAREALIGN_EUNSUPPORTED for an unknown name;
 *         #CAREALIGN_EINVAL for NULL arguments.
 */
CAREALIGN_API carealign_status carealign_instrument_find(const char *name,
                                                         const carealign_instrument_info **out);

/**
 * @brief An item of an instrument by number.
 * @param instrument An instrument from carealign_instrument_get() or
 *        carealign_instrument_find().
 * @param index 0 to @c instrument->n_items - 1, in scoring order.
 * @return The static item description, or NULL when @p instrument is not
 *         one of the registry's or @p index is past the end.
 */
CAREALIGN_API const carealign_item_info *
carealign_instrument_item(const carealign_instrument_info *instrument, size_t index);

/**
 * @brief A value set of an instrument by number.
 * @param instrument An instrument from carealign_instrument_get() or
 *        carealign_instrument_find().
 * @param index 0 to @c instrument->n_valuesets - 1; 0 is the default.
 * @return The static value set description, or NULL when @p instrument is
 *         not one of the registry's or @p index is past the end.
 */
CAREALIGN_API const carealign_valueset_info *
carealign_instrument_valueset(const carealign_instrument_info *instrument, size_t index);

/**
 * @brief A value set by instrument and value set name.
 * @param instrument The registry name of the instrument, e.g. "eq5d5l".
 * @param valueset The value set name, e.g. "england-2018", or NULL for the
 *        instrument's default (its first), which never changes within a
 *        SONAME.
 * @param out Receives the static value set description.
 * @return #CAREALIGN_OK; #CAREALIGN_EUNSUPPORTED for an unknown instrument
 *         or value set; #CAREALIGN_EINVAL for a NULL @p instrument or @p out.
 */
CAREALIGN_API carealign_status carealign_instrument_valueset_find(
    const char *instrument, const char *valueset, const carealign_valueset_info **out);
/** @} */

/**
 * @name Scoring
 * @{
 */

/**
 * @brief Score one completed questionnaire.
 *
 * Only complete answers are scored: nothing is imputed. When several items
 * are bad, the first in item order decides the status. The last error
 * names the instrument and the item ("eq5d5l: item AD out of range 1..5"),
 * never the answer given.
 *
 * @param instrument Registry name, e.g. "eq5d5l".
 * @param valueset Value set name, or NULL for the instrument's default
 *        (its first value set), frozen for this SONAME. Frameworks name it.
 * @param items The answers, in the instrument's item order (see
 *        carealign_instrument_item()); #CAREALIGN_ITEM_MISSING for none.
 * @param n_items The number of items; must equal the instrument's.
 * @param score Receives the score; left unchanged on failure.
 * @return #CAREALIGN_OK; #CAREALIGN_EMISSING when an item is missing;
 *         #CAREALIGN_EINVAL when an item is out of range, @p n_items is
 *         wrong or a pointer is NULL; #CAREALIGN_EUNSUPPORTED for an
 *         unknown instrument or value set.
 */
CAREALIGN_API carealign_status carealign_score(const char *instrument, const char *valueset,
                                               const int32_t *items, size_t n_items, double *score);

/**
 * @brief Score many questionnaires at once.
 *
 * @p items holds @p n_rows rows of @p n_items answers each, row after row
 * (row-major, as a C `int32_t[n_rows][n_items]` or a C-ordered numpy
 * array). Every row is scored as carealign_score() would score it; a bad
 * row never stops the batch: its score is NaN and its status says why.
 * When rows fail, the last error describes the first failed row
 * ("eq5d5l: row 17: item AD is missing"), numbered from 1.
 *
 * @param instrument Registry name, e.g. "swemwbs".
 * @param valueset Value set name, or NULL for the default.
 * @param items The answers, @p n_rows * @p n_items values; may be NULL
 *        when @p n_rows is 0.
 * @param n_items The number of items in a row; must equal the instrument's.
 * @param n_rows The number of rows.
 * @param scores Receives @p n_rows scores, NaN for a row that failed.
 * @param row_status Receives @p n_rows statuses (#CAREALIGN_OK or the
 *        row's error, as `int32_t`); may be NULL.
 * @param n_scored Receives the number of rows scored; may be NULL. It is
 *        set to 0 when the call fails as a whole.
 * @return #CAREALIGN_OK when every row was scored; otherwise the status of
 *         the first failed row (#CAREALIGN_EMISSING or #CAREALIGN_EINVAL),
 *         with every row still scored or marked. When the arguments are
 *         wrong (#CAREALIGN_EUNSUPPORTED for an unknown instrument or value
 *         set, #CAREALIGN_EINVAL for a wrong @p n_items, NULL pointers or a
 *         size that overflows) nothing is written but @p n_scored.
 */
CAREALIGN_API carealign_status carealign_score_batch(const char *instrument, const char *valueset,
                                                     const int32_t *items, size_t n_items,
                                                     size_t n_rows, double *scores,
                                                     int32_t *row_status, size_t *n_scored);
/** @} */

/**
 * @name Friends and Family Test
 * The NHS Friends and Family Test question since April 2020 (NHS England):
 * 1 very good, 2 good, 3 neither good nor poor, 4 poor, 5 very poor,
 * 6 don't know. carealign_score() with `fft` gives 1 for very good or good
 * and 0 otherwise, so the mean score is the NHS "% positive", with
 * "don't know" in the denominator.
 * @{
 */

/** @brief FFT category: very good or good (responses 1 and 2). */
#define CAREALIGN_FFT_POSITIVE 1
/** @brief FFT category: neither good nor poor (response 3). */
#define CAREALIGN_FFT_NEUTRAL 2
/** @brief FFT category: poor or very poor (responses 4 and 5). */
#define CAREALIGN_FFT_NEGATIVE 3
/** @brief FFT category: don't know (response 6). */
#define CAREALIGN_FFT_DONT_KNOW 4

/**
 * @brief The category of one Friends and Family Test response.
 * @param response The response, 1 to 6, or #CAREALIGN_ITEM_MISSING.
 * @param category Receives a CAREALIGN_FFT_ constant; unchanged on failure.
 * @return #CAREALIGN_OK; #CAREALIGN_EMISSING for a missing response;
 *         #CAREALIGN_EINVAL for a response outside 1 to 6 or a NULL
 *         @p category.
 */
CAREALIGN_API carealign_status carealign_fft_classify(int32_t response, int32_t *category);
/** @} */

/**
 * @name Goal Attainment Scaling
 * Kiresuk TJ, Sherman RE. Goal attainment scaling. Community Ment Health J
 * 1968;4:443-453.
 * @{
 */

/**
 * @brief The Goal Attainment Scaling T-score.
 *
 * T = 50 + 10 * sum(w * x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2),
 * over goals with attainment levels x from -2 to +2 and weights w.
 *
 * @param levels The attainment level of each goal, -2 to +2;
 *        #CAREALIGN_ITEM_MISSING for a goal not rated.
 * @param weights The weight of each goal, finite and positive; NULL for
 *        all 1.
 * @param n_goals The number of goals, at least 1.
 * @param rho The assumed correlation between goal scores, 0 to 1; 0.3 by
 *        convention.
 * @param t Receives the T-score; unchanged on failure.
 * @return #CAREALIGN_OK; #CAREALIGN_EMISSING when a goal is not rated;
 *         #CAREALIGN_EINVAL for a level outside -2 to +2, a weight that is
 *         not finite and positive, @p rho outside 0 to 1, no goals or NULL
 *         pointers. The last error names the goal by number, from 1.
 */
CAREALIGN_API carealign_status carealign_gas_tscore(const int32_t *levels, const double *weights,
                                                    size_t n_goals, double rho, double *t);
/** @} */

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CAREALIGN_INSTRUMENTS_H */
