/* Pending contacts: the contacts a scorecard holds until their person is
 * processed, in a compact form (docs/scorecard.md, "Memory"). A contact is
 * a 32-byte core (person, start day, organisation, staff minutes, end and
 * ready days, has bits, sector and type) and, only when one of its other
 * fields is not zero, a 40-byte extra; either way it expands back to the
 * same 80 bytes the feed took (size = sizeof). Holding every contact until
 * close_all touches half the memory or less that the whole structs did,
 * and on this kind of VM the first touch of a page is the cost. */
#include <stddef.h>
#include <string.h>

#include "core/internal.h"
#include "journey/internal.h"
#include "scorecard/internal.h"

/* The core's bits: has (9 bits, check_contact), sector (0 to 31) above it,
 * type (0 to CAREALIGN_CONTACT_TYPE_END - 1) above that. */
enum {
    SECTOR_SHIFT = CAREALIGN__SC_PENDING_SECTOR_SHIFT,
    TYPE_SHIFT = CAREALIGN__SC_PENDING_TYPE_SHIFT
};

_Static_assert(CAREALIGN_CONTACT_TYPE_END <= (1 << (32 - TYPE_SHIFT)),
               "pending contacts: the type fits above the sector");
_Static_assert(sizeof(carealign_contact) == 80 && offsetof(carealign_contact, activity) == 64,
               "pending contacts: the contact is 80 bytes without padding");

carealign_status carealign__sc_pending_add(carealign_scorecard *sc, const carealign_contact *c)
{
    carealign_status st = CAREALIGN_OK;
    if (sc->n_pending == sc->cap_pending)
        st = carealign__sc_grow((void **)&sc->pending, &sc->cap_pending, sc->n_pending + 1,
                                sizeof *sc->pending);
    if (st != CAREALIGN_OK)
        return st;
    uint32_t extra = 0;
    if (carealign__sc_pending_needs_extra(c)) {
        if (sc->n_pending_extra == sc->cap_pending_extra)
            st = carealign__sc_grow((void **)&sc->pending_extra, &sc->cap_pending_extra,
                                    sc->n_pending_extra + 1, sizeof *sc->pending_extra);
        if (st != CAREALIGN_OK)
            return st;
        carealign__sc_pending_extra *e = &sc->pending_extra[sc->n_pending_extra++];
        e->start_minute = c->start_minute;
        e->professional = c->professional;
        e->subtype = c->subtype;
        e->admission_method = c->admission_method;
        e->discharge_destination = c->discharge_destination;
        e->live = 1;
        e->activity = c->activity;
        e->cost_pence = c->cost_pence;
        sc->n_pending_extra_live++;
        extra = (uint32_t)sc->n_pending_extra;
    }
    carealign__sc_pending_put(sc, c, extra);
    return CAREALIGN_OK;
}

/* Pending contact p as the contact the feed took (every byte set: the
 * struct has no padding). */
static void pending_expand(const carealign_scorecard *sc, const carealign__sc_pending *p,
                           carealign_contact *c)
{
    c->size = sizeof *c;
    c->has = p->bits & ((1u << SECTOR_SHIFT) - 1);
    c->person = p->person;
    c->org = p->org;
    c->sector = (int32_t)(p->bits >> SECTOR_SHIFT & 31u);
    c->type = (int32_t)(p->bits >> TYPE_SHIFT);
    c->start_day = p->start_day;
    c->end_day = p->end_day;
    c->discharge_ready_day = p->discharge_ready_day;
    c->staff_minutes = p->staff_minutes;
    static const carealign__sc_pending_extra none = {0, 0, 0, 0, 0, 0, 0, 0};
    const carealign__sc_pending_extra *e = p->extra != 0 ? &sc->pending_extra[p->extra - 1] : &none;
    c->start_minute = e->start_minute;
    c->professional = e->professional;
    c->subtype = e->subtype;
    c->admission_method = e->admission_method;
    c->discharge_destination = e->discharge_destination;
    c->activity = e->activity;
    c->cost_pence = e->cost_pence;
}

