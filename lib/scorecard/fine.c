/* Finest cells (contrib.h): a whole-period add of a (measure, level, unit)
 * to one state per distinct tuple of the person's codes of the margin and
 * of the strata of the cell's dimensions, instead of one add to each of
 * those groups; the groups derived from the cells before any read.
 *
 * Exactness. Only integer sums go to cells (GRID_SMALL values, PROPORTION
 * ones and counts, RATE pairs): their sums, n, min and max do not depend on
 * the order of the adds, so a group given its cells' states equals the
 * group given the same records one at a time. The other record kinds are
 * added directly.
 *
 * Weighted records. A weighted MEAN's or PROPORTION's record of weight 1
 * and a value 0 <= x < 2^16 grid units adds the integers 1, 1, x and x^2
 * to the group's compensated sums (w, w^2, w x, w x^2). While a sum is an
 * integer below 2^53 in magnitude, each such add is exact (the compensation
 * untouched), so the sum does not depend on the order of the adds either,
 * and a cell's integer sums added once give the same bits. A group within
 * carealign__sc_fine_wroom (each sum an integer below 2^52) cannot leave
 * that range with the at most carealign__sc_fine_wlimit (2^20) adds of the
 * class made between two checks of every group (each term below 2^32): the
 * class's adds are counted, and every group is checked when the count is
 * reached, after a merge and when the cells start; a record of another
 * weight or value is added directly (the block flushed before, its groups
 * checked after). A weighted group out of those bounds (a weight not 1
 * before, a sum near 2^52) turns its measure's cells off for good
 * (carealign__sc_fine_mstop), the other measures' kept.
 *
 * Failures. Today an add fails when a group's sum would overflow. A cell
 * takes only records too small for that: a group whose state is within
 * carealign__sc_fine_room's bounds (checked at every flush, after every
 * direct add of another record to a measure's groups, after a merge and a
 * deserialize) cannot overflow with what a block's cells hold (each cell
 * records of n below CAREALIGN__SC_FINE_LIMIT, at most 2^20 cells), so
 * neither path fails there. A group out of those bounds turns the cells off for good:
 * every add is then direct, and fails exactly where it always did.
 *
 * Groups. A tuple's cell takes adds only once its groups exist
 * (CAREALIGN__SC_FINE_MADE: the first add of each tuple at a (measure,
 * level, unit) is direct, and creates them in the usual order), so the
 * same groups are created in the same order; the strata not in the cell
 * are added directly.
 *
 * Lines. An add to a cell reads the memo's cell (which the direct strata's
 * adds read anyway: it holds the states' address and number) and the
 * tuple's state, whose n holds the MADE bit: no block header and no
 * separate array of flags. The block header (the class, the key, the
 * allocation) is in the line before the first state. */
#include <string.h>

#include "core/internal.h"
#include "scorecard/contrib.h"
#include "scorecard/slots.h"

/* The cell's dimensions: the framework's strata whose groups it declares
 * (age bands, a deprivation grouping), sex (a few values) and those crossed
 * with one of them, in declared order while the product of their sizes (an undeclared one
 * counted as 4) stays within FINE_CELLS; the others (ethnicity: the
 * data's categories) are added directly. */
#define FINE_CELLS 256

/* the block header in the line before the states, each state one line */
_Static_assert(sizeof(carealign__sc_fine) <= sizeof(carealign__sc_fstate), "fine header");
_Static_assert(sizeof(carealign__sc_fstate) == 64, "fine state");

static int32_t dim_size(const carealign_scorecard *sc, int32_t i)
{
    return sc->stratum_groups[i] > 0 ? sc->stratum_groups[i] : 4;
}

