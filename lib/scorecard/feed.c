/* Feeds: organisations, populations, people, responses, FFT counts and
 * contacts, as records or columns. A feed never stops at a bad row: each row
 * is accepted or rejected with a reason, and used + rejected = read. */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "scorecard/internal.h"

int32_t carealign__sc_age(const carealign_person *p, int32_t day)
{
    if ((p->has & CAREALIGN_PERSON_HAS_BIRTH) == 0)
        return -1;
    int32_t birth = 0, age = 0;
    if (carealign_date_from_ymd(p->birth_year, p->birth_month, 1, &birth) != CAREALIGN_OK ||
        day < birth || carealign_age_years(birth, day, &age) != CAREALIGN_OK)
        return -1;
    return age;
}

/* ---- people index ------------------------------------------------------- */

static size_t pslot_of(int32_t id, size_t mask)
{
    uint64_t h = (uint64_t)(uint32_t)id * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 17) & mask;
}

static int32_t person_find(const carealign_scorecard *sc, int32_t id)
{
    if (sc->n_pslots == 0)
        return -1;
    size_t mask = sc->n_pslots - 1;
    for (size_t i = pslot_of(id, mask);; i = (i + 1) & mask) {
        int32_t v = sc->pslots[i];
        if (v == 0)
            return -1;
        if (sc->people[v - 1].rec.person == id)
            return v - 1;
    }
}

static void pslots_insert(int32_t *slots, size_t n_slots, int32_t id, int32_t value)
{
    size_t mask = n_slots - 1;
    size_t i = pslot_of(id, mask);
    while (slots[i] != 0)
        i = (i + 1) & mask;
    slots[i] = value;
}

