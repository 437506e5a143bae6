/* Finest cells (contrib.h): a whole-period add of a (measure, level, unit)
 * to one state per distinct tuple of the person's codes of the margin and
 * of the strata of the cell's dimensions, instead of one add to each of
 * those groups; the groups derived from the cells before any read.
 *
 * Exactness. Only integer sums go to cells (GRID_SMALL values, PROPORTION
 * ones and counts, RATE pairs): their sums, n, min and max do not depend on
 * the order of the adds, so a group given its cells' states equals the
 * group given the same records one at a time. The weighted kinds
 * (compensated sums) and the other record kinds are added directly.
 *
 * Failures. Today an add fails when a group's sum would overflow. A cell
 * takes only records too small for that: a group whose state is within
 * carealign__sc_fine_room's bounds (checked at every flush, after every
 * direct add of another record to a measure's groups, after a merge and a
 * deserialize) cannot overflow with the at most
 * CAREALIGN__SC_FINE_MAX_PENDING records a block holds, so neither path
 * fails there. A group out of those bounds turns the cells off for good:
 * every add is then direct, and fails exactly where it always did.
 *
 * Groups. A tuple's cell takes adds only once its groups exist (`made`:
 * the first add of each tuple at a (measure, level, unit) is direct, and
 * creates them in the usual order), so the same groups are created in the
 * same order; the strata not in the cell are added directly. */
#include <string.h>

#include "core/internal.h"
#include "scorecard/contrib.h"
#include "scorecard/slots.h"

/* The cell's dimensions: the framework's strata whose groups it declares
 * (age bands, a deprivation grouping) and those crossed with one of them,
 * in declared order while the product of their sizes (an undeclared one
 * counted as 4) stays within FINE_CELLS; the others (ethnicity: the
 * data's categories) are added directly. */
#define FINE_CELLS 256

static int32_t dim_size(const carealign_scorecard *sc, int32_t i)
{
    return sc->stratum_groups[i] > 0 ? sc->stratum_groups[i] : 4;
}