static int fine_dims(carealign_scorecard *sc, carealign__sc_slots *s)
{
    size_t ns = sc->n_strata > 0 ? (size_t)sc->n_strata : 1;
    uint8_t *mcls = carealign__calloc(sc->n_measures > 0 ? (size_t)sc->n_measures : 1, 1);
    s->fine_dim = carealign__calloc(ns, 1);
    if (s->fine_dim == NULL || mcls == NULL) {
        carealign__free(mcls);
        carealign__free(s->fine_dim);
        s->fine_dim = NULL;
        return 0;
    }
    int64_t cells = 1;
    for (int32_t i = 0; i < sc->n_strata; i++) {
        int k = sc->stratum_kind[i];
        int declared = ((k == CAREALIGN_STRATUM_AGE || k == CAREALIGN_STRATUM_DEPRIVATION) &&
                        sc->stratum_groups[i] > 0) ||
                       (k == CAREALIGN_STRATUM_SEX && carealign__sc_fine_sex);
        for (int32_t c = 0; c < sc->n_crosses && !declared; c++) {
            int32_t o = sc->cross_a[c] == i   ? sc->cross_b[c]
                        : sc->cross_b[c] == i ? sc->cross_a[c]
                                              : -1;
            declared = o >= 0 && o != i &&
                       (sc->stratum_kind[o] == CAREALIGN_STRATUM_AGE ||
                        sc->stratum_kind[o] == CAREALIGN_STRATUM_DEPRIVATION) &&
                       sc->stratum_groups[o] > 0;
        }
        if (declared && cells * dim_size(sc, i) <= FINE_CELLS) {
            cells *= dim_size(sc, i);
            s->fine_dim[i] = 1;
        }
    }
    for (int32_t mi = 0; mi < sc->n_measures; mi++)
        mcls[mi] = (uint8_t)carealign__sc_fine_class_slow(sc, mi);
    s->fine_mcls = mcls;
    s->fine_ready = 1;
    /* groups made before (a deserialized or merged partial) within the bounds */
    for (size_t g = 0; g < sc->n_groups && !s->fine_off; g++) {
        const carealign__sc_group *gr = &sc->groups[g];
        if (!carealign__sc_fine_room(gr->acc))
            s->fine_off = 1;
        else if (gr->key.period == -1 && !carealign__sc_fine_wroom(gr->acc))
            s->fine_mcls[gr->key.measure] = 0; /* no block yet */
    }
    return 1;
}

static int in_cell(const carealign__sc_slots *s, const int32_t v[4])
{
    if (v[0] == CAREALIGN_STRATUM_MARGIN)
        return 1;
    return s->fine_dim[v[0]] && (v[2] == CAREALIGN_STRATUM_MARGIN || s->fine_dim[v[2]]);
}

static uint64_t codes_hash(const int32_t *c, int n)
{
    uint64_t h = UINT64_C(0x9E3779B97F4A7C15) ^ (uint64_t)n;
    for (int i = 0; i < n; i++)
        h = (h ^ (uint32_t)c[i]) * UINT64_C(0xff51afd7ed558ccd);
    return h ^ (h >> 29);
}

static int ft_rehash(carealign__sc_slots *s, size_t n_slots)
{
    int32_t *slots = carealign__calloc(n_slots, sizeof *slots);
    if (slots == NULL)
        return 0;
    for (size_t t = 0; t < s->n_ft; t++) {
        size_t i = (size_t)codes_hash(s->ft_codes + s->ft_start[t], s->ft_len[t]) & (n_slots - 1);
        while (slots[i] != 0)
            i = (i + 1) & (n_slots - 1);
        slots[i] = (int32_t)t + 1;
    }
    carealign__free(s->ft_slots);
    s->ft_slots = slots;
    s->n_ft_slots = n_slots;
    return 1;
}

