/* The columnar batch: the same figures as the builder, person by person,
 * for rows in person order and in any order; rows out of order with
 * CAREALIGN_JOPT_INPUT_SORTED are refused; bad rows are rejected one by one.
 * The builder itself is tested in test_journey.c against hand-derived values. */
#include "cmocka_all.h"
#include "xorshift.h"

#include <stdlib.h>
#include <string.h>

#include "carealign/journey.h"

#define ROWS 400
#define PEOPLE 37

typedef struct table {
    int32_t person[ROWS], org[ROWS], sector[ROWS], type[ROWS], start[ROWS], end[ROWS], minute[ROWS],
        prof[ROWS], subtype[ROWS], method[ROWS], dest[ROWS], ready[ROWS], staff[ROWS];
    int64_t activity[ROWS], cost[ROWS];
    size_t n;
} table;

static uint32_t rng = 2463534242u;
static int32_t rnd(int32_t n)
{
    return carealign_test_rnd(&rng, n);
}

static void make(table *t)
{
    t->n = ROWS;
    for (size_t i = 0; i < ROWS; i++) {
        t->person[i] = rnd(PEOPLE - 2); /* the last two people have no rows */
        t->org[i] = rnd(6);
        t->sector[i] = 1 + rnd(7);
        t->type[i] = 1 + rnd(15);
        t->start[i] = 1000 + rnd(200);
        t->end[i] = rnd(3) == 0 ? t->start[i] + rnd(10) : CAREALIGN_NA_I32;
        t->minute[i] = rnd(2) ? rnd(1440) : CAREALIGN_NA_I32;
        t->prof[i] = rnd(2) ? rnd(20) : CAREALIGN_NA_I32;
        t->subtype[i] = rnd(2) ? rnd(3) : CAREALIGN_NA_I32;
        t->method[i] = rnd(2) ? 21 + rnd(3) : CAREALIGN_NA_I32;
        t->dest[i] = rnd(2) ? 19 : CAREALIGN_NA_I32;
        t->ready[i] = rnd(4) == 0 ? t->start[i] + rnd(5) : CAREALIGN_NA_I32;
        t->staff[i] = rnd(60);
        t->activity[i] = rnd(2) ? 1 + rnd(4) : CAREALIGN_NA_I64;
        t->cost[i] = rnd(5) == 0 ? 100 * rnd(50) : CAREALIGN_NA_I64;
    }
    /* one row with its end before its start */
    t->end[7] = t->start[7] - 1;
}

static carealign_contact_columns columns(const table *t)
{
    carealign_contact_columns c;
    carealign_contact_columns_init(&c, sizeof c);
    c.n = t->n;
    c.person = t->person;
    c.org = t->org;
    c.sector = t->sector;
    c.type = t->type;
    c.start_day = t->start;
    c.end_day = t->end;
    c.start_minute = t->minute;
    c.professional = t->prof;
    c.subtype = t->subtype;
    c.admission_method = t->method;
    c.discharge_destination = t->dest;
    c.discharge_ready_day = t->ready;
    c.staff_minutes = t->staff;
    c.activity = t->activity;
    c.cost_pence = t->cost;
    return c;
}

static carealign_journey_options options(void)
{
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = 1000;
    o.period_end = 1150;
    o.reablement_followup_days = 30;
    o.reablement_before = 7;
    o.reablement_after = 3;
    return o;
}

static int32_t birth_year[PEOPLE], birth_month[PEOPLE], death[PEOPLE];

/* The person columns over birth_year, birth_month and death (PEOPLE rows). */
static carealign_person_columns people_columns(void)
{
    carealign_person_columns pc;
    carealign_person_columns_init(&pc, sizeof pc);
    pc.n = PEOPLE;
    pc.birth_year = birth_year;
    pc.birth_month = birth_month;
    pc.death_day = death;
    return pc;
}