carealign_status carealign__sc_jc_room(carealign_scorecard *sc, size_t n)
{
    return carealign__sc_grow(&sc->work_jc, &sc->cap_work_jc, n + 1,
                              sizeof(carealign__jc) + sizeof(carealign_status) + sizeof(uint32_t));
}

/* Room for n contacts in sc->work_contacts, their indexes in sc->work_perm
 * and (n <= CAREALIGN__SC_SMALL_RUN: expand_small) their converted forms in
 * sc->work_jc. */
static carealign_status work_room(carealign_scorecard *sc, size_t n)
{
    carealign_status st = carealign__sc_grow((void **)&sc->work_contacts, &sc->cap_work_contacts, n,
                                             sizeof *sc->work_contacts);
    if (st == CAREALIGN_OK)
        st = carealign__sc_grow((void **)&sc->work_perm, &sc->cap_work_perm, n,
                                sizeof *sc->work_perm);
    if (st == CAREALIGN_OK && n <= CAREALIGN__SC_SMALL_RUN)
        st = carealign__sc_jc_room(sc, n);
    return st;
}

/* Whether contact y comes before contact x, both of one start day, in the
 * journey's content order (lib/journey's jc_less of the converted
 * contacts: start, organisation, professional, type, end, minute, then the
 * converted bytes): 1 it does, 0 it does not, -1 not known. The keys are
 * read as carealign__journey_convert makes them (professional and minute
 * -1, end the start day, when not given); when they are all equal the two
 * are converted and their bytes compared, and either failing to convert
 * (or type 0, which the feed takes and the journey does not, checked first
 * so that no error message is left) gives -1. */
static int tie_before(const carealign_contact *y, const carealign_contact *x)
{
    if (x->org != y->org)
        return y->org < x->org;
    const int32_t px = (x->has & CAREALIGN_CONTACT_HAS_PROFESSIONAL) ? x->professional : -1;
    const int32_t py = (y->has & CAREALIGN_CONTACT_HAS_PROFESSIONAL) ? y->professional : -1;
    if (px != py)
        return py < px;
    if (x->type != y->type)
        return y->type < x->type;
    const int32_t ex = (x->has & CAREALIGN_CONTACT_HAS_END) ? x->end_day : x->start_day;
    const int32_t ey = (y->has & CAREALIGN_CONTACT_HAS_END) ? y->end_day : y->start_day;
    if (ex != ey)
        return ey < ex;
    const int32_t mx = (x->has & CAREALIGN_CONTACT_HAS_START_MINUTE) ? x->start_minute : -1;
    const int32_t my = (y->has & CAREALIGN_CONTACT_HAS_START_MINUTE) ? y->start_minute : -1;
    if (mx != my)
        return my < mx;
    if (x->type < 1) /* both of no contact type (the feed takes 0): never converted */
        return -1;
    carealign__jc jx, jy;
    if (carealign__journey_convert(x, &jx) != CAREALIGN_OK ||
        carealign__journey_convert(y, &jy) != CAREALIGN_OK)
        return -1;
    return memcmp(&jy, &jx, sizeof jx) < 0;
}

/* The contacts w[a..b) of one start day (b - a >= 2, n in all), in the
 * scorecard's order, put in the journey's content order for the builders:
 * nothing to do when they are in it already (the usual case); else
 * sc->work_perm[a..b) is their indexes in that order (tie_before, by
 * insertion), *permuted noting that sc->work_perm holds the identity
 * elsewhere. 0 when the order is not known (tie_before -1). The contacts
 * themselves stay in the scorecard's order (docs/scorecard.md: the order
 * in which a person's first 64 organisations are met). */
static int order_ties(carealign_scorecard *sc, const carealign_contact *w, size_t n, size_t a,
                      size_t b, int *permuted)
{
    size_t i = a + 1;
    while (i < b && tie_before(&w[i], &w[i - 1]) == 0)
        i++;
    if (i == b)
        return 1;
    uint32_t *const perm = sc->work_perm;
    if (!*permuted) {
        for (size_t q = 0; q < n; q++)
            perm[q] = (uint32_t)q;
        *permuted = 1;
    }
    for (size_t q = a + 1; q < b; q++) {
        const uint32_t t = perm[q];
        size_t k = q;
        for (; k > a; k--) {
            const int r = tie_before(&w[t], &w[perm[k - 1]]);
            if (r < 0)
                return 0;
            if (r == 0)
                break;
            perm[k] = perm[k - 1];
        }
        perm[k] = t;
    }
    return 1;
}

