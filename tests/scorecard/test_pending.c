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
#include "same_journey.h"
#include "small_framework.h"

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
    carealign__free(sc->work_perm);
    carealign__free(sc->work_jc);
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

/* 1 when no two of a person's n contacts c in the documented order share
 * a start day: then their journey content order is the array's
 * (work_in_order 1, work_order NULL), short run or long. */
static int days_apart(const carealign_contact *c, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (c[i].start_day == c[i - 1].start_day)
            return 0;
    return 1;
}

/* Runs of 0 to 40 contacts a person, grouped in ascending order: each run
 * expanded by _run as fed, every contact with and without extras; a run
 * with no two contacts on one start day is in the journey's order as it is
 * (work_in_order, work_order NULL). */
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
            if (days_apart(run, b - a)) {
                assert_int_equal(sc.work_in_order, 1);
                assert_null(sc.work_order);
            }
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

/* A person's GP appointments at organisations 256, 1 and 256 then 1 on
 * days D - 1, D, D, D + 1: the documented order (every byte: organisation
 * 256's first byte is 0) puts 256 before 1 on day D, and the contacts stay
 * in it; the journey's (by organisation) puts 1 first, so the expansion
 * gives that order apart (work_order: 0, 2, 1, 3). The builder given them
 * by carealign__journey_push_ordered (order claimed) in array order
 * computes other figures (the handoffs) than
 * carealign_journey_add_contact's; in work_order, the same, as
 * carealign__journey_push_some (order checked) in array order. The second
 * appointment at 256 two days later instead: the array's order, the same
 * figures. */
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
        assert_int_equal(got[1].org, later ? 1 : 256); /* the documented order kept */
        assert_int_equal(sc.work_in_order, 1);
        const uint32_t idx[4] = {0, 1, 2, 3}, want_order[4] = {0, 2, 1, 3};
        if (later) {
            assert_null(sc.work_order);
        } else {
            assert_non_null(sc.work_order);
            assert_memory_equal(sc.work_order, want_order, sizeof want_order);
        }
        carealign__jc jc[4];
        for (int i = 0; i < 4; i++)
            assert_int_equal(carealign__journey_convert(&got[i], &jc[i]), CAREALIGN_OK);
        carealign_journey *want, *checked, *claimed, *ordered;
        assert_int_equal(carealign_journey_new(&want), CAREALIGN_OK);
        assert_int_equal(carealign_journey_new(&checked), CAREALIGN_OK);
        assert_int_equal(carealign_journey_new(&claimed), CAREALIGN_OK);
        assert_int_equal(carealign_journey_new(&ordered), CAREALIGN_OK);
        for (int i = 0; i < 4; i++)
            assert_int_equal(carealign_journey_add_contact(want, &in[i]), CAREALIGN_OK);
        assert_int_equal(carealign__journey_push_some(checked, jc, idx, 4), CAREALIGN_OK);
        assert_int_equal(carealign__journey_push_ordered(claimed, jc, idx, 4), CAREALIGN_OK);
        assert_int_equal(carealign__journey_push_ordered(
                             ordered, jc, sc.work_order != NULL ? sc.work_order : idx, 4),
                         CAREALIGN_OK);
        carealign_journey_result rw, rc, rl, ro;
        carealign_journey_result_init(&rw, sizeof rw);
        carealign_journey_result_init(&rc, sizeof rc);
        carealign_journey_result_init(&rl, sizeof rl);
        carealign_journey_result_init(&ro, sizeof ro);
        assert_int_equal(carealign_journey_compute(want, NULL, &rw), CAREALIGN_OK);
        assert_int_equal(carealign_journey_compute(checked, NULL, &rc), CAREALIGN_OK);
        assert_int_equal(carealign_journey_compute(claimed, NULL, &rl), CAREALIGN_OK);
        assert_int_equal(carealign_journey_compute(ordered, NULL, &ro), CAREALIGN_OK);
        assert_memory_equal(&rc, &rw, sizeof rw);
        assert_memory_equal(&ro, &rw, sizeof rw);
        if (later) {
            assert_memory_equal(&rl, &rw, sizeof rw);
        } else {
            assert_int_equal(rw.n_handoffs, 3); /* 256, 1, 256, 1 */
            assert_int_not_equal(rl.n_handoffs, rw.n_handoffs);
        }
        carealign_journey_free(want);
        carealign_journey_free(checked);
        carealign_journey_free(claimed);
        carealign_journey_free(ordered);
        pending_free(&sc);
    }
}

