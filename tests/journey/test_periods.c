/* carealign__journey_compute_periods (internal): the results of several
 * periods computed together are the bytes of one carealign__journey_compute
 * per period, over random people, options and periods (empty, overlapping,
 * nested, single days, and no period at all), and the builder's discharges
 * afterwards are those of the last period's computation. The reference is
 * the one-period computation, itself tested against hand-derived values in
 * test_journey.c and test_reablement.c. */
#include "cmocka_all.h"
#include "xorshift.h"

#include <limits.h>
#include <string.h>

#include "carealign/journey.h"
#include "core/internal.h"
#include "journey/figures.h"
#include "journey/internal.h"
#include "same_journey.h"

#define MAXP 16

static uint32_t rng = 88172645u;
static int32_t rnd(int32_t n)
{
    return carealign_test_rnd(&rng, n);
}

/* 1: add_person's contacts name no professional (the same random draws) */
static int no_prof;
/* add_person draws its contacts' sectors from 2, not 7, and half of its
 * contacts' types from the two assessments (more duplicate assessments
 * of one sector at two organisations) */
static int dup_prone;

static void add_person(carealign_journey *j, int32_t id)
{
    carealign_journey_reset(j);
    carealign_person pe;
    carealign_person_init(&pe, sizeof pe);
    pe.person = id;
    pe.has = CAREALIGN_PERSON_HAS_BIRTH;
    pe.birth_year = 1930 + rnd(60);
    pe.birth_month = 1 + rnd(12);
    if (rnd(4) == 0) {
        pe.has |= CAREALIGN_PERSON_HAS_DEATH;
        pe.death_day = 1000 + rnd(400);
    }
    if (rnd(6) == 0)
        pe.flags |= CAREALIGN_PERSON_LTS_RESIDENTIAL;
    assert_int_equal(carealign_journey_set_person(j, &pe), CAREALIGN_OK);
    int32_t n = rnd(4) == 0 ? rnd(3) : rnd(60);
    int32_t big = rnd(5) == 0; /* organisations and professionals beyond 64 */
    for (int32_t i = 0; i < n; i++) {
        carealign_contact c;
        carealign_contact_init(&c, sizeof c);
        c.org = big ? rnd(100) : rnd(5);
        c.sector = 1 + rnd(dup_prone ? 2 : 7);
        c.type = 1 + rnd(CAREALIGN_CONTACT_TYPE_END - 1);
        if (dup_prone && rnd(2))
            c.type = rnd(2) ? CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT
                            : CAREALIGN_CONTACT_HEALTH_ASSESSMENT;
        c.start_day = 1000 + rnd(365);
        if (rnd(3) == 0) {
            c.has |= CAREALIGN_CONTACT_HAS_END;
            c.end_day = c.start_day + rnd(20);
        }
        if (rnd(2)) {
            c.has |= CAREALIGN_CONTACT_HAS_START_MINUTE;
            c.start_minute = rnd(1440);
        }
        if (rnd(2) && !no_prof) {
            c.has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
            c.professional = big ? rnd(200) : rnd(6);
        }
        if (rnd(2)) {
            c.has |= CAREALIGN_CONTACT_HAS_SUBTYPE;
            c.subtype = rnd(3);
        }
        if (rnd(2)) {
            c.has |= CAREALIGN_CONTACT_HAS_ADMISSION_METHOD;
            c.admission_method = 21 + rnd(3);
        }
        if (rnd(2)) {
            c.has |= CAREALIGN_CONTACT_HAS_DESTINATION;
            c.discharge_destination = 18 + rnd(3);
        }
        if (rnd(4) == 0) {
            c.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
            c.discharge_ready_day = c.start_day + rnd(5) - 2;
        }
        c.staff_minutes = rnd(60);
        if (rnd(2)) {
            c.has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
            c.activity = 1 + rnd(4);
        }
        if (rnd(5) == 0) {
            c.has |= CAREALIGN_CONTACT_HAS_COST;
            c.cost_pence = 100 * rnd(50);
        }
        assert_int_equal(carealign_journey_add_contact(j, &c), CAREALIGN_OK);
    }
}

static const int32_t methods[] = {22};
static const int32_t dests[] = {19, 20};
static const int64_t costs[CAREALIGN_CONTACT_TYPE_END * 8] = {[3 * 8 + 2] = 250, [4 * 8 + 1] = 90};

static void random_options(carealign_journey_options *o)
{
    carealign_journey_options_init(o, sizeof *o);
    o->same_day = rnd(3);
    o->min_contacts = rnd(4);
    o->duplicate_days = rnd(3) * 20;
    o->readmission_days = rnd(3) * 14;
    if (rnd(2)) {
        o->reablement_followup_days = 30 + rnd(60);
        o->reablement_before = rnd(10);
        o->reablement_after = rnd(10);
        o->reablement_cluster_gap = rnd(5);
        o->reablement_outcome =
            rnd(2) ? CAREALIGN_REABLE_OUTCOME_NO_EVENT : CAREALIGN_REABLE_OUTCOME_AT_HOME_ON_DAY;
        o->flags |= (uint32_t)rnd(2) * CAREALIGN_JOPT_REABLE_EXCLUDE_LTS |
                    (uint32_t)rnd(2) * CAREALIGN_JOPT_REABLE_EXCLUDE_ZERO_LOS |
                    (uint32_t)rnd(2) * CAREALIGN_JOPT_REABLE_EXCLUDE_DEATHS |
                    (uint32_t)rnd(2) * CAREALIGN_JOPT_REABLE_EXCLUDE_DIED_IN_HOSPITAL;
        if (rnd(3) == 0) {
            o->has |= CAREALIGN_JOPT_HAS_REABLEMENT_DISCHARGES;
            o->reablement_discharge_first = 1050;
            o->reablement_discharge_last = 1200;
        }
        if (rnd(3) == 0) {
            o->has |= CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE;
            o->reablement_min_age = 65;
        }
        o->reablement_excluded_methods = methods;
        o->n_reablement_excluded_methods = (size_t)rnd(2);
        o->reablement_excluded_destinations = dests;
        o->n_reablement_excluded_destinations = (size_t)rnd(3);
    }
    o->readmission_excluded_methods = methods;
    o->n_readmission_excluded_methods = (size_t)rnd(2);
    o->discharge_excluded_destinations = dests;
    o->n_discharge_excluded_destinations = (size_t)rnd(3);
    if (rnd(2))
        o->stay_sectors = (uint32_t)(1 + rnd(255));
    if (rnd(2))
        o->continuity_types = (uint64_t)(2 + rnd(60000));
    if (rnd(2)) {
        o->unit_costs = costs;
        o->n_cost_types = CAREALIGN_CONTACT_TYPE_END;
        o->n_cost_sectors = 8;
    }
}

/* Options *other with the fields the preparation reads taken from *base
 * (carealign__journey_prep_same then holds), the rest left as drawn. */
static void same_preparation(carealign_journey_options *other,
                             const carealign_journey_options *base)
{
    other->stay_sectors = base->stay_sectors;
    other->followup_types = base->followup_types;
    other->readmission_days = base->readmission_days;
    other->discharge_excluded_destinations = base->discharge_excluded_destinations;
    other->n_discharge_excluded_destinations = base->n_discharge_excluded_destinations;
    other->readmission_excluded_methods = base->readmission_excluded_methods;
    other->n_readmission_excluded_methods = base->n_readmission_excluded_methods;
}

static void periods_match_one_at_a_time(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    for (int round = 0; round < 3000; round++) {
        add_person(j, round);
        assert_null(j->prep); /* a new person invalidates the preparation */
        carealign_journey_options base;
        random_options(&base);
        size_t np = 1 + (size_t)rnd(MAXP);
        carealign__jopts conv[MAXP];
        const carealign__jopts *ptr[MAXP];
        for (size_t k = 0; k < np; k++) {
            carealign_journey_options o = base;
            int kind = rnd(6);
            if (kind == 0 && k == 0) {
                /* no period (the scorecard's whole period may be one) */
            } else {
                o.has |= CAREALIGN_JOPT_HAS_PERIOD;
                if (kind == 1) { /* before or after every contact: empty */
                    o.period_start = rnd(2) ? 100 : 2000;
                    o.period_end = o.period_start + rnd(30);
                } else if (kind == 2) { /* one day */
                    o.period_start = o.period_end = 1000 + rnd(365);
                } else { /* months, overlapping ones, wider ones */
                    o.period_start = 990 + rnd(380);
                    o.period_end = o.period_start + rnd(kind == 3 ? 400 : 31);
                }
            }
            assert_int_equal(carealign__journey_options(&o, &conv[k]), CAREALIGN_OK);
            ptr[k] = &conv[k];
        }
        carealign_journey_result got[MAXP], want, *gp[MAXP];
        for (size_t k = 0; k < np; k++)
            gp[k] = &got[k];
        assert_int_equal(carealign__journey_compute_periods(j, ptr, np, gp), CAREALIGN_OK);
        assert_ptr_equal(j->prep, ptr[0]); /* prepared, until anything changes */
        size_t nd = 0;
        assert_int_equal(carealign_journey_discharge_count(j, &nd), CAREALIGN_OK);
        carealign_discharge dgot[64];
        assert_true(nd <= 64);
        for (size_t d = 0; d < nd; d++) {
            carealign_discharge_init(&dgot[d], sizeof dgot[d]);
            assert_int_equal(carealign_journey_get_discharge(j, d, &dgot[d]), CAREALIGN_OK);
        }
        for (size_t k = 0; k < np; k++) {
            assert_int_equal(carealign__journey_compute(j, ptr[k], &want), CAREALIGN_OK);
            assert_memory_equal(&got[k], &want, sizeof want);
        }
        assert_null(j->prep); /* a computation of its own invalidates the preparation */
        /* the builder now holds the last period's discharges, one at a time */
        size_t nd2 = 0;
        assert_int_equal(carealign_journey_discharge_count(j, &nd2), CAREALIGN_OK);
        assert_int_equal(nd, nd2);
        for (size_t d = 0; d < nd; d++) {
            carealign_discharge w;
            carealign_discharge_init(&w, sizeof w);
            assert_int_equal(carealign_journey_get_discharge(j, d, &w), CAREALIGN_OK);
            assert_memory_equal(&dgot[d], &w, sizeof w);
        }
    }
    carealign_journey_free(j);
}

