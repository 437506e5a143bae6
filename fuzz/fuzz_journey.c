/* Fuzzes the journey layer: arbitrary bytes become options, a person and
 * contacts (valid and invalid), fed to the builder (one by one and as an
 * array, in two orders) and to the columnar batch (unsorted, and sorted with
 * CAREALIGN_JOPT_INPUT_SORTED). Beyond "no crash, no sanitizer report" it
 * checks what docs/journey.md promises:
 * - the figures do not depend on the order in which contacts arrive
 *   (bit-identical results);
 * - the batch gives each person exactly the builder's figures;
 * - sorted and unsorted batches agree, row statuses included;
 * - counts are consistent (follow-ups and readmissions never exceed
 *   discharges; continuity indices are in [0, 1] or NaN).
 *
 * Layout of the input: byte 0 chooses the number of people (1 to 4); the
 * next 40 bytes are options and the person details; then 24 bytes per
 * contact (at most 64 contacts). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/journey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_CONTACTS 64
#define MAX_PEOPLE 4
#define HEAD 41
#define PER_CONTACT 24
#define BASE_DAY 20000

typedef struct reader {
    const uint8_t *p;
    size_t n, at;
} reader;

static uint32_t u8(reader *r)
{
    return r->at < r->n ? r->p[r->at++] : 0;
}

static uint32_t u16(reader *r)
{
    uint32_t lo = u8(r);
    return lo | (u8(r) << 8);
}

static int32_t s8(reader *r)
{
    return (int32_t)u8(r) - 128;
}

static const int32_t method_list[] = {21, 28, 31, 81};
static const int32_t dest_list[] = {19, 51, 79, 87};

/* A small unit-cost table: 16 types x 4 sectors, some prices missing. */
static int64_t unit_costs[16 * 4];

static void options_from(reader *r, carealign_journey_options *o)
{
    carealign_journey_options_init(o, sizeof *o);
    uint32_t has = u8(r);
    o->has = has & 0xFu;
    o->flags = u8(r) & 0xFDu; /* INPUT_SORTED is chosen by the harness */
    o->period_start = BASE_DAY + s8(r);
    o->period_end = o->period_start + (int32_t)u8(r) - 16;
    o->continuity_types = (uint64_t)u16(r) << 1;
    o->followup_types = (u8(r) & 1) ? (uint64_t)u16(r) << 1 : 0;
    o->assessment_types = (u8(r) & 1) ? (uint64_t)u8(r) << 7 : 0;
    o->min_contacts = (int32_t)(u8(r) % 6) - 1;
    o->same_day = (int32_t)(u8(r) % 4); /* 3 is not a rule */
    for (int i = 0; i < 4; i++)
        o->followup_within[i] = (int32_t)(u8(r) % 12) - 1;
    o->readmission_days = (int32_t)(u8(r) % 40) - 1;
    o->duplicate_days = (int32_t)(u8(r) % 100);
    o->reablement_followup_days = (int32_t)(u8(r) % 100);
    o->reablement_before = (int32_t)(u8(r) % 10);
    o->reablement_after = (int32_t)(u8(r) % 10);
    o->reablement_cluster_gap = (int32_t)(u8(r) % 10);
    o->reablement_min_age = (int32_t)(u8(r) % 100);
    o->reablement_max_age = (int32_t)(u8(r) % 110);
    o->reablement_outcome = (int32_t)(u8(r) % 3); /* 2 is not a rule */
    o->reablement_discharge_first = BASE_DAY + s8(r);
    o->reablement_discharge_last = o->reablement_discharge_first + (int32_t)(u8(r) % 64) - 4;
    o->stay_sectors = u8(r) & 1 ? (uint32_t)u8(r) : 0;
    uint32_t lists = u8(r);
    o->reablement_excluded_methods = method_list;
    o->n_reablement_excluded_methods = lists & 3;
    o->reablement_excluded_destinations = dest_list;
    o->n_reablement_excluded_destinations = (lists >> 2) & 3;
    o->readmission_excluded_methods = method_list;
    o->n_readmission_excluded_methods = (lists >> 4) & 3;
    o->discharge_excluded_destinations = dest_list;
    o->n_discharge_excluded_destinations = (lists >> 6) & 3;
    if (u8(r) & 1) {
        o->unit_costs = unit_costs;
        o->n_cost_types = 16;
        o->n_cost_sectors = 4;
    }
}

