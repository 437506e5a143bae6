/* Disclosure control of a finished results table (docs/report-schema.md,
 * "Disclosure control"; DESIGN.md "Privacy").
 *
 * 1. Primary suppression, NHS Digital's rule with the framework's k
 *    (suppress_max) and m (round_to), decided on the raw values:
 *    - a count numerator (proportion, cohort, ratio events) in 1..k;
 *    - a denominator that is a count, in 1..k;
 *    - a proportion whose complement (denominator - numerator) is in 1..k;
 *    - a mean (continuous-variable) or an SII/RII over 1..k people.
 *    Directly standardised rates keep their estimate (exempt) but their
 *    event counts follow the rule. Intervals are never suppressed on their
 *    own; they go with their estimate.
 * 2. Secondary suppression. The table is read as a set of additive
 *    relations "parent = sum of children" (taken as additive even where
 *    people overlap, which only makes it stricter):
 *      system   = sum of sector rows            (same measure, period, stratum)
 *      sector s = sum of organisation rows of the organisations of sector s
 *      system   = sum of cohort rows
 *      whole period = sum of period rows        (same measure, level, unit, stratum)
 *      margin   = sum of the rows of one stratum dimension
 *      (a, *)   = sum over b of the cross rows (a, b), and (*, b) likewise.
 *    A relation with exactly one suppressed cell lets the cell be recovered
 *    by differencing; so, until no relation has exactly one, the smallest
 *    other member (fewest people, non-zero preferred, then the lowest row
 *    index; a child before the parent) is suppressed too and flagged
 *    RES_SECONDARY_SUPPRESSED. Then groups of linked suppressed cells are
 *    solved exactly (all their relations at once); a cell the system fixes
 *    gets one more member of its relations suppressed; both steps repeat
 *    until neither finds anything. Relations and groups are visited in a
 *    fixed order, so the result is deterministic.
 * 3. Publication: suppressed rows lose numerator, count denominator and
 *    (unless standardised) value, limits and n (NaN, EST_SUPPRESSED); other
 *    counts are rounded to the nearest m (RES_ROUNDED). Percentages, rates
 *    and means are computed from the true counts (NHS Digital's practice). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/stats.h"
#include "core/internal.h"
#include "scorecard/fpclass.h"
#include "scorecard/disclose.h"
#include "scorecard/table.h"

static int is_count_numerator(const carealign__sc_row *r)
{
    return r->res.kind == CAREALIGN_RESULT_ESTIMATE &&
           (r->scoring == CAREALIGN_SCORING_PROPORTION || r->scoring == CAREALIGN_SCORING_COHORT ||
            r->scoring == CAREALIGN_SCORING_RATIO);
}

static int in_band(double x, int64_t k)
{
    return CAREALIGN__SC_ISFINITE(x) && x >= 0.5 && x < (double)k + 0.5;
}

int carealign__sc_primary_suppressed(const carealign__sc_row *r, int64_t k)
{
    if (k <= 0)
        return 0;
    if (r->res.kind != CAREALIGN_RESULT_ESTIMATE)
        return r->raw_n >= 1 && r->raw_n <= (uint64_t)k;
    if (r->scoring == CAREALIGN_SCORING_CONTINUOUS)
        return r->raw_n >= 1 && r->raw_n <= (uint64_t)k;
    if ((r->res.flags & CAREALIGN_RES_WEIGHTED) && r->raw_n >= 1 && r->raw_n <= (uint64_t)k)
        return 1;
    if (is_count_numerator(r) && in_band(r->raw_numerator, k))
        return 1;
    if (r->denominator_is_count && in_band(r->raw_denominator, k))
        return 1;
    if ((r->scoring == CAREALIGN_SCORING_PROPORTION || r->scoring == CAREALIGN_SCORING_COHORT) &&
        r->denominator_is_count && CAREALIGN__SC_ISFINITE(r->raw_numerator) &&
        CAREALIGN__SC_ISFINITE(r->raw_denominator) &&
        in_band(r->raw_denominator - r->raw_numerator, k))
        return 1;
    return 0;
}

/* ---- the relations ------------------------------------------------------- */

