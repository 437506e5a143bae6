/* Disclosure control of a results table (lib/scorecard/disclose.c).
 *
 * Expected values of the cell rule come from NHS Digital, "Disclosure
 * control methodology for Hospital Episode Statistics (HES) and Emergency
 * Care Data Set (ECDS)" (from September 2018), as the framework's
 * "disclosure" member states it: 0 is shown, 1 to 7 are suppressed, other
 * counts are rounded to the nearest 5, suppression before rounding (so 8
 * is published as 10); a percentage is suppressed when its numerator or
 * its complement is 1 to 7 and is otherwise computed from the true counts;
 * means over 1 to 7 people are suppressed; standardised rates and intervals
 * are exempt. The worked values below follow from that text by hand.
 *
 * The differencing tests build the additive relations of a table
 * independently of the library (from the generator's own layout, see
 * sc_fixture.h) and attack every published table as an intruder who knows
 * every unsuppressed cell exactly: any relation "parent = sum of children"
 * with exactly one suppressed member gives that member away; found cells
 * become known and the attack repeats until nothing more falls. A second,
 * stronger attack solves all relations at once (Gaussian elimination) and
 * is measured, not asserted (see the report).
 */
#include "cmocka_all.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/framework.h"
#include "carealign/stats.h"
#include "core/internal.h"
#include "sc_fixture.h"
#include "scorecard/disclose.h"

#define M_FFT 0  /* fft-positive: proportion */
#define M_DUPL 1 /* duplicate-assessments: ratio */
#define M_COC 2  /* continuity-of-care: continuous-variable */

static void base_row(carealign__sc_row *row, int32_t measure, int32_t scoring)
{
    memset(row, 0, sizeof *row);
    carealign_result *r = &row->res;
    r->size = sizeof *r;
    r->measure = measure;
    r->kind = CAREALIGN_RESULT_ESTIMATE;
    r->level = CAREALIGN_LEVEL_SYSTEM;
    r->unit = -1;
    r->period = CAREALIGN_PERIOD_WHOLE;
    r->stratum[0] = r->stratum[1] = r->stratum[2] = r->stratum[3] = -1;
    r->target_met = -1;
    r->target = NAN;
    r->spc_point = r->spc_variation = r->spc_assurance = r->funnel = -1;
    row->scoring = scoring;
    row->spc_first_row = -1;
}

static void proportion(carealign__sc_row *row, int32_t measure, double num, double den)
{
    base_row(row, measure, CAREALIGN_SCORING_PROPORTION);
    row->res.numerator = row->raw_numerator = num;
    row->res.denominator = row->raw_denominator = den;
    row->denominator_is_count = 1;
    row->raw_n = (uint64_t)den;
    row->res.estimate.value = 100.0 * num / den;
    row->res.estimate.lower = row->res.estimate.value - 1;
    row->res.estimate.upper = row->res.estimate.value + 1;
    row->res.estimate.n = den;
    row->res.estimate.method = CAREALIGN_METHOD_WILSON;
    row->raw_estimate = row->res.estimate;
}

static void mean_row(carealign__sc_row *row, int32_t measure, double sum, double n)
{
    base_row(row, measure, CAREALIGN_SCORING_CONTINUOUS);
    row->res.numerator = row->raw_numerator = sum;
    row->res.denominator = row->raw_denominator = n;
    row->denominator_is_count = 1;
    row->raw_n = (uint64_t)n;
    row->res.estimate.value = sum / n;
    row->res.estimate.lower = sum / n - 0.5;
    row->res.estimate.upper = sum / n + 0.5;
    row->res.estimate.n = n;
    row->res.estimate.method = CAREALIGN_METHOD_T;
    row->raw_estimate = row->res.estimate;
}

