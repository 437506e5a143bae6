/* One person at a time: pair responses, build the journey, evaluate every
 * measure's criteria at every level and period, and add the person's
 * contributions to the result groups. docs/scorecard.md gives the rules. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "core/bits.h"
#include "core/civil.h"
#include "core/internal.h"
#include "journey/figures.h"
#include "journey/internal.h"
#include "scorecard/contrib.h"
#include "scorecard/empty.h"
#include "scorecard/internal.h"
#include "scorecard/slots.h"

#define MAX_ORGS 64
/* a person's organisations are bits of a uint64_t in the period loop
 * (scope_visits, records_by_period) */
_Static_assert(MAX_ORGS <= 64, "the organisation masks are 64 bits");
#define MAX_JR 256 /* distinct journey option sets (checked at creation) */

typedef struct scope {
    int32_t level; /* SYSTEM, SECTOR or ORG (COHORT reuses SYSTEM figures) */
    int32_t unit;
} scope;

typedef struct jr_cache {
    int32_t jopt, level, unit, period;
    carealign_journey_result r;
} jr_cache;

/* A run of days on which the person's age is the same (-1: unknown). */
typedef struct age_span {
    int32_t lo, hi, age;
} age_span;

/* The person atoms of a criterion hold (res) or not on every day of [lo, hi];
 * key: the criterion's person_key (0: empty entry). */
typedef struct atoms_span {
    const carealign__sc_crit *cr;
    int32_t key, lo, hi;
    int res;
} atoms_span;

#define N_AGE_SPANS 4
/* get_jr's direct table: the first JD_SCOPES scopes of a person, up to
 * JD_JOPTS option sets whose figures are read from results, up to JD_MAX
 * entries in all */
#define JD_SCOPES 16
#define JD_JOPTS 8
#define JD_MAX 16384
#define N_ATOMS_SPANS 8

typedef struct ctx {
    carealign_scorecard *sc;
    const carealign__sc_person *p;
    const carealign__sc_scored *resp;
    size_t n_resp;
    const carealign_contact *contacts;
    size_t n_contacts;
    int32_t age_start;   /* age on the first day of the reporting period, -1 unknown */
    const int32_t *orgs; /* organisations of the person in the period, ascending */
    int n_orgs;
    const jr_cache *jr_last; /* get_jr's last answer (the criteria of one evaluation share it) */
    const carealign__jperiods *jper; /* the work's periods (carealign__journey_figures_in) */
    carealign_status error;
    int32_t dsr_band; /* DSR: count only events at an age in this ESP band; 0 = any */
    /* memos of ages and of criteria's person atoms (entries with cr NULL or
     * lo > hi are empty) */
    age_span ages[N_AGE_SPANS];
    int next_age;
    atoms_span atoms[N_ATOMS_SPANS];
    int next_atoms;
    /* the contacts of the scope evaluated starting in each period (index
     * period + 1: records.ncontacts), NULL when not counted */
    const uint32_t *ncontacts;
    /* the measure evaluated: its criteria (m->crit) and, by criterion,
     * whether it has person atoms (measure_plan) */
    const carealign__sc_crit *crit0;
    unsigned char crit_person[7];
    /* by criterion of the measure evaluated, the last span person_atoms_hold_at
     * gave (cr NULL or another measure's criterion: none) */
    atoms_span crit_span[7];
    unsigned char shape; /* SHAPE_* of the measure evaluated (measure_shape) */
    /* a SHAPE_JOURNEY_RATIO measure's crit_plan of its initial population,
     * numerator and denominator (set for every measure) */
    int32_t ratio_plan[3];
    /* the measure's carealign__sc_ip_range (a SHAPE_JOURNEY_OBSERVATION's),
     * read when ip_ranged (the shortcuts on) */
    uint32_t ip_lo, ip_hi;
    int ip_ranged;
    /* obs_visits' masks (carealign__sc_work.ip_sec, ip_org) made for the
     * range ipv_lo .. ipv_hi and periods up to ipv_np when ipv_done, and
     * their period bits ipv_any */
    int ipv_done;
    uint32_t ipv_lo, ipv_hi;
    int32_t ipv_np;
    uint64_t ipv_any;
    /* stay_bits' answer when stays_done */
    int stays_done;
    uint64_t stays;
    /* bit w: journey figure w (0 .. 63) is a discharge figure
     * (carealign__sc_is_discharge_figure) */
    uint64_t dis_figures;
    /* by option set, the parts of the journey figures its measures read
     * (CAREALIGN__FIG_ bits, jr_parts) */
    const unsigned char *jr_parts;
    const unsigned char *jr_dup; /* sc->work's jr_dup (jr_within) */
    unsigned jr_skip;            /* sc->work's jr_skip (carealign__journey_set_sums) */
    /* the scope evaluated (its index in records.scopes; -1: none) and, by
     * scope index below JD_SCOPES, its builder once loaded and the options
     * it was prepared under when jb_ok was found: bit d, the option set of
     * dense index d (jd_dense) is prepared as under them */
    int cur_j;
    const signed char *jd_dense; /* carealign__sc_work.jd_dense */
    size_t jd_nper, jd_n;
    /* the direct table's generations and entries (NULL: none) */
    uint32_t *jd_g;
    jr_cache *jd_t;
    carealign_journey *jb[JD_SCOPES];
    const carealign__jopts *jb_prep[JD_SCOPES];
    uint32_t jb_ok[JD_SCOPES];
    /* jr_compute's shortcut, by scope index below JD_SCOPES: the option set
     * + 1 (0: none) whose figures its builder gives as prepared now, with
     * jf_whole, jf_done and jf_parts */
    int32_t jf_jopt1[JD_SCOPES];
    /* jr_within's memo, by scope index below JD_SCOPES: the option set + 1
     * (0: none) whose figures of the scope it read from the system's
     * builder, with jw_whole and jw_done */
    int16_t jw_jopt1[JD_SCOPES];
    /* discharges_of_period's last answer: option set + 1 (0: none), period,
     * range */
    int32_t dr_jopt1, dr_period;
    size_t dr_lo, dr_hi;
    /* load_contacts: the person's contacts converted (sc->work_jc,
     * convert_contacts); jc_native: every
     * contact is of this release's size; jp_done: jp is the person's
     * record converted */
    int jc_done, jc_native, jp_done;
    /* the journey's content order of the contacts is known
     * (sc->work_in_order of sc->work_contacts): the array's (order NULL:
     * by start day, the journey's first key, and those of one day in
     * jc_less order) or contacts[order[0]], contacts[order[1]], ...; every
     * builder's contacts, a subset taken in that order, are then in that
     * order too (push_all). */
    int in_order;
    const uint32_t *order;
    /* every converted contact's status is OK (jc_done) */
    int jc_all_ok;
    carealign__jperson jp;
    /* dis_rows: the measure + 1 whose rows sc->dis_rows holds (0: none)
     * and the slots of a row */
    int32_t dw_mi1;
    int dw_n;
    /* evaluate_discharges' answer for every discharge of a period in scope:
     * the measure + 1 (0: none), the period and the answer */
    int32_t dm_mi1, dm_period;
    contrib dm_out;
    /* the period bits holding one discharge of the SHAPE_DISCHARGE measure's
     * option set (records.dis_one, set by scope_visits; 0: none known) */
    uint64_t dm_one;
    size_t dw_lo, dw_hi; /* the rows made */
    /* jr_within's sums of every sector and organisation by period (wb, in
     * sc->work_wb; jr_bins): the option set + 1 (0: none) they were last
     * looked for, whether they serve it (wb_ok), and the options they were
     * binned under (NULL: none yet), with their sums and whether they hold
     * the sectors' duplicate assessments */
    int16_t wb_jopt1;
    int wb_ok;
    const carealign__jopts *wb_whole;
    unsigned wb_sums;
    int wb_orgs;
    const unsigned char *jr_sums; /* sc->work's jr_sums (jr_within) */
    /* period_responses' memo: the responses of period lr_period1 - 2 are
     * c->resp[lr_i0 .. lr_i1) (lr_period1 0: none) */
    int32_t lr_period1;
    size_t lr_i0, lr_i1;
    /* by option set, its discharges loaded (dis_done; zero for the
     * scorecard's option sets at the start of a person, ctx_init) */
    int32_t dis_done[MAX_JR];
    /* ---- from here on, each field is written before it is read (not
     * cleared per person: ctx_init) ---- */
    /* discharges of the whole period, per distinct journey option set
     * (when dis_done) */
    size_t dis_begin[MAX_JR];
    size_t dis_end[MAX_JR];
    /* by scope index with jf_jopt1 set: the option set's whole-period
     * options (its period p's at jf_whole + 1 + p once jf_done[1 + p]) and
     * its parts by class (jr_class_parts) */
    const carealign__jopts *jf_whole[JD_SCOPES];
    const unsigned char *jf_done[JD_SCOPES];
    const unsigned char *jf_parts[JD_SCOPES];
    /* by scope index with jw_jopt1 set: the option set's whole-period
     * options and its periods' resolved (as jf_whole and jf_done) */
    const carealign__jopts *jw_whole[JD_SCOPES];
    const unsigned char *jw_done[JD_SCOPES];
    jr_cache scratch;                           /* when the table is full */
    double dsr_events[CAREALIGN__SC_ESP_BANDS]; /* DSR: the person's events per band */
    /* by criterion of the SHAPE_DISCHARGE measure dw_mi1 (crit_dis' plan):
     * dw_test[w][0 .. dw_ntest[w]) the slots of its atoms with thresholds to
     * test (not the counted atom, not person atoms) and dw_counted[w] the
     * counted atom's slot (-1: none, the criterion counts people; -2: the
     * criterion is absent) */
    signed char dw_test[7][CAREALIGN__SC_MAX_ATOMS];
    signed char dw_ntest[7], dw_counted[7];
    /* by slot: its atom, the atom's criterion and discharge_need */
    const carealign__sc_atom *dw_atom[7 * CAREALIGN__SC_MAX_ATOMS];
    unsigned char dw_crit[7 * CAREALIGN__SC_MAX_ATOMS];
    uint32_t dw_need[7 * CAREALIGN__SC_MAX_ATOMS];
    carealign__jwithin wb; /* with wb_jopt1 and wb_ok */
} ctx;

static int32_t pstart(const ctx *c, int32_t period)
{
    return period < 0 ? c->sc->period_start : c->sc->pstart[period];
}

static int32_t pend(const ctx *c, int32_t period)
{
    return period < 0 ? c->sc->period_end : c->sc->pend[period];
}

/* A record's sector for the sector scopes: its own, else (below 0) its
 * organisation's. */
static inline int32_t record_sector(const carealign_scorecard *sc, int32_t org, int32_t sector)
{
    if (sector < 0 && org >= 0 && (size_t)org < sc->n_orgs)
        sector = sc->orgs[org].sector;
    return sector;
}

static int org_in_scope(const carealign_scorecard *sc, int32_t org, int32_t sector, scope s)
{
    if (s.level == CAREALIGN_LEVEL_ORG)
        return org == s.unit;
    if (s.level == CAREALIGN_LEVEL_SECTOR)
        return record_sector(sc, org, sector) == s.unit;
    return 1;
}

static int thresholds_hold(const carealign__sc_atom *a, double v)
{
    if (isnan(v))
        return 0;
    if ((a->flags & CAREALIGN_ATOM_HAS_AT_LEAST) && !(v >= a->at_least))
        return 0;
    if ((a->flags & CAREALIGN_ATOM_HAS_AT_MOST) && !(v <= a->at_most))
        return 0;
    return 1;
}

/* The person's age on `day` (carealign__sc_age) and the days [*lo, *hi]
 * around it with the same age (age_on's), through the checked date
 * functions: for every birth date and day (both the day where no span is
 * known). */
static int32_t age_span_checked(const carealign_person *p, int32_t day, int32_t *lo, int32_t *hi)
{
    int32_t age = carealign__sc_age(p, day);
    int32_t a = day, b = day, birth = 0, next = 0;
    if ((p->has & CAREALIGN_PERSON_HAS_BIRTH) == 0) {
        a = INT32_MIN;
        b = INT32_MAX;
    } else if (carealign_date_from_ymd(p->birth_year, p->birth_month, 1, &birth) != CAREALIGN_OK) {
        if (age < 0) { /* no valid birth date: unknown on every day */
            a = INT32_MIN;
            b = INT32_MAX;
        }
    } else if (age < 0) {
        if (day < birth) {
            a = INT32_MIN;
            b = birth - 1;
        }
    } else if (age < 9999 &&
               carealign_date_from_ymd(p->birth_year + age, p->birth_month, 1, &birth) ==
                   CAREALIGN_OK &&
               carealign_date_from_ymd(p->birth_year + age + 1, p->birth_month, 1, &next) ==
                   CAREALIGN_OK &&
               birth <= day && day < next) {
        a = birth;
        b = next - 1;
    }
    *lo = a;
    *hi = b;
    return age;
}

/* age_span_checked's answer, from one conversion of the day, for a birth
 * date in years 1..9998 and a day in CAREALIGN_DATE_MIN ..
 * CAREALIGN_DATE_MAX whose next birthday is in a year up to 9999 (where
 * none of its conversions fails): 1, *age, *lo and *hi. The age counts the
 * years whose birth month has begun by the day's month (birth is the 1st
 * of its month), the span is from the last such 1st of the birth month to
 * the day before the next; before birth, -1 every day up to it. Else 0,
 * nothing written. */
static inline int age_span_plain(const carealign_person *p, int32_t day, int32_t *age, int32_t *lo,
                                 int32_t *hi)
{
    const int32_t by = p->birth_year, bm = p->birth_month;
    if ((p->has & CAREALIGN_PERSON_HAS_BIRTH) == 0 || by < 1 || by > 9998 || bm < 1 || bm > 12 ||
        day < CAREALIGN_DATE_MIN || day > CAREALIGN_DATE_MAX)
        return 0;
    const int32_t birth = carealign__days_from_civil(by, bm, 1);
    if (day < birth) {
        *age = -1;
        *lo = INT32_MIN;
        *hi = birth - 1;
        return 1;
    }
    int32_t y = 0, m = 0, d = 0;
    carealign__civil_from_days(day, &y, &m, &d);
    const int32_t n = y - by - (m < bm ? 1 : 0);
    if (by + n + 1 > 9999) /* the next birthday's year does not exist */
        return 0;
    *age = n;
    *lo = carealign__days_from_civil(by + n, bm, 1);
    *hi = carealign__days_from_civil(by + n + 1, bm, 1) - 1;
    return 1;
}

int32_t carealign__sc_age_span_checked(const carealign_person *p, int32_t day, int32_t *lo,
                                       int32_t *hi)
{
    return age_span_checked(p, day, lo, hi);
}

int carealign__sc_age_span_plain(const carealign_person *p, int32_t day, int32_t *age, int32_t *lo,
                                 int32_t *hi)
{
    return age_span_plain(p, day, age, lo, hi);
}

/* The person's age on `day` (carealign__sc_age), and the days [*lo, *hi]
 * around it with the same age: the age changes on the first day of the
 * birth month (birth is the 1st of the month: carealign_age_years counts a
 * year on that day), and is unknown before birth or when the birth date is. */
static int32_t age_on(ctx *c, int32_t day, int32_t *lo, int32_t *hi)
{
    for (int i = 0; i < N_AGE_SPANS; i++)
        if (c->ages[i].lo <= day && day <= c->ages[i].hi) {
            *lo = c->ages[i].lo;
            *hi = c->ages[i].hi;
            return c->ages[i].age;
        }
    const carealign_person *p = &c->p->rec;
    int32_t age = 0, a = day, b = day;
    if (!age_span_plain(p, day, &age, &a, &b))
        age = age_span_checked(p, day, &a, &b);
    age_span *e = &c->ages[c->next_age];
    c->next_age = (c->next_age + 1) % N_AGE_SPANS;
    e->lo = a;
    e->hi = b;
    e->age = age;
    *lo = a;
    *hi = b;
    return age;
}

/* A person atom; `age` the person's age on the day in question (-1 unknown). */
static int person_holds_at(const ctx *c, const carealign__sc_atom *a, int32_t age)
{
    const carealign_person *p = &c->p->rec;
    double v = NAN;
    switch (a->which) {
    case CAREALIGN_PERSON_AGE: v = age < 0 ? NAN : (double)age; break;
    case CAREALIGN_PERSON_SEX:
        v = (p->has & CAREALIGN_PERSON_HAS_SEX) ? (double)p->sex : NAN;
        break;
    case CAREALIGN_PERSON_DEPRIVATION_DECILE:
        v = (p->has & CAREALIGN_PERSON_HAS_IMD) ? (double)p->imd_decile : NAN;
        break;
    case CAREALIGN_PERSON_DEPRIVATION_QUINTILE:
        v = (p->has & CAREALIGN_PERSON_HAS_IMD) ? (double)((p->imd_decile + 1) / 2) : NAN;
        break;
    default: return 0;
    }
    if (isnan(v))
        return 0;
    if (a->n_values > 0) {
        int in = 0;
        for (size_t i = 0; i < a->n_values; i++)
            if ((double)a->values[i] == v)
                in = 1;
        if (!in)
            return 0;
    }
    return thresholds_hold(a, v);
}

/* A person atom on a given day. */
static int person_holds(ctx *c, const carealign__sc_atom *a, int32_t day)
{
    int32_t lo = 0, hi = 0;
    int32_t age = a->which == CAREALIGN_PERSON_AGE ? age_on(c, day, &lo, &hi) : -1;
    return person_holds_at(c, a, age);
}

static int has_person_atoms(const carealign__sc_crit *cr)
{
    for (int32_t k = 0; k < cr->n; k++)
        if (cr->atoms[k].kind == CAREALIGN_ATOM_PERSON)
            return 1;
    return 0;
}

/* has_person_atoms of a criterion of the measure evaluated (c->crit0). */
static inline int crit_has_person(const ctx *c, const carealign__sc_crit *cr)
{
    return c->crit_person[cr - c->crit0];
}

/* The memo entry of person_atoms_span for criterion cr on `day`, NULL when
 * none: kept for cr's person_key (every criterion with the same person
 * atoms), for cr alone with the shortcuts off (ip_ranged 0). */
static const atoms_span *atoms_memo(const ctx *c, const carealign__sc_crit *cr, int32_t day)
{
    for (int i = 0; i < N_ATOMS_SPANS; i++) {
        const atoms_span *e = &c->atoms[i];
        if ((c->ip_ranged ? e->key == cr->person_key : e->cr == cr) && e->lo <= day && day <= e->hi)
            return e;
    }
    return NULL;
}

/* Whether every person atom of criterion cr holds on `day` (res of the
 * span returned). The atoms depend on the day through the age only: the
 * answer is kept for the days of the same age. */
static const atoms_span *person_atoms_span(ctx *c, const carealign__sc_crit *cr, int32_t day)
{
    const atoms_span *kept = atoms_memo(c, cr, day);
    if (kept != NULL)
        return kept;
    int32_t lo = INT32_MIN, hi = INT32_MAX, age = -1;
    int have_age = 0, res = 1;
    for (int32_t k = 0; k < cr->n && res; k++) {
        const carealign__sc_atom *a = &cr->atoms[k];
        if (a->kind != CAREALIGN_ATOM_PERSON)
            continue;
        if (a->which == CAREALIGN_PERSON_AGE && !have_age) {
            age = age_on(c, day, &lo, &hi);
            have_age = 1;
        }
        res = person_holds_at(c, a, age);
    }
    atoms_span *e = &c->atoms[c->next_atoms];
    c->next_atoms = (c->next_atoms + 1) % N_ATOMS_SPANS;
    e->cr = cr;
    e->key = cr->person_key;
    e->lo = lo;
    e->hi = hi;
    e->res = res;
    return e;
}

/* person_atoms_span's answer, kept as the criterion's last (c->crit_span). */
static int person_atoms_hold_at(ctx *c, const carealign__sc_crit *cr, int32_t day)
{
    const atoms_span *e = person_atoms_span(c, cr, day);
    atoms_span *w = &c->crit_span[cr - c->crit0];
    *w = *e;
    w->cr = cr; /* e may be another criterion's with the same key */
    return e->res;
}

/* person_atoms_hold_at, without a call for a criterion without person atoms
 * or on a day of the criterion's last span. */
static inline int person_atoms_hold(ctx *c, const carealign__sc_crit *cr, int32_t day)
{
    const ptrdiff_t w = cr - c->crit0;
    if (!c->crit_person[w])
        return 1;
    const atoms_span *e = &c->crit_span[w];
    if (e->cr == cr && e->lo <= day && day <= e->hi)
        return e->res;
    return person_atoms_hold_at(c, cr, day);
}

/* The person's contacts are sorted by start day and the responses by day
 * (cmp_contact, cmp_resp): the first of each on or after `day`, so that a
 * period's loop visits only the period's records, in the same order. */