/* A row's position in the table, as a key. */
typedef struct rkey {
    int32_t v[9]; /* measure, kind, level, unit, period, stratum[0..3] */
} rkey;

static void key_of(const carealign__sc_row *r, rkey *k)
{
    k->v[0] = r->res.measure;
    k->v[1] = r->res.kind;
    k->v[2] = r->res.level;
    k->v[3] = r->res.unit;
    k->v[4] = r->res.period;
    /* An unused dimension's value does not matter. */
    k->v[5] = r->res.stratum[0];
    k->v[6] = r->res.stratum[0] == CAREALIGN_STRATUM_MARGIN ? 0 : r->res.stratum[1];
    k->v[7] = r->res.stratum[2];
    k->v[8] = r->res.stratum[2] == CAREALIGN_STRATUM_MARGIN ? 0 : r->res.stratum[3];
}

static uint64_t key_hash(const rkey *k)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (int i = 0; i < 9; i++) {
        h ^= (uint32_t)k->v[i];
        h *= UINT64_C(0x100000001b3);
        h ^= h >> 29;
    }
    return h;
}

typedef struct index_map {
    size_t *slot; /* row index + 1; 0 = empty */
    size_t mask;
    const carealign__sc_row *rows;
} index_map;

static int map_build(index_map *m, const carealign__sc_row *rows, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 16)
        cap *= 2;
    m->slot = carealign__calloc(cap, sizeof *m->slot);
    if (m->slot == NULL)
        return 0;
    m->mask = cap - 1;
    m->rows = rows;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].res.kind != CAREALIGN_RESULT_ESTIMATE)
            continue;
        rkey k;
        key_of(&rows[i], &k);
        size_t s = (size_t)key_hash(&k) & m->mask;
        while (m->slot[s] != 0) {
            rkey o;
            key_of(&rows[m->slot[s] - 1], &o);
            if (memcmp(&o, &k, sizeof k) == 0)
                break; /* a repeated key: the first row stands for it */
            s = (s + 1) & m->mask;
        }
        if (m->slot[s] == 0)
            m->slot[s] = i + 1;
    }
    return 1;
}

static long map_find(const index_map *m, const rkey *k)
{
    size_t s = (size_t)key_hash(k) & m->mask;
    while (m->slot[s] != 0) {
        rkey o;
        key_of(&m->rows[m->slot[s] - 1], &o);
        if (memcmp(&o, k, sizeof *k) == 0)
            return (long)(m->slot[s] - 1);
        s = (s + 1) & m->mask;
    }
    return -1;
}

/* One membership: row `child` belongs to the relation whose parent key is
 * `parent` and which is told apart by `type` and `disc`. */
typedef struct member {
    rkey parent;
    int32_t type;
    int32_t disc;
    size_t child;
} member;

enum { REL_SECTOR = 1, REL_ORG, REL_COHORT, REL_PERIOD, REL_MARGIN, REL_CROSS_A, REL_CROSS_B };

static int member_cmp(const void *pa, const void *pb)
{
    const member *a = pa, *b = pb;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    for (int i = 0; i < 9; i++)
        if (a->parent.v[i] != b->parent.v[i])
            return a->parent.v[i] < b->parent.v[i] ? -1 : 1;
    if (a->disc != b->disc)
        return a->disc < b->disc ? -1 : 1;
    return a->child < b->child ? -1 : (a->child > b->child);
}