/* The builder's figures for person p, from the rows in table order. */
static carealign_journey_result expected(carealign_journey *j, const table *t, int32_t p,
                                         const carealign_journey_options *o)
{
    carealign_journey_reset(j);
    carealign_person pe;
    carealign_person_init(&pe, sizeof pe);
    pe.person = p;
    pe.has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_DEATH;
    pe.birth_year = birth_year[p];
    pe.birth_month = birth_month[p];
    pe.death_day = death[p];
    assert_int_equal(carealign_journey_set_person(j, &pe), CAREALIGN_OK);
    for (size_t i = 0; i < t->n; i++) {
        if (t->person[i] != p)
            continue;
        carealign_contact c;
        carealign_contact_init(&c, sizeof c);
        c.org = t->org[i];
        c.sector = t->sector[i];
        c.type = t->type[i];
        c.start_day = t->start[i];
        if (t->end[i] != CAREALIGN_NA_I32) {
            c.has |= CAREALIGN_CONTACT_HAS_END;
            c.end_day = t->end[i];
        }
        if (t->minute[i] != CAREALIGN_NA_I32) {
            c.has |= CAREALIGN_CONTACT_HAS_START_MINUTE;
            c.start_minute = t->minute[i];
        }
        if (t->prof[i] != CAREALIGN_NA_I32) {
            c.has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
            c.professional = t->prof[i];
        }
        if (t->subtype[i] != CAREALIGN_NA_I32) {
            c.has |= CAREALIGN_CONTACT_HAS_SUBTYPE;
            c.subtype = t->subtype[i];
        }
        if (t->method[i] != CAREALIGN_NA_I32) {
            c.has |= CAREALIGN_CONTACT_HAS_ADMISSION_METHOD;
            c.admission_method = t->method[i];
        }
        if (t->dest[i] != CAREALIGN_NA_I32) {
            c.has |= CAREALIGN_CONTACT_HAS_DESTINATION;
            c.discharge_destination = t->dest[i];
        }
        if (t->ready[i] != CAREALIGN_NA_I32) {
            c.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
            c.discharge_ready_day = t->ready[i];
        }
        c.staff_minutes = t->staff[i];
        if (t->activity[i] != CAREALIGN_NA_I64) {
            c.has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
            c.activity = t->activity[i];
        }
        if (t->cost[i] != CAREALIGN_NA_I64) {
            c.has |= CAREALIGN_CONTACT_HAS_COST;
            c.cost_pence = t->cost[i];
        }
        carealign_status s = carealign_journey_add_contact(j, &c);
        assert_true(s == CAREALIGN_OK || (i == 7 && s == CAREALIGN_EINVAL));
    }
    carealign_journey_result r;
    carealign_journey_result_init(&r, sizeof r);
    assert_int_equal(carealign_journey_compute(j, o, &r), CAREALIGN_OK);
    r.person = p;
    return r;
}

static void sort_by_person(table *t)
{
    /* stable insertion sort of whole rows by person */
    for (size_t i = 1; i < t->n; i++) {
        for (size_t k = i; k > 0 && t->person[k - 1] > t->person[k]; k--) {
#define SWAP(f)                                                                                    \
    do {                                                                                           \
        __typeof__(t->f[0]) x = t->f[k];                                                           \
        t->f[k] = t->f[k - 1];                                                                     \
        t->f[k - 1] = x;                                                                           \
    } while (0)
            SWAP(person);
            SWAP(org);
            SWAP(sector);
            SWAP(type);
            SWAP(start);
            SWAP(end);
            SWAP(minute);
            SWAP(prof);
            SWAP(subtype);
            SWAP(method);
            SWAP(dest);
            SWAP(ready);
            SWAP(staff);
            SWAP(activity);
            SWAP(cost);
#undef SWAP
        }
    }
}

static table tab;

static void batch_matches_builder(void **state)
{
    (void)state;
    make(&tab);
    for (int p = 0; p < PEOPLE; p++) {
        birth_year[p] = 1930 + p;
        birth_month[p] = 1 + p % 12;
        death[p] = 1100 + 3 * p;
    }
    carealign_person_columns pc = people_columns();
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    carealign_journey_options o = options();
    carealign_journey_result want[PEOPLE];
    for (int32_t p = 0; p < PEOPLE; p++)
        want[p] = expected(j, &tab, p, &o);
    assert_true(want[PEOPLE - 1].flags & CAREALIGN_JR_NO_CONTACTS);

    /* any order */
    carealign_journey_result got[PEOPLE];
    got[0].size = sizeof got[0];
    int32_t status[ROWS];
    size_t rejected = 0;
    carealign_contact_columns cc = columns(&tab);
    assert_int_equal(carealign_journey_batch(j, &cc, &pc, &o, got, PEOPLE, status, &rejected),
                     CAREALIGN_OK);
    assert_int_equal(rejected, 1);
    assert_int_equal(status[7], CAREALIGN_EINVAL);
    assert_int_equal(status[8], CAREALIGN_OK);
    assert_memory_equal(got, want, sizeof want);

    /* rows out of order are refused with INPUT_SORTED, nothing written */
    o.flags |= CAREALIGN_JOPT_INPUT_SORTED;
    memset(got, 0x5A, sizeof got);
    got[0].size = sizeof got[0];
    assert_int_equal(carealign_journey_batch(j, &cc, &pc, &o, got, PEOPLE, NULL, NULL),
                     CAREALIGN_EINVAL);
    assert_int_equal(got[1].person, 0x5A5A5A5A);

    /* in person order: the same figures without the sort */
    sort_by_person(&tab);
    for (size_t i = 0; i < tab.n; i++)
        if (tab.end[i] != CAREALIGN_NA_I32 && tab.end[i] < tab.start[i])
            tab.end[i] = tab.start[i]; /* no bad row this time */
    for (int32_t p = 0; p < PEOPLE; p++)
        want[p] = expected(j, &tab, p, &o);
    cc = columns(&tab);
    assert_int_equal(carealign_journey_batch(j, &cc, &pc, &o, got, PEOPLE, status, &rejected),
                     CAREALIGN_OK);
    assert_int_equal(rejected, 0);
    assert_memory_equal(got, want, sizeof want);
    carealign_journey_free(j);
}