static carealign_status pslots_rebuild(carealign_scorecard *sc, size_t n_slots)
{
    int32_t *slots = carealign__calloc(n_slots, sizeof *slots);
    if (slots == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
    for (size_t k = 0; k < sc->n_people; k++)
        pslots_insert(slots, n_slots, sc->people[k].rec.person, (int32_t)(k + 1));
    carealign__free(sc->pslots);
    sc->pslots = slots;
    sc->n_pslots = n_slots;
    return CAREALIGN_OK;
}

static int bit_get(const uint8_t *bits, size_t nbytes, int32_t id)
{
    size_t b = (size_t)id / 8;
    return b < nbytes && (bits[b] >> (id % 8)) & 1;
}

static carealign_status bit_set(uint8_t **bits, size_t *nbytes, int32_t id)
{
    size_t b = (size_t)id / 8;
    if (b >= *nbytes) {
        size_t n = *nbytes < 64 ? 64 : *nbytes;
        while (n <= b)
            n *= 2;
        uint8_t *q = carealign__realloc(*bits, n);
        if (q == NULL)
            return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
        memset(q + *nbytes, 0, n - *nbytes);
        *bits = q;
        *nbytes = n;
    }
    (*bits)[b] = (uint8_t)((*bits)[b] | (1u << (id % 8)));
    return CAREALIGN_OK;
}

int carealign__sc_person_closed(const carealign_scorecard *sc, int32_t id)
{
    return bit_get(sc->closed, sc->closed_bytes, id);
}

void carealign__sc_people_reindex(carealign_scorecard *sc)
{
    memset(sc->pslots, 0, sc->n_pslots * sizeof *sc->pslots);
    for (size_t i = 0; i < sc->n_people; i++)
        pslots_insert(sc->pslots, sc->n_pslots, sc->people[i].rec.person, (int32_t)(i + 1));
}

/* Remove open person k (swap with the last) and rebuild its slots. */
carealign_status carealign__sc_person_remove(carealign_scorecard *sc, int32_t k)
{
    sc->people[k] = sc->people[sc->n_people - 1];
    sc->n_people--;
    /* Backward-shift would be faster; a rebuild at this size is O(open people),
     * which is one person in grouped mode. */
    carealign__sc_people_reindex(sc);
    return CAREALIGN_OK;
}

int32_t carealign__sc_person_find(const carealign_scorecard *sc, int32_t id)
{
    return person_find(sc, id);
}

/* Is the person outside the population base? Area (residents) or practice
 * (registered) known and not among the base's codes. */
static int outside_base(const carealign_scorecard *sc, const carealign_person *p)
{
    int32_t dict, idx;
    if (sc->base_kind == CAREALIGN_BASE_REGISTERED) {
        if ((p->has & CAREALIGN_PERSON_HAS_PRACTICE) == 0)
            return 0;
        dict = CAREALIGN_DICT_PRACTICE;
        idx = p->practice;
    } else {
        if ((p->has & CAREALIGN_PERSON_HAS_AREA) == 0)
            return 0;
        dict = CAREALIGN_DICT_AREA;
        idx = p->area;
    }
    const carealign__sc_dict *d = &sc->dicts[dict];
    if (idx < 0 || (size_t)idx >= d->n)
        return 0;
    for (int32_t i = 0;; i++) {
        const char *code = NULL;
        size_t len = 0;
        if (carealign_framework_get_population_code(sc->fw, i, &code, &len) != CAREALIGN_OK)
            break;
        if (len == d->len[idx] && memcmp(code, d->bytes + d->start[idx], len) == 0)
            return 0;
    }
    return 1;
}

/* ---- common row bookkeeping -------------------------------------------- */

typedef struct feed_state {
    carealign_feed_counts *counts;
    int32_t *row_reason;
    size_t rejected;
    /* The person of the last record found open (-1: none) and its excluded
     * value: records usually come grouped by person, and no record feed
     * opens, closes or excludes people, so the next row of the same person
     * needs no lookup (record_person). */
    int32_t last_person;
    uint32_t last_excluded;
} feed_state;

/* A feed's bookkeeping for `counts`, with reasons written to row_reason
 * (NULL: none). */
static feed_state feed_state_of(carealign_feed_counts *counts, int32_t *row_reason)
{
    feed_state f = {counts, row_reason, 0, -1, 0};
    return f;
}

static void row_done(feed_state *f, size_t i, int32_t reason, uint32_t excluded)
{
    f->counts->read++;
    if (reason != 0) {
        f->counts->rejected++;
        f->rejected++;
    } else {
        f->counts->used++;
        if (excluded & 1u)
            f->counts->excluded_opt_out++;
        else if (excluded & 2u)
            f->counts->excluded_outside_base++;
    }
    if (f->row_reason != NULL)
        f->row_reason[i] = reason;
}

static carealign_status feed_begin(carealign_scorecard *sc, const void *recs, size_t n,
                                   const char *what)
{
    if (sc == NULL || (recs == NULL && n > 0))
        return carealign__error(CAREALIGN_EINVAL, "scorecard_feed_%s: NULL argument", what);
    if (sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_feed_%s: after finalize", what);
    return CAREALIGN_OK;
}

/* Read row i of a strided array into `local` (zeroed, library-sized; all
 * zero when the row is rejected). Returns 0 or REJECT_SIZE. */
static int32_t read_row(void *local, size_t known, const void *recs, size_t stride, size_t i,
                        size_t min)
{
    const unsigned char *row = (const unsigned char *)recs + i * stride;
    size_t size = 0;
    memcpy(&size, row, sizeof size);
    if (size != stride || size < min) {
        memset(local, 0, known);
        return CAREALIGN_REJECT_SIZE;
    }
    const size_t take = size < known ? size : known;
    memcpy(local, row, take);
    memset((unsigned char *)local + take, 0, known - take); /* a shorter caller's row */
    for (size_t b = known; b < size; b++)
        if (row[b] != 0)
            return CAREALIGN_REJECT_SIZE;
    return 0;
}

static size_t first_stride(const void *recs, size_t n)
{
    size_t s = 0;
    if (n > 0)
        memcpy(&s, recs, sizeof s);
    return s;
}

static carealign_status feed_end(feed_state *f, size_t *out_n_rejected, carealign_status st)
{
    if (out_n_rejected != NULL)
        *out_n_rejected = f->rejected;
    return st;
}

/* What a record feed does with its row i, read into `row` (the library's
 * struct), given the reason it is rejected so far (0: none): check it, take
 * it when good, count it (row_done). A status other than OK stops the feed
 * before the row is counted. */
typedef carealign_status (*row_fn)(carealign_scorecard *sc, feed_state *f, size_t i, int32_t reason,
                                   void *row);

/* The loop of every record feed (`what`, counted in sc->counts[feed]): the n
 * rows of recs read in turn into `row` (`known` bytes; a caller's row of
 * fewer than `min` bytes is rejected) and handed to fn. */
static carealign_status feed_records(carealign_scorecard *sc, const void *recs, size_t n,
                                     const char *what, int feed, void *row, size_t known,
                                     size_t min, row_fn fn, int32_t *row_reason,
                                     size_t *out_n_rejected)
{
    carealign_status st = feed_begin(sc, recs, n, what);
    if (st != CAREALIGN_OK)
        return st;
    feed_state f = feed_state_of(&sc->counts[feed], row_reason);
    size_t stride = first_stride(recs, n);
    for (size_t i = 0; i < n && st == CAREALIGN_OK; i++)
        st = fn(sc, &f, i, read_row(row, known, recs, stride, i, min), row);
    return feed_end(&f, out_n_rejected, st);
}

/* The head of every columns struct. */
typedef struct columns_head {
    size_t size, n;
} columns_head;

/* Start the columns feed `what`: cols read into c (`known` bytes of the
 * library's struct `type`; the caller's must hold at least `min`) and the
 * feed begun on its n rows. */
static carealign_status columns_begin(carealign_scorecard *sc, const void *cols, void *c,
                                      size_t known, size_t min, const char *type, const char *what)
{
    if (cols == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_feed_%s: NULL columns", what);
    carealign_status st = carealign__read_struct(c, known, cols, min, type);
    if (st != CAREALIGN_OK)
        return st;
    columns_head h;
    memcpy(&h, c, sizeof h);
    return feed_begin(sc, cols, h.n, what);
}

/* ---- organisations ------------------------------------------------------ */

static carealign_status organisation_row(carealign_scorecard *sc, feed_state *f, size_t i,
                                         int32_t reason, void *row)
{
    const carealign_organisation *o = row;
    if (reason == 0 && (o->name == NULL && o->name_len > 0))
        reason = CAREALIGN_REJECT_MISSING_FIELD;
    if (reason == 0 && (o->org < 0 || o->sector < 1 || o->sector > 31))
        reason = CAREALIGN_REJECT_OUT_OF_RANGE;
    if (reason == 0 && (size_t)o->org < sc->n_orgs && sc->orgs[o->org].sector != 0)
        reason = CAREALIGN_REJECT_DUPLICATE;
    if (reason == 0) {
        if ((size_t)o->org >= sc->n_orgs) {
            size_t cap = sc->n_orgs;
            carealign__sc_org *q =
                carealign__realloc_array(sc->orgs, (size_t)o->org + 1, sizeof *q);
            if (q == NULL)
                return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
            memset(q + cap, 0, ((size_t)o->org + 1 - cap) * sizeof *q);
            sc->orgs = q;
            sc->n_orgs = (size_t)o->org + 1;
        }
        char *name = carealign__malloc(o->name_len + 1);
        if (name == NULL)
            return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
        if (o->name_len > 0)
            memcpy(name, o->name, o->name_len);
        name[o->name_len] = '\0';
        sc->orgs[o->org].sector = o->sector;
        sc->orgs[o->org].name = name;
        sc->orgs[o->org].name_len = o->name_len;
    }
    row_done(f, i, reason, 0);
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_feed_organisations(carealign_scorecard *sc,
                                                        const carealign_organisation *recs,
                                                        size_t n, int32_t *row_reason,
                                                        size_t *out_n_rejected)
{
    carealign_organisation o;
    return feed_records(sc, recs, n, "organisations", CAREALIGN_FEED_ORGANISATIONS, &o, sizeof o,
                        32, organisation_row, row_reason, out_n_rejected);
}

static int org_known(const carealign_scorecard *sc, int32_t org)
{
    return org >= 0 && (size_t)org < sc->n_orgs && sc->orgs[org].sector != 0;
}

/* ---- populations -------------------------------------------------------- */

static carealign_status population_row(carealign_scorecard *sc, feed_state *f, size_t i,
                                       int32_t reason, void *row)
{
    carealign_population *p = row;
    if (reason == 0 && (p->area < 0 || (size_t)p->area >= sc->dicts[CAREALIGN_DICT_AREA].n))
        reason = CAREALIGN_REJECT_UNKNOWN_AREA;
    if (reason == 0 && (p->year < 1 || p->year > 9999 ||
                        (p->sex != 0 && p->sex != 1 && p->sex != 2 && p->sex != 9) ||
                        p->age_lower < 0 || p->age_lower > 150 || p->count < 0 ||
                        ((p->has & CAREALIGN_POP_HAS_AGE_UPPER) &&
                         (p->age_upper < p->age_lower || p->age_upper > 150))))
        reason = CAREALIGN_REJECT_OUT_OF_RANGE;
    if (reason == 0) {
        if ((p->has & CAREALIGN_POP_HAS_AGE_UPPER) == 0)
            p->age_upper = -1;
        p->has &= CAREALIGN_POP_HAS_AGE_UPPER;
        p->size = sizeof *p;
        for (size_t k = 0; k < sc->n_pops; k++) {
            const carealign_population *q = &sc->pops[k];
            if (q->area == p->area && q->year == p->year && q->sex == p->sex &&
                q->age_lower == p->age_lower && q->age_upper == p->age_upper) {
                reason = CAREALIGN_REJECT_DUPLICATE;
                break;
            }
        }
    }
    if (reason == 0) {
        carealign_status st =
            carealign__sc_grow((void **)&sc->pops, &sc->cap_pops, sc->n_pops + 1, sizeof *sc->pops);
        if (st != CAREALIGN_OK)
            return st;
        sc->pops[sc->n_pops++] = *p;
    }
    row_done(f, i, reason, 0);
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_feed_populations(carealign_scorecard *sc,
                                                      const carealign_population *recs, size_t n,
                                                      int32_t *row_reason, size_t *out_n_rejected)
{
    carealign_population p;
    return feed_records(sc, recs, n, "populations", CAREALIGN_FEED_POPULATIONS, &p, sizeof p, 40,
                        population_row, row_reason, out_n_rejected);
}

/* ---- people ------------------------------------------------------------- */

static int32_t check_person(const carealign_scorecard *sc, const carealign_person *p)
{
    if (p->person < 0)
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if (p->reserved != 0 || (p->has & ~UINT32_C(0x7f)) != 0 || (p->flags & ~UINT32_C(0xf)) != 0)
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if ((p->has & CAREALIGN_PERSON_HAS_BIRTH) &&
        (p->birth_year < 1 || p->birth_year > 9999 || p->birth_month < 1 || p->birth_month > 12))
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if ((p->has & CAREALIGN_PERSON_HAS_SEX) && p->sex != 1 && p->sex != 2 && p->sex != 9)
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if ((p->has & CAREALIGN_PERSON_HAS_IMD) && (p->imd_decile < 1 || p->imd_decile > 10))
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if ((p->has & CAREALIGN_PERSON_HAS_AREA) &&
        (p->area < 0 || (size_t)p->area >= sc->dicts[CAREALIGN_DICT_AREA].n))
        return CAREALIGN_REJECT_UNKNOWN_AREA;
    if ((p->has & CAREALIGN_PERSON_HAS_PRACTICE) &&
        (p->practice < 0 || (size_t)p->practice >= sc->dicts[CAREALIGN_DICT_PRACTICE].n))
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if ((p->has & CAREALIGN_PERSON_HAS_ETHNICITY) && p->ethnicity < 0)
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if (bit_get(sc->closed, sc->closed_bytes, p->person))
        return CAREALIGN_REJECT_PERSON_CLOSED;
    if (bit_get(sc->seen, sc->seen_bytes, p->person))
        return CAREALIGN_REJECT_DUPLICATE;
    return 0;
}

static carealign_status add_person(carealign_scorecard *sc, const carealign_person *p,
                                   uint32_t *out_excluded)
{
    carealign_status st = carealign__sc_grow((void **)&sc->people, &sc->cap_people,
                                             sc->n_people + 1, sizeof *sc->people);
    if (st != CAREALIGN_OK)
        return st;
    if ((sc->n_people + 1) * 2 > sc->n_pslots) {
        st = pslots_rebuild(sc, sc->n_pslots == 0 ? 64 : sc->n_pslots * 2);
        if (st != CAREALIGN_OK)
            return st;
    }
    st = bit_set(&sc->seen, &sc->seen_bytes, p->person);
    if (st != CAREALIGN_OK)
        return st;
    carealign__sc_person *q = &sc->people[sc->n_people];
    memset(q, 0, sizeof *q);
    q->rec = *p;
    q->rec.size = sizeof q->rec;
    if (p->flags & CAREALIGN_PERSON_OPTED_OUT)
        q->excluded = 1;
    else if (outside_base(sc, p))
        q->excluded = 2;
    pslots_insert(sc->pslots, sc->n_pslots, p->person, (int32_t)(sc->n_people + 1));
    sc->feed_person = p->person; /* its records usually follow (record_person) */
    sc->feed_person_k = (int32_t)sc->n_people;
    sc->n_people++;
    *out_excluded = q->excluded;
    return CAREALIGN_OK;
}

/* Row i of a people feed, read as p with `reason` so far (0: none): checked,
 * added when good, counted. A status other than OK stops the feed. */
static carealign_status person_row(carealign_scorecard *sc, feed_state *f, size_t i, int32_t reason,
                                   void *row)
{
    const carealign_person *p = row;
    uint32_t excluded = 0;
    if (reason == 0)
        reason = check_person(sc, p);
    if (reason == 0) {
        carealign_status st = add_person(sc, p, &excluded);
        if (st != CAREALIGN_OK)
            return st;
    }
    row_done(f, i, reason, excluded);
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_feed_people(carealign_scorecard *sc,
                                                 const carealign_person *recs, size_t n,
                                                 int32_t *row_reason, size_t *out_n_rejected)
{
    carealign_person p;
    return feed_records(sc, recs, n, "people", CAREALIGN_FEED_PEOPLE, &p, sizeof p, 56, person_row,
                        row_reason, out_n_rejected);
}

static int32_t col_i32(const int32_t *c, size_t i, int32_t *out)
{
    if (c == NULL || c[i] == CAREALIGN_NA_I32)
        return 0;
    *out = c[i];
    return 1;
}

carealign_status carealign_scorecard_feed_people_columns(carealign_scorecard *sc,
                                                         const carealign_person_columns *cols,
                                                         int32_t *row_reason,
                                                         size_t *out_n_rejected)
{
    carealign_person_columns c = {.size = sizeof c};
    carealign_status st =
        columns_begin(sc, cols, &c, sizeof c, 96, "carealign_person_columns", "people_columns");
    if (st != CAREALIGN_OK)
        return st;
    feed_state f = feed_state_of(&sc->counts[CAREALIGN_FEED_PEOPLE], row_reason);
    for (size_t i = 0; i < c.n; i++) {
        carealign_person p = {.size = sizeof p};
        int32_t reason = 0;
        if (c.person != NULL) {
            if (c.person[i] == CAREALIGN_NA_I32)
                reason = CAREALIGN_REJECT_MISSING_FIELD;
            p.person = c.person[i];
        } else if (i > (size_t)INT32_MAX) {
            reason = CAREALIGN_REJECT_OUT_OF_RANGE;
        } else {
            p.person = (int32_t)i;
        }
        int32_t by = 0, bm = 0;
        int hb = col_i32(c.birth_year, i, &by), hm = col_i32(c.birth_month, i, &bm);
        if (hb && hm) {
            p.has |= CAREALIGN_PERSON_HAS_BIRTH;
            p.birth_year = by;
            p.birth_month = bm;
        }
        if (col_i32(c.death_day, i, &p.death_day))
            p.has |= CAREALIGN_PERSON_HAS_DEATH;
        if (col_i32(c.sex, i, &p.sex))
            p.has |= CAREALIGN_PERSON_HAS_SEX;
        if (col_i32(c.ethnicity, i, &p.ethnicity))
            p.has |= CAREALIGN_PERSON_HAS_ETHNICITY;
        if (col_i32(c.imd_decile, i, &p.imd_decile))
            p.has |= CAREALIGN_PERSON_HAS_IMD;
        if (col_i32(c.area, i, &p.area))
            p.has |= CAREALIGN_PERSON_HAS_AREA;
        if (col_i32(c.practice, i, &p.practice))
            p.has |= CAREALIGN_PERSON_HAS_PRACTICE;
        if (c.flags != NULL)
            p.flags = c.flags[i];
        st = person_row(sc, &f, i, reason, &p);
        if (st != CAREALIGN_OK)
            return feed_end(&f, out_n_rejected, st);
    }
    return feed_end(&f, out_n_rejected, CAREALIGN_OK);
}

/* 1 when the person the record feeds last found open (sc->feed_person at
 * sc->feed_person_k) is id and still open there, with *excluded its value:
 * the answer of a lookup, without one. */
static int feed_person_still(const carealign_scorecard *sc, int32_t id, uint32_t *excluded)
{
    const int32_t k = sc->feed_person_k;
    if (id != sc->feed_person || k < 0 || (size_t)k >= sc->n_people ||
        sc->people[k].rec.person != id || bit_get(sc->closed, sc->closed_bytes, id))
        return 0;
    *excluded = sc->people[k].excluded;
    return 1;
}

/* The person of a record of feed f: 0 and its excluded value, or a reject
 * reason. The same person as the feed's last open one is answered from f,
 * the one the last record feed found open from sc when still open. */
static int32_t record_person(carealign_scorecard *sc, feed_state *f, int32_t id, uint32_t *excluded)
{
    if (id == f->last_person) {
        *excluded = f->last_excluded;
        return 0;
    }
    if (!feed_person_still(sc, id, excluded)) {
        if (id < 0)
            return CAREALIGN_REJECT_OUT_OF_RANGE;
        if (bit_get(sc->closed, sc->closed_bytes, id))
            return CAREALIGN_REJECT_PERSON_CLOSED;
        int32_t k = person_find(sc, id);
        if (k < 0)
            return CAREALIGN_REJECT_UNKNOWN_PERSON;
        *excluded = sc->people[k].excluded;
        sc->feed_person = id;
        sc->feed_person_k = k;
    }
    f->last_person = id;
    f->last_excluded = *excluded;
    return 0;
}

/* ---- responses ---------------------------------------------------------- */

/* The value sets that score a response of (instrument, valueset; -1: none
 * stated): every value set of the instrument that a measure uses (the stated
 * one only when stated), in sc->vs order, up to CAREALIGN__SC_RESP_VS, each
 * with its registry scoring plan when it has one. Worked out once per pair
 * met in turn: sc->vs never changes. */
static const carealign__sc_resp_vs *resp_vs_of(carealign_scorecard *sc, int32_t instrument,
                                               int32_t valueset)
{
    carealign__sc_resp_vs *c = &sc->resp_vs;
    if (c->valid && c->instrument == instrument && c->valueset == valueset)
        return c;
    memset(c, 0, sizeof *c);
    c->instrument = instrument;
    c->valueset = valueset;
    c->stated_ok = valueset < 0;
    for (int32_t v = 0; v < sc->n_vs; v++) {
        const carealign__sc_vs *vs = &sc->vs[v];
        if (vs->instrument != instrument)
            continue;
        c->matched = 1;
        if (valueset >= 0 && vs->valueset != valueset)
            continue;
        c->stated_ok = 1;
        if (c->n == CAREALIGN__SC_RESP_VS)
            continue;
        if (vs->instrument >= 0 && vs->valueset >= 0)
            c->planned[c->n] = carealign__score_plan_init((size_t)vs->instrument,
                                                          (size_t)vs->valueset, &c->plan[c->n]);
        c->which[c->n++] = v;
    }
    c->valid = 1;
    return c;
}

/* Score a response's items with the k-th value set of c: the same status
 * and score as carealign__sc_score, through the plan when the row scores. */
static carealign_status resp_vs_score(const carealign_scorecard *sc, const carealign__sc_resp_vs *c,
                                      int32_t k, const int32_t *items, size_t n_items, double *s)
{
    if (c->planned[k] && carealign__score_plan_row(&c->plan[k], items, n_items, s) == 0)
        return CAREALIGN_OK;
    return carealign__sc_score(&sc->vs[c->which[k]], items, n_items, s);
}

/* Score one response for every value set of its instrument that a measure
 * uses; store the scores (none when an item is missing). Returns 0 or a
 * reject reason. */
static carealign_status take_response(carealign_scorecard *sc, int32_t person, int32_t org,
                                      int32_t day, int32_t instrument, int32_t valueset,
                                      const int32_t *items, size_t n_items, double weight,
                                      uint32_t flags, uint32_t excluded, int32_t *reason,
                                      int *unscored)
{
    const carealign__sc_resp_vs *c = resp_vs_of(sc, instrument, valueset);
    if (!c->matched) {
        *reason = 0; /* an instrument no measure uses: read and ignored */
        return CAREALIGN_OK;
    }
    if (!c->stated_ok) {
        *reason = CAREALIGN_REJECT_VALUESET_MISMATCH;
        return CAREALIGN_OK;
    }
    double scores[CAREALIGN__SC_RESP_VS];
    const int32_t n = c->n;
    for (int32_t k = 0; k < n; k++) {
        const carealign__sc_vs *vs = &sc->vs[c->which[k]];
        double s = 0;
        carealign_status sst = resp_vs_score(sc, c, k, items, n_items, &s);
        if (sst == CAREALIGN_EMISSING && carealign__sc_only_missing(vs, items, n_items)) {
            /* A missing item (the instruments impute nothing): the row is
             * used, its score is missing, so it enters no measure of the
             * value set; every measure on responses is score-based
             * (docs/data.md, docs/scorecard.md). */
            *reason = 0;
            *unscored = 1;
            return CAREALIGN_OK;
        }
        if (sst != CAREALIGN_OK) {
            *reason = CAREALIGN_REJECT_BAD_ITEMS;
            return CAREALIGN_OK;
        }
        scores[k] = s;
    }
    *reason = 0;
    if (excluded)
        return CAREALIGN_OK;
    if (sc->n_resp + (size_t)n > sc->cap_resp) {
        carealign_status st = carealign__sc_grow((void **)&sc->resp, &sc->cap_resp,
                                                 sc->n_resp + (size_t)n, sizeof *sc->resp);
        if (st != CAREALIGN_OK)
            return st;
    }
    for (int k = 0; k < n; k++)
        sc->resp[sc->n_resp++] =
            (carealign__sc_scored){person, org, day, c->which[k], scores[k], weight, flags, 0};
    return CAREALIGN_OK;
}

static int32_t check_response_fields(const carealign_scorecard *sc, int32_t org, int has_org,
                                     int32_t day, int32_t instrument, double weight)
{
    if (day < CAREALIGN_DATE_MIN || day > CAREALIGN_DATE_MAX)
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    /* (the instrument resp_vs_of last worked out passed this check) */
    if (!(sc->resp_vs.valid && instrument == sc->resp_vs.instrument) &&
        (instrument < 0 || (size_t)instrument >= carealign_instrument_count()) &&
        instrument != CAREALIGN_RESPONSE_INSTRUMENT_GAS)
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if (!(weight > 0.0) || !isfinite(weight))
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if (has_org && !org_known(sc, org))
        return CAREALIGN_REJECT_UNKNOWN_ORG;
    return 0;
}

/* The responses feed's own counts of a used row (docs/scorecard.md): a
 * weight other than 1 that no weighted measure applies, a missing score. */
static void response_counts(const carealign_scorecard *sc, carealign_feed_counts *counts,
                            int32_t instrument, int32_t valueset, double w, int unscored)
{
    if (w != 1.0 && !carealign__sc_weight_used(sc, instrument, valueset))
        counts->weights_not_applied++;
    if (unscored)
        counts->unscored++;
}

/* One response row's fields, from a record or from columns. */
typedef struct response_fields {
    int32_t person, org, day, instrument, valueset;
    int has_org, has_valueset;
    const int32_t *items;
    size_t n_items;
    double weight;
    uint32_t flags;
} response_fields;

/* Row i of a responses feed with `reason` so far (0: none): checked, scored
 * and kept when good and the person is not excluded, counted. A status other
 * than OK stops the feed. */
static carealign_status response_row(carealign_scorecard *sc, feed_state *f, size_t i,
                                     int32_t reason, const response_fields *r)
{
    uint32_t excluded = 0;
    int unscored = 0;
    if (reason == 0)
        reason = check_response_fields(sc, r->org, r->has_org, r->day, r->instrument, r->weight);
    if (reason == 0)
        reason = record_person(sc, f, r->person, &excluded);
    if (reason == 0 && r->has_valueset && r->valueset < 0)
        reason = CAREALIGN_REJECT_OUT_OF_RANGE;
    const int32_t vsi = r->has_valueset ? r->valueset : -1;
    if (reason == 0) {
        carealign_status st =
            take_response(sc, r->person, r->has_org ? r->org : -1, r->day, r->instrument, vsi,
                          r->items, r->n_items, r->weight, r->flags, excluded, &reason, &unscored);
        if (st != CAREALIGN_OK)
            return st;
    }
    row_done(f, i, reason, reason == 0 ? excluded : 0);
    if (reason == 0)
        response_counts(sc, f->counts, r->instrument, vsi, r->weight, unscored);
    return CAREALIGN_OK;
}

/* response_row for a carealign_response record. */
static carealign_status response_record_row(carealign_scorecard *sc, feed_state *f, size_t i,
                                            int32_t reason, void *row)
{
    const carealign_response *r = row;
    if (reason == 0 &&
        ((r->has & ~UINT32_C(7)) != 0 || (r->flags & ~UINT32_C(1)) != 0 || r->n_items < 0))
        reason = CAREALIGN_REJECT_OUT_OF_RANGE;
    if (reason == 0 && r->n_items > 0 && r->items == NULL)
        reason = CAREALIGN_REJECT_MISSING_FIELD;
    response_fields q = {r->person,
                         r->org,
                         r->day,
                         r->instrument,
                         r->valueset,
                         (r->has & CAREALIGN_RESPONSE_HAS_ORG) != 0,
                         (r->has & CAREALIGN_RESPONSE_HAS_VALUESET) != 0,
                         r->items,
                         r->n_items < 0 ? 0 : (size_t)r->n_items,
                         (r->has & CAREALIGN_RESPONSE_HAS_WEIGHT) ? r->weight : 1.0,
                         r->flags};
    return response_row(sc, f, i, reason, &q);
}

carealign_status carealign_scorecard_feed_responses(carealign_scorecard *sc,
                                                    const carealign_response *recs, size_t n,
                                                    int32_t *row_reason, size_t *out_n_rejected)
{
    carealign_response r;
    return feed_records(sc, recs, n, "responses", CAREALIGN_FEED_RESPONSES, &r, sizeof r, 56,
                        response_record_row, row_reason, out_n_rejected);
}

carealign_status carealign_scorecard_feed_responses_columns(carealign_scorecard *sc,
                                                            const carealign_response_columns *cols,
                                                            int32_t *row_reason,
                                                            size_t *out_n_rejected)
{
    carealign_response_columns c = {.size = sizeof c};
    carealign_status st = columns_begin(sc, cols, &c, sizeof c, 80, "carealign_response_columns",
                                        "responses_columns");
    if (st != CAREALIGN_OK)
        return st;
    if (c.n > 0 && (c.person == NULL || c.day == NULL || (c.items == NULL && c.n_items > 0)))
        return carealign__error(CAREALIGN_EINVAL,
                                "scorecard_feed_responses_columns: a required column is NULL");
    feed_state f = feed_state_of(&sc->counts[CAREALIGN_FEED_RESPONSES], row_reason);
    for (size_t i = 0; i < c.n; i++) {
        int32_t reason = 0;
        response_fields q = {c.person[i],
                             -1,
                             c.day[i],
                             c.instrument,
                             c.valueset,
                             0,
                             c.valueset != CAREALIGN_NA_I32,
                             c.items == NULL ? NULL : c.items + i * c.n_items,
                             c.n_items,
                             (c.weight == NULL || isnan(c.weight[i])) ? 1.0 : c.weight[i],
                             c.flags == NULL ? 0 : c.flags[i]};
        q.has_org = col_i32(c.org, i, &q.org);
        if (c.person[i] == CAREALIGN_NA_I32 || c.day[i] == CAREALIGN_NA_I32)
            reason = CAREALIGN_REJECT_MISSING_FIELD;
        if (reason == 0 && (q.flags & ~UINT32_C(1)) != 0)
            reason = CAREALIGN_REJECT_OUT_OF_RANGE;
        st = response_row(sc, &f, i, reason, &q);
        if (st != CAREALIGN_OK)
            return feed_end(&f, out_n_rejected, st);
    }
    return feed_end(&f, out_n_rejected, CAREALIGN_OK);
}

/* ---- FFT ---------------------------------------------------------------- */

static carealign_status fft_row(carealign_scorecard *sc, feed_state *f, size_t i, int32_t reason,
                                void *row)
{
    const carealign_fft_counts *c = row;
    int32_t y = 0, mo = 0, d = 0;
    if (reason == 0 && ((c->has & ~CAREALIGN_FFT_HAS_MODE) != 0 ||
                        ((c->has & CAREALIGN_FFT_HAS_MODE) && c->mode < 0) ||
                        carealign_date_to_ymd(c->month, &y, &mo, &d) != CAREALIGN_OK || d != 1))
        reason = CAREALIGN_REJECT_OUT_OF_RANGE;
    for (int k = 0; reason == 0 && k < 6; k++)
        if (c->counts[k] < 0 || c->counts[k] > (INT64_C(1) << 40))
            reason = CAREALIGN_REJECT_OUT_OF_RANGE;
    if (reason == 0 && !org_known(sc, c->org))
        reason = CAREALIGN_REJECT_UNKNOWN_ORG;
    carealign__sc_fftkey key = {c->org, c->month, (c->has & CAREALIGN_FFT_HAS_MODE) ? c->mode : -1,
                                0};
    for (size_t k = 0; reason == 0 && k < sc->n_fftkeys; k++)
        if (memcmp(&sc->fftkeys[k], &key, sizeof key) == 0)
            reason = CAREALIGN_REJECT_DUPLICATE;
    if (reason == 0) {
        carealign_status st = carealign__sc_grow((void **)&sc->fftkeys, &sc->cap_fftkeys,
                                                 sc->n_fftkeys + 1, sizeof key);
        if (st == CAREALIGN_OK)
            st = carealign__sc_fft_add(sc, c);
        if (st != CAREALIGN_OK)
            return st;
        sc->fftkeys[sc->n_fftkeys++] = key;
    }
    row_done(f, i, reason, 0);
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_feed_fft(carealign_scorecard *sc,
                                              const carealign_fft_counts *recs, size_t n,
                                              int32_t *row_reason, size_t *out_n_rejected)
{
    carealign_fft_counts c;
    return feed_records(sc, recs, n, "fft", CAREALIGN_FEED_FFT, &c, sizeof c, 72, fft_row,
                        row_reason, out_n_rejected);
}

/* ---- contacts ----------------------------------------------------------- */

static inline CAREALIGN__ALWAYS_INLINE int32_t check_contact(const carealign_scorecard *sc,
                                                             const carealign_contact *c)
{
    if ((c->has & ~UINT32_C(0x1ff)) != 0 || c->type < 0 || c->type >= CAREALIGN_CONTACT_TYPE_END ||
        c->sector < 0 || c->sector > 31 || c->start_day < CAREALIGN_DATE_MIN ||
        c->start_day > CAREALIGN_DATE_MAX || c->staff_minutes < 0)
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if ((c->has & CAREALIGN_CONTACT_HAS_END) && c->end_day < c->start_day)
        return CAREALIGN_REJECT_END_BEFORE_START;
    if ((c->has & CAREALIGN_CONTACT_HAS_START_MINUTE) &&
        (c->start_minute < 0 || c->start_minute > 1439))
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if (((c->has & CAREALIGN_CONTACT_HAS_ACTIVITY) && c->activity < 0) ||
        ((c->has & CAREALIGN_CONTACT_HAS_COST) && c->cost_pence < 0) ||
        ((c->has & CAREALIGN_CONTACT_HAS_PROFESSIONAL) && c->professional < 0))
        return CAREALIGN_REJECT_OUT_OF_RANGE;
    if (!org_known(sc, c->org))
        return CAREALIGN_REJECT_UNKNOWN_ORG;
    return 0;
}

/* Row i of a contacts feed, read as k with `reason` so far (0: none):
 * checked, kept when good and the person is not excluded, counted. A status
 * other than OK stops the feed. */
static inline CAREALIGN__ALWAYS_INLINE carealign_status contact_take(carealign_scorecard *sc,
                                                                     feed_state *f, size_t i,
                                                                     int32_t reason,
                                                                     const carealign_contact *k)
{
    uint32_t excluded = 0;
    if (reason == 0)
        reason = check_contact(sc, k);
    if (reason == 0)
        reason = record_person(sc, f, k->person, &excluded);
    if (reason == 0 && !excluded) {
        carealign_status st = carealign__sc_pending_take(sc, k);
        if (st != CAREALIGN_OK)
            return st;
    }
    row_done(f, i, reason, excluded);
    return CAREALIGN_OK;
}

/* contact_take as a record feed's row_fn. */
static carealign_status contact_row(carealign_scorecard *sc, feed_state *f, size_t i,
                                    int32_t reason, void *row)
{
    return contact_take(sc, f, i, reason, row);
}

carealign_status carealign_scorecard_feed_contacts(carealign_scorecard *sc,
                                                   const carealign_contact *recs, size_t n,
                                                   int32_t *row_reason, size_t *out_n_rejected)
{
    carealign_contact c;
    carealign_status st = feed_begin(sc, recs, n, "contacts");
    if (st != CAREALIGN_OK)
        return st;
    if (first_stride(recs, n) != sizeof c) /* another release's rows (or none) */
        return feed_records(sc, recs, n, "contacts", CAREALIGN_FEED_CONTACTS, &c, sizeof c, 80,
                            contact_row, row_reason, out_n_rejected);
    /* rows of this release's size (the usual): each read where it is, as
     * read_row would copy it (a row of another size: rejected, zeroed) */
    feed_state f = feed_state_of(&sc->counts[CAREALIGN_FEED_CONTACTS], row_reason);
    for (size_t i = 0; i < n && st == CAREALIGN_OK; i++) {
        const carealign_contact *k = &recs[i];
        int32_t reason = 0;
        if (k->size != sizeof c) {
            memset(&c, 0, sizeof c);
            k = &c;
            reason = CAREALIGN_REJECT_SIZE;
        }
        st = contact_take(sc, &f, i, reason, k);
    }
    return feed_end(&f, out_n_rejected, st);
}

carealign_status carealign_scorecard_feed_contacts_columns(carealign_scorecard *sc,
                                                           const carealign_contact_columns *cols,
                                                           int32_t *row_reason,
                                                           size_t *out_n_rejected)
{
    carealign_contact_columns c = {.size = sizeof c};
    carealign_status st =
        columns_begin(sc, cols, &c, sizeof c, 136, "carealign_contact_columns", "contacts_columns");
    if (st != CAREALIGN_OK)
        return st;
    if (c.n > 0 && (c.person == NULL || c.org == NULL || c.sector == NULL || c.type == NULL ||
                    c.start_day == NULL))
        return carealign__error(CAREALIGN_EINVAL,
                                "scorecard_feed_contacts_columns: a required column is NULL");
    feed_state f = feed_state_of(&sc->counts[CAREALIGN_FEED_CONTACTS], row_reason);
    /* Each row sets the fields of the columns given (k's others stay
     * zero): without the columns pending.c keeps apart (start minute,
     * professional, subtype, admission method, destination, activity,
     * cost), the fields of the others only. */
    const int plain = c.start_minute == NULL && c.professional == NULL && c.subtype == NULL &&
                      c.admission_method == NULL && c.discharge_destination == NULL &&
                      c.activity == NULL && c.cost_pence == NULL;
    carealign_contact k = {.size = sizeof k};
    for (size_t i = 0; i < c.n; i++) {
        int32_t reason = 0;
        if (c.person[i] == CAREALIGN_NA_I32 || c.org[i] == CAREALIGN_NA_I32 ||
            c.sector[i] == CAREALIGN_NA_I32 || c.type[i] == CAREALIGN_NA_I32 ||
            c.start_day[i] == CAREALIGN_NA_I32)
            reason = CAREALIGN_REJECT_MISSING_FIELD;
        k.has = 0;
        k.person = c.person[i];
        k.org = c.org[i];
        k.sector = c.sector[i];
        k.type = c.type[i];
        k.start_day = c.start_day[i];
        k.end_day = 0;
        if (col_i32(c.end_day, i, &k.end_day))
            k.has |= CAREALIGN_CONTACT_HAS_END;
        k.discharge_ready_day = 0;
        if (col_i32(c.discharge_ready_day, i, &k.discharge_ready_day))
            k.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
        k.staff_minutes = 0;
        (void)col_i32(c.staff_minutes, i, &k.staff_minutes);
        if (!plain) {
            k.start_minute = k.professional = k.subtype = 0;
            k.admission_method = k.discharge_destination = 0;
            if (col_i32(c.start_minute, i, &k.start_minute))
                k.has |= CAREALIGN_CONTACT_HAS_START_MINUTE;
            if (col_i32(c.professional, i, &k.professional))
                k.has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
            if (col_i32(c.subtype, i, &k.subtype))
                k.has |= CAREALIGN_CONTACT_HAS_SUBTYPE;
            if (col_i32(c.admission_method, i, &k.admission_method))
                k.has |= CAREALIGN_CONTACT_HAS_ADMISSION_METHOD;
            if (col_i32(c.discharge_destination, i, &k.discharge_destination))
                k.has |= CAREALIGN_CONTACT_HAS_DESTINATION;
            k.activity = 0;
            if (c.activity != NULL && c.activity[i] != CAREALIGN_NA_I64) {
                k.activity = c.activity[i];
                k.has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
            }
            k.cost_pence = 0;
            if (c.cost_pence != NULL && c.cost_pence[i] != CAREALIGN_NA_I64) {
                k.cost_pence = c.cost_pence[i];
                k.has |= CAREALIGN_CONTACT_HAS_COST;
            }
        }
        st = contact_take(sc, &f, i, reason, &k);
        if (st != CAREALIGN_OK)
            return feed_end(&f, out_n_rejected, st);
    }
    return feed_end(&f, out_n_rejected, CAREALIGN_OK);
}