/* The tuple of codes c[0 .. n - 1]; -1 when the table cannot grow. */
static int32_t ft_intern(carealign__sc_slots *s, const int32_t *c, int n)
{
    const uint64_t h = codes_hash(c, n);
    if (s->n_ft_slots != 0)
        for (size_t i = (size_t)h & (s->n_ft_slots - 1);; i = (i + 1) & (s->n_ft_slots - 1)) {
            int32_t v = s->ft_slots[i];
            if (v == 0)
                break;
            if (s->ft_len[v - 1] == n &&
                memcmp(s->ft_codes + s->ft_start[v - 1], c, (size_t)n * sizeof *c) == 0)
                return v - 1;
        }
    if (s->n_ft >= (1u << 20))
        return -1;
    if ((s->n_ft + 1) * 2 > s->n_ft_slots &&
        !ft_rehash(s, s->n_ft_slots == 0 ? 64 : s->n_ft_slots * 2))
        return -1;
    if (carealign__sc_grow((void **)&s->ft_codes, &s->cap_ft_codes, s->n_ft_codes + (size_t)n,
                           sizeof *s->ft_codes) != CAREALIGN_OK)
        return -1;
    if (s->n_ft + 1 > s->cap_ft) {
        size_t cap = s->cap_ft < 16 ? 16 : s->cap_ft * 2;
        int32_t *a = carealign__realloc(s->ft_start, cap * sizeof *a);
        if (a == NULL)
            return -1;
        s->ft_start = a;
        int32_t *b = carealign__realloc(s->ft_len, cap * sizeof *b);
        if (b == NULL)
            return -1;
        s->ft_len = b;
        s->cap_ft = cap;
    }
    const int32_t t = (int32_t)s->n_ft++;
    s->ft_start[t] = (int32_t)s->n_ft_codes;
    s->ft_len[t] = n;
    memcpy(s->ft_codes + s->n_ft_codes, c, (size_t)n * sizeof *c);
    s->n_ft_codes += (size_t)n;
    size_t i = (size_t)h & (s->n_ft_slots - 1);
    while (s->ft_slots[i] != 0)
        i = (i + 1) & (s->n_ft_slots - 1);
    s->ft_slots[i] = t + 1;
    return t;
}

void carealign__sc_fine_person(carealign_scorecard *sc, strata *str)
{
    str->tuple = -1;
    str->nd = 0;
    carealign__sc_slots *s = sc->slots;
    if (s == NULL || s->fine_off || !carealign__sc_fine_cells)
        return;
    if (!s->fine_ready && !fine_dims(sc, s))
        return;
    int32_t codes[MAX_STRATA];
    int nc = 0;
    for (int i = 0; i < str->n; i++) {
        if (str->code[i] < 0)
            return;
        if (in_cell(s, str->v[i]))
            codes[nc++] = str->code[i];
        else {
            str->dix[str->nd] = i;
            str->dcode[str->nd++] = str->code[i];
        }
    }
    str->tuple = ft_intern(s, codes, nc);
}

int carealign__sc_fine_cells = 1;

int carealign__sc_fine_sex = 1;

uint64_t carealign__sc_fine_limit = CAREALIGN__SC_FINE_LIMIT;

uint64_t carealign__sc_fine_wlimit = UINT64_C(1) << 20;

int carealign__sc_fine_class_slow(const carealign_scorecard *sc, int32_t mi)
{
    const carealign__sc_measure *m = &sc->measures[mi];
    const carealign__sc_slots *s = sc->slots;
    if (s == NULL || s->fine_off || !carealign__sc_fine_cells || m->fft || m->pop_denominator)
        return 0;
    if (m->mflags & CAREALIGN_MEASURE_WEIGHTED)
        return m->acc_kind == CAREALIGN_ACC_MEAN || m->acc_kind == CAREALIGN_ACC_PROPORTION
                   ? CAREALIGN__SC_FINE_WEIGHTED
                   : 0;
    /* a prepared record of another class (carealign__sc_fine_class) is
     * never of these kinds' (accum/fast.c, rec_how) */
    switch (m->acc_kind) {
    case CAREALIGN_ACC_MEAN: return CAREALIGN__SC_FINE_GRID;
    case CAREALIGN_ACC_PROPORTION: return CAREALIGN__SC_FINE_COUNT;
    case CAREALIGN_ACC_RATE: return CAREALIGN__SC_FINE_RATE;
    default: return 0;
    }
}

/* The records c holds (its n without the MADE bit). */
static uint64_t held(const carealign__sc_fstate *c)
{
    return c->n & ~CAREALIGN__SC_FINE_MADE;
}

/* The min and max of s given those of a cell's records (c), as the
 * records' adds one at a time set them. */
static void merge_range(carealign__acc_state *s, const carealign__sc_fstate *c)
{
    if (s->n == 0 || c->min < s->min)
        s->min = c->min;
    if (s->n == 0 || c->max > s->max)
        s->max = c->max;
}

