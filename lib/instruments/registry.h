/*
 * Internal to the instruments layer: the shape of the static registry
 * tables (tables.c) that the scoring code (score.c) reads.
 */
#ifndef CAREALIGN_INSTRUMENTS_REGISTRY_H
#define CAREALIGN_INSTRUMENTS_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/instruments.h"

/* How the item scores of a row are combined. */
enum {
    /* total = base + sum of item scores */
    CAREALIGN__RULE_SUM = 0,
    /* EQ-5D-3L TTO: total = base + sum - constant (unless every item is at
     * level 1) - n3 (when any item is at level 3) */
    CAREALIGN__RULE_EQ5D3L = 1,
    /* total = lookup[sum - lookup_first] */
    CAREALIGN__RULE_LOOKUP = 2
};

/* The largest number of items and of levels per item in the registry. */
enum { CAREALIGN__MAX_ITEMS = 14, CAREALIGN__MAX_LEVELS = 6 };

typedef struct carealign__valueset {
    carealign_valueset_info info;
    /* Item scores. With a table: table[item * stride + level - min_level];
     * without (NULL): slope * level + intercept. */
    const int32_t *table;
    int32_t stride;
    int32_t slope;
    int32_t intercept;
    int32_t rule;
    int32_t base;
    int32_t constant;      /* RULE_EQ5D3L */
    int32_t n3;            /* RULE_EQ5D3L */
    const int32_t *lookup; /* RULE_LOOKUP */
    int32_t lookup_first;
    int32_t lookup_count;
    /* The score is total / divisor; a power of ten. */
    int32_t divisor;
} carealign__valueset;

typedef struct carealign__instrument {
    carealign_instrument_info info;
    const carealign_item_info *items;
    const carealign__valueset *valuesets;
} carealign__instrument;

extern const carealign__instrument carealign__instruments[];
extern const size_t carealign__instrument_total;

#endif /* CAREALIGN_INSTRUMENTS_REGISTRY_H */
