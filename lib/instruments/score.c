/*
 * Scoring and the registry's accessors. Pure: no allocation, no state
 * beyond the static tables in tables.c.
 *
 * A value set is turned, per call, into a kernel: for every item its
 * lowest level, its span and a row of integer item scores (from the value
 * set's table, or slope * level + intercept). A row is first checked
 * (unsigned offset from the lowest level against the span, so that no
 * value, including CAREALIGN_ITEM_MISSING, can index out of bounds), then
 * its integer total is formed and divided by the value set's power of ten
 * once, so that the double is the one nearest the exact score.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/internal.h"
#include "instruments/registry.h"

#if defined(__GNUC__)
#define CAREALIGN__INLINE static inline __attribute__((always_inline))
#else
#define CAREALIGN__INLINE static inline
#endif

/* Unroll the loop over the items of a row (their count is a constant where
 * it matters): worth a factor of two in batches. clang unrolls such loops
 * by itself at -O2 (and would warn about the generic instantiation). */
#if defined(__GNUC__) && !defined(__clang__)
#define CAREALIGN__UNROLL _Pragma("GCC unroll 16")
#else
#define CAREALIGN__UNROLL
#endif

/* ------------------------------------------------------------- registry */

static const carealign__instrument *instrument_named(const char *name)
{
    for (size_t i = 0; i < carealign__instrument_total; i++) {
        if (strcmp(carealign__instruments[i].info.name, name) == 0)
            return &carealign__instruments[i];
    }
    return NULL;
}

static const carealign__instrument *instrument_of(const carealign_instrument_info *info)
{
    for (size_t i = 0; info != NULL && i < carealign__instrument_total; i++) {
        if (&carealign__instruments[i].info == info)
            return &carealign__instruments[i];
    }
    return NULL;
}

size_t carealign_instrument_count(void)
{
    return carealign__instrument_total;
}

const carealign_instrument_info *carealign_instrument_get(size_t index)
{
    return index < carealign__instrument_total ? &carealign__instruments[index].info : NULL;
}

carealign_status carealign_instrument_find(const char *name, const carealign_instrument_info **out)
{
    if (name == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_instrument_find: %s is NULL",
                                name == NULL ? "name" : "out");
    const carealign__instrument *instrument = instrument_named(name);
    if (instrument == NULL)
        return carealign__error(CAREALIGN_EUNSUPPORTED,
                                "carealign_instrument_find: unknown instrument");
    *out = &instrument->info;
    return CAREALIGN_OK;
}

const carealign_item_info *carealign_instrument_item(const carealign_instrument_info *instrument,
                                                     size_t index)
{
    const carealign__instrument *found = instrument_of(instrument);
    return found != NULL && index < found->info.n_items ? &found->items[index] : NULL;
}

const carealign_valueset_info *
carealign_instrument_valueset(const carealign_instrument_info *instrument, size_t index)
{
    const carealign__instrument *found = instrument_of(instrument);
    return found != NULL && index < found->info.n_valuesets ? &found->valuesets[index].info : NULL;
}

/* Resolve names to tables; the error names what is unknown but does not
 * echo caller text (it may not be NUL-safe to print, and need not be). */