static size_t first_contact_from(const ctx *c, int32_t day)
{
    size_t lo = 0, hi = c->n_contacts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->contacts[mid].start_day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t first_resp_from(const ctx *c, int32_t day)
{
    size_t lo = 0, hi = c->n_resp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->resp[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- responses ---------------------------------------------------------- */

typedef struct pairing {
    int has_latest, has_pair;
    double latest, baseline, follow_up;
    int32_t n_any;                /* 1 when the scope has a response of the period, else 0 */
    double latest_w, follow_up_w; /* survey weights of the latest and follow-up responses */
} pairing;

static int resp_in(const ctx *c, const carealign__sc_scored *r, int32_t vs, scope s, int32_t period)
{
    return r->vs == vs && r->day >= pstart(c, period) && r->day <= pend(c, period) &&
           (s.level == CAREALIGN_LEVEL_SYSTEM ||
            (r->org >= 0 && org_in_scope(c->sc, r->org, -1, s)));
}

/* resp_in of a response whose day is in the period. */
static inline int resp_in_scope(const ctx *c, const carealign__sc_scored *r, int32_t vs, scope s)
{
    return r->vs == vs && (s.level == CAREALIGN_LEVEL_SYSTEM ||
                           (r->org >= 0 && org_in_scope(c->sc, r->org, -1, s)));
}

/* The first response from i0 on whose day is after d1 (the responses in
 * day order). */
static size_t resp_after(const ctx *c, size_t i0, int32_t d1)
{
    size_t lo = i0, hi = c->n_resp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->resp[mid].day <= d1)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Responses are sorted by (day, org, score): first/last are deterministic.
 * The period's responses are c->resp[i0 .. i1): the latest in scope is
 * the last of them that resp_in holds for (found from the end), a
 * baseline first in the period the first (found only for a pairing); a
 * baseline first ever is looked for whether or not the period has one. */
static pairing pair_responses(const ctx *c, const carealign__sc_measure *m, scope s, int32_t period)
{
    pairing pr = {0, 0, NAN, NAN, NAN, 0, 1.0, 1.0};
    if (m->vs < 0)
        return pr;
    const size_t i0 = first_resp_from(c, pstart(c, period));
    const size_t i1 = resp_after(c, i0, pend(c, period));
    size_t last = i1;
    for (size_t i = i1; i > i0; i--)
        if (resp_in_scope(c, &c->resp[i - 1], m->vs, s)) {
            last = i - 1;
            break;
        }
    if (last < i1) {
        pr.n_any = 1;
        pr.has_latest = 1;
        pr.latest = c->resp[last].score;
        pr.latest_w = c->resp[last].weight;
    }
    if ((m->mflags & CAREALIGN_MEASURE_HAS_PAIRING) == 0)
        return pr;
    const carealign__sc_scored *base = NULL;
    if (m->pair_baseline == CAREALIGN_PAIR_BASELINE_FIRST_IN_PERIOD) {
        for (size_t i = i0; i < i1 && i <= last && base == NULL; i++)
            if (resp_in_scope(c, &c->resp[i], m->vs, s))
                base = &c->resp[i];
    } else if (m->pair_baseline == CAREALIGN_PAIR_BASELINE_FIRST_EVER) {
        for (size_t i = 0; i < c->n_resp && base == NULL; i++)
            if (resp_in_scope(c, &c->resp[i], m->vs, s))
                base = &c->resp[i];
    }
    if (base == NULL)
        return pr;
    const carealign__sc_scored *fu = NULL;
    for (size_t i = 0; i < c->n_resp; i++) {
        const carealign__sc_scored *r = &c->resp[i];
        if (r->vs != m->vs || r == base)
            continue;
        int64_t gap = (int64_t)r->day - base->day;
        if (gap < m->pair_min_days || gap > m->pair_max_days)
            continue;
        if (m->pair_org == CAREALIGN_PAIR_ORG_SAME && r->org != base->org)
            continue;
        if (fu == NULL || m->pair_follow_up == CAREALIGN_PAIR_FOLLOWUP_LAST_IN_WINDOW)
            fu = r;
    }
    if (fu != NULL) {
        pr.has_pair = 1;
        pr.baseline = base->score;
        pr.follow_up = fu->score;
        pr.follow_up_w = fu->weight;
    }
    return pr;
}

/* ---- journey ------------------------------------------------------------ */

/* Journey figure `which` of r as a double: jr_figure's figures and the
 * others, in one switch (inlined in the evaluations' shapes). */
static inline double jr_value(const carealign_journey_result *r, int32_t which)
{
    switch (which) {
    case CAREALIGN_JF_CONTACTS: return (double)r->n_contacts;
    case CAREALIGN_JF_ORGANISATIONS: return (double)r->n_organisations;
    case CAREALIGN_JF_SECTORS: return (double)r->n_sectors;
    case CAREALIGN_JF_HANDOFFS: return (double)r->n_handoffs;
    case CAREALIGN_JF_ASSESSMENTS: return (double)r->n_assessments;
    case CAREALIGN_JF_DUPLICATE_ASSESSMENTS: return (double)r->n_duplicate_assessments;
    case CAREALIGN_JF_CARE_HOME_ADMISSIONS: return (double)r->n_lt_care_home_admissions;
    case CAREALIGN_JF_BED_DAYS: return (double)r->bed_days;
    case CAREALIGN_JF_DAYS_IN_COMMUNITY: return (double)r->days_alive_in_community;
    case CAREALIGN_JF_DAYS_OBSERVED: return (double)r->days_observed;
    case CAREALIGN_JF_ACTIVITY: return (double)r->activity;
    case CAREALIGN_JF_COST_PENCE: return (double)r->cost_pence;
    case CAREALIGN_JF_STAFF_MINUTES: return (double)r->staff_minutes;
    case CAREALIGN_JF_COC: return r->coc;
    case CAREALIGN_JF_UPC: return r->upc;
    case CAREALIGN_JF_SECON: return r->secon;
    case CAREALIGN_JF_MMCI: return r->mmci;
    case CAREALIGN_JF_FRAGMENTATION: return r->fragmentation;
    default: return 0;
    }
}

/* The builder slot of a scope: 0 system, 1 + sector, 33 + the organisation's
 * place among the person's organisations; -1 none (a builder loaded afresh). */
#define JPOOL_ORG0 33
#define JPOOL_SIZE (JPOOL_ORG0 + MAX_ORGS)

static int scope_slot(const ctx *c, scope s)
{
    if (s.level == CAREALIGN_LEVEL_SYSTEM)
        return 0;
    if (s.level == CAREALIGN_LEVEL_SECTOR)
        return s.unit >= 0 && s.unit < 32 ? 1 + s.unit : -1;
    for (int i = 0; i < c->n_orgs; i++)
        if (c->orgs[i] == s.unit)
            return JPOOL_ORG0 + i;
    return -1;
}

/* The person's contacts converted once (c->jc_done): sc->work_jc holds the
 * n_contacts converted contacts, then carealign__journey_convert's status
 * of each, then room for n_contacts indexes (push_all). */
static carealign_status convert_contacts(ctx *c)
{
    carealign_scorecard *sc = c->sc;
    size_t n = c->n_contacts;
    carealign_status st = carealign__sc_jc_room(sc, n);
    if (st != CAREALIGN_OK)
        return st;
    sc->work_jc_ready = 0; /* (overwritten) */
    carealign__jc *jc = sc->work_jc;
    carealign_status *js = (carealign_status *)(void *)(jc + n);
    c->jc_native = n <= UINT32_MAX; /* push_all's indexes */
    int all_ok = 1;
    for (size_t i = 0; i < n; i++) {
        if (c->contacts[i].size == sizeof c->contacts[i]) {
            js[i] = carealign__journey_convert(&c->contacts[i], &jc[i]);
            all_ok &= js[i] == CAREALIGN_OK;
        } else {
            c->jc_native = 0;
        }
    }
    c->jc_all_ok = all_ok;
    c->jc_done = 1;
    return CAREALIGN_OK;
}

/* Builder j given the person's contacts in scope s, one at a time (a
 * contact of another release's size goes through
 * carealign_journey_add_contact). */
static carealign_status push_each(ctx *c, scope s, carealign_journey *j)
{
    const carealign__jc *jc = c->sc->work_jc;
    const carealign_status *js = (const carealign_status *)(const void *)(jc + c->n_contacts);
    for (size_t i = 0; i < c->n_contacts; i++) {
        const carealign_contact *k = &c->contacts[i];
        if (!org_in_scope(c->sc, k->org, k->sector, s))
            continue;
        carealign_status st;
        if (k->size == sizeof *k) {
            /* carealign_journey_add_contact of a contact of this release's
             * size: its copy is the contact itself, converted above */
            st = js[i];
            if (st != CAREALIGN_OK)
                j->n_rejected++;
            else
                st = carealign__journey_push(j, &jc[i]);
        } else {
            st = carealign_journey_add_contact(j, k);
        }
        if (st != CAREALIGN_OK && st != CAREALIGN_EINVAL)
            return st;
    }
    return CAREALIGN_OK;
}

/* The indexes of the person's valid contacts in scope s into idx, taken in
 * the order `order` gives (the array's permuted: rare), the others
 * counted as rejected by j; returns how many. */
static inline size_t take_scope(ctx *c, scope s, carealign_journey *j, const carealign_status *js,
                                uint32_t *idx, const uint32_t *order)
{
    const size_t n = c->n_contacts;
    size_t m = 0;
    for (size_t q = 0; q < n; q++) {
        const size_t i = order[q];
        const carealign_contact *k = &c->contacts[i];
        if (!org_in_scope(c->sc, k->org, k->sector, s))
            continue;
        if (js[i] == CAREALIGN_OK)
            idx[m++] = (uint32_t)i;
        else
            j->n_rejected++;
    }
    return m;
}

/* The indexes of the person's contacts in scope s (org_in_scope) whose
 * conversion is OK into idx, their count returned and the others' added to
 * *rejected; all_ok (a constant where it is called): every conversion is.
 * Without a branch on each contact's scope (a person's contacts are in its
 * scopes in no pattern a predictor learns): each index written, kept when
 * in scope and converted. */
static inline size_t gather_in_scope(const ctx *c, scope s, const carealign_status *js, int all_ok,
                                     uint32_t *idx, size_t *rejected)
{
    const carealign_contact *k = c->contacts;
    const size_t n = c->n_contacts;
    const int32_t unit = s.unit;
    size_t m = 0, rej = 0;
    if (s.level == CAREALIGN_LEVEL_ORG) {
        for (size_t i = 0; i < n; i++) {
            const size_t in = k[i].org == unit, ok = all_ok || js[i] == CAREALIGN_OK;
            idx[m] = (uint32_t)i;
            m += in & ok;
            rej += in & !ok;
        }
    } else if (s.level == CAREALIGN_LEVEL_SECTOR) {
        for (size_t i = 0; i < n; i++) {
            int32_t sector = k[i].sector;
            if (sector < 0) /* (never for a fed contact) */
                sector = record_sector(c->sc, k[i].org, sector);
            const size_t in = sector == unit, ok = all_ok || js[i] == CAREALIGN_OK;
            idx[m] = (uint32_t)i;
            m += in & ok;
            rej += in & !ok;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            const size_t ok = all_ok || js[i] == CAREALIGN_OK;
            idx[m] = (uint32_t)i;
            m += ok;
            rej += !ok;
        }
    }
    *rejected += rej;
    return m;
}

/* Builder j given the person's valid contacts in scope s in one
 * carealign__journey_push_some (every contact of this release's size: as
 * push_each), or carealign__journey_push_ordered when the journey's
 * content order of the person's contacts is known (c->in_order; taken in
 * c->order when the array's is not that order). */
static carealign_status push_all(ctx *c, scope s, carealign_journey *j)
{
    size_t n = c->n_contacts;
    carealign__jc *jc = c->sc->work_jc;
    carealign_status *js = (carealign_status *)(void *)(jc + n);
    uint32_t *idx = (uint32_t *)(void *)(js + n); /* the contacts taken */
    size_t m;
    if (c->order != NULL) {
        m = take_scope(c, s, j, js, idx, c->order);
    } else {
        size_t rejected = 0;
        m = c->jc_all_ok ? gather_in_scope(c, s, js, 1, idx, &rejected)
                         : gather_in_scope(c, s, js, 0, idx, &rejected);
        j->n_rejected += (int32_t)rejected;
    }
    return c->in_order ? carealign__journey_push_ordered(j, jc, idx, m)
                       : carealign__journey_push_some(j, jc, idx, m);
}

/* A journey builder holding the person's contacts in scope `s`. The journey
 * sorts its contacts into a total order, so its figures depend only on the
 * contacts given: one builder per scope, loaded once per person, gives the
 * same figures as reloading the contacts before every computation. */
static carealign_status load_contacts(ctx *c, scope s, carealign_journey **out)
{
    carealign_scorecard *sc = c->sc;
    carealign_journey *j = sc->journey;
    int slot = scope_slot(c, s);
    if (slot >= 0) {
        if (sc->jpool == NULL) {
            sc->jpool = carealign__calloc(JPOOL_SIZE, sizeof *sc->jpool);
            sc->jpool_gen = carealign__calloc(JPOOL_SIZE, sizeof *sc->jpool_gen);
            if (sc->jpool == NULL || sc->jpool_gen == NULL) {
                carealign__free(sc->jpool);
                carealign__free(sc->jpool_gen);
                sc->jpool = NULL;
                sc->jpool_gen = NULL;
                return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
            }
            sc->n_jpool = JPOOL_SIZE;
        }
        if (sc->jpool[slot] == NULL) {
            carealign_status st = carealign_journey_new(&sc->jpool[slot]);
            if (st != CAREALIGN_OK)
                return st;
        }
        j = sc->jpool[slot];
        if (sc->jpool_gen[slot] == sc->jr_gen) {
            *out = j;
            return CAREALIGN_OK;
        }
        sc->jpool_gen[slot] = 0; /* until loaded */
    }
    carealign_status st;
    if (!c->jc_done && (st = convert_contacts(c)) != CAREALIGN_OK)
        return st;
    carealign_journey_reset(j);
    /* the person's record checked once (a failed check, on every call) */
    if (!c->jp_done && (st = carealign__journey_person(&c->p->rec, &c->jp)) != CAREALIGN_OK)
        return st;
    c->jp_done = 1;
    carealign__journey_put_person(j, &c->jp);
    st = c->jc_native ? push_all(c, s, j) : push_each(c, s, j);
    if (st != CAREALIGN_OK)
        return st;
    if (slot >= 0)
        sc->jpool_gen[slot] = sc->jr_gen;
    *out = j;
    return CAREALIGN_OK;
}

/* The journey options of an option set and period, resolved and checked
 * once for the whole run (carealign_journey_compute does it per call). */
static carealign_status resolved_options_make(carealign_scorecard *sc, int32_t jopt, int32_t period,
                                              const carealign__jopts **out)
{
    size_t per = (size_t)sc->n_periods + 1;
    if (sc->jconv == NULL) {
        size_t n = (size_t)sc->n_jopts * per;
        sc->jconv = carealign__calloc(n, sizeof *sc->jconv);
        sc->jconv_done = carealign__calloc(n, 1);
        if (sc->jconv == NULL || sc->jconv_done == NULL) {
            carealign__free(sc->jconv);
            carealign__free(sc->jconv_done);
            sc->jconv = NULL;
            sc->jconv_done = NULL;
            return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
        }
    }
    size_t i = (size_t)jopt * per + (size_t)(period + 1);
    if (!sc->jconv_done[i]) {
        carealign_journey_options o = sc->jopts[jopt];
        if (period >= 0) {
            o.has |= CAREALIGN_JOPT_HAS_PERIOD;
            o.period_start = sc->pstart[period];
            o.period_end = sc->pend[period];
        }
        carealign_status st = carealign__journey_options(&o, &sc->jconv[i]);
        if (st != CAREALIGN_OK)
            return st;
        sc->jconv_done[i] = 1;
    }
    *out = &sc->jconv[i];
    return CAREALIGN_OK;
}

static inline carealign_status resolved_options(carealign_scorecard *sc, int32_t jopt,
                                                int32_t period, const carealign__jopts **out)
{
    if (sc->jconv != NULL) {
        size_t i = (size_t)jopt * ((size_t)sc->n_periods + 1) + (size_t)(period + 1);
        if (sc->jconv_done[i]) {
            *out = &sc->jconv[i];
            return CAREALIGN_OK;
        }
    }
    return resolved_options_make(sc, jopt, period, out);
}

/* The per-person table of journey figures (generation-stamped, so clearing
 * it per person costs nothing): key (option set, level, unit, period). The
 * entry of the key, or a free entry claimed for it (*found = 0), or NULL when
 * the table is full around the key. */
static jr_cache *jr_slot(carealign_scorecard *sc, int32_t jopt, scope s, int32_t period, int *found)
{
    *found = 0;
    if (sc->jr_table == NULL)
        return NULL;
    uint32_t *gens = (uint32_t *)sc->jr_table;
    jr_cache *tab =
        (jr_cache *)(void *)((unsigned char *)sc->jr_table + sc->jr_cap * sizeof(uint32_t));
    uint64_t h = ((uint64_t)(uint32_t)jopt * 1000003u) ^ ((uint64_t)(uint32_t)s.level << 20) ^
                 ((uint64_t)(uint32_t)s.unit * 7919u) ^ ((uint64_t)(uint32_t)(period + 1) << 40);
    h *= UINT64_C(0x9E3779B97F4A7C15);
    size_t mask = sc->jr_cap - 1;
    for (size_t k = 0, i = (size_t)(h >> 40) & mask; k < 32; k++, i = (i + 1) & mask) {
        if (gens[i] != sc->jr_gen) {
            gens[i] = sc->jr_gen;
            tab[i].jopt = -1; /* until computed */
            return &tab[i];
        }
        if (tab[i].jopt == jopt && tab[i].level == s.level && tab[i].unit == s.unit &&
            tab[i].period == period) {
            *found = 1;
            return &tab[i];
        }
    }
    return NULL;
}

/* The parts of a period's journey figures (CAREALIGN__FIG_ bits) that
 * jr_value reads for figure `which`. */
static unsigned figure_parts(int32_t which)
{
    if (which == CAREALIGN_JF_CONTACTS || carealign__sc_is_discharge_figure(which))
        return 0; /* atom_value does not read them from the result */
    switch (which) {
    case CAREALIGN_JF_SECTORS: return CAREALIGN__FIG_SECTORS;
    case CAREALIGN_JF_ORGANISATIONS:
    case CAREALIGN_JF_HANDOFFS: return CAREALIGN__FIG_RUN;
    case CAREALIGN_JF_COC:
    case CAREALIGN_JF_UPC:
    case CAREALIGN_JF_SECON:
    case CAREALIGN_JF_MMCI:
    case CAREALIGN_JF_FRAGMENTATION: return CAREALIGN__FIG_RUN | CAREALIGN__FIG_CONTINUITY;
    case CAREALIGN_JF_BED_DAYS: return CAREALIGN__FIG_BED;
    case CAREALIGN_JF_DAYS_IN_COMMUNITY: return CAREALIGN__FIG_ALIVE;
    case CAREALIGN_JF_DAYS_OBSERVED: return CAREALIGN__FIG_DAYS;
    case CAREALIGN_JF_ASSESSMENTS:
    case CAREALIGN_JF_DUPLICATE_ASSESSMENTS:
    case CAREALIGN_JF_CARE_HOME_ADMISSIONS:
    case CAREALIGN_JF_ACTIVITY:
    case CAREALIGN_JF_COST_PENCE:
    case CAREALIGN_JF_STAFF_MINUTES: return 0; /* the period's sums, always written */
    default: return CAREALIGN__FIG_ALL;
    }
}

/* By option set, the parts of the journey figures that the journey atoms of
 * its measures read (every figure get_jr gives is read by jr_value for a
 * journey atom of a measure of the option set), and in bit j of dup[j / 8]
 * whether one reads the duplicate assessments (jr_within); every part and
 * bit without the shortcuts (tests/scorecard/test_empty.c compares the
 * two). */
static void jr_parts(const carealign_scorecard *sc, unsigned char *parts, unsigned char *dup)
{
    for (int32_t j = 0; j < MAX_JR; j++)
        parts[j] = carealign__sc_shortcuts ? 0 : CAREALIGN__FIG_ALL;
    memset(dup, carealign__sc_shortcuts ? 0 : 0xff, MAX_JR / 8);
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        if (m->jopt < 0 || m->jopt >= MAX_JR)
            continue;
        for (int w = 0; w < 7; w++)
            for (int32_t k = 0; k < m->crit[w].n; k++) {
                const carealign__sc_atom *a = &m->crit[w].atoms[k];
                if (a->kind != CAREALIGN_ATOM_JOURNEY)
                    continue;
                parts[m->jopt] |= (unsigned char)figure_parts(a->which);
                if (a->which == CAREALIGN_JF_DUPLICATE_ASSESSMENTS)
                    dup[m->jopt >> 3] |= (unsigned char)(1u << (m->jopt & 7));
            }
    }
}

/* The period's sums (CAREALIGN__SUMS_ bits) that jr_value reads for
 * figure `which`: CAREALIGN__SUMS_ all of them for a figure not known
 * here. */
static unsigned figure_sums(int32_t which)
{
    if (which == CAREALIGN_JF_CONTACTS || carealign__sc_is_discharge_figure(which))
        return 0; /* atom_value does not read them from the result */
    switch (which) {
    case CAREALIGN_JF_ASSESSMENTS:
    case CAREALIGN_JF_DUPLICATE_ASSESSMENTS: return CAREALIGN__SUMS_ASSESS;
    case CAREALIGN_JF_CARE_HOME_ADMISSIONS: return CAREALIGN__SUMS_LTCH;
    case CAREALIGN_JF_ACTIVITY:
    case CAREALIGN_JF_COST_PENCE: return CAREALIGN__SUMS_PRICED;
    case CAREALIGN_JF_STAFF_MINUTES: return CAREALIGN__SUMS_STAFF;
    case CAREALIGN_JF_SECTORS:
    case CAREALIGN_JF_ORGANISATIONS:
    case CAREALIGN_JF_HANDOFFS:
    case CAREALIGN_JF_COC:
    case CAREALIGN_JF_UPC:
    case CAREALIGN_JF_SECON:
    case CAREALIGN_JF_MMCI:
    case CAREALIGN_JF_FRAGMENTATION:
    case CAREALIGN_JF_BED_DAYS:
    case CAREALIGN_JF_DAYS_IN_COMMUNITY:
    case CAREALIGN_JF_DAYS_OBSERVED: return 0;
    default:
        return CAREALIGN__SUMS_PRICED | CAREALIGN__SUMS_STAFF | CAREALIGN__SUMS_LTCH |
               CAREALIGN__SUMS_ASSESS;
    }
}

/* The period's sums that no journey atom of any measure reads
 * (carealign__journey_set_sums: their passes may leave them out); none
 * without the shortcuts (tests/scorecard/test_empty.c compares the two). */
static unsigned jr_sums_skip(const carealign_scorecard *sc)
{
    const unsigned all = CAREALIGN__SUMS_PRICED | CAREALIGN__SUMS_STAFF | CAREALIGN__SUMS_LTCH |
                         CAREALIGN__SUMS_ASSESS;
    if (!carealign__sc_shortcuts)
        return 0;
    unsigned read = 0;
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        for (int w = 0; w < 7; w++)
            for (int32_t k = 0; k < m->crit[w].n; k++)
                if (m->crit[w].atoms[k].kind == CAREALIGN_ATOM_JOURNEY)
                    read |= figure_sums(m->crit[w].atoms[k].which);
    }
    return all & ~read;
}

/* The sum of a scope's contacts (CAREALIGN__SUM_ bits: jr_within's bins;
 * figure_sums gives the builder passes' CAREALIGN__SUMS_ bits) that
 * journey figure `which` is (jr_value), 0 for the others. */
static unsigned figure_bin_sums(int32_t which)
{
    switch (which) {
    case CAREALIGN_JF_ASSESSMENTS: return CAREALIGN__SUM_ASSESS;
    case CAREALIGN_JF_CARE_HOME_ADMISSIONS: return CAREALIGN__SUM_LTCH;
    case CAREALIGN_JF_ACTIVITY: return CAREALIGN__SUM_ACTIVITY;
    case CAREALIGN_JF_COST_PENCE: return CAREALIGN__SUM_COST;
    case CAREALIGN_JF_STAFF_MINUTES: return CAREALIGN__SUM_STAFF;
    default: return 0;
    }
}

/* By option set, the sums of a scope's contacts that the journey atoms of
 * its measures read (jr_within's bins bin those only; jr_value reads no
 * other); every sum without the shortcuts. */
static void jr_sums(const carealign_scorecard *sc, unsigned char *sums)
{
    memset(sums, carealign__sc_shortcuts ? 0 : CAREALIGN__SUM_ALL, MAX_JR);
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        if (m->jopt < 0 || m->jopt >= MAX_JR)
            continue;
        for (int w = 0; w < 7; w++)
            for (int32_t k = 0; k < m->crit[w].n; k++)
                if (m->crit[w].atoms[k].kind == CAREALIGN_ATOM_JOURNEY)
                    sums[m->jopt] |= (unsigned char)figure_bin_sums(m->crit[w].atoms[k].which);
    }
}

/* The class of a journey figure's key by scope and period (jr_class_parts):
 * bit 1 for a scope other than the system, bit 0 for a month. */
static inline int jr_class(scope s, int32_t period)
{
    return (s.level != CAREALIGN_LEVEL_SYSTEM ? 2 : 0) + (period >= 0 ? 1 : 0);
}

