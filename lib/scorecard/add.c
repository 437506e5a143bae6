/* Adding a person's contribution to the result groups: one group per
 * measure x level x unit x stratum x period (docs/scorecard.md).
 *
 * A contribution goes to the group of each of the person's strata at one
 * (measure, level, unit, period). The groups' accumulators come from the
 * memo's row of that (measure, level, unit, period), by stratum code
 * (slots.h); a group not in it takes carealign__sc_slot_add's path (lookup
 * or creation, in the same order as ever). A value, pair or count is added
 * as one record prepared once (carealign__acc_add_rec): the same record
 * goes to every stratum and usually to the next level's groups too. */
#include "accum/fast.h"
#include "core/internal.h"
#include "scorecard/contrib.h"
#include "scorecard/slots.h"

/* Add contribution k of measure mi to acc, one record at a time. */
static carealign_status add_plain(carealign_acc *acc, const carealign_scorecard *sc, int32_t mi,
                                  const contrib *k)
{
    if (sc->measures[mi].mflags & CAREALIGN_MEASURE_WEIGHTED)
        return carealign__sc_add_weighted(acc, k->kind, k->a, k->b, k->w);
    switch (k->kind) {
    case 1: {
        /* num ones and den - num zeros (as grid units) */
        int64_t num = (int64_t)k->a, den = (int64_t)k->b;
        if (den <= 0)
            return CAREALIGN_OK;
        num = num < 0 ? 0 : num > den ? den : num;
        return carealign__acc_add_count(acc, (uint64_t)num, (uint64_t)den);
    }
    case 2:
    case 4: return carealign__acc_add_pair1(acc, k->a, k->b);
    case 5: return carealign__sc_add_bands(acc, k->bands);
    default: return carealign__acc_add1(acc, k->a);
    }
}

uint32_t carealign__sc_rec_mask = CAREALIGN__SC_RECS - 1;

/* The cache's record of contribution k of measure mi (as add_plain adds
 * it): the one at its place (a hash of mi and the record's contents) when
 * it is of that measure and contents bit for bit (it keeps what
 * carealign__acc_add_rec_slow prepared, for the next person too), else a
 * new one there, unprepared. NULL when k is not one record of the kinds a
 * record holds (DSR bands, a weighted proportion, an empty proportion):
 * then add_plain adds it. */
static carealign__acc_rec *rec_of(carealign__sc_slots *s, const carealign_scorecard *sc, int32_t mi,
                                  const contrib *k)
{
    int32_t op;
    double a = k->a, b = 0;
    uint64_t su = 0, n = 0;
    if (sc->measures[mi].mflags & CAREALIGN_MEASURE_WEIGHTED) {
        if (k->kind != 3)
            return NULL; /* carealign__sc_add_weighted's other kinds */
        op = CAREALIGN__REC_WEIGHTED;
        b = k->w;
    } else {
        switch (k->kind) {
        case 1: {
            int64_t num = (int64_t)k->a, den = (int64_t)k->b;
            if (den <= 0)
                return NULL;
            num = num < 0 ? 0 : num > den ? den : num;
            op = CAREALIGN__REC_COUNT;
            a = 0;
            su = (uint64_t)num;
            n = (uint64_t)den;
            break;
        }
        case 2:
        case 4:
            op = CAREALIGN__REC_PAIR;
            b = k->b;
            break;
        case 5: return NULL;
        default: op = CAREALIGN__REC_VALUE; break;
        }
    }
    uint64_t ab, bb;
    memcpy(&ab, &a, sizeof ab);
    memcpy(&bb, &b, sizeof bb);
    uint64_t h = (ab ^ (bb * UINT64_C(0x9e3779b97f4a7c15)) ^ (su << 17) ^ (n << 29) ^
                  ((uint64_t)(uint32_t)mi << 40) ^ (uint64_t)op) *
                 UINT64_C(0xff51afd7ed558ccd);
    const size_t i = (size_t)(h >> (64 - CAREALIGN__SC_RECS_LOG2) & carealign__sc_rec_mask);
    carealign__acc_rec *r = &s->recs[i];
    if (r->op == op && s->rec_mi[i] == mi && carealign__acc_same_bits(r->a, a) &&
        carealign__acc_same_bits(r->b, b) && r->successes == su && r->n == n)
        return r;
    s->rec_mi[i] = mi;
    r->op = op;
    r->a = a;
    r->b = b;
    r->successes = su;
    r->n = n;
    r->prepared = 0;
    return r;
}

