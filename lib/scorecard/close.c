/* Closing people: close_person, close_all and close_before take each
 * closed person's held records (responses and pending contacts) to
 * carealign__sc_process_person (process.c) and mark the person closed, so
 * that a record fed for them later is rejected (docs/scorecard.md). */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "scorecard/internal.h"

static carealign_status mark_closed(carealign_scorecard *sc, int32_t id)
{
    size_t b = (size_t)id / 8;
    if (b >= sc->closed_bytes) {
        size_t n = sc->closed_bytes < 64 ? 64 : sc->closed_bytes;
        while (n <= b)
            n *= 2;
        uint8_t *q = carealign__realloc(sc->closed, n);
        if (q == NULL)
            return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
        memset(q + sc->closed_bytes, 0, n - sc->closed_bytes);
        sc->closed = q;
        sc->closed_bytes = n;
    }
    sc->closed[b] = (uint8_t)(sc->closed[b] | (1u << (id % 8)));
    return CAREALIGN_OK;
}

/* Room in sc->closed for the bits up to open person id's, made before
 * anything moves so that nothing fails after; id's bit stays clear. */
static carealign_status closed_room(carealign_scorecard *sc, int32_t id)
{
    carealign_status st = mark_closed(sc, id);
    if (st == CAREALIGN_OK)
        sc->closed[(size_t)id / 8] = (uint8_t)(sc->closed[(size_t)id / 8] & ~(1u << (id % 8)));
    return st;
}