/* By option set j and class k (jr_class), in parts[4 * j + k]: the parts of
 * jr_parts that the measures asking for figures of that class read. A
 * measure asks for the system's figures of the whole period, for its
 * months only when it has periods, and for other scopes only when its
 * denominator is not a population (populations exist for the system
 * only): e.g. the organisations per person read no bed day of an
 * organisation's month. With CAREALIGN__FIG_NO_SUMS when they read none
 * of the period's sums (figure_sums; e.g. the continuity indices). Every
 * part without the shortcuts. */
static void jr_class_parts(const carealign_scorecard *sc, unsigned char *parts)
{
    unsigned char sums[4 * MAX_JR] = {0}; /* CAREALIGN__SUMS_ bits read */
    for (int32_t j = 0; j < MAX_JR; j++)
        for (int k = 0; k < 4; k++)
            parts[4 * j + k] = carealign__sc_shortcuts ? 0 : CAREALIGN__FIG_ALL;
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        if (m->jopt < 0 || m->jopt >= MAX_JR)
            continue;
        unsigned p = 0, su = 0;
        for (int w = 0; w < 7; w++)
            for (int32_t k = 0; k < m->crit[w].n; k++)
                if (m->crit[w].atoms[k].kind == CAREALIGN_ATOM_JOURNEY) {
                    p |= figure_parts(m->crit[w].atoms[k].which);
                    su |= figure_sums(m->crit[w].atoms[k].which);
                }
        for (int k = 0; k < 4; k++)
            if ((!(k & 1) || m->periods) && (!(k & 2) || !m->pop_denominator)) {
                parts[4 * m->jopt + k] |= (unsigned char)p;
                sums[4 * m->jopt + k] |= (unsigned char)su;
            }
    }
    /* CAREALIGN__FIG_NO_SUMS for a class whose measures read none of the
     * sums but read more than the days observed (so that jr_sums_only and
     * jr_within, which take the days observed alone, see no change) */
    for (size_t i = 0; carealign__sc_shortcuts && i < 4 * (size_t)MAX_JR; i++)
        if (sums[i] == 0 && (parts[i] & ~CAREALIGN__FIG_DAYS) != 0 &&
            parts[i] != CAREALIGN__FIG_ALL)
            parts[i] |= CAREALIGN__FIG_NO_SUMS;
}

/* 1 when no class of a sector's or an organisation's key (jr_class) reads
 * the bed days or the days alive under any option set (parts:
 * jr_class_parts'): their builders then need no stays, discharges or spans
 * (carealign__journey_prepare_contacts), whose figures only the system's
 * keys and the discharges (the system's builder: load_discharges) read. */
static int jr_contacts_only(const unsigned char *parts)
{
    for (int32_t j = 0; j < MAX_JR; j++)
        if ((parts[4 * j + 2] | parts[4 * j + 3]) & (CAREALIGN__FIG_BED | CAREALIGN__FIG_ALIVE))
            return 0;
    return 1;
}

/* 1 when no class of key (jr_class) reads the bed days or the days alive
 * under any option set (parts: jr_class_parts') and no measure counts
 * discharges (load_discharges, the system's builder prepared in full):
 * then no builder needs stays, discharges or spans, the system's neither
 * (carealign__journey_prepare_contacts). */
static int jr_system_contacts_only(const carealign_scorecard *sc, const unsigned char *parts)
{
    for (int32_t j = 0; j < MAX_JR; j++)
        for (int k = 0; k < 4; k++)
            if (parts[4 * j + k] & (CAREALIGN__FIG_BED | CAREALIGN__FIG_ALIVE))
                return 0;
    for (int32_t mi = 0; mi < sc->n_measures; mi++)
        if (sc->measures[mi].needs_discharges)
            return 0;
    return 1;
}

/* 1 when no class of a sector's or an organisation's key (jr_class) reads
 * more than the period's sums and the days observed under any option set
 * (parts: jr_class_parts'): then jr_within gives every figure of theirs
 * from the system's builder. Otherwise some measure loads their builders
 * anyway, which then give the sums for less. */
static int jr_sums_only(const unsigned char *parts)
{
    for (int32_t j = 0; j < MAX_JR; j++)
        if ((parts[4 * j + 2] | parts[4 * j + 3]) & ~CAREALIGN__FIG_DAYS)
            return 0;
    return 1;
}

/* Whether a journey atom of a measure of option set j reads get_jr's
 * results (a figure other than the contacts and the discharge figures). */
static int jopt_reads_results(const carealign_scorecard *sc, int32_t j)
{
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        if (m->jopt != j)
            continue;
        for (int w = 0; w < 7; w++)
            for (int32_t k = 0; k < m->crit[w].n; k++) {
                const carealign__sc_atom *a = &m->crit[w].atoms[k];
                if (a->kind == CAREALIGN_ATOM_JOURNEY && a->which != CAREALIGN_JF_CONTACTS &&
                    !carealign__sc_is_discharge_figure(a->which))
                    return 1;
            }
    }
    return 0;
}

/* The direct table's plan: dense[j] for the first JD_JOPTS option sets
 * whose results are read (-1 for the others), *nper the entries per scope
 * and option set; returns the entries (0: none, every figure in the hash
 * table). */
static size_t jd_plan(const carealign_scorecard *sc, signed char *dense, size_t *nper)
{
    int n_dense = 0;
    for (int32_t j = 0; j < MAX_JR; j++)
        dense[j] = -1;
    for (int32_t j = 0; j < sc->n_jopts && j < MAX_JR && n_dense < JD_JOPTS; j++)
        if (jopt_reads_results(sc, j))
            dense[j] = (signed char)n_dense++;
    *nper = (size_t)sc->n_periods + 1;
    size_t n = (size_t)n_dense * JD_SCOPES * *nper;
    return sc->n_periods >= 0 && n <= JD_MAX ? n : 0;
}

/* The journey figures of a scope and period, computed once per person. The
 * builder of the scope is prepared once per option set (sorting, stays,
 * discharges, spans: carealign__journey_prepare, under the option set's
 * whole-period options; once for option sets whose preparation reads the
 * same options) and each period asked computed from that, reading
 * only the period's contacts: the same bytes as carealign__journey_compute
 * but for the discharge and reablement counts, which are not computed
 * (carealign__journey_figures_period): jr_value reads none of them (the
 * discharge figures come from load_discharges). */
/* The table of journey figures: the hash table's cap generations and
 * entries, then the direct table's c->jd_n generations (rounded up to an
 * even count) and entries; 0 when it could not be allocated (the scratch
 * entry, every figure computed when asked). */
static int jr_table_ready(ctx *c)
{
    carealign_scorecard *sc = c->sc;
    if (sc->jr_table == NULL && sc->jr_cap == 0) {
        size_t cap = 4096, nd = (c->jd_n + 1) & ~(size_t)1;
        size_t tables = cap * (sizeof(jr_cache) + sizeof(uint32_t)) +
                        nd * (sizeof(jr_cache) + sizeof(uint32_t));
        sc->jr_table = carealign__calloc(1, tables + 4 * MAX_JR);
        sc->jr_cap = sc->jr_table == NULL ? 1 : cap; /* 1: no table, never retried */
        if (sc->jr_table != NULL) {
            unsigned char *parts = (unsigned char *)sc->jr_table + tables;
            jr_class_parts(sc, parts);
            sc->jr_cparts = parts;
            sc->jr_contacts_only = jr_contacts_only(parts);
            sc->jr_sys_contacts_only = jr_system_contacts_only(sc, parts);
            sc->jr_within_on = jr_sums_only(parts) && carealign__sc_shortcuts;
        }
    }
    return sc->jr_table != NULL;
}

/* The direct table's generations and entries (jr_table_ready first). */
static uint32_t *jd_gens(const carealign_scorecard *sc)
{
    return (uint32_t *)(void *)((unsigned char *)sc->jr_table +
                                sc->jr_cap * (sizeof(jr_cache) + sizeof(uint32_t)));
}

static jr_cache *jd_tab(const carealign_scorecard *sc, size_t n)
{
    return (jr_cache *)(void *)((unsigned char *)jd_gens(sc) +
                                ((n + 1) & ~(size_t)1) * sizeof(uint32_t));
}

/* The entry of (option set, scope s of index sj, period): the direct
 * table's when it has one for them, else jr_slot's; *found as jr_slot's.
 * NULL when there is none. */
static jr_cache *jr_entry(ctx *c, int32_t jopt, int sj, scope s, int32_t period, int *found)
{
    carealign_scorecard *sc = c->sc;
    *found = 0;
    if (!jr_table_ready(c))
        return NULL;
    int d = c->jd_dense[jopt];
    if (c->jd_t == NULL || d < 0 || sj < 0 || sj >= JD_SCOPES)
        return jr_slot(sc, jopt, s, period, found);
    size_t i = ((size_t)d * JD_SCOPES + (size_t)sj) * c->jd_nper + (size_t)(period + 1);
    uint32_t *gens = c->jd_g;
    jr_cache *e = c->jd_t + i;
    if (gens[i] == sc->jr_gen) {
        *found = e->jopt == jopt;
        return *found ? e : NULL; /* a failed computation: the scratch entry */
    }
    gens[i] = sc->jr_gen;
    e->jopt = -1; /* until computed */
    return e;
}

/* The builder of scope s (index sj, -1 unknown), loaded once per person. */
static inline carealign_status scope_journey(ctx *c, int sj, scope s, carealign_journey **out)
{
    if (sj >= 0 && sj < JD_SCOPES && c->jb[sj] != NULL) {
        *out = c->jb[sj];
        return CAREALIGN_OK;
    }
    carealign_status st = load_contacts(c, s, out);
    if (st != CAREALIGN_OK)
        return st;
    carealign__journey_set_sums(*out, c->jr_skip);
    if (sj >= 0 && sj < JD_SCOPES && *out != c->sc->journey)
        c->jb[sj] = *out;
    return st;
}

/* Builder j (of scope index sj, -1 unknown) prepared under option set
 * jopt's whole-period options `whole`: a builder prepared under another
 * option set whose preparation reads the same options is prepared as under
 * this one (found once per person, builder and those options). */
static carealign_status scope_prepared_slow(ctx *c, int sj, carealign_journey *j, int32_t jopt,
                                            const carealign__jopts *whole)
{
    int d = sj >= 0 && sj < JD_SCOPES ? c->jd_dense[jopt] : -1;
    if (j->prep != NULL && carealign__journey_prep_same(j->prep, whole)) {
        if (d >= 0) {
            if (c->jb_prep[sj] != j->prep) {
                c->jb_prep[sj] = j->prep;
                c->jb_ok[sj] = 0;
            }
            c->jb_ok[sj] |= UINT32_C(1) << d;
        }
        return CAREALIGN_OK;
    }
    if (sj >= 0 && sj < JD_SCOPES)
        c->jf_jopt1[sj] = 0;                   /* the builder prepared again */
    if ((sj > 0 && c->sc->jr_contacts_only) || /* a sector or an organisation (0: the system) */
        (sj == 0 && c->sc->jr_sys_contacts_only))
        return carealign__journey_prepare_contacts(j, whole);
    return carealign__journey_prepare(j, whole);
}

static inline carealign_status scope_prepared(ctx *c, int sj, carealign_journey *j, int32_t jopt,
                                              const carealign__jopts *whole)
{
    if (j->prep == whole)
        return CAREALIGN_OK;
    int d = sj >= 0 && sj < JD_SCOPES ? c->jd_dense[jopt] : -1;
    if (d >= 0 && j->prep != NULL && c->jb_prep[sj] == j->prep && ((c->jb_ok[sj] >> d) & 1))
        return CAREALIGN_OK;
    return scope_prepared_slow(c, sj, j, jopt, whole);
}

/* Entry e, its figures computed, keyed (option set, scope, period) and
 * kept as get_jr's last answer. */
static inline const carealign_journey_result *jr_keep(ctx *c, jr_cache *e, int32_t jopt, scope s,
                                                      int32_t period)
{
    e->jopt = jopt;
    e->level = s.level;
    e->unit = s.unit;
    e->period = period;
    c->jr_last = e;
    return &e->r;
}

/* The builder of scope s (scope index sj) loaded and prepared under option
 * set jopt's whole-period options (*j, *whole), and the options of period
 * `period` resolved (*conv): jr_compute_slow's and jr_within's first steps.
 * On failure e's key never matches and c->error holds the status. */
static carealign_status scope_ready(ctx *c, int sj, scope s, int32_t jopt, int32_t period,
                                    jr_cache *e, carealign_journey **j,
                                    const carealign__jopts **conv, const carealign__jopts **whole)
{
    carealign_status st = scope_journey(c, sj, s, j);
    if (st == CAREALIGN_OK)
        st = resolved_options(c->sc, jopt, period, conv);
    if (st == CAREALIGN_OK)
        st = resolved_options(c->sc, jopt, -1, whole);
    if (st == CAREALIGN_OK)
        st = scope_prepared(c, sj, *j, jopt, *whole);
    if (st != CAREALIGN_OK) {
        e->jopt = -1; /* never matches */
        c->error = st;
    }
    return st;
}

/* resolved_options out of line, for jr_within's bins (its other callers'
 * inlining left as it was). */
CAREALIGN__NOINLINE static carealign_status jr_options(carealign_scorecard *sc, int32_t jopt,
                                                       int32_t period, const carealign__jopts **out)
{
    return resolved_options(sc, jopt, period, out);
}

int carealign__sc_count_within = 0;
size_t carealign__sc_within_done = 0, carealign__sc_within_declined = 0,
       carealign__sc_within_binned = 0, carealign__sc_within_sector_dups = 0;

/* Whether bit j of jr_dup is set: a measure of option set j reads the
 * duplicate assessments. */
static inline int jr_reads_dup(const ctx *c, int32_t j)
{
    return (c->jr_dup[j >> 3] >> (j & 7)) & 1;
}

/* jr_within's bins for option set jopt (c->wb_ok; c->wb_jopt1 set): the
 * sums its measures read (jr_sums) of every sector and organisation of the
 * contacts of the system's builder j0 (prepared under the option set's
 * whole-period options `whole`), by period of the work's list, made in one
 * pass (carealign__journey_within_bins) and read then by every key of
 * (sector or organisation, period) of the option set (jr_binned). The bins
 * made for another option set serve it when their sums are the same
 * (carealign__journey_within_same) and hold those it reads (the
 * sectors' duplicate assessments under the same window); else they are
 * made again with the sums of every option set they would serve (the
 * three-measure framework's two option sets: one pass a person). wb_ok 0
 * when they do not apply (jr_within's scan, or the scope's builder). */
CAREALIGN__NOINLINE static void jr_bins(ctx *c, int32_t jopt, carealign_journey *j0,
                                        const carealign__jopts *whole)
{
    carealign_scorecard *sc = c->sc;
    c->wb_jopt1 = (int16_t)(jopt + 1);
    c->wb_ok = 0;
    unsigned sums = c->jr_sums[jopt];
    int orgs = jr_reads_dup(c, jopt);
    if (c->wb_whole != NULL && carealign__journey_within_same(c->wb_whole, whole) &&
        (sums & ~c->wb_sums) == 0 &&
        (!orgs || (c->wb_orgs && c->wb_whole->duplicate_days == whole->duplicate_days))) {
        c->wb_ok = 1;
        return;
    }
    const carealign__jopts *other = NULL;
    for (int32_t k = 0; k < sc->n_jopts && k < MAX_JR; k++)
        if (k != jopt && jr_options(sc, k, -1, &other) == CAREALIGN_OK &&
            carealign__journey_within_same(whole, other) &&
            (!jr_reads_dup(c, k) || other->duplicate_days == whole->duplicate_days)) {
            sums |= c->jr_sums[k];
            orgs |= jr_reads_dup(c, k);
        }
    c->wb_whole = NULL;
    if (carealign__journey_within_bins(j0, whole, c->jper, sums, orgs, &c->wb, &sc->work_wb,
                                       &sc->cap_work_wb)) {
        c->wb_ok = 1;
        c->wb_whole = whole;
        c->wb_sums = sums;
        c->wb_orgs = orgs;
    }
}

/* jr_within's figures of scope s from the bins (c->wb_ok for the option
 * set; a sector's duplicate assessments binned when they are read) under
 * the period's options conv: 1 when e was written (keyed, kept), -1 when
 * the period is not one of the bins' (the scan); jr_binned: -2 on failure
 * (c->error set, e's key never matching). */
static inline int jr_binned_in(ctx *c, int32_t jopt, scope s, int32_t period, jr_cache *e,
                               const carealign__jopts *conv, unsigned parts, int dup)
{
    const int w = carealign__journey_within_read(&c->wb, conv, period, &e->r, parts,
                                                 s.level == CAREALIGN_LEVEL_ORG, s.unit, dup);
    if (w >= 0 && carealign__sc_count_within) {
        ++*(w ? &carealign__sc_within_done : &carealign__sc_within_declined);
        carealign__sc_within_binned += (size_t)w;
        carealign__sc_within_sector_dups +=
            w > 0 && dup && s.level == CAREALIGN_LEVEL_SECTOR && e->r.n_duplicate_assessments > 0;
    }
    if (w > 0)
        jr_keep(c, e, jopt, s, period);
    return w;
}

/* jr_binned_in with the period's options resolved (once: jr_options). */
static inline int jr_binned(ctx *c, int32_t jopt, scope s, int32_t period, jr_cache *e,
                            unsigned parts, int dup)
{
    carealign_scorecard *sc = c->sc;
    const size_t i = (size_t)jopt * ((size_t)sc->n_periods + 1) + (size_t)(period + 1);
    const carealign__jopts *conv = &sc->jconv[i];
    const carealign_status st =
        sc->jconv_done[i] ? CAREALIGN_OK : jr_options(sc, jopt, period, &conv);
    if (st != CAREALIGN_OK) {
        e->jopt = -1; /* never matches */
        c->error = st;
        return -2;
    }
    return jr_binned_in(c, jopt, s, period, e, conv, parts, dup);
}

/* Sector or organisation scope s's figures of the option set and period
 * into entry e (keyed, kept as get_jr's last answer), when the measures of
 * the option set read only figures that are sums of the scope's contacts
 * there (and the days observed, the period's): its class's parts
 * (jr_class_parts) hold CAREALIGN__FIG_DAYS at most. They are read from
 * the system's builder, which holds every contact the scope's would (the
 * same valid contacts, in scope as org_in_scope decides: a valid contact's
 * sector is its own), so that the scope's builder need not be loaded,
 * sorted and prepared (carealign__journey_figures_within; the duplicate
 * assessments, when a measure of the option set reads them, binned by
 * sector, or with the scan only when the scope's contacts are at one
 * organisation). With sc->jr_within_on only
 * (jr_sums_only), and for a scope whose builder is not loaded. 1 when e
 * was written, 0 when not (the scope's builder gives them), -1 on failure
 * (c->error set, e's key never matching). Read from the bins of every
 * sector, organisation and period of the person (jr_bins, made at the
 * option set's first key, and jr_binned) when they apply; else the scan of
 * the period's contacts, the first period of (scope, option set) through
 * every step, the next ones through the memo (jw_jopt1: the builder loaded
 * and prepared, the period's options resolved, the scope's contacts at one
 * organisation when the duplicates are read). */
CAREALIGN__NOINLINE static int jr_within(ctx *c, int32_t jopt, scope s, int32_t period, jr_cache *e)
{
    const int sj = c->cur_j;
    if (sj <= 0 || s.level == CAREALIGN_LEVEL_SYSTEM || (sj < JD_SCOPES && c->jb[sj] != NULL))
        return 0;
    carealign_scorecard *sc = c->sc;
    const unsigned parts = sc->jr_cparts[4 * jopt + jr_class(s, period)];
    const int dup = jr_reads_dup(c, jopt);
    const int by_org = s.level == CAREALIGN_LEVEL_ORG;
    if (c->wb_jopt1 == jopt + 1 && c->wb_ok) { /* the bins */
        const int w = jr_binned(c, jopt, s, period, e, parts, dup);
        if (w != -1) /* else not a period of theirs: the scan */
            return w == -2 ? -1 : w;
    }
    if (sj < JD_SCOPES && c->jw_jopt1[sj] == jopt + 1 && c->jw_done[sj][period + 1]) {
        const carealign__jopts *whole = c->jw_whole[sj];
        if (!carealign__journey_figures_within(c->jb[0], whole, whole + 1 + period, &e->r, parts,
                                               by_org, s.unit, 2 * dup))
            return 0;
        jr_keep(c, e, jopt, s, period);
        return 1;
    }
    if ((parts & ~CAREALIGN__FIG_DAYS) != 0)
        return 0;
    const scope all = {CAREALIGN_LEVEL_SYSTEM, -1};
    carealign_journey *j0 = NULL;
    const carealign__jopts *conv = NULL, *whole = NULL;
    /* the system: scope index 0 */
    if (scope_ready(c, 0, all, jopt, period, e, &j0, &conv, &whole) != CAREALIGN_OK)
        return -1;
    if (!c->jc_native) /* another release's contacts: their builder */
        return 0;
    if (c->wb_jopt1 != jopt + 1) { /* the bins, made or found for the option set */
        jr_bins(c, jopt, j0, whole);
        const int w = c->wb_ok ? jr_binned(c, jopt, s, period, e, parts, dup) : -1;
        if (w != -1)
            return w == -2 ? -1 : w;
    }
    const int done =
        carealign__journey_figures_within(j0, whole, conv, &e->r, parts, by_org, s.unit, dup);
    if (carealign__sc_count_within)
        ++*(done ? &carealign__sc_within_done : &carealign__sc_within_declined);
    if (!done)
        return 0;
    if (sj < JD_SCOPES) {
        c->jw_jopt1[sj] = (int16_t)(jopt + 1);
        c->jw_whole[sj] = whole;
        c->jw_done[sj] = sc->jconv_done + (whole - sc->jconv);
    }
    jr_keep(c, e, jopt, s, period);
    return 1;
}

/* The journey figures of a scope and period, computed once per person. The
 * builder of the scope is prepared once per option set (sorting, stays,
 * discharges, spans: carealign__journey_prepare, under the option set's
 * whole-period options; once for option sets whose preparation reads the
 * same options) and each period asked computed from that, reading
 * only the period's contacts: the same bytes as carealign__journey_compute
 * but for the discharge and reablement counts, which are not computed
 * (carealign__journey_figures_some), and only the parts of the figures the
 * option set's measures read (jr_parts, or by the class of the key:
 * jr_class_parts): jr_value reads none of the others
 * (the discharge figures come from load_discharges). The figures are kept
 * in the direct table (by dense option set, scope index and period) or
 * the hash table (jr_slot): jr_compute computes them into the entry e
 * claimed for them (NULL returned, e's key never matching, on failure):
 * jr_compute_slow through every step, noting (jf_*) the builder and options
 * that jr_compute then uses directly for the other periods of the scope and
 * option set while the builder is not prepared again. jr_compute_built:
 * the scope's builder's figures (jr_within declining them). */