carealign_status carealign__sc_add_contrib(carealign_scorecard *sc, int32_t mi, const contrib *k,
                                           int32_t level, int32_t unit, const int32_t stratum[4],
                                           int32_t code, int32_t period)
{
    carealign__sc_key key = {
        mi, level, unit, {stratum[0], stratum[1], stratum[2], stratum[3]}, period};
    carealign_acc *acc = NULL;
    carealign_status st = carealign__sc_slot_get(sc, &key, code, &acc);
    if (st != CAREALIGN_OK)
        return st;
    return add_plain(acc, sc, mi, k);
}

/* Population denominators exist for age and sex only: may stratum v (not
 * the margin) of a pop_denominator measure have a group? */
static int pop_stratum(const carealign_scorecard *sc, const int32_t v[4])
{
    int32_t ka = v[0] >= 0 ? sc->stratum_kind[v[0]] : 0;
    int32_t kb = v[2] >= 0 ? sc->stratum_kind[v[2]] : 0;
    return (ka == CAREALIGN_STRATUM_AGE || ka == CAREALIGN_STRATUM_SEX) &&
           (kb == 0 || kb == CAREALIGN_STRATUM_AGE || kb == CAREALIGN_STRATUM_SEX);
}

void carealign__sc_strata_lists(const carealign_scorecard *sc, strata *str)
{
    str->n_pop = 0;
    for (int i = 0; i < str->n; i++) {
        str->all[i] = i;
        if (i == 0 || pop_stratum(sc, str->v[i])) {
            str->pop_code[str->n_pop] = str->code[i];
            str->pop[str->n_pop++] = i;
        }
    }
}

/* a->by from the memo, when it has its rows (NULL before). */
static void adds_rows(carealign__sc_adds *a)
{
    const carealign__sc_slots *s = a->sc->slots;
    if (s != NULL && s->by != NULL && (size_t)(uint32_t)(a->period + 1) < s->per &&
        a->mi < a->sc->n_measures) {
        a->per = s->per;
        a->by = s->by + (size_t)a->mi * 4 * s->per + (size_t)(a->period + 1);
        a->mp = &s->mp[a->mi];
    }
}

void carealign__sc_adds_begin(carealign__sc_adds *a, carealign_scorecard *sc, int32_t mi,
                              int32_t period, const strata *str)
{
    a->sc = sc;
    a->str = str;
    a->mi = mi;
    a->period = period;
    if (period >= 0) { /* periods only at the margin */
        a->ix = str->pop;
        a->codes = str->pop_code;
        a->n = 1;
    } else if (sc->measures[mi].pop_denominator) {
        a->ix = str->pop;
        a->codes = str->pop_code;
        a->n = str->n_pop;
    } else {
        a->ix = str->all;
        a->codes = str->code;
        a->n = str->n;
    }
    a->code0 = (uint32_t)a->codes[0];
    a->cellcls = period == -1 && carealign__sc_fast_adds ? carealign__sc_fine_class_of(sc, mi) : 0;
    a->k = NULL;
    a->r = NULL;
    a->kv_ok = 0;
    a->fast = 0;
    a->by = NULL;
    a->per = 0;
    a->mp = NULL;
    adds_rows(a);
}

/* Start loading the states of the accumulators of a's strata at (level,
 * unit) (those the memo has): their number (a result, so that the compiler
 * keeps a loop of prefetches only). */