/* The discharge and reablement counts, which the figures-only computation
 * does not compute, set to those of o->base in a copy of r. */
static void without_discharges(const carealign__jopts *o, carealign_journey_result *r)
{
    const carealign_journey_result *b = &o->base;
    r->n_discharges = b->n_discharges;
    r->n_followup_none = b->n_followup_none;
    memcpy(r->n_followup_within, b->n_followup_within, sizeof r->n_followup_within);
    r->n_readmissions = b->n_readmissions;
    r->n_delay_known = b->n_delay_known;
    r->n_delayed = b->n_delayed;
    r->delay_days_total = b->delay_days_total;
    r->n_reablement_denominator = b->n_reablement_denominator;
    r->n_reablement_numerator = b->n_reablement_numerator;
    r->n_reablement_excluded = b->n_reablement_excluded;
}

/* carealign__journey_figures_period: a differential test. Over random
 * people (organisations below and beyond 64, professionals or none), options
 * (every same-day rule, unit costs or none) and periods, each period's result
 * is the bytes of carealign__journey_compute of that period (the independently
 * tested one-period computation) but for the discharge and reablement counts,
 * and the one pass leaves the builder's discharges untouched; likewise for a second option
 * set computed on the first one's preparation, which reads the same options
 * (carealign__journey_prep_same). */
static void figures_match_compute(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    int fast = 0; /* people whose periods came from the sums (not compute_period) */
    for (int round = 0; round < 3000; round++) {
        no_prof = round % 3 != 0; /* most people name no professional */
        add_person(j, round);
        carealign_journey_options base, other;
        random_options(&base);
        /* options the preparation reads as base's, the rest drawn again */
        random_options(&other);
        same_preparation(&other, &base);
        carealign__jopts whole, whole2;
        assert_int_equal(carealign__journey_options(&base, &whole), CAREALIGN_OK);
        assert_int_equal(carealign__journey_options(&other, &whole2), CAREALIGN_OK);
        assert_true(carealign__journey_prep_same(&whole, &whole2));
        assert_int_equal(carealign__journey_prepare(j, &whole), CAREALIGN_OK);
        size_t nd = j->n_dis;
        carealign_discharge dis0[64];
        assert_true(nd <= 64);
        carealign_journey_result r0;
        carealign__journey_compute_period(j, &whole, &r0); /* sets the discharges */
        /* several periods of both option sets on one preparation, then each
         * against compute */
        carealign__jopts conv[16];
        carealign_journey_result got[16];
        for (int k = 0; k < 16; k++) {
            const int first = k < 8 || k >= 14; /* base's, other's, base's again */
            carealign_journey_options o = first ? base : other;
            if (k % 8 > 0) {
                o.has |= CAREALIGN_JOPT_HAS_PERIOD;
                o.period_start = 990 + rnd(380);
                if (k % 8 > 4) /* months in a row: the run starts where the last ended */
                    o.period_start = conv[k - 1].pe + 1;
                o.period_end = o.period_start + rnd(k % 8 == 1 ? 400 : 31);
            }
            assert_int_equal(carealign__journey_options(&o, &conv[k]), CAREALIGN_OK);
            memset(&got[k], 0xA5, sizeof got[k]);
            memcpy(dis0, j->dis, nd * sizeof *dis0);
            carealign__journey_figures_period(j, first ? &whole : &whole2, &conv[k], &got[k]);
            if (j->fig_usable) /* the one pass leaves them; compute_period marks them */
                assert_memory_equal(dis0, j->dis, nd * sizeof *dis0);
            assert_ptr_equal(j->prep, &whole);
            for (size_t t = 0; t < 64; t++)
                assert_int_equal(j->ocnt[t], 0);
            fast += k == 0 && j->fig_usable;
        }
        for (int k = 0; k < 16; k++) {
            carealign_journey_result want;
            assert_int_equal(carealign__journey_compute(j, &conv[k], &want), CAREALIGN_OK);
            without_discharges(&conv[k], &want);
            without_discharges(&conv[k], &got[k]);
            assert_memory_equal(&got[k], &want, sizeof want);
        }
    }
    no_prof = 0;
    assert_true(fast > 100);
    carealign_journey_free(j);
}

/* carealign__journey_figures_some: a differential test against
 * carealign__journey_figures_period over random people, options, periods
 * and parts: the period's sums always, and the fields of each part asked
 * for, are figures_period's bytes (and every field when the one pass does
 * not apply: compute_period's result). */
static void figures_some_parts(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    int partial = 0; /* partial results compared */
    for (int round = 0; round < 2000; round++) {
        no_prof = round % 3 != 0;
        add_person(j, round);
        carealign_journey_options base;
        random_options(&base);
        carealign__jopts whole;
        assert_int_equal(carealign__journey_options(&base, &whole), CAREALIGN_OK);
        assert_int_equal(carealign__journey_prepare(j, &whole), CAREALIGN_OK);
        int32_t prev_end = 0;
        for (int k = 0; k < 8; k++) {
            carealign_journey_options o = base;
            if (k > 0) {
                o.has |= CAREALIGN_JOPT_HAS_PERIOD;
                o.period_start = k > 4 ? prev_end + 1 : 990 + rnd(380);
                o.period_end = o.period_start + rnd(k == 1 ? 400 : 31);
                prev_end = o.period_end;
            }
            carealign__jopts conv;
            assert_int_equal(carealign__journey_options(&o, &conv), CAREALIGN_OK);
            unsigned parts = (unsigned)rnd(64);
            if ((parts & CAREALIGN__FIG_CONTINUITY) && !(parts & CAREALIGN__FIG_RUN))
                parts |= CAREALIGN__FIG_RUN; /* continuity with the run only */
            carealign_journey_result want, got;
            memset(&got, 0xA5, sizeof got);
            carealign__journey_figures_period(j, &whole, &conv, &want);
            carealign__journey_figures_some(j, &whole, &conv, &got, parts);
            if (!j->fig_usable || parts == CAREALIGN__FIG_ALL) {
                assert_memory_equal(&got, &want, sizeof want);
                continue;
            }
            partial++;
            assert_true(got.activity == want.activity && got.staff_minutes == want.staff_minutes &&
                        got.cost_pence == want.cost_pence && got.n_unpriced == want.n_unpriced &&
                        got.n_lt_care_home_admissions == want.n_lt_care_home_admissions &&
                        got.n_assessments == want.n_assessments &&
                        got.n_duplicate_assessments == want.n_duplicate_assessments);
            if (parts & CAREALIGN__FIG_SECTORS)
                assert_int_equal(got.n_sectors, want.n_sectors);
            if (parts & CAREALIGN__FIG_RUN)
                assert_true(got.n_organisations == want.n_organisations &&
                            got.continuity_contacts == want.continuity_contacts &&
                            got.n_handoffs == want.n_handoffs);
            if (parts & CAREALIGN__FIG_CONTINUITY)
                assert_memory_equal(&got.coc, &want.coc, 5 * sizeof(double));
            if (parts & CAREALIGN__FIG_DAYS)
                assert_int_equal(got.days_observed, want.days_observed);
            if (parts & CAREALIGN__FIG_BED)
                assert_int_equal(got.bed_days, want.bed_days);
            if (parts & CAREALIGN__FIG_ALIVE)
                assert_true(got.days_alive == want.days_alive &&
                            got.days_alive_in_community == want.days_alive_in_community);
            for (size_t t = 0; t < 64; t++)
                assert_int_equal(j->ocnt[t], 0);
        }
    }
    no_prof = 0;
    assert_true(partial > 1000);
    carealign_journey_free(j);
}

/* *out: base's options resolved, with a random period for k > 0 (up to
 * 400 days for k == 1, a month's for the others), none for k == 0. */
static void random_period(const carealign_journey_options *base, int k, carealign__jopts *out)
{
    carealign_journey_options o = *base;
    if (k > 0) {
        o.has |= CAREALIGN_JOPT_HAS_PERIOD;
        o.period_start = 990 + rnd(380);
        o.period_end = o.period_start + rnd(k == 1 ? 400 : 31);
    }
    assert_int_equal(carealign__journey_options(&o, out), CAREALIGN_OK);
}

/* The fields of the parts (and the sums) figures_some wrote to a and b
 * are the same. */
static void assert_same_parts(const carealign_journey_result *a, const carealign_journey_result *b,
                              unsigned parts)
{
    assert_true(a->activity == b->activity && a->staff_minutes == b->staff_minutes &&
                a->cost_pence == b->cost_pence && a->n_unpriced == b->n_unpriced &&
                a->n_lt_care_home_admissions == b->n_lt_care_home_admissions &&
                a->n_assessments == b->n_assessments &&
                a->n_duplicate_assessments == b->n_duplicate_assessments);
    if (parts & CAREALIGN__FIG_SECTORS)
        assert_int_equal(a->n_sectors, b->n_sectors);
    if (parts & CAREALIGN__FIG_RUN)
        assert_true(a->n_organisations == b->n_organisations &&
                    a->continuity_contacts == b->continuity_contacts &&
                    a->n_handoffs == b->n_handoffs);
    if (parts & CAREALIGN__FIG_CONTINUITY)
        assert_memory_equal(&a->coc, &b->coc, 5 * sizeof(double));
    if (parts & CAREALIGN__FIG_DAYS)
        assert_int_equal(a->days_observed, b->days_observed);
}