static int fine_dims(carealign_scorecard *sc, carealign__sc_slots *s)
{
    size_t ns = sc->n_strata > 0 ? (size_t)sc->n_strata : 1;
    s->fine_dim = carealign__calloc(ns, 1);
    if (s->fine_dim == NULL)
        return 0;
    int64_t cells = 1;
    for (int32_t i = 0; i < sc->n_strata; i++) {
        int k = sc->stratum_kind[i];
        int declared = (k == CAREALIGN_STRATUM_AGE || k == CAREALIGN_STRATUM_DEPRIVATION) &&
                       sc->stratum_groups[i] > 0;
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
    s->fine_ready = 1;
    /* groups made before (a deserialized or merged partial) within the bounds */
    for (size_t g = 0; g < sc->n_groups && !s->fine_off; g++)
        if (!carealign__sc_fine_room(sc->groups[g].acc))
            s->fine_off = 1;
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

int carealign__sc_fine_eligible(const carealign_scorecard *sc, int32_t mi)
{
    const carealign__sc_measure *m = &sc->measures[mi];
    const carealign__sc_slots *s = sc->slots;
    return s != NULL && !s->fine_off && carealign__sc_fine_cells &&
           !(m->mflags & CAREALIGN_MEASURE_WEIGHTED) && !m->fft && !m->pop_denominator &&
           (m->acc_kind == CAREALIGN_ACC_MEAN || m->acc_kind == CAREALIGN_ACC_PROPORTION ||
            m->acc_kind == CAREALIGN_ACC_RATE);
}

/* s given a cell's state c of class cls, as its records one at a time. The
 * bounds (carealign__sc_fine_room) leave no overflow. */
static void merge_state(carealign__acc_state *s, int cls, const carealign__sc_fstate *c)
{
    switch (cls) {
    case CAREALIGN__SC_FINE_GRID:
        (void)carealign__i128_add(&s->sum, s->sum, c->s1);
        (void)carealign__u128_add(&s->sumsq, s->sumsq, c->s2);
        if (s->n == 0 || c->min < s->min)
            s->min = c->min;
        if (s->n == 0 || c->max > s->max)
            s->max = c->max;
        s->n += c->n;
        break;
    case CAREALIGN__SC_FINE_COUNT:
        s->n += c->n;
        s->successes += c->successes;
        break;
    case CAREALIGN__SC_FINE_RATE:
        (void)carealign__u128_add(&s->events, s->events, c->s1);
        (void)carealign__u128_add(&s->exposure, s->exposure, c->s2);
        s->n += c->n;
        break;
    default: break;
    }
}

/* Bounds: 2^62 for the 64-bit counts, 2^125 (signed) and 2^126 for the
 * 128-bit sums. A block holds at most 2^31 records, each of n at most 2^20
 * and of sums below 2^64: at most 2^51 and 2^95 more, far from overflow. */
#define ROOM64 (UINT64_C(1) << 62)

int carealign__sc_fine_room(const carealign_acc *acc)
{
    const carealign__acc_state *s = &acc->st;
    const int64_t hi = (int64_t)s->sum.hi;
    return s->n < ROOM64 && s->successes < ROOM64 && hi < (INT64_C(1) << 61) &&
           hi >= -(INT64_C(1) << 61) && s->sumsq.hi < ROOM64 && s->events.hi < ROOM64 &&
           s->exposure.hi < ROOM64;
}

void carealign__sc_fine_flush(carealign_scorecard *sc, carealign__sc_fine *f)
{
    carealign__sc_slots *s = sc->slots;
    if (f->pending == 0)
        return;
    int32_t n_row = 0;
    carealign_acc *const *row = carealign__sc_slot_row(sc, f->mi, f->level, f->unit, -1, &n_row);
    int room = 1;
    for (int32_t t = 0; t < f->n; t++) {
        carealign__sc_fstate *c = &f->st[t];
        if (c->n == 0)
            continue;
        const int32_t *codes = s->ft_codes + s->ft_start[t];
        for (int32_t k = 0; k < s->ft_len[t]; k++) {
            carealign_acc *acc = row[codes[k]]; /* made: every one there */
            merge_state(&acc->st, f->cls, c);
            room &= carealign__sc_fine_room(acc);
        }
        memset(c, 0, sizeof *c);
    }
    f->pending = 0;
    f->cls = 0;
    if (!room)
        s->fine_off = 1; /* the caller flushes the rest */
}

void carealign__sc_fine_flush_all(carealign_scorecard *sc)
{
    carealign__sc_slots *s = sc->slots;
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n_dirty; i++) {
        carealign__sc_fine_flush(sc, s->dirty[i]);
        s->dirty[i]->listed = 0;
    }
    s->n_dirty = 0;
}

void carealign__sc_fine_check(carealign_scorecard *sc)
{
    carealign__sc_slots *s = sc->slots;
    if (s == NULL || s->fine_off)
        return;
    for (size_t g = 0; g < sc->n_groups; g++)
        if (!carealign__sc_fine_room(sc->groups[g].acc)) {
            s->fine_off = 1;
            break;
        }
    carealign__sc_fine_flush_all(sc);
}

int carealign__sc_fine_list(carealign_scorecard *sc, carealign__sc_fine *f)
{
    carealign__sc_slots *s = sc->slots;
    if (f->listed)
        return 1;
    if (carealign__sc_grow((void **)&s->dirty, &s->cap_dirty, s->n_dirty + 1, sizeof *s->dirty) !=
        CAREALIGN_OK)
        return 0;
    s->dirty[s->n_dirty++] = f;
    f->listed = 1;
    return 1;
}

carealign__sc_fine *carealign__sc_fine_block(carealign_scorecard *sc, int32_t mi, int32_t level,
                                             int32_t unit, int32_t t)
{
    carealign__sc_slots *s = sc->slots;
    if (s == NULL || s->by == NULL || t < 0 || (uint32_t)level > 3 || mi < 0 ||
        mi >= sc->n_measures)
        return NULL;
    carealign__sc_units *units = &s->by[((size_t)mi * 4 + (size_t)level) * s->per];
    const size_t u = (size_t)(uint32_t)(unit + 1);
    if (u >= units->n)
        return NULL;
    carealign__sc_fine *f = units->cells[u].fine;
    if (f == NULL) {
        f = carealign__calloc(1, sizeof *f);
        if (f == NULL)
            return NULL;
        f->mi = mi;
        f->level = level;
        f->unit = unit;
        units->cells[u].fine = f;
    }
    if (t >= f->n) {
        int32_t n = f->n < 8 ? 8 : f->n;
        while (n <= t)
            n *= 2;
        uint8_t *made = carealign__realloc(f->made, (size_t)n);
        if (made == NULL)
            return NULL;
        memset(made + f->n, 0, (size_t)(n - f->n));
        f->made = made;
        void *raw = carealign__calloc((size_t)n + 1, sizeof(carealign__sc_fstate));
        if (raw == NULL)
            return NULL;
        uintptr_t a = ((uintptr_t)raw + 63) & ~(uintptr_t)63;
        carealign__sc_fstate *st = (carealign__sc_fstate *)(void *)a;
        if (f->n > 0)
            memcpy(st, f->st, (size_t)f->n * sizeof *st);
        carealign__free(f->raw);
        f->raw = raw;
        f->st = st;
        f->n = n;
    }
    return f;
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
    if (s == NULL || s->n_dirty == 0 || k->period != -1 || s->by == NULL || k->measure < 0 ||
        k->measure >= sc->n_measures || (uint32_t)k->level > 3)
        return gr->acc;
    const carealign__sc_units *units = &s->by[((size_t)k->measure * 4 + (size_t)k->level) * s->per];
    const size_t u = (size_t)(uint32_t)(k->unit + 1);
    if (u >= units->n || units->cells[u].fine == NULL || units->cells[u].fine->pending == 0)
        return gr->acc;
    const carealign__sc_fine *f = units->cells[u].fine;
    const int32_t code = code_of(s, k->stratum);
    if (code < 0)
        return gr->acc;
    *tmp = *gr->acc;
    for (int32_t t = 0; t < f->n; t++) {
        if (f->st[t].n == 0)
            continue;
        const int32_t *codes = s->ft_codes + s->ft_start[t];
        for (int32_t i = 0; i < s->ft_len[t]; i++)
            if (codes[i] == code)
                merge_state(&tmp->st, f->cls, &f->st[t]);
    }
    return tmp;
}
