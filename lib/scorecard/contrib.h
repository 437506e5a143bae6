/* A person's contribution to a measure and the strata it is added to
 * (process.c evaluates, add.c adds). Never installed. */
#ifndef CAREALIGN_SCORECARD_CONTRIB_H
#define CAREALIGN_SCORECARD_CONTRIB_H

#include <stdint.h>

#include "scorecard/internal.h"

#define MAX_STRATA 64

typedef struct strata {
    int32_t v[MAX_STRATA][4];
    int32_t code[MAX_STRATA]; /* carealign__sc_stratum_code of v[i] */
    int n;
} strata;

typedef struct contrib {
    int kind; /* 0 none, 1 proportion (num, den), 2 pair (a, b), 3 value, 4 change pair,
                 5 DSR events per ESP band (bands) */
    double a, b;
    const double *bands;
    double w; /* weighted measures: the person's survey weight (carealign__sc_person_weight) */
} contrib;

/* Adds contribution k of measure mi to the group of (level, unit, stratum,
 * period); code is stratum's carealign__sc_stratum_code (-1: unknown). */
carealign_status carealign__sc_add_contrib(carealign_scorecard *sc, int32_t mi, const contrib *k,
                                           int32_t level, int32_t unit, const int32_t stratum[4],
                                           int32_t code, int32_t period);

/* Adds k to the groups of every stratum in str at (level, unit, period):
 * all of them for the whole period (period -1), the margin only for a month;
 * population-based measures only at the margin, age and sex. */
carealign_status carealign__sc_add_all_strata(carealign_scorecard *sc, int32_t mi, const contrib *k,
                                              int32_t level, int32_t unit, int32_t period,
                                              const strata *str);

#endif
