/* See sc_fixture.h. */
#include "sc_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/framework.h"
#include "carealign/stats.h"
#include "core/internal.h"

#ifndef CAREALIGN_SOURCE_DIR
#error "CAREALIGN_SOURCE_DIR must name the source tree"
#endif

static carealign_framework *framework;

const carealign_framework *fx_framework(void)
{
    if (framework != NULL)
        return framework;
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/frameworks/england-integrated-care.json",
             CAREALIGN_SOURCE_DIR);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        abort();
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, fp) != (size_t)size)
        abort();
    fclose(fp);
    if (carealign_framework_load(text, (size_t)size, NULL, &framework) != CAREALIGN_OK)
        abort();
    free(text);
    return framework;
}

static uint64_t rng(uint64_t *s)
{
    /* splitmix64 */
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static double uniform(uint64_t *s)
{
    return (double)(rng(s) >> 11) / 9007199254740992.0;
}

int32_t fx_n_strata(const fx *f)
{
    return f->shape.strata ? 1 + FX_AGES + FX_SEXES + FX_AGES * FX_SEXES : 1;
}

void fx_stratum_of(int32_t k, int32_t *age, int32_t *sex)
{
    *age = -1;
    *sex = -1;
    if (k == 0)
        return;
    if (k <= FX_AGES) {
        *age = k - 1;
        return;
    }
    if (k <= FX_AGES + FX_SEXES) {
        *sex = k - FX_AGES;
        return;
    }
    k -= 1 + FX_AGES + FX_SEXES;
    *age = k / FX_SEXES;
    *sex = 1 + k % FX_SEXES;
}

static int32_t stratum_index(int32_t age, int32_t sex)
{
    if (age < 0 && sex < 0)
        return 0;
    if (sex < 0)
        return 1 + age;
    if (age < 0)
        return FX_AGES + sex;
    return 1 + FX_AGES + FX_SEXES + age * FX_SEXES + (sex - 1);
}

int32_t fx_n_units(const fx *f)
{
    return 1 + f->shape.n_sectors + 2 * f->shape.n_orgs;
}

void fx_unit_of(const fx *f, int32_t u, int32_t *level, int32_t *unit)
{
    if (u == 0) {
        *level = CAREALIGN_LEVEL_SYSTEM;
        *unit = -1;
    } else if (u <= f->shape.n_sectors) {
        *level = CAREALIGN_LEVEL_SECTOR;
        *unit = u;
    } else if (u <= f->shape.n_sectors + f->shape.n_orgs) {
        *level = CAREALIGN_LEVEL_ORG;
        *unit = u - 1 - f->shape.n_sectors;
    } else {
        *level = CAREALIGN_LEVEL_COHORT;
        *unit = u - 1 - f->shape.n_sectors - f->shape.n_orgs;
    }
}

static int32_t unit_index(const fx *f, int32_t level, int32_t unit)
{
    switch (level) {
    case CAREALIGN_LEVEL_SYSTEM: return 0;
    case CAREALIGN_LEVEL_SECTOR: return unit;
    case CAREALIGN_LEVEL_ORG: return 1 + f->shape.n_sectors + unit;
    default: return 1 + f->shape.n_sectors + f->shape.n_orgs + unit;
    }
}

size_t fx_row(const fx *f, int32_t measure, int32_t level, int32_t unit, int32_t period,
              int32_t age, int32_t sex)
{
    size_t ns = (size_t)fx_n_strata(f), np = (size_t)f->shape.n_periods + 1;
    size_t u = (size_t)unit_index(f, level, unit);
    size_t p = period < 0 ? 0 : (size_t)period + 1;
    return (size_t)measure * f->rows_per_measure + (u * np + p) * ns +
           (size_t)stratum_index(age, sex);
}

/* cells[measure][org][period][age][sex][2 kinds: own, elsewhere][num, den] */
typedef struct cells {
    double *v;
    const fx_shape *s;
} cells;

static double *cell(const cells *c, int32_t m, int32_t o, int32_t p, int32_t a, int32_t x,
                    int32_t elsewhere)
{
    const fx_shape *s = c->s;
    size_t i = ((((((size_t)m * (size_t)s->n_orgs + (size_t)o) * (size_t)s->n_periods + (size_t)p) *
                      FX_AGES +
                  (size_t)a) *
                     FX_SEXES +
                 (size_t)(x - 1)) *
                    2 +
                (size_t)elsewhere) *
               2;
    return &c->v[i];
}

static void sum_cells(const fx *f, const cells *c, int32_t m, int32_t level, int32_t unit,
                      int32_t period, int32_t age, int32_t sex, double *num, double *den)
{
    *num = 0;
    *den = 0;
    for (int32_t o = 0; o < f->shape.n_orgs; o++) {
        if (level == CAREALIGN_LEVEL_SECTOR && f->org_sector[o] != unit)
            continue;
        if ((level == CAREALIGN_LEVEL_ORG || level == CAREALIGN_LEVEL_COHORT) && o != unit)
            continue;
        for (int32_t p = 0; p < f->shape.n_periods; p++) {
            if (period >= 0 && p != period)
                continue;
            for (int32_t a = 0; a < FX_AGES; a++) {
                if (age >= 0 && a != age)
                    continue;
                for (int32_t x = 1; x <= FX_SEXES; x++) {
                    if (sex >= 0 && x != sex)
                        continue;
                    for (int32_t e = 0; e <= (level == CAREALIGN_LEVEL_COHORT); e++) {
                        const double *v = cell(c, m, o, p, a, x, e);
                        *num += v[0];
                        *den += v[1];
                    }
                }
            }
        }
    }
}

void fx_build(fx *f, const fx_shape *shape, uint64_t seed)
{
    memset(f, 0, sizeof *f);
    f->shape = *shape;
    const carealign_framework *fw = fx_framework();
    carealign_framework_info info = CAREALIGN_FRAMEWORK_INFO_INIT;
    if (carealign_framework_get_info(fw, &info) != CAREALIGN_OK)
        abort();
    uint64_t s = seed;
    f->org_sector = malloc(sizeof *f->org_sector * (size_t)(shape->n_orgs + 1));
    for (int32_t o = 0; o < shape->n_orgs; o++)
        f->org_sector[o] =
            shape->sector_of != NULL ? shape->sector_of[o] : 1 + o % shape->n_sectors;
    cells c = {NULL, shape};
    size_t n_cells = (size_t)shape->n_measures * (size_t)shape->n_orgs * (size_t)shape->n_periods *
                     FX_AGES * FX_SEXES * 2;
    c.v = calloc(n_cells * 2, sizeof *c.v);
    for (size_t i = 0; i < n_cells; i++) {
        double num = uniform(&s) < shape->p_small
                         ? (double)(rng(&s) % 4)
                         : (double)(rng(&s) % (uint64_t)(shape->max_count + 1));
        double comp = uniform(&s) < shape->p_small
                          ? (double)(rng(&s) % 4)
                          : (double)(rng(&s) % (uint64_t)(shape->max_count + 1));
        c.v[2 * i] = num;
        c.v[2 * i + 1] = num + comp;
    }
    f->rows_per_measure =
        (size_t)fx_n_units(f) * (size_t)(shape->n_periods + 1) * (size_t)fx_n_strata(f);
    size_t n_rows = f->rows_per_measure * (size_t)shape->n_measures;
    carealign__sc_row *rows = calloc(n_rows ? n_rows : 1, sizeof *rows);
    for (int32_t m = 0; m < shape->n_measures; m++) {
        carealign_measure_info mi = CAREALIGN_MEASURE_INFO_INIT;
        if (carealign_framework_get_measure(fw, m, &mi) != CAREALIGN_OK)
            abort();
        for (int32_t u = 0; u < fx_n_units(f); u++) {
            int32_t level, unit;
            fx_unit_of(f, u, &level, &unit);
            for (int32_t p = -1; p < shape->n_periods; p++) {
                for (int32_t k = 0; k < fx_n_strata(f); k++) {
                    int32_t age, sex;
                    fx_stratum_of(k, &age, &sex);
                    carealign__sc_row *row = &rows[fx_row(f, m, level, unit, p, age, sex)];
                    carealign_result *r = &row->res;
                    double num, den;
                    sum_cells(f, &c, m, level, unit, p, age, sex, &num, &den);
                    r->size = sizeof *r;
                    r->measure = m;
                    r->kind = CAREALIGN_RESULT_ESTIMATE;
                    r->level = level;
                    r->unit = unit;
                    r->period = p;
                    if (p < 0) {
                        r->period_start = info.period_start;
                        r->period_end = info.period_end;
                    } else if (carealign_framework_get_period(fw, p % info.n_periods,
                                                              &r->period_start,
                                                              &r->period_end) != CAREALIGN_OK) {
                        abort();
                    }
                    r->stratum[0] = age >= 0 ? FX_DIM_AGE : sex >= 0 ? FX_DIM_SEX : -1;
                    r->stratum[1] = age >= 0 ? age : sex >= 0 ? sex : -1;
                    r->stratum[2] = age >= 0 && sex >= 0 ? FX_DIM_SEX : -1;
                    r->stratum[3] = age >= 0 && sex >= 0 ? sex : -1;
                    r->target_met = -1;
                    r->target = NAN;
                    r->spc_point = p >= 0 ? 0 : -1;
                    r->spc_variation = -1;
                    r->spc_assurance = -1;
                    r->funnel = level == CAREALIGN_LEVEL_ORG ? 0 : -1;
                    row->scoring = mi.scoring;
                    row->aim = mi.aim;
                    row->improvement = mi.improvement;
                    carealign_estimate *e = &r->estimate;
                    if (mi.scoring == CAREALIGN_SCORING_PROPORTION ||
                        mi.scoring == CAREALIGN_SCORING_COHORT) {
                        r->numerator = num;
                        r->denominator = den;
                        row->denominator_is_count = 1;
                        row->raw_n = (uint64_t)den;
                        if (den > 0) {
                            (void)carealign_proportion_wilson(num, den, 0.95, e);
                            e->value *= 100;
                            e->lower *= 100;
                            e->upper *= 100;
                        } else {
                            e->value = e->lower = e->upper = NAN;
                            e->flags = CAREALIGN_EST_TOO_FEW;
                            r->flags |= CAREALIGN_RES_TOO_FEW;
                        }
                        e->n = den;
                    } else if (mi.scoring == CAREALIGN_SCORING_RATIO) {
                        /* events per population (not a count of people) */
                        r->numerator = num;
                        r->denominator = 1000.0 * (den + 1);
                        row->denominator_is_count = 0;
                        row->raw_n = (uint64_t)num;
                        e->value = 100000.0 * num / r->denominator;
                        e->lower = e->value * 0.8;
                        e->upper = e->value * 1.25 + 1;
                        e->n = r->denominator;
                        e->method = CAREALIGN_METHOD_BYAR;
                    } else {
                        /* a mean over den people; the numerator is a sum */
                        r->numerator = 0.5 * num;
                        r->denominator = den;
                        row->denominator_is_count = 1;
                        row->raw_n = (uint64_t)den;
                        e->value = den > 0 ? r->numerator / den : NAN;
                        e->lower = den > 1 ? e->value - 0.1 : NAN;
                        e->upper = den > 1 ? e->value + 0.1 : NAN;
                        e->n = den;
                        e->method = CAREALIGN_METHOD_T;
                        if (den <= 0) {
                            e->flags = CAREALIGN_EST_TOO_FEW;
                            r->flags |= CAREALIGN_RES_TOO_FEW;
                        }
                    }
                    if (mi.flags & CAREALIGN_MEASURE_HAS_TARGET) {
                        r->target = mi.target;
                        if (isfinite(e->value))
                            r->target_met = mi.improvement == CAREALIGN_IMPROVE_DECREASE
                                                ? e->value <= mi.target
                                                : e->value >= mi.target;
                    }
                    if (mi.flags & CAREALIGN_MEASURE_LOCAL)
                        r->flags |= CAREALIGN_RES_LOCAL_DEFINITION;
                    row->raw_estimate = *e;
                    row->raw_numerator = r->numerator;
                    row->raw_denominator = r->denominator;
                    row->acc_kind = 0;
                    row->spc_first_row = -1;
                }
            }
        }
    }
    free(c.v);
    f->t.rows = rows;
    f->t.n_rows = n_rows;
    memcpy(f->t.framework_hash, info.hash, sizeof info.hash);
    f->t.methods_version = carealign_methods_version();
    f->t.confidence = 0.95;
    f->t.n_periods = shape->n_periods;
    f->t.n_measures = shape->n_measures;
    f->t.org_sector = f->org_sector;
    f->t.n_org_sector = (size_t)shape->n_orgs;
    f->t.sc = NULL;
    for (int32_t feed = 1; feed <= 6; feed++) {
        carealign_feed_counts *fc = &f->t.counts[feed];
        fc->size = sizeof *fc;
        fc->read = (uint64_t)(100 * feed + 7);
        fc->rejected = (uint64_t)feed;
        fc->used = fc->read - fc->rejected;
        fc->excluded_opt_out = (uint64_t)(feed == 3 ? 4 : 0);
        fc->excluded_outside_base = (uint64_t)(feed == 3 ? 2 : 0);
    }
}

void fx_free(fx *f)
{
    free(f->t.rows);
    carealign__free(f->t.aims);
    free(f->org_sector);
    memset(f, 0, sizeof *f);
}
