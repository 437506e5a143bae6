/* A memo in front of the result groups' hash table (scorecard.c).
 *
 * A person adds to some 500 groups (measure x level x unit x period x
 * stratum), each found by hashing the nine-field key. The memo finds them by
 * position instead: (measure, level, period) indexes an array by unit, each
 * unit's cell an array of accumulators by stratum code, a dense number per
 * stratum tuple given once per person (carealign__sc_stratum_code). A group
 * not yet in the memo is looked up (or created) by carealign__sc_group_get,
 * exactly as before, and remembered: accumulators are never moved or freed
 * before the scorecard is, so a remembered pointer stays the group's. When
 * the memo cannot grow, the lookup goes to the hash table: never a new
 * failure. */
#include <string.h>

#include "core/internal.h"
#include "scorecard/slots.h"

static uint64_t tuple_hash(const int32_t t[4])
{
    uint64_t a = ((uint64_t)(uint32_t)t[0] << 32) | (uint32_t)t[1];
    uint64_t b = ((uint64_t)(uint32_t)t[2] << 32) | (uint32_t)t[3];
    uint64_t h = a * UINT64_C(0x9E3779B97F4A7C15) ^ b * UINT64_C(0xC2B2AE3D27D4EB4F);
    return h ^ (h >> 31);
}

static carealign__sc_slots *slots_of(carealign_scorecard *sc)
{
    if (sc->slots == NULL)
        sc->slots = carealign__calloc(1, sizeof *sc->slots);
    return sc->slots;
}

static int tuples_rehash(carealign__sc_slots *s, size_t n_slots)
{
    int32_t *slots = carealign__calloc(n_slots, sizeof *slots);
    if (slots == NULL)
        return 0;
    for (size_t c = 1; c < s->n_codes; c++) {
        size_t i = (size_t)tuple_hash(s->tuples[c]) & (n_slots - 1);
        while (slots[i] != 0)
            i = (i + 1) & (n_slots - 1);
        slots[i] = (int32_t)c;
    }
    carealign__free(s->tslots);
    s->tslots = slots;
    s->n_tslots = n_slots;
    return 1;
}

int32_t carealign__sc_stratum_code(carealign_scorecard *sc, const int32_t t[4])
{
    if (t[0] == CAREALIGN_STRATUM_MARGIN && t[1] == CAREALIGN_STRATUM_MARGIN &&
        t[2] == CAREALIGN_STRATUM_MARGIN && t[3] == CAREALIGN_STRATUM_MARGIN)
        return 0;
    carealign__sc_slots *s = slots_of(sc);
    if (s == NULL)
        return -1;
    if (s->n_tslots != 0) {
        for (size_t i = (size_t)tuple_hash(t) & (s->n_tslots - 1);;
             i = (i + 1) & (s->n_tslots - 1)) {
            int32_t c = s->tslots[i];
            if (c == 0)
                break;
            if (memcmp(s->tuples[c], t, sizeof s->tuples[c]) == 0)
                return c;
        }
    }
    if (s->n_codes == 0)
        s->n_codes = 1; /* code 0: the margin */
    if (s->n_codes >= INT32_MAX / 2)
        return -1;
    if ((s->n_codes + 1) * 2 > s->n_tslots &&
        !tuples_rehash(s, s->n_tslots == 0 ? 64 : s->n_tslots * 2))
        return -1;
    if (s->n_codes + 1 > s->cap_codes) {
        size_t n = s->cap_codes < 16 ? 16 : s->cap_codes * 2;
        int32_t(*q)[4] = carealign__realloc(s->tuples, n * sizeof *q);
        if (q == NULL)
            return -1;
        s->tuples = q;
        s->cap_codes = n;
    }
    int32_t c = (int32_t)s->n_codes++;
    memcpy(s->tuples[c], t, sizeof s->tuples[c]);
    size_t i = (size_t)tuple_hash(t) & (s->n_tslots - 1);
    while (s->tslots[i] != 0)
        i = (i + 1) & (s->n_tslots - 1);
    s->tslots[i] = c;
    return c;
}