/* Person indices outside 0..n_results-1 are rejected rows; a wider result
 * stride is honoured and its tail zero-filled; person columns with their
 * own person index. */
static void rejected_rows_and_stride(void **state)
{
    (void)state;
    int32_t person[5] = {1, -1, 1, 5, 0};
    int32_t org[5] = {1, 1, 2, 1, 3}, sector[5] = {4, 4, 4, 4, 4};
    int32_t type[5] = {6, 6, 6, 6, 6}, start[5] = {10, 11, 12, 13, 14};
    carealign_contact_columns cc;
    carealign_contact_columns_init(&cc, sizeof cc);
    cc.n = 5;
    cc.person = person;
    cc.org = org;
    cc.sector = sector;
    cc.type = type;
    cc.start_day = start;
    int32_t pp[2] = {1, 0}, dd[2] = {11, 500};
    carealign_person_columns pc;
    carealign_person_columns_init(&pc, sizeof pc);
    pc.n = 2;
    pc.person = pp;
    pc.death_day = dd;
    struct wide {
        carealign_journey_result r;
        int64_t tail;
    } out[3];
    memset(out, 0x77, sizeof out);
    out[0].r.size = sizeof out[0];
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    int32_t status[5];
    size_t rejected = 0;
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = 0;
    o.period_end = 99;
    for (int sorted = 0; sorted < 2; sorted++) {
        o.flags = sorted ? CAREALIGN_JOPT_INPUT_SORTED : 0;
        if (sorted) {
            /* in-range rows in person order: 0, 1, 1 with the bad ones between */
            int32_t sp[5] = {0, -1, 1, 5, 1};
            memcpy(person, sp, sizeof sp);
        }
        int rc = carealign_journey_batch(j, &cc, &pc, &o, &out[0].r, 3, status, &rejected);
        assert_int_equal(rc, CAREALIGN_OK);
        assert_int_equal(rejected, 2);
        assert_int_equal(status[1], CAREALIGN_EINVAL);
        assert_int_equal(status[3], CAREALIGN_EINVAL);
        assert_int_equal(status[0], CAREALIGN_OK);
        for (int p = 0; p < 3; p++) {
            assert_int_equal(out[p].r.size, sizeof out[p]);
            assert_int_equal(out[p].r.person, p);
            assert_int_equal(out[p].tail, 0);
        }
        assert_int_equal(out[1].r.n_contacts, 2);
        /* person 1 died on day 11 (person row 0) */
        assert_int_equal(out[1].r.days_alive, 11);
        assert_int_equal(out[0].r.days_alive, 100);
        assert_int_equal(out[2].r.n_contacts, 0);
        assert_true(out[2].r.flags & CAREALIGN_JR_NO_CONTACTS);
        assert_int_equal(out[2].r.days_alive, 100);
    }
    /* required columns */
    cc.org = NULL;
    assert_int_equal(carealign_journey_batch(j, &cc, NULL, NULL, &out[0].r, 3, NULL, NULL),
                     CAREALIGN_EINVAL);
    cc.org = org;
    out[0].r.size = 100;
    assert_int_equal(carealign_journey_batch(j, &cc, NULL, NULL, &out[0].r, 3, NULL, NULL),
                     CAREALIGN_EINVAL);
    /* an empty table: every person gets the no-contacts figures */
    cc.n = 0;
    out[0].r.size = sizeof out[0];
    assert_int_equal(carealign_journey_batch(j, &cc, NULL, NULL, &out[0].r, 3, NULL, &rejected),
                     CAREALIGN_OK);
    assert_int_equal(rejected, 0);
    assert_true(out[1].r.flags & CAREALIGN_JR_NO_CONTACTS);
    carealign_journey_free(j);
}