static carealign_status resolve(const char *function, const char *instrument_name,
                                const char *valueset_name, const carealign__instrument **instrument,
                                const carealign__valueset **valueset)
{
    if (instrument_name == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: instrument is NULL", function);
    const carealign__instrument *found = instrument_named(instrument_name);
    if (found == NULL)
        return carealign__error(CAREALIGN_EUNSUPPORTED, "%s: unknown instrument", function);
    if (valueset_name == NULL) {
        *instrument = found;
        *valueset = &found->valuesets[0];
        return CAREALIGN_OK;
    }
    for (size_t i = 0; i < found->info.n_valuesets; i++) {
        if (strcmp(found->valuesets[i].info.name, valueset_name) == 0) {
            *instrument = found;
            *valueset = &found->valuesets[i];
            return CAREALIGN_OK;
        }
    }
    return carealign__error(CAREALIGN_EUNSUPPORTED, "%s: %s has no such value set", function,
                            found->info.name);
}

carealign_status carealign_instrument_valueset_find(const char *instrument, const char *valueset,
                                                    const carealign_valueset_info **out)
{
    if (out == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_instrument_valueset_find: out is NULL");
    const carealign__instrument *found;
    const carealign__valueset *vs;
    carealign_status status =
        resolve("carealign_instrument_valueset_find", instrument, valueset, &found, &vs);
    if (status != CAREALIGN_OK)
        return status;
    *out = &vs->info;
    return CAREALIGN_OK;
}

/* -------------------------------------------------------------- kernels */

/* Rows are checked and scored in blocks of this many; a block whose items
 * are all in range (the usual case) takes the fast path. */
enum { BLOCK_ROWS = 256 };
/* The largest range of integer totals for which a batch precomputes the
 * double of every total (on the stack: 16 KiB), instead of dividing. */
enum { VALUE_TABLE = 2048 };
/* The fast path indexes item scores by the level itself: levels 0..7. */
enum { FAST_LEVELS = 8 };

typedef struct kernel {
    uint32_t lo[CAREALIGN__MAX_ITEMS];
    uint32_t span[CAREALIGN__MAX_ITEMS];
    /* item scores by offset from the lowest level */
    int32_t score[CAREALIGN__MAX_ITEMS][CAREALIGN__MAX_LEVELS];
    const int32_t *lookup;
    int64_t lookup_first;
    int64_t lookup_count;
    int64_t total_min, total_max; /* the range of totals of valid rows */
    int32_t base;
    int32_t constant;
    int32_t n3;
    int32_t rule;
    double divisor;
    /* The fast path (batches of an instrument whose items all share one
     * range within 0..FAST_LEVELS-1): the score of a valid row is
     * value[fast_base + sum of by_level[i][level]] (EQ-5D-3L terms aside). */
    int32_t fast;
    uint32_t uniform_lo, uniform_span;
    int32_t fast_base;
    int32_t identity; /* every item scores its level: no table needed */
    int32_t by_level[CAREALIGN__MAX_ITEMS][FAST_LEVELS];
    const double *value;
} kernel;

static void kernel_init(kernel *k, const carealign__instrument *instrument,
                        const carealign__valueset *vs)
{
    memset(k, 0, sizeof *k);
    size_t n = instrument->info.n_items;
    int64_t sum_min = 0, sum_max = 0;
    for (size_t i = 0; i < n; i++) {
        const carealign_item_info *item = &instrument->items[i];
        k->lo[i] = (uint32_t)item->min_level;
        k->span[i] = (uint32_t)item->max_level - (uint32_t)item->min_level;
        int32_t lo = INT32_MAX, hi = INT32_MIN;
        for (uint32_t off = 0; off <= k->span[i]; off++) {
            int32_t v = vs->table != NULL
                            ? vs->table[i * (size_t)vs->stride + off]
                            : vs->slope * (item->min_level + (int32_t)off) + vs->intercept;
            k->score[i][off] = v;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        sum_min += lo;
        sum_max += hi;
    }
    k->lookup = vs->lookup;
    k->lookup_first = vs->lookup_first;
    k->lookup_count = vs->lookup_count;
    k->base = vs->base;
    k->constant = vs->constant;
    k->n3 = vs->n3;
    k->rule = vs->rule;
    k->divisor = (double)vs->divisor;
    k->total_min = vs->base + sum_min;
    k->total_max = vs->base + sum_max;
    if (vs->rule == CAREALIGN__RULE_EQ5D3L)
        k->total_min -= (vs->constant > 0 ? vs->constant : 0) + (vs->n3 > 0 ? vs->n3 : 0);
}

/* Prepare the fast path of a batch: the double of every total a valid row
 * can have (the same divisions score_row() makes, so both paths give
 * identical results) and item scores indexed by level. Leaves k->fast 0
 * when the value set does not fit. */
static void kernel_fast(kernel *k, size_t n, double *value)
{
    k->uniform_lo = k->lo[0];
    k->uniform_span = k->span[0];
    for (size_t i = 0; i < n; i++) {
        if (k->lo[i] != k->uniform_lo || k->span[i] != k->uniform_span)
            return;
    }
    if (k->uniform_lo + k->uniform_span >= FAST_LEVELS)
        return;
    int64_t origin;
    if (k->rule == CAREALIGN__RULE_LOOKUP) {
        /* the raw sum indexes the lookup table; valid rows stay inside it */
        if (k->total_min < k->lookup_first || k->total_max >= k->lookup_first + k->lookup_count ||
            k->lookup_count > VALUE_TABLE)
            return;
        for (int64_t j = 0; j < k->lookup_count; j++)
            value[j] = (double)k->lookup[j] / k->divisor;
        origin = k->lookup_first;
    } else {
        if (k->total_max - k->total_min >= VALUE_TABLE)
            return;
        for (int64_t t = k->total_min; t <= k->total_max; t++)
            value[t - k->total_min] = (double)t / k->divisor;
        origin = k->total_min;
    }
    k->identity = k->rule != CAREALIGN__RULE_EQ5D3L;
    for (size_t i = 0; i < n; i++) {
        for (uint32_t off = 0; off <= k->span[i]; off++) {
            k->by_level[i][k->lo[i] + off] = k->score[i][off];
            if (k->score[i][off] != (int32_t)(k->lo[i] + off))
                k->identity = 0;
        }
    }
    k->fast_base = (int32_t)(k->base - origin);
    k->value = value;
    k->fast = 1;
}

/* The first bad item of a row and its status; only called for a bad row. */
static carealign_status first_bad_item(const kernel *k, const int32_t *row, size_t n, size_t *item)
{
    for (size_t i = 0; i < n; i++) {
        if (row[i] == CAREALIGN_ITEM_MISSING) {
            *item = i;
            return CAREALIGN_EMISSING;
        }
        if ((uint32_t)row[i] - k->lo[i] > k->span[i]) {
            *item = i;
            return CAREALIGN_EINVAL;
        }
    }
    *item = 0;
    return CAREALIGN_EINVAL; /* the lookup table did not cover the sum */
}

/* The integer total of a row whose items are all in range. With n and rule
 * known at the call site, the compiler unrolls the loop. */
CAREALIGN__INLINE int64_t row_total(const kernel *k, const int32_t *row, size_t n, int32_t rule)
{
    int64_t total = k->base;
    uint32_t any_off = 0, any_worst = 0;
    CAREALIGN__UNROLL
    for (size_t i = 0; i < n; i++) {
        uint32_t off = (uint32_t)row[i] - k->lo[i];
        total += k->score[i][off];
        if (rule == CAREALIGN__RULE_EQ5D3L) {
            any_off |= off;
            any_worst |= (uint32_t)(off == k->span[i]);
        }
    }
    if (rule == CAREALIGN__RULE_EQ5D3L) {
        if (any_off)
            total -= k->constant;
        if (any_worst)
            total -= k->n3;
    }
    return total;
}

/* Score one row: 0 and *score set, or 1 for a bad row. */
CAREALIGN__INLINE int score_row(const kernel *k, const int32_t *row, size_t n, int32_t rule,
                                double *score)
{
    uint32_t bad = 0;
    CAREALIGN__UNROLL
    for (size_t i = 0; i < n; i++)
        bad |= (uint32_t)((uint32_t)row[i] - k->lo[i] > k->span[i]);
    if (bad)
        return 1;
    int64_t total = row_total(k, row, n, rule);
    if (rule == CAREALIGN__RULE_LOOKUP) {
        int64_t at = total - k->lookup_first;
        if (at < 0 || at >= k->lookup_count)
            return 1;
        total = k->lookup[at];
    }
    *score = (double)total / k->divisor;
    return 0;
}

/* 1 when every item of a block of a uniform instrument is in range. */
CAREALIGN__INLINE int block_ok(const int32_t *block, size_t count, const kernel *k)
{
    const uint32_t lo = k->uniform_lo, span = k->uniform_span;
    uint32_t bad = 0;
    for (size_t j = 0; j < count; j++)
        bad |= (uint32_t)((uint32_t)block[j] - lo > span);
    return bad == 0;
}

/* The value table index of a valid row on the fast path. */
CAREALIGN__INLINE int32_t fast_index(const kernel *k, const int32_t *row, size_t n, int32_t rule,
                                     int identity)
{
    int32_t index = k->fast_base;
    uint32_t any_off = 0, any_worst = 0;
    CAREALIGN__UNROLL
    for (size_t i = 0; i < n; i++) {
        uint32_t level = (uint32_t)row[i];
        index += identity ? row[i] : k->by_level[i][level];
        if (rule == CAREALIGN__RULE_EQ5D3L) {
            any_off |= level - k->uniform_lo;
            any_worst |= (uint32_t)(level == k->uniform_lo + k->uniform_span);
        }
    }
    if (rule == CAREALIGN__RULE_EQ5D3L) {
        if (any_off)
            index -= k->constant;
        if (any_worst)
            index -= k->n3;
    }
    return index;
}

typedef struct batch_result {
    size_t failed;
    size_t first_failed;
} batch_result;

/* Score rows [0, n_rows) block by block. On the fast path a block whose
 * items are all in range is scored without per-row checks; any other
 * block is scored row by row. */
CAREALIGN__INLINE void score_rows(const kernel *k, const int32_t *items, size_t n, size_t n_rows,
                                  int32_t rule, double *scores, int32_t *row_status,
                                  batch_result *result)
{
    for (size_t r0 = 0; r0 < n_rows; r0 += BLOCK_ROWS) {
        size_t m = n_rows - r0 < BLOCK_ROWS ? n_rows - r0 : BLOCK_ROWS;
        const int32_t *block = items + r0 * n;
        /* a full block has a trip count known at compile time, which lets
         * gcc -O2 vectorise the check as clang does */
        if (k->fast &&
            (m == BLOCK_ROWS ? block_ok(block, BLOCK_ROWS * n, k) : block_ok(block, m * n, k))) {
            if (k->identity) {
                for (size_t r = 0; r < m; r++)
                    scores[r0 + r] = k->value[fast_index(k, block + r * n, n, rule, 1)];
            } else {
                for (size_t r = 0; r < m; r++)
                    scores[r0 + r] = k->value[fast_index(k, block + r * n, n, rule, 0)];
            }
            if (row_status != NULL) {
                for (size_t r = 0; r < m; r++)
                    row_status[r0 + r] = CAREALIGN_OK;
            }
            continue;
        }
        for (size_t r = 0; r < m; r++) {
            const int32_t *row = block + r * n;
            if (score_row(k, row, n, rule, &scores[r0 + r]) == 0) {
                if (row_status != NULL)
                    row_status[r0 + r] = CAREALIGN_OK;
                continue;
            }
            size_t item;
            carealign_status bad = first_bad_item(k, row, n, &item);
            scores[r0 + r] = NAN;
            if (row_status != NULL)
                row_status[r0 + r] = bad;
            if (result->failed++ == 0)
                result->first_failed = r0 + r;
        }
    }
}

static carealign_status check_call(const char *function, const char *instrument_name,
                                   const char *valueset_name, size_t n_items,
                                   const carealign__instrument **instrument,
                                   const carealign__valueset **vs)
{
    carealign_status status = resolve(function, instrument_name, valueset_name, instrument, vs);
    if (status != CAREALIGN_OK)
        return status;
    if (n_items != (*instrument)->info.n_items)
        return carealign__error(CAREALIGN_EINVAL, "%s: %s has %llu items, n_items is %llu",
                                function, (*instrument)->info.name,
                                (unsigned long long)(*instrument)->info.n_items,
                                (unsigned long long)n_items);
    return CAREALIGN_OK;
}

static carealign_status row_error(const carealign__instrument *instrument, const kernel *k,
                                  const int32_t *row, size_t n, size_t row_number)
{
    size_t item;
    carealign_status status = first_bad_item(k, row, n, &item);
    const carealign_item_info *info = &instrument->items[item];
    char where[40] = "";
    if (row_number > 0)
        snprintf(where, sizeof where, "row %llu: ", (unsigned long long)row_number);
    if (status == CAREALIGN_EMISSING)
        return carealign__error(status, "%s: %sitem %s is missing", instrument->info.name, where,
                                info->code);
    return carealign__error(status, "%s: %sitem %s out of range %d..%d", instrument->info.name,
                            where, info->code, (int)info->min_level, (int)info->max_level);
}

carealign_status carealign_score(const char *instrument, const char *valueset, const int32_t *items,
                                 size_t n_items, double *score)
{
    const carealign__instrument *ins;
    const carealign__valueset *vs;
    carealign_status status =
        check_call("carealign_score", instrument, valueset, n_items, &ins, &vs);
    if (status != CAREALIGN_OK)
        return status;
    if (items == NULL || score == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_score: %s is NULL",
                                items == NULL ? "items" : "score");
    kernel k;
    kernel_init(&k, ins, vs);
    double result;
    if (score_row(&k, items, n_items, k.rule, &result) != 0)
        return row_error(ins, &k, items, n_items, 0);
    *score = result;
    return CAREALIGN_OK;
}

carealign_status carealign_score_batch(const char *instrument, const char *valueset,
                                       const int32_t *items, size_t n_items, size_t n_rows,
                                       double *scores, int32_t *row_status, size_t *n_scored)
{
    static const char function[] = "carealign_score_batch";
    if (n_scored != NULL)
        *n_scored = 0;
    const carealign__instrument *ins;
    const carealign__valueset *vs;
    carealign_status status = check_call(function, instrument, valueset, n_items, &ins, &vs);
    if (status != CAREALIGN_OK)
        return status;
    if (n_rows == 0)
        return CAREALIGN_OK;
    if (items == NULL || scores == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: %s is NULL", function,
                                items == NULL ? "items" : "scores");
    if (n_rows > SIZE_MAX / n_items / sizeof(int32_t))
        return carealign__error(CAREALIGN_EINVAL, "%s: n_rows * n_items overflows", function);

    kernel k;
    kernel_init(&k, ins, vs);
    double value[VALUE_TABLE];
    if (n_rows >= VALUE_TABLE / 4)
        kernel_fast(&k, n_items, value);
    batch_result result = {0, 0};
    /* the common shapes get loops compiled for their item count and rule */
    switch (n_items * 4 + (size_t)k.rule) {
    case 5 * 4 + CAREALIGN__RULE_SUM:
        score_rows(&k, items, 5, n_rows, CAREALIGN__RULE_SUM, scores, row_status, &result);
        break;
    case 5 * 4 + CAREALIGN__RULE_EQ5D3L:
        score_rows(&k, items, 5, n_rows, CAREALIGN__RULE_EQ5D3L, scores, row_status, &result);
        break;
    case 7 * 4 + CAREALIGN__RULE_LOOKUP:
        score_rows(&k, items, 7, n_rows, CAREALIGN__RULE_LOOKUP, scores, row_status, &result);
        break;
    default: score_rows(&k, items, n_items, n_rows, k.rule, scores, row_status, &result); break;
    }
    size_t failed = result.failed, first_failed = result.first_failed;
    if (n_scored != NULL)
        *n_scored = n_rows - failed;
    if (failed == 0)
        return CAREALIGN_OK;
    return row_error(ins, &k, items + first_failed * n_items, n_items, first_failed + 1);
}