/* The relations a row is a child of; returns how many were written to out (at most 4). */
static size_t memberships(const carealign__sc_table *t, size_t i, member *out)
{
    const carealign__sc_row *r = &t->rows[i];
    size_t n = 0;
    rkey k;
    key_of(r, &k);
    if (r->res.kind != CAREALIGN_RESULT_ESTIMATE)
        return 0;
    if (r->res.level == CAREALIGN_LEVEL_SECTOR || r->res.level == CAREALIGN_LEVEL_COHORT) {
        out[n].parent = k;
        out[n].parent.v[2] = CAREALIGN_LEVEL_SYSTEM;
        out[n].parent.v[3] = -1;
        out[n].type = r->res.level == CAREALIGN_LEVEL_SECTOR ? REL_SECTOR : REL_COHORT;
        out[n].disc = 0;
        out[n++].child = i;
    } else if (r->res.level == CAREALIGN_LEVEL_ORG) {
        int32_t sector = 0;
        if (r->res.unit >= 0 && (size_t)r->res.unit < t->n_org_sector && t->org_sector != NULL)
            sector = t->org_sector[r->res.unit];
        if (sector > 0) {
            out[n].parent = k;
            out[n].parent.v[2] = CAREALIGN_LEVEL_SECTOR;
            out[n].parent.v[3] = sector;
            out[n].type = REL_ORG;
            out[n].disc = 0;
            out[n++].child = i;
        }
    }
    if (r->res.period != CAREALIGN_PERIOD_WHOLE) {
        out[n].parent = k;
        out[n].parent.v[4] = CAREALIGN_PERIOD_WHOLE;
        out[n].type = REL_PERIOD;
        out[n].disc = 0;
        out[n++].child = i;
    }
    if (k.v[5] != CAREALIGN_STRATUM_MARGIN && k.v[7] == CAREALIGN_STRATUM_MARGIN) {
        out[n].parent = k;
        out[n].parent.v[5] = CAREALIGN_STRATUM_MARGIN;
        out[n].parent.v[6] = 0;
        out[n].type = REL_MARGIN;
        out[n].disc = k.v[5];
        out[n++].child = i;
    } else if (k.v[5] != CAREALIGN_STRATUM_MARGIN && k.v[7] != CAREALIGN_STRATUM_MARGIN) {
        /* Summing over b gives the single-dimension row of (a, value a). */
        out[n].parent = k;
        out[n].parent.v[7] = CAREALIGN_STRATUM_MARGIN;
        out[n].parent.v[8] = 0;
        out[n].type = REL_CROSS_A;
        out[n].disc = k.v[7];
        out[n++].child = i;
        /* Summing over a gives the single-dimension row of (b, value b). */
        out[n].parent = k;
        out[n].parent.v[5] = k.v[7];
        out[n].parent.v[6] = k.v[8];
        out[n].parent.v[7] = CAREALIGN_STRATUM_MARGIN;
        out[n].parent.v[8] = 0;
        out[n].type = REL_CROSS_B;
        out[n].disc = k.v[5];
        out[n++].child = i;
    }
    return n;
}

carealign_status carealign__sc_relations_build(const carealign__sc_table *t,
                                               carealign__sc_relset *out)
{
    memset(out, 0, sizeof *out);
    size_t n_members = 0;
    member tmp[4];
    for (size_t i = 0; i < t->n_rows; i++)
        n_members += memberships(t, i, tmp);
    member *all = carealign__calloc(n_members ? n_members : 1, sizeof *all);
    index_map map = {0};
    if (all == NULL || !map_build(&map, t->rows, t->n_rows)) {
        carealign__free(all);
        carealign__free(map.slot);
        return carealign__error(CAREALIGN_ENOMEM, "scorecard disclosure: out of memory");
    }
    size_t at = 0;
    for (size_t i = 0; i < t->n_rows; i++)
        at += memberships(t, i, all + at);
    qsort(all, n_members, sizeof *all, member_cmp);
    /* Count the groups that have a parent row. */
    size_t n_groups = 0, n_children = 0;
    for (size_t a = 0; a < n_members;) {
        size_t b = a + 1;
        while (b < n_members && all[b].type == all[a].type && all[b].disc == all[a].disc &&
               memcmp(&all[b].parent, &all[a].parent, sizeof(rkey)) == 0)
            b++;
        if (map_find(&map, &all[a].parent) >= 0) {
            n_groups++;
            n_children += b - a;
        }
        a = b;
    }
    out->parent = carealign__calloc(n_groups ? n_groups : 1, sizeof *out->parent);
    out->start = carealign__calloc(n_groups + 1, sizeof *out->start);
    out->children = carealign__calloc(n_children ? n_children : 1, sizeof *out->children);
    if (out->parent == NULL || out->start == NULL || out->children == NULL) {
        carealign__free(all);
        carealign__free(map.slot);
        carealign__sc_relations_free(out);
        return carealign__error(CAREALIGN_ENOMEM, "scorecard disclosure: out of memory");
    }
    size_t g = 0, c = 0;
    for (size_t a = 0; a < n_members;) {
        size_t b = a + 1;
        while (b < n_members && all[b].type == all[a].type && all[b].disc == all[a].disc &&
               memcmp(&all[b].parent, &all[a].parent, sizeof(rkey)) == 0)
            b++;
        long p = map_find(&map, &all[a].parent);
        if (p >= 0) {
            out->parent[g] = (size_t)p;
            out->start[g] = c;
            for (size_t j = a; j < b; j++)
                out->children[c++] = all[j].child;
            g++;
        }
        a = b;
    }
    out->start[g] = c;
    out->n = g;
    carealign__free(all);
    carealign__free(map.slot);
    return CAREALIGN_OK;
}