static int prefetch_cell(const carealign__sc_adds *a, int32_t level, int32_t unit)
{
    const carealign__sc_units *units = &a->by[(size_t)level * a->per];
    const size_t u = (size_t)(uint32_t)(unit + 1);
    int n = 0;
    if (u >= units->n)
        return 0;
    /* the row in locals: the compiler takes a prefetch for a read of memory */
    carealign_acc *const *const row = units->cells[u].acc;
    const uint32_t n_row = (uint32_t)units->cells[u].n;
    const int32_t *codes = a->codes;
    int nj = a->n;
    const uint32_t t = (uint32_t)a->str->tuple;
    if (a->cellcls != 0 && t < (uint32_t)units->cells[u].fine_n) {
        /* the finest cell (made, nearly always) and the strata added directly */
        carealign__prefetch_write(&units->cells[u].fine[t]);
        codes = a->str->dcode;
        nj = a->str->nd;
        n++;
    }
    for (int j = 0; j < nj; j++) {
        const uint32_t code = (uint32_t)codes[j];
        if (code < n_row && row[code] != NULL) {
            carealign__acc_prefetch(row[code]);
            n++;
        }
    }
    return n;
}

int carealign__sc_adds_prefetch_units(const carealign__sc_adds *a, const int32_t *orgs, int n_orgs,
                                      const int32_t *secs, int n_secs)
{
    if (a->by == NULL || a->period != -1)
        return 0;
    int n = prefetch_cell(a, CAREALIGN_LEVEL_SYSTEM, -1);
    if (a->sc->measures[a->mi].pop_denominator)
        return n; /* the system's only */
    for (int o = 0; o < n_orgs; o++)
        n += prefetch_cell(a, CAREALIGN_LEVEL_COHORT, orgs[o]);
    for (int si = 0; si < n_secs; si++)
        n += prefetch_cell(a, CAREALIGN_LEVEL_SECTOR, secs[si]);
    for (int o = 0; o < n_orgs; o++)
        n += prefetch_cell(a, CAREALIGN_LEVEL_ORG, orgs[o]);
    return n;
}

/* Is prepared record r for parameters p (those every accumulator the
 * memo has of a measure share: CAREALIGN__SC_MP_SAME)? */
static inline int rec_fits(const carealign__acc_rec *r, const carealign__sc_mparams *p)
{
    return r->prepared && p->kind == r->kind && p->scale == r->scale && p->flags == r->flags;
}

/* Is a->r, prepared, for the parameters of every accumulator the memo has
 * of a's measure (a->by and a->mp set)? */
static int adds_fits(const carealign__sc_adds *a)
{
    const carealign__acc_rec *r = a->r;
    const carealign__sc_mparams *p = a->mp;
    return r != NULL && p != NULL && p->state == CAREALIGN__SC_MP_SAME && rec_fits(r, p);
}

/* adds_fits after preparing a->r, when it is not prepared for them, for
 * the parameters every accumulator the memo has of a's measure shares (as
 * carealign__acc_add_rec_slow would at the first of them), so that a new
 * record takes adds_fast's path at once. Inline, with the preparing out
 * of line (a new record's, some one add in four). */
static inline int adds_ready(carealign__sc_adds *a)
{
    carealign__acc_rec *r = a->r;
    const carealign__sc_mparams *p = a->mp;
    if (r == NULL || p == NULL || p->state != CAREALIGN__SC_MP_SAME)
        return 0;
    if (!rec_fits(r, p))
        carealign__acc_rec_prepare(r, p->kind, p->scale, p->flags);
    return 1;
}

/* The accumulator of stratum code codes[j] in row (n_row entries); NULL
 * when not there. */
static inline carealign_acc *fast_acc(carealign_acc *const *row, uint32_t n_row,
                                      const int32_t *codes, int j)
{
    const uint32_t c = (uint32_t)codes[j];
    return c < n_row ? row[c] : NULL;
}

/* Add prepared record r (for the parameters of every accumulator of the
 * memo's measure: carealign__sc_adds.fast) to the accumulators of
 * the strata of codes[0 .. n - 1] in row, as carealign__acc_rec_apply_common or
 * carealign__acc_weighted_apply would one by one, while they are there and
 * nothing overflows: the number added. The rest is
 * carealign__sc_adds_rest's, among them the rare kinds (a value 0 or 1 to
 * a PROPORTION, RATE events, CHANGE, TOTAL). */
