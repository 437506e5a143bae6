/* carealign__sc_sort_responses / _contacts (internal, lib/scorecard/order.c):
 * the order close_person and close_all process a person's records in. The
 * reference is the documented order (docs/scorecard.md, "The order of a
 * person's records") written out here on its own and applied by qsort: each
 * sort must give the reference array byte for byte, for tables grouped by
 * person in ascending order (the per-person path, with runs of 0 to 80
 * records, so both the short-run and the qsort-run branches), grouped in
 * descending order and shuffled (the whole-table path), with many ties on
 * the leading keys and exact duplicates. */
#include "cmocka_all.h"
#include "xorshift.h"

#include <stdlib.h>
#include <string.h>

#include "scorecard/internal.h"
#include "ref_contact.h"

#define MAXN 6000

static uint32_t rng = 2463534242u;
static int32_t rnd(int32_t n)
{
    return carealign_test_rnd(&rng, n);
}

/* The documented orders, independently of order.c. */
static int ref_resp(const void *x, const void *y)
{
    const carealign__sc_scored *a = x, *b = y;
    const int32_t ka[4] = {a->person, a->day, a->vs, a->org};
    const int32_t kb[4] = {b->person, b->day, b->vs, b->org};
    for (int i = 0; i < 4; i++)
        if (ka[i] != kb[i])
            return ka[i] < kb[i] ? -1 : 1;
    if (a->score != b->score)
        return a->score < b->score ? -1 : 1;
    if (a->weight != b->weight)
        return a->weight < b->weight ? -1 : 1;
    if (a->flags != b->flags)
        return a->flags < b->flags ? -1 : 1;
    return 0;
}

enum { ASCENDING, DESCENDING, SHUFFLED };

/* Person of row i of n rows in `layout`, and how many people (runs of 0 to
 * 80 rows in the grouped layouts). */
static size_t make_people(int32_t *person, int layout)
{
    size_t n = 0;
    for (int32_t p = 0; n < MAXN - 80; p++) {
        int32_t len = rnd(4) == 0 ? rnd(81) : rnd(6);
        for (int32_t k = 0; k < len; k++)
            person[n++] = layout == DESCENDING ? 100000 - p : p * 3;
    }
    if (layout == SHUFFLED)
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = (size_t)rnd((int32_t)(i + 1));
            int32_t t = person[i];
            person[i] = person[j];
            person[j] = t;
        }
    return n;
}

static void check_contacts(int layout)
{
    static int32_t person[MAXN];
    static carealign_contact got[MAXN], want[MAXN];
    size_t n = make_people(person, layout);
    for (size_t i = 0; i < n; i++) {
        carealign_contact *c = &got[i];
        memset(c, 0, sizeof *c);
        c->size = sizeof *c;
        c->person = person[i];
        c->start_day = 20000 * (rnd(3) - 1) + rnd(5); /* days before 1970 too, many ties */
        c->org = rnd(3);
        c->type = rnd(4);
        c->staff_minutes = rnd(2);
        if (i > 0 && rnd(10) == 0 && got[i - 1].person == c->person)
            *c = got[i - 1]; /* an exact duplicate */
    }
    memcpy(want, got, n * sizeof *got);
    qsort(want, n, sizeof *want, ref_contact);
    carealign__sc_sort_contacts(got, n);
    assert_memory_equal(got, want, n * sizeof *got);
}

static void check_responses(int layout)
{
    static int32_t person[MAXN];
    static carealign__sc_scored got[MAXN], want[MAXN];
    size_t n = make_people(person, layout);
    for (size_t i = 0; i < n; i++) {
        carealign__sc_scored *r = &got[i];
        memset(r, 0, sizeof *r);
        r->person = person[i];
        r->day = 20000 * (rnd(3) - 1) + rnd(3); /* days before 1970 too */
        r->vs = rnd(2);
        r->org = rnd(3) - 1;
        r->score = 0.25 * rnd(3);
        r->weight = 1.0 + rnd(2);
        r->flags = (uint32_t)rnd(2);
        if (i > 0 && rnd(10) == 0 && got[i - 1].person == r->person)
            *r = got[i - 1];
    }
    memcpy(want, got, n * sizeof *got);
    qsort(want, n, sizeof *want, ref_resp);
    carealign__sc_sort_responses(got, n);
    assert_memory_equal(got, want, n * sizeof *got);
}