void carealign__sc_relations_free(carealign__sc_relset *rel)
{
    carealign__free(rel->parent);
    carealign__free(rel->start);
    carealign__free(rel->children);
    memset(rel, 0, sizeof *rel);
}

/* ---- applying the rule ---------------------------------------------------- */

/* The size of a row for choosing secondary suppressions: fewest people first. */
static double row_size(const carealign__sc_row *r)
{
    return (double)r->raw_n;
}

/* Is `a` a better secondary candidate than `b` (smaller, non-zero first, lower index)? */
static int better(const carealign__sc_table *t, size_t a, size_t b)
{
    double sa = row_size(&t->rows[a]), sb = row_size(&t->rows[b]);
    int za = sa <= 0.0, zb = sb <= 0.0;
    if (za != zb)
        return zb;
    if (sa != sb)
        return sa < sb;
    return a < b;
}

static void secondary(carealign__sc_table *t, const carealign__sc_relset *rel, unsigned char *sup)
{
    int changed = 1;
    while (changed) {
        changed = 0;
        for (size_t g = 0; g < rel->n; g++) {
            size_t n_sup = sup[rel->parent[g]] ? 1 : 0;
            for (size_t j = rel->start[g]; j < rel->start[g + 1]; j++)
                n_sup += sup[rel->children[j]] ? 1 : 0;
            if (n_sup != 1)
                continue;
            size_t best = (size_t)-1;
            for (size_t j = rel->start[g]; j < rel->start[g + 1]; j++) {
                size_t c = rel->children[j];
                if (!sup[c] && (best == (size_t)-1 || better(t, c, best)))
                    best = c;
            }
            if (best == (size_t)-1)
                best = rel->parent[g]; /* the one suppressed cell is the only child */
            sup[best] = 2;
            changed = 1;
        }
    }
}

/* ---- the linear check ------------------------------------------------------ */

/* Largest group of linked suppressed cells solved exactly; bigger groups keep
 * the pairwise protection only (docs/report-schema.md). */
#define LINEAR_MAX_UNKNOWNS 1500

