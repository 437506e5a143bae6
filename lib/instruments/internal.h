/*
 * Internal to the library: scoring for other layers (lib/scorecard) that
 * already hold registry indices, so that one response costs no name lookup.
 */
#ifndef CAREALIGN_INSTRUMENTS_INTERNAL_H
#define CAREALIGN_INSTRUMENTS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/instruments.h"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

/* carealign_score() for the instrument at registry index `instrument`
 * (carealign_instrument_get) and its value set at index `valueset`: the
 * same score, status and last error, without resolving names.
 * CAREALIGN_EINVAL for an index out of range or a wrong n_items. */
carealign_status carealign__score_indexed(size_t instrument, size_t valueset, const int32_t *items,
                                          size_t n_items, double *score);

struct carealign__instrument;
struct carealign__valueset;

/* A registry value set prepared once for scoring many single rows
 * (carealign__score_plan_row), e.g. every response of a scorecard feed. */
typedef struct carealign__score_plan {
    const struct carealign__instrument *ins;
    const struct carealign__valueset *vs;
    uint32_t n_items;
    uint32_t lo, span; /* the items' common range (simple plans) */
    /* 1: every item has the range lo..lo+span and scores slope * level +
     * intercept, the rule is not EQ-5D-3L's, and n_items * span fits 32
     * bits, so the total of a row of levels lo + off[i] is add + slope *
     * (sum of off[i]), with add = base + n_items * (intercept + slope * lo) */
    int32_t simple;
    int64_t add, slope;
    /* simple plans with a lookup table (RULE_LOOKUP): the total becomes
     * lookup[total - lookup_first] when below lookup_count, else the row
     * does not score; NULL: none */
    const int32_t *lookup;
    int64_t lookup_first, lookup_count;
    double divisor; /* the score is total / divisor */
} carealign__score_plan;

/* Prepare `plan` for the value set at registry indices (instrument,
 * valueset): 1, or 0 when either index is out of range. */
int carealign__score_plan_init(size_t instrument, size_t valueset, carealign__score_plan *plan);

/* carealign__score_plan_row for the rows a simple plan does not take (a
 * plan not simple, n_items not the plan's, items NULL). */
int carealign__score_plan_other(const carealign__score_plan *plan, const int32_t *items,
                                size_t n_items, double *score);

/* The score of a row's integer total: through the lookup table first when
 * `lookup` is not NULL (lookup[total - lookup_first], a total outside its
 * lookup_count entries not scoring), then total / divisor. 0 and *score
 * set, or 1 when the total is outside the table. The registry's
 * (score.c) and the plans' one definition. */
static inline int carealign__score_of_total(const int32_t *lookup, int64_t lookup_first,
                                            int64_t lookup_count, double divisor, int64_t total,
                                            double *score)
{
    if (lookup != NULL) {
        const int64_t at = total - lookup_first;
        if (at < 0 || at >= lookup_count)
            return 1;
        total = lookup[at];
    }
    *score = (double)total / divisor;
    return 0;
}

/* Score one row with a plan: 0 and *score set to carealign__score_indexed()'s
 * score, or 1 when the row does not score (n_items wrong, items NULL, an item
 * missing or out of range, a sum outside a lookup table); then no error is
 * set and the caller asks carealign__score_indexed() for the status. Inline
 * for a simple plan (the scorecard feed scores every response here): the
 * items checked and their offsets from lo summed four at a time with SSE2,
 * the rest one by one; the same integer total as the registry's and the
 * same division, so the same double. */
static inline int carealign__score_plan_row(const carealign__score_plan *plan, const int32_t *items,
                                            size_t n_items, double *score)
{
    if (!plan->simple || items == NULL || n_items != plan->n_items)
        return carealign__score_plan_other(plan, items, n_items, score);
    uint32_t bad = 0, sum = 0; /* no wrap: n_items * span fits 32 bits */
    size_t i = 0;
#if defined(__SSE2__) || defined(_M_X64)
    if (n_items >= 4) {
        /* off > span unsigned: (off ^ sign) > (span ^ sign) signed */
        const __m128i lo = _mm_set1_epi32((int32_t)plan->lo),
                      top = _mm_set1_epi32((int32_t)(plan->span ^ UINT32_C(0x80000000))),
                      sign = _mm_set1_epi32(INT32_MIN);
        __m128i b = _mm_setzero_si128(), s = b;
        for (; i + 4 <= n_items; i += 4) {
            const __m128i off =
                _mm_sub_epi32(_mm_loadu_si128((const __m128i *)(const void *)(items + i)), lo);
            b = _mm_or_si128(b, _mm_cmpgt_epi32(_mm_xor_si128(off, sign), top));
            s = _mm_add_epi32(s, off);
        }
        bad = (uint32_t)_mm_movemask_epi8(b);
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e)); /* lanes 0+2, 1+3 */
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1)); /* all four */
        sum = (uint32_t)_mm_cvtsi128_si32(s);
    }
#endif
    for (; i < n_items; i++) {
        const uint32_t off = (uint32_t)items[i] - plan->lo;
        bad |= (uint32_t)(off > plan->span);
        sum += off;
    }
    if (bad)
        return 1;
    return carealign__score_of_total(plan->lookup, plan->lookup_first, plan->lookup_count,
                                     plan->divisor, plan->add + plan->slope * (int64_t)sum, score);
}

#endif /* CAREALIGN_INSTRUMENTS_INTERNAL_H */