/* In each person's run of n records of `size` bytes at base (grouped as
 * `person` says), shuffle the records from a random position on (the run's
 * length: none), so that runs come whole or partly in order. */
static void shuffle_run_tails(unsigned char *base, const int32_t *person, size_t n, size_t size)
{
    unsigned char t[sizeof(carealign_contact)];
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && person[b] == person[a]; b++)
            ;
        size_t from = a + (size_t)rnd((int32_t)(b - a + 1));
        for (size_t i = b; i-- > from + 1;) {
            size_t j = from + (size_t)rnd((int32_t)(i - from + 1));
            memcpy(t, base + i * size, size);
            memcpy(base + i * size, base + j * size, size);
            memcpy(base + j * size, t, size);
        }
    }
}

/* Runs already in order, whole or up to some record: the same arrays. */
static void test_runs_partly_in_order(void **state)
{
    (void)state;
    static int32_t person[MAXN];
    static carealign_contact got[MAXN], want[MAXN];
    static carealign__sc_scored rgot[MAXN], rwant[MAXN];
    for (int rep = 0; rep < 20; rep++) {
        size_t n = make_people(person, ASCENDING);
        for (size_t i = 0; i < n; i++) {
            memset(&want[i], 0, sizeof want[i]);
            want[i].size = sizeof want[i];
            want[i].person = person[i];
            want[i].start_day = rnd(8);
            want[i].org = rnd(3);
            memset(&rwant[i], 0, sizeof rwant[i]);
            rwant[i].person = person[i];
            rwant[i].day = rnd(8);
            rwant[i].vs = rnd(2);
        }
        qsort(want, n, sizeof *want, ref_contact);
        qsort(rwant, n, sizeof *rwant, ref_resp);
        memcpy(got, want, n * sizeof *got);
        memcpy(rgot, rwant, n * sizeof *rgot);
        shuffle_run_tails((unsigned char *)got, person, n, sizeof *got);
        shuffle_run_tails((unsigned char *)rgot, person, n, sizeof *rgot);
        carealign__sc_sort_contacts(got, n);
        carealign__sc_sort_responses(rgot, n);
        assert_memory_equal(got, want, n * sizeof *got);
        assert_memory_equal(rgot, rwant, n * sizeof *rgot);
    }
}

/* carealign__sc_sort_responses_table then _run on each person's run (as
 * close_all sorts): runs in order, partly in order, reversed, with ties on
 * every key and exact duplicates, 0 to 80 records: the reference array. */
static void test_response_runs(void **state)
{
    (void)state;
    static int32_t person[MAXN];
    static carealign__sc_scored got[MAXN], want[MAXN];
    for (int rep = 0; rep < 30; rep++) {
        size_t n = make_people(person, ASCENDING);
        for (size_t i = 0; i < n; i++) {
            carealign__sc_scored *r = &want[i];
            memset(r, 0, sizeof *r);
            r->person = person[i];
            r->day = rnd(4);
            r->vs = rnd(2);
            r->org = rnd(3) - 1;
            r->score = 0.5 * rnd(3);
            r->weight = 1.0 + rnd(2);
            r->flags = (uint32_t)rnd(2);
            if (i > 0 && rnd(10) == 0 && want[i - 1].person == r->person)
                *r = want[i - 1];
        }
        qsort(want, n, sizeof *want, ref_resp);
        memcpy(got, want, n * sizeof *got);
        if (rep % 3 == 1)
            shuffle_run_tails((unsigned char *)got, person, n, sizeof *got);
        if (rep % 3 == 2) /* each run reversed */
            for (size_t a = 0, b; a < n; a = b) {
                for (b = a + 1; b < n && person[b] == person[a]; b++)
                    ;
                for (size_t i = a, j = b - 1; i < j; i++, j--) {
                    carealign__sc_scored t = got[i];
                    got[i] = got[j];
                    got[j] = t;
                }
            }
        assert_int_equal(carealign__sc_sort_responses_table(got, n), 1);
        for (size_t a = 0, b; a < n; a = b) {
            for (b = a + 1; b < n && person[b] == person[a]; b++)
                ;
            carealign__sc_sort_responses_run(got + a, b - a);
        }
        assert_memory_equal(got, want, n * sizeof *got);
    }
}