/* carealign__journey_prepare_contacts: over random people, options and
 * periods, figures_some's sums and the parts that read no stay (run,
 * continuity, sectors, days observed) after it are those after
 * carealign__journey_prepare, also when the one pass does not apply
 * (compute_period's), and it leaves no stay, discharge or span. */
static void prepare_contacts_figures(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    int stays = 0, unusable = 0; /* people with a stay; periods computed by compute_period */
    for (int round = 0; round < 2000; round++) {
        no_prof = round % 3 != 0;
        add_person(j, round);
        carealign_journey_options base;
        random_options(&base);
        carealign__jopts whole, conv[6];
        assert_int_equal(carealign__journey_options(&base, &whole), CAREALIGN_OK);
        unsigned parts[6];
        for (int k = 0; k < 6; k++) {
            random_period(&base, k, &conv[k]);
            parts[k] = (unsigned)rnd(64) & ~(CAREALIGN__FIG_BED | CAREALIGN__FIG_ALIVE);
            if (parts[k] & CAREALIGN__FIG_CONTINUITY)
                parts[k] |= CAREALIGN__FIG_RUN;
        }
        carealign_journey_result got[6], want;
        assert_int_equal(carealign__journey_prepare_contacts(j, &whole), CAREALIGN_OK);
        assert_true(j->n_stays == 0 && j->n_dis == 0 && j->prep_merged == 0 && j->prep == &whole);
        for (int k = 0; k < 6; k++)
            carealign__journey_figures_some(j, &whole, &conv[k], &got[k], parts[k]);
        unusable += !j->fig_usable;
        assert_int_equal(carealign__journey_prepare(j, &whole), CAREALIGN_OK);
        stays += j->n_stays > 0;
        for (int k = 0; k < 6; k++) {
            carealign__journey_figures_some(j, &whole, &conv[k], &want, parts[k]);
            assert_same_parts(&got[k], &want, parts[k]);
        }
    }
    no_prof = 0;
    assert_true(stays > 500 && unusable > 100);
    carealign_journey_free(j);
}

/* carealign__journey_figures_some over one preparation with two option sets
 * in turn, each first asked for parts without the run (the kept marks then
 * made at the first period that reads them) and periods in day order with
 * gaps (a period found from where the last one ended): the sums and the
 * fields of the parts asked for are carealign__journey_compute's. */
static void figures_some_order(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    int gaps = 0, late_run = 0; /* periods after a gap; runs asked after a first period without */
    for (int round = 0; round < 2000; round++) {
        no_prof = round % 3 != 0;
        add_person(j, round);
        carealign_journey_options base, other;
        random_options(&base);
        random_options(&other);
        same_preparation(&other, &base);
        carealign__jopts whole, whole2;
        assert_int_equal(carealign__journey_options(&base, &whole), CAREALIGN_OK);
        assert_int_equal(carealign__journey_options(&other, &whole2), CAREALIGN_OK);
        assert_int_equal(carealign__journey_prepare(j, &whole), CAREALIGN_OK);
        carealign__jopts conv[18];
        carealign_journey_result got[18];
        unsigned parts[18];
        int32_t next = 990 + rnd(60);
        for (int k = 0; k < 18; k++) {
            const int block = k / 6, first = block != 1; /* base's, other's, base's again */
            if (k % 6 == 0)
                next = 990 + rnd(60); /* each block from the start again */
            carealign_journey_options o = first ? base : other;
            o.has |= CAREALIGN_JOPT_HAS_PERIOD;
            o.period_start = next + (rnd(3) == 0 ? 1 + rnd(90) : 0);
            o.period_end = o.period_start + rnd(k % 6 == 0 ? 200 : 31);
            gaps += o.period_start > next && k % 6 > 0;
            next = o.period_end + 1;
            assert_int_equal(carealign__journey_options(&o, &conv[k]), CAREALIGN_OK);
            unsigned p = (unsigned)rnd(64);
            if (k % 6 == 0 && rnd(2) == 0)
                p &= ~(CAREALIGN__FIG_RUN | CAREALIGN__FIG_CONTINUITY); /* the run later */
            if ((p & CAREALIGN__FIG_CONTINUITY) && !(p & CAREALIGN__FIG_RUN))
                p |= CAREALIGN__FIG_RUN;
            late_run +=
                k % 6 > 0 && (p & CAREALIGN__FIG_RUN) && !(parts[k - k % 6] & CAREALIGN__FIG_RUN);
            parts[k] = p;
            memset(&got[k], 0xA5, sizeof got[k]);
            carealign__journey_figures_some(j, first ? &whole : &whole2, &conv[k], &got[k], p);
        }
        for (int k = 0; k < 18; k++) {
            carealign_journey_result want;
            const carealign_journey_result *g = &got[k];
            assert_int_equal(carealign__journey_compute(j, &conv[k], &want), CAREALIGN_OK);
            assert_true(g->activity == want.activity && g->staff_minutes == want.staff_minutes &&
                        g->cost_pence == want.cost_pence && g->n_unpriced == want.n_unpriced &&
                        g->n_lt_care_home_admissions == want.n_lt_care_home_admissions &&
                        g->n_assessments == want.n_assessments &&
                        g->n_duplicate_assessments == want.n_duplicate_assessments);
            if (parts[k] & CAREALIGN__FIG_SECTORS)
                assert_int_equal(g->n_sectors, want.n_sectors);
            if (parts[k] & CAREALIGN__FIG_RUN)
                assert_true(g->n_organisations == want.n_organisations &&
                            g->continuity_contacts == want.continuity_contacts &&
                            g->n_handoffs == want.n_handoffs);
            if (parts[k] & CAREALIGN__FIG_CONTINUITY)
                assert_memory_equal(&g->coc, &want.coc, 5 * sizeof(double));
            if (parts[k] & CAREALIGN__FIG_DAYS)
                assert_int_equal(g->days_observed, want.days_observed);
            if (parts[k] & CAREALIGN__FIG_BED)
                assert_int_equal(g->bed_days, want.bed_days);
            if (parts[k] & CAREALIGN__FIG_ALIVE)
                assert_true(g->days_alive == want.days_alive &&
                            g->days_alive_in_community == want.days_alive_in_community);
        }
    }
    no_prof = 0;
    assert_true(gaps > 1000 && late_run > 1000);
    carealign_journey_free(j);
}

/* carealign__journey_prep_same tells apart each option the preparation reads. */
static void prep_same_each_option(void **state)
{
    (void)state;
    carealign_journey_options a;
    random_options(&a);
    a.n_discharge_excluded_destinations = 1;
    a.n_readmission_excluded_methods = 1;
    a.stay_sectors = 5;
    a.followup_types = 2;
    static const int32_t dests2[] = {21}, methods2[] = {23};
    for (int k = 0; k < 6; k++) {
        carealign_journey_options b = a;
        switch (k) {
        case 0: b.stay_sectors = a.stay_sectors ^ 2u; break;
        case 1: b.followup_types = (uint64_t)4 | 8; break;
        case 2: b.readmission_days = a.readmission_days + 1; break;
        case 3: b.discharge_excluded_destinations = dests2; break;
        case 4: b.readmission_excluded_methods = methods2; break;
        default: b.n_readmission_excluded_methods = 0; break;
        }
        carealign__jopts x, y;
        assert_int_equal(carealign__journey_options(&a, &x), CAREALIGN_OK);
        assert_int_equal(carealign__journey_options(&b, &y), CAREALIGN_OK);
        assert_true(carealign__journey_prep_same(&x, &x));
        assert_false(carealign__journey_prep_same(&x, &y));
    }
}

static void never_a_contact(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    carealign_journey_options opt;
    carealign_journey_options_init(&opt, sizeof opt);
    opt.has = CAREALIGN_JOPT_HAS_PERIOD;
    opt.period_start = 1000;
    opt.period_end = 1030;
    carealign__jopts conv;
    assert_int_equal(carealign__journey_options(&opt, &conv), CAREALIGN_OK);
    const carealign__jopts *ptr = &conv;
    carealign_journey_result got, want, *gp = &got;
    assert_int_equal(carealign__journey_compute_periods(j, &ptr, 1, &gp), CAREALIGN_OK);
    assert_int_equal(carealign__journey_compute(j, &conv, &want), CAREALIGN_OK);
    assert_memory_equal(&got, &want, sizeof want);
    assert_true(got.flags & CAREALIGN_JR_NO_CONTACTS);
    carealign_journey_free(j);
}

static void no_periods_is_nothing(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    add_person(j, 1);
    assert_int_equal(carealign__journey_compute_periods(j, NULL, 0, NULL), CAREALIGN_OK);
    carealign_journey_free(j);
}

/* carealign__journey_discharges_period (exclusions 1) or
 * carealign__journey_discharges_reablement (0): the builder's discharges
 * as carealign__journey_compute_period leaves them (in-period flags,
 * reablement fields; with exclusions 0 the reablement exclusions only for
 * a person with a reablement start, else 0), over random people, options
 * (half with reablement) and periods, from discharges first marked by
 * another period. */