CAREALIGN__NOINLINE static const carealign_journey_result *
jr_compute_built(ctx *c, int32_t jopt, scope s, int32_t period, jr_cache *e)
{
    const int sj = c->cur_j;
    carealign_journey *j = NULL;
    const carealign__jopts *conv = NULL, *whole = NULL;
    if (scope_ready(c, sj, s, jopt, period, e, &j, &conv, &whole) != CAREALIGN_OK)
        return NULL;
    const carealign_scorecard *sc = c->sc;
    carealign__journey_set_periods(j, c->jper);
    carealign__journey_figures_in(
        j, whole, conv, &e->r,
        sc->jr_cparts != NULL ? sc->jr_cparts[4 * jopt + jr_class(s, period)] : c->jr_parts[jopt],
        period);
    if (sj >= 0 && sj < JD_SCOPES && c->jb[sj] == j && sc->jr_cparts != NULL &&
        carealign__sc_shortcuts) {
        /* jr_compute's shortcut for the next periods of (scope, option set;
         * never without the shortcuts: tests/scorecard/test_empty.c compares) */
        c->jf_jopt1[sj] = jopt + 1;
        c->jf_whole[sj] = whole;
        c->jf_done[sj] = sc->jconv_done + (whole - sc->jconv);
        c->jf_parts[sj] = sc->jr_cparts + 4 * jopt;
    }
    return jr_keep(c, e, jopt, s, period);
}

/* jr_compute_slow with sc->jr_within_on: jr_within, then (declined) the
 * scope's builder. */
CAREALIGN__NOINLINE static const carealign_journey_result *
jr_compute_within(ctx *c, int32_t jopt, scope s, int32_t period, jr_cache *e)
{
    const int w = jr_within(c, jopt, s, period, e);
    if (w != 0)
        return w > 0 ? &e->r : NULL;
    return jr_compute_built(c, jopt, s, period, e);
}

/* jr_compute_slow with sc->jr_within_on: a sector's or an organisation's
 * key read from jr_within's bins when they serve its option set
 * (c->wb_jopt1, c->wb_ok), its builder is not loaded and the period's
 * options are resolved, without a call but tail calls (no frame of
 * jr_within's or the builder path's on the way); else jr_compute_within. */
CAREALIGN__NOINLINE static const carealign_journey_result *
jr_compute_bins(ctx *c, int32_t jopt, scope s, int32_t period, jr_cache *e)
{
    const int sj = c->cur_j;
    const carealign_scorecard *sc = c->sc;
    if (c->wb_jopt1 == jopt + 1 && c->wb_ok && sj > 0 && sj < JD_SCOPES &&
        s.level != CAREALIGN_LEVEL_SYSTEM && c->jb[sj] == NULL) {
        const size_t i = (size_t)jopt * ((size_t)sc->n_periods + 1) + (size_t)(period + 1);
        if (sc->jconv_done[i] &&
            jr_binned_in(c, jopt, s, period, e, &sc->jconv[i],
                         sc->jr_cparts[4 * jopt + jr_class(s, period)], jr_reads_dup(c, jopt)) > 0)
            return &e->r;
    }
    return jr_compute_within(c, jopt, s, period, e);
}

/* jr_compute's steps but its shortcut: jr_compute_bins with
 * sc->jr_within_on, else the scope's builder (jr_compute_built); tail
 * calls only, so that neither pays the other's frame. */
CAREALIGN__NOINLINE static const carealign_journey_result *
jr_compute_slow(ctx *c, int32_t jopt, scope s, int32_t period, jr_cache *e)
{
    if (c->sc->jr_within_on) /* a sector's or an organisation's sums (jr_within) */
        return jr_compute_bins(c, jopt, s, period, e);
    return jr_compute_built(c, jopt, s, period, e);
}

static const carealign_journey_result *jr_compute(ctx *c, int32_t jopt, scope s, int32_t period,
                                                  jr_cache *e)
{
    const int sj = c->cur_j;
    c->jr_last = NULL;
    if (sj >= 0 && sj < JD_SCOPES && c->jf_jopt1[sj] == jopt + 1 && c->jf_done[sj][period + 1]) {
        /* the builder loaded and prepared for the option set, the period's
         * options resolved: jr_compute_slow's steps that remain */
        const carealign__jopts *whole = c->jf_whole[sj];
        carealign_journey *j = c->jb[sj];
        const unsigned parts = c->jf_parts[sj][jr_class(s, period)];
        /* the key first: only the answer lives across the call, so that
         * this path saves one register, not six */
        const carealign_journey_result *r = jr_keep(c, e, jopt, s, period);
        carealign__journey_figures_in(j, whole, whole + 1 + period, &e->r, parts, period);
        return r;
    }
    return jr_compute_slow(c, jopt, s, period, e);
}

/* The figures of (option set, scope, period) in the table (jr_entry), or
 * computed there (jr_compute). Out of line: inlined into get_jr, it put
 * its registers on the evaluate_* functions' hot paths. */
CAREALIGN__NOINLINE static const carealign_journey_result *get_jr_table(ctx *c, int32_t jopt,
                                                                        scope s, int32_t period)
{
    int found = 0;
    jr_cache *e = jr_entry(c, jopt, c->cur_j, s, period, &found);
    if (found) {
        c->jr_last = e;
        return &e->r;
    }
    return jr_compute(c, jopt, s, period, e != NULL ? e : &c->scratch);
}

/* get_jr_table, without a call for an entry of the direct table or for
 * its last answer (the criteria of one evaluation, and measures of one
 * option set in a row, share it). */
static inline const carealign_journey_result *get_jr(ctx *c, int32_t jopt, scope s, int32_t period)
{
    /* jr_entry's direct table, found */
    const int d = c->jd_dense[jopt], sj = c->cur_j;
    if (c->jd_t != NULL && d >= 0 && sj >= 0 && sj < JD_SCOPES) {
        size_t i = ((size_t)d * JD_SCOPES + (size_t)sj) * c->jd_nper + (size_t)(period + 1);
        jr_cache *e = &c->jd_t[i];
        if (c->jd_g[i] != c->sc->jr_gen) { /* jr_entry's claim */
            c->jd_g[i] = c->sc->jr_gen;
            return jr_compute(c, jopt, s, period, e);
        }
        if (e->jopt == jopt)
            return &e->r;
    }
    const jr_cache *last = c->jr_last;
    if (last != NULL && last->jopt == jopt && last->level == s.level && last->unit == s.unit &&
        last->period == period)
        return &last->r;
    return get_jr_table(c, jopt, s, period);
}

/* Discharges of the whole period under option set j (system scope), kept in
 * sc->work_dis[dis_begin[j] .. dis_end[j]). Computed once per person and option set. */
static carealign_status load_discharges_make(ctx *c, int32_t j, const carealign_discharge **out,
                                             size_t *out_n)
{
    carealign_scorecard *sc = c->sc;
    if (!c->dis_done[j]) {
        scope all = {CAREALIGN_LEVEL_SYSTEM, -1};
        carealign_journey *jn = NULL;
        carealign_status st = scope_journey(c, 0, all, &jn); /* the system: scope index 0 */
        /* carealign_journey_compute is prepare + compute_period under the
         * option set's whole-period options (the builder stays prepared, and
         * the figures go to the table get_jr reads). Without reablement
         * (and with the shortcuts on, so that tests/scorecard/test_empty.c
         * compares the two), what compute_period changes in the discharges
         * is set on their copies below instead: its reablement fields zero
         * and the in-period flag by the whole period's days. */
        const carealign__jopts *whole = NULL;
        if (st == CAREALIGN_OK)
            st = resolved_options(sc, j, -1, &whole);
        if (st == CAREALIGN_OK)
            st = scope_prepared(c, 0, jn, j, whole);
        if (st == CAREALIGN_OK && carealign__sc_shortcuts) {
            /* compute_period's changes to the discharges (their reablement
             * fields among them, but for the reablement exclusions, which
             * no measure reads) without its figures */
            carealign__journey_discharges_reablement(jn, whole);
        } else if (st == CAREALIGN_OK) {
            int found = 0;
            jr_cache *e = jr_entry(c, j, 0, all, -1, &found);
            carealign_journey_result r;
            carealign__journey_compute_period(jn, whole, found || e == NULL ? &r : &e->r);
            if (e != NULL && !found) {
                e->jopt = j;
                e->level = all.level;
                e->unit = all.unit;
                e->period = -1;
            }
        }
        size_t n = 0;
        if (st == CAREALIGN_OK)
            st = carealign_journey_discharge_count(jn, &n);
        /* Keep the arrays of earlier option sets: append after the last one. */
        size_t first = 0;
        for (int32_t k = 0; k < sc->n_jopts; k++)
            if (c->dis_done[k] && c->dis_end[k] > first)
                first = c->dis_end[k];
        if (st == CAREALIGN_OK)
            st = carealign__sc_grow((void **)&sc->work_dis, &sc->cap_work_dis, first + n,
                                    sizeof *sc->work_dis);
        for (size_t i = 0; st == CAREALIGN_OK && i < n; i++) {
            carealign_discharge *d = &sc->work_dis[first + i];
            d->size = sizeof(carealign_discharge);
            st = carealign_journey_get_discharge(jn, i, d);
        }
        if (st != CAREALIGN_OK)
            return st;
        c->dis_begin[j] = first;
        c->dis_end[j] = first + n;
        c->dis_done[j] = 1;
        /* the cache's builder state changed: figures cached stay valid */
    }
    *out_n = c->dis_end[j] - c->dis_begin[j];
    *out = *out_n == 0 ? NULL : sc->work_dis + c->dis_begin[j];
    return CAREALIGN_OK;
}

/* load_discharges_make, without a call once loaded. */
static inline carealign_status load_discharges(ctx *c, int32_t j, const carealign_discharge **out,
                                               size_t *out_n)
{
    if (!c->dis_done[j])
        return load_discharges_make(c, j, out, out_n);
    *out_n = c->dis_end[j] - c->dis_begin[j];
    *out = *out_n == 0 ? NULL : c->sc->work_dis + c->dis_begin[j];
    return CAREALIGN_OK;
}

static double discharge_value(const carealign_discharge *d, const carealign__sc_atom *a)
{
    switch (a->which) {
    case CAREALIGN_JF_DISCHARGES: return 1;
    case CAREALIGN_JF_FOLLOWED_UP_WITHIN:
        return (d->flags & CAREALIGN_DIS_FOLLOWED_UP) && d->days_to_followup <= a->days ? 1 : 0;
    case CAREALIGN_JF_FOLLOWUP_NONE: return (d->flags & CAREALIGN_DIS_FOLLOWED_UP) ? 0 : 1;
    case CAREALIGN_JF_READMISSIONS: return (d->flags & CAREALIGN_DIS_READMITTED) ? 1 : 0;
    case CAREALIGN_JF_DELAY_KNOWN: return (d->flags & CAREALIGN_DIS_DELAY_KNOWN) ? 1 : 0;
    case CAREALIGN_JF_DELAY_DAYS:
        return (d->flags & CAREALIGN_DIS_DELAY_KNOWN) ? (double)d->delay_days : 0;
    case CAREALIGN_JF_REABLEMENT_DENOMINATOR: return d->reablement >= 1 ? 1 : 0;
    case CAREALIGN_JF_REABLEMENT_NUMERATOR: return d->reablement >= 2 ? 1 : 0;
    default: return 0;
    }
}

/* By criterion of measure m: whether it has person atoms. */
_Static_assert(sizeof((carealign__sc_measure *)0)->crit == 7 * sizeof(carealign__sc_crit),
               "ctx.crit_person holds a byte per criterion");

static void measure_plan(const carealign__sc_measure *m, unsigned char person[7])
{
    for (int w = 0; w < 7; w++)
        person[w] = (unsigned char)has_person_atoms(&m->crit[w]);
}

/* A discharge counts in a period by its discharge day (the discharges
 * of the period: discharges_of_period); reablement by the discharge day
 * too (the journey layer applies the eligible window), the other figures
 * only with CAREALIGN_DIS_IN_PERIOD (`need`, discharge_need). */
static inline int discharge_in(const ctx *c, const carealign_discharge *d, scope s, uint32_t need)
{
    return (d->flags & need) == need && org_in_scope(c->sc, d->org, d->sector, s);
}

/* The flags discharge_in needs for atom a. */
static inline uint32_t discharge_need(const carealign__sc_atom *a)
{
    return a->which == CAREALIGN_JF_REABLEMENT_DENOMINATOR ||
                   a->which == CAREALIGN_JF_REABLEMENT_NUMERATOR
               ? 0
               : CAREALIGN_DIS_IN_PERIOD;
}

static int64_t contact_value(const ctx *c, const carealign_contact *k, int32_t which)
{
    int64_t act = (k->has & CAREALIGN_CONTACT_HAS_ACTIVITY) ? k->activity : 1;
    switch (which) {
    case CAREALIGN_CONTACTS_COUNT: return 1;
    case CAREALIGN_CONTACTS_ACTIVITY: return act;
    case CAREALIGN_CONTACTS_STAFF_MINUTES: return k->staff_minutes;
    case CAREALIGN_CONTACTS_COST_PENCE: {
        if (k->has & CAREALIGN_CONTACT_HAS_COST)
            return k->cost_pence;
        int64_t pence = 0;
        if (carealign_framework_unit_cost(c->sc->fw, k->type, k->sector, &pence) != CAREALIGN_OK)
            return 0;
        return pence * act;
    }
    default: return 0;
    }
}

/* The sum of CONTACTS atom a's values over the person's contacts starting
 * in the period, in scope s, of the atom's types and sectors, on a day the
 * person atoms of `crit` hold (and, for c->dsr_band > 0, at an age in ESP
 * band dsr_band - 1). With `bands`: nothing returned, each contact's value
 * added to bands[its ESP band] instead (ages unknown left out), as one pass
 * of dsr_band 1 .. CAREALIGN__SC_ESP_BANDS would give. */
static int64_t contacts_sum(ctx *c, const carealign__sc_atom *a, const carealign__sc_crit *crit,
                            scope s, int32_t period, int64_t *bands)
{
    int64_t sum = 0;
    const int32_t d0 = pstart(c, period), d1 = pend(c, period);
    for (size_t i = first_contact_from(c, d0); i < c->n_contacts; i++) {
        const carealign_contact *k = &c->contacts[i];
        if (k->start_day > d1)
            break;
        if (!org_in_scope(c->sc, k->org, k->sector, s))
            continue;
        if (a->type_mask != 0 && (a->type_mask & (UINT64_C(1) << k->type)) == 0)
            continue;
        if (a->sector_mask != 0 && (a->sector_mask & (UINT32_C(1) << k->sector)) == 0)
            continue;
        if (!person_atoms_hold(c, crit, k->start_day))
            continue;
        if (bands != NULL || c->dsr_band > 0) {
            int32_t lo = 0, hi = 0;
            int32_t band = carealign__sc_esp_band(age_on(c, k->start_day, &lo, &hi));
            if (bands != NULL) {
                if (band >= 0)
                    bands[band] += contact_value(c, k, a->which);
                continue;
            }
            if (band != c->dsr_band - 1)
                continue;
        }
        sum += contact_value(c, k, a->which);
    }
    return sum;
}

/* The value of a counted or thresholded atom for a person in a scope and
 * period; `crit` gives the person atoms applied per event. NaN: not available. */
/* The discharges d[*lo .. *hi) of option set jopt (n, load_discharges) whose
 * day is in the period: discharges are in discharge-day order
 * (carealign_journey_get_discharge) and discharge_in asks for a day in the
 * period, so only those are visited. Remembered for the last (jopt, period):
 * the criteria and scopes of one evaluation ask for the same. */
static void discharges_of_period_find(ctx *c, int32_t jopt, int32_t period,
                                      const carealign_discharge *d, size_t n, size_t *lo,
                                      size_t *hi)
{
    const int32_t d0 = pstart(c, period), d1 = pend(c, period);
    size_t a = 0, b = n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (d[mid].day < d0)
            a = mid + 1;
        else
            b = mid;
    }
    for (b = a; b < n && d[b].day <= d1; b++)
        ;
    c->dr_jopt1 = jopt + 1;
    c->dr_period = period;
    *lo = c->dr_lo = a;
    *hi = c->dr_hi = b;
}

static inline void discharges_of_period(ctx *c, int32_t jopt, int32_t period,
                                        const carealign_discharge *d, size_t n, size_t *lo,
                                        size_t *hi)
{
    if (c->dr_jopt1 == jopt + 1 && c->dr_period == period) {
        *lo = c->dr_lo;
        *hi = c->dr_hi;
        return;
    }
    discharges_of_period_find(c, jopt, period, d, n, lo, hi);
}

static double atom_value(ctx *c, const carealign__sc_measure *m, const carealign__sc_atom *a,
                         const carealign__sc_crit *crit, scope s, int32_t period, const pairing *pr)
{
    switch (a->kind) {
    case CAREALIGN_ATOM_POPULATION: return 1;
    case CAREALIGN_ATOM_PERSON: return person_holds(c, a, pstart(c, period)) ? 1 : 0;
    case CAREALIGN_ATOM_RESPONSE:
        if (a->which == CAREALIGN_RESPONSE_PAIRED)
            return pr->has_pair ? 1 : 0;
        return pr->n_any > 0 ? 1 : 0;
    case CAREALIGN_ATOM_SCORE:
        switch (a->which) {
        case CAREALIGN_SCORE_LATEST: return pr->has_latest ? pr->latest : NAN;
        case CAREALIGN_SCORE_BASELINE: return pr->has_pair ? pr->baseline : NAN;
        case CAREALIGN_SCORE_FOLLOW_UP: return pr->has_pair ? pr->follow_up : NAN;
        default: { /* each: count the responses meeting the threshold */
            double n = 0;
            const int32_t d1 = pend(c, period);
            for (size_t i = first_resp_from(c, pstart(c, period));
                 i < c->n_resp && c->resp[i].day <= d1; i++) {
                const carealign__sc_scored *r = &c->resp[i];
                if (resp_in(c, r, m->vs, s, period) && thresholds_hold(a, r->score) &&
                    person_atoms_hold(c, crit, r->day))
                    n += 1;
            }
            return n;
        }
        }
    case CAREALIGN_ATOM_CHANGE: {
        if (!pr->has_pair)
            return NAN;
        double d = pr->follow_up - pr->baseline;
        if (a->which == CAREALIGN_CHANGE_VALUE)
            return d;
        double better = m->improvement == CAREALIGN_IMPROVE_DECREASE ? -d : d;
        /* compare on the grid, so that 3.0 - 0.0 >= 3 holds exactly */
        double eps = 1e-9;
        if (a->which == CAREALIGN_CHANGE_IMPROVED_BY_MID)
            return better >= m->mid - eps && better > 0 ? 1 : 0;
        return -better >= m->mid - eps && better < 0 ? 1 : 0;
    }
    case CAREALIGN_ATOM_CONTACTS: return (double)contacts_sum(c, a, crit, s, period, NULL);
    case CAREALIGN_ATOM_JOURNEY: {
        if (m->jopt < 0)
            return NAN;
        if (a->which >= 0 && a->which < 64 ? ((c->dis_figures >> a->which) & 1) != 0
                                           : carealign__sc_is_discharge_figure(a->which) != 0) {
            const carealign_discharge *d = NULL;
            size_t n = 0;
            carealign_status st = load_discharges(c, m->jopt, &d, &n);
            if (st != CAREALIGN_OK) {
                c->error = st;
                return NAN;
            }
            size_t lo, hi;
            discharges_of_period(c, m->jopt, period, d, n, &lo, &hi);
            const uint32_t need = discharge_need(a);
            double sum = 0;
            for (size_t i = lo; i < hi; i++)
                if (discharge_in(c, &d[i], s, need) && person_atoms_hold(c, crit, d[i].day))
                    sum += discharge_value(&d[i], a);
            return sum;
        }
        if (a->which == CAREALIGN_JF_CONTACTS) {
            /* the journey's n_contacts counts every contact given; the figure
             * is the contacts of the period (counted once per person when
             * no person atom applies per contact) */
            if (c->ncontacts != NULL && !crit_has_person(c, crit))
                return (double)c->ncontacts[period + 1];
            double n = 0;
            const int32_t d0 = pstart(c, period), d1 = pend(c, period);
            for (size_t i = first_contact_from(c, d0); i < c->n_contacts; i++) {
                const carealign_contact *k = &c->contacts[i];
                if (k->start_day > d1)
                    break;
                if (org_in_scope(c->sc, k->org, k->sector, s) &&
                    person_atoms_hold(c, crit, k->start_day))
                    n += 1;
            }
            return n;
        }
        const carealign_journey_result *r = get_jr(c, m->jopt, s, period);
        if (r == NULL)
            return NAN;
        if (!person_atoms_hold(c, crit, pstart(c, period)))
            return 0;
        return jr_value(r, a->which);
    }
    default: return NAN;
    }
}

/* crit_eval of a criterion present. */
static double crit_atoms(ctx *c, const carealign__sc_measure *m, const carealign__sc_crit *cr,
                         scope s, int32_t period, const pairing *pr)
{
    for (int32_t k = 0; k < cr->n; k++) {
        const carealign__sc_atom *a = &cr->atoms[k];
        if (k == cr->counted || a->kind == CAREALIGN_ATOM_PERSON)
            continue;
        double v = atom_value(c, m, a, cr, s, period, pr);
        /* A response atom is a condition: the person has such responses
         * (docs/framework.md section 3), whatever its thresholds. */
        if (a->kind == CAREALIGN_ATOM_RESPONSE && !(v > 0))
            return 0;
        if (!thresholds_hold(a, v))
            return 0;
    }
    if (cr->counted < 0) {
        /* people: person atoms on the first day of the period */
        return person_atoms_hold(c, cr, pstart(c, period)) ? 1 : 0;
    }
    double v = atom_value(c, m, &cr->atoms[cr->counted], cr, s, period, pr);
    return isnan(v) ? 0 : v;
}

/* A criterion: the count it counts (people: 0 or 1), or -1 when absent. */
static inline double crit_eval(ctx *c, const carealign__sc_measure *m, int32_t which, scope s,
                               int32_t period, const pairing *pr)
{
    const carealign__sc_crit *cr = &m->crit[which];
    return cr->n == 0 ? -1 : crit_atoms(c, m, cr, s, period, pr);
}

/* ---- strata ------------------------------------------------------------- */

static int32_t stratum_value(const ctx *c, int32_t i)
{
    const carealign_scorecard *sc = c->sc;
    const carealign_person *p = &c->p->rec;
    switch (sc->stratum_kind[i]) {
    case CAREALIGN_STRATUM_AGE:
        if (c->age_start < 0)
            return -1;
        for (int32_t b = 0; b < sc->stratum_groups[i]; b++)
            if (c->age_start >= sc->band_lower[i][b] &&
                (sc->band_upper[i][b] < 0 || c->age_start <= sc->band_upper[i][b]))
                return b;
        return -1;
    case CAREALIGN_STRATUM_SEX: return (p->has & CAREALIGN_PERSON_HAS_SEX) ? p->sex : -1;
    case CAREALIGN_STRATUM_ETHNICITY:
        return (p->has & CAREALIGN_PERSON_HAS_ETHNICITY) ? p->ethnicity : -1;
    case CAREALIGN_STRATUM_DEPRIVATION:
        if ((p->has & CAREALIGN_PERSON_HAS_IMD) == 0)
            return -1;
        return sc->stratum_groups[i] == 5 ? (p->imd_decile + 1) / 2 : p->imd_decile;
    default: return -1; /* organisation and sector strata are the levels */
    }
}

