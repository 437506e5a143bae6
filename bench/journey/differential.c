/* Differential check of the journey layer: random tables and option sets
 * through carealign_journey_batch (rows shuffled and, where the table
 * allows, CAREALIGN_JOPT_INPUT_SORTED) and through the builder with
 * per-discharge detail; prints one FNV-1a digest per configuration (the
 * results, row statuses, rejected counts and the last error message).
 * Built against two libraries by differential.sh, whose outputs must be
 * identical. Covers every same-day rule, organisations below 64, above 64
 * and above 2^24, people with more than 256 contacts, invalid rows of every
 * kind (including rows naming no person mixed into a person's rows),
 * reablement under both outcome rules, unit costs and exclusion lists.
 * usage: differential [configurations=400] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/journey.h"

static uint64_t st = 88172645463325252ull;
static uint32_t rnd(void)
{
    st ^= st << 13;
    st ^= st >> 7;
    st ^= st << 17;
    return (uint32_t)(st >> 11);
}

static uint64_t h;
static void mix(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
}

static void mix_error(void)
{
    const char *e = carealign_last_error();
    mix(e, strlen(e));
}

#define R 20000
#define P 2000

static int32_t person[R], org[R], sector[R], type[R], start[R], end[R], minute[R], prof[R], sub[R],
    meth[R], dest[R], ready[R], staff[R];
static int64_t act[R], cost[R];
static int32_t py[P], pm[P], pd[P], pp[P];
static uint32_t pf[P];
static carealign_journey_result res[P];
static int32_t rs[R];
static int64_t units[16 * 8];
static int32_t exm[2] = {3, 5}, exd[2] = {1, 2};

int main(int argc, char **argv)
{
    int n_cfg = argc > 1 ? atoi(argv[1]) : 400;
    carealign_journey *j = NULL;
    if (carealign_journey_new(&j) != CAREALIGN_OK)
        return 1;
    for (int cfg = 0; cfg < n_cfg; cfg++) {
        uint32_t oc = rnd() % 4;
        int orgmax = oc == 0 ? 200 : oc == 1 ? (1 << 30) : 6;
        int peff = rnd() % 5 == 0 ? 12 : P; /* 12 people: over 256 contacts each */
        int per = 1 + (int)(rnd() % 30);
        size_t n = (size_t)P * (size_t)per / 3;
        if (n > R)
            n = R;
        int useprof = rnd() % 2, usemin = rnd() % 2, usesub = rnd() % 2, usecost = rnd() % 3 == 0,
            useext = rnd() % 2;
        for (size_t i = 0; i < n; i++) {
            person[i] = (int32_t)(i * (size_t)peff / n);
            if (rnd() % 200 == 0)
                person[i] = rnd() % 2 ? -1 : P + 5; /* no valid person */
            uint32_t r = rnd();
            type[i] = 1 + (int32_t)(r % 15);
            if (rnd() % 300 == 0)
                type[i] = 99;
            org[i] = (int32_t)(rnd() % (uint32_t)orgmax);
            sector[i] = (int32_t)(rnd() % 8);
            start[i] = 19700 + (int32_t)(rnd() % 500);
            if (rnd() % 4 == 0 && i > 0 && person[i - 1] == person[i] &&
                start[i - 1] != INT32_MIN) /* same day */
                start[i] = start[i - 1];
            end[i] = rnd() % 3 == 0 ? start[i] + (int32_t)(rnd() % 20) : CAREALIGN_NA_I32;
            minute[i] = rnd() % 2 ? (int32_t)(rnd() % 1440) : CAREALIGN_NA_I32;
            prof[i] = rnd() % 3 ? (int32_t)(rnd() % (rnd() % 2 ? 5u : 150u)) : CAREALIGN_NA_I32;
            sub[i] = rnd() % 2 ? (int32_t)(rnd() % 3) : CAREALIGN_NA_I32;
            meth[i] = rnd() % 2 ? (int32_t)(rnd() % 6) : CAREALIGN_NA_I32;
            dest[i] = rnd() % 2 ? (int32_t)(rnd() % 6) : CAREALIGN_NA_I32;
            ready[i] = rnd() % 3 == 0 ? start[i] + (int32_t)(rnd() % 10) - 3 : CAREALIGN_NA_I32;
            staff[i] = rnd() % 2 ? (int32_t)(rnd() % 60) : CAREALIGN_NA_I32;
            act[i] = rnd() % 2 ? (int64_t)(rnd() % 4) : CAREALIGN_NA_I64;
            cost[i] = rnd() % 2 ? (int64_t)(rnd() % 10000) : CAREALIGN_NA_I64;
            switch (rnd() % 600) { /* invalid rows of every kind */
            case 0: end[i] = start[i] - 1; break;
            case 1: minute[i] = 1500; break;
            case 2: cost[i] = -5; break;
            case 3: sector[i] = 40; break;
            case 4: staff[i] = -1; break;
            case 5: act[i] = -2; break;
            case 6: prof[i] = -7; break;
            case 7: org[i] = -1; break;
            case 8: start[i] = INT32_MIN; break;
            case 9: org[i] = CAREALIGN_NA_I32; break;
            case 10: type[i] = 0; break;
            case 11: sector[i] = -1; break;
            default: break;
            }
        }
        for (int p = 0; p < P; p++) {
            pp[p] = p;
            py[p] = 1930 + (int32_t)(rnd() % 80);
            pm[p] = 1 + (int32_t)(rnd() % 12);
            pd[p] = rnd() % 10 == 0 ? 19700 + (int32_t)(rnd() % 500) : CAREALIGN_NA_I32;
            pf[p] = rnd() % 10 == 0 ? 1u : 0u;
        }
        for (int i = 0; i < 16 * 8; i++)
            units[i] = rnd() % 5 == 0 ? INT64_MIN : (int64_t)(rnd() % 5000);
        carealign_contact_columns cc;
        carealign_contact_columns_init(&cc, sizeof cc);
        cc.n = n;
        cc.person = person;
        cc.org = org;
        cc.sector = sector;
        cc.type = type;
        cc.start_day = start;
        cc.end_day = end;
        if (usemin)
            cc.start_minute = minute;
        if (useprof)
            cc.professional = prof;
        if (usesub)
            cc.subtype = sub;
        if (useext) {
            cc.admission_method = meth;
            cc.discharge_destination = dest;
            cc.discharge_ready_day = ready;
            cc.staff_minutes = staff;
            cc.activity = act;
        }
        if (usecost)
            cc.cost_pence = cost;
        carealign_person_columns pc;
        carealign_person_columns_init(&pc, sizeof pc);
        pc.n = P;
        pc.person = pp;
        pc.birth_year = py;
        pc.birth_month = pm;
        pc.death_day = pd;
        pc.flags = pf;
        carealign_journey_options o;
        carealign_journey_options_init(&o, sizeof o);
        if (rnd() % 4) {
            o.has |= CAREALIGN_JOPT_HAS_PERIOD;
            o.period_start = 19750;
            o.period_end = 19750 + (int32_t)(rnd() % 400);
        }
        o.same_day = (int32_t)(rnd() % 3);
        o.min_contacts = (int32_t)(rnd() % 5);
        if (rnd() % 3 == 0)
            o.continuity_types = rnd() | 2u;
        if (rnd() % 3 == 0)
            o.followup_types = rnd() | 2u;
        if (rnd() % 3 == 0)
            o.assessment_types = rnd() | 2u;
        if (rnd() % 2) {
            o.followup_within[0] = (int32_t)(rnd() % 10);
            o.followup_within[2] = (int32_t)(rnd() % 30);
        }
        o.readmission_days = (int32_t)(rnd() % 40);
        o.duplicate_days = (int32_t)(rnd() % 100);
        if (rnd() % 2) {
            o.reablement_followup_days = (int32_t)(rnd() % 100);
            o.reablement_before = (int32_t)(rnd() % 10);
            o.reablement_after = (int32_t)(rnd() % 10);
            o.reablement_cluster_gap = (int32_t)(rnd() % 10);
            o.reablement_outcome = (int32_t)(rnd() % 2);
            o.flags |= rnd() & 0x3f0u;
            if (rnd() % 2) {
                o.has |= CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE;
                o.reablement_min_age = 65;
            }
            if (rnd() % 2) {
                o.reablement_excluded_methods = exm;
                o.n_reablement_excluded_methods = 2;
                o.reablement_excluded_destinations = exd;
                o.n_reablement_excluded_destinations = 2;
            }
        }
        if (rnd() % 2) {
            o.readmission_excluded_methods = exm;
            o.n_readmission_excluded_methods = 2;
            o.discharge_excluded_destinations = exd;
            o.n_discharge_excluded_destinations = 1;
        }
        if (rnd() % 3 == 0)
            o.stay_sectors = rnd();
        if (rnd() % 2) {
            o.unit_costs = units;
            o.n_cost_types = 16;
            o.n_cost_sectors = 8;
        }
        const carealign_person_columns *pcp = rnd() % 2 ? &pc : NULL;
        h = 14695981039346656037ull;
        carealign_status s = CAREALIGN_OK;
        /* rows in person order, then rows in any order (a fixed permutation) */
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                for (size_t i = n; i > 1; i--) {
                    size_t k = rnd() % i;
#define SW(T, a)                                                                                   \
    do {                                                                                           \
        T t_ = a[i - 1];                                                                           \
        a[i - 1] = a[k];                                                                           \
        a[k] = t_;                                                                                 \
    } while (0)
                    SW(int32_t, person);
                    SW(int32_t, org);
                    SW(int32_t, sector);
                    SW(int32_t, type);
                    SW(int32_t, start);
                    SW(int32_t, end);
                    SW(int32_t, minute);
                    SW(int32_t, prof);
                    SW(int32_t, sub);
                    SW(int32_t, meth);
                    SW(int32_t, dest);
                    SW(int32_t, ready);
                    SW(int32_t, staff);
                    SW(int64_t, act);
                    SW(int64_t, cost);
                }
            }
            o.flags = pass == 0 ? o.flags | CAREALIGN_JOPT_INPUT_SORTED
                                : o.flags & ~(uint32_t)CAREALIGN_JOPT_INPUT_SORTED;
            res[0].size = sizeof res[0];
            size_t rej = 0;
            s = carealign_journey_batch(j, &cc, pcp, &o, res, P, rs, &rej);
            mix(&s, sizeof s);
            mix_error();
            if (s == CAREALIGN_OK) {
                mix(res, sizeof res);
                mix(rs, n * sizeof *rs);
                mix(&rej, sizeof rej);
            }
        }
        o.flags &= ~(uint32_t)CAREALIGN_JOPT_INPUT_SORTED;
        /* the builder, with the discharges, for the first 50 people */
        for (int p = 0; p < 50 && s == CAREALIGN_OK; p++) {
            carealign_journey_reset(j);
            for (size_t i = 0; i < n; i++) {
                if (person[i] != p)
                    continue;
                carealign_contact c;
                carealign_contact_init(&c, sizeof c);
                c.org = org[i];
                c.sector = sector[i];
                c.type = type[i];
                c.start_day = start[i];
                if (end[i] != CAREALIGN_NA_I32) {
                    c.has |= CAREALIGN_CONTACT_HAS_END;
                    c.end_day = end[i];
                }
                if (usemin && minute[i] != CAREALIGN_NA_I32) {
                    c.has |= CAREALIGN_CONTACT_HAS_START_MINUTE;
                    c.start_minute = minute[i];
                }
                if (useprof && prof[i] != CAREALIGN_NA_I32) {
                    c.has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
                    c.professional = prof[i];
                }
                if (usesub && sub[i] != CAREALIGN_NA_I32) {
                    c.has |= CAREALIGN_CONTACT_HAS_SUBTYPE;
                    c.subtype = sub[i];
                }
                if (useext && dest[i] != CAREALIGN_NA_I32) {
                    c.has |= CAREALIGN_CONTACT_HAS_DESTINATION;
                    c.discharge_destination = dest[i];
                }
                if (useext && meth[i] != CAREALIGN_NA_I32) {
                    c.has |= CAREALIGN_CONTACT_HAS_ADMISSION_METHOD;
                    c.admission_method = meth[i];
                }
                if (useext && ready[i] != CAREALIGN_NA_I32) {
                    c.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
                    c.discharge_ready_day = ready[i];
                }
                carealign_status sa = carealign_journey_add_contact(j, &c);
                mix(&sa, sizeof sa);
                if (sa != CAREALIGN_OK)
                    mix_error();
            }
            carealign_journey_result r;
            carealign_journey_result_init(&r, sizeof r);
            carealign_status s2 = carealign_journey_compute(j, &o, &r);
            mix(&s2, sizeof s2);
            mix(&r, sizeof r);
            size_t nd = 0;
            carealign_journey_discharge_count(j, &nd);
            mix(&nd, sizeof nd);
            for (size_t d = 0; d < nd; d++) {
                carealign_discharge ds;
                carealign_discharge_init(&ds, sizeof ds);
                carealign_journey_get_discharge(j, d, &ds);
                mix(&ds, sizeof ds);
            }
        }
        printf("%d %016llx\n", cfg, (unsigned long long)h);
    }
    carealign_journey_free(j);
    return 0;
}