static void test_contacts(void **state)
{
    (void)state;
    for (int rep = 0; rep < 20; rep++)
        for (int layout = ASCENDING; layout <= SHUFFLED; layout++)
            check_contacts(layout);
}

static void test_responses(void **state)
{
    (void)state;
    for (int rep = 0; rep < 20; rep++)
        for (int layout = ASCENDING; layout <= SHUFFLED; layout++)
            check_responses(layout);
}

static void test_empty_and_single(void **state)
{
    (void)state;
    carealign_contact c;
    memset(&c, 0, sizeof c);
    c.person = 4;
    carealign__sc_sort_contacts(NULL, 0);
    carealign__sc_sort_contacts(&c, 1);
    assert_int_equal(c.person, 4);
    carealign__sc_scored r;
    memset(&r, 0, sizeof r);
    r.day = 9;
    carealign__sc_sort_responses(NULL, 0);
    carealign__sc_sort_responses(&r, 1);
    assert_int_equal(r.day, 9);
}

/* carealign__sc_day_order against a qsort of (day, position) pairs: runs
 * of 0 to 32 days with many ties, at the ends of the date range, and with
 * days outside it (INT32_MIN, INT32_MAX: the day keys' path). */
typedef struct day_pos {
    int32_t day;
    unsigned char pos;
} day_pos;

static int cmp_day_pos(const void *x, const void *y)
{
    const day_pos *a = x, *b = y;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

static void test_day_order(void **state)
{
    (void)state;
    const int32_t ends[6] = {CAREALIGN_DATE_MIN, CAREALIGN_DATE_MIN + 1,
                             CAREALIGN_DATE_MAX, CAREALIGN_DATE_MAX - 1,
                             INT32_MIN,          INT32_MAX};
    for (int round = 0; round < 4000; round++) {
        const size_t n = (size_t)rnd(CAREALIGN__SC_SMALL_RUN + 1);
        const int kind = round % 4; /* 0, 1: in range; 2: the ends; 3: some outside */
        int32_t day[CAREALIGN__SC_SMALL_RUN];
        day_pos want[CAREALIGN__SC_SMALL_RUN];
        unsigned char got[CAREALIGN__SC_SMALL_RUN];
        for (size_t i = 0; i < n; i++) {
            day[i] = kind == 0 ? 20000 * (rnd(3) - 1) + rnd(4)
                     : kind == 1
                         ? CAREALIGN_DATE_MIN + rnd(CAREALIGN_DATE_MAX - CAREALIGN_DATE_MIN + 1)
                     : kind == 2 ? ends[rnd(4)]
                                 : ends[rnd(6)];
            want[i].day = day[i];
            want[i].pos = (unsigned char)i;
        }
        qsort(want, n, sizeof *want, cmp_day_pos);
        memset(got, 0xff, sizeof got);
        carealign__sc_day_order(day, n, got);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(got[i], want[i].pos);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contacts),         cmocka_unit_test(test_responses),
        cmocka_unit_test(test_empty_and_single), cmocka_unit_test(test_runs_partly_in_order),
        cmocka_unit_test(test_day_order),        cmocka_unit_test(test_response_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