/* A valid contact (carealign__journey_convert takes it) of `person` on one
 * of three days, its journey keys (organisation, professional, type, end,
 * minute) drawn from a few values each, often all equal to another's, and
 * the other fields (sector, subtype, staff time, cost...) too: ties of
 * every key, down to the converted bytes. */
static carealign_contact tie_contact(int32_t person)
{
    carealign_contact c;
    carealign_contact_init(&c, sizeof c);
    c.person = person;
    c.has = (uint32_t)rnd(0x200);
    c.org = rnd(3) == 0 ? 256 * rnd(3) : rnd(3);
    c.sector = rnd(3);
    c.type = 1 + rnd(3);
    c.start_day = 18000 + rnd(3);
    c.end_day = c.start_day + rnd(2);
    c.start_minute = rnd(2) * 600;
    c.professional = rnd(2);
    c.subtype = rnd(2) - 1;
    c.admission_method = rnd(2);
    c.discharge_destination = rnd(2);
    c.discharge_ready_day = rnd(2) ? c.start_day : 0;
    c.staff_minutes = rnd(2) * 15;
    c.activity = rnd(3);
    c.cost_pence = rnd(2) * 100;
    return c;
}

/* The order a person's expansion claims for the journey: people of 2 to 60
 * valid contacts (short runs and long ones, through _run and _person) with
 * ties on one day of every journey key. Each expansion is in the documented
 * order and claims the journey's order (work_in_order; every contact
 * converts). Taken in work_order (or the array's), all of them or a random
 * subset, carealign__journey_push_ordered gives the columns, counts and
 * figures of a builder given them by carealign_journey_add_contact (the
 * journey's own sort). Two contacts with every key equal that do not
 * convert: not claimed. */
static void test_journey_order_known(void **state)
{
    (void)state;
    static carealign_contact want[64], in[64];
    carealign_journey_options base;
    carealign_journey_options_init(&base, sizeof base);
    carealign__jopts whole;
    assert_int_equal(carealign__journey_options(&base, &whole), CAREALIGN_OK);
    int permuted = 0, agreed = 0, long_runs = 0, taken_apart = 0;
    for (int32_t p = 0; p < 3000; p++) {
        carealign_scorecard sc;
        memset(&sc, 0, sizeof sc);
        const size_t n = 2 + (size_t)rnd(p % 10 == 0 ? 59 : 12);
        for (size_t i = 0; i < n; i++) {
            want[i] = tie_contact(p);
            assert_int_equal(carealign__sc_pending_add(&sc, &want[i]), CAREALIGN_OK);
        }
        carealign_contact *got = NULL;
        size_t k = n;
        if (p % 2)
            assert_int_equal(carealign__sc_pending_run(&sc, 0, n, &got), CAREALIGN_OK);
        else
            assert_int_equal(carealign__sc_pending_person(&sc, p, &got, &k), CAREALIGN_OK);
        assert_int_equal(k, n);
        qsort(want, n, sizeof *want, ref_contact);
        assert_memory_equal(got, want, n * sizeof *got);
        assert_int_equal(sc.work_in_order, 1);
        permuted += sc.work_order != NULL;
        agreed += sc.work_order == NULL && !days_apart(got, n);
        long_runs += n > CAREALIGN__SC_SMALL_RUN;
        carealign__jc jc[64];
        uint32_t idx[64];
        for (size_t i = 0; i < n; i++)
            assert_int_equal(carealign__journey_convert(&got[i], &jc[i]), CAREALIGN_OK);
        for (int subset = 0; subset < 2; subset++) {
            size_t m = 0;
            for (size_t q = 0; q < n; q++) {
                const uint32_t i = sc.work_order != NULL ? sc.work_order[q] : (uint32_t)q;
                if (subset == 0 || rnd(3) != 0) {
                    idx[m] = i;
                    in[m++] = got[i];
                }
            }
            taken_apart += m < n;
            carealign_journey *wj, *gj;
            assert_int_equal(carealign_journey_new(&wj), CAREALIGN_OK);
            assert_int_equal(carealign_journey_new(&gj), CAREALIGN_OK);
            for (size_t i = m; i-- > 0;) /* given backwards: the journey sorts */
                assert_int_equal(carealign_journey_add_contact(wj, &in[i]), CAREALIGN_OK);
            assert_int_equal(carealign__journey_push_ordered(gj, jc, idx, m), CAREALIGN_OK);
            assert_int_equal(gj->n, m);
            assert_int_equal(gj->n_prof, wj->n_prof);
            assert_int_equal(carealign__journey_prepare_contacts(wj, &whole), CAREALIGN_OK);
            assert_int_equal(carealign__journey_prepare_contacts(gj, &whole), CAREALIGN_OK);
            if (m > 0)
                assert_same_columns(gj, wj, m);
            assert_same_compute(wj, gj);
            carealign_journey_free(wj);
            carealign_journey_free(gj);
        }
        pending_free(&sc);
    }
    assert_true(permuted > 1000 && agreed > 50 && long_runs > 100 && taken_apart > 1000);
    /* every key equal, the end before the start or type 0 (neither
     * converts; type 0, which the feed takes, without an error message) */
    for (int bad = 0; bad < 2; bad++) {
        carealign_clear_error();
        carealign_scorecard sc;
        memset(&sc, 0, sizeof sc);
        for (int i = 0; i < 2; i++) {
            carealign_contact c;
            carealign_contact_init(&c, sizeof c);
            c.has = bad ? 0 : CAREALIGN_CONTACT_HAS_END;
            c.org = 1;
            c.sector = 1;
            c.type = bad ? 0 : CAREALIGN_CONTACT_GP_APPOINTMENT;
            c.start_day = 18000;
            c.end_day = 17999;
            c.staff_minutes = 10 * i;
            assert_int_equal(carealign__sc_pending_add(&sc, &c), CAREALIGN_OK);
        }
        carealign_contact *got = NULL;
        assert_int_equal(carealign__sc_pending_run(&sc, 0, 2, &got), CAREALIGN_OK);
        assert_int_equal(sc.work_in_order, 0);
        assert_int_equal(carealign_last_error_code(), bad ? CAREALIGN_OK : CAREALIGN_EINVAL);
        pending_free(&sc);
    }
}