static void rate_row(carealign__sc_row *row, int32_t measure, double events, double population,
                     int standardised)
{
    base_row(row, measure, CAREALIGN_SCORING_RATIO);
    row->res.numerator = row->raw_numerator = events;
    row->res.denominator = row->raw_denominator = population;
    row->denominator_is_count = 0;
    row->raw_n = (uint64_t)events;
    row->res.estimate.value = 100000.0 * events / population;
    row->res.estimate.lower = row->res.estimate.value / 2;
    row->res.estimate.upper = row->res.estimate.value * 2;
    row->res.estimate.n = population;
    row->res.estimate.method = standardised ? CAREALIGN_METHOD_DOBSON : CAREALIGN_METHOD_BYAR;
    if (standardised)
        row->res.flags |= CAREALIGN_RES_STANDARDISED;
    row->raw_estimate = row->res.estimate;
}

static void table_of(carealign__sc_table *t, carealign__sc_row *rows, size_t n)
{
    memset(t, 0, sizeof *t);
    t->rows = rows;
    t->n_rows = n;
    t->confidence = 0.95;
}

static int sup(const carealign__sc_row *r)
{
    return (r->res.flags & (CAREALIGN_RES_SUPPRESSED | CAREALIGN_RES_SECONDARY_SUPPRESSED)) != 0;
}

