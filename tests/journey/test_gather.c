/* The batch's gather of a person's rows (carealign__journey_gather and its
 * path for plain tables: no optional column but end_day) against the
 * builder, contact by contact: random people of 0 to 20 rows, some already
 * in content order, some with ties (the same start and organisation), some
 * with every kind of bad row or values the fast path hands to the general
 * one (starts far apart or near INT32_MIN, organisations of 256 and more,
 * ends 2^22 days after their start), in tables with and without an end
 * column and with another optional column (the general path), rows in
 * person order (with rows naming no valid person first and last) and
 * shuffled. Every result, row status and rejected count must be the
 * builder's. */
#include "cmocka_all.h"
#include "xorshift.h"

#include <stdlib.h>
#include <string.h>

#include "carealign/journey.h"

#define PEOPLE 300
#define MAXROWS (PEOPLE * 20 + 16)

typedef struct table {
    int32_t person[MAXROWS], org[MAXROWS], sector[MAXROWS], type[MAXROWS], start[MAXROWS],
        end[MAXROWS], minute[MAXROWS];
    size_t n;
} table;

static uint32_t rng = 88675123u;
static int32_t rnd(int32_t n)
{
    return carealign_test_rnd(&rng, n);
}

/* One person's m rows at t->n on. */
static void make_person(table *t, int32_t p, int m)
{
    const int shape = rnd(10); /* 0-2: content order, 3: ties */
    const int32_t first = 20000 + rnd(400);
    for (int i = 0; i < m; i++) {
        const size_t r = t->n + (size_t)i;
        t->person[r] = p;
        t->org[r] = rnd(6);
        t->sector[r] = rnd(8);
        t->type[r] = 1 + rnd(15);
        t->start[r] = first + rnd(60);
        t->end[r] = rnd(3) == 0 ? t->start[r] + rnd(12) : CAREALIGN_NA_I32;
        t->minute[r] = rnd(2) ? rnd(1440) : CAREALIGN_NA_I32;
        if (shape <= 2) { /* ascending (start, org): the rows in content order */
            t->start[r] = first + 3 * i;
            t->org[r] = i % 3;
        } else if (shape == 3 && i > 0 && rnd(2)) { /* a tie with the row before */
            t->start[r] = t->start[r - 1];
            t->org[r] = t->org[r - 1];
            if (rnd(2)) { /* or a copy of it */
                t->type[r] = t->type[r - 1];
                t->sector[r] = t->sector[r - 1];
                t->end[r] = t->end[r - 1];
            }
        }
        switch (rnd(150)) { /* bad rows, and values for the general path */
        case 0: t->type[r] = 0; break;
        case 1: t->type[r] = 16; break;
        case 2: t->type[r] = -3; break;
        case 3: t->org[r] = -1; break;
        case 4: t->org[r] = CAREALIGN_NA_I32; break;
        case 5: t->sector[r] = 32; break;
        case 6: t->sector[r] = -1; break;
        case 7: t->start[r] = INT32_MIN; break;
        case 8: t->end[r] = t->start[r] - 1; break;
        case 9: t->org[r] = 256 + rnd(1000); break;
        case 10: t->start[r] = first + (1 << 18) + rnd(10); break;
        case 11: t->start[r] = first - (1 << 18) - rnd(10); break;
        case 12: t->end[r] = t->start[r] + (1 << 22) + rnd(3); break;
        case 13: t->end[r] = t->start[r] + (1 << 22) - 1; break;
        case 14: t->start[r] = INT32_MIN + 1 + rnd(100); break;
        case 15: t->type[r] = 31; break;
        default: break;
        }
    }
    t->n += (size_t)m;
}

/* People 0..PEOPLE-1 in order (some with no rows), with rows naming no
 * valid person first and last. */