/* acc given a cell's state c of class cls, as its records one at a time.
 * The bounds (carealign__sc_fine_room, carealign__sc_fine_wroom) leave no
 * overflow, and the weighted sums exact: each is one add of an integer
 * below 2^53 (the cell's sums, bounded by carealign__sc_fine_wlimit), as
 * the records' adds of integers were, the compensation untouched either
 * way. */
static void merge_state(carealign_acc *acc, int cls, const carealign__sc_fstate *c)
{
    carealign__acc_state *s = &acc->st;
    switch (cls) {
    case CAREALIGN__SC_FINE_WEIGHTED: {
        const double n = (double)held(c); /* sum w and sum w^2: 1 each */
        s->w = carealign__nsum_add(s->w, n);
        s->w2 = carealign__nsum_add(s->w2, n);
        s->wx = carealign__nsum_add(s->wx, (double)c->s1.lo);
        if (acc->kind != CAREALIGN_ACC_PROPORTION) /* its w x^2 untouched */
            s->wxx = carealign__nsum_add(s->wxx, (double)c->s2.lo);
        s->successes += c->successes;
        merge_range(s, c);
        s->n += held(c);
        break;
    }
    case CAREALIGN__SC_FINE_GRID:
        (void)carealign__i128_add(&s->sum, s->sum, c->s1);
        (void)carealign__u128_add(&s->sumsq, s->sumsq, c->s2);
        merge_range(s, c);
        s->n += held(c);
        break;
    case CAREALIGN__SC_FINE_COUNT:
        s->n += held(c);
        s->successes += c->successes;
        break;
    case CAREALIGN__SC_FINE_RATE:
        (void)carealign__u128_add(&s->events, s->events, c->s1);
        (void)carealign__u128_add(&s->exposure, s->exposure, c->s2);
        s->n += held(c);
        break;
    default: break;
    }
}

/* A made cell holding nothing. */
static void state_clear(carealign__sc_fstate *c)
{
    memset(c, 0, sizeof *c);
    c->n = CAREALIGN__SC_FINE_MADE;
    c->min = INT64_MAX;
    c->max = INT64_MIN;
}

/* Bounds: 2^62 for the 64-bit counts, 2^125 (signed) and 2^126 for the
 * 128-bit sums. A block's at most 2^20 cells each hold records of n below
 * 2^40 (CAREALIGN__SC_FINE_LIMIT; successes at most n), of sums below
 * 2^64 each: a flush adds less than 2^61 to a count and 2^124 to a sum,
 * far from overflow. */
#define ROOM64 (UINT64_C(1) << 62)

int carealign__sc_fine_room(const carealign_acc *acc)
{
    const carealign__acc_state *s = &acc->st;
    const int64_t hi = (int64_t)s->sum.hi;
    return s->n < ROOM64 && s->successes < ROOM64 && hi < (INT64_C(1) << 61) &&
           hi >= -(INT64_C(1) << 61) && s->sumsq.hi < ROOM64 && s->events.hi < ROOM64 &&
           s->exposure.hi < ROOM64;
}

/* 2^52: a weighted sum's room (carealign__sc_fine_wroom). */
#define WROOM 4503599627370496.0

/* Is a's value s an integer of magnitude below 2^52? */
static int wroom_sum(carealign__nsum a)
{
    return a.s > -WROOM && a.s < WROOM && (double)(int64_t)a.s == a.s;
}

int carealign__sc_fine_wroom(const carealign_acc *acc)
{
    if (!(acc->flags & CAREALIGN_ACC_WEIGHTED))
        return 1;
    const carealign__acc_state *s = &acc->st;
    return wroom_sum(s->w) && wroom_sum(s->w2) && wroom_sum(s->wx) && wroom_sum(s->wxx);
}

/* Block f's states (carealign__sc_fine_of's inverse). */
static carealign__sc_fstate *states(carealign__sc_fine *f)
{
    return (carealign__sc_fstate *)(void *)f + 1;
}

/* The memo's cell of block f. */
static carealign__sc_cell *block_cell(const carealign__sc_slots *s, const carealign__sc_fine *f)
{
    carealign__sc_units *units = &s->by[((size_t)f->mi * 4 + (size_t)f->level) * s->per];
    return &units->cells[(size_t)(uint32_t)(f->unit + 1)];
}

