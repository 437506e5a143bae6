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

typedef struct kernel {
    uint32_t lo[CAREALIGN__MAX_ITEMS];
    uint32_t span[CAREALIGN__MAX_ITEMS];
    int32_t score[CAREALIGN__MAX_ITEMS][CAREALIGN__MAX_LEVELS];
    const int32_t *lookup;
    int64_t lookup_first;
    int64_t lookup_count;
    int32_t base;
    int32_t constant;
    int32_t n3;
    int32_t rule;
    double divisor;
} kernel;

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

static void kernel_init(kernel *k, const carealign__instrument *instrument,
                        const carealign__valueset *vs)
{
    memset(k, 0, sizeof *k);
    for (size_t i = 0; i < instrument->info.n_items; i++) {
        const carealign_item_info *item = &instrument->items[i];
        k->lo[i] = (uint32_t)item->min_level;
        k->span[i] = (uint32_t)item->max_level - (uint32_t)item->min_level;
        for (uint32_t off = 0; off <= k->span[i]; off++) {
            if (vs->table != NULL)
                k->score[i][off] = vs->table[i * (size_t)vs->stride + off];
            else
                k->score[i][off] = vs->slope * (item->min_level + (int32_t)off) + vs->intercept;
        }
    }
    k->lookup = vs->lookup;
    k->lookup_first = vs->lookup_first;
    k->lookup_count = vs->lookup_count;
    k->base = vs->base;
    k->constant = vs->constant;
    k->n3 = vs->n3;
    k->rule = vs->rule;
    k->divisor = (double)vs->divisor;
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

/* Score one row. Returns 0 and sets *score, or returns 1 for a bad row.
 * With n and rule known at the call site, the compiler unrolls the loops. */
CAREALIGN__INLINE int score_row(const kernel *k, const int32_t *row, size_t n, int32_t rule,
                                double *score)
{
    uint32_t bad = 0;
    for (size_t i = 0; i < n; i++)
        bad |= (uint32_t)((uint32_t)row[i] - k->lo[i] > k->span[i]);
    if (bad)
        return 1;
    int64_t total = k->base;
    uint32_t any_off = 0, any_worst = 0;
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
    } else if (rule == CAREALIGN__RULE_LOOKUP) {
        int64_t at = total - k->lookup_first;
        if (at < 0 || at >= k->lookup_count)
            return 1;
        total = k->lookup[at];
    }
    *score = (double)total / k->divisor;
    return 0;
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
        return carealign__error(CAREALIGN_EINVAL, "%s: %s has %zu items, n_items is %zu", function,
                                (*instrument)->info.name, (*instrument)->info.n_items, n_items);
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
        snprintf(where, sizeof where, "row %zu: ", row_number);
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

/* One pass over the rows with n and rule fixed at compile time. Bad rows
 * are counted, marked NaN and given their status; the first is reported. */
#define CAREALIGN__BATCH(N, RULE)                                                                  \
    for (size_t r = 0; r < n_rows; r++) {                                                          \
        const int32_t *row = items + r * (N);                                                      \
        if (score_row(&k, row, (N), (RULE), &scores[r]) == 0) {                                    \
            if (row_status != NULL)                                                                \
                row_status[r] = CAREALIGN_OK;                                                      \
            continue;                                                                              \
        }                                                                                          \
        size_t item;                                                                               \
        carealign_status bad = first_bad_item(&k, row, (N), &item);                                \
        scores[r] = NAN;                                                                           \
        if (row_status != NULL)                                                                    \
            row_status[r] = bad;                                                                   \
        if (failed++ == 0)                                                                         \
            first_failed = r;                                                                      \
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
    size_t failed = 0, first_failed = 0;
    switch (n_items * 4 + (size_t)k.rule) {
    case 5 * 4 + CAREALIGN__RULE_SUM: CAREALIGN__BATCH(5, CAREALIGN__RULE_SUM); break;
    case 5 * 4 + CAREALIGN__RULE_EQ5D3L: CAREALIGN__BATCH(5, CAREALIGN__RULE_EQ5D3L); break;
    case 7 * 4 + CAREALIGN__RULE_LOOKUP: CAREALIGN__BATCH(7, CAREALIGN__RULE_LOOKUP); break;
    default: CAREALIGN__BATCH(n_items, k.rule); break;
    }
    if (n_scored != NULL)
        *n_scored = n_rows - failed;
    if (failed == 0)
        return CAREALIGN_OK;
    return row_error(ins, &k, items + first_failed * n_items, n_items, first_failed + 1);
}