/* Every case on its own (each a different system-level row: no relations). */
static void test_cell_rule_examples(void **state)
{
    (void)state;
    const carealign_framework *fw = fx_framework();
    carealign__sc_row rows[16];
    size_t n = 0;
    /* measure index doubles as a case number: all system rows of distinct measures */
    proportion(&rows[n++], 0, 0, 20);       /* 0: numerator 0 shown */
    proportion(&rows[n++], 1, 5, 40);       /* 1: numerator 5 suppressed */
    proportion(&rows[n++], 2, 7, 40);       /* 2: numerator 7 suppressed */
    proportion(&rows[n++], 3, 8, 40);       /* 3: 8 -> 10; value 20 % from true counts */
    proportion(&rows[n++], 4, 36, 40);      /* 4: complement 4 -> suppressed */
    proportion(&rows[n++], 5, 12, 13);      /* 5: complement 1 -> suppressed */
    proportion(&rows[n++], 6, 32, 40);      /* 6: complement 8 -> shown, 30 of 40 */
    proportion(&rows[n++], 7, 13, 103);     /* 7: 13 -> 15, 103 -> 105 */
    proportion(&rows[n++], 8, 12, 12);      /* 8: complement 0 -> shown, 10 of 10 */
    mean_row(&rows[n++], 9, 5.6, 7);        /* 9: mean over 7 people suppressed */
    mean_row(&rows[n++], 10, 6.4, 8);       /* 10: mean over 8 shown; n 8 -> 10 */
    rate_row(&rows[n++], 11, 3, 52000, 0);  /* 11: 3 events suppressed */
    rate_row(&rows[n++], 12, 22, 52000, 0); /* 12: 22 -> 20; population as is */
    rate_row(&rows[n++], 13, 3, 52000, 1);  /* 13: standardised: rate kept, count hidden */
    rate_row(&rows[n++], 14, 0, 52000, 0);  /* 14: 0 events shown */
    carealign__sc_table t;
    table_of(&t, rows, n);
    assert_int_equal(carealign__sc_disclose(&t, fw, 0), CAREALIGN_OK);

    assert_false(sup(&rows[0]));
    assert_true(rows[0].res.numerator == 0.0);
    assert_true(rows[0].res.denominator == 20.0);
    assert_true(rows[0].res.estimate.value == 0.0);
    assert_true(rows[0].res.flags & CAREALIGN_RES_ROUNDED);

    for (size_t i = 1; i <= 2; i++) {
        assert_true(rows[i].res.flags & CAREALIGN_RES_SUPPRESSED);
        assert_true(isnan(rows[i].res.numerator));
        assert_true(isnan(rows[i].res.denominator));
        assert_true(isnan(rows[i].res.estimate.value));
        assert_true(isnan(rows[i].res.estimate.lower));
        assert_true(isnan(rows[i].res.estimate.upper));
        assert_true(isnan(rows[i].res.estimate.n));
        assert_true(rows[i].res.estimate.flags & CAREALIGN_EST_SUPPRESSED);
    }
    assert_false(sup(&rows[3]));
    assert_true(rows[3].res.numerator == 10.0);
    assert_true(rows[3].res.denominator == 40.0);
    assert_true(rows[3].res.estimate.value == 20.0);
    assert_true(rows[3].res.estimate.n == 40.0);
    assert_true(rows[4].res.flags & CAREALIGN_RES_SUPPRESSED);
    assert_true(rows[5].res.flags & CAREALIGN_RES_SUPPRESSED);
    assert_false(sup(&rows[6]));
    assert_true(rows[6].res.numerator == 30.0);
    assert_true(rows[6].res.denominator == 40.0);
    assert_true(rows[6].res.estimate.value == 80.0);
    assert_false(sup(&rows[7]));
    assert_true(rows[7].res.numerator == 15.0);
    assert_true(rows[7].res.denominator == 105.0);
    assert_true(rows[7].res.estimate.n == 105.0);
    assert_true(fabs(rows[7].res.estimate.value - 1300.0 / 103.0) < 1e-12);
    assert_false(sup(&rows[8]));
    assert_true(rows[8].res.numerator == 10.0);
    assert_true(rows[8].res.denominator == 10.0);
    assert_true(rows[9].res.flags & CAREALIGN_RES_SUPPRESSED);
    assert_true(isnan(rows[9].res.estimate.value));
    assert_true(isnan(rows[9].res.numerator));
    assert_false(sup(&rows[10]));
    assert_true(rows[10].res.estimate.value == 0.8);
    assert_true(rows[10].res.estimate.n == 10.0);
    assert_true(rows[10].res.denominator == 10.0);
    assert_true(rows[10].res.numerator == 6.4); /* a sum of scores, not a count */
    assert_true(rows[11].res.flags & CAREALIGN_RES_SUPPRESSED);
    assert_true(isnan(rows[11].res.estimate.value));
    assert_true(rows[11].res.denominator == 52000.0); /* a population, not disclosive */
    assert_false(sup(&rows[12]));
    assert_true(rows[12].res.numerator == 20.0);
    assert_true(rows[12].res.denominator == 52000.0);
    assert_true(rows[12].res.estimate.value == 100000.0 * 22 / 52000);
    /* standardised: exempt estimate and interval, count suppressed */
    assert_true(rows[13].res.flags & CAREALIGN_RES_SUPPRESSED);
    assert_true(isnan(rows[13].res.numerator));
    assert_true(rows[13].res.estimate.value == 100000.0 * 3 / 52000);
    assert_true(rows[13].res.estimate.lower == rows[13].raw_estimate.lower);
    assert_false(rows[13].res.estimate.flags & CAREALIGN_EST_SUPPRESSED);
    assert_false(sup(&rows[14]));
    assert_true(rows[14].res.numerator == 0.0);
    /* raw values are never touched */
    assert_true(rows[1].raw_numerator == 5.0);
    assert_true(rows[3].raw_numerator == 8.0);
}