static void check_discharge_marks(int exclusions)
{
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    int reabled = 0;   /* discharges with a reablement field set */
    int unspelled = 0; /* of them, exclusions left 0 without a reablement start */
    for (int round = 0; round < 2000; round++) {
        add_person(j, round);
        carealign_journey_options base;
        random_options(&base);
        carealign__jopts whole;
        assert_int_equal(carealign__journey_options(&base, &whole), CAREALIGN_OK);
        assert_int_equal(carealign__journey_prepare(j, &whole), CAREALIGN_OK);
        const size_t nd = j->n_dis;
        assert_true(nd <= 64);
        int spell = 0; /* a reablement start among the person's contacts */
        for (size_t i = 0; i < j->n; i++)
            spell |= j->k.type[i] == CAREALIGN_CONTACT_REABLEMENT_START;
        carealign_discharge want[64];
        for (int k = 0; k < 4; k++) {
            carealign__jopts conv;
            random_period(&base, k, &conv);
            carealign_journey_result r;
            carealign__journey_compute_period(j, &conv, &r);
            memcpy(want, j->dis, nd * sizeof *want);
            /* other marks first: a period of its own, flags flipped */
            for (size_t d = 0; d < nd; d++) {
                j->dis[d].flags ^= CAREALIGN_DIS_IN_PERIOD;
                j->dis[d].reablement = 2;
                j->dis[d].reablement_exclusions = 1;
            }
            for (size_t d = 0; d < nd; d++) {
                reabled += want[d].reablement != 0 || want[d].reablement_exclusions != 0;
                if (!exclusions && !spell) {
                    assert_int_equal(want[d].reablement, 0); /* no spell, none linked */
                    unspelled += want[d].reablement_exclusions != 0;
                    want[d].reablement_exclusions = 0;
                }
            }
            if (exclusions)
                carealign__journey_discharges_period(j, &conv);
            else
                carealign__journey_discharges_reablement(j, &conv);
            assert_memory_equal(want, j->dis, nd * sizeof *want);
        }
    }
    assert_true(reabled > 100);
    if (!exclusions)
        assert_true(unspelled > 100);
    carealign_journey_free(j);
}

static void discharges_period_match(void **state)
{
    (void)state;
    check_discharge_marks(1);
}

static void discharges_reablement_match(void **state)
{
    (void)state;
    check_discharge_marks(0);
}

/* carealign__journey_push_some: the contacts named by the indexes, after
 * those already there, as carealign_journey_add_contact of each in index
 * order gives them (the contact array, the counts of contacts naming a
 * professional and of stays and discharges, counted here by hand), past
 * the array's first capacity. */
static void push_some_is_add_each(void **state)
{
    (void)state;
    enum { N = 40 };
    carealign_contact in[N];
    carealign__jc jc[N];
    uint32_t idx[N];
    size_t m = 0, prof = 0, stays = 0;
    for (int32_t i = 0; i < N; i++) {
        carealign_contact_init(&in[i], sizeof in[i]);
        in[i].org = i % 3;
        in[i].sector = 1;
        in[i].type = 1 + i % (CAREALIGN_CONTACT_TYPE_END - 1);
        in[i].start_day = 1000 + 7 * i;
        if (i % 4 == 0) {
            in[i].has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
            in[i].professional = i;
        }
        assert_int_equal(carealign__journey_convert(&in[i], &jc[i]), CAREALIGN_OK);
        int taken = i == 0 || i % 5 != 1; /* contact 0 is added before */
        if (i > 0 && taken)
            idx[m++] = (uint32_t)i;
        if (taken) {
            prof += i % 4 == 0;
            stays += in[i].type == CAREALIGN_CONTACT_ADMISSION ||
                     in[i].type == CAREALIGN_CONTACT_EMERGENCY_ADMISSION ||
                     in[i].type == CAREALIGN_CONTACT_DISCHARGE;
        }
    }
    assert_true(m > 24 && prof > 0 && stays > 0);
    carealign_journey *want, *got;
    assert_int_equal(carealign_journey_new(&want), CAREALIGN_OK);
    assert_int_equal(carealign_journey_new(&got), CAREALIGN_OK);
    assert_int_equal(carealign_journey_add_contact(want, &in[0]), CAREALIGN_OK);
    for (size_t i = 0; i < m; i++)
        assert_int_equal(carealign_journey_add_contact(want, &in[idx[i]]), CAREALIGN_OK);
    const uint32_t first = 0;
    assert_int_equal(carealign__journey_push_some(got, jc, idx, 0), CAREALIGN_OK);
    assert_int_equal(got->n, 0);
    assert_int_equal(got->sorted, 1); /* nothing added: still in order */
    assert_int_equal(carealign__journey_push_some(got, jc, &first, 1), CAREALIGN_OK);
    assert_int_equal(got->n, 1);
    /* one contact into a builder without any: in order, in the columns */
    assert_int_equal(got->sorted, 1);
    assert_int_equal(got->soa, 1);
    /* 15 of the array's first 16, then 10 more: past the capacity with
     * fewer than it, then the rest */
    assert_int_equal(carealign__journey_push_some(got, jc, idx, 14), CAREALIGN_OK);
    assert_int_equal(carealign__journey_push_some(got, jc, idx + 14, 10), CAREALIGN_OK);
    assert_int_equal(carealign__journey_push_some(got, jc, idx + 24, m - 24), CAREALIGN_OK);
    assert_int_equal(got->n, m + 1);
    assert_int_equal(got->n_prof, prof);
    assert_int_equal(got->n_stayc, stays);
    assert_int_equal(got->sorted, 0);
    assert_memory_equal(got->c, want->c, (m + 1) * sizeof *got->c);
    assert_same_compute(want, got);
    carealign_journey_free(want);
    carealign_journey_free(got);
}

/* carealign__journey_push_some into a builder without contacts: the types
 * present (tbits, valid) as the preparation's scans read them, the
 * organisations' OR not valid (a gather's, left from before, would send
 * organisations above 63 down the usual-case loop); onto a builder with
 * contacts: no types known. Every type, deaths, stays and organisations up
 * to 99: the result is carealign_journey_add_contact's of each. */
static void push_some_types(void **state)
{
    (void)state;
    enum { N = 45 };
    carealign_contact in[N];
    carealign__jc jc[N];
    uint32_t idx[N];
    uint32_t types = 0;
    for (int32_t i = 0; i < N; i++) {
        carealign_contact_init(&in[i], sizeof in[i]);
        in[i].org = (i * 37) % 100;
        in[i].sector = 1 + i % 3;
        in[i].type = 1 + i % (CAREALIGN_CONTACT_TYPE_END - 1);
        in[i].start_day = 1000 + 5 * i;
        assert_int_equal(carealign__journey_convert(&in[i], &jc[i]), CAREALIGN_OK);
        idx[i] = (uint32_t)(N - 1 - i); /* pushed in reverse: sorted by the preparation */
        types |= UINT32_C(1) << in[i].type;
    }
    carealign_journey *want, *got;
    assert_int_equal(carealign_journey_new(&want), CAREALIGN_OK);
    assert_int_equal(carealign_journey_new(&got), CAREALIGN_OK);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(carealign_journey_add_contact(want, &in[idx[i]]), CAREALIGN_OK);
    got->orgs_or_valid = 1; /* as a gather of organisations below 64 leaves it */
    got->orgs_or = 0;
    assert_int_equal(carealign__journey_push_some(got, jc, idx, N), CAREALIGN_OK);
    assert_int_equal(got->tbits_valid, 1);
    assert_int_equal(got->tbits, types);
    assert_int_equal(got->orgs_or_valid, 0);
    carealign_journey_result fw, fg;
    carealign_journey_result_init(&fw, sizeof fw);
    carealign_journey_result_init(&fg, sizeof fg);
    assert_int_equal(carealign_journey_compute(want, NULL, &fw), CAREALIGN_OK);
    assert_int_equal(carealign_journey_compute(got, NULL, &fg), CAREALIGN_OK);
    assert_true(fw.n_lt_care_home_admissions > 0 && fw.n_discharges > 0 && fw.n_organisations > 40);
    assert_memory_equal(&fg, &fw, sizeof fg);
    /* more contacts onto those: the types no longer known */
    assert_int_equal(carealign__journey_push_some(got, jc, idx, 1), CAREALIGN_OK);
    assert_int_equal(got->tbits_valid, 0);
    carealign_journey_free(want);
    carealign_journey_free(got);
}

/* A contact's cost at its unit cost, activity 0, 1 and 2 against a unit
 * cost near INT64_MAX: priced when unit * activity fits in int64, else
 * unpriced (docs/journey.md), in carealign_journey_compute and in the
 * scorecard's one pass (carealign__journey_figures_period). */
static void cost_overflow_by_activity(void **state)
{
    (void)state;
    /* [type][sector], 16 types x 2 sectors */
    int64_t unit[CAREALIGN_CONTACT_TYPE_END * 2] = {0};
    const int32_t big = CAREALIGN_CONTACT_GP_APPOINTMENT, small = CAREALIGN_CONTACT_REVIEW;
    unit[big * 2 + 1] = INT64_MAX / 2 + 1; /* times 2 overflows */
    unit[small * 2 + 1] = 7;
    const struct {
        int32_t type;
        int64_t activity;
    } rows[5] = {{big, 0}, {big, 2}, {small, 1}, {small, 2}, {big, 1}};
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    for (int k = 0; k < 5; k++) {
        carealign_contact c;
        carealign_contact_init(&c, sizeof c);
        c.org = 1;
        c.sector = 1;
        c.type = rows[k].type;
        c.start_day = 1000 + k;
        c.has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
        c.activity = rows[k].activity;
        assert_int_equal(carealign_journey_add_contact(j, &c), CAREALIGN_OK);
    }
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.unit_costs = unit;
    o.n_cost_types = CAREALIGN_CONTACT_TYPE_END;
    o.n_cost_sectors = 2;
    /* every contact but the last: 0 + unpriced + 7 + 14; with it, its
     * unit cost too (activity 1: it fits) */
    const int64_t want_cost[2] = {21, 21 + INT64_MAX / 2 + 1};
    for (int last = 0; last < 2; last++) {
        o.has = CAREALIGN_JOPT_HAS_PERIOD;
        o.period_start = 1000;
        o.period_end = last ? 1004 : 1003;
        carealign_journey_result r;
        carealign_journey_result_init(&r, sizeof r);
        assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_OK);
        assert_true(r.cost_pence == want_cost[last] && r.n_unpriced == 1);
        carealign__jopts conv;
        assert_int_equal(carealign__journey_options(&o, &conv), CAREALIGN_OK);
        assert_int_equal(carealign__journey_prepare(j, &conv), CAREALIGN_OK);
        carealign_journey_result f;
        carealign__journey_figures_period(j, &conv, &conv, &f);
        assert_true(j->fig_usable);
        assert_true(f.cost_pence == want_cost[last] && f.n_unpriced == 1);
    }
    carealign_journey_free(j);
}