static int adds_fast(const carealign__acc_rec *r, carealign_acc *const *row, int32_t n_row,
                     const int32_t *codes, int n)
{
    /* r's fields in locals: the stores to the states cannot change them */
    const uint32_t nr = (uint32_t)n_row;
    int j = 0;
    carealign_acc *acc;
    carealign__u128 x, y;
    switch (r->how) {
    case CAREALIGN__HOW_GRID: {
        const int64_t u = r->u;
        const carealign__u128 sq = r->sq;
        for (; j < n && (acc = fast_acc(row, nr, codes, j)) != NULL; j++) {
            carealign__acc_state *s = &acc->st;
            if (s->n == UINT64_MAX || carealign__fast_i128_add64(&x, s->sum, u) ||
                carealign__fast_u128_add2(&y, s->sumsq, sq))
                break;
            carealign__acc_grid_store(s, u, x, y);
        }
        break;
    }
    case CAREALIGN__HOW_GRID_SMALL: {
        const int64_t u = r->u;
        const uint64_t sq = r->sq.lo;
        for (; j < n && (acc = fast_acc(row, nr, codes, j)) != NULL; j++) {
            carealign__acc_state *s = &acc->st;
            if (s->n == UINT64_MAX || carealign__fast_i128_add64p(&x, s->sum, (uint64_t)u) ||
                carealign__fast_u128_add64(&y, s->sumsq, sq))
                break;
            carealign__acc_grid_store(s, u, x, y);
        }
        break;
    }
    case CAREALIGN__HOW_RATE: {
        const uint64_t e = r->se.lo, e2 = r->se2.lo;
        for (; j < n && (acc = fast_acc(row, nr, codes, j)) != NULL; j++) {
            carealign__acc_state *s = &acc->st;
            if (s->n == UINT64_MAX || carealign__fast_u128_add64(&x, s->events, e) ||
                carealign__fast_u128_add64(&y, s->exposure, e2))
                break;
            s->events = x;
            s->exposure = y;
            s->n++;
        }
        break;
    }
    case CAREALIGN__HOW_COUNT: {
        const uint64_t rn = r->n, rs = r->successes;
        for (; j < n && (acc = fast_acc(row, nr, codes, j)) != NULL; j++) {
            carealign__acc_state *s = &acc->st;
            if (s->n > UINT64_MAX - rn || s->successes > UINT64_MAX - rs)
                break;
            s->n += rn;
            s->successes += rs;
        }
        break;
    }
    case CAREALIGN__HOW_WEIGHTED: {
        const carealign__acc_wrec w = r->wrec;
        const int proportion = r->kind == CAREALIGN_ACC_PROPORTION;
        for (; j < n && (acc = fast_acc(row, nr, codes, j)) != NULL; j++)
            if (!carealign__acc_weighted_apply(&acc->st, proportion, &w))
                break;
        break;
    }
    default: break;
    }
    return j;
}

int carealign__sc_fast_adds = 1;

/* carealign__sc_adds_add_any when carealign__sc_fast_adds is 0: each
 * group found by carealign__sc_slot_get and added to by add_plain, as
 * carealign__sc_add_contrib does (a->r stays NULL, so the inline path of
 * carealign__sc_adds_add is never taken). */
static carealign_status adds_plain(carealign__sc_adds *a, const contrib *k, int32_t level,
                                   int32_t unit)
{
    for (int j = 0; j < a->n; j++) {
        const int i = a->ix[j];
        carealign_status st = carealign__sc_add_contrib(a->sc, a->mi, k, level, unit, a->str->v[i],
                                                        a->str->code[i], a->period);
        if (st != CAREALIGN_OK)
            return st;
    }
    return CAREALIGN_OK;
}