static void person_strata(const ctx *c, strata *out)
{
    const carealign_scorecard *sc = c->sc;
    out->n = 0;
    int32_t *t = out->v[out->n++];
    t[0] = t[1] = t[2] = t[3] = CAREALIGN_STRATUM_MARGIN;
    for (int32_t i = 0; i < sc->n_strata && out->n < MAX_STRATA; i++) {
        int32_t v = stratum_value(c, i);
        if (v < 0)
            continue;
        t = out->v[out->n++];
        t[0] = i;
        t[1] = v;
        t[2] = t[3] = CAREALIGN_STRATUM_MARGIN;
    }
    for (int32_t i = 0; i < sc->n_crosses && out->n < MAX_STRATA; i++) {
        int32_t va = stratum_value(c, sc->cross_a[i]), vb = stratum_value(c, sc->cross_b[i]);
        if (va < 0 || vb < 0)
            continue;
        t = out->v[out->n++];
        t[0] = sc->cross_a[i];
        t[1] = va;
        t[2] = sc->cross_b[i];
        t[3] = vb;
    }
}

/* ---- contributions ------------------------------------------------------ */

/* A DSR numerator whose bands one pass over the contacts gives: a counted
 * CONTACTS atom and person atoms only (crit_eval then reads the counted
 * atom alone, the only one dsr_band changes). */
static int dsr_one_pass(const carealign__sc_crit *cr)
{
    if (cr->n == 0 || cr->counted < 0 || cr->atoms[cr->counted].kind != CAREALIGN_ATOM_CONTACTS)
        return 0;
    for (int32_t k = 0; k < cr->n; k++)
        if (k != cr->counted && cr->atoms[k].kind != CAREALIGN_ATOM_PERSON)
            return 0;
    return 1;
}

/* evaluate's last step for a PROPORTION: num (0 when excluded or below 0,
 * at most den) of den into *out, which stays "none" without a denominator. */
static inline void set_proportion(contrib *out, double num, double den, int excluded)
{
    if (excluded || num < 0)
        num = 0;
    if (num > den)
        num = den;
    if (den <= 0)
        return;
    out->kind = 1;
    out->a = num;
    out->b = den;
}

/* evaluate's last step for a RATIO: num and den (each at least 0) into *out,
 * which stays "none" when both are 0. */
static inline void set_ratio(contrib *out, double num, double den)
{
    if (num < 0)
        num = 0;
    if (den < 0)
        den = 0;
    if (den <= 0 && num <= 0)
        return;
    out->kind = 2;
    out->a = num;
    out->b = den;
}

static contrib evaluate(ctx *c, int32_t mi, scope s, int32_t period)
{
    const carealign__sc_measure *m = &c->sc->measures[mi];
    contrib out = {0, 0, 0, NULL, 1.0};
    pairing pr = pair_responses(c, m, s, period);
    if (m->mflags & CAREALIGN_MEASURE_WEIGHTED)
        out.w = carealign__sc_person_weight(
            pr.has_pair && (m->mflags & CAREALIGN_MEASURE_HAS_PAIRING) ? pr.follow_up_w
                                                                       : pr.latest_w);
    /* A population-based rate's initial population is the population estimate
     * itself: events count by the numerator's own conditions (age on the day
     * of the event), not by the person's age on the first day. */
    double ip = m->pop_denominator
                    ? -1
                    : crit_eval(c, m, CAREALIGN_CRIT_INITIAL_POPULATION, s, period, &pr);
    if (ip == 0)
        return out;
    double ex = crit_eval(c, m, CAREALIGN_CRIT_DENOMINATOR_EXCLUSION, s, period, &pr);
    if (ex > 0)
        return out;
    switch (m->scoring) {
    case CAREALIGN_SCORING_PROPORTION: {
        double den = crit_eval(c, m, CAREALIGN_CRIT_DENOMINATOR, s, period, &pr);
        if (den < 0)
            den = ip < 0 ? 1 : ip;
        double num = crit_eval(c, m, CAREALIGN_CRIT_NUMERATOR, s, period, &pr);
        double nex = crit_eval(c, m, CAREALIGN_CRIT_NUMERATOR_EXCLUSION, s, period, &pr);
        set_proportion(&out, num, den, nex > 0);
        return out;
    }
    case CAREALIGN_SCORING_RATIO: {
        double num = crit_eval(c, m, CAREALIGN_CRIT_NUMERATOR, s, period, &pr);
        if (num < 0)
            num = 0;
        if (m->pop_denominator) {
            if (num <= 0)
                return out;
            if (m->acc_kind == CAREALIGN_ACC_DSR) {
                /* the same events, by the ESP band of the age at each (events
                 * at an unknown age fall in no band and are not counted) */
                double total = 0;
                const carealign__sc_crit *nc = &m->crit[CAREALIGN_CRIT_NUMERATOR];
                if (dsr_one_pass(nc)) {
                    /* crit_eval of each band reads the counted atom only */
                    int64_t sums[CAREALIGN__SC_ESP_BANDS] = {0};
                    (void)contacts_sum(c, &nc->atoms[nc->counted], nc, s, period, sums);
                    for (int32_t b = 0; b < CAREALIGN__SC_ESP_BANDS; b++) {
                        double v = (double)sums[b];
                        c->dsr_events[b] = v > 0 ? v : 0;
                        total += c->dsr_events[b];
                    }
                } else {
                    for (int32_t b = 0; b < CAREALIGN__SC_ESP_BANDS; b++) {
                        c->dsr_band = b + 1;
                        double v = crit_eval(c, m, CAREALIGN_CRIT_NUMERATOR, s, period, &pr);
                        c->dsr_events[b] = v > 0 ? v : 0;
                        total += c->dsr_events[b];
                    }
                    c->dsr_band = 0;
                }
                if (!(total > 0))
                    return out;
                out.kind = 5;
                out.bands = c->dsr_events;
                return out;
            }
            out.kind = 3;
            out.a = num;
            return out;
        }
        set_ratio(&out, num, crit_eval(c, m, CAREALIGN_CRIT_DENOMINATOR, s, period, &pr));
        return out;
    }
    case CAREALIGN_SCORING_CONTINUOUS: {
        const carealign__sc_crit *cr = &m->crit[CAREALIGN_CRIT_OBSERVATION];
        const carealign__sc_atom *a = &cr->atoms[0];
        if (a->kind == CAREALIGN_ATOM_CHANGE) {
            if (!pr.has_pair)
                return out;
            out.kind = 4;
            out.a = pr.baseline;
            out.b = pr.follow_up;
            return out;
        }
        double v = atom_value(c, m, a, cr, s, period, &pr);
        if (isnan(v))
            return out;
        out.kind = 3;
        out.a = m->scale > 1 ? round(v * m->scale) / m->scale : v;
        return out;
    }
    default:
        out.kind = 3;
        out.a = 1;
        return out;
    }
}

/* Measure shapes evaluate_in answers without the general evaluate. */
#define SHAPE_GENERAL 0
/* A continuous variable observing a journey figure (not the contacts, not
 * a discharge figure) of the measure's option set, its initial population
 * (if any) journey contacts atoms only, no exclusion, no response value
 * set, not weighted, no person atoms: continuity, organisations and
 * hand-offs per person. */
#define SHAPE_JOURNEY_OBSERVATION 1
/* A ratio (not population-based) whose initial population, denominator and
 * numerator atoms are all journey figures of the measure's option set (not
 * the contacts, not a discharge figure), no denominator exclusion, no
 * response value set, not weighted, no person atoms: cost, staff time and
 * duplicate assessments per person. */
#define SHAPE_JOURNEY_RATIO 2
/* A proportion or a ratio (not population-based) of the measure's option
 * set whose atoms are all discharge figures or person atoms (a counted
 * atom a discharge figure), no response value set, not weighted:
 * follow-up, reablement and discharge delay. */
#define SHAPE_DISCHARGE 3
/* A population-based ratio (not directly standardised), not weighted, no
 * response value set, no denominator exclusion, whose numerator counts a
 * journey figure of the measure's option set (not the contacts, not a
 * discharge figure) and has person atoms only besides: bed days and
 * care-home admissions per resident. */
#define SHAPE_POP_JOURNEY 4
/* A continuous variable observing the latest score of its value set (its
 * observation's first atom, the only one evaluate reads), no pairing, not
 * population-based, no denominator exclusion, its initial population (if
 * any) response atoms only (not paired ones) that hold on 1 (a scope with a
 * response of the period): ASCOF 1A's social care-related quality of
 * life. */
#define SHAPE_RESPONSE_LATEST 5

static int only_contacts_atoms(const carealign__sc_crit *cr)
{
    for (int32_t k = 0; k < cr->n; k++)
        if (cr->atoms[k].kind != CAREALIGN_ATOM_JOURNEY ||
            cr->atoms[k].which != CAREALIGN_JF_CONTACTS)
            return 0;
    return 1;
}

/* Every atom of cr is a journey figure read from the journey result (not
 * the contacts, not a discharge figure), and none is a person atom. */
static int only_result_atoms(const carealign__sc_crit *cr)
{
    for (int32_t k = 0; k < cr->n; k++)
        if (cr->atoms[k].kind != CAREALIGN_ATOM_JOURNEY ||
            cr->atoms[k].which == CAREALIGN_JF_CONTACTS ||
            carealign__sc_is_discharge_figure(cr->atoms[k].which))
            return 0;
    return 1;
}

/* Every atom of cr is a discharge figure or a person atom, its counted atom
 * (if any) a discharge figure. */
static int only_discharge_atoms(const carealign__sc_crit *cr)
{
    for (int32_t k = 0; k < cr->n; k++) {
        const carealign__sc_atom *a = &cr->atoms[k];
        const int dis =
            a->kind == CAREALIGN_ATOM_JOURNEY && carealign__sc_is_discharge_figure(a->which);
        if (!dis && (k == cr->counted || a->kind != CAREALIGN_ATOM_PERSON))
            return 0;
    }
    return 1;
}

static int is_discharge_measure(const carealign__sc_measure *m)
{
    if ((m->scoring != CAREALIGN_SCORING_PROPORTION && m->scoring != CAREALIGN_SCORING_RATIO) ||
        (m->mflags & CAREALIGN_MEASURE_WEIGHTED) != 0 || m->vs >= 0 || m->pop_denominator ||
        m->jopt < 0)
        return 0;
    for (int w = 0; w < 7; w++)
        if (w != CAREALIGN_CRIT_OBSERVATION && !only_discharge_atoms(&m->crit[w]))
            return 0;
    return m->crit[CAREALIGN_CRIT_OBSERVATION].n == 0;
}

static int is_pop_journey(const carealign__sc_measure *m)
{
    const carealign__sc_crit *nc = &m->crit[CAREALIGN_CRIT_NUMERATOR];
    if (m->scoring != CAREALIGN_SCORING_RATIO || !m->pop_denominator ||
        m->acc_kind == CAREALIGN_ACC_DSR || (m->mflags & CAREALIGN_MEASURE_WEIGHTED) != 0 ||
        m->vs >= 0 || m->jopt < 0 || m->crit[CAREALIGN_CRIT_DENOMINATOR_EXCLUSION].n != 0 ||
        nc->counted < 0 || nc->counted >= nc->n)
        return 0;
    for (int32_t k = 0; k < nc->n; k++) {
        const carealign__sc_atom *a = &nc->atoms[k];
        if (k != nc->counted
                ? a->kind != CAREALIGN_ATOM_PERSON
                : a->kind != CAREALIGN_ATOM_JOURNEY || a->which == CAREALIGN_JF_CONTACTS ||
                      carealign__sc_is_discharge_figure(a->which))
            return 0;
    }
    return 1;
}

static int is_journey_ratio(const carealign__sc_measure *m)
{
    return m->scoring == CAREALIGN_SCORING_RATIO && (m->mflags & CAREALIGN_MEASURE_WEIGHTED) == 0 &&
           m->vs < 0 && !m->pop_denominator && m->jopt >= 0 &&
           m->crit[CAREALIGN_CRIT_DENOMINATOR_EXCLUSION].n == 0 &&
           only_result_atoms(&m->crit[CAREALIGN_CRIT_INITIAL_POPULATION]) &&
           only_result_atoms(&m->crit[CAREALIGN_CRIT_DENOMINATOR]) &&
           only_result_atoms(&m->crit[CAREALIGN_CRIT_NUMERATOR]);
}

static int is_response_latest(const carealign__sc_measure *m)
{
    const carealign__sc_crit *ip = &m->crit[CAREALIGN_CRIT_INITIAL_POPULATION];
    const carealign__sc_crit *ob = &m->crit[CAREALIGN_CRIT_OBSERVATION];
    if (m->scoring != CAREALIGN_SCORING_CONTINUOUS || m->vs < 0 ||
        (m->mflags & CAREALIGN_MEASURE_HAS_PAIRING) != 0 || m->pop_denominator ||
        m->crit[CAREALIGN_CRIT_DENOMINATOR_EXCLUSION].n != 0 || ob->n == 0 ||
        ob->atoms[0].kind != CAREALIGN_ATOM_SCORE || ob->atoms[0].which != CAREALIGN_SCORE_LATEST)
        return 0;
    /* crit_atoms of the initial population with a response: each atom is
     * 1, the conditions' thresholds hold on 1, the counted atom gives 1 */
    for (int32_t k = 0; k < ip->n; k++) {
        const carealign__sc_atom *a = &ip->atoms[k];
        if (a->kind != CAREALIGN_ATOM_RESPONSE || a->which == CAREALIGN_RESPONSE_PAIRED ||
            (k != ip->counted && !thresholds_hold(a, 1)))
            return 0;
    }
    return 1;
}

static unsigned char measure_shape(const carealign__sc_measure *m)
{
    if (is_journey_ratio(m))
        return SHAPE_JOURNEY_RATIO;
    if (is_response_latest(m))
        return SHAPE_RESPONSE_LATEST;
    if (is_discharge_measure(m))
        return SHAPE_DISCHARGE;
    if (is_pop_journey(m))
        return SHAPE_POP_JOURNEY;
    const carealign__sc_crit *ip = &m->crit[CAREALIGN_CRIT_INITIAL_POPULATION];
    const carealign__sc_crit *ob = &m->crit[CAREALIGN_CRIT_OBSERVATION];
    if (m->scoring == CAREALIGN_SCORING_CONTINUOUS &&
        (m->mflags & CAREALIGN_MEASURE_WEIGHTED) == 0 && m->vs < 0 && !m->pop_denominator &&
        m->jopt >= 0 && only_contacts_atoms(ip) && !has_person_atoms(ip) &&
        m->crit[CAREALIGN_CRIT_DENOMINATOR_EXCLUSION].n == 0 && ob->n > 0 &&
        !has_person_atoms(ob) && ob->atoms[0].kind == CAREALIGN_ATOM_JOURNEY &&
        ob->atoms[0].which != CAREALIGN_JF_CONTACTS &&
        !carealign__sc_is_discharge_figure(ob->atoms[0].which))
        return SHAPE_JOURNEY_OBSERVATION;
    return SHAPE_GENERAL;
}

/* Whether the initial population ip of a SHAPE_JOURNEY_OBSERVATION measure
 * holds for a scope with n contacts in the period: its atoms all read the
 * scope's contacts of the period (evaluate's crit_eval is then not 0). */
static inline int obs_ip_holds(const carealign__sc_crit *ip, uint32_t n)
{
    if (ip->n == 0)
        return 1;
    const double v = (double)n;
    for (int32_t k = 0; k < ip->n; k++)
        if (k != ip->counted && !thresholds_hold(&ip->atoms[k], v))
            return 0;
    return ip->counted < 0 || v != 0;
}

/* carealign__sc_ip_range (empty.h): each atom's thresholds bound n as a
 * double, which holds every uint32_t exactly: n >= at_least when n >=
 * ceil(at_least), n <= at_most when n <= floor(at_most); the same answers as
 * obs_ip_holds. */
void carealign__sc_ip_range(const carealign__sc_crit *ip, uint32_t *lo, uint32_t *hi)
{
    double a = 0, b = (double)UINT32_MAX;
    for (int32_t k = 0; k < ip->n; k++) {
        const carealign__sc_atom *at = &ip->atoms[k];
        if (k == ip->counted)
            continue;
        if (at->flags & CAREALIGN_ATOM_HAS_AT_LEAST)
            a = isnan(at->at_least) ? INFINITY : fmax(a, at->at_least);
        if (at->flags & CAREALIGN_ATOM_HAS_AT_MOST)
            b = isnan(at->at_most) ? -INFINITY : fmin(b, at->at_most);
    }
    if (ip->n > 0 && ip->counted >= 0)
        a = fmax(a, 1);
    a = ceil(a);
    b = floor(b);
    if (!(a <= b)) {
        *lo = 1;
        *hi = 0;
        return;
    }
    *lo = (uint32_t)a;
    *hi = (uint32_t)b;
}

/* evaluate of a SHAPE_JOURNEY_OBSERVATION measure whose initial population
 * holds (obs_ip_holds, asked by evaluate_in): the same steps with what they
 * reduce to (no pairing; the observation is get_jr's figure). */
static contrib evaluate_journey_observation(ctx *c, int32_t mi, scope s, int32_t period)
{
    const carealign__sc_measure *m = &c->sc->measures[mi];
    contrib out = {0, 0, 0, NULL, 1.0};
    const carealign__sc_atom *a = &m->crit[CAREALIGN_CRIT_OBSERVATION].atoms[0];
    const carealign_journey_result *r = get_jr(c, m->jopt, s, period);
    if (r == NULL)
        return out;
    double v = jr_value(r, a->which);
    if (isnan(v))
        return out;
    out.kind = 3;
    out.a = m->scale > 1 ? round(v * m->scale) / m->scale : v;
    return out;
}

/* crit_eval of a criterion of a SHAPE_JOURNEY_RATIO measure, its figures
 * read from r (NULL: get_jr failed, every figure NaN). */
static inline double crit_result(const carealign__sc_crit *cr, const carealign_journey_result *r)
{
    if (cr->n == 0)
        return -1;
    for (int32_t k = 0; k < cr->n; k++)
        if (k != cr->counted &&
            !thresholds_hold(&cr->atoms[k], r != NULL ? jr_value(r, cr->atoms[k].which) : NAN))
            return 0;
    if (cr->counted < 0)
        return 1; /* no person atoms */
    double v = r != NULL ? jr_value(r, cr->atoms[cr->counted].which) : NAN;
    return isnan(v) ? 0 : v;
}

/* How evaluate_journey_ratio reads criterion cr (crit_planned, planned
 * once per measure) when crit_result's loop reduces to one atom: a
 * criterion whose only atom is its counted one is that atom's figure (>=
 * 0: jr_value's `which`; NaN counted 0), one whose only atom is a
 * condition (nothing counted) 1 where the condition holds, else 0
 * (CRIT_CONDITION); any other crit_result's loop (CRIT_GENERAL). */
#define CRIT_GENERAL (-1)
#define CRIT_CONDITION (-2)
static int32_t crit_plan(const carealign__sc_crit *cr)
{
    if (cr->n != 1)
        return CRIT_GENERAL;
    if (cr->counted == 0 && cr->atoms[0].which >= 0)
        return cr->atoms[0].which;
    return cr->counted < 0 ? CRIT_CONDITION : CRIT_GENERAL;
}

/* crit_result of cr as planned (crit_plan: `plan`). */
static inline double crit_planned(int32_t plan, const carealign__sc_crit *cr,
                                  const carealign_journey_result *r)
{
    if (plan >= 0) {
        double v = r != NULL ? jr_value(r, plan) : NAN;
        return isnan(v) ? 0 : v;
    }
    if (plan == CRIT_CONDITION) {
        const carealign__sc_atom *a = &cr->atoms[0];
        return thresholds_hold(a, r != NULL ? jr_value(r, a->which) : NAN) ? 1 : 0;
    }
    return crit_result(cr, r);
}

/* c->ratio_plan for measure m (crit_plan of its initial population,
 * numerator and denominator). */
static void ratio_plan(const carealign__sc_measure *m, int32_t plan[3])
{
    plan[0] = crit_plan(&m->crit[CAREALIGN_CRIT_INITIAL_POPULATION]);
    plan[1] = crit_plan(&m->crit[CAREALIGN_CRIT_NUMERATOR]);
    plan[2] = crit_plan(&m->crit[CAREALIGN_CRIT_DENOMINATOR]);
}

/* evaluate of a SHAPE_JOURNEY_RATIO measure: the same steps with what they
 * reduce to (no pairing; every atom reads get_jr's one result, fetched
 * before the first atom as evaluate's first atom would). */
static contrib evaluate_journey_ratio(ctx *c, int32_t mi, scope s, int32_t period)
{
    const carealign__sc_measure *m = &c->sc->measures[mi];
    contrib out = {0, 0, 0, NULL, 1.0};
    const carealign__sc_crit *ip = &m->crit[CAREALIGN_CRIT_INITIAL_POPULATION];
    const carealign__sc_crit *dc = &m->crit[CAREALIGN_CRIT_DENOMINATOR];
    const carealign__sc_crit *nc = &m->crit[CAREALIGN_CRIT_NUMERATOR];
    if (ip->n == 0 && dc->n == 0 && nc->n == 0)
        return out; /* no atom: both 0 */
    const carealign_journey_result *r = get_jr(c, m->jopt, s, period);
    if (crit_planned(c->ratio_plan[0], ip, r) == 0)
        return out;
    set_ratio(&out, crit_planned(c->ratio_plan[1], nc, r), crit_planned(c->ratio_plan[2], dc, r));
    return out;
}

/* The rows of a SHAPE_DISCHARGE measure mi (c->dw_*): by discharge i of
 * its option set (d[0 .. n)) and slot (a criterion's atom other than a
 * person atom, numbered in criterion and atom order), the atom's value for
 * the discharge, 0 when the discharge lacks the flags discharge_in needs
 * or the person atoms of the atom's criterion do not hold on its day:
 * atom_value's sum over the discharges of a period in a scope is the sum
 * of the rows of those in the scope (adding 0 for the others leaves the
 * sum as it is). Made once per
 * person and measure for the discharges asked (rows [dw_lo, dw_hi), which
 * grow to hold [lo, hi)), in sc->dis_rows. */