/* carealign__journey_person + carealign__journey_put_person: one record
 * given to two builders, each as carealign_journey_set_person gives it
 * (birth on the 1st of the month, death, flags); a record out of range is
 * EINVAL as set_person's. */
static void person_once_is_set_person(void **state)
{
    (void)state;
    carealign_person pe;
    carealign_person_init(&pe, sizeof pe);
    pe.person = 7;
    pe.has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_DEATH;
    pe.birth_year = 1940;
    pe.birth_month = 3;
    pe.death_day = 1234;
    pe.flags = CAREALIGN_PERSON_LTS_RESIDENTIAL;
    int32_t birth;
    assert_int_equal(carealign_date_from_ymd(1940, 3, 1, &birth), CAREALIGN_OK);
    carealign__jperson jp;
    assert_int_equal(carealign__journey_person(&pe, &jp), CAREALIGN_OK);
    carealign_journey *a, *b;
    assert_int_equal(carealign_journey_new(&a), CAREALIGN_OK);
    assert_int_equal(carealign_journey_new(&b), CAREALIGN_OK);
    carealign__journey_put_person(a, &jp);
    carealign__journey_put_person(b, &jp);
    for (int k = 0; k < 2; k++) {
        const carealign_journey *j = k ? b : a;
        assert_int_equal(j->person, 7);
        assert_int_equal(j->has_birth, 1);
        assert_int_equal(j->birth_day, birth);
        assert_int_equal(j->death_day, 1234);
        assert_int_equal(j->person_flags, CAREALIGN_PERSON_LTS_RESIDENTIAL);
        assert_null(j->prep);
    }
    pe.has = 0;
    assert_int_equal(carealign__journey_person(&pe, &jp), CAREALIGN_OK);
    carealign__journey_put_person(a, &jp);
    assert_int_equal(a->has_birth, 0);
    assert_int_equal(a->death_day, CAREALIGN__NO_DAY);
    pe.has = CAREALIGN_PERSON_HAS_BIRTH;
    pe.birth_month = 13;
    assert_int_equal(carealign__journey_person(&pe, &jp), CAREALIGN_EINVAL);
    assert_int_equal(carealign_journey_set_person(b, &pe), CAREALIGN_EINVAL);
    carealign_journey_free(a);
    carealign_journey_free(b);
}

/* The contacts of add_person's builder j, in content order (j prepared:
 * its columns), back as contacts: out[0 .. j->n). */
static void contacts_of(const carealign_journey *j, carealign_contact *out)
{
    const carealign__jcols *k = &j->k;
    for (size_t i = 0; i < j->n; i++) {
        carealign_contact *c = &out[i];
        carealign_contact_init(c, sizeof *c);
        c->has = k->has[i];
        c->start_day = k->start[i];
        c->org = k->org[i];
        c->sector = k->sector[i];
        c->type = k->type[i];
        c->end_day = k->end != NULL ? k->end[i] : 0;
        c->start_minute = k->minute != NULL ? k->minute[i] : 0;
        c->professional = k->prof != NULL ? k->prof[i] : 0;
        c->subtype = k->subtype != NULL ? k->subtype[i] : 0;
        c->admission_method = k->method != NULL ? k->method[i] : 0;
        c->discharge_destination = k->dest != NULL ? k->dest[i] : 0;
        c->discharge_ready_day = k->ready != NULL ? k->ready[i] : 0;
        c->staff_minutes = k->staff != NULL ? k->staff[i] : 0;
        c->activity = k->activity != NULL ? k->activity[i] : 0;
        c->cost_pence = k->cost != NULL ? k->cost[i] : 0;
    }
}

/* The push tests' builders: src (each round's person), want (given the
 * contacts by carealign_journey_add_contact), got (by the push under test);
 * whole: the default options read. */
static void new_push_builders(carealign_journey **src, carealign_journey **want,
                              carealign_journey **got, carealign__jopts *whole)
{
    assert_int_equal(carealign_journey_new(src), CAREALIGN_OK);
    assert_int_equal(carealign_journey_new(want), CAREALIGN_OK);
    assert_int_equal(carealign_journey_new(got), CAREALIGN_OK);
    carealign_journey_options base;
    carealign_journey_options_init(&base, sizeof base);
    assert_int_equal(carealign__journey_options(&base, whole), CAREALIGN_OK);
}

/* A push test's round: src given the round's person (without professionals
 * every other round), its n <= 64 contacts into in[0 .. n) in content
 * order, want and got emptied; returns n. */
static size_t push_round(carealign_journey *src, carealign_journey *want, carealign_journey *got,
                         const carealign__jopts *whole, int round, carealign_contact *in)
{
    no_prof = round % 2;
    add_person(src, round);
    assert_int_equal(carealign__journey_prepare_contacts(src, whole), CAREALIGN_OK);
    const size_t n = src->n;
    assert_true(n <= 64);
    contacts_of(src, in);
    carealign_journey_reset(want);
    carealign_journey_reset(got);
    return n;
}

/* carealign__journey_push_some into a builder without contacts, the
 * contacts given in content order (every optional column drawn, some
 * contacts left out): the columns (which are NULL, and the values of the
 * others), the counts and every figure are those of a builder given the
 * same contacts by carealign_journey_add_contact; more contacts pushed
 * after them give the same contact array as adding them one at a time. */
static void push_some_in_order(void **state)
{
    (void)state;
    carealign_journey *src, *want, *got;
    carealign__jopts whole;
    new_push_builders(&src, &want, &got, &whole);
    int direct = 0, optional = 0; /* pushes into the columns; with an optional column left out */
    for (int round = 0; round < 1000; round++) {
        carealign_contact in[64];
        carealign__jc jc[64];
        uint32_t idx[64];
        const size_t n = push_round(src, want, got, &whole, round, in);
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(carealign__journey_convert(&in[i], &jc[i]), CAREALIGN_OK);
            if (rnd(4) != 0) {
                idx[m++] = (uint32_t)i;
                assert_int_equal(carealign_journey_add_contact(want, &in[i]), CAREALIGN_OK);
            }
        }
        assert_int_equal(carealign__journey_push_some(got, jc, idx, m), CAREALIGN_OK);
        assert_int_equal(got->n, m);
        assert_int_equal(got->n_prof, want->n_prof);
        assert_int_equal(got->n_stayc, want->n_stayc);
        direct += m > 0 && got->soa;
        assert_int_equal(carealign__journey_prepare_contacts(want, &whole), CAREALIGN_OK);
        assert_int_equal(carealign__journey_prepare_contacts(got, &whole), CAREALIGN_OK);
        if (m > 0) {
            assert_same_columns(got, want, m);
            optional += got->k.end == NULL || got->k.activity == NULL || got->k.cost == NULL;
        }
        assert_same_compute(want, got);
        /* the first contact again, after them: the array rebuilt from the
         * columns first */
        if (m > 0) {
            assert_int_equal(carealign__journey_push_some(got, jc, idx, 1), CAREALIGN_OK);
            assert_int_equal(carealign_journey_add_contact(want, &in[idx[0]]), CAREALIGN_OK);
            assert_int_equal(got->n, want->n);
            assert_memory_equal(got->c, want->c, got->n * sizeof *got->c);
        }
    }
    no_prof = 0;
    assert_true(direct > 700 && optional > 100);
    carealign_journey_free(src);
    carealign_journey_free(want);
    carealign_journey_free(got);
}

/* carealign__journey_push_ordered into a builder without contacts, the
 * contacts on strictly ascending start days (of each person's contacts,
 * those after the last taken's day, some left out): the columns, counts
 * and every figure are those of a builder given the same contacts by
 * carealign_journey_add_contact, the contacts straight in the columns.
 * Two contacts out of content order: the order is not checked (the
 * builder marked sorted), where carealign__journey_push_some checks it. */
static void push_ordered_is_add_each(void **state)
{
    (void)state;
    carealign_journey *src, *want, *got;
    carealign__jopts whole;
    new_push_builders(&src, &want, &got, &whole);
    int direct = 0, several = 0;
    for (int round = 0; round < 500; round++) {
        carealign_contact in[64];
        carealign__jc jc[64];
        uint32_t idx[64];
        const size_t n = push_round(src, want, got, &whole, round, in);
        size_t m = 0;
        int32_t last = INT32_MIN;
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(carealign__journey_convert(&in[i], &jc[i]), CAREALIGN_OK);
            if (in[i].start_day > last && rnd(4) != 0) {
                idx[m++] = (uint32_t)i;
                last = in[i].start_day;
                assert_int_equal(carealign_journey_add_contact(want, &in[i]), CAREALIGN_OK);
            }
        }
        assert_int_equal(carealign__journey_push_ordered(got, jc, idx, m), CAREALIGN_OK);
        assert_int_equal(got->n, m);
        assert_int_equal(got->n_prof, want->n_prof);
        assert_int_equal(got->n_stayc, want->n_stayc);
        direct += m > 0 && got->soa && got->sorted;
        several += m > 2;
        assert_int_equal(carealign__journey_prepare_contacts(want, &whole), CAREALIGN_OK);
        assert_int_equal(carealign__journey_prepare_contacts(got, &whole), CAREALIGN_OK);
        if (m > 0) {
            SAME_COL(got, want, start, m);
            SAME_COL(got, want, org, m);
            SAME_COL(got, want, type, m);
            SAME_COL(got, want, end, m);
            SAME_COL(got, want, prof, m);
            SAME_COL(got, want, staff, m);
        }
        assert_same_compute(want, got);
    }
    no_prof = 0;
    assert_true(direct > 350 && several > 200);
    /* out of order: day 20 before day 10 */
    carealign_contact two[2];
    carealign__jc jc2[2];
    const uint32_t rev[2] = {1, 0};
    for (int i = 0; i < 2; i++) {
        carealign_contact_init(&two[i], sizeof two[i]);
        two[i].org = 1;
        two[i].sector = 1;
        two[i].type = CAREALIGN_CONTACT_GP_APPOINTMENT;
        two[i].start_day = 10 + 10 * i;
        assert_int_equal(carealign__journey_convert(&two[i], &jc2[i]), CAREALIGN_OK);
    }
    carealign_journey_reset(got);
    assert_int_equal(carealign__journey_push_some(got, jc2, rev, 2), CAREALIGN_OK);
    assert_int_equal(got->sorted, 0);
    carealign_journey_reset(got);
    assert_int_equal(carealign__journey_push_ordered(got, jc2, rev, 2), CAREALIGN_OK);
    assert_int_equal(got->sorted, 1);
    assert_int_equal(got->soa, 1);
    carealign_journey_free(src);
    carealign_journey_free(want);
    carealign_journey_free(got);
}