/* One organisation of a sector suppressed: the next-smallest sibling goes too. */
static void test_secondary_sibling(void **state)
{
    (void)state;
    const carealign_framework *fw = fx_framework();
    carealign__sc_row rows[6];
    int32_t org_sector[3] = {1, 1, 1};
    proportion(&rows[0], M_FFT, 37, 110); /* system */
    proportion(&rows[1], M_FFT, 37, 110); /* sector 1 */
    rows[1].res.level = CAREALIGN_LEVEL_SECTOR;
    rows[1].res.unit = 1;
    proportion(&rows[2], M_FFT, 5, 30);  /* org 0: primary */
    proportion(&rows[3], M_FFT, 20, 50); /* org 1 */
    proportion(&rows[4], M_FFT, 12, 30); /* org 2: 30 people, the smallest sibling */
    for (int i = 2; i <= 4; i++) {
        rows[i].res.level = CAREALIGN_LEVEL_ORG;
        rows[i].res.unit = i - 2;
    }
    carealign__sc_table t;
    table_of(&t, rows, 5);
    t.org_sector = org_sector;
    t.n_org_sector = 3;
    assert_int_equal(carealign__sc_disclose(&t, fw, 0), CAREALIGN_OK);
    assert_false(sup(&rows[0]));
    assert_false(sup(&rows[1]));
    assert_true(rows[2].res.flags & CAREALIGN_RES_SUPPRESSED);
    assert_false(rows[3].res.flags &
                 (CAREALIGN_RES_SUPPRESSED | CAREALIGN_RES_SECONDARY_SUPPRESSED));
    assert_true(rows[4].res.flags & CAREALIGN_RES_SECONDARY_SUPPRESSED);
    assert_false(rows[4].res.flags & CAREALIGN_RES_SUPPRESSED);
    assert_true(isnan(rows[4].res.numerator));
    assert_true(isnan(rows[4].res.estimate.value));
    assert_true(rows[4].res.estimate.flags & CAREALIGN_EST_SUPPRESSED);
}

/* One stratum value of a margin suppressed: the smallest other value goes too;
 * a single organisation in its sector drags the sector row with it. */
static void test_secondary_margin_and_only_child(void **state)
{
    (void)state;
    const carealign_framework *fw = fx_framework();
    carealign__sc_row rows[8];
    int32_t org_sector[1] = {2};
    proportion(&rows[0], M_FFT, 60, 200); /* system margin */
    for (int v = 1; v <= 2; v++) {        /* by sex */
        proportion(&rows[v], M_FFT, v == 1 ? 3 : 57, 100);
        rows[v].res.stratum[0] = FX_DIM_SEX;
        rows[v].res.stratum[1] = v;
    }
    proportion(&rows[3], M_FFT, 60, 200); /* sector 2 */
    rows[3].res.level = CAREALIGN_LEVEL_SECTOR;
    rows[3].res.unit = 2;
    proportion(&rows[4], M_FFT, 60, 200); /* its only organisation */
    rows[4].res.level = CAREALIGN_LEVEL_ORG;
    rows[4].res.unit = 0;
    carealign__sc_table t;
    table_of(&t, rows, 5);
    t.org_sector = org_sector;
    t.n_org_sector = 1;
    assert_int_equal(carealign__sc_disclose(&t, fw, 0), CAREALIGN_OK);
    assert_true(rows[1].res.flags & CAREALIGN_RES_SUPPRESSED);
    assert_true(rows[2].res.flags & CAREALIGN_RES_SECONDARY_SUPPRESSED);
    assert_false(sup(&rows[0]));
    assert_false(sup(&rows[3]));
    assert_false(sup(&rows[4]));

    /* Now the organisation is small: it, its sector and the system follow. */
    proportion(&rows[4], M_FFT, 4, 200);
    rows[4].res.level = CAREALIGN_LEVEL_ORG;
    rows[4].res.unit = 0;
    proportion(&rows[1], M_FFT, 30, 100);
    rows[1].res.stratum[0] = FX_DIM_SEX;
    rows[1].res.stratum[1] = 1;
    proportion(&rows[2], M_FFT, 30, 100);
    rows[2].res.stratum[0] = FX_DIM_SEX;
    rows[2].res.stratum[1] = 2;
    proportion(&rows[0], M_FFT, 60, 200);
    proportion(&rows[3], M_FFT, 60, 200);
    rows[3].res.level = CAREALIGN_LEVEL_SECTOR;
    rows[3].res.unit = 2;
    assert_int_equal(carealign__sc_disclose(&t, fw, 0), CAREALIGN_OK);
    assert_true(rows[4].res.flags & CAREALIGN_RES_SUPPRESSED);
    assert_true(rows[3].res.flags & CAREALIGN_RES_SECONDARY_SUPPRESSED); /* sector = its org */
    assert_true(rows[0].res.flags & CAREALIGN_RES_SECONDARY_SUPPRESSED); /* system = sector */
    /* the system margin is now hidden, so one sex row must go with it */
    assert_true(sup(&rows[1]) || sup(&rows[2]));
}