static carealign_status dis_rows_make(ctx *c, int32_t mi, const carealign_discharge *d, size_t n,
                                      size_t lo, size_t hi)
{
    const carealign__sc_measure *m = &c->sc->measures[mi];
    if (c->dw_mi1 != mi + 1) {
        int ns = 0;
        for (int w = 0; w < 7; w++) {
            const carealign__sc_crit *cr = &m->crit[w];
            c->dw_ntest[w] = 0;
            c->dw_counted[w] = cr->n == 0 ? -2 : -1;
            for (int32_t k = 0; k < cr->n; k++) {
                const carealign__sc_atom *at = &cr->atoms[k];
                if (at->kind == CAREALIGN_ATOM_PERSON)
                    continue;
                c->dw_atom[ns] = at;
                c->dw_crit[ns] = (unsigned char)w;
                c->dw_need[ns] = discharge_need(at);
                if (k == cr->counted)
                    c->dw_counted[w] = (signed char)ns;
                else
                    c->dw_test[w][c->dw_ntest[w]++] = (signed char)ns;
                ns++;
            }
        }
        carealign_status st = carealign__sc_grow((void **)&c->sc->dis_rows, &c->sc->cap_dis_rows,
                                                 n * (size_t)ns + 1, sizeof *c->sc->dis_rows);
        if (st != CAREALIGN_OK)
            return st;
        c->dw_mi1 = mi + 1;
        c->dw_n = ns;
        c->dw_lo = c->dw_hi = lo;
    }
    /* the rows of [lo, hi) and of any gap between them and those made */
    size_t a = lo < c->dw_lo ? lo : c->dw_hi, b = hi > c->dw_hi ? hi : c->dw_lo;
    for (size_t i = a; i < b; i++) {
        if (i == c->dw_lo && c->dw_hi > c->dw_lo) {
            i = c->dw_hi - 1; /* made */
            continue;
        }
        double *row = c->sc->dis_rows + i * (size_t)c->dw_n;
        /* by criterion, whether its person atoms hold on d[i]'s day (-1:
         * not asked yet) */
        signed char held[7] = {-1, -1, -1, -1, -1, -1, -1};
        for (int k = 0; k < c->dw_n; k++) {
            const int w = c->dw_crit[k];
            double v = 0;
            if ((d[i].flags & c->dw_need[k]) == c->dw_need[k]) {
                if (held[w] < 0)
                    held[w] = (signed char)person_atoms_hold(c, &m->crit[w], d[i].day);
                if (held[w])
                    v = discharge_value(&d[i], c->dw_atom[k]);
            }
            row[k] = v;
        }
    }
    if (a < c->dw_lo)
        c->dw_lo = a;
    if (b > c->dw_hi)
        c->dw_hi = b;
    return CAREALIGN_OK;
}

/* dis_rows_make, without a call when the rows of [lo, hi) are made. */
static inline carealign_status dis_rows(ctx *c, int32_t mi, const carealign_discharge *d, size_t n,
                                        size_t lo, size_t hi)
{
    if (c->dw_mi1 == mi + 1 && c->dw_lo <= lo && hi <= c->dw_hi)
        return CAREALIGN_OK;
    return dis_rows_make(c, mi, d, n, lo, hi);
}

/* crit_eval of criterion w of the SHAPE_DISCHARGE measure m, from the
 * sums of its slots over the discharges of the period in scope, by the
 * criterion's plan (dis_rows_make: c->dw_test, c->dw_counted). */
static inline double crit_dis(ctx *c, const carealign__sc_measure *m, int w, const double *sum,
                              int32_t period)
{
    const int counted = c->dw_counted[w];
    if (counted == -2)
        return -1;
    for (int t = 0; t < c->dw_ntest[w]; t++) {
        const int k = c->dw_test[w][t];
        if (!thresholds_hold(c->dw_atom[k], sum[k]))
            return 0;
    }
    if (counted < 0)
        return person_atoms_hold(c, &m->crit[w], pstart(c, period)) ? 1 : 0;
    return sum[counted];
}

/* evaluate_discharges' answer from the rows of the discharges d[lo .. hi)
 * of the period (dis_rows made): the slots' sums over those in scope s,
 * then the criteria. */
static contrib discharges_contrib(ctx *c, const carealign__sc_measure *m,
                                  const carealign_discharge *d, size_t lo, size_t hi, scope s,
                                  int32_t period)
{
    contrib out = {0, 0, 0, NULL, 1.0};
    /* the slots' sums over the discharges of the period in scope */
    double sum[7 * CAREALIGN__SC_MAX_ATOMS];
    const int ns = c->dw_n;
    const double *rows = c->sc->dis_rows;
    size_t i = lo;
    while (i < hi && !org_in_scope(c->sc, d[i].org, d[i].sector, s))
        i++;
    if (i < hi) { /* the first, then the others */
        for (int k = 0; k < ns; k++)
            sum[k] = 0 + rows[i * (size_t)ns + (size_t)k];
        for (i++; i < hi; i++)
            if (org_in_scope(c->sc, d[i].org, d[i].sector, s))
                for (int k = 0; k < ns; k++)
                    sum[k] += rows[i * (size_t)ns + (size_t)k];
    } else {
        for (int k = 0; k < ns; k++)
            sum[k] = 0;
    }
    double ip = crit_dis(c, m, CAREALIGN_CRIT_INITIAL_POPULATION, sum, period);
    if (ip == 0 || crit_dis(c, m, CAREALIGN_CRIT_DENOMINATOR_EXCLUSION, sum, period) > 0)
        return out;
    double den = crit_dis(c, m, CAREALIGN_CRIT_DENOMINATOR, sum, period);
    double num = crit_dis(c, m, CAREALIGN_CRIT_NUMERATOR, sum, period);
    if (m->scoring == CAREALIGN_SCORING_PROPORTION) {
        if (den < 0)
            den = ip < 0 ? 1 : ip;
        double nex = crit_dis(c, m, CAREALIGN_CRIT_NUMERATOR_EXCLUSION, sum, period);
        set_proportion(&out, num, den, nex > 0);
    } else {
        set_ratio(&out, num, den);
    }
    return out;
}

/* Whether every discharge of d[lo .. hi) is in scope s (org_in_scope). */
static inline int discharges_all_in(const ctx *c, const carealign_discharge *d, size_t lo,
                                    size_t hi, scope s)
{
    if (s.level == CAREALIGN_LEVEL_SYSTEM)
        return 1;
    for (size_t i = lo; i < hi; i++)
        if (!org_in_scope(c->sc, d[i].org, d[i].sector, s))
            return 0;
    return 1;
}

/* evaluate of a SHAPE_DISCHARGE measure: the same steps with what they
 * reduce to (no pairing; every atom sums the option set's discharges of
 * the period in scope, loaded and found once, from the rows: dis_rows).
 * The answer depends on the measure, the period and the discharges in
 * scope only: a scope holding every discharge of the period gives the
 * system's, kept for the measure and period (c->dm_*) and not computed
 * again. */
static contrib evaluate_discharges(ctx *c, int32_t mi, scope s, int32_t period)
{
    const carealign__sc_measure *m = &c->sc->measures[mi];
    const carealign_discharge *d = NULL;
    size_t n = 0, lo, hi;
    if (load_discharges(c, m->jopt, &d, &n) != CAREALIGN_OK)
        return evaluate(c, mi, s, period); /* the error as evaluate sets it */
    discharges_of_period(c, m->jopt, period, d, n, &lo, &hi);
    const int all = discharges_all_in(c, d, lo, hi, s);
    if (all && c->dm_mi1 == mi + 1 && c->dm_period == period)
        return c->dm_out;
    carealign_status st = dis_rows(c, mi, d, n, lo, hi);
    if (st != CAREALIGN_OK) {
        c->error = st;
        return (contrib){0, 0, 0, NULL, 1.0};
    }
    contrib out = discharges_contrib(c, m, d, lo, hi, s, period);
    if (all) {
        c->dm_mi1 = mi + 1;
        c->dm_period = period;
        c->dm_out = out;
    }
    return out;
}

/* evaluate of a SHAPE_POP_JOURNEY measure: the same steps with what they
 * reduce to (no pairing, no initial population nor exclusion; the
 * numerator is get_jr's figure when the person atoms hold on the first
 * day of the period). */
static contrib evaluate_pop_journey(ctx *c, int32_t mi, scope s, int32_t period)
{
    const carealign__sc_measure *m = &c->sc->measures[mi];
    const carealign__sc_crit *nc = &m->crit[CAREALIGN_CRIT_NUMERATOR];
    contrib out = {0, 0, 0, NULL, 1.0};
    const carealign_journey_result *r = get_jr(c, m->jopt, s, period);
    if (r == NULL || !person_atoms_hold(c, nc, pstart(c, period)))
        return out;
    double num = jr_value(r, nc->atoms[nc->counted].which);
    if (!(num > 0)) /* NaN counted 0 */
        return out;
    out.kind = 3;
    out.a = num;
    return out;
}

/* The responses of the period, c->resp[*i0 .. *i1) (pair_responses'),
 * kept for the last period asked (c->lr_*): the scopes of a period are
 * evaluated one after the other. */
static inline void period_responses(ctx *c, int32_t period, size_t *i0, size_t *i1)
{
    if (c->lr_period1 != period + 2) {
        c->lr_i0 = first_resp_from(c, pstart(c, period));
        c->lr_i1 = resp_after(c, c->lr_i0, pend(c, period));
        c->lr_period1 = period + 2;
    }
    *i0 = c->lr_i0;
    *i1 = c->lr_i1;
}

/* *out = evaluate of a SHAPE_RESPONSE_LATEST measure: the same steps with
 * what they reduce to. pair_responses' latest response in scope (none: the
 * observation is NaN, nothing counted, the weight of none 1); the initial
 * population then holds (measure_shape): the observation is the
 * response's score, rounded as evaluate does, with its weight (1 as
 * carealign__sc_person_weight gives it for a weight of 1, a response
 * without one). */
static void evaluate_latest(ctx *c, int32_t mi, scope s, int32_t period, contrib *out)
{
    const carealign__sc_measure *m = &c->sc->measures[mi];
    size_t i0, i;
    period_responses(c, period, &i0, &i);
    while (i > i0 && !resp_in_scope(c, &c->resp[i - 1], m->vs, s))
        i--;
    *out = (contrib){0, 0, 0, NULL, 1.0};
    if (i == i0)
        return;
    const carealign__sc_scored *r = &c->resp[i - 1];
    if ((m->mflags & CAREALIGN_MEASURE_WEIGHTED) && r->weight != 1.0)
        out->w = carealign__sc_person_weight(r->weight);
    if (!isnan(r->score)) {
        out->kind = 3;
        out->a = m->scale > 1 ? round(r->score * m->scale) / m->scale : r->score;
    }
}

/* ---- scope-periods without records (empty.c proves the skipping) ---- */

#define MAX_SCOPES (1 + 32 + MAX_ORGS) /* system, sectors, organisations */
#define MAX_VS 8                       /* value sets tracked; others always evaluate */
#define MAX_DJ 4                       /* option sets' discharges tracked per person */
#define MAX_TSETS 16 /* contact type sets (the measures' masks) tracked; others always evaluate */

/* Per scope (0 the system, 1 + i the person's i-th sector, 1 + n_secs + o
 * the o-th organisation), a bit per period (bit 0 the whole period, bit
 * 1 + p month p) where the person has a contact starting, a response to each
 * value set, and a discharge of each option set: records in scope as
 * org_in_scope, resp_in and discharge_in (above) decide. */
typedef struct records {
    int ok;                    /* 0: too many periods for the bits; always evaluate */
    int n;                     /* scopes */
    int org0;                  /* the first organisation's scope: 1 + the sectors */
    signed char sec_scope[32]; /* by sector 0 .. 31, its scope (0: none) */
    scope scopes[MAX_SCOPES];
    /* planned once (records_plan): counts_on, whether records_init makes
     * contacts, ncontacts, con_sec and con_org (some measure reads them);
     * the contact type masks some measure's needs name (tset_types, up to
     * MAX_TSETS of them), and by contact type (0: types outside 1 ..
     * TYPE_END - 1, counted as any type) bit s when type set s holds it */
    int counts_on;
    int n_tsets;
    uint64_t tset_types[MAX_TSETS];
    uint16_t tset_of[CAREALIGN_CONTACT_TYPE_END];
    uint64_t contacts[MAX_SCOPES];
    /* the number of contacts starting in each period: [scope][bit] */
    uint32_t ncontacts[MAX_SCOPES][64];
    /* by type set s, [s][scope] the bits of the scope's contacts of a type
     * in it */
    uint64_t tsets[MAX_TSETS][MAX_SCOPES];
    uint64_t responses[MAX_SCOPES][MAX_VS];
    int n_dj;
    int32_t dj[MAX_DJ];
    uint64_t discharges[MAX_DJ][MAX_SCOPES];
    /* scopes holding the same records: cls[j] is the first such scope */
    int cls[MAX_SCOPES];
    /* records_tally's counts of the contacts and responses, made by
     * records_init when `tallied` (else by records_classes): cnt[j] the
     * records of scope j (cnt[0] set apart), seen[j] bit i when a record of
     * organisation scope j is in sector scope i (bit 0: in none) */
    int tallied;
    size_t cnt[MAX_SCOPES];
    uint64_t seen[MAX_SCOPES];
    /* by period bit (0 .. n_periods), the sectors (bit si: scope 1 + si)
     * and organisations (bit o: scope org0 + o) holding a contact starting
     * in the period, a response to each value set, a discharge of each
     * option set tracked: the same as the bits above, by period. The
     * responses' are made from those bits on first use (bit v of resp_made
     * for value set v: records_made_by_period, for scope_visits) */
    unsigned resp_made;
    uint32_t con_sec[64];
    uint64_t con_org[64];
    /* bit v: the person has a response to value set v at an organisation
     * in the period (else resp_sec[v] and resp_org[v] are not made: none) */
    unsigned resp_vs;
    uint32_t resp_sec[MAX_VS][64];
    uint64_t resp_org[MAX_VS][64];
    uint32_t dis_sec[MAX_DJ][64];
    uint64_t dis_org[MAX_DJ][64];
    /* the period bits holding exactly one discharge of each option set
     * tracked (every scope holding one holds them all) */
    uint64_t dis_one[MAX_DJ];
} records;

/* A record in scopes si and oi (0: none; record_scopes) in the periods b:
 * its bits by period in sec and org. */
static inline void records_by_period(const records *r, uint64_t b, int si, int oi, uint32_t *sec,
                                     uint64_t *org)
{
    const uint32_t sm = si > 0 ? UINT32_C(1) << (si - 1) : 0;
    const uint64_t om = oi > 0 ? UINT64_C(1) << (oi - r->org0) : 0;
    for (; b != 0; b &= b - 1) {
        const unsigned p = carealign__ctz64(b);
        sec[p] |= sm;
        org[p] |= om;
    }
}

/* Clears n_bits period entries of a records_by_period pair. */
static inline void records_by_period_clear(uint32_t *sec, uint64_t *org, size_t n_bits)
{
    memset(sec, 0, n_bits * sizeof *sec);
    memset(org, 0, n_bits * sizeof *org);
}

/* The records_by_period pair (sec, org; n_bits entries) of the records
 * whose bits in scope j are bits[j * stride]: each sector scope (1 ..
 * org0 - 1) and organisation scope holds records in the periods of its
 * bits, as records_by_period of each of them would make it (a record in
 * scopes si and oi sets both scopes' bits in its periods). */
static void records_made_by_period(const records *r, const uint64_t *bits, size_t stride,
                                   size_t n_bits, uint32_t *sec, uint64_t *org)
{
    records_by_period_clear(sec, org, n_bits);
    for (int j = 1; j < r->org0; j++)
        for (uint64_t b = bits[(size_t)j * stride]; b != 0; b &= b - 1)
            sec[carealign__ctz64(b)] |= UINT32_C(1) << (j - 1);
    for (int j = r->org0; j < r->n; j++)
        for (uint64_t b = bits[(size_t)j * stride]; b != 0; b &= b - 1)
            org[carealign__ctz64(b)] |= UINT64_C(1) << (j - r->org0);
}

/* Per-person scratch too large for the stack, one per scorecard. */
#define PLAN_MEASURES 128 /* measures whose measure_plan is kept */
#define DAY_BITS 4096     /* days of a reporting period whose day_bits are kept */
#define JPER_MAX 250      /* periods of carealign__journey_figures_in's list */
#define ORG_MAP 8192      /* organisations below this found through org_map */

struct carealign__sc_work {
    records rec;
    contrib kc[MAX_SCOPES];
    uint64_t may[MAX_SCOPES];
    /* measure_plan of the first PLAN_MEASURES measures, and ctx.dis_figures,
     * made with the work */
    unsigned char plan_person[PLAN_MEASURES][7];
    unsigned char plan_shape[PLAN_MEASURES];
    int32_t plan_need[PLAN_MEASURES];   /* carealign__sc_needs (pure) */
    uint32_t plan_ip[PLAN_MEASURES][2]; /* carealign__sc_ip_range of the initial population */
    uint64_t plan_types[PLAN_MEASURES];
    int32_t plan_ratio[PLAN_MEASURES][3]; /* ratio_plan */
    uint64_t dis_figures;
    unsigned char jr_parts[MAX_JR]; /* ctx.jr_parts */
    /* bit j: a journey atom of a measure of option set j reads the
     * duplicate assessments (jr_within) */
    unsigned char jr_dup[MAX_JR / 8];
    /* the journey's sums no measure reads (jr_sums_skip) */
    unsigned jr_skip;
    /* get_jr's direct table (jr_entry): by option set, its dense index
     * (-1: the hash table), the entries per scope and option set (periods
     * + 1) and the entries (0: no direct table) */
    signed char jd_dense[MAX_JR];
    size_t jd_nper, jd_n;
    /* scope_visits made from the classes' may (scope_masks) */
    uint32_t sec_at[64];
    uint64_t org_at[64];
    /* obs_visits' (ctx.ipv_*) */
    uint32_t ip_sec[64];
    uint64_t ip_org[64];
    /* discharge_visits' */
    uint32_t dv_sec[64];
    uint64_t dv_org[64];
    /* by option set: whether its preparation is that of an option set with
     * a dense index (prep_shared; -1: not known yet) */
    signed char prep_dense[MAX_JR];
    /* the periods for carealign__journey_figures_in (jper.n 0: not kept) */
    carealign__jperiods jper;
    int32_t jper_edge[JPER_MAX + 1];
    unsigned char jper_at[DAY_BITS + 2];
    /* day_bits of the days of the reporting period when it has at most
     * DAY_BITS days (day_bits_n of them; 0: not kept) */
    int32_t day_bits_n;
    uint64_t day_bits[DAY_BITS];
    /* the person's organisations by id below ORG_MAP, with the shortcuts
     * on (org_map): org_pos[org] is the organisation's index in the
     * person's ascending list when org_gen[org] == org_now */
    uint32_t org_now;
    uint32_t org_gen[ORG_MAP];
    unsigned char org_pos[ORG_MAP];
    /* by option set, the sums of a scope's contacts its measures read
     * (CAREALIGN__SUM_ bits, jr_sums: jr_within's bins) */
    unsigned char jr_sums[MAX_JR];
};

static uint64_t day_bits_scan(const carealign_scorecard *sc, int32_t day);

/* ---- the person's organisations by id ----
 *
 * With the shortcuts on (tests/scorecard/test_empty.c compares the two),
 * an organisation below ORG_MAP is found in the person's list through
 * sc->work's org_gen / org_pos instead of a scan of the list. */

#define ORG_MAP_SCAN (-2) /* org_map_find: not mapped, scan the list */

/* A new person: every organisation off the map. */
static void org_map_clear(struct carealign__sc_work *w)
{
    if (++w->org_now == 0) { /* wrapped: forget every stamp */
        memset(w->org_gen, 0, sizeof w->org_gen);
        w->org_now = 1;
    }
}

/* Whether organisations can be mapped (the shortcuts on). */
static inline int org_map_on(void)
{
    return carealign__sc_shortcuts != 0;
}

/* Organisation org at index pos of the person's list. */
static inline void org_map_put(struct carealign__sc_work *w, int32_t org, int pos)
{
    if (org >= 0 && org < ORG_MAP) {
        w->org_gen[org] = w->org_now;
        w->org_pos[org] = (unsigned char)pos;
    }
}

/* Organisation org's index in the person's list, -1 when not in it, or
 * ORG_MAP_SCAN when the map does not tell (the shortcuts off, or org
 * outside it). */
static inline int org_map_find(const carealign_scorecard *sc, int32_t org)
{
    if (!org_map_on() || org < 0 || org >= ORG_MAP)
        return ORG_MAP_SCAN;
    const struct carealign__sc_work *w = sc->work;
    return w->org_gen[org] == w->org_now ? w->org_pos[org] : -1;
}

/* The period bits of a day (bit 0 the whole period, bit 1 + p month p). */
static inline uint64_t day_bits(const carealign_scorecard *sc, int32_t day)
{
    int64_t i = (int64_t)day - sc->period_start;
    if (i >= 0 && i < sc->work->day_bits_n)
        return sc->work->day_bits[i];
    return day_bits_scan(sc, day);
}

static uint64_t day_bits_scan(const carealign_scorecard *sc, int32_t day)
{
    uint64_t b = day >= sc->period_start && day <= sc->period_end ? 1 : 0;
    for (int32_t p = 0; p < sc->n_periods; p++)
        if (day >= sc->pstart[p] && day <= sc->pend[p])
            b |= UINT64_C(1) << (p + 1);
    return b;
}

/* The scopes (indices into r->scopes) besides the system's that a record
 * at organisation org and sector (-1: the organisation's) is in, as
 * org_in_scope decides: *si the sector's and *oi the organisation's, 0
 * when none (the scopes' sectors, and their organisations, are distinct). */
static inline void record_scopes(const carealign_scorecard *sc, const records *r, int32_t org,
                                 int32_t sector, int *si, int *oi)
{
    sector = record_sector(sc, org, sector);
    *si = sector >= 0 && sector < 32 ? r->sec_scope[sector] : 0; /* scopes' sectors: 0 .. 31 */
    *oi = 0;
    int pos = org_map_find(sc, org);
    if (pos != ORG_MAP_SCAN) {
        *oi = pos >= 0 ? r->org0 + pos : 0;
        return;
    }
    for (int j = r->org0; j < r->n; j++)
        if (r->scopes[j].unit == org) {
            *oi = j;
            break;
        }
}

/* A record in scopes si and oi (0: none; record_scopes), not the system's
 * only, counted in them: cnt[j] the records of scope j, seen[oi] bit si
 * (records_classes). Without branches: a scope 0 counted in cnt[0] and
 * seen[0], which records_classes does not read (it sets cnt[0] after). */
static inline void records_tally_in(int si, int oi, size_t *cnt, uint64_t *seen)
{
    cnt[si]++;
    cnt[oi]++;
    seen[oi] |= UINT64_C(1) << si;
}

/* A contact starting in the periods b, of type t, in the system and in
 * scopes si and oi (0: none; record_scopes): its bits in the type sets
 * holding t (scope 0 the system's, which holds b anyway). */
static inline void records_contact_types(records *r, uint64_t b, int32_t t, int si, int oi)
{
    for (unsigned ts = r->tset_of[t]; ts != 0; ts &= ts - 1) {
        uint64_t *const bits = r->tsets[carealign__ctz64(ts)];
        bits[0] |= b;
        bits[si] |= b;
        bits[oi] |= b;
    }
}

/* A contact starting in the periods b in the system and in scopes si and
 * oi (0: none; record_scopes): its bits, its counts by period and its bits
 * by period (records_by_period), in one pass over b. */
static inline void records_contact(records *r, uint64_t b, int si, int oi)
{
    r->contacts[0] |= b;
    r->contacts[si] |= b; /* 0: the system's, which holds b */
    r->contacts[oi] |= b;
    const uint32_t sec = si > 0 ? UINT32_C(1) << (si - 1) : 0;
    const uint64_t org = oi > 0 ? UINT64_C(1) << (oi - r->org0) : 0;
    for (; b != 0; b &= b - 1) {
        const unsigned p = carealign__ctz64(b);
        r->ncontacts[0][p]++;
        if (si > 0)
            r->ncontacts[si][p]++;
        if (oi > 0)
            r->ncontacts[oi][p]++;
        r->con_sec[p] |= sec;
        r->con_org[p] |= org;
    }
}

