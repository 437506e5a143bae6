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
 *
 * Batches check blocks of rows at once and score the rows of a valid block
 * without further checks, from tables built per call from that same
 * single-row code (so every path gives bit-identical results): the score
 * of every state of a small uniform instrument (EQ-5D, ICECAP-O), or the
 * double of every total (sums such as SWEMWBS, WEMWBS). A block with a bad
 * row is scored row by row. See bench/README.md for the measurements.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/bits.h"
#include "core/internal.h"
#include "instruments/internal.h"
#include "instruments/registry.h"

/* SSE2 is part of every x86-64 target (gcc, clang, mingw-w64 alike): the
 * batch uses it, when present, to check blocks 8 items at a time and to
 * write the results of large batches around the caches. Every use has a
 * plain C fallback that gives the same results. */
#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define CAREALIGN__SSE2 1
#else
#define CAREALIGN__SSE2 0
#endif

#define CAREALIGN__INLINE static inline CAREALIGN__ALWAYS_INLINE

/* Unroll the loop over the items of a row (their count is a constant where
 * it matters): worth a factor of two in batches. clang unrolls such loops
 * by itself at -O2 (and would warn about the generic instantiation). */
#if defined(__GNUC__) && !defined(__clang__)
#define CAREALIGN__UNROLL _Pragma("GCC unroll 16")
#define CAREALIGN__UNROLL4 _Pragma("GCC unroll 4")
#else
#define CAREALIGN__UNROLL
#define CAREALIGN__UNROLL4
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
/* The largest number of states (radix ** items) for which a batch
 * precomputes the score of every state (on the stack: 25 KiB, shared with
 * the value table): all EQ-5D-5L states. */
enum { STATE_TABLE = 3125 };
_Static_assert((int)STATE_TABLE >= (int)VALUE_TABLE, "one table serves both paths");
/* How a valid row of a block on the fast path is scored. */
enum {
    MODE_INDEX = 0, /* value[fast_base + sum of by_level[i][level]] */
    MODE_SUM = 1,   /* value[sum of levels] (identity items) */
    MODE_STATE = 2  /* state[code - code_min] */
};

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
    int32_t mode; /* MODE_INDEX, MODE_SUM or MODE_STATE */
    int32_t by_level[CAREALIGN__MAX_ITEMS][FAST_LEVELS];
    const double *value;
    /* The state path (small uniform instruments such as EQ-5D): the score
     * of a valid row is state[code - code_min], where code reads the row's
     * levels as the digits of a number in base radix. */
    int32_t state;
    uint32_t radix;
    uint32_t code_min;
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
    k->mode = k->rule != CAREALIGN__RULE_EQ5D3L ? MODE_SUM : MODE_INDEX;
    for (size_t i = 0; i < n; i++) {
        for (uint32_t off = 0; off <= k->span[i]; off++) {
            k->by_level[i][k->lo[i] + off] = k->score[i][off];
            if (k->score[i][off] != (int32_t)(k->lo[i] + off))
                k->mode = MODE_INDEX;
        }
    }
    int64_t origin;
    if (k->mode == MODE_SUM) {
        /* indexed by the sum of the levels itself (0..7 * n items), which
         * saves an addition a row; the slots below the least sum are unused */
        int64_t sum_min = k->total_min - k->base, sum_max = k->total_max - k->base;
        if (sum_max >= VALUE_TABLE)
            return;
        for (int64_t t = 0; t <= sum_max; t++) {
            int64_t total = k->base + (t < sum_min ? sum_min : t);
            if (k->rule == CAREALIGN__RULE_LOOKUP) {
                if (total < k->lookup_first || total >= k->lookup_first + k->lookup_count)
                    return; /* a valid row outside the lookup table */
                total = k->lookup[total - k->lookup_first];
            }
            value[t] = (double)total / k->divisor;
        }
        origin = k->base;
    } else if (k->rule == CAREALIGN__RULE_LOOKUP) {
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
    k->fast_base = (int32_t)(k->base - origin); /* 0 for MODE_SUM */
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
    return carealign__score_of_total(rule == CAREALIGN__RULE_LOOKUP ? k->lookup : NULL,
                                     k->lookup_first, k->lookup_count, k->divisor,
                                     row_total(k, row, n, rule), score);
}

/* Prepare the state path of a batch of a small uniform instrument: the
 * score of every state, from score_row() itself (so both paths give
 * identical results). Leaves the kernel as it was when the instrument does
 * not fit or some state has no score. */