/* Adds f's cells to their groups: 0 when a group is then out of the
 * bounds (carealign__sc_fine_room). A weighted group out of
 * carealign__sc_fine_wroom's turns its measure's cells off. */
static int flush_block(carealign_scorecard *sc, carealign__sc_fine *f)
{
    carealign__sc_slots *s = sc->slots;
    carealign__sc_fstate *st = states(f);
    int32_t n_row = 0;
    carealign_acc *const *row = NULL;
    int room = 1, wroom = 1;
    for (int32_t t = 0; t < f->n; t++) {
        carealign__sc_fstate *c = &st[t];
        if (held(c) == 0)
            continue;
        if (row == NULL)
            row = carealign__sc_slot_row(sc, f->mi, f->level, f->unit, -1, &n_row);
        const int32_t *codes = s->ft_codes + s->ft_start[t];
        for (int32_t k = 0; k < s->ft_len[t]; k++) {
            carealign_acc *acc = row[codes[k]]; /* made: every one there */
            merge_state(acc, f->cls, c);
            room &= carealign__sc_fine_room(acc);
            if (f->cls == CAREALIGN__SC_FINE_WEIGHTED)
                wroom &= carealign__sc_fine_wroom(acc);
        }
        state_clear(c);
    }
    if (!wroom)
        carealign__sc_fine_mstop(sc, f->mi);
    return room;
}

void carealign__sc_fine_stop(carealign_scorecard *sc)
{
    carealign__sc_slots *s = sc->slots;
    s->fine_off = 1;
    for (size_t i = 0; i < s->n_fine; i++) {
        (void)flush_block(sc, s->fine[i]);
        block_cell(s, s->fine[i])->fine_n = 0; /* no add reaches the cells again */
    }
    s->fine_held = 0;
}

void carealign__sc_fine_mstop(carealign_scorecard *sc, int32_t mi)
{
    carealign__sc_slots *s = sc->slots;
    if (s->fine_mcls[mi] == 0)
        return; /* also while its blocks are flushed below */
    s->fine_mcls[mi] = 0;
    int room = 1;
    for (size_t i = 0; i < s->n_fine; i++)
        if (s->fine[i]->mi == mi) {
            room &= flush_block(sc, s->fine[i]);
            block_cell(s, s->fine[i])->fine_n = 0; /* no add reaches the cells again */
        }
    if (!room && !s->fine_off)
        carealign__sc_fine_stop(sc);
}

void carealign__sc_fine_flush(carealign_scorecard *sc, carealign__sc_fstate *st)
{
    if (!flush_block(sc, carealign__sc_fine_of(st)))
        carealign__sc_fine_stop(sc);
}

void carealign__sc_fine_flush_all(carealign_scorecard *sc)
{
    carealign__sc_slots *s = sc->slots;
    if (s == NULL || !s->fine_held)
        return;
    int room = 1;
    for (size_t i = 0; i < s->n_fine; i++)
        room &= flush_block(sc, s->fine[i]);
    s->fine_held = 0;
    if (!room && !s->fine_off)
        carealign__sc_fine_stop(sc);
}

void carealign__sc_fine_check(carealign_scorecard *sc)
{
    carealign__sc_slots *s = sc->slots;
    if (s == NULL || s->fine_off)
        return;
    for (size_t g = 0; g < sc->n_groups; g++) {
        const carealign__sc_group *gr = &sc->groups[g];
        if (!carealign__sc_fine_room(gr->acc)) {
            carealign__sc_fine_stop(sc);
            return;
        }
        if (s->fine_mcls != NULL && gr->key.period == -1 && s->fine_mcls[gr->key.measure] != 0 &&
            !carealign__sc_fine_wroom(gr->acc))
            carealign__sc_fine_mstop(sc, gr->key.measure);
    }
    carealign__sc_fine_flush_all(sc);
    s->fine_wadds = 0; /* every group within the bounds */
}

/* The block of (mi, level, unit) at the whole period with a state for
 * tuple t, made or grown (the memo's cell set); NULL when it cannot be. */