static void test_no_disclosure(void **state)
{
    (void)state;
    fx f;
    fx_shape shape = {3, 2, 4, 2, 1, 20, 0.5, NULL};
    fx_build(&f, &shape, 7);
    size_t bytes = f.t.n_rows * sizeof *f.t.rows;
    carealign__sc_row *copy = malloc(bytes);
    memcpy(copy, f.t.rows, bytes);
    assert_int_equal(carealign__sc_disclose(&f.t, fx_framework(), CAREALIGN_SC_NO_DISCLOSURE),
                     CAREALIGN_OK);
    for (size_t i = 0; i < f.t.n_rows; i++) {
        assert_true(f.t.rows[i].res.flags & CAREALIGN_RES_NO_DISCLOSURE);
        copy[i].res.flags |= CAREALIGN_RES_NO_DISCLOSURE;
    }
    assert_memory_equal(copy, f.t.rows, bytes);
    free(copy);
    fx_free(&f);
}

/* ---- the attack ----------------------------------------------------------- */

typedef struct rel {
    size_t *members; /* members[0] is the parent */
    size_t n;
    size_t cap;
} rel;

typedef struct rels {
    rel *r;
    size_t n, cap;
} rels;

static rel *rel_new(rels *all, size_t parent)
{
    if (all->n == all->cap) {
        all->cap = all->cap ? 2 * all->cap : 64;
        all->r = realloc(all->r, all->cap * sizeof *all->r);
    }
    rel *r = &all->r[all->n++];
    r->cap = 8;
    r->members = malloc(r->cap * sizeof *r->members);
    r->members[0] = parent;
    r->n = 1;
    return r;
}

static void rel_add(rel *r, size_t child)
{
    if (r->n == r->cap) {
        r->cap *= 2;
        r->members = realloc(r->members, r->cap * sizeof *r->members);
    }
    r->members[r->n++] = child;
}

static void rels_free(rels *all)
{
    for (size_t i = 0; i < all->n; i++)
        free(all->r[i].members);
    free(all->r);
}