static void kernel_state(kernel *k, size_t n, double *state)
{
    uint32_t lo = k->lo[0], radix = k->span[0] + 1;
    for (size_t i = 0; i < n; i++) {
        if (k->lo[i] != lo || k->span[i] != radix - 1)
            return;
    }
    if (lo + radix > FAST_LEVELS)
        return;
    uint32_t states = 1, code_min = 0;
    for (size_t i = 0; i < n; i++) {
        if (states > STATE_TABLE / radix)
            return;
        states *= radix;
        code_min = code_min * radix + lo;
    }
    int32_t levels[CAREALIGN__MAX_ITEMS];
    for (uint32_t code = 0; code < states; code++) {
        uint32_t rest = code;
        for (size_t i = n; i-- > 0;) {
            levels[i] = (int32_t)(lo + rest % radix);
            rest /= radix;
        }
        if (score_row(k, levels, n, k->rule, &state[code]) != 0)
            return;
    }
    k->uniform_lo = lo;
    k->uniform_span = radix - 1;
    k->radix = radix;
    k->code_min = code_min;
    k->value = state;
    k->mode = MODE_STATE;
    k->fast = 1;
}

/* 1 when every item of a block of a uniform instrument is in range.
 *
 * With SSE2: 16 items at a time, packed to signed bytes with signed
 * saturation (twice: 32 to 16 bits, 16 to 8) and folded into a running
 * unsigned minimum and maximum. Every range lies within 0..7, so a value
 * that saturates stays out of range: large ones become 127, negative ones
 * -128..-1, which are 128..255 unsigned. Otherwise: unsigned (wrapping)
 * a = x - lo and b = hi - x add up to span, which is small, and both are
 * below 2^31 exactly when lo <= x <= hi, so the sign bit of the OR of all
 * of them tells; the compiler vectorises that without compares. */
CAREALIGN__INLINE int block_ok(const int32_t *block, size_t count, const kernel *k)
{
    const uint32_t lo = k->uniform_lo, hi = k->uniform_lo + k->uniform_span;
    size_t j = 0;
#if CAREALIGN__SSE2
    if (count >= 16) {
        __m128i low = _mm_set1_epi8(-1), high = _mm_setzero_si128();
        for (; j + 16 <= count; j += 16) {
            const __m128i *at = (const __m128i *)(const void *)(block + j);
            __m128i a = _mm_packs_epi32(_mm_loadu_si128(at), _mm_loadu_si128(at + 1));
            __m128i b = _mm_packs_epi32(_mm_loadu_si128(at + 2), _mm_loadu_si128(at + 3));
            __m128i v = _mm_packs_epi16(a, b);
            low = _mm_min_epu8(low, v);
            high = _mm_max_epu8(high, v);
        }
        low = _mm_min_epu8(low, _mm_srli_si128(low, 8));
        low = _mm_min_epu8(low, _mm_srli_si128(low, 4));
        low = _mm_min_epu8(low, _mm_srli_si128(low, 2));
        low = _mm_min_epu8(low, _mm_srli_si128(low, 1));
        high = _mm_max_epu8(high, _mm_srli_si128(high, 8));
        high = _mm_max_epu8(high, _mm_srli_si128(high, 4));
        high = _mm_max_epu8(high, _mm_srli_si128(high, 2));
        high = _mm_max_epu8(high, _mm_srli_si128(high, 1));
        uint32_t min = (uint32_t)_mm_cvtsi128_si32(low) & 0xffu;
        uint32_t max = (uint32_t)_mm_cvtsi128_si32(high) & 0xffu;
        if (min < lo || max > hi)
            return 0;
    }
#endif
    uint32_t bad = 0;
    CAREALIGN__UNROLL4
    for (; j < count; j++)
        bad |= ((uint32_t)block[j] - lo) | (hi - (uint32_t)block[j]);
    return (bad >> 31) == 0;
}