static void make(table *t)
{
    t->n = 0;
    const int lead = rnd(3), trail = rnd(3);
    for (int i = 0; i < lead; i++)
        make_person(t, -1 - rnd(5), 1);
    for (int32_t p = 0; p < PEOPLE; p++)
        make_person(t, p, rnd(8) == 0 ? 0 : rnd(4) == 0 ? 1 + rnd(20) : 8 + rnd(5));
    for (int i = 0; i < trail; i++)
        make_person(t, PEOPLE + rnd(5), 1);
}

/* The builder's result for person p and the status of each of its rows. */
static carealign_journey_result expected(carealign_journey *j, const table *t, int32_t p,
                                         int with_end, int with_minute,
                                         const carealign_journey_options *o, int32_t *status)
{
    carealign_journey_reset(j);
    carealign_person pe;
    carealign_person_init(&pe, sizeof pe);
    pe.person = p;
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
        if (with_end && t->end[i] != CAREALIGN_NA_I32) {
            c.has |= CAREALIGN_CONTACT_HAS_END;
            c.end_day = t->end[i];
        }
        if (with_minute && t->minute[i] != CAREALIGN_NA_I32) {
            c.has |= CAREALIGN_CONTACT_HAS_START_MINUTE;
            c.start_minute = t->minute[i];
        }
        status[i] = (int32_t)carealign_journey_add_contact(j, &c);
    }
    carealign_journey_result r;
    carealign_journey_result_init(&r, sizeof r);
    assert_int_equal(carealign_journey_compute(j, o, &r), CAREALIGN_OK);
    return r;
}

static table tab, shuf;

/* The contact columns over t: the required ones, end_day and start_minute
 * when asked for. */
static carealign_contact_columns table_columns(const table *t, int with_end, int with_minute)
{
    carealign_contact_columns cc;
    carealign_contact_columns_init(&cc, sizeof cc);
    cc.n = t->n;
    cc.person = t->person;
    cc.org = t->org;
    cc.sector = t->sector;
    cc.type = t->type;
    cc.start_day = t->start;
    if (with_end)
        cc.end_day = t->end;
    if (with_minute)
        cc.start_minute = t->minute;
    return cc;
}

/* The batch over t (sorted: in person order, CAREALIGN_JOPT_INPUT_SORTED)
 * against the builder. */
static void check(carealign_journey *j, const table *t, int sorted, int with_end, int with_minute)
{
    static carealign_journey_result res[PEOPLE], want[PEOPLE];
    static int32_t status[MAXROWS], want_status[MAXROWS];
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = 20000;
    o.period_end = 20300;
    o.reablement_followup_days = 30;
    if (sorted)
        o.flags |= CAREALIGN_JOPT_INPUT_SORTED;
    size_t want_rejected = 0;
    for (size_t i = 0; i < t->n; i++) {
        want_status[i] = CAREALIGN_EINVAL; /* rows naming no valid person */
        status[i] = 12345;
    }
    for (int32_t p = 0; p < PEOPLE; p++)
        want[p] = expected(j, t, p, with_end, with_minute, &o, want_status);
    for (size_t i = 0; i < t->n; i++)
        want_rejected += want_status[i] != CAREALIGN_OK;
    const carealign_contact_columns cc = table_columns(t, with_end, with_minute);
    res[0].size = sizeof res[0];
    size_t rejected = 0;
    assert_int_equal(carealign_journey_batch(j, &cc, NULL, &o, res, PEOPLE, status, &rejected),
                     CAREALIGN_OK);
    assert_int_equal(rejected, want_rejected);
    for (size_t i = 0; i < t->n; i++)
        assert_int_equal(status[i], want_status[i]);
    for (int32_t p = 0; p < PEOPLE; p++)
        assert_memory_equal(&res[p], &want[p], sizeof res[p]);
}