/* Every additive relation of the fixture's layout, built from its own index. */
static void build_relations(const fx *f, rels *all)
{
    memset(all, 0, sizeof *all);
    const fx_shape *s = &f->shape;
    for (int32_t m = 0; m < s->n_measures; m++) {
        for (int32_t p = -1; p < s->n_periods; p++)
            for (int32_t k = 0; k < fx_n_strata(f); k++) {
                int32_t a, x;
                fx_stratum_of(k, &a, &x);
                size_t sys = fx_row(f, m, CAREALIGN_LEVEL_SYSTEM, -1, p, a, x);
                rel *r = rel_new(all, sys);
                for (int32_t sec = 1; sec <= s->n_sectors; sec++)
                    rel_add(r, fx_row(f, m, CAREALIGN_LEVEL_SECTOR, sec, p, a, x));
                r = rel_new(all, sys);
                for (int32_t o = 0; o < s->n_orgs; o++)
                    rel_add(r, fx_row(f, m, CAREALIGN_LEVEL_COHORT, o, p, a, x));
                for (int32_t sec = 1; sec <= s->n_sectors; sec++) {
                    r = rel_new(all, fx_row(f, m, CAREALIGN_LEVEL_SECTOR, sec, p, a, x));
                    for (int32_t o = 0; o < s->n_orgs; o++)
                        if (f->org_sector[o] == sec)
                            rel_add(r, fx_row(f, m, CAREALIGN_LEVEL_ORG, o, p, a, x));
                }
            }
        for (int32_t u = 0; u < fx_n_units(f); u++) {
            int32_t level, unit;
            fx_unit_of(f, u, &level, &unit);
            for (int32_t k = 0; k < fx_n_strata(f); k++) {
                int32_t a, x;
                fx_stratum_of(k, &a, &x);
                rel *r = rel_new(all, fx_row(f, m, level, unit, -1, a, x));
                for (int32_t p = 0; p < s->n_periods; p++)
                    rel_add(r, fx_row(f, m, level, unit, p, a, x));
            }
            for (int32_t p = -1; p < s->n_periods && s->strata; p++) {
                rel *r = rel_new(all, fx_row(f, m, level, unit, p, -1, -1));
                for (int32_t a = 0; a < FX_AGES; a++)
                    rel_add(r, fx_row(f, m, level, unit, p, a, -1));
                r = rel_new(all, fx_row(f, m, level, unit, p, -1, -1));
                for (int32_t x = 1; x <= FX_SEXES; x++)
                    rel_add(r, fx_row(f, m, level, unit, p, -1, x));
                for (int32_t a = 0; a < FX_AGES; a++) {
                    r = rel_new(all, fx_row(f, m, level, unit, p, a, -1));
                    for (int32_t x = 1; x <= FX_SEXES; x++)
                        rel_add(r, fx_row(f, m, level, unit, p, a, x));
                }
                for (int32_t x = 1; x <= FX_SEXES; x++) {
                    r = rel_new(all, fx_row(f, m, level, unit, p, -1, x));
                    for (int32_t a = 0; a < FX_AGES; a++)
                        rel_add(r, fx_row(f, m, level, unit, p, a, x));
                }
            }
        }
    }
}

/* NHS Digital's rule on one row, written out again here (not the library's). */
static int primary_expected(const carealign__sc_row *row)
{
    double num = row->raw_numerator, den = row->raw_denominator;
    if (row->scoring == CAREALIGN_SCORING_CONTINUOUS)
        return row->raw_n >= 1 && row->raw_n <= 7;
    if (num >= 1 && num <= 7)
        return 1;
    if (row->scoring == CAREALIGN_SCORING_PROPORTION && den - num >= 1 && den - num <= 7)
        return 1;
    if (row->denominator_is_count && den >= 1 && den <= 7)
        return 1;
    return 0;
}

/* Iterated differencing: returns the number of suppressed cells recovered. */
static size_t differencing_attack(const fx *f, const rels *all)
{
    size_t n = f->t.n_rows, found = 0;
    unsigned char *unknown = calloc(n, 1);
    for (size_t i = 0; i < n; i++)
        unknown[i] = (unsigned char)sup(&f->t.rows[i]);
    int again = 1;
    while (again) {
        again = 0;
        for (size_t g = 0; g < all->n; g++) {
            const rel *r = &all->r[g];
            if (r->n < 2)
                continue;
            size_t n_unknown = 0, which = 0;
            for (size_t j = 0; j < r->n; j++)
                if (unknown[r->members[j]]) {
                    n_unknown++;
                    which = r->members[j];
                }
            if (n_unknown == 1) {
                unknown[which] = 0;
                found++;
                again = 1;
            }
        }
    }
    free(unknown);
    return found;
}

/* All relations at once: a suppressed cell is recoverable when it is fixed by
 * the linear system (its unit vector lies in the row space). */