static void contact_from(reader *r, carealign_contact *c)
{
    carealign_contact_init(c, sizeof *c);
    c->person = (int32_t)(u8(r) % (MAX_PEOPLE + 1)); /* MAX_PEOPLE: out of range in batch */
    c->has = u16(r) & 0x1FFu;
    c->org = (int32_t)(u8(r) % 9) - 1;     /* -1 is invalid */
    c->sector = (int32_t)(u8(r) % 34) - 1; /* -1 and 32 invalid */
    c->type = (int32_t)(u8(r) % 17);       /* 0 and 16 invalid */
    c->start_day = BASE_DAY + s8(r);
    c->end_day = c->start_day + (int32_t)(u8(r) % 40) - 2; /* may end before it starts */
    c->start_minute = (int32_t)u16(r) % 1500 - 30;
    c->professional = (int32_t)(u8(r) % 7) - 1;
    c->subtype = (int32_t)(u8(r) % 3);
    c->admission_method = method_list[u8(r) % 4];
    c->discharge_destination = dest_list[u8(r) % 4];
    c->discharge_ready_day = c->start_day + (int32_t)(u8(r) % 20);
    c->staff_minutes = (int32_t)(u8(r) % 90) - 2;
    c->activity = (int64_t)(u8(r) % 10) - 1;
    c->cost_pence = (int64_t)u16(r) - 4;
}

/* Results compare bit for bit; the field the builder and the batch count
 * differently (rejected contacts of a person) is cleared first. */
static int same(carealign_journey_result a, carealign_journey_result b)
{
    a.n_rejected = 0;
    b.n_rejected = 0;
    return memcmp(&a, &b, sizeof a) == 0;
}

static void check_result(const carealign_journey_result *r)
{
    if (r->n_followup_none > r->n_discharges || r->n_readmissions > r->n_discharges ||
        r->n_delay_known > r->n_discharges || r->n_delayed > r->n_delay_known ||
        r->n_duplicate_assessments > r->n_assessments ||
        r->n_reablement_numerator > r->n_reablement_denominator ||
        r->days_alive_in_community > r->days_alive || r->days_alive > r->days_observed)
        __builtin_trap();
    for (int t = 0; t < 4; t++)
        if (r->n_followup_within[t] + r->n_followup_none > r->n_discharges)
            __builtin_trap();
    const double *v = &r->coc;
    for (int k = 0; k < 10; k++)
        if (!isnan(v[k]) && (v[k] < -1e-12 || v[k] > 1.0 + 1e-12))
            __builtin_trap();
}

/* The figures of person p from the builder, contacts added in the given
 * order (forward or backward), one by one or as one array. */
