/* Pending contacts (internal, lib/scorecard/pending.c): every contact the
 * feed keeps must come back as the same 80 bytes (size = sizeof), in the
 * documented order of a person's contacts (docs/scorecard.md, written out
 * here and applied by qsort), whether its fields outside the core are zero
 * (no extra) or not, after other people's contacts have left the table
 * (close_person: _person and _remove_person; close_all: _run and
 * _keep_from) and the extras have been compacted. */
#include "cmocka_all.h"
#include "xorshift.h"

#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "journey/internal.h"
#include "scorecard/internal.h"
#include "ref_contact.h"

#define MAXN 4000

static uint32_t rng = 88172645u;
static int32_t rnd(int32_t n)
{
    return carealign_test_rnd(&rng, n);
}

/* A random int32 of any sign and size, zero half the time. */
static int32_t any_i32(void)
{
    if (rnd(2) == 0)
        return 0;
    return (int32_t)((uint32_t)rnd(65536) << 16 | (uint32_t)rnd(65536));
}

/* A contact as the feed keeps it: every field within check_contact's ranges
 * (has, sector, type), the others anything; `full`: the fields outside the
 * core all set (0: all zero, so no extra; -1: at random). */
static carealign_contact make_contact(int32_t person, int full)
{
    carealign_contact c;
    memset(&c, 0, sizeof c);
    c.size = sizeof c;
    c.has = (uint32_t)rnd(0x200);
    c.person = person;
    c.org = rnd(1000);
    c.sector = rnd(32);
    c.type = rnd(CAREALIGN_CONTACT_TYPE_END);
    c.start_day = 20000 * (rnd(3) - 1) + rnd(6); /* days before 1970, ties */
    c.end_day = any_i32();
    c.discharge_ready_day = any_i32();
    c.staff_minutes = rnd(2) ? rnd(600) : INT32_MAX;
    if (full != 0 && (full > 0 || rnd(2))) {
        c.start_minute = full > 0 ? 1 + rnd(1439) : any_i32();
        c.professional = any_i32();
        c.subtype = any_i32();
        c.admission_method = any_i32();
        c.discharge_destination = any_i32();
        c.activity = (int64_t)any_i32() * 4294967296 + rnd(1000);
        c.cost_pence = full > 0 ? INT64_MAX : (int64_t)any_i32() * 3;
    }
    return c;
}

static void pending_free(carealign_scorecard *sc)
{
    carealign__free(sc->pending);
    carealign__free(sc->pending_extra);
    carealign__free(sc->work_contacts);
}

/* The contacts of `person` among want[0..n), in the documented order, into
 * out; returns how many. */
static size_t want_of(const carealign_contact *want, size_t n, int32_t person,
                      carealign_contact *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (want[i].person == person)
            out[k++] = want[i];
    qsort(out, k, sizeof *out, ref_contact);
    return k;
}

/* What sc->work_days_apart should say of a person's n contacts c in the
 * documented order: 1 when no two share a start day, for a short run (a
 * longer one is not looked at: 0). */
static int days_apart(const carealign_contact *c, size_t n)
{
    if (n > CAREALIGN__SC_SMALL_RUN)
        return 0;
    for (size_t i = 1; i < n; i++)
        if (c[i].start_day == c[i - 1].start_day)
            return 0;
    return 1;
}

/* Runs of 0 to 40 contacts a person, grouped in ascending order: each run
 * expanded by _run as fed, every contact with and without extras, and
 * whether two of them share a start day noted (work_days_apart). */
static void test_runs_round_trip(void **state)
{
    (void)state;
    static carealign_contact want[MAXN], run[MAXN];
    for (int rep = 0; rep < 10; rep++) {
        carealign_scorecard sc;
        memset(&sc, 0, sizeof sc);
        size_t n = 0;
        for (int32_t p = 0; n < MAXN - 40; p++) {
            int32_t len = rnd(41);
            int full = rep == 0 ? 0 : rep == 1 ? 1 : -1;
            for (int32_t k = 0; k < len; k++) {
                want[n] = make_contact(p * 2, full);
                assert_int_equal(carealign__sc_pending_add(&sc, &want[n]), CAREALIGN_OK);
                n++;
            }
        }
        assert_int_equal(sc.n_pending, n);
        for (size_t a = 0, b; a < n; a = b) {
            for (b = a + 1; b < n && want[b].person == want[a].person; b++)
                ;
            carealign_contact *got = NULL;
            assert_int_equal(carealign__sc_pending_run(&sc, a, b - a, &got), CAREALIGN_OK);
            assert_int_equal(want_of(want, n, want[a].person, run), b - a);
            assert_memory_equal(got, run, (b - a) * sizeof *got);
            assert_int_equal(sc.work_days_apart, days_apart(run, b - a));
        }
        carealign_contact *none = &want[0];
        assert_int_equal(carealign__sc_pending_run(&sc, 0, 0, &none), CAREALIGN_OK);
        assert_null(none);
        pending_free(&sc);
    }
}