static size_t linear_attack(const fx *f, const rels *all)
{
    size_t n = f->t.n_rows;
    size_t *col = malloc(n * sizeof *col);
    size_t nu = 0;
    for (size_t i = 0; i < n; i++)
        col[i] = sup(&f->t.rows[i]) ? nu++ : (size_t)-1;
    if (nu == 0) {
        free(col);
        return 0;
    }
    size_t nr = 0;
    for (size_t g = 0; g < all->n; g++)
        for (size_t j = 0; j < all->r[g].n; j++)
            if (col[all->r[g].members[j]] != (size_t)-1) {
                nr++;
                break;
            }
    double *a = calloc(nr * nu, sizeof *a);
    size_t row = 0;
    for (size_t g = 0; g < all->n; g++) {
        int any = 0;
        for (size_t j = 0; j < all->r[g].n; j++)
            any |= col[all->r[g].members[j]] != (size_t)-1;
        if (!any || all->r[g].n < 2)
            continue;
        for (size_t j = 0; j < all->r[g].n; j++) {
            size_t c = col[all->r[g].members[j]];
            if (c != (size_t)-1)
                a[row * nu + c] += j == 0 ? 1.0 : -1.0;
        }
        row++;
    }
    nr = row;
    /* reduced row echelon form */
    size_t *pivot_col = malloc((nr + 1) * sizeof *pivot_col);
    size_t rank = 0;
    for (size_t c = 0; c < nu && rank < nr; c++) {
        size_t best = rank;
        for (size_t r = rank; r < nr; r++)
            if (fabs(a[r * nu + c]) > fabs(a[best * nu + c]))
                best = r;
        if (fabs(a[best * nu + c]) < 1e-9)
            continue;
        for (size_t k = 0; k < nu; k++) {
            double tmp = a[rank * nu + k];
            a[rank * nu + k] = a[best * nu + k];
            a[best * nu + k] = tmp;
        }
        double pv = a[rank * nu + c];
        for (size_t k = 0; k < nu; k++)
            a[rank * nu + k] /= pv;
        for (size_t r = 0; r < nr; r++) {
            if (r == rank || a[r * nu + c] == 0.0)
                continue;
            double factor = a[r * nu + c];
            for (size_t k = 0; k < nu; k++)
                a[r * nu + k] -= factor * a[rank * nu + k];
        }
        pivot_col[rank++] = c;
    }
    size_t found = 0;
    for (size_t r = 0; r < rank; r++) {
        int alone = 1;
        for (size_t k = 0; k < nu && alone; k++)
            if (k != pivot_col[r] && fabs(a[r * nu + k]) > 1e-9)
                alone = 0;
        found += (size_t)alone;
    }
    free(pivot_col);
    free(a);
    free(col);
    return found;
}

static size_t total_tables, total_suppressed, total_secondary, total_linear, tables_linear;

static size_t linear_tables;

static void attack_one(const fx_shape *shape, uint64_t seed, int linear)
{
    fx f;
    fx_build(&f, shape, seed);
    const carealign_framework *fw = fx_framework();
    /* determinism: the same table twice gives the same bytes */
    size_t bytes = f.t.n_rows * sizeof *f.t.rows;
    carealign__sc_row *copy = malloc(bytes);
    memcpy(copy, f.t.rows, bytes);
    assert_int_equal(carealign__sc_disclose(&f.t, fw, 0), CAREALIGN_OK);
    carealign__sc_table t2 = f.t;
    t2.rows = copy;
    assert_int_equal(carealign__sc_disclose(&t2, fw, 0), CAREALIGN_OK);
    assert_memory_equal(copy, f.t.rows, bytes);
    free(copy);
    for (size_t i = 0; i < f.t.n_rows; i++) {
        const carealign__sc_row *r = &f.t.rows[i];
        if (primary_expected(r) && !(r->res.flags & CAREALIGN_RES_SUPPRESSED))
            fail_msg("seed %llu row %zu: the cell rule should suppress it",
                     (unsigned long long)seed, i);
        if (sup(r)) {
            assert_true(isnan(r->res.numerator));
            total_suppressed++;
            total_secondary += (r->res.flags & CAREALIGN_RES_SECONDARY_SUPPRESSED) != 0;
        } else {
            /* published counts are multiples of 5 */
            if (r->scoring != CAREALIGN_SCORING_CONTINUOUS)
                assert_true(fmod(r->res.numerator, 5.0) == 0.0);
        }
    }
    rels all;
    build_relations(&f, &all);
    size_t found = differencing_attack(&f, &all);
    if (found != 0)
        fail_msg("seed %llu: differencing recovers %zu suppressed cells", (unsigned long long)seed,
                 found);
    if (linear) {
        size_t lin = linear_attack(&f, &all);
        if (lin != 0)
            fail_msg("seed %llu: solving all relations fixes %zu suppressed cells",
                     (unsigned long long)seed, lin);
        total_linear += lin;
        tables_linear += lin > 0;
        linear_tables++;
    }
    total_tables++;
    rels_free(&all);
    fx_free(&f);
}

