/* Hand-built results tables for the output-side tests (disclosure, aims,
 * writers): no scorecard engine, table.sc = NULL (no dictionary), the
 * shipped framework examples/frameworks/england-integrated-care.json.
 *
 * The generator draws person-level cells (measure x organisation x period x
 * age band x sex), then sums them upwards, so every row of the table is an
 * exact sum of the cells below it: organisation rows, sector = sum of its
 * organisations, system = sum of sectors, cohort = organisation + people
 * seen elsewhere, whole period = sum of periods, margins = sum of strata. */
#ifndef CAREALIGN_TESTS_SC_FIXTURE_H
#define CAREALIGN_TESTS_SC_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "scorecard/table.h"

#define FX_AGES 4    /* age bands of the framework's "age" stratum */
#define FX_SEXES 2   /* 1 male, 2 female */
#define FX_DIM_AGE 2 /* framework stratum index of "age" */
#define FX_DIM_SEX 3 /* framework stratum index of "sex" */

typedef struct fx_shape {
    int32_t n_measures;       /* measures 0 .. n-1 of the framework */
    int32_t n_sectors;        /* sectors 1 .. n */
    int32_t n_orgs;           /* organisation o is in sector 1 + o % n_sectors (or per sector_of) */
    int32_t n_periods;        /* period rows 0 .. n-1 besides the whole period */
    int32_t strata;           /* 1: margins by age, by sex and the age x sex cross */
    int32_t max_count;        /* largest cell numerator */
    double p_small;           /* probability that a cell is 0..3 */
    const int32_t *sector_of; /* optional: n_orgs sectors */
} fx_shape;

typedef struct fx {
    carealign__sc_table t;
    fx_shape shape;
    int32_t *org_sector; /* n_orgs entries */
    size_t rows_per_measure;
} fx;

/* The framework, loaded once per process (never freed). */
const carealign_framework *fx_framework(void);
/* Build a table (rows ordered as carealign_scorecard_get_result() says). */
void fx_build(fx *f, const fx_shape *shape, uint64_t seed);
void fx_free(fx *f);
/* The row index of a position; stratum -1 = margin. level SYSTEM: unit -1. */
size_t fx_row(const fx *f, int32_t measure, int32_t level, int32_t unit, int32_t period,
              int32_t age, int32_t sex);
/* The strata positions: index 0 margin, 1..4 ages, 5..6 sexes, 7.. crosses. */
int32_t fx_n_strata(const fx *f);
void fx_stratum_of(int32_t k, int32_t *age, int32_t *sex);
/* Units per measure and period: system, sectors, organisations, cohorts. */
int32_t fx_n_units(const fx *f);
void fx_unit_of(const fx *f, int32_t u, int32_t *level, int32_t *unit);

#endif