static size_t uf_find(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

typedef struct linear_work {
    size_t *uf;     /* union-find over rows */
    size_t *rstart; /* row -> relations CSR */
    size_t *rrel;
    struct comp_row *cells; /* suppressed rows by component */
    size_t *col;            /* row -> column in its component */
    double *a;
    size_t a_cap;
    unsigned char *rel_used;
} linear_work;

typedef struct comp_row {
    size_t root;
    size_t row;
} comp_row;

static int comp_row_cmp(const void *pa, const void *pb)
{
    const comp_row *a = pa, *b = pb;
    if (a->root != b->root)
        return a->root < b->root ? -1 : 1;
    return a->row < b->row ? -1 : (a->row > b->row);
}

/* Gaussian elimination of the relations of one group of linked suppressed
 * cells (columns = its cells); the column of a fixed cell, or SIZE_MAX. */
static size_t solve_component(const carealign__sc_relset *rel, const unsigned char *sup,
                              linear_work *w, const comp_row *cells, size_t nu, size_t *out_err)
{
    size_t nr = 0;
    for (size_t q = 0; q < nu; q++)
        for (size_t e = w->rstart[cells[q].row]; e < w->rstart[cells[q].row + 1]; e++)
            if (!w->rel_used[w->rrel[e]]) {
                w->rel_used[w->rrel[e]] = 1;
                nr++;
            }
    size_t fixed = SIZE_MAX;
    if (nr * nu > w->a_cap) {
        double *bigger = carealign__realloc(w->a, nr * nu * sizeof *bigger);
        if (bigger == NULL) {
            *out_err = 1;
            nr = 0;
        } else {
            w->a = bigger;
            w->a_cap = nr * nu;
        }
    }
    if (nr > 0)
        memset(w->a, 0, nr * nu * sizeof *w->a);
    size_t r = 0;
    for (size_t q = 0; q < nu; q++)
        for (size_t e = w->rstart[cells[q].row]; e < w->rstart[cells[q].row + 1]; e++) {
            size_t g = w->rrel[e];
            if (w->rel_used[g] != 1)
                continue;
            w->rel_used[g] = 0;
            if (r >= nr)
                continue;
            double *line = w->a + r * nu;
            if (sup[rel->parent[g]])
                line[w->col[rel->parent[g]]] += 1.0;
            for (size_t j = rel->start[g]; j < rel->start[g + 1]; j++)
                if (sup[rel->children[j]])
                    line[w->col[rel->children[j]]] -= 1.0;
            r++;
        }
    size_t rank = 0;
    for (size_t c = 0; c < nu && rank < nr; c++) {
        size_t best = rank;
        for (size_t i = rank; i < nr; i++)
            if (fabs(w->a[i * nu + c]) > fabs(w->a[best * nu + c]))
                best = i;
        if (fabs(w->a[best * nu + c]) < 1e-9)
            continue;
        if (best != rank)
            for (size_t x = 0; x < nu; x++) {
                double tmp = w->a[rank * nu + x];
                w->a[rank * nu + x] = w->a[best * nu + x];
                w->a[best * nu + x] = tmp;
            }
        double pv = w->a[rank * nu + c];
        for (size_t x = 0; x < nu; x++)
            w->a[rank * nu + x] /= pv;
        for (size_t i = 0; i < nr; i++) {
            double f = w->a[i * nu + c];
            if (i == rank || f == 0.0)
                continue;
            for (size_t x = 0; x < nu; x++)
                w->a[i * nu + x] -= f * w->a[rank * nu + x];
        }
        rank++;
    }
    /* a cell is fixed when its row of the reduced form has no other entry */
    for (size_t i = 0; i < rank && fixed == SIZE_MAX; i++) {
        size_t pivot = SIZE_MAX, others = 0;
        for (size_t x = 0; x < nu; x++)
            if (fabs(w->a[i * nu + x]) > 1e-9) {
                if (pivot == SIZE_MAX)
                    pivot = x;
                else
                    others++;
            }
        if (pivot != SIZE_MAX && others == 0)
            fixed = pivot;
    }
    return fixed;
}

/* Find cells fixed by all relations of their group at once; for the first
 * such cell of each group, suppress the best other member of its relations.
 * Returns the number suppressed, or (size_t)-1 when out of memory. */
static size_t linear_pass(carealign__sc_table *t, const carealign__sc_relset *rel,
                          unsigned char *sup, linear_work *w)
{
    size_t n = t->n_rows;
    for (size_t i = 0; i < n; i++)
        w->uf[i] = i;
    for (size_t g = 0; g < rel->n; g++) {
        size_t first = sup[rel->parent[g]] ? rel->parent[g] : SIZE_MAX;
        for (size_t j = rel->start[g]; j < rel->start[g + 1]; j++) {
            size_t c = rel->children[j];
            if (!sup[c])
                continue;
            if (first == SIZE_MAX)
                first = c;
            else
                w->uf[uf_find(w->uf, c)] = uf_find(w->uf, first);
        }
    }
    size_t n_sup = 0;
    for (size_t i = 0; i < n; i++)
        if (sup[i]) {
            w->cells[n_sup].root = uf_find(w->uf, i);
            w->cells[n_sup++].row = i;
        }
    qsort(w->cells, n_sup, sizeof *w->cells, comp_row_cmp);
    size_t added = 0, err = 0;
    for (size_t k = 0; k < n_sup;) {
        size_t end = k + 1;
        while (end < n_sup && w->cells[end].root == w->cells[k].root)
            end++;
        size_t nu = end - k;
        if (nu <= LINEAR_MAX_UNKNOWNS) {
            for (size_t q = 0; q < nu; q++)
                w->col[w->cells[k + q].row] = q;
            size_t fixed = solve_component(rel, sup, w, w->cells + k, nu, &err);
            if (err)
                return (size_t)-1;
            if (fixed != SIZE_MAX) {
                size_t fixed_row = w->cells[k + fixed].row;
                size_t best = SIZE_MAX;
                for (size_t e = w->rstart[fixed_row]; e < w->rstart[fixed_row + 1]; e++) {
                    size_t g = w->rrel[e];
                    for (size_t j = rel->start[g]; j < rel->start[g + 1]; j++) {
                        size_t c = rel->children[j];
                        if (!sup[c] && (best == SIZE_MAX || better(t, c, best)))
                            best = c;
                    }
                }
                for (size_t e = w->rstart[fixed_row];
                     best == SIZE_MAX && e < w->rstart[fixed_row + 1]; e++)
                    if (!sup[rel->parent[w->rrel[e]]])
                        best = rel->parent[w->rrel[e]];
                if (best != SIZE_MAX) {
                    sup[best] = 2;
                    added++;
                }
            }
        }
        k = end;
    }
    return added;
}

/* Secondary suppression until neither the pairwise rule nor the linear
 * check finds a recoverable cell. */
static carealign_status protect(carealign__sc_table *t, const carealign__sc_relset *rel,
                                unsigned char *sup)
{
    size_t n = t->n_rows, n_links = 0;
    for (size_t g = 0; g < rel->n; g++)
        n_links += 1 + rel->start[g + 1] - rel->start[g];
    linear_work w;
    memset(&w, 0, sizeof w);
    w.uf = carealign__calloc(n + 1, sizeof *w.uf);
    w.rstart = carealign__calloc(n + 2, sizeof *w.rstart);
    w.rrel = carealign__calloc(n_links + 1, sizeof *w.rrel);
    w.cells = carealign__calloc(n + 1, sizeof *w.cells);
    w.col = carealign__calloc(n + 1, sizeof *w.col);
    w.rel_used = carealign__calloc(rel->n + 1, 1);
    carealign_status st = CAREALIGN_OK;
    if (w.uf == NULL || w.rstart == NULL || w.rrel == NULL || w.cells == NULL || w.col == NULL ||
        w.rel_used == NULL) {
        st = carealign__error(CAREALIGN_ENOMEM, "scorecard disclosure: out of memory");
        goto done;
    }
    for (size_t g = 0; g < rel->n; g++) {
        w.rstart[rel->parent[g] + 1]++;
        for (size_t j = rel->start[g]; j < rel->start[g + 1]; j++)
            w.rstart[rel->children[j] + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        w.rstart[i + 1] += w.rstart[i];
    for (size_t g = 0; g < rel->n; g++) {
        w.rrel[w.rstart[rel->parent[g]] + w.uf[rel->parent[g]]++] = g;
        for (size_t j = rel->start[g]; j < rel->start[g + 1]; j++) {
            size_t c = rel->children[j];
            w.rrel[w.rstart[c] + w.uf[c]++] = g;
        }
    }
    for (;;) {
        secondary(t, rel, sup);
        size_t added = linear_pass(t, rel, sup, &w);
        if (added == (size_t)-1) {
            st = carealign__error(CAREALIGN_ENOMEM, "scorecard disclosure: out of memory");
            break;
        }
        if (added == 0)
            break;
    }
done:
    carealign__free(w.uf);
    carealign__free(w.rstart);
    carealign__free(w.rrel);
    carealign__free(w.cells);
    carealign__free(w.col);
    carealign__free(w.a);
    carealign__free(w.rel_used);
    return st;
}

static double round_count(double x, const carealign_disclosure_options *o)
{
    if (!CAREALIGN__SC_ISFINITE(x) || x < 0.0 || x > 9.0e15)
        return x;
    int64_t v = 0;
    /* Suppression was decided already: round whatever is left. */
    carealign_disclosure_options r = *o;
    r.suppress_max = 0;
    if (carealign_disclose_count((int64_t)llround(x), &r, &v, NULL) != CAREALIGN_OK)
        return x;
    return (double)v;
}

static void publish(carealign__sc_row *r, unsigned char sup, const carealign_disclosure_options *o)
{
    carealign_result *p = &r->res;
    int counts = p->kind == CAREALIGN_RESULT_ESTIMATE;
    int std = (p->flags & CAREALIGN_RES_STANDARDISED) != 0;
    if (sup) {
        p->flags |= sup == 1 ? CAREALIGN_RES_SUPPRESSED : CAREALIGN_RES_SECONDARY_SUPPRESSED;
        p->numerator = NAN;
        if (r->denominator_is_count || r->scoring == CAREALIGN_SCORING_CONTINUOUS ||
            p->kind != CAREALIGN_RESULT_ESTIMATE)
            p->denominator = NAN;
        if (!std) {
            p->estimate.value = NAN;
            p->estimate.lower = NAN;
            p->estimate.upper = NAN;
            p->estimate.n = NAN;
            p->estimate.flags |= CAREALIGN_EST_SUPPRESSED;
            p->target_met = -1;
            p->funnel = -1;
        }
        return;
    }
    if (!counts || o->round_to <= 1)
        return;
    int rounded = 0;
    if (is_count_numerator(r) && CAREALIGN__SC_ISFINITE(p->numerator)) {
        p->numerator = round_count(p->numerator, o);
        rounded = 1;
    }
    if (r->denominator_is_count && CAREALIGN__SC_ISFINITE(p->denominator)) {
        p->denominator = round_count(p->denominator, o);
        rounded = 1;
    }
    /* n is a count of people unless it is Kish's effective n. */
    if (CAREALIGN__SC_ISFINITE(p->estimate.n) && !(p->flags & CAREALIGN_RES_WEIGHTED) &&
        (r->denominator_is_count || r->scoring == CAREALIGN_SCORING_CONTINUOUS)) {
        p->estimate.n = round_count(p->estimate.n, o);
        rounded = 1;
    }
    if (rounded)
        p->flags |= CAREALIGN_RES_ROUNDED;
}

carealign_status carealign__sc_disclose(carealign__sc_table *t, const carealign_framework *fw,
                                        uint32_t flags)
{
    if (t == NULL || fw == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard disclosure: NULL argument");
    if (flags & CAREALIGN_SC_NO_DISCLOSURE) {
        for (size_t i = 0; i < t->n_rows; i++)
            t->rows[i].res.flags |= CAREALIGN_RES_NO_DISCLOSURE;
        return CAREALIGN_OK;
    }
    carealign_framework_info info;
    memset(&info, 0, sizeof info);
    info.size = sizeof info;
    carealign_status st = carealign_framework_get_info(fw, &info);
    if (st != CAREALIGN_OK)
        return st;
    carealign_disclosure_options o = CAREALIGN_DISCLOSURE_OPTIONS_INIT;
    o.suppress_max = info.disclosure_suppress_max;
    o.round_to = info.disclosure_round_to < 1 ? 1 : info.disclosure_round_to;
    unsigned char *sup = carealign__calloc(t->n_rows ? t->n_rows : 1, 1);
    if (sup == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard disclosure: out of memory");
    for (size_t i = 0; i < t->n_rows; i++)
        sup[i] = carealign__sc_primary_suppressed(&t->rows[i], o.suppress_max) ? 1 : 0;
    carealign__sc_relset rel;
    st = carealign__sc_relations_build(t, &rel);
    if (st != CAREALIGN_OK) {
        carealign__free(sup);
        return st;
    }
    st = protect(t, &rel, sup);
    carealign__sc_relations_free(&rel);
    if (st != CAREALIGN_OK) {
        carealign__free(sup);
        return st;
    }
    for (size_t i = 0; i < t->n_rows; i++)
        publish(&t->rows[i], sup[i], &o);
    carealign__free(sup);
    return CAREALIGN_OK;
}