static void test_differencing_hand_built(void **state)
{
    (void)state;
    /* sectors of one, two and three organisations; tiny counts everywhere */
    static const int32_t sectors_a[] = {1, 2, 2, 3, 3, 3};
    fx_shape shapes[] = {
        {1, 3, 6, 2, 1, 12, 0.7, sectors_a},
        {3, 1, 1, 1, 0, 10, 0.9, NULL},
        {3, 2, 2, 3, 1, 8, 0.5, NULL},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        for (uint64_t seed = 1; seed <= 20; seed++)
            attack_one(&shapes[i], seed, 1);
}

static void test_differencing_random(void **state)
{
    (void)state;
    uint64_t s = 12345;
    int32_t sector_of[8];
    /* CAREALIGN_TEST_QUICK (set by .ci/run's valgrind stage, where a run is
     * ~50x slower): the first 200 of the 2,000 tables. */
    const int n_tables = getenv("CAREALIGN_TEST_QUICK") != NULL ? 200 : 2000;
    for (int i = 0; i < n_tables; i++) {
        uint64_t z = (s += UINT64_C(0x9E3779B97F4A7C15));
        z = (z ^ (z >> 31)) * UINT64_C(0xBF58476D1CE4E5B9);
        fx_shape shape;
        shape.n_measures = 1 + (int32_t)(z % 3);
        shape.n_sectors = 1 + (int32_t)((z >> 8) % 3);
        shape.n_orgs = 1 + (int32_t)((z >> 16) % 6);
        shape.n_periods = 1 + (int32_t)((z >> 24) % 3);
        shape.strata = (int32_t)((z >> 32) % 2);
        shape.max_count = 2 + (int32_t)((z >> 36) % 30);
        shape.p_small = (double)((z >> 44) % 90) / 100.0;
        for (int o = 0; o < 8; o++)
            sector_of[o] =
                1 + (int32_t)(((z >> (48 + o)) ^ (uint64_t)o * 7) % (uint64_t)shape.n_sectors);
        shape.sector_of = (z >> 60) % 2 ? sector_of : NULL;
        attack_one(&shape, (uint64_t)i + 1000, i % 10 == 0);
    }
    print_message("disclosure: %zu tables, %zu suppressed cells (%zu secondary); iterated "
                  "differencing recovered 0; the all-relations linear attack, run on %zu of "
                  "them, fixes %zu cells in %zu tables\n",
                  total_tables, total_suppressed, total_secondary, linear_tables, total_linear,
                  tables_linear);
}

static void test_errors(void **state)
{
    (void)state;
    carealign__sc_table t;
    table_of(&t, NULL, 0);
    assert_int_equal(carealign__sc_disclose(NULL, fx_framework(), 0), CAREALIGN_EINVAL);
    assert_int_equal(carealign__sc_disclose(&t, NULL, 0), CAREALIGN_EINVAL);
    assert_int_equal(carealign__sc_disclose(&t, fx_framework(), 0), CAREALIGN_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_rule_examples),
        cmocka_unit_test(test_secondary_sibling),
        cmocka_unit_test(test_secondary_margin_and_only_child),
        cmocka_unit_test(test_no_disclosure),
        cmocka_unit_test(test_differencing_hand_built),
        cmocka_unit_test(test_differencing_random),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