/* Contacts of 200 people in shuffled order (person 0 with a quarter of
 * them, more than a short run; the others about 15 each), closed one person
 * at a time in random order (close_person): each person's contacts,
 * wherever they are, come back whole and in order; the extras are
 * compacted on the way and emptied with the table. */
static void test_people_scattered(void **state)
{
    (void)state;
    static carealign_contact want[MAXN], run[MAXN];
    carealign_scorecard sc;
    memset(&sc, 0, sizeof sc);
    size_t n = MAXN;
    for (size_t i = 0; i < n; i++) {
        want[i] = make_contact(rnd(4) == 0 ? 0 : rnd(200), -1);
        assert_int_equal(carealign__sc_pending_add(&sc, &want[i]), CAREALIGN_OK);
    }
    int32_t order[200];
    for (int32_t i = 0; i < 200; i++)
        order[i] = i;
    for (int32_t i = 199; i > 0; i--) {
        int32_t j = rnd(i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    int compacted = 0;
    for (int32_t i = 0; i < 200; i++) {
        size_t before = sc.n_pending_extra;
        carealign_contact *got = NULL;
        size_t k = 0;
        assert_int_equal(carealign__sc_pending_person(&sc, order[i], &got, &k), CAREALIGN_OK);
        assert_int_equal(want_of(want, n, order[i], run), k);
        if (k > 0)
            assert_memory_equal(got, run, k * sizeof *got);
        carealign__sc_pending_remove_person(&sc, order[i]);
        if (sc.n_pending > 0 && sc.n_pending_extra < before)
            compacted = 1; /* (not the emptying at the end) */
        assert_true(sc.n_pending_extra_live <= sc.n_pending_extra);
    }
    assert_true(compacted);
    assert_int_equal(sc.n_pending, 0);
    assert_int_equal(sc.n_pending_extra, 0);
    pending_free(&sc);
}

/* close_all's partial drop: the contacts of people from `next` on stay, the
 * others go with their extras; _clear empties the table. */
static void test_keep_from(void **state)
{
    (void)state;
    static carealign_contact want[MAXN], run[MAXN];
    carealign_scorecard sc;
    memset(&sc, 0, sizeof sc);
    size_t n = MAXN;
    for (size_t i = 0; i < n; i++) {
        want[i] = make_contact(rnd(100), 1);
        assert_int_equal(carealign__sc_pending_add(&sc, &want[i]), CAREALIGN_OK);
    }
    carealign__sc_pending_keep_from(&sc, 70);
    size_t left = 0;
    for (size_t i = 0; i < n; i++)
        left += want[i].person >= 70;
    assert_int_equal(sc.n_pending, left);
    assert_int_equal(sc.n_pending_extra, left); /* compacted: 70 % dead */
    for (int32_t p = 0; p < 100; p++) {
        carealign_contact *got = NULL;
        size_t k = 0;
        assert_int_equal(carealign__sc_pending_person(&sc, p, &got, &k), CAREALIGN_OK);
        assert_int_equal(p >= 70 ? want_of(want, n, p, run) : 0, k);
        if (k > 0)
            assert_memory_equal(got, run, k * sizeof *got);
    }
    carealign__sc_pending_clear(&sc);
    assert_int_equal(sc.n_pending, 0);
    assert_int_equal(sc.n_pending_extra, 0);
    pending_free(&sc);
}

/* The whole-table step: a table grouped in ascending order is left as it
 * is; another is sorted by person and start day. */
/* A person's GP appointments at organisations 256, 1 and 256 then 1 on
 * days D - 1, D, D, D + 1: the documented order (every byte: organisation
 * 256's first byte is 0) puts 256 before 1 on day D, the journey's (by
 * organisation) 1 first, so the expansion must not say the days are apart
 * (work_days_apart 0): the builder given them by
 * carealign__journey_push_ordered (order claimed) computes other figures
 * (the handoffs) than carealign_journey_add_contact's,
 * carealign__journey_push_some (order checked) the same. The second
 * appointment at 256 two days later instead: apart, the same figures. */
static void test_same_day_not_apart(void **state)
{
    (void)state;
    enum { D = 19000 };
    const int32_t org[4] = {256, 1, 256, 1}, day[4] = {D - 1, D, D, D + 1};
    carealign_contact in[4];
    for (int i = 0; i < 4; i++) {
        carealign_contact_init(&in[i], sizeof in[i]);
        in[i].person = 7;
        in[i].org = org[i];
        in[i].sector = 1;
        in[i].type = CAREALIGN_CONTACT_GP_APPOINTMENT;
        in[i].start_day = day[i];
    }
    assert_true(ref_contact(&in[2], &in[1]) < 0); /* 256 first on day D */
    for (int later = 0; later < 2; later++) {
        in[2].start_day = D + 2 * later;
        carealign_scorecard sc;
        memset(&sc, 0, sizeof sc);
        for (int i = 0; i < 4; i++)
            assert_int_equal(carealign__sc_pending_add(&sc, &in[i]), CAREALIGN_OK);
        carealign_contact *got = NULL;
        assert_int_equal(carealign__sc_pending_run(&sc, 0, 4, &got), CAREALIGN_OK);
        assert_int_equal(sc.work_days_apart, later);
        carealign__jc jc[4];
        const uint32_t idx[4] = {0, 1, 2, 3};
        for (int i = 0; i < 4; i++)
            assert_int_equal(carealign__journey_convert(&got[i], &jc[i]), CAREALIGN_OK);
        carealign_journey *want, *checked, *claimed;
        assert_int_equal(carealign_journey_new(&want), CAREALIGN_OK);
        assert_int_equal(carealign_journey_new(&checked), CAREALIGN_OK);
        assert_int_equal(carealign_journey_new(&claimed), CAREALIGN_OK);
        for (int i = 0; i < 4; i++)
            assert_int_equal(carealign_journey_add_contact(want, &in[i]), CAREALIGN_OK);
        assert_int_equal(carealign__journey_push_some(checked, jc, idx, 4), CAREALIGN_OK);
        assert_int_equal(carealign__journey_push_ordered(claimed, jc, idx, 4), CAREALIGN_OK);
        carealign_journey_result rw, rc, rl;
        carealign_journey_result_init(&rw, sizeof rw);
        carealign_journey_result_init(&rc, sizeof rc);
        carealign_journey_result_init(&rl, sizeof rl);
        assert_int_equal(carealign_journey_compute(want, NULL, &rw), CAREALIGN_OK);
        assert_int_equal(carealign_journey_compute(checked, NULL, &rc), CAREALIGN_OK);
        assert_int_equal(carealign_journey_compute(claimed, NULL, &rl), CAREALIGN_OK);
        assert_memory_equal(&rc, &rw, sizeof rw);
        if (later) {
            assert_memory_equal(&rl, &rw, sizeof rw);
        } else {
            assert_int_equal(rw.n_handoffs, 3); /* 256, 1, 256, 1 */
            assert_int_not_equal(rl.n_handoffs, rw.n_handoffs);
        }
        carealign_journey_free(want);
        carealign_journey_free(checked);
        carealign_journey_free(claimed);
        pending_free(&sc);
    }
}

static void test_sort_pending_table(void **state)
{
    (void)state;
    carealign__sc_pending p[5];
    memset(p, 0, sizeof p);
    const int32_t person[5] = {3, 1, 3, 1, 2}, day[5] = {5, 9, -4, 2, 0};
    for (int i = 0; i < 5; i++) {
        p[i].person = person[i];
        p[i].start_day = day[i];
    }
    assert_int_equal(carealign__sc_sort_pending_table(p, 5), 0);
    const int32_t want_person[5] = {1, 1, 2, 3, 3}, want_day[5] = {2, 9, 0, -4, 5};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(p[i].person, want_person[i]);
        assert_int_equal(p[i].start_day, want_day[i]);
    }
    p[0].start_day = 50; /* grouped by person: left as it is */
    assert_int_equal(carealign__sc_sort_pending_table(p, 5), 1);
    assert_int_equal(p[0].start_day, 50);
    assert_int_equal(carealign__sc_sort_pending_table(NULL, 0), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_round_trip),    cmocka_unit_test(test_people_scattered),
        cmocka_unit_test(test_keep_from),          cmocka_unit_test(test_sort_pending_table),
        cmocka_unit_test(test_same_day_not_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