static void gather_matches_builder(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    for (int round = 0; round < 12; round++) {
        make(&tab);
        shuf = tab;
        for (size_t i = shuf.n - 1; i > 0; i--) { /* the same rows in any order */
            size_t k = (size_t)rnd((int32_t)(i + 1));
#define SWAP(a)                                                                                    \
    do {                                                                                           \
        int32_t x_ = shuf.a[i];                                                                    \
        shuf.a[i] = shuf.a[k];                                                                     \
        shuf.a[k] = x_;                                                                            \
    } while (0)
            SWAP(person);
            SWAP(org);
            SWAP(sector);
            SWAP(type);
            SWAP(start);
            SWAP(end);
            SWAP(minute);
#undef SWAP
        }
        for (int cols = 0; cols < 3; cols++) { /* end column, none, end and minutes */
            const int with_end = cols != 1, with_minute = cols == 2;
            check(j, &tab, 1, with_end, with_minute);
            check(j, &tab, 0, with_end, with_minute);
            check(j, &shuf, 0, with_end, with_minute);
        }
    }
    carealign_journey_free(j);
}

/* A discharge's follow-up (the first contact of a follow-up type from the
 * discharge day on) against a search of every contact, and the batch's
 * follow-up counts against the builder's: stays ending on their admission
 * day and after it, closed by a discharge contact on the same day or later,
 * lone discharges, contacts on the discharge day before the stay's contact
 * in content order (same day, lower organisation), none after. The search
 * starts after the stay's first contact when the stay ends after its
 * admission day: it fails if it starts there when the stay ends on it. */
static void followup_matches_search(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.followup_types = CAREALIGN_TYPE_BIT(4) | CAREALIGN_TYPE_BIT(6);
    o.followup_within[0] = 1;
    o.followup_within[1] = 3;
    size_t n_dis = 0, n_same_day = 0, n_followed = 0;
    for (int round = 0; round < 400; round++) {
        /* one person, rows already in content order or not */
        tab.n = 0;
        const int m = 1 + rnd(16);
        for (int i = 0; i < m; i++) {
            const size_t r = tab.n++;
            tab.person[r] = 0;
            tab.org[r] = rnd(4);
            tab.sector[r] = 1 + rnd(3);
            tab.type[r] = 1 + rnd(7); /* 1-3: stays, 4 and 6: follow-up */
            tab.start[r] = 21000 + rnd(8);
            tab.end[r] = rnd(2) ? tab.start[r] + rnd(3) : CAREALIGN_NA_I32;
        }
        carealign_journey_result want, got;
        int32_t st[MAXROWS];
        want = expected(j, &tab, 0, 1, 0, &o, st);
        size_t nd = 0;
        assert_int_equal(carealign_journey_discharge_count(j, &nd), CAREALIGN_OK);
        for (size_t d = 0; d < nd; d++) {
            carealign_discharge ds;
            carealign_discharge_init(&ds, sizeof ds);
            assert_int_equal(carealign_journey_get_discharge(j, d, &ds), CAREALIGN_OK);
            n_dis++;
            n_same_day += ds.day == ds.admission_day;
            int32_t best = INT32_MAX;
            for (size_t r = 0; r < tab.n; r++)
                if ((tab.type[r] == 4 || tab.type[r] == 6) && tab.start[r] >= ds.day &&
                    tab.start[r] < best)
                    best = tab.start[r];
            if (best == INT32_MAX) {
                assert_int_equal(ds.flags & CAREALIGN_DIS_FOLLOWED_UP, 0);
            } else {
                assert_int_not_equal(ds.flags & CAREALIGN_DIS_FOLLOWED_UP, 0);
                assert_int_equal(ds.days_to_followup, best - ds.day);
                n_followed++;
            }
        }
        const carealign_contact_columns cc = table_columns(&tab, 1, 0);
        o.flags = CAREALIGN_JOPT_INPUT_SORTED;
        got.size = sizeof got;
        assert_int_equal(carealign_journey_batch(j, &cc, NULL, &o, &got, 1, NULL, NULL),
                         CAREALIGN_OK);
        o.flags = 0;
        assert_memory_equal(&got, &want, sizeof got);
    }
    /* the cases were there */
    assert_true(n_dis > 800 && n_same_day > 200 && n_dis - n_same_day > 200 && n_followed > 400 &&
                n_followed < n_dis);
    carealign_journey_free(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gather_matches_builder),
        cmocka_unit_test(followup_matches_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