static void records_init(const ctx *c, records *r, const int32_t *secs, int n_secs)
{
    const carealign_scorecard *sc = c->sc;
    r->ok = sc->n_periods < 64;
    r->n_dj = 0;
    r->n = 0;
    r->scopes[r->n++] = (scope){CAREALIGN_LEVEL_SYSTEM, -1};
    memset(r->sec_scope, 0, sizeof r->sec_scope);
    for (int i = 0; i < n_secs; i++) {
        r->sec_scope[secs[i]] = (signed char)r->n;
        r->scopes[r->n++] = (scope){CAREALIGN_LEVEL_SECTOR, secs[i]};
    }
    r->org0 = r->n;
    for (int o = 0; o < c->n_orgs; o++)
        r->scopes[r->n++] = (scope){CAREALIGN_LEVEL_ORG, c->orgs[o]};
    r->tallied = 0;
    if (!r->ok)
        return;
    memset(r->cnt, 0, (size_t)r->n * sizeof r->cnt[0]);
    memset(r->seen, 0, (size_t)r->n * sizeof r->seen[0]);
    for (int s = 0; s < r->n_tsets; s++)
        memset(r->tsets[s], 0, (size_t)r->n * sizeof r->tsets[s][0]);
    memset(r->responses, 0, (size_t)r->n * sizeof r->responses[0]);
    r->resp_vs = 0;
    r->resp_made = 0;
    if (r->counts_on) {
        memset(r->contacts, 0, (size_t)r->n * sizeof r->contacts[0]);
        memset(r->ncontacts, 0, (size_t)r->n * sizeof r->ncontacts[0]);
        records_by_period_clear(r->con_sec, r->con_org, (size_t)sc->n_periods + 1);
        for (size_t i = 0; i < c->n_contacts; i++) {
            const carealign_contact *k = &c->contacts[i];
            int si, oi;
            record_scopes(sc, r, k->org, k->sector, &si, &oi);
            records_tally_in(si, oi, r->cnt, r->seen); /* every contact */
            uint64_t b = day_bits(sc, k->start_day);
            if (b == 0)
                continue;
            int32_t t = k->type > 0 && k->type < CAREALIGN_CONTACT_TYPE_END ? k->type : 0;
            records_contact_types(r, b, t, si, oi);
            records_contact(r, b, si, oi);
        }
    } else {
        for (size_t i = 0; i < c->n_contacts; i++) { /* the tallies and type sets only */
            const carealign_contact *k = &c->contacts[i];
            int si, oi;
            record_scopes(sc, r, k->org, k->sector, &si, &oi);
            records_tally_in(si, oi, r->cnt, r->seen); /* every contact */
            int32_t t = k->type > 0 && k->type < CAREALIGN_CONTACT_TYPE_END ? k->type : 0;
            if (r->tset_of[t] != 0)
                records_contact_types(r, day_bits(sc, k->start_day), t, si, oi);
        }
    }
    for (size_t i = 0; i < c->n_resp; i++) {
        const carealign__sc_scored *q = &c->resp[i];
        int si = 0, oi = 0;
        if (q->org >= 0) { /* in_scope_resp: else the system's only */
            record_scopes(sc, r, q->org, -1, &si, &oi);
            records_tally_in(si, oi, r->cnt, r->seen); /* every response */
        }
        if (q->vs < 0 || q->vs >= MAX_VS)
            continue;
        uint64_t b = day_bits(sc, q->day);
        if (b == 0)
            continue;
        r->responses[0][q->vs] |= b;
        if (q->org < 0)
            continue;
        r->responses[si][q->vs] |= b; /* 0: the system's, which holds b */
        r->responses[oi][q->vs] |= b;
        r->resp_vs |= 1u << q->vs;
    }
    r->tallied = 1;
}

/* The discharge bits of option set j, loaded on first use; NULL when not
 * tracked. With cnt, each of its discharges also counted in the scopes it
 * is in (records_tally_in, for records_classes) at its first use (NULL,
 * nothing counted, at a later one). */
static const uint64_t *records_discharges_tally(ctx *c, records *r, int32_t j, size_t *cnt,
                                                uint64_t *seen)
{
    for (int i = 0; i < r->n_dj; i++)
        if (r->dj[i] == j)
            return cnt == NULL ? r->discharges[i] : NULL; /* counted before */
    if (r->n_dj >= MAX_DJ)
        return NULL;
    const carealign_discharge *d = NULL;
    size_t n = 0;
    carealign_status st = load_discharges(c, j, &d, &n);
    if (st != CAREALIGN_OK)
        return NULL; /* evaluate meets the same failure */
    uint64_t *bits = r->discharges[r->n_dj];
    memset(bits, 0, (size_t)r->n * sizeof *bits);
    uint32_t *sec = r->dis_sec[r->n_dj];
    uint64_t *org = r->dis_org[r->n_dj];
    records_by_period_clear(sec, org, (size_t)c->sc->n_periods + 1);
    uint64_t once = 0, twice = 0; /* the periods holding one discharge, two or more */
    for (size_t i = 0; i < n; i++) {
        int si, oi;
        record_scopes(c->sc, r, d[i].org, d[i].sector, &si, &oi);
        if (cnt != NULL)
            records_tally_in(si, oi, cnt, seen); /* every discharge */
        uint64_t b = day_bits(c->sc, d[i].day);
        if (b == 0)
            continue;
        bits[0] |= b;
        if (si > 0)
            bits[si] |= b;
        if (oi > 0)
            bits[oi] |= b;
        records_by_period(r, b, si, oi, sec, org);
        twice |= once & b;
        once |= b;
    }
    r->dis_one[r->n_dj] = once & ~twice;
    r->dj[r->n_dj++] = j;
    return bits;
}

/* records_discharges_tally without the counts. */
static inline const uint64_t *records_discharges(ctx *c, records *r, int32_t j)
{
    return records_discharges_tally(c, r, j, NULL, NULL);
}

/* ---- scopes holding the same records ----
 *
 * evaluate depends on its scope only through which of the person's records
 * are in it: contacts (org_in_scope, load_contacts, the contact loops),
 * responses (resp_in and pair_responses: all of them for the system, those
 * at an organisation in scope otherwise) and discharges (discharge_in). Two
 * scopes holding exactly the same contacts, responses and discharges give
 * the same contribution for every measure and period (the journey builders
 * hold the same contacts; the figures are the same computations on the same
 * values). A person's sector served by one of their organisations only
 * usually holds the same records as that organisation: it is evaluated once,
 * and the contribution added at both, in the same order as before. */

/* The discharges of an option set. */
typedef struct dis_list {
    const carealign_discharge *d;
    size_t n;
} dis_list;

/* A record at organisation org and sector (-1: the organisation's), not
 * the system's only, counted in the scopes it is in (record_scopes). */
static inline void records_tally(const carealign_scorecard *sc, const records *r, int32_t org,
                                 int32_t sector, size_t *cnt, uint64_t *seen)
{
    int si, oi;
    record_scopes(sc, r, org, sector, &si, &oi);
    records_tally_in(si, oi, cnt, seen);
}

/* 1 when option set j's preparation is that of an option set with a dense
 * index (carealign__journey_prep_same), else 0 (and when an option set's
 * options do not resolve); found once per scorecard. */
static int prep_shared(ctx *c, int32_t j)
{
    signed char *known = &c->sc->work->prep_dense[j];
    if (*known >= 0)
        return *known;
    const carealign__jopts *wj = NULL, *wk = NULL;
    int same = 0;
    if (resolved_options(c->sc, j, -1, &wj) == CAREALIGN_OK)
        for (int32_t k = 0; k < c->sc->n_jopts && k < MAX_JR && !same; k++)
            same = c->jd_dense[k] >= 0 && resolved_options(c->sc, k, -1, &wk) == CAREALIGN_OK &&
                   carealign__journey_prep_same(wj, wk);
    *known = (signed char)same;
    return same;
}

/* r->cls: for each scope, the first scope with the same records (itself
 * when none). Loads the discharges of every option set a measure counts
 * discharges with (the evaluations load them anyway). */
static carealign_status records_classes(ctx *c, records *r)
{
    const carealign_scorecard *sc = c->sc;
    for (int j = 0; j < r->n; j++)
        r->cls[j] = j;
    if (r->n < 2 || !carealign__sc_shortcuts)
        return CAREALIGN_OK;
    int32_t jo[MAX_DJ];
    int n_jo = 0;
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        if (!m->needs_discharges || m->jopt < 0)
            continue;
        int seen = 0;
        for (int i = 0; i < n_jo; i++)
            seen |= jo[i] == m->jopt;
        if (seen)
            continue;
        if (n_jo == MAX_DJ)
            return CAREALIGN_OK; /* too many to compare: every scope on its own */
        jo[n_jo++] = m->jopt;
    }
    dis_list dis[MAX_DJ];
    /* the option sets whose preparation the figures' option sets share
     * loaded last: the system's builder stays prepared for the figures */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n_jo; i++) {
            if (prep_shared(c, jo[i]) != pass)
                continue;
            carealign_status st = load_discharges(c, jo[i], &dis[i].d, &dis[i].n);
            if (st != CAREALIGN_OK)
                return st;
        }
    for (int i = 0; i < n_jo; i++) /* pointers after every load (work_dis may move) */
        (void)load_discharges(c, jo[i], &dis[i].d, &dis[i].n);
    size_t n_rec = c->n_contacts + c->n_resp;
    for (int i = 0; i < n_jo; i++)
        n_rec += dis[i].n;
    /* Every record is in the system, in at most one sector scope (its
     * sector, or its organisation's when it names none) and in at most one
     * organisation scope (org_in_scope; a response at no organisation is the
     * system's only): so two sectors or two organisations hold the same
     * records only when both hold none, the system the same as scope j when
     * j holds them all, and sector i the same as organisation j when both
     * hold as many and all of j's are in i. */
    size_t *const cnt = r->cnt;
    /* organisation j: bit i when one of its records is in sector scope i
     * (bit 0: in none) */
    uint64_t *const seen = r->seen;
    if (!r->tallied) { /* the contacts' and responses' (records_init's when it could) */
        memset(cnt, 0, (size_t)r->n * sizeof cnt[0]);
        memset(seen, 0, (size_t)r->n * sizeof seen[0]);
        for (size_t t = 0; t < c->n_contacts; t++)
            records_tally(sc, r, c->contacts[t].org, c->contacts[t].sector, cnt, seen);
        for (size_t t = 0; t < c->n_resp; t++)
            if (c->resp[t].org >= 0)
                records_tally(sc, r, c->resp[t].org, -1, cnt, seen);
    }
    for (int i = 0; i < n_jo; i++) {
        /* counted while their bits are made (records_init's records: a
         * first use, as many option sets as the records track), else here */
        if (r->tallied && records_discharges_tally(c, r, jo[i], cnt, seen) != NULL)
            continue;
        for (size_t t = 0; t < dis[i].n; t++)
            records_tally(sc, r, dis[i].d[t].org, dis[i].d[t].sector, cnt, seen);
    }
    cnt[0] = n_rec; /* after the tallies (records_tally_in counts scope 0 too) */
    for (int j = 1; j < r->n; j++)
        for (int i = 0; i < j; i++) {
            if (r->cls[i] != i || cnt[i] != cnt[j])
                continue;
            int same;
            if (cnt[i] == 0 || i == 0)
                same = 1;
            else if (r->scopes[i].level == r->scopes[j].level)
                same = 0; /* disjoint and not empty */
            else if (r->scopes[j].level == CAREALIGN_LEVEL_ORG)
                same = seen[j] == UINT64_C(1) << i; /* all of j's in sector scope i */
            else
                same = seen[i] == UINT64_C(1) << j;
            if (same) {
                r->cls[j] = i;
                break;
            }
        }
    return CAREALIGN_OK;
}

/* The period bits of scope j's contacts of the given types (0: any); all
 * bits (nothing proven) for bits records_init does not make (records_plan:
 * not planned for a measure's needs, or past MAX_TSETS type sets). */
static uint64_t contact_bits(const records *r, int j, uint64_t types)
{
    if (types == 0)
        return r->counts_on ? r->contacts[j] : ~UINT64_C(0);
    for (int s = 0; s < r->n_tsets; s++)
        if (r->tset_types[s] == types)
            return r->tsets[s][j];
    return ~UINT64_C(0);
}

/* The periods (bit 0 the whole period, bit 1 + p month p) in which the
 * person has some of the records measure m needs (`need` and `types`,
 * carealign__sc_needs) in scope j: in the others evaluate gives kind 0.
 * All bits when nothing is proven (and r->ok is 0: always evaluate). */
static inline uint64_t may_contribute(ctx *c, records *r, const carealign__sc_measure *m,
                                      int32_t need, uint64_t types, int j)
{
    if (!r->ok || need == CAREALIGN__SC_NEEDS_NOTHING || !carealign__sc_shortcuts)
        return ~UINT64_C(0);
    switch (need) {
    case CAREALIGN__SC_NEEDS_CONTACT: return contact_bits(r, j, types);
    case CAREALIGN__SC_NEEDS_CONTACT_MONTH: return contact_bits(r, j, types) | 1;
    case CAREALIGN__SC_NEEDS_RESPONSE:
        return m->vs < 0 || m->vs >= MAX_VS ? ~UINT64_C(0) : r->responses[j][m->vs];
    case CAREALIGN__SC_NEEDS_DISCHARGE: {
        const uint64_t *bits = records_discharges(c, r, m->jopt);
        return bits == NULL ? ~UINT64_C(0) : bits[j];
    }
    default: return ~UINT64_C(0);
    }
}

/* The period loop's visits made from the classes' may: by period bit b (0
 * .. np), sec_at[b] has bit si for the person's sector si and org_at[b] bit
 * o for their organisation o whose class may contribute in the period. */
static void scope_masks(const records *r, const uint64_t *may, int n_secs, int n_orgs, int32_t np,
                        uint32_t *sec_at, uint64_t *org_at)
{
    const uint64_t valid = carealign__low_bits64(np + 1);
    records_by_period_clear(sec_at, org_at, (size_t)np + 1);
    for (int si = 0; si < n_secs; si++)
        for (uint64_t b = may[r->cls[1 + si]] & valid; b != 0; b &= b - 1)
            sec_at[carealign__ctz64(b)] |= UINT32_C(1) << si;
    for (int o = 0; o < n_orgs; o++)
        for (uint64_t b = may[r->cls[r->org0 + o]] & valid; b != 0; b &= b - 1)
            org_at[carealign__ctz64(b)] |= UINT64_C(1) << o;
}

/* The sectors and organisations the period loop visits for measure m (of
 * `need` and `types`, carealign__sc_needs; periods up to np), by period
 * bit: those whose class may contribute in the period (may_contribute,
 * which has been asked for the system, loading the option set's
 * discharges). A class holds the same records as each of its scopes, so
 * the scopes' own records tell (records_by_period); the contact types'
 * and the months' bits come from the classes' may. Both NULL: every scope
 * (nothing proven). */
static void scope_visits(ctx *c, records *r, const carealign__sc_measure *m, int32_t need,
                         uint64_t types, int32_t np, const uint32_t **sec_at,
                         const uint64_t **org_at)
{
    *sec_at = NULL;
    *org_at = NULL;
    if (!r->ok || need == CAREALIGN__SC_NEEDS_NOTHING || !carealign__sc_shortcuts)
        return;
    if (need == CAREALIGN__SC_NEEDS_CONTACT && types == 0 && r->counts_on) {
        *sec_at = r->con_sec;
        *org_at = r->con_org;
        return;
    }
    if (need == CAREALIGN__SC_NEEDS_RESPONSE) {
        static const uint32_t no_sec[64];
        static const uint64_t no_org[64];
        if (m->vs >= 0 && m->vs < MAX_VS) { /* none: no response to the value set */
            const int has = (r->resp_vs >> m->vs) & 1;
            if (has && !((r->resp_made >> m->vs) & 1)) { /* records_init's bits: r->ok */
                records_made_by_period(r, &r->responses[0][m->vs], MAX_VS,
                                       (size_t)c->sc->n_periods + 1, r->resp_sec[m->vs],
                                       r->resp_org[m->vs]);
                r->resp_made |= 1u << m->vs;
            }
            *sec_at = has ? r->resp_sec[m->vs] : no_sec;
            *org_at = has ? r->resp_org[m->vs] : no_org;
        }
        return;
    }
    if (need == CAREALIGN__SC_NEEDS_DISCHARGE) {
        for (int i = 0; i < r->n_dj; i++) /* records_discharges' (not tracked: every scope) */
            if (r->dj[i] == m->jopt) {
                *sec_at = r->dis_sec[i];
                *org_at = r->dis_org[i];
                c->dm_one = c->shape == SHAPE_DISCHARGE ? r->dis_one[i] : 0;
            }
        return;
    }
    if (need != CAREALIGN__SC_NEEDS_CONTACT && need != CAREALIGN__SC_NEEDS_CONTACT_MONTH)
        return;
    uint64_t *may = c->sc->work->may; /* may_contribute's */
    const uint64_t month = need == CAREALIGN__SC_NEEDS_CONTACT_MONTH ? 1 : 0;
    for (int j = 1; j < r->n; j++)
        may[j] = r->cls[j] == j ? contact_bits(r, j, types) | month : 0;
    scope_masks(r, may, r->org0 - 1, r->n - r->org0, np, c->sc->work->sec_at, c->sc->work->org_at);
    *sec_at = c->sc->work->sec_at;
    *org_at = c->sc->work->org_at;
}

/* Whether a journey observation's initial population holds for n contacts
 * of the scope in the period: obs_ip_holds, or with the shortcuts on the
 * measure's range of n (carealign__sc_ip_range: c->ip_lo .. c->ip_hi). */
static inline int obs_ip_in(const ctx *c, uint32_t n)
{
    if (c->ip_ranged)
        return c->ip_lo <= n && n <= c->ip_hi;
    return obs_ip_holds(&c->crit0[CAREALIGN_CRIT_INITIAL_POPULATION], n);
}

/* A journey observation measure's visits narrowed from scope_visits' (the
 * scopes with contacts in the period, any type) to those whose number of
 * contacts in the period is in its initial population's range (obs_ip_in;
 * in the others evaluate_in gives kind 0), by period bit up to np, made
 * once per person and range; *any: the period bits in which the system or
 * one of those scopes is in the range (in the others no evaluation gives
 * more than kind 0). */
static void obs_visits(ctx *c, const records *r, int32_t np, const uint32_t **sec_at,
                       const uint64_t **org_at, uint64_t *any)
{
    struct carealign__sc_work *w = c->sc->work;
    if (!c->ipv_done || c->ipv_lo != c->ip_lo || c->ipv_hi != c->ip_hi || c->ipv_np != np) {
        const uint64_t valid = carealign__low_bits64(np + 1);
        uint64_t in = 0;
        records_by_period_clear(w->ip_sec, w->ip_org, (size_t)np + 1);
        for (int j = 0; j < r->n; j++) {
            uint64_t in_j = 0; /* the periods in which scope j is in the range */
            for (uint64_t b = r->contacts[j] & valid; b != 0; b &= b - 1) {
                const unsigned p = carealign__ctz64(b);
                if (obs_ip_in(c, r->ncontacts[j][p]))
                    in_j |= UINT64_C(1) << p;
            }
            in |= in_j;
            records_by_period(r, in_j, j < r->org0 ? j : 0, j >= r->org0 ? j : 0, w->ip_sec,
                              w->ip_org);
        }
        c->ipv_done = 1;
        c->ipv_lo = c->ip_lo;
        c->ipv_hi = c->ip_hi;
        c->ipv_np = np;
        c->ipv_any = in;
    }
    *sec_at = w->ip_sec;
    *org_at = w->ip_org;
    *any = c->ipv_any;
}

/* The atom of a SHAPE_DISCHARGE measure's initial population ip whose sum
 * over the discharges in scope, when 0, makes the population 0 (crit_dis:
 * the counted atom, or one whose at_least is above 0), or NULL. */
static const carealign__sc_atom *discharge_key(const carealign__sc_crit *ip)
{
    for (int32_t k = 0; k < ip->n; k++) {
        const carealign__sc_atom *a = &ip->atoms[k];
        if (a->kind == CAREALIGN_ATOM_PERSON)
            continue;
        if (k == ip->counted || ((a->flags & CAREALIGN_ATOM_HAS_AT_LEAST) && a->at_least > 0))
            return a;
    }
    return NULL;
}

/* A SHAPE_DISCHARGE measure's visits narrowed from scope_visits' (the
 * scopes with a discharge of its option set in the period) to those with
 * a discharge whose row is not 0 for its initial population's key atom
 * (discharge_key, dis_rows_make; in the others the population is 0 and
 * evaluate_discharges gives kind 0), by period bit up to np, in
 * sc->work's dv_sec and dv_org; *any: the period bits of those discharges.
 * Nothing changed without a key atom. */
static void discharge_visits(ctx *c, const records *r, const carealign__sc_measure *m, int32_t np,
                             const uint32_t **sec_at, const uint64_t **org_at, uint64_t *any)
{
    const carealign__sc_atom *a = discharge_key(&m->crit[CAREALIGN_CRIT_INITIAL_POPULATION]);
    const carealign_discharge *d = NULL;
    size_t n = 0;
    if (a == NULL || load_discharges(c, m->jopt, &d, &n) != CAREALIGN_OK)
        return;
    struct carealign__sc_work *w = c->sc->work;
    const uint64_t valid = carealign__low_bits64(np + 1);
    const uint32_t need = discharge_need(a);
    uint64_t in = 0;
    records_by_period_clear(w->dv_sec, w->dv_org, (size_t)np + 1);
    for (size_t i = 0; i < n; i++) {
        if ((d[i].flags & need) != need || discharge_value(&d[i], a) == 0)
            continue;
        const uint64_t b = day_bits(c->sc, d[i].day) & valid;
        if (b == 0)
            continue;
        int si, oi;
        record_scopes(c->sc, r, d[i].org, d[i].sector, &si, &oi);
        in |= b;
        records_by_period(r, b, si, oi, w->dv_sec, w->dv_org);
    }
    *sec_at = w->dv_sec;
    *org_at = w->dv_org;
    *any = in;
}

int carealign__sc_check_visits = 0;
size_t carealign__sc_visit_errors = 0, carealign__sc_visits_checked = 0;

/* carealign__sc_check_visits' check of scope_visits' answer for measure m
 * (NULL: every scope) against scope_masks of every class's may_contribute. */
CAREALIGN__NOINLINE CAREALIGN__COLD static void
visits_check(ctx *c, records *r, const carealign__sc_measure *m, int32_t need, uint64_t types,
             int32_t np, const uint32_t *sec_at, const uint64_t *org_at)
{
    if (!r->ok)
        return;
    const int n_secs = r->org0 - 1, n_orgs = r->n - r->org0;
    uint64_t may[MAX_SCOPES];
    uint32_t sec[64];
    uint64_t org[64];
    for (int j = 0; j < r->n; j++)
        may[j] = r->cls[j] == j ? may_contribute(c, r, m, need, types, j) : 0;
    scope_masks(r, may, n_secs, n_orgs, np, sec, org);
    const uint32_t sec_all = (uint32_t)carealign__low_bits64(n_secs);
    const uint64_t org_all = carealign__low_bits64(n_orgs);
    for (int32_t b = 0; b <= np; b++) {
        carealign__sc_visit_errors += (sec_at != NULL ? sec_at[b] : sec_all) != sec[b];
        carealign__sc_visit_errors += (org_at != NULL ? org_at[b] : org_all) != org[b];
    }
    carealign__sc_visits_checked++;
}