/* Five shuffled rows of two people (0: rows 1, 2, 4; 1: rows 0, 3) with
 * these sectors, types and end days (NULL: none), row 3 bad: with and
 * without row statuses it is the one rejected, and the error message
 * names it ("row 3") and says `said`. */
static void row3_rejected(const int32_t sector[5], const int32_t type[5], const int32_t *end,
                          const char *said)
{
    int32_t person[5] = {1, 0, 0, 1, 0};
    int32_t org[5] = {1, 1, 2, 1, 3}, start[5] = {10, 11, 12, 13, 14};
    carealign_contact_columns cc;
    carealign_contact_columns_init(&cc, sizeof cc);
    cc.n = 5;
    cc.person = person;
    cc.org = org;
    cc.sector = sector;
    cc.type = type;
    cc.start_day = start;
    cc.end_day = end;
    carealign_journey_result out[2];
    out[0].size = sizeof out[0];
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    int32_t status[5];
    for (int with_status = 0; with_status < 2; with_status++) {
        size_t rejected = 0;
        assert_int_equal(carealign_journey_batch(j, &cc, NULL, NULL, out, 2,
                                                 with_status ? status : NULL, &rejected),
                         CAREALIGN_OK);
        assert_int_equal(rejected, 1);
        assert_non_null(strstr(carealign_last_error(), "row 3"));
        assert_non_null(strstr(carealign_last_error(), said));
        assert_int_equal(out[1].n_contacts, 1);
        assert_int_equal(out[1].n_rejected, 1);
        assert_int_equal(out[0].n_contacts, 3);
        assert_int_equal(out[0].n_sectors, 1);
    }
    assert_int_equal(status[3], CAREALIGN_EINVAL);
    assert_int_equal(status[0], CAREALIGN_OK);
    carealign_journey_free(j);
}

/* A bad row in a shuffled table is named by its row number in the
 * caller's table (rows are 0-based, as row_status is indexed), whether or
 * not row statuses are asked for: here the end before its start is row 3,
 * the second row of person 1, whose rows are grouped after person 0's. */
static void shuffled_bad_row_named_by_caller_row(void **state)
{
    (void)state;
    const int32_t sector[5] = {4, 4, 4, 4, 4}, type[5] = {6, 6, 6, 6, 6};
    const int32_t end[5] = {10, 11, 12, 9, 14};
    row3_rejected(sector, type, end, "row 3:");
}

/* A sector or type out of the ranges the shuffled batch packs (type above
 * 15, sector above 31 or negative, NA) is read again from the caller's
 * row: the row is rejected and named with the caller's value, with or
 * without row statuses, and the other rows count as before. */
static void shuffled_out_of_range_sector_or_type(void **state)
{
    (void)state;
    const int32_t bad_sector[4] = {40, -1, 4, 4}, bad_type[4] = {6, 6, 99, CAREALIGN_NA_I32};
    /* the caller's value is the one named (not a packed placeholder) */
    const char *said[4] = {"sector 40 ", "sector -1 ", "type 99 ", "has no org"};
    for (int v = 0; v < 4; v++) {
        int32_t sector[5] = {4, 4, 4, 4, 4}, type[5] = {6, 6, 6, 6, 6};
        sector[3] = bad_sector[v];
        type[3] = bad_type[v];
        row3_rejected(sector, type, NULL, said[v]);
    }
}

/* Many people over few rows each: the unsorted batch groups rows in
 * buckets of people and several buckets are used; every person's figures
 * equal the builder's over that person's rows in table order, and every
 * row status is the builder's. */