/* A valid contact's converted form, written out from the documented
 * defaults of carealign__jc (lib/journey/internal.h: the end the start day,
 * minute and professional -1, subtype, method, destination and ready day
 * INT32_MIN, activity 1 and cost INT64_MIN when not given; has's 9 bits;
 * pad 0), field by field as the conversion before carealign__journey_fill
 * set them. */
static carealign__jc ref_jc(const carealign_contact *c)
{
    carealign__jc j;
    memset(&j, 0, sizeof j);
    j.start = c->start_day;
    j.end = c->start_day;
    if (c->has & CAREALIGN_CONTACT_HAS_END)
        j.end = c->end_day;
    j.minute = -1;
    if (c->has & CAREALIGN_CONTACT_HAS_START_MINUTE)
        j.minute = c->start_minute;
    j.prof = -1;
    if (c->has & CAREALIGN_CONTACT_HAS_PROFESSIONAL)
        j.prof = c->professional;
    j.activity = 1;
    if (c->has & CAREALIGN_CONTACT_HAS_ACTIVITY)
        j.activity = c->activity;
    j.cost = INT64_MIN;
    if (c->has & CAREALIGN_CONTACT_HAS_COST)
        j.cost = c->cost_pence;
    j.org = c->org;
    j.sector = c->sector;
    j.type = c->type;
    j.subtype = (c->has & CAREALIGN_CONTACT_HAS_SUBTYPE) ? c->subtype : INT32_MIN;
    j.method = (c->has & CAREALIGN_CONTACT_HAS_ADMISSION_METHOD) ? c->admission_method : INT32_MIN;
    j.dest = (c->has & CAREALIGN_CONTACT_HAS_DESTINATION) ? c->discharge_destination : INT32_MIN;
    j.ready = (c->has & CAREALIGN_CONTACT_HAS_READY_DAY) ? c->discharge_ready_day : INT32_MIN;
    j.staff_minutes = c->staff_minutes;
    j.has = c->has & 0x1FFu;
    return j;
}