carealign_status carealign_scorecard_close_person(carealign_scorecard *sc, int32_t person)
{
    if (sc == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_close_person: NULL scorecard");
    if (sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_close_person: after finalize");
    int32_t k = person < 0 ? -1 : carealign__sc_person_find(sc, person);
    if (k < 0)
        return carealign__error(CAREALIGN_EINVAL,
                                "scorecard_close_person: person not fed or already closed");
    /* Make room first so that nothing fails after records are moved. */
    carealign_status st = closed_room(sc, person);
    if (st != CAREALIGN_OK)
        return st;
    /* The person's responses moved to the front of the pending array, its
     * contacts expanded (pending.c), both sorted. */
    size_t nr = 0, nc = 0;
    for (size_t i = 0; i < sc->n_resp; i++)
        if (sc->resp[i].person == person) {
            if (i != nr) { /* (grouped: all of them the person's, none moved) */
                carealign__sc_scored t = sc->resp[nr];
                sc->resp[nr] = sc->resp[i];
                sc->resp[i] = t;
            }
            nr++;
        }
    carealign__sc_sort_responses_run(sc->resp, nr); /* (all of them the person's) */
    carealign_contact *contacts = NULL;
    st = carealign__sc_pending_person(sc, person, &contacts, &nc);
    if (st == CAREALIGN_OK)
        st = carealign__sc_process_person(sc, &sc->people[k], sc->resp, nr, contacts, nc);
    if (st != CAREALIGN_OK)
        return st;
    if (nr > 0)
        memmove(sc->resp, sc->resp + nr, (sc->n_resp - nr) * sizeof *sc->resp);
    sc->n_resp -= nr;
    if (nc == sc->n_pending) /* all of them: grouped mode */
        carealign__sc_pending_clear(sc);
    else if (nc > 0)
        carealign__sc_pending_remove_person(sc, person);
    mark_closed(sc, person);
    return carealign__sc_person_remove(sc, k);
}

static int cmp_person(const void *x, const void *y)
{
    const carealign__sc_person *a = x, *b = y;
    return a->rec.person < b->rec.person ? -1 : a->rec.person > b->rec.person;
}

/* Are the open people in ascending order of id already (ids are unique)? */
static int people_ascending(const carealign_scorecard *sc)
{
    for (size_t i = 1; i < sc->n_people; i++)
        if (sc->people[i].rec.person < sc->people[i - 1].rec.person)
            return 0;
    return 1;
}

/* How many of the open people, in ascending order, have an index below end. */
static size_t people_below(const carealign_scorecard *sc, int64_t end)
{
    size_t lo = 0, hi = sc->n_people;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sc->people[mid].rec.person < end)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Drop the first `done` open people (in ascending order, processed) and their
 * held records; the others and theirs stay, re-indexed. */
static void drop_processed(carealign_scorecard *sc, size_t done)
{
    size_t keep_r = 0;
    if (done < sc->n_people) {
        int32_t next = sc->people[done].rec.person;
        for (size_t i = 0; i < sc->n_resp; i++)
            if (sc->resp[i].person >= next)
                sc->resp[keep_r++] = sc->resp[i];
        carealign__sc_pending_keep_from(sc, next);
    } else {
        carealign__sc_pending_clear(sc);
    }
    sc->n_resp = keep_r;
    if (done > 0 && done < sc->n_people)
        memmove(sc->people, sc->people + done, (sc->n_people - done) * sizeof *sc->people);
    sc->n_people -= done;
    carealign__sc_people_reindex(sc);
}

/* Close the open people whose index is below `end` (INT64_MAX: all) in
 * ascending order of index, as close_person does each: close_all and
 * close_before. The rest stay open with their records. Each call costs
 * time in proportion to the open people, the held records and the people
 * index's slots (not only the people closed). */
static carealign_status close_below(carealign_scorecard *sc, int64_t end)
{
    if (!people_ascending(sc))
        qsort(sc->people, sc->n_people, sizeof *sc->people, cmp_person);
    const size_t n = people_below(sc, end);
    if (n == 0)
        return CAREALIGN_OK;
    /* Room for the closed bits of those people first. */
    carealign_status st = closed_room(sc, sc->people[n - 1].rec.person);
    if (st != CAREALIGN_OK)
        return st;
    /* Grouped tables: each person's run is sorted just before it is
     * processed, while it is in cache, not in a pass of its own; contacts
     * are expanded then (pending.c), grouped or not. */
    int runs_r = carealign__sc_sort_responses_table(sc->resp, sc->n_resp);
    carealign__sc_sort_pending_table(sc->pending, sc->n_pending);
    const carealign__sc_pending *pc = sc->pending;
    size_t r = 0, k = 0, done = 0;
    for (; done < n; done++) {
        const carealign__sc_person *p = &sc->people[done];
        int32_t id = p->rec.person;
        while (r < sc->n_resp && sc->resp[r].person < id)
            r++;
        while (k < sc->n_pending && pc[k].person < id)
            k++;
        size_t r1 = r, k1 = k;
        while (r1 < sc->n_resp && sc->resp[r1].person == id)
            r1++;
        while (k1 < sc->n_pending && pc[k1].person == id)
            k1++;
        if (runs_r && r1 > r) /* (resp is NULL when there are none) */
            carealign__sc_sort_responses_run(sc->resp + r, r1 - r);
        carealign_contact *contacts = NULL;
        st = carealign__sc_pending_run(sc, k, k1 - k, &contacts);
        if (st == CAREALIGN_OK)
            st = carealign__sc_process_person(sc, p, r1 > r ? sc->resp + r : NULL, r1 - r, contacts,
                                              k1 - k);
        if (st != CAREALIGN_OK)
            break;
        mark_closed(sc, id);
        r = r1;
        k = k1;
    }
    drop_processed(sc, done);
    return st;
}

carealign_status carealign_scorecard_close_all(carealign_scorecard *sc)
{
    if (sc == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_close_all: NULL scorecard");
    if (sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_close_all: after finalize");
    return close_below(sc, INT64_MAX);
}

carealign_status carealign_scorecard_close_before(carealign_scorecard *sc, int32_t person_end)
{
    if (sc == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_close_before: NULL scorecard");
    if (sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_close_before: after finalize");
    if (person_end < 0)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_close_before: negative person_end");
    return close_below(sc, person_end);
}