#define BIG_PEOPLE 70000
#define BIG_ROWS 150000
static void many_people_unsorted_matches_builder(void **state)
{
    (void)state;
    int32_t *col[13];
    for (int c = 0; c < 13; c++) {
        col[c] = malloc(BIG_ROWS * sizeof(int32_t));
        assert_non_null(col[c]);
    }
    int64_t *act = malloc(BIG_ROWS * sizeof *act), *cost = malloc(BIG_ROWS * sizeof *cost);
    int32_t *status = malloc(BIG_ROWS * sizeof *status);
    carealign_journey_result *got = malloc(BIG_PEOPLE * sizeof *got);
    size_t *first = malloc((BIG_PEOPLE + 1) * sizeof *first),
           *rows = malloc(BIG_ROWS * sizeof *rows);
    assert_true(act && cost && status && got && first && rows);
    for (size_t i = 0; i < BIG_ROWS; i++) {
        col[0][i] = rnd(100) == 0 ? BIG_PEOPLE + rnd(3) : rnd(BIG_PEOPLE); /* some out of range */
        col[1][i] = rnd(6);
        col[2][i] = 1 + rnd(7);
        col[3][i] = 1 + rnd(15);
        col[4][i] = 1000 + rnd(200);
        col[5][i] = rnd(3) == 0 ? col[4][i] + rnd(10) - 1 : CAREALIGN_NA_I32; /* some bad */
        col[6][i] = rnd(2) ? rnd(1440) : CAREALIGN_NA_I32;
        col[7][i] = rnd(2) ? rnd(20) : CAREALIGN_NA_I32;
        col[8][i] = rnd(2) ? rnd(3) : CAREALIGN_NA_I32;
        col[9][i] = rnd(2) ? 21 + rnd(3) : CAREALIGN_NA_I32;
        col[10][i] = rnd(2) ? 19 : CAREALIGN_NA_I32;
        col[11][i] = rnd(4) == 0 ? col[4][i] + rnd(5) : CAREALIGN_NA_I32;
        col[12][i] = rnd(60);
        act[i] = rnd(2) ? 1 + rnd(4) : CAREALIGN_NA_I64;
        cost[i] = rnd(5) == 0 ? 100 * rnd(50) : CAREALIGN_NA_I64;
    }
    carealign_contact_columns cc;
    carealign_contact_columns_init(&cc, sizeof cc);
    cc.n = BIG_ROWS;
    cc.person = col[0];
    cc.org = col[1];
    cc.sector = col[2];
    cc.type = col[3];
    cc.start_day = col[4];
    cc.end_day = col[5];
    cc.start_minute = col[6];
    cc.professional = col[7];
    cc.subtype = col[8];
    cc.admission_method = col[9];
    cc.discharge_destination = col[10];
    cc.discharge_ready_day = col[11];
    cc.staff_minutes = col[12];
    cc.activity = act;
    cc.cost_pence = cost;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    carealign_journey_options o = options();
    got[0].size = sizeof got[0];
    size_t rejected = 0;
    assert_int_equal(carealign_journey_batch(j, &cc, NULL, &o, got, BIG_PEOPLE, status, &rejected),
                     CAREALIGN_OK);
    /* rows of each person in table order */
    memset(first, 0, (BIG_PEOPLE + 1) * sizeof *first);
    for (size_t i = 0; i < BIG_ROWS; i++)
        if (col[0][i] < BIG_PEOPLE)
            first[col[0][i] + 1]++;
    for (size_t p = 0; p < BIG_PEOPLE; p++)
        first[p + 1] += first[p];
    for (size_t i = 0, *pos = first; i < BIG_ROWS; i++)
        if (col[0][i] < BIG_PEOPLE)
            rows[pos[col[0][i]]++] = i;
    for (size_t p = BIG_PEOPLE; p > 0; p--)
        first[p] = first[p - 1];
    first[0] = 0;
    size_t want_rejected = 0;
    for (size_t i = 0; i < BIG_ROWS; i++)
        if (col[0][i] >= BIG_PEOPLE) {
            want_rejected++;
            assert_int_equal(status[i], CAREALIGN_EINVAL);
        }
    for (int32_t p = 0; p < BIG_PEOPLE; p++) {
        carealign_journey_reset(j);
        for (size_t q = first[p]; q < first[p + 1]; q++) {
            size_t i = rows[q];
            carealign_contact c;
            carealign_contact_init(&c, sizeof c);
            c.org = col[1][i];
            c.sector = col[2][i];
            c.type = col[3][i];
            c.start_day = col[4][i];
            uint32_t bits[7] = {CAREALIGN_CONTACT_HAS_END,
                                CAREALIGN_CONTACT_HAS_START_MINUTE,
                                CAREALIGN_CONTACT_HAS_PROFESSIONAL,
                                CAREALIGN_CONTACT_HAS_SUBTYPE,
                                CAREALIGN_CONTACT_HAS_ADMISSION_METHOD,
                                CAREALIGN_CONTACT_HAS_DESTINATION,
                                CAREALIGN_CONTACT_HAS_READY_DAY};
            int32_t *dst[7] = {
                &c.end_day,          &c.start_minute,          &c.professional,       &c.subtype,
                &c.admission_method, &c.discharge_destination, &c.discharge_ready_day};
            for (int f = 0; f < 7; f++)
                if (col[5 + f][i] != CAREALIGN_NA_I32) {
                    c.has |= bits[f];
                    *dst[f] = col[5 + f][i];
                }
            c.staff_minutes = col[12][i];
            if (act[i] != CAREALIGN_NA_I64) {
                c.has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
                c.activity = act[i];
            }
            if (cost[i] != CAREALIGN_NA_I64) {
                c.has |= CAREALIGN_CONTACT_HAS_COST;
                c.cost_pence = cost[i];
            }
            carealign_status s = carealign_journey_add_contact(j, &c);
            assert_int_equal(status[i], s);
            if (s != CAREALIGN_OK)
                want_rejected++;
        }
        carealign_journey_result r;
        carealign_journey_result_init(&r, sizeof r);
        assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_OK);
        r.person = p;
        assert_memory_equal(&got[p], &r, sizeof r);
    }
    assert_int_equal(rejected, want_rejected);
    carealign_journey_free(j);
    for (int c = 0; c < 13; c++)
        free(col[c]);
    free(act);
    free(cost);
    free(status);
    free(got);
    free(first);
    free(rows);
}