/* The converted forms an expansion writes (sc->work_jc, work_jc_ready):
 * people of 1 to 40 valid contacts (tie_contact: ties of every key on
 * three days, large fields too), fed in shuffled order and expanded by
 * _run (the table sorted as close_all does) or by _person, some with a
 * contact of type 0 (which the feed takes and the journey does not). A
 * run of at most CAREALIGN__SC_SMALL_RUN contacts, none of type 0, is
 * ready: each converted form is ref_jc's of the contact at its place in
 * the array (after the same-day groups are sorted), carealign__journey_convert
 * gives the same bytes, every status is OK; any other run is not ready.
 * The contacts themselves are the documented order. */
static void test_converted_as_expanded(void **state)
{
    (void)state;
    static carealign_contact want[MAXN], run[64];
    int ready = 0, not_ready = 0, typeless = 0;
    for (int rep = 0; rep < 4; rep++) {
        carealign_scorecard sc;
        memset(&sc, 0, sizeof sc);
        size_t n = 0;
        int32_t people = 0;
        for (; n < MAXN - 40; people++) {
            const size_t len = 1 + (size_t)rnd(people % 8 == 0 ? 40 : 30);
            const int zero = rnd(6) == 0;
            for (size_t k = 0; k < len; k++) {
                want[n] = tie_contact(people);
                if (rep % 2) { /* large values in every field given */
                    want[n].start_day = 2000000 + rnd(3);
                    want[n].end_day = want[n].start_day + rnd(2) * 1000000;
                    want[n].professional = INT32_MAX - rnd(2);
                    want[n].activity = INT64_MAX - rnd(2);
                    want[n].cost_pence = INT64_MAX;
                    want[n].subtype = INT32_MIN + rnd(2);
                }
                if (zero && k == len / 2)
                    want[n].type = 0;
                n++;
            }
        }
        for (size_t i = n - 1; i > 0; i--) { /* shuffled */
            const size_t j = (size_t)rnd((int32_t)i + 1);
            carealign_contact t = want[i];
            want[i] = want[j];
            want[j] = t;
        }
        for (size_t i = 0; i < n; i++)
            assert_int_equal(carealign__sc_pending_add(&sc, &want[i]), CAREALIGN_OK);
        if (rep < 2)
            assert_int_equal(carealign__sc_sort_pending_table(sc.pending, sc.n_pending), 0);
        for (int32_t p = 0, k0 = 0; p < people; p++) {
            carealign_contact *got = NULL;
            size_t k = want_of(want, n, p, run);
            if (rep < 2) {
                assert_int_equal(carealign__sc_pending_run(&sc, (size_t)k0, k, &got), CAREALIGN_OK);
                k0 += (int32_t)k;
            } else {
                size_t k2 = 0;
                assert_int_equal(carealign__sc_pending_person(&sc, p, &got, &k2), CAREALIGN_OK);
                assert_int_equal(k2, k);
            }
            assert_memory_equal(got, run, k * sizeof *got);
            int typed = 1;
            for (size_t i = 0; i < k; i++)
                typed &= run[i].type >= 1;
            typeless += !typed;
            if (k > CAREALIGN__SC_SMALL_RUN || !typed) {
                assert_int_equal(sc.work_jc_ready, 0);
                not_ready++;
                continue;
            }
            assert_int_equal(sc.work_jc_ready, 1);
            ready++;
            const carealign__jc *jc = sc.work_jc;
            const carealign_status *js = (const carealign_status *)(const void *)(jc + k);
            for (size_t i = 0; i < k; i++) {
                const carealign__jc r = ref_jc(&run[i]);
                carealign__jc v;
                assert_int_equal(carealign__journey_convert(&run[i], &v), CAREALIGN_OK);
                assert_memory_equal(&jc[i], &r, sizeof r);
                assert_memory_equal(&v, &r, sizeof r);
                assert_int_equal(js[i], CAREALIGN_OK);
            }
        }
        if (rep >= 2)
            for (int32_t p = 0; p < people; p++)
                carealign__sc_pending_remove_person(&sc, p);
        pending_free(&sc);
    }
    assert_true(ready > 200 && not_ready > 50 && typeless > 20);
}

/* The whole-table step: a table grouped in ascending order is left as it
 * is; another is sorted by person and start day. */
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