static carealign__sc_fine *fine_block(carealign_scorecard *sc, int32_t mi, int32_t level,
                                      int32_t unit, int32_t t)
{
    carealign__sc_slots *s = sc->slots;
    carealign__sc_units *units = &s->by[((size_t)mi * 4 + (size_t)level) * s->per];
    carealign__sc_cell *cell = &units->cells[(size_t)(uint32_t)(unit + 1)];
    carealign__sc_fine *f = cell->fine != NULL ? carealign__sc_fine_of(cell->fine) : NULL;
    if (f != NULL && t < f->n)
        return f;
    int32_t n = f == NULL || f->n < 8 ? 8 : f->n;
    while (n <= t)
        n *= 2;
    if (f == NULL && carealign__sc_grow((void **)&s->fine, &s->cap_fine, s->n_fine + 1,
                                        sizeof *s->fine) != CAREALIGN_OK)
        return NULL;
    /* the header in the line before the states, the states 64-byte aligned */
    void *raw = carealign__calloc((size_t)n + 2, sizeof(carealign__sc_fstate));
    if (raw == NULL)
        return NULL;
    carealign__sc_fine *g = (carealign__sc_fine *)(void *)(((uintptr_t)raw + 63) & ~(uintptr_t)63);
    carealign__sc_fstate *st = states(g);
    if (f != NULL) {
        *g = *f;
        memcpy(st, states(f), (size_t)f->n * sizeof *st);
        carealign__free(f->raw);
    } else {
        g->cls = carealign__sc_fine_class_of(sc, mi);
        g->mi = mi;
        g->level = level;
        g->unit = unit;
        g->index = (int32_t)s->n_fine++;
    }
    g->raw = raw;
    g->n = n;
    s->fine[g->index] = g;
    cell->fine = st;
    cell->fine_n = n;
    return g;
}

void carealign__sc_fine_make(carealign_scorecard *sc, int32_t mi, int32_t level, int32_t unit,
                             int32_t t)
{
    carealign__sc_fine *f = fine_block(sc, mi, level, unit, t);
    if (f != NULL)
        state_clear(states(f) + t);
}

/* The code of stratum tuple t[4] in the memo, -1 when it has none. */
static int32_t code_of(const carealign__sc_slots *s, const int32_t t[4])
{
    if (t[0] == CAREALIGN_STRATUM_MARGIN && t[1] == CAREALIGN_STRATUM_MARGIN &&
        t[2] == CAREALIGN_STRATUM_MARGIN && t[3] == CAREALIGN_STRATUM_MARGIN)
        return 0;
    for (size_t c = 1; c < s->n_codes; c++)
        if (memcmp(s->tuples[c], t, sizeof s->tuples[c]) == 0)
            return (int32_t)c;
    return -1;
}

const carealign_acc *carealign__sc_fine_view(const carealign_scorecard *sc, size_t g,
                                             carealign_acc *tmp)
{
    const carealign__sc_group *gr = &sc->groups[g];
    const carealign__sc_slots *s = sc->slots;
    const carealign__sc_key *k = &gr->key;
    if (s == NULL || !s->fine_held || k->period != -1 || s->by == NULL || k->measure < 0 ||
        k->measure >= sc->n_measures || (uint32_t)k->level > 3)
        return gr->acc;
    const carealign__sc_units *units = &s->by[((size_t)k->measure * 4 + (size_t)k->level) * s->per];
    const size_t u = (size_t)(uint32_t)(k->unit + 1);
    if (u >= units->n || units->cells[u].fine == NULL)
        return gr->acc;
    const carealign__sc_fstate *st = units->cells[u].fine;
    const carealign__sc_fine *f = (const carealign__sc_fine *)(const void *)(st - 1);
    const int32_t code = code_of(s, k->stratum);
    if (code < 0)
        return gr->acc;
    *tmp = *gr->acc;
    for (int32_t t = 0; t < f->n; t++) {
        if (held(&st[t]) == 0)
            continue;
        const int32_t *codes = s->ft_codes + s->ft_start[t];
        for (int32_t i = 0; i < s->ft_len[t]; i++)
            if (codes[i] == code)
                merge_state(tmp, f->cls, &st[t]);
    }
    return tmp;
}