/* Rows of a person of up to 16 rows, each kind of bad row in turn (type
 * 16, 0 or negative, sector 32 or negative, a negative org, a start of
 * INT32_MIN first or later, also among starts just above it, an end
 * before the start), sorted and not:
 * the bad row alone is rejected and the person's figures are those of the
 * table without it (the conversion of up to 16 rows checks these rows
 * apart from the others). Also a person whose first start is just above
 * INT32_MIN: the same figures as the builder's. */
static void small_person_bad_rows(void **state)
{
    (void)state;
    enum { N = 11 };
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    for (int kind = 0; kind < 11; kind++) {
        for (int sorted = 0; sorted < 2; sorted++) {
            int32_t person[N] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
            int32_t org[N] = {1, 2, 1, 3, 2, 1, 4, 4, 5, 4, 4};
            int32_t sector[N] = {1, 2, 3, 1, 2, 3, 1, 1, 2, 2, 3};
            int32_t type[N] = {6, 1, 9, 6, 4, 5, 6, 6, 4, 2, 9};
            int32_t start[N] = {100, 103, 101, 103, 110, 102, 50, 52, 51, 60, 61};
            int32_t end[N] = {CAREALIGN_NA_I32,
                              105,
                              CAREALIGN_NA_I32,
                              CAREALIGN_NA_I32,
                              112,
                              CAREALIGN_NA_I32,
                              CAREALIGN_NA_I32,
                              53,
                              CAREALIGN_NA_I32,
                              64,
                              CAREALIGN_NA_I32};
            const int bad = kind == 5 || kind == 9 ? 0 : 3; /* the bad row */
            if (kind >= 9) /* person 0's starts just above INT32_MIN */
                for (int r = 0; r < 6; r++)
                    start[r] = INT32_MIN + 10 + r;
            switch (kind) {
            case 0: type[bad] = 16; break;
            case 1: type[bad] = 0; break;
            case 2: type[bad] = -3; break;
            case 3: sector[bad] = 32; break;
            case 4: org[bad] = -1; break;
            case 5: start[bad] = INT32_MIN; break;
            case 6: start[bad] = INT32_MIN; break;
            case 7: end[bad] = start[bad] - 1; break;
            case 8: sector[bad] = -2; break;
            default: start[bad] = INT32_MIN; break;
            }
            carealign_contact_columns cc;
            carealign_contact_columns_init(&cc, sizeof cc);
            cc.person = person;
            cc.org = org;
            cc.sector = sector;
            cc.type = type;
            cc.start_day = start;
            cc.end_day = end;
            carealign_journey_options o;
            carealign_journey_options_init(&o, sizeof o);
            if (sorted)
                o.flags |= CAREALIGN_JOPT_INPUT_SORTED;
            carealign_journey_result got[2], want[2];
            got[0].size = want[0].size = sizeof got[0];
            int32_t status[N];
            size_t rejected = 0;
            cc.n = N;
            assert_int_equal(carealign_journey_batch(j, &cc, NULL, &o, got, 2, status, &rejected),
                             CAREALIGN_OK);
            assert_int_equal(rejected, 1);
            for (int r = 0; r < N; r++)
                assert_int_equal(status[r], r == bad ? CAREALIGN_EINVAL : CAREALIGN_OK);
            /* the same table without the bad row */
            for (int r = bad; r + 1 < N; r++) {
                person[r] = person[r + 1];
                org[r] = org[r + 1];
                sector[r] = sector[r + 1];
                type[r] = type[r + 1];
                start[r] = start[r + 1];
                end[r] = end[r + 1];
            }
            cc.n = N - 1;
            assert_int_equal(carealign_journey_batch(j, &cc, NULL, &o, want, 2, NULL, &rejected),
                             CAREALIGN_OK);
            assert_int_equal(rejected, 0);
            assert_int_equal(got[0].n_rejected, 1);
            assert_int_equal(got[0].n_contacts, 5);
            got[0].n_rejected = 0;
            assert_memory_equal(&got[0], &want[0], sizeof got[0]);
            assert_memory_equal(&got[1], &want[1], sizeof got[1]);
        }
    }
    /* first start just above INT32_MIN, the others after it */
    {
        int32_t person[4] = {0, 0, 0, 0}, org[4] = {1, 2, 1, 1}, sector[4] = {1, 1, 2, 1};
        int32_t type[4] = {6, 6, 4, 6};
        int32_t start[4] = {INT32_MIN + 3, INT32_MIN + 1, INT32_MIN + 400000, INT32_MIN + 2};
        carealign_contact_columns cc;
        carealign_contact_columns_init(&cc, sizeof cc);
        cc.n = 4;
        cc.person = person;
        cc.org = org;
        cc.sector = sector;
        cc.type = type;
        cc.start_day = start;
        carealign_journey_options o;
        carealign_journey_options_init(&o, sizeof o);
        o.flags |= CAREALIGN_JOPT_INPUT_SORTED;
        carealign_journey_result got, want;
        got.size = want.size = sizeof got;
        size_t rejected = 1;
        assert_int_equal(carealign_journey_batch(j, &cc, NULL, &o, &got, 1, NULL, &rejected),
                         CAREALIGN_OK);
        assert_int_equal(rejected, 0);
        carealign_journey_reset(j);
        carealign_person pe;
        carealign_person_init(&pe, sizeof pe);
        pe.person = 0;
        assert_int_equal(carealign_journey_set_person(j, &pe), CAREALIGN_OK);
        for (int r = 0; r < 4; r++) {
            carealign_contact c;
            carealign_contact_init(&c, sizeof c);
            c.org = org[r];
            c.sector = sector[r];
            c.type = type[r];
            c.start_day = start[r];
            assert_int_equal(carealign_journey_add_contact(j, &c), CAREALIGN_OK);
        }
        assert_int_equal(carealign_journey_compute(j, &o, &want), CAREALIGN_OK);
        assert_memory_equal(&got, &want, sizeof got);
        assert_int_equal(got.n_contacts, 4);
    }
    carealign_journey_free(j);
}