/* A scorecard of small_framework.h with people 0 .. 2 (area E06000001)
 * and organisations 0 .. 3. */
static carealign_scorecard *feed_target(const carealign_framework *fw)
{
    carealign_scorecard *sc = NULL;
    carealign_scorecard_options o = CAREALIGN_SCORECARD_OPTIONS_INIT;
    o.flags = CAREALIGN_SC_GROUPED | CAREALIGN_SC_NO_DISCLOSURE;
    assert_int_equal(carealign_scorecard_new(fw, &o, &sc), CAREALIGN_OK);
    const uint64_t off[2] = {0, 9};
    assert_int_equal(
        carealign_scorecard_register_ids(sc, CAREALIGN_DICT_AREA, "E06000001", off, 1, NULL),
        CAREALIGN_OK);
    carealign_organisation org[4];
    for (int i = 0; i < 4; i++) {
        carealign_organisation_init(&org[i], sizeof org[i]);
        org[i].org = i;
        org[i].sector = 1 + i % 3;
    }
    assert_int_equal(carealign_scorecard_feed_organisations(sc, org, 4, NULL, NULL), CAREALIGN_OK);
    for (int32_t i = 0; i < 3; i++) {
        carealign_person p = CAREALIGN_PERSON_INIT;
        p.person = i;
        p.has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_AREA;
        p.birth_year = 1950;
        p.birth_month = 1;
        p.area = 0;
        assert_int_equal(carealign_scorecard_feed_people(sc, &p, 1, NULL, NULL), CAREALIGN_OK);
    }
    return sc;
}

/* v, or NA one time in `na` (never when na is 0). */
static int32_t or_na(int32_t v, int32_t na)
{
    return na > 0 && rnd(na) == 0 ? CAREALIGN_NA_I32 : v;
}

/* The contacts columns feed without the columns pending.c keeps apart
 * (feed.c's loop setting only the other fields) and with a subtype column
 * of NAs (the loop for every column) against the same rows fed as
 * carealign_contact records (the fields of the columns not NA, their has
 * bits): the same row reasons (a record's NA in a required field is a
 * value, rejected as out of range rather than missing), counts and pending
 * table, bytes for bytes.
 * Rows with NAs in required and optional columns, unknown people and
 * organisations, types and sectors out of range, end days before the
 * start, negative staff minutes. */