/* carealign__journey_prepare again on a prepared builder (nothing changed
 * since: its discharges marked by a period's computation) under options
 * with the same stay sectors (the stays, spans and death day kept, the
 * discharges made again under the new options), other stay sectors, or
 * after carealign__journey_prepare_contacts (no stays made): the stays,
 * spans, death day, discharges and every period's result are those of a
 * builder with the same person prepared once under the new options. */
static void prepare_again(void **state)
{
    (void)state;
    carealign_journey *j, *once;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    assert_int_equal(carealign_journey_new(&once), CAREALIGN_OK);
    int differ[3] = {0, 0, 0}; /* by case, people whose discharges differ under a and b */
    for (int round = 0; round < 3000; round++) {
        const uint32_t seed = rng;
        add_person(j, round);
        rng = seed;
        add_person(once, round);
        carealign_journey_options a, b;
        random_options(&a);
        random_options(&b);
        const int how = round % 3; /* 0: same sectors, 1: others, 2: contacts only first */
        if (how != 1)
            b.stay_sectors = a.stay_sectors;
        else
            b.stay_sectors = a.stay_sectors ^ (uint32_t)(1 + rnd(255));
        carealign__jopts wa, wb, conv;
        assert_int_equal(carealign__journey_options(&a, &wa), CAREALIGN_OK);
        assert_int_equal(carealign__journey_options(&b, &wb), CAREALIGN_OK);
        carealign_journey_result r, rw;
        size_t nd_a = 0;
        carealign_discharge dis_a[64];
        if (how == 2) {
            assert_int_equal(carealign__journey_prepare_contacts(j, &wa), CAREALIGN_OK);
        } else {
            assert_int_equal(carealign__journey_prepare(j, &wa), CAREALIGN_OK);
            random_period(&a, 1 + rnd(2), &conv);
            carealign__journey_compute_period(j, &conv, &r);
            nd_a = j->n_dis;
            assert_true(nd_a <= 64);
            memcpy(dis_a, j->dis, nd_a * sizeof *dis_a);
        }
        assert_int_equal(carealign__journey_prepare(j, &wb), CAREALIGN_OK);
        assert_int_equal(carealign__journey_prepare(once, &wb), CAREALIGN_OK);
        assert_ptr_equal(j->prep, &wb);
        assert_int_equal(j->n_stays, once->n_stays);
        assert_memory_equal(j->stays, once->stays, j->n_stays * sizeof *j->stays);
        assert_int_equal(j->prep_death, once->prep_death);
        assert_int_equal(j->prep_merged, once->prep_merged);
        assert_memory_equal(j->spans, once->spans, j->prep_merged * sizeof *j->spans);
        assert_int_equal(j->n_dis, once->n_dis);
        assert_memory_equal(j->dis, once->dis, j->n_dis * sizeof *j->dis);
        differ[how] += once->n_dis > 0 &&
                       (nd_a != once->n_dis || memcmp(dis_a, once->dis, nd_a * sizeof *dis_a) != 0);
        for (int k = 0; k < 4; k++) {
            random_period(&b, k, &conv);
            carealign__journey_compute_period(j, &conv, &r);
            carealign__journey_compute_period(once, &conv, &rw);
            assert_memory_equal(&r, &rw, sizeof r);
        }
    }
    assert_true(differ[0] > 300 && differ[1] > 300 && differ[2] > 300);
    carealign_journey_free(j);
    carealign_journey_free(once);
}

/* carealign__journey_periods_init on a hand-worked list: days 10-12, 13 and
 * 14-20 give the edges 10, 13, 14, 21 and the day table 0 (before), 1 1 1,
 * 2, 3 x 7, 4 (after); lists that are not one period after another, with
 * a period ending before it starts, ending on INT32_MAX, with UCHAR_MAX
 * periods or spanning more days than the table holds are refused. */
static void periods_init_table(void **state)
{
    (void)state;
    int32_t edge[300];
    unsigned char at[400];
    carealign__jperiods pl;
    const int32_t ps[3] = {10, 13, 14}, pe[3] = {12, 13, 20};
    assert_int_equal(carealign__journey_periods_init(&pl, ps, pe, 3, edge, at, sizeof at), 1);
    const int32_t want_edge[4] = {10, 13, 14, 21};
    const unsigned char want_at[13] = {0, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 4};
    assert_int_equal(pl.n, 3);
    assert_int_equal(pl.span, 11);
    assert_memory_equal(pl.edge, want_edge, sizeof want_edge);
    assert_memory_equal(pl.at, want_at, sizeof want_at);
    /* exactly the span's days and two fit */
    assert_int_equal(carealign__journey_periods_init(&pl, ps, pe, 3, edge, at, 13), 1);
    assert_int_equal(carealign__journey_periods_init(&pl, ps, pe, 3, edge, at, 12), 0);
    assert_int_equal(pl.n, 0);
    const int32_t gap_s[2] = {10, 14}, gap_e[2] = {12, 20};   /* day 13 in none */
    const int32_t over_s[2] = {10, 12}, over_e[2] = {12, 20}; /* day 12 in both */
    const int32_t back_s[2] = {10, 9}, back_e[2] = {8, 20};   /* ends before it starts */
    const int32_t last_s[2] = {10, 11}, last_e[2] = {10, 9};  /* the last one too */
    const int32_t max_s[1] = {INT32_MAX - 5}, max_e[1] = {INT32_MAX};
    assert_int_equal(carealign__journey_periods_init(&pl, gap_s, gap_e, 2, edge, at, sizeof at), 0);
    assert_int_equal(carealign__journey_periods_init(&pl, over_s, over_e, 2, edge, at, sizeof at),
                     0);
    assert_int_equal(carealign__journey_periods_init(&pl, back_s, back_e, 2, edge, at, sizeof at),
                     0);
    assert_int_equal(carealign__journey_periods_init(&pl, last_s, last_e, 2, edge, at, sizeof at),
                     0);
    assert_int_equal(carealign__journey_periods_init(&pl, max_s, max_e, 1, edge, at, sizeof at), 0);
    assert_int_equal(carealign__journey_periods_init(&pl, ps, pe, 0, edge, at, sizeof at), 0);
    int32_t many_s[UCHAR_MAX], many_e[UCHAR_MAX];
    for (int k = 0; k < UCHAR_MAX; k++)
        many_s[k] = many_e[k] = 100 + k;
    assert_int_equal(
        carealign__journey_periods_init(&pl, many_s, many_e, UCHAR_MAX, edge, at, sizeof at), 0);
    assert_int_equal(
        carealign__journey_periods_init(&pl, many_s, many_e, UCHAR_MAX - 1, edge, at, sizeof at),
        1);
    assert_int_equal(pl.at[1 + 253], UCHAR_MAX - 1);
    assert_int_equal(pl.at[1 + 254], UCHAR_MAX);
}

/* A random list of 1 to 15 adjacent periods of 1 to 41 days starting on
 * day 900 to 1099 (the contacts' days are 1000 to 1364), made into *pl
 * (edge and at its tables); its number of periods. */
static size_t random_period_list(carealign__jperiods *pl, int32_t *edge, unsigned char *at,
                                 size_t at_size)
{
    int32_t ps[16], pe[16];
    const size_t np = 1 + (size_t)rnd(15);
    int32_t d = 900 + rnd(200);
    for (size_t k = 0; k < np; k++) {
        ps[k] = d;
        pe[k] = d + rnd(40);
        d = pe[k] + 1;
    }
    assert_int_equal(carealign__journey_periods_init(pl, ps, pe, np, edge, at, at_size), 1);
    return np;
}

/* carealign__journey_figures_in over random people, option sets and lists
 * of periods one after another (some days of the contacts before, inside
 * and after them), each period and the whole list (period -1, with the
 * option set's period the list's or another one) asked in a random order
 * and again, two option sets in turn, the list changed in the middle of a
 * preparation or none: the sums and the fields of the parts asked for are
 * carealign__journey_compute's. */