/* INPUT_SORTED: a row out of person order at any place (the check reads
 * four rows a step, then the rest one by one) is refused; a row naming no
 * valid person at any place is rejected and the others counted. */
static void sorted_check_every_place(void **state)
{
    (void)state;
    enum { N = 23, P = 8 };
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.flags |= CAREALIGN_JOPT_INPUT_SORTED;
    carealign_journey_result out[P];
    out[0].size = sizeof out[0];
    for (int place = 0; place < N; place++) {
        for (int kind = 0; kind < 4; kind++) {
            int32_t person[N], org[N], sector[N], type[N], start[N];
            for (int r = 0; r < N; r++) {
                person[r] = 1 + r * (P - 2) / N; /* 1..P-2, non-decreasing */
                org[r] = 1;
                sector[r] = 1;
                type[r] = 6;
                start[r] = 100 + r;
            }
            if (kind == 0 && place == 0)
                continue; /* the first row cannot be out of order */
            if (kind == 0)
                person[place] = person[place - 1] - 1; /* below the row before */
            else
                person[place] = kind == 1 ? -1 : kind == 2 ? P : INT32_MIN;
            carealign_contact_columns cc;
            carealign_contact_columns_init(&cc, sizeof cc);
            cc.n = N;
            cc.person = person;
            cc.org = org;
            cc.sector = sector;
            cc.type = type;
            cc.start_day = start;
            size_t rejected = 0;
            int32_t status[N];
            carealign_status s =
                carealign_journey_batch(j, &cc, NULL, &o, out, P, status, &rejected);
            if (kind == 0) {
                assert_int_equal(s, CAREALIGN_EINVAL);
                assert_non_null(strstr(carealign_last_error(), "out of person order"));
            } else {
                assert_int_equal(s, CAREALIGN_OK);
                assert_int_equal(rejected, 1);
                assert_int_equal(status[place], CAREALIGN_EINVAL);
                int total = 0;
                for (int p = 0; p < P; p++)
                    total += out[p].n_contacts;
                assert_int_equal(total, N - 1);
            }
        }
    }
    carealign_journey_free(j);
}