/* The memo's cell of a key; NULL when out of range or it cannot grow. */
static carealign__sc_cell *cell_of(carealign_scorecard *sc, const carealign__sc_key *key)
{
    if (key->measure < 0 || key->measure >= sc->n_measures || key->level < 0 || key->level > 3 ||
        key->period < -1 || key->period >= sc->n_periods || key->unit < -1 ||
        key->unit >= INT32_MAX - 1)
        return NULL;
    carealign__sc_slots *s = slots_of(sc);
    if (s == NULL)
        return NULL;
    const size_t per = (size_t)sc->n_periods + 1;
    if (s->by == NULL) {
        size_t n = (size_t)sc->n_measures * 4 * per;
        s->mp = carealign__calloc((size_t)sc->n_measures, sizeof *s->mp);
        if (s->mp == NULL)
            return NULL;
        s->by = carealign__calloc(n, sizeof *s->by);
        if (s->by == NULL) {
            carealign__free(s->mp);
            s->mp = NULL;
            return NULL;
        }
        s->n_by = n;
        s->per = per;
    }
    carealign__sc_units *u =
        &s->by[((size_t)key->measure * 4 + (size_t)key->level) * per + (size_t)(key->period + 1)];
    size_t k = (size_t)(key->unit + 1);
    if (k >= u->n) {
        size_t n = u->n < 8 ? 8 : u->n;
        while (n <= k)
            n *= 2;
        carealign__sc_cell *q = carealign__realloc(u->cells, n * sizeof *q);
        if (q == NULL)
            return NULL;
        memset(q + u->n, 0, (n - u->n) * sizeof *q);
        u->cells = q;
        u->n = n;
    }
    return &u->cells[k];
}

int carealign__sc_same_params = 1;

/* Measure mi's parameters with acc's, remembered in the memo. */
static void remember_params(carealign__sc_slots *s, int32_t mi, const carealign_acc *acc)
{
    carealign__sc_mparams *p = &s->mp[mi];
    if (p->state == CAREALIGN__SC_MP_NONE && carealign__sc_same_params) {
        p->kind = acc->kind;
        p->scale = acc->scale;
        p->flags = acc->flags;
        p->state = CAREALIGN__SC_MP_SAME;
    } else if (p->state != CAREALIGN__SC_MP_SAME || p->kind != acc->kind ||
               p->scale != acc->scale || p->flags != acc->flags) {
        p->state = CAREALIGN__SC_MP_MIXED;
    }
}

carealign_status carealign__sc_slot_add(carealign_scorecard *sc, const carealign__sc_key *key,
                                        int32_t code, carealign_acc **out)
{
    carealign__sc_cell *c = code >= 0 ? cell_of(sc, key) : NULL;
    if (c != NULL && code < c->n && c->acc[code] != NULL) {
        *out = c->acc[code];
        return CAREALIGN_OK;
    }
    carealign_status st = carealign__sc_group_get(sc, key, out);
    if (st != CAREALIGN_OK || c == NULL)
        return st;
    if (code >= c->n) {
        int32_t n = c->n < 4 ? 4 : c->n;
        while (n <= code && n < INT32_MAX / 2)
            n *= 2;
        if (n <= code)
            return st;
        carealign_acc **q = carealign__realloc(c->acc, (size_t)n * sizeof *q);
        if (q == NULL)
            return st; /* not remembered: found through the table next time */
        memset(q + c->n, 0, (size_t)(n - c->n) * sizeof *q);
        c->acc = q;
        c->n = n;
    }
    c->acc[code] = *out;
    if (code == 0)
        c->acc0 = *out;
    remember_params(sc->slots, key->measure, *out);
    return st;
}

void carealign__sc_slots_free(carealign_scorecard *sc)
{
    carealign__sc_slots *s = sc->slots;
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n_by; i++) {
        for (size_t k = 0; k < s->by[i].n; k++)
            carealign__free(s->by[i].cells[k].acc);
        carealign__free(s->by[i].cells);
    }
    carealign__free(s->by);
    carealign__free(s->mp);
    carealign__free(s->tuples);
    carealign__free(s->tslots);
    carealign__free(s->ft_codes);
    carealign__free(s->ft_start);
    carealign__free(s->ft_len);
    carealign__free(s->ft_slots);
    carealign__free(s->fine_dim);
    carealign__free(s->fine_mcls);
    for (size_t i = 0; i < s->n_fine; i++)
        carealign__free(s->fine[i]->raw);
    carealign__free(s->fine);
    carealign__free(s);
    sc->slots = NULL;
}