/* The value table index of a valid row on the fast path. */
CAREALIGN__INLINE uint32_t fast_index(const kernel *k, const int32_t *row, size_t n, int32_t rule,
                                      int mode)
{
    if (mode == MODE_SUM && rule != CAREALIGN__RULE_EQ5D3L) {
        /* Valid levels are 0..7, so two items add up side by side in the
         * halves of a 64-bit word without carrying into each other (either
         * byte order: both halves are added at the end). Half the loads. */
        uint64_t pairs = 0;
        size_t i = 0;
        CAREALIGN__UNROLL
        for (; i + 1 < n; i += 2) {
            uint64_t two;
            memcpy(&two, row + i, sizeof two);
            pairs += two;
        }
        uint32_t sum = (uint32_t)pairs + (uint32_t)(pairs >> 32);
        if (i < n)
            sum += (uint32_t)row[i];
        return sum; /* fast_base is 0 on this path */
    }
    int32_t index = k->fast_base;
    uint32_t any_off = 0, any_worst = 0;
    CAREALIGN__UNROLL
    for (size_t i = 0; i < n; i++) {
        uint32_t level = (uint32_t)row[i];
        index += mode == MODE_SUM ? row[i] : k->by_level[i][level];
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
    return (uint32_t)index; /* never negative: the table starts at the least */
}

/* The state table index of a valid row on the state path: its levels as
 * the digits of a number in base radix (a constant where it matters, so
 * that the multiplications become shifts and adds). */
CAREALIGN__INLINE uint32_t state_index(const kernel *k, const int32_t *row, size_t n,
                                       uint32_t radix)
{
    uint32_t code = (uint32_t)row[0];
    CAREALIGN__UNROLL
    for (size_t i = 1; i < n; i++)
        code = code * radix + (uint32_t)row[i];
    return code - k->code_min;
}

/* The score of a valid row of a block on the fast path. */
CAREALIGN__INLINE double fast_value(const kernel *k, const int32_t *row, size_t n, int32_t rule,
                                    int mode, uint32_t radix)
{
    return mode == MODE_STATE ? k->value[state_index(k, row, n, radix)]
                              : k->value[fast_index(k, row, n, rule, mode)];
}

/* Large batches write their scores and statuses with non-temporal stores:
 * they would not stay in the caches anyway, and the stores then need not
 * read each line first. Only with SSE2 and 16-byte aligned outputs. */
enum { STREAM_ROWS = 1 << 20 };

typedef struct batch_result {
    size_t failed;
    size_t first_failed;
} batch_result;

/* Score rows [0, n_rows) block by block. On the fast path a block whose
 * items are all in range is scored without per-row checks, the way mode
 * says; any other block is scored row by row. */
CAREALIGN__INLINE void score_rows(const kernel *k, const int32_t *items, size_t n, size_t n_rows,
                                  int32_t rule, int mode, uint32_t radix, int stream,
                                  double *scores, int32_t *row_status, batch_result *result)
{
    (void)stream; /* without SSE2 */
    for (size_t r0 = 0; r0 < n_rows; r0 += BLOCK_ROWS) {
        size_t m = n_rows - r0 < BLOCK_ROWS ? n_rows - r0 : BLOCK_ROWS;
        const int32_t *block = items + r0 * n;
        /* a full block has a trip count known at compile time, which lets
         * gcc -O2 vectorise the check as clang does */
        if (k->fast &&
            (m == BLOCK_ROWS ? block_ok(block, BLOCK_ROWS * n, k) : block_ok(block, m * n, k))) {
            double *out = scores + r0;
#if CAREALIGN__SSE2
            if (stream) {
                /* out and row_status + r0 are 16-byte aligned: the block
                 * starts at a multiple of BLOCK_ROWS */
                /* meanwhile fetch the next block (when whole), a line or so
                 * every two rows, so that its check finds it in cache */
                const int32_t *next =
                    r0 + 2 * BLOCK_ROWS <= n_rows ? block + BLOCK_ROWS * n : block;
                size_t r = 0;
                for (; r + 2 <= m; r += 2) {
                    carealign__prefetch_read(next + r * n);
                    double first = fast_value(k, block + r * n, n, rule, mode, radix);
                    double second = fast_value(k, block + (r + 1) * n, n, rule, mode, radix);
                    _mm_stream_pd(out + r, _mm_set_pd(second, first));
                }
                for (; r < m; r++)
                    out[r] = fast_value(k, block + r * n, n, rule, mode, radix);
                if (row_status != NULL) {
                    int32_t *st = row_status + r0;
                    const __m128i ok = _mm_set1_epi32(CAREALIGN_OK);
                    for (r = 0; r + 4 <= m; r += 4)
                        _mm_stream_si128((__m128i *)(void *)(st + r), ok);
                    for (; r < m; r++)
                        st[r] = CAREALIGN_OK;
                }
                continue;
            }
#endif
            for (size_t r = 0; r < m; r++)
                out[r] = fast_value(k, block + r * n, n, rule, mode, radix);
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

/* The score of a row's integer total (lookup table, then the division of
 * score_row()): 0 and *score set, or 1 for a sum outside the lookup table. */
static int score_of_total(const carealign__valueset *vs, int64_t total, double *score)
{
    return carealign__score_of_total(vs->rule == CAREALIGN__RULE_LOOKUP ? vs->lookup : NULL,
                                     vs->lookup_first, vs->lookup_count, (double)vs->divisor, total,
                                     score);
}

/* One row scored straight from the value set, without a kernel (a single
 * row does not repay building one): the integer total of row_total() and
 * the division of score_row(), so both give the same double. 0 and *score
 * set, or 1 for a bad row (an item missing or out of range, or a sum
 * outside the lookup table). */
static int score_one(const carealign__instrument *ins, const carealign__valueset *vs,
                     const int32_t *row, size_t n, double *score)
{
    int64_t total = vs->base;
    uint32_t any_off = 0, any_worst = 0;
    for (size_t i = 0; i < n; i++) {
        const carealign_item_info *item = &ins->items[i];
        uint32_t span = (uint32_t)item->max_level - (uint32_t)item->min_level;
        uint32_t off = (uint32_t)row[i] - (uint32_t)item->min_level;
        if (off > span)
            return 1;
        total += vs->table != NULL ? vs->table[i * (size_t)vs->stride + off]
                                   : vs->slope * row[i] + vs->intercept;
        any_off |= off;
        any_worst |= (uint32_t)(off == span);
    }
    if (vs->rule == CAREALIGN__RULE_EQ5D3L) {
        if (any_off)
            total -= vs->constant;
        if (any_worst)
            total -= vs->n3;
    }
    return score_of_total(vs, total, score);
}

/* carealign_score() once the instrument and value set are known. */
static carealign_status score_single(const char *function, const carealign__instrument *ins,
                                     const carealign__valueset *vs, const int32_t *items,
                                     double *score)
{
    if (items == NULL || score == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: %s is NULL", function,
                                items == NULL ? "items" : "score");
    double result;
    if (score_one(ins, vs, items, ins->info.n_items, &result) != 0) {
        kernel k; /* for the message only */
        kernel_init(&k, ins, vs);
        return row_error(ins, &k, items, ins->info.n_items, 0);
    }
    *score = result;
    return CAREALIGN_OK;
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
    return score_single("carealign_score", ins, vs, items, score);
}

carealign_status carealign__score_indexed(size_t instrument, size_t valueset, const int32_t *items,
                                          size_t n_items, double *score)
{
    static const char function[] = "carealign_score";
    if (instrument >= carealign__instrument_total)
        return carealign__error(CAREALIGN_EINVAL, "%s: unknown instrument", function);
    const carealign__instrument *ins = &carealign__instruments[instrument];
    if (valueset >= ins->info.n_valuesets)
        return carealign__error(CAREALIGN_EINVAL, "%s: %s has no such value set", function,
                                ins->info.name);
    if (n_items != ins->info.n_items)
        return carealign__error(CAREALIGN_EINVAL, "%s: %s has %llu items, n_items is %llu",
                                function, ins->info.name, (unsigned long long)ins->info.n_items,
                                (unsigned long long)n_items);
    return score_single(function, ins, &ins->valuesets[valueset], items, score);
}

int carealign__score_plan_init(size_t instrument, size_t valueset, carealign__score_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    if (instrument >= carealign__instrument_total)
        return 0;
    const carealign__instrument *ins = &carealign__instruments[instrument];
    if (valueset >= ins->info.n_valuesets)
        return 0;
    const carealign__valueset *vs = &ins->valuesets[valueset];
    plan->ins = ins;
    plan->vs = vs;
    plan->n_items = (uint32_t)ins->info.n_items;
    plan->lo = (uint32_t)ins->items[0].min_level;
    plan->span = (uint32_t)ins->items[0].max_level - plan->lo;
    plan->simple = vs->table == NULL && vs->rule != CAREALIGN__RULE_EQ5D3L &&
                   (uint64_t)plan->n_items * plan->span <= UINT32_MAX;
    for (size_t i = 0; i < ins->info.n_items; i++)
        if ((uint32_t)ins->items[i].min_level != plan->lo ||
            (uint32_t)ins->items[i].max_level - plan->lo != plan->span)
            plan->simple = 0;
    /* score_of_total's steps (the totals are the same integers: a level is
     * lo + its offset) */
    const int64_t n = (int64_t)plan->n_items, lo = ins->items[0].min_level;
    plan->slope = vs->slope;
    plan->add = (int64_t)vs->base + n * (int64_t)vs->intercept + (int64_t)vs->slope * n * lo;
    if (vs->rule == CAREALIGN__RULE_LOOKUP) {
        plan->lookup = vs->lookup;
        plan->lookup_first = vs->lookup_first;
        plan->lookup_count = vs->lookup_count;
    }
    plan->divisor = (double)vs->divisor;
    return 1;
}

int carealign__score_plan_other(const carealign__score_plan *plan, const int32_t *items,
                                size_t n_items, double *score)
{
    if (items == NULL || n_items != plan->n_items || plan->vs == NULL)
        return 1;
    if (!plan->simple)
        return score_one(plan->ins, plan->vs, items, n_items, score);
    return carealign__score_plan_row(plan, items, n_items, score);
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
    /* the value table of the fast path or the state table of the state
     * path; both are worth building only for enough rows */
    double table[STATE_TABLE];
    if (n_rows >= STATE_TABLE * 4)
        kernel_state(&k, n_items, table);
    if (!k.fast && n_rows >= VALUE_TABLE / 4)
        kernel_fast(&k, n_items, table);
    int stream = 0;
#if CAREALIGN__SSE2
    stream = n_rows >= STREAM_ROWS && ((uintptr_t)(void *)scores & 15u) == 0 &&
             ((uintptr_t)(void *)row_status & 15u) == 0;
#endif
    batch_result result = {0, 0};
    /* the common shapes get loops compiled for their item count, rule and
     * radix: EQ-5D-5L and -3L and ICECAP-O by state, SWEMWBS and WEMWBS
     * by sum */
#define SCORE_ROWS(N, RULE, MODE, RADIX)                                                           \
    score_rows(&k, items, N, n_rows, RULE, MODE, RADIX, stream, scores, row_status, &result)
    if (k.mode == MODE_STATE && n_items == 5 && k.radix == 5)
        SCORE_ROWS(5, k.rule, MODE_STATE, 5);
    else if (k.mode == MODE_STATE && n_items == 5 && k.radix == 3)
        SCORE_ROWS(5, k.rule, MODE_STATE, 3);
    else if (k.mode == MODE_STATE && n_items == 5 && k.radix == 4)
        SCORE_ROWS(5, k.rule, MODE_STATE, 4);
    else if (k.mode == MODE_STATE)
        SCORE_ROWS(n_items, k.rule, MODE_STATE, k.radix);
    else if (k.mode == MODE_SUM && n_items == 7 && k.rule == CAREALIGN__RULE_LOOKUP)
        SCORE_ROWS(7, CAREALIGN__RULE_LOOKUP, MODE_SUM, 0);
    else if (k.mode == MODE_SUM && n_items == 14 && k.rule == CAREALIGN__RULE_SUM)
        SCORE_ROWS(14, CAREALIGN__RULE_SUM, MODE_SUM, 0);
    else if (k.mode == MODE_SUM)
        SCORE_ROWS(n_items, k.rule, MODE_SUM, 0);
    else if (n_items == 5 && k.rule == CAREALIGN__RULE_SUM)
        SCORE_ROWS(5, CAREALIGN__RULE_SUM, MODE_INDEX, 0);
    else if (n_items == 5 && k.rule == CAREALIGN__RULE_EQ5D3L)
        SCORE_ROWS(5, CAREALIGN__RULE_EQ5D3L, MODE_INDEX, 0);
    else
        SCORE_ROWS(n_items, k.rule, MODE_INDEX, 0);
#undef SCORE_ROWS
#if CAREALIGN__SSE2
    if (stream)
        _mm_sfence(); /* order the non-temporal stores before returning */
#endif
    size_t failed = result.failed, first_failed = result.first_failed;
    if (n_scored != NULL)
        *n_scored = n_rows - failed;
    if (failed == 0)
        return CAREALIGN_OK;
    return row_error(ins, &k, items + first_failed * n_items, n_items, first_failed + 1);
}