/* Rows with none of the optional columns but the end day (and, in some
 * rounds, the subtype): the batch's usual-case pass (organisations below
 * 64, the types known, no professional) gives the builder's figures, the
 * general pass, for periods starting before the first contact and inside
 * the contacts, several continuity and assessment type sets, dense
 * assessments (duplicates within the window or not), long-term care-home
 * admissions, and people with an organisation of 64 or more (the general
 * pass) among them. */
static void plain_rows_match_builder(void **state)
{
    (void)state;
    for (int p = 0; p < PEOPLE; p++) {
        birth_year[p] = 1930 + p;
        birth_month[p] = 1 + p % 12;
        death[p] = p % 3 == 0 ? 1120 + p : 9000;
    }
    carealign_person_columns pc = people_columns();
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    static const int32_t dense[8] = {7, 8, 7, 4, 6, 13, 2, 14};
    for (int round = 0; round < 12; round++) {
        tab.n = ROWS;
        for (size_t i = 0; i < ROWS; i++) {
            tab.person[i] = rnd(PEOPLE - 2);
            tab.org[i] = tab.person[i] == 5 && round % 2 ? 64 + rnd(3) : rnd(round % 3 ? 6 : 40);
            tab.sector[i] = rnd(8);
            tab.type[i] = round % 4 == 3 ? dense[rnd(8)] : 1 + rnd(15);
            tab.start[i] = 1000 + rnd(round % 4 == 3 ? 60 : 200);
            tab.end[i] = rnd(3) == 0 ? tab.start[i] + rnd(10) : CAREALIGN_NA_I32;
            tab.minute[i] = tab.prof[i] = CAREALIGN_NA_I32;
            tab.subtype[i] = round % 2 && rnd(2) ? rnd(2) : CAREALIGN_NA_I32;
            tab.method[i] = tab.dest[i] = tab.ready[i] = CAREALIGN_NA_I32;
            tab.staff[i] = 0;
            tab.activity[i] = tab.cost[i] = CAREALIGN_NA_I64;
        }
        sort_by_person(&tab);
        carealign_journey_options o = options();
        if (round % 3 == 1) {
            o.period_start = 1050; /* some contacts before the period */
            o.period_end = 1120;
        }
        if (round % 4 == 2) {
            o.continuity_types = CAREALIGN_TYPE_BIT(4) | CAREALIGN_TYPE_BIT(7) |
                                 CAREALIGN_TYPE_BIT(13) | CAREALIGN_TYPE_BIT(15);
            o.assessment_types = CAREALIGN_TYPE_BIT(6) | CAREALIGN_TYPE_BIT(8);
        }
        o.duplicate_days = round % 4 == 3 ? 5 : 0;
        carealign_journey_result want[PEOPLE], got[PEOPLE];
        for (int32_t p = 0; p < PEOPLE; p++)
            want[p] = expected(j, &tab, p, &o);
        carealign_contact_columns cc;
        carealign_contact_columns_init(&cc, sizeof cc);
        cc.n = tab.n;
        cc.person = tab.person;
        cc.org = tab.org;
        cc.sector = tab.sector;
        cc.type = tab.type;
        cc.start_day = tab.start;
        cc.end_day = tab.end;
        if (round % 2)
            cc.subtype = tab.subtype;
        for (int sorted = 0; sorted < 2; sorted++) {
            o.flags = sorted ? CAREALIGN_JOPT_INPUT_SORTED : 0;
            memset(got, 0x5A, sizeof got);
            got[0].size = sizeof got[0];
            assert_int_equal(carealign_journey_batch(j, &cc, &pc, &o, got, PEOPLE, NULL, NULL),
                             CAREALIGN_OK);
            assert_memory_equal(got, want, sizeof want);
        }
    }
    carealign_journey_free(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(batch_matches_builder),
        cmocka_unit_test(rejected_rows_and_stride),
        cmocka_unit_test(shuffled_bad_row_named_by_caller_row),
        cmocka_unit_test(shuffled_out_of_range_sector_or_type),
        cmocka_unit_test(many_people_unsorted_matches_builder),
        cmocka_unit_test(small_person_bad_rows),
        cmocka_unit_test(sorted_check_every_place),
        cmocka_unit_test(plain_rows_match_builder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