/* sc->work_in_order and sc->work_order for the n contacts w[0..n) sorted
 * by start day (order_ties of each group of one start day); with
 * sort_days, each such group is first sorted by the whole order
 * (carealign__sc_sort_contacts_run), every group even when the journey's
 * order is no longer known. */
static void note_order(carealign_scorecard *sc, carealign_contact *w, size_t n, int sort_days)
{
    int in_order = 1, permuted = 0;
    for (size_t a = 0, b; a < n && (in_order || sort_days); a = b) {
        for (b = a + 1; b < n && w[b].start_day == w[a].start_day; b++)
            ;
        if (b - a > 1) {
            if (sort_days)
                carealign__sc_sort_contacts_run(w + a, b - a);
            in_order = in_order && order_ties(sc, w, n, a, b, &permuted);
        }
    }
    sc->work_in_order = in_order;
    sc->work_order = in_order && permuted ? sc->work_perm : NULL;
}

/* Expand the n <= CAREALIGN__SC_SMALL_RUN pending contacts at[0..n) (one
 * person's) into sc->work_contacts in carealign__sc_sort_contacts' order:
 * in order of start day (carealign__sc_day_order), so that each is written
 * once where it goes, then each group of one day by the whole order; the
 * journey's content order of those groups noted on the way (order_ties:
 * sc->work_in_order, sc->work_order; without two on one day, the array's).
 * Then each is converted for the journey builders where it ended up
 * (sc->work_jc, every status OK: a fed contact passes
 * carealign__journey_convert's checks but for type 0, which the feed
 * takes; sc->work_jc_ready then 0, and the builders convert them). Two
 * passes: one loop writing both took more instructions (its registers
 * spilled). */
static void expand_small(carealign_scorecard *sc, const size_t *at, size_t n)
{
    int32_t day[CAREALIGN__SC_SMALL_RUN] = {0}; /* (all n written: for the compiler) */
    unsigned char order[CAREALIGN__SC_SMALL_RUN];
    for (size_t i = 0; i < n; i++)
        day[i] = sc->pending[at[i]].start_day;
    carealign__sc_day_order(day, n, order);
    carealign_contact *w = sc->work_contacts;
    carealign__jc *jc = sc->work_jc;
    carealign_status *js = (carealign_status *)(void *)(jc + n);
    int32_t ties = 0;
    for (size_t j = 0; j < n; j++) {
        ties |= j > 0 && day[order[j]] == day[order[j - 1]];
        pending_expand(sc, &sc->pending[at[order[j]]], &w[j]);
    }
    if (ties) {
        note_order(sc, w, n, 1);
    } else {
        sc->work_in_order = 1;
        sc->work_order = NULL;
    }
    int32_t typed = 1;
    for (size_t j = 0; j < n; j++) {
        carealign__journey_fill(&w[j], &jc[j]);
        js[j] = CAREALIGN_OK;
        typed &= w[j].type >= 1;
    }
    sc->work_jc_ready = typed;
}

carealign_status carealign__sc_pending_run(carealign_scorecard *sc, size_t from, size_t n,
                                           carealign_contact **out)
{
    *out = NULL;
    sc->work_jc_ready = 0;
    if (n == 0)
        return CAREALIGN_OK;
    carealign_status st = work_room(sc, n);
    if (st != CAREALIGN_OK)
        return st;
    if (n <= CAREALIGN__SC_SMALL_RUN) {
        size_t at[CAREALIGN__SC_SMALL_RUN];
        for (size_t i = 0; i < n; i++)
            at[i] = from + i;
        expand_small(sc, at, n);
    } else {
        for (size_t i = 0; i < n; i++)
            pending_expand(sc, &sc->pending[from + i], &sc->work_contacts[i]);
        carealign__sc_sort_contacts_run(sc->work_contacts, n);
        note_order(sc, sc->work_contacts, n, 0);
    }
    *out = sc->work_contacts;
    return CAREALIGN_OK;
}

