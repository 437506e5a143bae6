/*
 * Internal to the library: scoring for other layers (lib/scorecard) that
 * already hold registry indices, so that one response costs no name lookup.
 */
#ifndef CAREALIGN_INSTRUMENTS_INTERNAL_H
#define CAREALIGN_INSTRUMENTS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/instruments.h"

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
     * intercept, and the rule is not EQ-5D-3L's, so the total is base +
     * slope * (sum of levels) + n_items * intercept */
    int32_t simple;
} carealign__score_plan;

/* Prepare `plan` for the value set at registry indices (instrument,
 * valueset): 1, or 0 when either index is out of range. */
int carealign__score_plan_init(size_t instrument, size_t valueset, carealign__score_plan *plan);

/* Score one row with a plan: 0 and *score set to carealign__score_indexed()'s
 * score, or 1 when the row does not score (n_items wrong, items NULL, an item
 * missing or out of range, a sum outside a lookup table); then no error is
 * set and the caller asks carealign__score_indexed() for the status. */
int carealign__score_plan_row(const carealign__score_plan *plan, const int32_t *items,
                              size_t n_items, double *score);

#endif /* CAREALIGN_INSTRUMENTS_INTERNAL_H */