static carealign_status builder(carealign_journey *j, const carealign_contact *c, size_t n,
                                int32_t p, const carealign_person *person,
                                const carealign_journey_options *o, int backward, int as_array,
                                carealign_journey_result *out)
{
    carealign_journey_reset(j);
    if (person != NULL && carealign_journey_set_person(j, person) != CAREALIGN_OK)
        __builtin_trap();
    carealign_contact mine[MAX_CONTACTS];
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = backward ? n - 1 - k : k;
        if (c[i].person == p)
            mine[m++] = c[i];
    }
    if (as_array && m > 0) {
        size_t rejected = 0;
        if (carealign_journey_add_contacts(j, mine, m, NULL, &rejected) == CAREALIGN_ENOMEM)
            __builtin_trap();
    } else {
        for (size_t i = 0; i < m; i++) {
            carealign_status st = carealign_journey_add_contact(j, &mine[i]);
            if (st != CAREALIGN_OK && st != CAREALIGN_EINVAL)
                __builtin_trap();
        }
    }
    carealign_journey_result_init(out, sizeof *out);
    carealign_status st = carealign_journey_compute(j, o, out);
    if (st == CAREALIGN_OK) {
        check_result(out);
        size_t nd = 0;
        if (carealign_journey_discharge_count(j, &nd) != CAREALIGN_OK)
            __builtin_trap();
        for (size_t d = 0; d < nd; d++) {
            carealign_discharge ds = CAREALIGN_DISCHARGE_INIT;
            if (carealign_journey_get_discharge(j, d, &ds) != CAREALIGN_OK)
                __builtin_trap();
            if (ds.admission_day > ds.day)
                __builtin_trap();
        }
        carealign_discharge ds = CAREALIGN_DISCHARGE_INIT;
        if (carealign_journey_get_discharge(j, nd, &ds) != CAREALIGN_ERANGE)
            __builtin_trap();
    }
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HEAD)
        return 0;
    for (size_t i = 0; i < sizeof unit_costs / sizeof unit_costs[0]; i++)
        unit_costs[i] = i % 5 == 0 ? CAREALIGN_NA_I64 : (int64_t)(i * 137);
    reader rd = {data, size, 0};
    int32_t n_people = (int32_t)(u8(&rd) % MAX_PEOPLE) + 1;
    carealign_journey_options o;
    options_from(&rd, &o);
    carealign_person person;
    carealign_person_init(&person, sizeof person);
    uint32_t ph = u8(&rd);
    person.has = ph & 3u;
    person.birth_year = 1900 + (int32_t)u8(&rd);
    person.birth_month = (int32_t)(u8(&rd) % 12) + 1;
    person.death_day = BASE_DAY + s8(&rd);
    person.flags = (ph >> 2) & 0xFu;
    rd.at = HEAD;

    size_t n = (size - HEAD) / PER_CONTACT;
    if (n > MAX_CONTACTS)
        n = MAX_CONTACTS;
    carealign_contact c[MAX_CONTACTS];
    for (size_t i = 0; i < n; i++)
        contact_from(&rd, &c[i]);

    carealign_journey *j = NULL;
    if (carealign_journey_new(&j) != CAREALIGN_OK)
        __builtin_trap();

    /* The builder, person by person, in two orders and two ways. */
    carealign_journey_result by_builder[MAX_PEOPLE];
    carealign_status st0 = CAREALIGN_OK;
    for (int32_t p = 0; p < n_people; p++) {
        carealign_person pp = person;
        pp.person = p;
        carealign_journey_result r2;
        st0 = builder(j, c, n, p, &pp, &o, 0, 0, &by_builder[p]);
        carealign_status st1 = builder(j, c, n, p, &pp, &o, 1, 1, &r2);
        if (st0 != st1)
            __builtin_trap();
        if (st0 == CAREALIGN_OK && !same(by_builder[p], r2))
            __builtin_trap();
        if (st0 == CAREALIGN_ENOMEM)
            __builtin_trap();
    }

    /* The batch: the same rows as columns, any order, then sorted. */
    int32_t person_col[MAX_CONTACTS], org[MAX_CONTACTS], sector[MAX_CONTACTS], type[MAX_CONTACTS],
        start[MAX_CONTACTS], end[MAX_CONTACTS], minute[MAX_CONTACTS], prof[MAX_CONTACTS],
        subtype[MAX_CONTACTS], method[MAX_CONTACTS], dest[MAX_CONTACTS], ready[MAX_CONTACTS],
        staff[MAX_CONTACTS];
    int64_t activity[MAX_CONTACTS], cost[MAX_CONTACTS];
    for (int pass = 0; pass < 2; pass++) {
        size_t order[MAX_CONTACTS], m = 0;
        if (pass == 0) {
            for (size_t i = 0; i < n; i++)
                order[m++] = i;
        } else { /* stable by person; out-of-range people last */
            for (int32_t p = 0; p <= MAX_PEOPLE; p++)
                for (size_t i = 0; i < n; i++)
                    if (c[i].person == p)
                        order[m++] = i;
        }
        for (size_t k = 0; k < m; k++) {
            const carealign_contact *ci = &c[order[k]];
            uint32_t h = ci->has;
            person_col[k] = ci->person;
            org[k] = ci->org;
            sector[k] = ci->sector;
            type[k] = ci->type;
            start[k] = ci->start_day;
            end[k] = (h & CAREALIGN_CONTACT_HAS_END) ? ci->end_day : CAREALIGN_NA_I32;
            minute[k] =
                (h & CAREALIGN_CONTACT_HAS_START_MINUTE) ? ci->start_minute : CAREALIGN_NA_I32;
            prof[k] =
                (h & CAREALIGN_CONTACT_HAS_PROFESSIONAL) ? ci->professional : CAREALIGN_NA_I32;
            subtype[k] = (h & CAREALIGN_CONTACT_HAS_SUBTYPE) ? ci->subtype : CAREALIGN_NA_I32;
            method[k] = (h & CAREALIGN_CONTACT_HAS_ADMISSION_METHOD) ? ci->admission_method
                                                                     : CAREALIGN_NA_I32;
            dest[k] = (h & CAREALIGN_CONTACT_HAS_DESTINATION) ? ci->discharge_destination
                                                              : CAREALIGN_NA_I32;
            ready[k] =
                (h & CAREALIGN_CONTACT_HAS_READY_DAY) ? ci->discharge_ready_day : CAREALIGN_NA_I32;
            staff[k] = ci->staff_minutes;
            activity[k] = (h & CAREALIGN_CONTACT_HAS_ACTIVITY) ? ci->activity : CAREALIGN_NA_I64;
            cost[k] = (h & CAREALIGN_CONTACT_HAS_COST) ? ci->cost_pence : CAREALIGN_NA_I64;
        }
        carealign_contact_columns cols = CAREALIGN_CONTACT_COLUMNS_INIT;
        cols.n = m;
        cols.person = person_col;
        cols.org = org;
        cols.sector = sector;
        cols.type = type;
        cols.start_day = start;
        cols.end_day = end;
        cols.start_minute = minute;
        cols.professional = prof;
        cols.subtype = subtype;
        cols.admission_method = method;
        cols.discharge_destination = dest;
        cols.discharge_ready_day = ready;
        cols.staff_minutes = staff;
        cols.activity = activity;
        cols.cost_pence = cost;
        int32_t by[MAX_PEOPLE], bm[MAX_PEOPLE], dd[MAX_PEOPLE];
        uint32_t fl[MAX_PEOPLE];
        for (int32_t p = 0; p < MAX_PEOPLE; p++) {
            by[p] =
                (person.has & CAREALIGN_PERSON_HAS_BIRTH) ? person.birth_year : CAREALIGN_NA_I32;
            bm[p] =
                (person.has & CAREALIGN_PERSON_HAS_BIRTH) ? person.birth_month : CAREALIGN_NA_I32;
            dd[p] = (person.has & CAREALIGN_PERSON_HAS_DEATH) ? person.death_day : CAREALIGN_NA_I32;
            fl[p] = person.flags;
        }
        carealign_person_columns pc = CAREALIGN_PERSON_COLUMNS_INIT;
        pc.n = (size_t)n_people;
        pc.birth_year = by;
        pc.birth_month = bm;
        pc.death_day = dd;
        pc.flags = fl;
        carealign_journey_options ob = o;
        if (pass == 1)
            ob.flags |= CAREALIGN_JOPT_INPUT_SORTED;
        carealign_journey_result res[MAX_PEOPLE];
        res[0].size = sizeof res[0];
        int32_t row_status[MAX_CONTACTS];
        size_t rejected = 0;
        /* Sorted input puts the out-of-range person last: still in order. */
        carealign_status st = carealign_journey_batch(j, &cols, &pc, &ob, res, (size_t)n_people,
                                                      row_status, &rejected);
        if (st == CAREALIGN_ENOMEM)
            __builtin_trap();
        if (st != st0)
            __builtin_trap();
        if (st != CAREALIGN_OK)
            continue;
        size_t bad = 0;
        for (size_t k = 0; k < m; k++) {
            int32_t want = CAREALIGN_OK;
            if (c[order[k]].person >= n_people)
                want = CAREALIGN_EINVAL;
            if (row_status[k] != CAREALIGN_OK && row_status[k] != CAREALIGN_EINVAL)
                __builtin_trap();
            if (want == CAREALIGN_EINVAL && row_status[k] == CAREALIGN_OK)
                __builtin_trap();
            bad += row_status[k] != CAREALIGN_OK;
        }
        if (bad != rejected)
            __builtin_trap();
        for (int32_t p = 0; p < n_people; p++)
            if (!same(res[p], by_builder[p]))
                __builtin_trap();
    }
    carealign_journey_free(j);
    return 0;
}