carealign_status carealign__sc_pending_person(carealign_scorecard *sc, int32_t person,
                                              carealign_contact **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    sc->work_jc_ready = 0;
    size_t n = 0, at[CAREALIGN__SC_SMALL_RUN];
    for (size_t i = 0; i < sc->n_pending; i++)
        if (sc->pending[i].person == person) {
            if (n < CAREALIGN__SC_SMALL_RUN)
                at[n] = i;
            n++;
        }
    if (n == 0)
        return CAREALIGN_OK;
    carealign_status st = work_room(sc, n);
    if (st != CAREALIGN_OK)
        return st;
    if (n <= CAREALIGN__SC_SMALL_RUN) {
        expand_small(sc, at, n);
    } else {
        for (size_t i = 0, k = 0; k < n; i++)
            if (sc->pending[i].person == person)
                pending_expand(sc, &sc->pending[i], &sc->work_contacts[k++]);
        carealign__sc_sort_contacts_run(sc->work_contacts, n);
        note_order(sc, sc->work_contacts, n, 0);
    }
    *out = sc->work_contacts;
    *n_out = n;
    return CAREALIGN_OK;
}

/* Compact sc->pending_extra in place when more than half of it (and at least
 * 256) is dead; empty it when no contact is pending. Three passes, no
 * allocation: each live extra's new place + 1 written into its `live`, the
 * cores pointed there, the live extras moved down (never up). */
static void extras_reclaim(carealign_scorecard *sc)
{
    if (sc->n_pending == 0) {
        sc->n_pending_extra = sc->n_pending_extra_live = 0;
        return;
    }
    const size_t dead = sc->n_pending_extra - sc->n_pending_extra_live;
    if (dead < 256 || dead <= sc->n_pending_extra_live)
        return;
    carealign__sc_pending_extra *e = sc->pending_extra;
    uint32_t next = 0;
    for (size_t i = 0; i < sc->n_pending_extra; i++)
        if (e[i].live != 0)
            e[i].live = ++next;
    for (size_t i = 0; i < sc->n_pending; i++)
        if (sc->pending[i].extra != 0)
            sc->pending[i].extra = e[sc->pending[i].extra - 1].live;
    for (size_t i = 0; i < sc->n_pending_extra; i++)
        if (e[i].live != 0)
            e[e[i].live - 1] = e[i]; /* (live stays its place + 1: not 0) */
    sc->n_pending_extra = next;
}

/* Drop pending contact p's extra (it leaves the table). */
static void drop_extra(carealign_scorecard *sc, const carealign__sc_pending *p)
{
    if (p->extra == 0)
        return;
    sc->pending_extra[p->extra - 1].live = 0;
    sc->n_pending_extra_live--;
}

/* Drop the pending contacts of people lo .. hi (empty when hi < lo) with
 * their extras; the others keep their order. */
static void drop_people(carealign_scorecard *sc, int64_t lo, int64_t hi)
{
    size_t keep = 0;
    for (size_t i = 0; i < sc->n_pending; i++) {
        const int32_t person = sc->pending[i].person;
        if (person >= lo && person <= hi)
            drop_extra(sc, &sc->pending[i]);
        else
            sc->pending[keep++] = sc->pending[i];
    }
    sc->n_pending = keep;
    extras_reclaim(sc);
}

void carealign__sc_pending_remove_person(carealign_scorecard *sc, int32_t person)
{
    drop_people(sc, person, person);
}

void carealign__sc_pending_keep_from(carealign_scorecard *sc, int32_t next)
{
    drop_people(sc, INT32_MIN, (int64_t)next - 1);
}

void carealign__sc_pending_clear(carealign_scorecard *sc)
{
    sc->n_pending = 0;
    extras_reclaim(sc);
}