/* The memo's row of a's (level, unit) at its period: *n_row entries. */
static carealign_acc *const *adds_row(const carealign__sc_adds *a, int32_t *n_row)
{
    const size_t u = (size_t)(uint32_t)(a->unit + 1);
    *n_row = 0;
    if (a->by != NULL && (uint32_t)a->level <= 3 && u < a->by[(size_t)a->level * a->per].n) {
        const carealign__sc_cell *c = &a->by[(size_t)a->level * a->per].cells[u];
        *n_row = c->n;
        return c->acc;
    }
    return NULL;
}

/* The finest-cell add of a->r (prepared, of the class a->cellcls) at
 * (level, unit): 1 when taken (*st its status), 0 when the add must be
 * direct (no cell for the tuple or not made yet, the cells off). It reads
 * the memo's cell (as the direct strata's adds do) and the tuple's state:
 * the MADE bit and the bound are in its n. */
static int fine_add(carealign__sc_adds *a, int32_t level, int32_t unit, carealign_status *st)
{
    const strata *str = a->str;
    const uint32_t t = (uint32_t)str->tuple;
    const carealign__sc_units *units = &a->by[(size_t)level * a->per];
    const size_t u = (size_t)(uint32_t)(unit + 1);
    if (u >= units->n)
        return 0;
    const carealign__sc_cell *cell = &units->cells[u];
    if (t >= (uint32_t)cell->fine_n) /* also a person without a tuple (-1) */
        return 0;
    carealign__sc_fstate *c = &cell->fine[t];
    if (c->n - CAREALIGN__SC_FINE_MADE >= carealign__sc_fine_limit) {
        if (c->n < CAREALIGN__SC_FINE_MADE)
            return 0;                                /* not made */
        carealign__sc_fine_flush(a->sc, cell->fine); /* at the bound */
        if (cell->fine_n == 0)
            return 0; /* the cells off */
    }
    const carealign__acc_rec *r = a->r;
    switch (r->how) {
    case CAREALIGN__HOW_GRID_SMALL: {
        const int64_t v = r->u;
        c->min = v < c->min ? v : c->min;
        c->max = v > c->max ? v : c->max;
        (void)carealign__fast_u128_add64(&c->s1, c->s1, (uint64_t)v);
        (void)carealign__fast_u128_add64(&c->s2, c->s2, r->sq.lo);
        c->n++;
        break;
    }
    case CAREALIGN__HOW_ONE:
        c->successes += r->e;
        c->n++;
        break;
    case CAREALIGN__HOW_COUNT:
        c->successes += r->successes;
        c->n += r->n;
        break;
    case CAREALIGN__HOW_WEIGHTED: { /* weight 1: w x and w x^2 are integers */
        const int64_t v = r->wrec.u;
        c->min = v < c->min ? v : c->min;
        c->max = v > c->max ? v : c->max;
        (void)carealign__fast_u128_add64(&c->s1, c->s1, (uint64_t)r->wrec.wx);
        (void)carealign__fast_u128_add64(&c->s2, c->s2, (uint64_t)r->wrec.wxx);
        c->successes += r->wrec.one;
        c->n++;
        break;
    }
    default: /* RATE */
        (void)carealign__fast_u128_add64(&c->s1, c->s1, r->se.lo);
        (void)carealign__fast_u128_add64(&c->s2, c->s2, r->se2.lo);
        c->n++;
        break;
    }
    a->sc->slots->fine_held = 1;
    *st = CAREALIGN_OK;
    /* the strata not in the cell, directly: the common kinds inline */
    const int nd = str->nd;
    const uint32_t n_row = (uint32_t)cell->n;
    int j = 0;
    for (; j < nd; j++) {
        const uint32_t code = (uint32_t)str->dcode[j];
        carealign_acc *acc = code < n_row ? cell->acc[code] : NULL;
        if (acc == NULL || !carealign__acc_rec_apply(&acc->st, r))
            break;
    }
    if (j < nd) {
        const int32_t *ix = a->ix, *codes = a->codes;
        const int n = a->n;
        a->ix = str->dix;
        a->codes = str->dcode;
        a->n = nd;
        *st = carealign__sc_adds_rest(a, j);
        a->ix = ix;
        a->codes = codes;
        a->n = n;
    }
    return 1;
}