static void figures_in_periods(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    int32_t edge[2][17];
    unsigned char at[2][16 * 40 + 2];
    carealign__jperiods pl[2];
    int whole_list = 0, asked = 0; /* whole periods read off the list; periods asked */
    for (int round = 0; round < 3000; round++) {
        no_prof = round % 3 != 0;
        add_person(j, round);
        /* two lists: the contacts' days are 1000 to 1364 */
        size_t np[2];
        for (int l = 0; l < 2; l++)
            np[l] = random_period_list(&pl[l], edge[l], at[l], sizeof at[l]);
        carealign_journey_options base, other;
        random_options(&base);
        random_options(&other);
        same_preparation(&other, &base);
        carealign_journey_options *b[2] = {&base, &other};
        if (rnd(2)) { /* the whole period is the first list's */
            base.has |= CAREALIGN_JOPT_HAS_PERIOD;
            base.period_start = pl[0].edge[0];
            base.period_end = pl[0].edge[np[0]] - 1;
        }
        carealign__jopts whole[2];
        for (int w = 0; w < 2; w++)
            assert_int_equal(carealign__journey_options(b[w], &whole[w]), CAREALIGN_OK);
        assert_int_equal(carealign__journey_prepare(j, &whole[0]), CAREALIGN_OK);
        const int change = rnd(4); /* 0: the second list from the middle on; 1: none */
        carealign__journey_set_periods(j, change == 1 ? NULL : &pl[0]);
        carealign__jopts conv[24];
        carealign_journey_result got[24];
        unsigned parts[24];
        for (int q = 0; q < 24; q++) {
            const int l = change == 0 && q >= 12 ? 1 : 0, w = (q / 6) % 2;
            if (change == 0 && q == 12)
                carealign__journey_set_periods(j, &pl[1]);
            const int32_t period = rnd(4) == 0 ? -1 : rnd((int32_t)np[l]);
            if (period < 0) {
                conv[q] = whole[w];
                whole_list +=
                    change != 1 && l == 0 && w == 0 && (base.has & CAREALIGN_JOPT_HAS_PERIOD);
            } else {
                carealign_journey_options o = *b[w];
                o.has |= CAREALIGN_JOPT_HAS_PERIOD;
                o.period_start = pl[l].edge[period];
                o.period_end = pl[l].edge[period + 1] - 1;
                assert_int_equal(carealign__journey_options(&o, &conv[q]), CAREALIGN_OK);
                asked++;
            }
            unsigned p = (unsigned)rnd(64);
            if ((p & CAREALIGN__FIG_CONTINUITY) && !(p & CAREALIGN__FIG_RUN))
                p |= CAREALIGN__FIG_RUN;
            parts[q] = p;
            memset(&got[q], 0xA5, sizeof got[q]);
            carealign__journey_figures_in(j, &whole[w], &conv[q], &got[q], p, period);
        }
        for (int q = 0; q < 24; q++) {
            carealign_journey_result want;
            assert_int_equal(carealign__journey_compute(j, &conv[q], &want), CAREALIGN_OK);
            assert_same_parts(&got[q], &want, parts[q]);
            if (parts[q] & CAREALIGN__FIG_BED)
                assert_int_equal(got[q].bed_days, want.bed_days);
            if (parts[q] & CAREALIGN__FIG_ALIVE)
                assert_true(got[q].days_alive == want.days_alive &&
                            got[q].days_alive_in_community == want.days_alive_in_community);
        }
        carealign__journey_set_periods(j, NULL);
    }
    no_prof = 0;
    assert_true(whole_list > 1000 && asked > 40000);
    carealign_journey_free(j);
}

/* carealign__journey_set_sums: over random people, options, period lists
 * and masks of sums left out (changed in the middle of a preparation, or
 * back to none), figures_in's and figures_some's sums that the mask keeps,
 * and every part asked, are carealign__journey_compute's; with the mask 0
 * every sum is. */
static void sums_left_out(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    int32_t edge[17];
    unsigned char at[16 * 40 + 2];
    carealign__jperiods pl;
    /* calls under a mask keeping the staff minutes only; bed days > 0; calls without the sums */
    int staff_only = 0, bed = 0, no_sums = 0, zeroed = 0;
    for (int round = 0; round < 3000; round++) {
        no_prof = round % 3 != 0;
        add_person(j, round);
        const size_t np = random_period_list(&pl, edge, at, sizeof at);
        carealign_journey_options base, other;
        random_options(&base);
        random_options(&other);
        same_preparation(&other, &base);
        carealign_journey_options *b[2] = {&base, &other};
        carealign__jopts whole[2];
        for (int w = 0; w < 2; w++)
            assert_int_equal(carealign__journey_options(b[w], &whole[w]), CAREALIGN_OK);
        unsigned skip = (unsigned)rnd(16);
        if (rnd(3) == 0)
            skip = CAREALIGN__SUMS_PRICED | CAREALIGN__SUMS_LTCH |
                   (unsigned)rnd(2) * CAREALIGN__SUMS_ASSESS;
        carealign__journey_set_sums(j, skip);
        assert_int_equal(carealign__journey_prepare(j, &whole[0]), CAREALIGN_OK);
        const int listed = rnd(4) != 0;
        carealign__journey_set_periods(j, listed ? &pl : NULL);
        carealign__jopts conv[16];
        carealign_journey_result got[16];
        unsigned parts[16], masks[16];
        int32_t usable[16]; /* the one pass applied (else compute_period's whole result) */
        for (int q = 0; q < 16; q++) {
            if (q == 8) { /* another mask, or none, for the same preparation */
                skip = rnd(2) ? 0 : (unsigned)rnd(16);
                carealign__journey_set_sums(j, skip);
            }
            const int w = (q / 4) % 2;
            const int32_t period = rnd(4) == 0 ? -1 : rnd((int32_t)np);
            if (period < 0) {
                conv[q] = whole[w];
            } else {
                carealign_journey_options o = *b[w];
                o.has |= CAREALIGN_JOPT_HAS_PERIOD;
                o.period_start = pl.edge[period];
                o.period_end = pl.edge[period + 1] - 1;
                assert_int_equal(carealign__journey_options(&o, &conv[q]), CAREALIGN_OK);
            }
            unsigned p = (unsigned)rnd(64);
            if ((p & CAREALIGN__FIG_CONTINUITY) && !(p & CAREALIGN__FIG_RUN))
                p |= CAREALIGN__FIG_RUN;
            if (p == CAREALIGN__FIG_ALL)
                p = 0;
            else if (rnd(4) == 0)
                p |= CAREALIGN__FIG_NO_SUMS;
            parts[q] = p;
            masks[q] = skip;
            memset(&got[q], 0xA5, sizeof got[q]);
            if (rnd(8) == 0)
                carealign__journey_figures_some(j, &whole[w], &conv[q], &got[q], p);
            else
                carealign__journey_figures_in(j, &whole[w], &conv[q], &got[q], p, period);
            usable[q] = j->fig_usable;
        }
        for (int q = 0; q < 16; q++) {
            const carealign_journey_result *g = &got[q];
            const unsigned p = parts[q];
            unsigned m = masks[q];
            carealign_journey_result want;
            assert_int_equal(carealign__journey_compute(j, &conv[q], &want), CAREALIGN_OK);
            if ((p & CAREALIGN__FIG_NO_SUMS) && usable[q]) { /* the sums not written */
                int64_t untouched;
                memset(&untouched, 0xA5, sizeof untouched);
                assert_true(g->activity == untouched && g->cost_pence == untouched &&
                            g->staff_minutes == untouched);
                no_sums++;
                m = CAREALIGN__SUMS_PRICED | CAREALIGN__SUMS_STAFF | CAREALIGN__SUMS_LTCH |
                    CAREALIGN__SUMS_ASSESS;
            }
            if (!(m & CAREALIGN__SUMS_PRICED))
                assert_true(g->activity == want.activity && g->cost_pence == want.cost_pence &&
                            g->n_unpriced == want.n_unpriced);
            if (!(m & CAREALIGN__SUMS_STAFF))
                assert_true(g->staff_minutes == want.staff_minutes);
            if (usable[q] && !(p & CAREALIGN__FIG_NO_SUMS) &&
                (m & (CAREALIGN__SUMS_PRICED | CAREALIGN__SUMS_LTCH)) ==
                    (CAREALIGN__SUMS_PRICED | CAREALIGN__SUMS_LTCH)) {
                /* the staff-only pass: the others 0 (written once a block) */
                assert_true(g->activity == 0 && g->cost_pence == 0 && g->n_unpriced == 0 &&
                            g->n_lt_care_home_admissions == 0 &&
                            !(g->flags & CAREALIGN_JR_UNPRICED_ACTIVITY));
                zeroed++;
            }
            if (!(m & CAREALIGN__SUMS_LTCH))
                assert_int_equal(g->n_lt_care_home_admissions, want.n_lt_care_home_admissions);
            if (!(m & CAREALIGN__SUMS_ASSESS))
                assert_true(g->n_assessments == want.n_assessments &&
                            g->n_duplicate_assessments == want.n_duplicate_assessments);
            if (m == 0)
                assert_same_parts(g, &want, p);
            if (p & CAREALIGN__FIG_SECTORS)
                assert_int_equal(g->n_sectors, want.n_sectors);
            if (p & CAREALIGN__FIG_RUN)
                assert_true(g->n_organisations == want.n_organisations &&
                            g->continuity_contacts == want.continuity_contacts &&
                            g->n_handoffs == want.n_handoffs);
            if (p & CAREALIGN__FIG_CONTINUITY)
                assert_memory_equal(&g->coc, &want.coc, 5 * sizeof(double));
            if (p & CAREALIGN__FIG_DAYS)
                assert_int_equal(g->days_observed, want.days_observed);
            if (p & CAREALIGN__FIG_BED) {
                assert_int_equal(g->bed_days, want.bed_days);
                bed += want.bed_days > 0;
            }
            if (p & CAREALIGN__FIG_ALIVE)
                assert_true(g->days_alive == want.days_alive &&
                            g->days_alive_in_community == want.days_alive_in_community);
            staff_only += (m & (CAREALIGN__SUMS_PRICED | CAREALIGN__SUMS_LTCH)) ==
                          (CAREALIGN__SUMS_PRICED | CAREALIGN__SUMS_LTCH);
        }
        carealign__journey_set_periods(j, NULL);
        carealign__journey_set_sums(j, 0);
    }
    no_prof = 0;
    assert_true(staff_only > 5000 && bed > 2000 && no_sums > 2000 && zeroed > 2000);
    carealign_journey_free(j);
}

/* The figures of the builder holding only j's contacts (cs, j->n of them
 * in content order) at organisation `unit` (by_org) or in sector `unit`,
 * under conv: carealign__journey_compute of a builder of their own (js);
 * *norgs the organisations of those contacts (of any day). */