/* A context cleared for a person: every field before dis_done zero, and
 * dis_done for the scorecard's option sets (the fields after it are
 * written before they are read: not cleared, some 5 KB a person). */
static void ctx_init(ctx *c, const carealign_scorecard *sc)
{
    memset(c, 0, offsetof(ctx, dis_done));
    size_t nj = sc->n_jopts > 0 ? (size_t)sc->n_jopts : 0;
    memset(c->dis_done, 0, (nj < MAX_JR ? nj : MAX_JR) * sizeof c->dis_done[0]);
}

/* The period bits (bit 0 the whole period, bit 1 + p month p) in which the
 * person's bed days may be above 0: lib/journey's stays are made from
 * admissions and emergency admissions (from the start day to the end day
 * when given, else to a later discharge or open), the bed days of a month
 * are the days of its stays in the month, and those of the whole period
 * (options that may have no period) every stay's. Found once per person
 * (c->stays). */
static uint64_t stay_bits(ctx *c)
{
    if (!c->stays_done) {
        const carealign_scorecard *sc = c->sc;
        uint64_t b = 0;
        for (size_t i = 0; i < c->n_contacts; i++) {
            const carealign_contact *k = &c->contacts[i];
            if (k->type != CAREALIGN_CONTACT_ADMISSION &&
                k->type != CAREALIGN_CONTACT_EMERGENCY_ADMISSION)
                continue;
            const int64_t adm = k->start_day;
            const int64_t dis = (k->has & CAREALIGN_CONTACT_HAS_END) ? k->end_day : INT64_MAX;
            b |= 1;
            if (dis - adm <= 16) /* a short stay: its days' bits */
                for (int64_t d = adm; d < dis; d++)
                    b |= day_bits(sc, (int32_t)d);
            else
                for (int32_t p = 0; p < sc->n_periods && p < 63; p++)
                    if (adm <= sc->pend[p] && dis > sc->pstart[p])
                        b |= UINT64_C(1) << (p + 1);
        }
        c->stays = b;
        c->stays_done = 1;
    }
    return c->stays;
}

/* The period bits in which SHAPE_POP_JOURNEY measure m may give more than
 * kind 0 (evaluate_pop_journey: a numerator above 0): stay_bits when it
 * counts bed days, else all. */
static uint64_t pop_journey_bits(ctx *c, const carealign__sc_measure *m)
{
    const carealign__sc_crit *nc = &m->crit[CAREALIGN_CRIT_NUMERATOR];
    return nc->atoms[nc->counted].which == CAREALIGN_JF_BED_DAYS ? stay_bits(c) : ~UINT64_C(0);
}

/* Whether the SHAPE_DISCHARGE measure mi's answer in the period is
 * evaluate_discharges' kept one (c->dm_*): in a period holding one
 * discharge of the measure's option set (c->dm_one), every scope visited
 * holds it (scope_visits), and the system's answer, evaluated first, is
 * kept for every such scope. */
static inline int discharges_kept(const ctx *c, int32_t mi, int32_t period)
{
    return ((c->dm_one >> (period + 1)) & 1) && c->dm_mi1 == mi + 1 && c->dm_period == period;
}

/* *out = evaluate of measure mi in scope j, or what it reduces to for the
 * measure's shape (the journey ratio's only with the shortcuts on, so that
 * tests/scorecard/test_empty.c compares it with evaluate; a journey
 * observation's with the records, a discharge measure's and a latest
 * score's with the shortcuts on: evaluate_in). */
static void evaluate_some(ctx *c, records *r, int32_t mi, int j, int32_t period, contrib *out)
{
    c->cur_j = j;
    if (c->shape == SHAPE_JOURNEY_RATIO && carealign__sc_shortcuts)
        *out = evaluate_journey_ratio(c, mi, r->scopes[j], period);
    else if (c->shape == SHAPE_POP_JOURNEY && carealign__sc_shortcuts)
        *out = evaluate_pop_journey(c, mi, r->scopes[j], period);
    else {
        /* the contacts of the scope by period: atom_value's JF_CONTACTS */
        c->ncontacts = r->ok && r->counts_on ? r->ncontacts[j] : NULL;
        *out = evaluate(c, mi, r->scopes[j], period);
        c->ncontacts = NULL;
    }
    c->cur_j = -1;
}

/* evaluate_some of a SHAPE_DISCHARGE measure with the shortcuts on:
 * evaluate_discharges, or its kept answer (discharges_kept). Apart and
 * small: these calls need no frame of evaluate_some's size. */
CAREALIGN__NOINLINE static void evaluate_discharges_in(ctx *c, records *r, int32_t mi, int j,
                                                       int32_t period, contrib *out)
{
    if (discharges_kept(c, mi, period)) {
        *out = c->dm_out;
        return;
    }
    c->cur_j = j;
    *out = evaluate_discharges(c, mi, r->scopes[j], period);
    c->cur_j = -1;
}

/* evaluate_journey_observation of measure mi in scope j, in evaluate_some's
 * frame (c->cur_j the scope while get_jr reads it). */
static void evaluate_observation_in(ctx *c, records *r, int32_t mi, int j, int32_t period,
                                    contrib *out)
{
    c->cur_j = j;
    *out = evaluate_journey_observation(c, mi, r->scopes[j], period);
    c->cur_j = -1;
}

/* *out = evaluate's contribution (only its kind when 0: nothing is added),
 * in a period where scope j's class may contribute (may_contribute; the
 * callers skip the others): none for a journey observation whose initial
 * population does not hold. */
static inline void evaluate_in(ctx *c, records *r, int32_t mi, int j, int32_t period, contrib *out)
{
    if (c->shape == SHAPE_JOURNEY_OBSERVATION && r->ok && r->counts_on) {
        if (!obs_ip_in(c, r->ncontacts[j][period + 1]))
            out->kind = 0;
        else
            evaluate_observation_in(c, r, mi, j, period, out);
    } else if (c->shape == SHAPE_DISCHARGE && carealign__sc_shortcuts) {
        evaluate_discharges_in(c, r, mi, j, period, out);
    } else if (c->shape == SHAPE_RESPONSE_LATEST && carealign__sc_shortcuts) {
        evaluate_latest(c, mi, r->scopes[j], period, out);
    } else {
        evaluate_some(c, r, mi, j, period, out);
    }
}

/* Whether some criterion of measure m has a journey contacts atom (the
 * contacts of the period, atom_value: c->ncontacts). */
static int reads_journey_contacts(const carealign__sc_measure *m)
{
    for (int k = 0; k < 7; k++)
        for (int32_t a = 0; a < m->crit[k].n && a < CAREALIGN__SC_MAX_ATOMS; a++)
            if (m->crit[k].atoms[a].kind == CAREALIGN_ATOM_JOURNEY &&
                m->crit[k].atoms[a].which == CAREALIGN_JF_CONTACTS)
                return 1;
    return 0;
}

/* records_init's plan, from what the measures read, once per scorecard:
 * r->counts_on when a measure may read the contacts' bits, counts or bits
 * by period of every type (a need of contacts of any type, a journey
 * observation, a journey contacts atom), and a type set for each distinct
 * mask of a need of contacts of some types (up to MAX_TSETS; contact_bits
 * proves nothing for the others). */
static void records_plan(const carealign_scorecard *sc, records *r)
{
    r->counts_on = 0;
    r->n_tsets = 0;
    memset(r->tset_of, 0, sizeof r->tset_of);
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        uint64_t types = 0;
        const int32_t need =
            carealign__sc_needs(m, m->jopt >= 0 ? &sc->jopts[m->jopt] : NULL, &types);
        if (measure_shape(m) == SHAPE_JOURNEY_OBSERVATION || reads_journey_contacts(m))
            r->counts_on = 1;
        if (need != CAREALIGN__SC_NEEDS_CONTACT && need != CAREALIGN__SC_NEEDS_CONTACT_MONTH)
            continue;
        if (types == 0) {
            r->counts_on = 1;
            continue;
        }
        int k = 0;
        while (k < r->n_tsets && r->tset_types[k] != types)
            k++;
        if (k == r->n_tsets && k < MAX_TSETS)
            r->tset_types[r->n_tsets++] = types;
    }
    for (int k = 0; k < r->n_tsets; k++) {
        r->tset_of[0] |= (uint16_t)(1u << k); /* types outside the range: any type */
        for (int32_t t = 1; t < CAREALIGN_CONTACT_TYPE_END; t++)
            if (r->tset_types[k] & CAREALIGN_TYPE_BIT(t))
                r->tset_of[t] |= (uint16_t)(1u << k);
    }
}

void carealign__sc_records_plan_of(const carealign_scorecard *sc, int *counts_on, int *n_tsets)
{
    *counts_on = sc->work != NULL ? sc->work->rec.counts_on : 0;
    *n_tsets = sc->work != NULL ? sc->work->rec.n_tsets : 0;
}

/* sc->work made for the scorecard's first person: the records bits, the
 * contributions by scope class and the plans (some 27 KB, and the
 * organisation map). */
static carealign_status work_make(carealign_scorecard *sc)
{
    sc->work = carealign__malloc(sizeof *sc->work);
    if (sc->work == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
    for (int32_t mi = 0; mi < sc->n_measures && mi < PLAN_MEASURES; mi++) {
        measure_plan(&sc->measures[mi], sc->work->plan_person[mi]);
        sc->work->plan_shape[mi] = measure_shape(&sc->measures[mi]);
        ratio_plan(&sc->measures[mi], sc->work->plan_ratio[mi]);
        const carealign__sc_measure *m = &sc->measures[mi];
        sc->work->plan_need[mi] = carealign__sc_needs(m, m->jopt >= 0 ? &sc->jopts[m->jopt] : NULL,
                                                      &sc->work->plan_types[mi]);
        carealign__sc_ip_range(&m->crit[CAREALIGN_CRIT_INITIAL_POPULATION],
                               &sc->work->plan_ip[mi][0], &sc->work->plan_ip[mi][1]);
    }
    int64_t days = (int64_t)sc->period_end - sc->period_start + 1;
    sc->work->day_bits_n = days > 0 && days <= DAY_BITS && sc->n_periods < 64 ? (int32_t)days : 0;
    for (int32_t i = 0; i < sc->work->day_bits_n; i++)
        sc->work->day_bits[i] = day_bits_scan(sc, sc->period_start + i);
    sc->work->dis_figures = 0;
    for (int32_t w = 0; w < 64; w++)
        if (carealign__sc_is_discharge_figure(w))
            sc->work->dis_figures |= UINT64_C(1) << w;
    jr_parts(sc, sc->work->jr_parts, sc->work->jr_dup);
    sc->work->jr_skip = jr_sums_skip(sc);
    records_plan(sc, &sc->work->rec);
    jr_sums(sc, sc->work->jr_sums);
    sc->work->jd_n = jd_plan(sc, sc->work->jd_dense, &sc->work->jd_nper);
    memset(sc->work->prep_dense, -1, sizeof sc->work->prep_dense);
    sc->work->jper.n = 0;
    if (sc->n_periods > 0 && sc->n_periods <= JPER_MAX)
        carealign__journey_periods_init(&sc->work->jper, sc->pstart, sc->pend,
                                        (size_t)sc->n_periods, sc->work->jper_edge,
                                        sc->work->jper_at, sizeof sc->work->jper_at);
    sc->work->org_now = 0;
    memset(sc->work->org_gen, 0, sizeof sc->work->org_gen);
    return CAREALIGN_OK;
}

carealign_status carealign__sc_process_person(carealign_scorecard *sc,
                                              const carealign__sc_person *p,
                                              const carealign__sc_scored *resp, size_t n_resp,
                                              const carealign_contact *contacts, size_t n_contacts)
{
    if (p->excluded)
        return CAREALIGN_OK;
    ctx c;
    ctx_init(&c, sc);
    c.sc = sc;
    c.p = p;
    c.resp = resp;
    c.n_resp = n_resp;
    c.contacts = contacts;
    c.n_contacts = n_contacts;
    c.in_order = contacts == sc->work_contacts && sc->work_in_order;
    c.order = c.in_order ? sc->work_order : NULL;
    /* converted as they were expanded (pending.c: every status OK) */
    c.jc_done = c.jc_native = c.jc_all_ok = contacts == sc->work_contacts && sc->work_jc_ready;
    c.cur_j = -1;
    c.jper = NULL; /* the work's, once made */
    c.ip_ranged = carealign__sc_shortcuts != 0;
    for (int i = 0; i < N_AGE_SPANS; i++) {
        c.ages[i].lo = 1;
        c.ages[i].hi = 0;
    }
    /* through age_on: its memo then holds the span of the period's first
     * day, which the person atoms' first calls usually ask for */
    int32_t age_lo = 0, age_hi = 0;
    c.age_start = age_on(&c, sc->period_start, &age_lo, &age_hi);
    if (++sc->jr_gen == 0) { /* wrapped: forget every stamp */
        if (sc->jr_table != NULL) {
            memset(sc->jr_table, 0, sc->jr_cap * sizeof(uint32_t));
            memset(jd_gens(sc), 0, sc->work->jd_n * sizeof(uint32_t));
        }
        if (sc->jpool_gen != NULL)
            memset(sc->jpool_gen, 0, sc->n_jpool * sizeof *sc->jpool_gen);
        sc->jr_gen = 1;
    }
    strata str;
    person_strata(&c, &str);
    for (int i = 0; i < str.n; i++)
        str.code[i] = carealign__sc_stratum_code(sc, str.v[i]);
    if (sc->work == NULL && work_make(sc) != CAREALIGN_OK)
        return CAREALIGN_ENOMEM;
    struct carealign__sc_work *const w = sc->work;
    c.jper = &w->jper;
    org_map_clear(w);
    /* organisations and sectors the person was served by in the period */
    int32_t orgs[MAX_ORGS];
    int n_orgs = 0;
    uint32_t sectors = 0;
    for (size_t i = 0; i < n_contacts + n_resp; i++) {
        int32_t org, day, sector;
        if (i < n_contacts) {
            org = contacts[i].org;
            day = contacts[i].start_day;
            sector = contacts[i].sector;
        } else {
            org = resp[i - n_contacts].org;
            day = resp[i - n_contacts].day;
            if (org < 0)
                continue;
            sector = sc->orgs[org].sector;
        }
        if (day < sc->period_start || day > sc->period_end)
            continue;
        if (sector >= 0 && sector < 32)
            sectors |= UINT32_C(1) << sector;
        int found = org_map_find(sc, org);
        if (found == ORG_MAP_SCAN) {
            found = -1;
            for (int k = 0; k < n_orgs; k++)
                if (orgs[k] == org)
                    found = k;
        }
        if (found < 0 && n_orgs < MAX_ORGS) {
            org_map_put(w, org, n_orgs);
            orgs[n_orgs++] = org;
        }
    }
    /* deterministic order of the organisations */
    for (int i = 1; i < n_orgs; i++)
        for (int k = i; k > 0 && orgs[k - 1] > orgs[k]; k--) {
            int32_t t = orgs[k];
            orgs[k] = orgs[k - 1];
            orgs[k - 1] = t;
        }
    for (int k = 0; k < n_orgs; k++) /* their places once sorted */
        org_map_put(w, orgs[k], k);
    c.orgs = orgs;
    c.n_orgs = n_orgs;
    /* the sectors, ascending */
    int32_t secs[32];
    int n_secs = 0;
    for (uint32_t sb = sectors; sb != 0; sb &= sb - 1) /* their bits only */
        secs[n_secs++] = (int32_t)carealign__ctz64(sb);
    c.dis_figures = sc->work->dis_figures;
    c.jr_parts = sc->work->jr_parts;
    c.jr_dup = sc->work->jr_dup;
    c.jr_skip = sc->work->jr_skip;
    c.jr_sums = sc->work->jr_sums;
    c.jd_dense = sc->work->jd_dense;
    c.jd_nper = sc->work->jd_nper;
    c.jd_n = sc->work->jd_n;
    /* the direct table with the shortcuts on only (tests/scorecard/test_empty.c
     * compares it with the hash table) */
    if (jr_table_ready(&c) && c.jd_n > 0 && carealign__sc_shortcuts) {
        c.jd_g = jd_gens(sc);
        c.jd_t = jd_tab(sc, c.jd_n);
    }
    records *const rp = &sc->work->rec;
    records_init(&c, rp, secs, n_secs);
    carealign_status st = records_classes(&c, rp);
    if (st != CAREALIGN_OK)
        return st;
    /* contributions of the measure and period, by scope class (done[j] != 0) */
    carealign__sc_strata_lists(sc, &str);
    carealign__sc_fine_person(sc, &str);
    carealign__sc_adds ad;
    contrib *const kc = sc->work->kc;
    /* done[j] == gen: kc[j] is the contribution of the measure and period */
    uint32_t done[MAX_SCOPES], gen = 0;
    memset(done, 0, (size_t)rp->n * sizeof done[0]);
    /* every sector and organisation of the person (the scopes visited when
     * nothing is proven: scope_visits' NULL) */
    const uint32_t sec_all = (uint32_t)carealign__low_bits64(n_secs);
    const uint64_t org_all = carealign__low_bits64(n_orgs);
    for (int32_t mi = 0; mi < sc->n_measures && st == CAREALIGN_OK; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        uint64_t types = 0;
        int32_t need;
        int32_t np = m->periods ? sc->n_periods : 0;
        c.crit0 = m->crit;
        if (mi < PLAN_MEASURES) {
            memcpy(c.crit_person, sc->work->plan_person[mi], sizeof c.crit_person);
            c.shape = sc->work->plan_shape[mi];
            memcpy(c.ratio_plan, sc->work->plan_ratio[mi], sizeof c.ratio_plan);
            need = sc->work->plan_need[mi];
            types = sc->work->plan_types[mi];
            c.ip_lo = sc->work->plan_ip[mi][0];
            c.ip_hi = sc->work->plan_ip[mi][1];
        } else {
            measure_plan(m, c.crit_person);
            c.shape = measure_shape(m);
            ratio_plan(m, c.ratio_plan);
            carealign__sc_ip_range(&m->crit[CAREALIGN_CRIT_INITIAL_POPULATION], &c.ip_lo, &c.ip_hi);
            need = carealign__sc_needs(m, m->jopt >= 0 ? &sc->jopts[m->jopt] : NULL, &types);
        }
        /* the periods each scope class may contribute in (the discharges of
         * the measure's option set loaded here, before its first evaluation) */
        uint64_t *const may = sc->work->may;
        /* the system holds every record of every scope (records_init,
         * records_discharges): its periods are all those some class may
         * contribute in; a population-based measure is evaluated for the
         * system only */
        may[0] = may_contribute(&c, rp, m, need, types, 0);
        uint64_t any = rp->ok ? may[0] : ~UINT64_C(0);
        if (c.shape == SHAPE_POP_JOURNEY && carealign__sc_shortcuts)
            any &= pop_journey_bits(&c, m);
        /* the sectors and organisations visited in each period (NULL: all) */
        const uint32_t *sec_at = NULL;
        const uint64_t *org_at = NULL;
        c.dm_one = 0;
        if (!m->pop_denominator) {
            scope_visits(&c, rp, m, need, types, np, &sec_at, &org_at);
            if (carealign__sc_check_visits)
                visits_check(&c, rp, m, need, types, np, sec_at, org_at);
            /* a journey observation whose range leaves out some scopes with
             * contacts (not 1 or more) */
            if (c.shape == SHAPE_JOURNEY_OBSERVATION && c.ip_ranged && sec_at == rp->con_sec &&
                (c.ip_lo > 1 || c.ip_hi != UINT32_MAX)) {
                uint64_t in;
                obs_visits(&c, rp, np, &sec_at, &org_at, &in);
                any &= in;
            }
            /* a discharge measure: the discharges its population can count */
            if (c.shape == SHAPE_DISCHARGE && sec_at != NULL) {
                uint64_t in = any;
                discharge_visits(&c, rp, m, np, &sec_at, &org_at, &in);
                any &= in;
            }
        }
        int begun = 0; /* ad is at an earlier period of the measure */
        for (int32_t period = -1; period < np && st == CAREALIGN_OK; period++) {
            if (rp->ok) { /* to the next period some class may contribute in: in the
                           * others every evaluation would give kind 0 (evaluate_in) */
                const uint64_t rest = any >> (period + 1); /* period + 1 <= np < 64 */
                if (rest == 0)
                    break;
                period += (int32_t)carealign__ctz64(rest);
                if (period >= np)
                    break;
            }
            gen++;
            const contrib *k = &kc[0];
            evaluate_in(&c, rp, mi, 0, period, &kc[0]);
            if (c.error != CAREALIGN_OK)
                return c.error;
            done[0] = gen;
            if (begun && period >= 0)
                carealign__sc_adds_next(&ad, period, k);
            else {
                carealign__sc_adds_begin(&ad, sc, mi, period, &str);
                (void)carealign__sc_adds_prefetch_units(&ad, orgs, n_orgs, secs, n_secs);
            }
            begun = 1;
            if (k->kind != 0) {
                st = carealign__sc_adds_add(&ad, k, CAREALIGN_LEVEL_SYSTEM, -1);
                if (m->pop_denominator)
                    continue; /* populations exist for the system only */
                for (int o = 0; o < n_orgs && st == CAREALIGN_OK; o++)
                    st = carealign__sc_adds_add(&ad, k, CAREALIGN_LEVEL_COHORT, orgs[o]);
            }
            if (m->pop_denominator)
                continue;
            /* the scopes whose class may contribute (in the others evaluate_in
             * would give kind 0), ascending */
            const uint32_t sec_in = sec_at != NULL ? sec_at[period + 1] : sec_all;
            const uint64_t org_in = org_at != NULL ? org_at[period + 1] : org_all;
            for (uint32_t sm = sec_in; sm != 0 && st == CAREALIGN_OK; sm &= sm - 1) {
                const int si = (int)carealign__ctz64(sm);
                int32_t sec = secs[si];
                int rep = rp->cls[1 + si];
                if (done[rep] != gen) {
                    evaluate_in(&c, rp, mi, rep, period, &kc[rep]);
                    if (c.error != CAREALIGN_OK)
                        return c.error;
                    done[rep] = gen;
                }
                if (kc[rep].kind != 0)
                    st = carealign__sc_adds_add(&ad, &kc[rep], CAREALIGN_LEVEL_SECTOR, sec);
            }
            for (uint64_t om = org_in; om != 0 && st == CAREALIGN_OK; om &= om - 1) {
                const int o = (int)carealign__ctz64(om);
                int rep = rp->cls[1 + n_secs + o];
                if (done[rep] != gen) {
                    evaluate_in(&c, rp, mi, rep, period, &kc[rep]);
                    if (c.error != CAREALIGN_OK)
                        return c.error;
                    done[rep] = gen;
                }
                if (kc[rep].kind != 0)
                    st = carealign__sc_adds_add(&ad, &kc[rep], CAREALIGN_LEVEL_ORG, orgs[o]);
            }
        }
    }
    return st;
}