/* Before a direct add at (level, unit) of a measure whose whole-period adds
 * may go to cells (a->cellcls): the block's cells added to the groups
 * unless the add is of the cells' class (cell) and so cannot overflow
 * them. */
static void fine_before(carealign__sc_adds *a, int32_t level, int32_t unit, int cell)
{
    if ((cell && a->str->tuple >= 0) || a->by == NULL || !a->sc->slots->fine_held)
        return; /* no memo: no cells */
    const carealign__sc_units *units = &a->by[(size_t)level * a->per];
    const size_t u = (size_t)(uint32_t)(unit + 1);
    if (u < units->n && units->cells[u].fine_n != 0)
        carealign__sc_fine_flush(a->sc, units->cells[u].fine);
}

/* After a direct add at (level, unit) (a->cellcls), of the cells' class
 * (cell) or not: the tuple's cell made when all its groups are
 * remembered, and, for another class, the room of the groups it went to
 * checked (the cells off for good without). */
static void fine_after(carealign__sc_adds *a, int32_t level, int32_t unit, int cell)
{
    carealign_scorecard *sc = a->sc;
    const strata *str = a->str;
    int32_t n_row;
    carealign_acc *const *row = carealign__sc_slot_row(sc, a->mi, level, unit, -1, &n_row);
    if (!cell || str->tuple < 0) {
        for (int j = 0; j < a->n; j++) {
            const uint32_t code = (uint32_t)a->codes[j];
            if (code < (uint32_t)n_row && row[code] != NULL) {
                if (!carealign__sc_fine_room(row[code])) {
                    carealign__sc_fine_stop(sc); /* sc->slots: row is there */
                    return;
                }
                if (a->cellcls == CAREALIGN__SC_FINE_WEIGHTED &&
                    !carealign__sc_fine_wroom(row[code]) && sc->slots->fine_mcls != NULL) {
                    carealign__sc_fine_mstop(sc, a->mi);
                    return;
                }
            }
        }
        if (!cell)
            return;
    }
    if (str->tuple < 0 || sc->slots == NULL || sc->slots->fine_off ||
        (sc->slots->fine_mcls != NULL && sc->slots->fine_mcls[a->mi] == 0))
        return;
    if (a->by == NULL)
        adds_rows(a);
    if (a->by == NULL)
        return;
    const carealign__sc_units *units = &a->by[(size_t)level * a->per];
    const size_t u = (size_t)(uint32_t)(unit + 1);
    if (u < units->n && str->tuple < units->cells[u].fine_n &&
        units->cells[u].fine[str->tuple].n >= CAREALIGN__SC_FINE_MADE)
        return;
    for (int j = 0; j < a->n; j++) {
        const uint32_t code = (uint32_t)a->codes[j];
        if (code >= (uint32_t)n_row || row[code] == NULL)
            return; /* not remembered: the cell is not made */
    }
    carealign__sc_fine_make(sc, a->mi, level, unit, str->tuple);
}

/* carealign__sc_adds_add_any's path for a->cellcls. */
static carealign_status adds_cells(carealign__sc_adds *a, int32_t level, int32_t unit)
{
    const int cell = a->fast && carealign__sc_fine_class(a->r) == a->cellcls;
    carealign_status st;
    if (cell && a->cellcls == CAREALIGN__SC_FINE_WEIGHTED &&
        ++a->sc->slots->fine_wadds > carealign__sc_fine_wlimit) {
        /* every group checked (and the cells flushed) before the class's
         * adds could take a group's sums out of exact integers */
        carealign__sc_fine_check(a->sc);
        a->sc->slots->fine_wadds = 1; /* this one */
    }
    if (cell && a->by != NULL && fine_add(a, level, unit, &st))
        return st;
    fine_before(a, level, unit, cell);
    int j = 0;
    if (a->fast) {
        int32_t n_row;
        carealign_acc *const *row = adds_row(a, &n_row);
        j = adds_fast(a->r, row, n_row, a->codes, a->n);
    }
    st = j == a->n ? CAREALIGN_OK : carealign__sc_adds_rest(a, j);
    if (st == CAREALIGN_OK)
        fine_after(a, level, unit, cell);
    return st;
}