static void test_contact_columns_as_records(void **state)
{
    (void)state;
    carealign_framework *fw = NULL;
    assert_int_equal(carealign_framework_load(framework_json, sizeof framework_json - 1, NULL, &fw),
                     CAREALIGN_OK);
    enum { N = 3000 };
    static int32_t person[N], org[N], sector[N], type[N], start[N], end[N], ready[N], staff[N],
        subtype[N];
    static carealign_contact rec[N];
    static int32_t reason[3][N];
    for (int run = 0; run < 2; run++) {
        for (size_t i = 0; i < N; i++) {
            person[i] = or_na(rnd(8) == 0 ? 999 : rnd(3), 60);
            org[i] = or_na(rnd(30) == 0 ? 77 : rnd(4), 60);
            sector[i] = or_na(rnd(40) == 0 ? 40 : 1 + rnd(3), 60);
            type[i] = or_na(rnd(40) == 0 ? 16 : 1 + rnd(14), 60);
            const int32_t d = 20179 + rnd(365);
            start[i] = or_na(d, 60);
            end[i] = or_na(d + rnd(14) - 3, 3);
            ready[i] = or_na(d + rnd(5), 2);
            staff[i] = or_na(rnd(30) == 0 ? -5 : rnd(90), 4); /* run 1: no column */
            subtype[i] = CAREALIGN_NA_I32;
            carealign_contact *k = &rec[i];
            carealign_contact_init(k, sizeof *k);
            k->person = person[i];
            k->org = org[i];
            k->sector = sector[i];
            k->type = type[i];
            k->start_day = start[i];
            if (end[i] != CAREALIGN_NA_I32) {
                k->end_day = end[i];
                k->has |= CAREALIGN_CONTACT_HAS_END;
            }
            if (ready[i] != CAREALIGN_NA_I32) {
                k->discharge_ready_day = ready[i];
                k->has |= CAREALIGN_CONTACT_HAS_READY_DAY;
            }
            if (run == 0 && staff[i] != CAREALIGN_NA_I32)
                k->staff_minutes = staff[i];
        }
        carealign_scorecard *sc[3];
        size_t rejected[3];
        for (int f = 0; f < 3; f++) {
            sc[f] = feed_target(fw);
            if (f == 0) {
                assert_int_equal(
                    carealign_scorecard_feed_contacts(sc[f], rec, N, reason[f], &rejected[f]),
                    CAREALIGN_OK);
                continue;
            }
            carealign_contact_columns cc;
            assert_int_equal(carealign_contact_columns_init(&cc, sizeof cc), CAREALIGN_OK);
            cc.n = N;
            cc.person = person;
            cc.org = org;
            cc.sector = sector;
            cc.type = type;
            cc.start_day = start;
            cc.end_day = end;
            cc.discharge_ready_day = ready;
            cc.staff_minutes = run == 0 ? staff : NULL;
            cc.subtype = f == 2 ? subtype : NULL;
            assert_int_equal(
                carealign_scorecard_feed_contacts_columns(sc[f], &cc, reason[f], &rejected[f]),
                CAREALIGN_OK);
        }
        assert_true(rejected[0] > N / 10 && rejected[0] < N / 2);
        for (int f = 1; f < 3; f++) {
            assert_int_equal(rejected[f], rejected[0]);
            assert_memory_equal(reason[f], reason[1], sizeof reason[0]);
            for (size_t i = 0; i < N; i++) /* a record has no NA: a value out of range */
                if (person[i] != CAREALIGN_NA_I32 && org[i] != CAREALIGN_NA_I32 &&
                    sector[i] != CAREALIGN_NA_I32 && type[i] != CAREALIGN_NA_I32 &&
                    start[i] != CAREALIGN_NA_I32)
                    assert_int_equal(reason[f][i], reason[0][i]);
                else
                    assert_int_equal(reason[f][i], CAREALIGN_REJECT_MISSING_FIELD);
            carealign_feed_counts a = CAREALIGN_FEED_COUNTS_INIT, b = CAREALIGN_FEED_COUNTS_INIT;
            assert_int_equal(carealign_scorecard_get_counts(sc[0], CAREALIGN_FEED_CONTACTS, &a),
                             CAREALIGN_OK);
            assert_int_equal(carealign_scorecard_get_counts(sc[f], CAREALIGN_FEED_CONTACTS, &b),
                             CAREALIGN_OK);
            assert_memory_equal(&a, &b, sizeof a);
            assert_int_equal(sc[f]->n_pending, sc[0]->n_pending);
            assert_int_equal(sc[f]->n_pending_extra, sc[0]->n_pending_extra);
            assert_memory_equal(sc[f]->pending, sc[0]->pending,
                                sc[0]->n_pending * sizeof *sc[0]->pending);
        }
        assert_true(sc[0]->n_pending > N / 2);
        for (int f = 0; f < 3; f++)
            carealign_scorecard_free(sc[f]);
    }
    carealign_framework_free(fw);
}

/* The contacts records feed reads rows of this release's size where they
 * are (feed.c): against the same rows in a caller's larger struct (96
 * bytes, its unknown bytes zero: read_row's copy, the path of every other
 * size), the same row reasons, counts and pending table (core and extras)
 * bytes for bytes. Rows of every kind: good ones with and without the
 * fields pending.c keeps apart, unknown people and organisations, fields
 * out of range, rows whose size is not the array's (rejected for their
 * size, as rows of the larger struct with an unknown byte set are), an
 * array of one row and of none. */