static void scope_figures(carealign_journey *js, const carealign_journey *j,
                          const carealign_contact *cs, int by_org, int32_t unit,
                          const carealign__jopts *conv, carealign_journey_result *want, int *norgs)
{
    carealign_journey_reset(js);
    uint64_t ob = 0;
    for (size_t i = 0; i < j->n; i++)
        if ((by_org ? cs[i].org : cs[i].sector) == unit) {
            assert_int_equal(carealign_journey_add_contact(js, &cs[i]), CAREALIGN_OK);
            ob |= UINT64_C(1) << (cs[i].org & 63);
        }
    int n = 0;
    for (; ob != 0; ob &= ob - 1)
        n++;
    *norgs = n;
    assert_int_equal(carealign__journey_compute(js, conv, want), CAREALIGN_OK);
}

/* carealign__journey_within_bins and carealign__journey_within_read over
 * random people, option sets, sums binned and lists of periods: for every
 * organisation and sector (and units without a contact or out of range),
 * every period of the list and the whole list, the sums binned are those
 * of a builder holding only the scope's contacts (compute's: the
 * independent path) and of carealign__journey_figures_within's scan, the
 * others 0; with the duplicate assessments binned (three times in four)
 * and read, that builder's (an organisation's 0; a sector's, at one or
 * more organisations, binned); the days observed compute's; the whole list only when the options'
 * period is the list's (-1 otherwise); no bins when periods.c's one pass
 * does not apply (a professional named, an organisation from 64, the
 * same-day rule "each") or when the list's bounds are not made (the
 * options' period another and no period of the list asked before). */
static void within_bins_match(void **state)
{
    (void)state;
    carealign_journey *j = NULL, *js = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    assert_int_equal(carealign_journey_new(&js), CAREALIGN_OK);
    int32_t edge[17];
    unsigned char at[16 * 40 + 2];
    carealign__jperiods pl;
    carealign__jwithin w;
    uint64_t *buf = NULL;
    size_t cap = 0, read = 0, two_orgs = 0, dups = 0, whole_read = 0, none = 0, binned = 0;
    carealign_contact cs[64];
    for (int round = 0; round < 1500; round++) {
        no_prof = round % 4 != 0;
        dup_prone = round % 2;
        add_person(j, round);
        const size_t np = random_period_list(&pl, edge, at, sizeof at);
        carealign_journey_options base;
        random_options(&base);
        if (rnd(2)) { /* more duplicate assessments: every type one, a long window */
            base.assessment_types =
                ((UINT64_C(1) << CAREALIGN_CONTACT_TYPE_END) - 1) & ~UINT64_C(1);
            base.duplicate_days = 400;
        }
        const int list_period = rnd(4) != 0;
        if (list_period) { /* else no period or another one: the whole list not read */
            base.has |= CAREALIGN_JOPT_HAS_PERIOD;
            base.period_start = edge[0];
            base.period_end = edge[np] - 1;
        } else if (rnd(2)) {
            base.has |= CAREALIGN_JOPT_HAS_PERIOD;
            base.period_start = edge[0] - 1;
            base.period_end = edge[np] - 1;
        }
        carealign__jopts whole;
        assert_int_equal(carealign__journey_options(&base, &whole), CAREALIGN_OK);
        assert_int_equal(carealign__journey_prepare(j, &whole), CAREALIGN_OK);
        /* the assessments' running sums left out a time in four (the
         * sectors' duplicates then found without j's) */
        const int skip_assess = rnd(4) == 0;
        carealign__journey_set_sums(j, skip_assess ? CAREALIGN__SUMS_ASSESS : 0);
        const unsigned sums = (rnd(2) ? CAREALIGN__SUM_ALL : (unsigned)rnd(64)) &
                              ~(skip_assess ? CAREALIGN__SUM_ASSESS : 0u);
        int usable = j->n_prof == 0 && (base.same_day == CAREALIGN_SAMEDAY_KEEP ||
                                        base.same_day == CAREALIGN_SAMEDAY_COLLAPSE);
        for (size_t i = 0; i < j->n; i++)
            usable &= j->k.org[i] < 64;
        /* the bounds of the list's periods: made by the bins when the
         * options' period is the list's, else found made by an earlier
         * figures_in of one of its periods (or none: no bins) */
        int bounded = list_period;
        if (!list_period && rnd(2)) {
            carealign_journey_options o = base;
            o.has |= CAREALIGN_JOPT_HAS_PERIOD;
            o.period_start = edge[0];
            o.period_end = edge[1] - 1;
            carealign__jopts conv0;
            carealign_journey_result r0;
            assert_int_equal(carealign__journey_options(&o, &conv0), CAREALIGN_OK);
            carealign__journey_set_periods(j, &pl);
            carealign__journey_figures_in(j, &whole, &conv0, &r0, 0, 0);
            bounded = 1;
        }
        usable &= bounded;
        const int bin_dup = rnd(4) != 0;
        const int ok =
            carealign__journey_within_bins(j, &whole, &pl, sums, bin_dup, &w, &buf, &cap);
        assert_int_equal(ok, usable);
        if (!ok)
            continue;
        binned++;
        assert_true(j->n <= 64);
        contacts_of(j, cs);
        for (int q = 0; q < 12; q++) {
            const int by_org = rnd(2);
            int32_t unit = by_org ? rnd(7) : rnd(dup_prone ? 3 : 10);
            if (rnd(10) == 0) /* out of range */
                unit = rnd(2) ? -1 : (by_org ? 64 + rnd(10) : 32 + rnd(10));
            for (int32_t period = -1; period < (int32_t)np; period++) {
                carealign__jopts conv = whole;
                if (period >= 0) {
                    carealign_journey_options o = base;
                    o.has |= CAREALIGN_JOPT_HAS_PERIOD;
                    o.period_start = edge[period];
                    o.period_end = edge[period + 1] - 1;
                    assert_int_equal(carealign__journey_options(&o, &conv), CAREALIGN_OK);
                }
                const unsigned parts = rnd(2) ? CAREALIGN__FIG_DAYS : 0;
                const int dup = bin_dup && rnd(2);
                carealign_journey_result got, want, scan;
                memset(&got, 0xA5, sizeof got);
                got.flags = 0;
                const int rc = carealign__journey_within_read(&w, &conv, period, &got, parts,
                                                              by_org, unit, dup);
                if (period < 0 && !list_period) {
                    assert_int_equal(rc, -1);
                    continue;
                }
                int norgs = 0;
                scope_figures(js, j, cs, by_org, unit, &conv, &want, &norgs);
                assert_int_equal(rc, 1);
                read++;
                whole_read += period < 0;
                none += norgs == 0;
                /* sum f of r (bit f of CAREALIGN__SUM_*) */
#define SUMS(r)                                                                                    \
    {                                                                                              \
        (r).activity, (r).staff_minutes, (r).cost_pence, (r).n_unpriced,                           \
            (r).n_lt_care_home_admissions, (r).n_assessments                                       \
    }
                const int64_t g[6] = SUMS(got), x[6] = SUMS(want);
                for (int f = 0; f < 6; f++)
                    assert_true(g[f] == (((sums >> f) & 1u) ? x[f] : 0));
                if (sums & CAREALIGN__SUM_UNPRICED)
                    assert_int_equal(got.flags & CAREALIGN_JR_UNPRICED_ACTIVITY,
                                     want.flags & CAREALIGN_JR_UNPRICED_ACTIVITY);
                if (dup) { /* that builder's (an organisation's: none) */
                    assert_int_equal(got.n_duplicate_assessments, want.n_duplicate_assessments);
                    two_orgs += !by_org && norgs > 1;
                    dups += want.n_duplicate_assessments > 0;
                }
                if (parts & CAREALIGN__FIG_DAYS)
                    assert_int_equal(got.days_observed, want.days_observed);
                /* the scan gives the same sums (declining a sector at two
                 * organisations whose duplicates are read) */
                memset(&scan, 0xA5, sizeof scan);
                const int scanned = carealign__journey_figures_within(j, &whole, &conv, &scan,
                                                                      parts, by_org, unit, dup);
                assert_int_equal(scanned, !(dup && !by_org && norgs > 1));
                if (!scanned)
                    continue;
                const int64_t sc[6] = SUMS(scan);
#undef SUMS
                for (int f = 0; f < 6; f++)
                    if ((sums >> f) & 1u)
                        assert_true(g[f] == sc[f]);
            }
        }
    }
    no_prof = 0;
    dup_prone = 0;
    assert_true(binned > 500 && read > 20000 && whole_read > 2000 && two_orgs > 500 && dups > 200 &&
                none > 1000);
    carealign__free(buf);
    carealign_journey_free(j);
    carealign_journey_free(js);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(periods_match_one_at_a_time),
        cmocka_unit_test(figures_match_compute),
        cmocka_unit_test(prep_same_each_option),
        cmocka_unit_test(figures_some_parts),
        cmocka_unit_test(figures_some_order),
        cmocka_unit_test(never_a_contact),
        cmocka_unit_test(no_periods_is_nothing),
        cmocka_unit_test(discharges_period_match),
        cmocka_unit_test(discharges_reablement_match),
        cmocka_unit_test(push_some_is_add_each),
        cmocka_unit_test(push_some_types),
        cmocka_unit_test(cost_overflow_by_activity),
        cmocka_unit_test(person_once_is_set_person),
        cmocka_unit_test(prepare_contacts_figures),
        cmocka_unit_test(push_some_in_order),
        cmocka_unit_test(push_ordered_is_add_each),
        cmocka_unit_test(prepare_again),
        cmocka_unit_test(periods_init_table),
        cmocka_unit_test(figures_in_periods),
        cmocka_unit_test(sums_left_out),
        cmocka_unit_test(within_bins_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