carealign_status carealign__sc_adds_add_any(carealign__sc_adds *a, const contrib *k, int32_t level,
                                            int32_t unit)
{
    if (!carealign__sc_fast_adds)
        return adds_plain(a, k, level, unit);
    carealign_scorecard *sc = a->sc;
    if (k != a->k) {
        /* another contribution of the same contents (a class's that equals
         * the system's) keeps the record in hand */
        if (!a->kv_ok || !carealign__sc_same_contrib(k, &a->kv)) {
            a->r = sc->slots != NULL ? rec_of(sc->slots, sc, a->mi, k) : NULL;
            a->kv = *k;
            a->kv_ok = sc->slots != NULL;
            a->fast = 0;
        }
        a->k = k;
    }
    if (a->by == NULL)
        adds_rows(a);
    a->level = level;
    a->unit = unit;
    if (!a->fast) /* kept while r is: only carealign__sc_adds_rest changes what it depends on */
        a->fast = adds_ready(a);
    if (a->cellcls != 0) {
        carealign_status st = adds_cells(a, level, unit);
        if (a->n == 1)
            a->fast = 0; /* so that carealign__sc_adds_add's inline path does not take the next */
        return st;
    }
    int j = 0;
    if (a->fast) {
        int32_t n_row;
        carealign_acc *const *row = adds_row(a, &n_row);
        j = adds_fast(a->r, row, n_row, a->codes, a->n);
    }
    /* the rest from a alone, so that nothing else need be kept across the adds */
    return j == a->n ? CAREALIGN_OK : carealign__sc_adds_rest(a, j);
}

static carealign_status adds_rest(carealign__sc_adds *a, int j)
{
    carealign_scorecard *sc = a->sc;
    const contrib *const k = a->k;
    const int32_t mi = a->mi, period = a->period, level = a->level, unit = a->unit;
    int32_t n_row;
    carealign_acc *const *row = adds_row(a, &n_row);
    carealign__acc_rec *const r = a->r;
    const strata *str = a->str;
    /* r is prepared for the parameters of every accumulator in the memo of
     * the measure (adds_fits): those of the row need not be read, out of the
     * state's cache line (accum_impl.h) */
    int fits = a->fast;
    for (; j < a->n; j++) {
        const int i = a->ix[j];
        const int32_t code = str->code[i];
        carealign_acc *acc = (uint32_t)code < (uint32_t)n_row ? row[code] : NULL;
        int known = fits; /* acc's parameters are r's */
        carealign_status st;
        if (acc == NULL) {
            const int32_t *v = str->v[i];
            carealign__sc_key key = {mi, level, unit, {v[0], v[1], v[2], v[3]}, period};
            st = carealign__sc_slot_add(sc, &key, code, &acc);
            if (st != CAREALIGN_OK)
                return st;
            row = carealign__sc_slot_row(sc, mi, level, unit, period, &n_row); /* may have grown */
            fits = adds_fits(a); /* the new one may differ (then acc is compared) */
            known = 0;           /* it may not be remembered */
        }
        /* carealign__acc_add_rec's common paths, inline */
        if (r != NULL && r->prepared &&
            (known || (acc->kind == r->kind && acc->scale == r->scale && acc->flags == r->flags)) &&
            carealign__acc_rec_apply(&acc->st, r))
            continue;
        st = r != NULL ? carealign__acc_add_rec_slow(acc, r) : add_plain(acc, sc, mi, k);
        if (st != CAREALIGN_OK)
            return st;
        fits = adds_fits(a); /* r may be prepared now, or for other parameters */
    }
    return CAREALIGN_OK;
}

carealign_status carealign__sc_adds_rest(carealign__sc_adds *a, int j)
{
    carealign_status st = adds_rest(a, j);
    a->fast = adds_fits(a); /* r may be prepared now, or for other parameters */
    return st;
}