static void test_contact_records_in_place(void **state)
{
    (void)state;
    carealign_framework *fw = NULL;
    assert_int_equal(carealign_framework_load(framework_json, sizeof framework_json - 1, NULL, &fw),
                     CAREALIGN_OK);
    enum { N = 3000 };
    typedef struct wide_contact {
        carealign_contact c;
        int64_t later[2]; /* a later release's fields */
    } wide_contact;
    static carealign_contact rec[N];
    static wide_contact wide[N];
    static int32_t reason[2][N];
    const size_t lens[3] = {N, 1, 0};
    for (int run = 0; run < 3; run++) {
        const size_t n = lens[run];
        memset(wide, 0, sizeof wide);
        for (size_t i = 0; i < n; i++) {
            carealign_contact *k = &rec[i];
            carealign_contact_init(k, sizeof *k);
            k->person = rnd(10) == 0 ? 999 : rnd(3);
            k->org = rnd(30) == 0 ? 77 : rnd(4);
            k->sector = rnd(40) == 0 ? 40 : 1 + rnd(3);
            k->type = rnd(40) == 0 ? 16 : rnd(15);
            k->start_day = 20179 + rnd(365);
            k->has = (uint32_t)rnd(0x200) | (rnd(50) == 0 ? 0x400u : 0u);
            k->end_day = k->start_day + rnd(14) - 2;
            k->discharge_ready_day = k->start_day + rnd(5);
            k->staff_minutes = rnd(30) == 0 ? -5 : rnd(90);
            if (rnd(2)) {
                k->start_minute = rnd(30) == 0 ? 1440 : rnd(1440);
                k->professional = rnd(30) == 0 ? -1 : rnd(50);
                k->subtype = rnd(5);
                k->admission_method = rnd(3);
                k->discharge_destination = rnd(3);
                k->activity = rnd(30) == 0 ? -1 : rnd(4);
                k->cost_pence = rnd(30) == 0 ? -1 : rnd(10000);
            }
            wide[i].c = *k;
            wide[i].c.size = sizeof wide[i];
            if (i > 0 && rnd(40) == 0) { /* not the array's size (not the first: the stride) */
                k->size = rnd(2) ? sizeof *k + 8 : sizeof *k - 8;
                wide[i].later[1] = 1;
            }
        }
        carealign_scorecard *sc[2];
        size_t rejected[2];
        sc[0] = feed_target(fw);
        assert_int_equal(carealign_scorecard_feed_contacts(sc[0], rec, n, reason[0], &rejected[0]),
                         CAREALIGN_OK);
        sc[1] = feed_target(fw);
        assert_int_equal(carealign_scorecard_feed_contacts(sc[1], (const carealign_contact *)wide,
                                                           n, reason[1], &rejected[1]),
                         CAREALIGN_OK);
        assert_int_equal(rejected[0], rejected[1]);
        assert_memory_equal(reason[0], reason[1], n * sizeof reason[0][0]);
        carealign_feed_counts a = CAREALIGN_FEED_COUNTS_INIT, b = CAREALIGN_FEED_COUNTS_INIT;
        assert_int_equal(carealign_scorecard_get_counts(sc[0], CAREALIGN_FEED_CONTACTS, &a),
                         CAREALIGN_OK);
        assert_int_equal(carealign_scorecard_get_counts(sc[1], CAREALIGN_FEED_CONTACTS, &b),
                         CAREALIGN_OK);
        assert_memory_equal(&a, &b, sizeof a);
        assert_int_equal(a.read, n);
        assert_int_equal(sc[0]->n_pending, sc[1]->n_pending);
        assert_int_equal(sc[0]->n_pending_extra, sc[1]->n_pending_extra);
        if (sc[0]->n_pending > 0)
            assert_memory_equal(sc[0]->pending, sc[1]->pending,
                                sc[0]->n_pending * sizeof *sc[0]->pending);
        if (sc[0]->n_pending_extra > 0)
            assert_memory_equal(sc[0]->pending_extra, sc[1]->pending_extra,
                                sc[0]->n_pending_extra * sizeof *sc[0]->pending_extra);
        if (run == 0) {
            size_t sized = 0;
            for (size_t i = 0; i < n; i++)
                sized += reason[0][i] == CAREALIGN_REJECT_SIZE;
            assert_true(sized > 30 && sc[0]->n_pending > N / 10 &&
                        sc[0]->n_pending_extra > N / 20 && rejected[0] > N / 4);
        }
        for (int f = 0; f < 2; f++)
            carealign_scorecard_free(sc[f]);
    }
    carealign_framework_free(fw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_round_trip),
        cmocka_unit_test(test_people_scattered),
        cmocka_unit_test(test_keep_from),
        cmocka_unit_test(test_sort_pending_table),
        cmocka_unit_test(test_same_day_not_apart),
        cmocka_unit_test(test_journey_order_known),
        cmocka_unit_test(test_converted_as_expanded),
        cmocka_unit_test(test_contact_columns_as_records),
        cmocka_unit_test(test_contact_records_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
