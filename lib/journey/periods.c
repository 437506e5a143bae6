/* The scorecard's figures of a period: carealign__journey_compute_period
 * (journey.c) without what the scorecard reads elsewhere (the discharges,
 * the reablement), the per-contact work done once for every period of a
 * preparation.
 *
 * Once per preparation (carealign__journey_prepare clears j->fig_for),
 * passes over the contacts in content order keep running sums of what a
 * period adds up (activity, staff minutes, cost, unpriced contacts,
 * long-term care-home admissions, assessments, duplicate assessments) and
 * mark the contacts the continuity sequence keeps, in three parts made
 * again only for an option set whose options they depend on differ. A
 * period is then differences of sums and a short loop over its run for the
 * sectors, the organisations and the continuity counts. The sums are taken
 * modulo 2^64: a difference is the period's sum exactly whenever
 * compute_period's own int64 sum does not overflow.
 *
 * The pass applies when no contact names a professional, every organisation
 * is below 64 and the same-day rule is "keep" or "collapse"; otherwise each
 * period is compute_period's.
 *
 * The scorecard's sectors and organisations read their sums from the
 * builder of every contact (carealign__journey_figures_within scans a
 * period for one scope's; carealign__journey_within_bins adds each
 * contact's part of the running sums to its organisation's and its
 * sector's rows of its period once, and every scope and period is then a
 * row, with each sector's duplicate assessments). */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "core/bits.h"
#include "core/internal.h"
#include "journey/figures.h"
#include "journey/internal.h"

/* The running sums of the contacts before i, row i of n + 1 (FIG_N sums a
 * row: a period's figures are the differences of two rows). */
enum { FIG_ACTIVITY, FIG_STAFF, FIG_COST, FIG_UNPRICED, FIG_LTCH, FIG_ASSESS, FIG_DUP, FIG_N };

/* The block for n contacts (its parts forgotten when it moves); 0 when
 * out of memory. */
static int fig_reserve(carealign_journey *j, size_t n)
{
    if (n + 1 <= j->fig_cap)
        return 1;
    size_t cap = j->fig_cap ? j->fig_cap : 16;
    while (cap < n + 1)
        cap *= 2;
    void *p = carealign__realloc_array(j->fig_block, cap, FIG_N * sizeof(uint64_t) + 1);
    if (p == NULL)
        return 0;
    j->fig_block = p;
    j->fig_cap = cap;
    j->fig_zero = 0;
    j->fig_parts = 0;
    return 1;
}

/* build_base's pass; `plain` and `priced` (constants where it is called):
 * plain, every contact's activity is 1 and none has a cost of its own, so
 * that the compiler drops their reads and the overflow check they need;
 * priced 0, only the staff minutes summed, the activity, cost, unpriced
 * contacts and long-term care-home admissions left 0 (no caller reads
 * them: carealign__journey_set_sums). */
static inline int build_base_pass(carealign_journey *j, const carealign__jopts *o, const int plain,
                                  const int priced)
{
    const carealign_journey_options *p = &o->raw;
    const carealign__jcols *c = &j->k;
    const carealign__jview *kv = &j->kv;
    const int32_t *const c_type = c->type, *const c_org = c->org, *const c_sector = c->sector;
    const int32_t *const c_staff = kv->staff;
    const int64_t *const c_activity = kv->activity, *const c_cost = kv->cost;
    const size_t st_mask = kv->st, ac_mask = kv->ac, co_mask = kv->co;
    const int64_t *unit_costs = p->unit_costs;
    const size_t n_cost_types = p->n_cost_types, n_cost_sectors = p->n_cost_sectors;
    const size_t n = j->n;
    uint64_t *const sa = (uint64_t *)j->fig_block + FIG_ACTIVITY,
                    *const ss = (uint64_t *)j->fig_block + FIG_STAFF,
                    *const sc = (uint64_t *)j->fig_block + FIG_COST,
                    *const su = (uint64_t *)j->fig_block + FIG_UNPRICED,
                    *const sl = (uint64_t *)j->fig_block + FIG_LTCH;
    uint64_t act_sum = 0, staff = 0, cost = 0, unpriced = 0, ltch = 0;
    uint32_t orall = 0;
    if (!priced) {
        /* the staff minutes; the other sums 0, written in the rows that
         * do not hold 0 already (fig_zero) */
        for (size_t i = 0; i < n; i++) {
            ss[i * FIG_N] = staff;
            staff += (uint64_t)(int64_t)c_staff[i & st_mask];
            orall |= (uint32_t)c_org[i];
        }
        ss[n * FIG_N] = staff;
        for (size_t i = j->fig_zero; i <= n; i++)
            sa[i * FIG_N] = sc[i * FIG_N] = su[i * FIG_N] = sl[i * FIG_N] = 0;
        if (j->fig_zero < n + 1)
            j->fig_zero = n + 1;
        j->fig_unit = unit_costs;
        j->fig_nt = n_cost_types;
        j->fig_ns = n_cost_sectors;
        return (orall >> 6) == 0;
    }
    j->fig_zero = 0; /* the rows written below */
    for (size_t i = 0; i < n; i++) {
        sa[i * FIG_N] = act_sum;
        ss[i * FIG_N] = staff;
        sc[i * FIG_N] = cost;
        su[i * FIG_N] = unpriced;
        sl[i * FIG_N] = ltch;
        staff += (uint64_t)(int64_t)c_staff[i & st_mask];
        orall |= (uint32_t)c_org[i];
        if (!priced)
            continue;
        const int32_t type = c_type[i], sector = c_sector[i];
        const int64_t act = plain ? 1 : c_activity[i & ac_mask];
        const int64_t given_cost = plain ? INT64_MIN : c_cost[i & co_mask];
        act_sum += (uint64_t)act;
        if (given_cost != INT64_MIN) {
            cost += (uint64_t)given_cost;
        } else {
            int64_t unit = INT64_MIN;
            if (unit_costs != NULL && (size_t)type < n_cost_types &&
                (size_t)sector < n_cost_sectors)
                unit = unit_costs[(size_t)type * n_cost_sectors + (size_t)sector];
            if (unit != INT64_MIN && unit >= 0 && ((uint64_t)act <= 1 || unit <= INT64_MAX / act))
                cost += (uint64_t)(unit * act);
            else
                unpriced++;
        }
        ltch += type == CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM;
    }
    sa[n * FIG_N] = act_sum;
    ss[n * FIG_N] = staff;
    sc[n * FIG_N] = cost;
    su[n * FIG_N] = unpriced;
    sl[n * FIG_N] = ltch;
    j->fig_unit = unit_costs;
    j->fig_nt = n_cost_types;
    j->fig_ns = n_cost_sectors;
    return (orall >> 6) == 0;
}

/* The option-free sums and those of the unit costs of o (but those
 * j->fig_skip leaves out); 1 when every organisation is below 64. */
static int build_base(carealign_journey *j, const carealign__jopts *o)
{
    const carealign__jview *kv = &j->kv;
    const uint32_t staff_only = CAREALIGN__SUMS_PRICED | CAREALIGN__SUMS_LTCH;
    if ((j->fig_skip & staff_only) == staff_only)
        return build_base_pass(j, o, 1, 0);
    if (kv->ac == 0 && kv->co == 0 && kv->activity[0] == 1 && kv->cost[0] == INT64_MIN)
        return build_base_pass(j, o, 1, 1); /* the columns' defaults */
    return build_base_pass(j, o, 0, 1);
}

/* The sums of the assessments and duplicate assessments of o. */
static void build_assess(carealign_journey *j, const carealign__jopts *o)
{
    const carealign__jcols *c = &j->k;
    const int32_t *const c_start = c->start, *const c_type = c->type, *const c_org = c->org;
    const int32_t *const c_subtype = j->kv.subtype;
    const size_t su_mask = j->kv.su;
    const uint64_t atypes = o->assessment_types;
    const int64_t dup_days = o->duplicate_days;
    const size_t n = j->n;
    uint64_t *const sa = (uint64_t *)j->fig_block + FIG_ASSESS, *const sd =
                                                                    (uint64_t *)j->fig_block +
                                                                    FIG_DUP;
    uint64_t assess = 0, dup = 0;
    j->fig_atypes = atypes;
    j->fig_dup = dup_days;
    if (j->fig_skip & CAREALIGN__SUMS_ASSESS) { /* no caller reads them */
        for (size_t i = 0; i <= n; i++)
            sa[i * FIG_N] = sd[i * FIG_N] = 0;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        sa[i * FIG_N] = assess;
        sd[i * FIG_N] = dup;
        if (atypes & CAREALIGN_TYPE_BIT(c_type[i])) {
            assess++;
            dup += (uint64_t)earlier_other_org(c_start, c_type, c_org, c_subtype, su_mask, i,
                                               dup_days);
        }
    }
    sa[n * FIG_N] = assess;
    sd[n * FIG_N] = dup;
}

/* The contacts the continuity sequence of o keeps, marked for the
 * "collapse" rule; for "keep" (a contact kept when its type is a
 * continuity type) no marks: fig_run reads the types. */
static void build_kept(carealign_journey *j, const carealign__jopts *o)
{
    j->fig_ctypes = o->continuity_types;
    j->fig_same_day = o->same_day;
    if (o->same_day != CAREALIGN_SAMEDAY_COLLAPSE)
        return;
    const int32_t *const c_start = j->k.start, *const c_type = j->k.type, *const c_org = j->k.org;
    const uint64_t ctypes = o->continuity_types;
    const size_t n = j->n;
    unsigned char *const kept = (unsigned char *)((uint64_t *)j->fig_block + FIG_N * j->fig_cap);
    uint64_t daybits = 0;
    int32_t day = INT32_MIN;
    for (size_t i = 0; i < n; i++) {
        unsigned char is_c = (unsigned char)((ctypes >> c_type[i]) & 1u);
        if (is_c) {
            /* collapse() in journey.c: one entry per organisation and day,
             * the first in content order (a period holds whole days) */
            if (c_start[i] != day) {
                day = c_start[i];
                daybits = 0;
            }
            const uint64_t bit = UINT64_C(1) << ((uint32_t)c_org[i] & 63u);
            is_c = (daybits & bit) == 0;
            daybits |= bit;
        }
        kept[i] = is_c;
    }
}

#define FIG_BASE 1u
#define FIG_ASSESSED 2u
#define FIG_KEPT 4u
/* the kept marks were checked against the options j->fig_for (cleared when
 * those change): only periods asked for the run read them */
#define FIG_KEPT_CHECKED 8u
/* the bounds of the periods of j->fig_pl (build_bounds) */
#define FIG_BOUNDS 16u
/* the bed days by period of j->fig_pl (build_beds) */
#define FIG_BEDS 32u

/* The kept marks of the options o, made again only when the options they
 * depend on differ from those they were made under. */
static void fig_kept(carealign_journey *j, const carealign__jopts *o)
{
    if (!(j->fig_parts & FIG_KEPT) || j->fig_ctypes != o->continuity_types ||
        j->fig_same_day != o->same_day) {
        build_kept(j, o);
        j->fig_parts |= FIG_KEPT;
    }
    j->fig_parts |= FIG_KEPT_CHECKED;
}

/* The sums of the prepared contacts under the options o (whose period is
 * not read), each part made again only when the options it depends on
 * differ from those it was made under, and the kept marks when `run` (else
 * at the first period that reads them, fig_kept); 0 when the pass does not
 * apply. */
static int fig_build(carealign_journey *j, const carealign__jopts *o, int run)
{
    if (j->n_prof > 0 ||
        (o->same_day != CAREALIGN_SAMEDAY_KEEP && o->same_day != CAREALIGN_SAMEDAY_COLLAPSE) ||
        !fig_reserve(j, j->n))
        return 0;
    const carealign_journey_options *p = &o->raw;
    if (!(j->fig_parts & FIG_BASE) || j->fig_unit != p->unit_costs ||
        j->fig_nt != p->n_cost_types || j->fig_ns != p->n_cost_sectors) {
        j->fig_orgs_ok = build_base(j, o);
        j->fig_parts |= FIG_BASE;
    }
    if (!(j->fig_parts & FIG_ASSESSED) || j->fig_atypes != o->assessment_types ||
        j->fig_dup != o->duplicate_days) {
        build_assess(j, o);
        j->fig_parts |= FIG_ASSESSED;
    }
    j->fig_parts &= ~FIG_KEPT_CHECKED;
    if (run)
        fig_kept(j, o);
    return j->fig_orgs_ok;
}

/* fig_period's organisations, continuity contacts and hand-offs of the run
 * c[i0..i1) (and the continuity counts and indices with
 * CAREALIGN__FIG_CONTINUITY). `keep` (a constant where it is called): the
 * same-day rule of the marks is "keep", so that a contact is kept when its
 * type is a continuity type (fig_ctypes), read here rather than from marks
 * (build_kept makes none for it). */
static inline void fig_run(carealign_journey *j, const carealign__jopts *o, size_t i0, size_t i1,
                           carealign_journey_result *r, unsigned parts, const int keep)
{
    const unsigned char *const kept =
        (const unsigned char *)((const uint64_t *)j->fig_block + FIG_N * j->fig_cap);
    const int32_t *const c_type = j->k.type;
    const uint64_t ctypes = j->fig_ctypes;
#define KEPT(i) (keep ? (size_t)((ctypes >> c_type[(i)]) & 1u) : (size_t)kept[(i)])
    const int32_t *const c_org = j->k.org;
    if ((parts & CAREALIGN__FIG_CONTINUITY) == 0) {
        /* the loop below without the continuity counts */
        uint64_t ob = 0;
        int32_t prev = -1;
        size_t m = 0, h = 0;
        for (size_t i = i0; i < i1; i++) {
            const int32_t org = c_org[i];
            const size_t is_c = KEPT(i);
            ob |= carealign__bit64((uint32_t)org);
            h += is_c & (size_t)(org != prev);
            prev ^= (prev ^ org) & -(int32_t)is_c;
            m += is_c;
        }
        h -= m > 0;
        r->n_organisations = (int32_t)popcount64(ob);
        r->continuity_contacts = (int32_t)m;
        r->n_handoffs = (int32_t)h;
        return;
    }
    uint32_t *ocnt = j->ocnt;
    uint64_t orgbits = 0, cbits = 0;
    int32_t prev_id = -1;
    size_t m0 = 0, hand = 0;
    for (size_t i = i0; i < i1; i++) {
        const int32_t org = c_org[i];
        const size_t is_c = KEPT(i);
        orgbits |= carealign__bit64((uint32_t)org);
        hand += is_c & (size_t)(org != prev_id);
        prev_id ^= (prev_id ^ org) & -(int32_t)is_c;
        m0 += is_c;
        cbits |= (uint64_t)is_c << org;
        ocnt[org] += (uint32_t)is_c;
    }
    double sumsq, cmax, kd;
    org_counts(cbits, ocnt, &sumsq, &cmax, &kd);
    hand -= m0 > 0;
    r->n_organisations = (int32_t)popcount64(orgbits);
    set_org_continuity(r, m0, hand, sumsq, cmax, kd, o->min_contacts);
    /* no professional named: an empty professional sequence */
    r->prof_continuity_contacts = 0;
    r->prof_coc = r->prof_upc = r->prof_secon = r->prof_mmci = r->prof_fragmentation = NAN;
    r->flags |= CAREALIGN_JR_PROF_CONTINUITY_NA;
#undef KEPT
}

/* The figures of the run c[i0..i1) from the sums: compute_period's fused
 * pass, its usual-case loop for the continuity counts (j->ocnt, zero again
 * after) and its continuity indices (for at most 64 ids the counts give
 * continuity()'s sums exactly, in any order). */
CAREALIGN__ALWAYS_INLINE static inline void fig_period(carealign_journey *j,
                                                       const carealign__jopts *o, size_t i0,
                                                       size_t i1, carealign_journey_result *r,
                                                       unsigned parts)
{
    if (!(parts & CAREALIGN__FIG_NO_SUMS)) {
        const uint64_t *const s = (const uint64_t *)j->fig_block;
        const uint64_t *const s0 = s + i0 * FIG_N, *const s1 = s + i1 * FIG_N;
#define FIG(f) (s1[f] - s0[f])
        r->activity = (int64_t)FIG(FIG_ACTIVITY);
        r->staff_minutes = (int64_t)FIG(FIG_STAFF);
        r->cost_pence = (int64_t)FIG(FIG_COST);
        r->n_unpriced = (int32_t)FIG(FIG_UNPRICED);
        r->n_lt_care_home_admissions = (int32_t)FIG(FIG_LTCH);
        r->n_assessments = (int32_t)FIG(FIG_ASSESS);
        r->n_duplicate_assessments = (int32_t)FIG(FIG_DUP);
#undef FIG
        if (r->n_unpriced > 0)
            r->flags |= CAREALIGN_JR_UNPRICED_ACTIVITY;
    }
    if (parts & CAREALIGN__FIG_SECTORS) {
        const int32_t *const c_sector = j->k.sector;
        uint32_t sec = 0;
        for (size_t i = i0; i < i1; i++)
            sec |= (uint32_t)carealign__bit64((uint32_t)c_sector[i]);
        r->n_sectors = (int32_t)popcount64(sec & ~(UINT32_C(1) << CAREALIGN_SECTOR_UNKNOWN));
    }
    if ((parts & CAREALIGN__FIG_RUN) == 0)
        return;
    if (j->fig_same_day == CAREALIGN_SAMEDAY_KEEP)
        fig_run(j, o, i0, i1, r, parts, 1);
    else
        fig_run(j, o, i0, i1, r, parts, 0);
}

/* The first index from i on whose start day is at least `day`, every
 * contact before i starting before it: a few steps, then halving. */
static inline size_t fig_from(const int32_t *c_start, size_t n, size_t i, int32_t day)
{
    const size_t lim = n - i < 4 ? n : i + 4;
    while (i < lim && c_start[i] < day)
        i++;
    if (i == lim && i < n)
        i += lower_bound(c_start + i, n - i, day);
    return i;
}

static int same_list(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
    return na == nb && (na == 0 || memcmp(a, b, na * sizeof *a) == 0);
}

int carealign__journey_prep_same(const carealign__jopts *a, const carealign__jopts *b)
{
    /* what carealign__journey_prepare and its build_stays read */
    const carealign_journey_options *p = &a->raw, *q = &b->raw;
    return a->stay_sectors == b->stay_sectors && a->followup_types == b->followup_types &&
           a->readmission_days == b->readmission_days &&
           same_list(p->discharge_excluded_destinations, p->n_discharge_excluded_destinations,
                     q->discharge_excluded_destinations, q->n_discharge_excluded_destinations) &&
           same_list(p->readmission_excluded_methods, p->n_readmission_excluded_methods,
                     q->readmission_excluded_methods, q->n_readmission_excluded_methods);
}

void carealign__journey_figures_period(carealign_journey *j, const carealign__jopts *o0,
                                       const carealign__jopts *o, carealign_journey_result *r)
{
    carealign__journey_figures_some(j, o0, o, r, CAREALIGN__FIG_ALL);
}

int carealign__journey_periods_init(carealign__jperiods *pl, const int32_t *ps, const int32_t *pe,
                                    size_t n, int32_t *edge, unsigned char *at, size_t at_cap)
{
    pl->n = 0;
    if (n == 0 || n >= UCHAR_MAX || pe[n - 1] == INT32_MAX)
        return 0;
    for (size_t k = 0; k + 1 < n; k++)
        if (ps[k] > pe[k] || (int64_t)pe[k] + 1 != ps[k + 1])
            return 0;
    const int64_t span = (int64_t)pe[n - 1] + 1 - ps[0];
    if (ps[n - 1] > pe[n - 1] || span + 2 > (int64_t)at_cap)
        return 0;
    at[0] = 0; /* before the first period */
    for (size_t k = 0; k < n; k++) {
        edge[k] = ps[k];
        for (int32_t d = ps[k]; d <= pe[k]; d++)
            at[1 + (d - ps[0])] = (unsigned char)(k + 1);
    }
    edge[n] = pe[n - 1] + 1;
    at[span + 1] = (unsigned char)(n + 1); /* after the last */
    pl->edge = edge;
    pl->at = at;
    pl->span = (size_t)span;
    pl->n = n;
    return 1;
}

/* The first contact of each period k of pl, b[k], and b[pl->n] the first
 * after the last period (so that period k's contacts are b[k] to
 * b[k + 1] - 1), in j->fig_pb; 0 when out of memory. Without a branch on
 * the days: the contacts counted by the period their day falls in (0
 * before the first, n + 1 after the last: pl->at), then summed. */
static int build_bounds(carealign_journey *j, const carealign__jperiods *pl)
{
    const size_t np = pl->n, n = j->n;
    if (n > UINT32_MAX)
        return 0;
    if (!carealign__journey_grow_array((void **)&j->fig_pb, &j->fig_pbcap, np + 2,
                                       sizeof(uint32_t)))
        return 0;
    uint32_t *const h = j->fig_pb;
    memset(h, 0, (np + 2) * sizeof *h);
    const int32_t *const c_start = j->k.start;
    const unsigned char *const at = pl->at;
    const int64_t e0 = pl->edge[0], last = (int64_t)pl->span + 1;
    for (size_t i = 0; i < n; i++) {
        int64_t u = (int64_t)c_start[i] - e0 + 1;
        u = u < 0 ? 0 : u;
        u = u > last ? last : u;
        h[at[u]]++;
    }
    for (size_t k = 1; k <= np; k++)
        h[k] += h[k - 1];
    return 1;
}

/* The bed days of the stays in each period k of pl, j->fig_bed[k] (the sum
 * over the stays of clip_len(adm, dis, edge[k], edge[k + 1]), the stays
 * whose admission is not known left out, as
 * carealign__journey_period_days_some does with a period), and in
 * fig_bed[pl->n] those of the whole list (the periods follow one another:
 * the sum of the periods'); 0 when out of memory. Each stay walks only the
 * periods it overlaps. */
static int build_beds(carealign_journey *j, const carealign__jperiods *pl)
{
    const size_t np = pl->n;
    if (!carealign__journey_grow_array((void **)&j->fig_bed, &j->fig_bedcap, np + 1,
                                       sizeof(int64_t)))
        return 0;
    int64_t *const bed = j->fig_bed;
    const int32_t *const edge = pl->edge;
    const int64_t e0 = edge[0], en = edge[np];
    memset(bed, 0, (np + 1) * sizeof *bed);
    int64_t all = 0;
    for (size_t s = 0; s < j->n_stays; s++) {
        const carealign__stay *st = &j->stays[s];
        int64_t a = st->adm > e0 ? st->adm : e0;
        const int64_t b = st->dis < en ? st->dis : en;
        if (st->adm_unknown || b <= a)
            continue;
        all += b - a;
        /* the period of day a (in the list: at[1 + a - e0] is 1 + it) */
        for (size_t k = (size_t)pl->at[1 + (a - e0)] - 1; a < b; k++) {
            const int64_t end = edge[k + 1] < b ? edge[k + 1] : b;
            bed[k] += end - a;
            a = end;
        }
    }
    bed[np] = all;
    return 1;
}

/* The bed days of o's period from build_beds' table (made at the first
 * call of the preparation that reads it) into *bed, and 1, when j has a
 * period list and o's period is one of its periods or the whole list;
 * else 0. The table's index is found from o's period, so that figures_body
 * keeps nothing of the list's for it. */
static inline int fig_bed_days(carealign_journey *j, const carealign__jopts *o, int64_t *bed)
{
    const carealign__jperiods *const pl = j->fig_pl;
    if (pl == NULL || pl->n == 0 || !o->has_period)
        return 0;
    const int64_t u = (int64_t)o->ps - pl->edge[0], end = (int64_t)o->pe + 1;
    if (u < 0 || u >= (int64_t)pl->span)
        return 0;
    size_t k = (size_t)pl->at[1 + u] - 1;
    if (pl->edge[k] != o->ps || pl->edge[k + 1] != end) {
        if (u != 0 || pl->edge[pl->n] != end)
            return 0;
        k = pl->n; /* the whole list */
    }
    if (!(j->fig_parts & FIG_BEDS)) {
        if (!build_beds(j, pl))
            return 0;
        j->fig_parts |= FIG_BEDS;
    }
    *bed = j->fig_bed[k];
    return 1;
}

/* figures_some, and figures_in with pl: the run of o is the contacts of
 * pl's periods k0 to k1 - 1, their bounds from build_bounds' table */
CAREALIGN__ALWAYS_INLINE static inline void
figures_body(carealign_journey *j, const carealign__jopts *o0, const carealign__jopts *o,
             carealign_journey_result *r, unsigned parts, const carealign__jperiods *pl, size_t k0,
             size_t k1)
{
    if (j->fig_for != o0) {
        if (j->fig_for == NULL) /* a new preparation: every part made again */
            j->fig_parts = 0;
        j->fig_usable = fig_build(j, o0, (parts & CAREALIGN__FIG_RUN) != 0);
        j->fig_for = o0;
        j->fig_i = SIZE_MAX; /* no period yet */
    }
    if (!j->fig_usable) {
        carealign__journey_compute_period(j, o, r);
        return;
    }
    if ((parts & CAREALIGN__FIG_RUN) && !(j->fig_parts & FIG_KEPT_CHECKED))
        fig_kept(j, o0);
    const size_t n = j->n;
    size_t i0, i1;
    if (pl != NULL && (j->fig_parts & FIG_BOUNDS)) {
        i0 = j->fig_pb[k0];
        i1 = j->fig_pb[k1];
    } else if (pl != NULL && build_bounds(j, pl)) {
        j->fig_parts |= FIG_BOUNDS;
        i0 = j->fig_pb[k0];
        i1 = j->fig_pb[k1];
    } else {
        const int32_t *const c_start = j->k.start;
        /* periods asked in day order: the run starts where the last one
         * ended, or a little after it (a period skipped) */
        const int32_t ps = o->ps, pe = o->pe;
        if (j->fig_i == SIZE_MAX || ps < j->fig_day)
            i0 = lower_bound(c_start, n, ps);
        else if (ps == j->fig_day)
            i0 = j->fig_i;
        else
            i0 = fig_from(c_start, n, j->fig_i, ps);
        /* pe < INT32_MAX; the columns are NULL when the builder never held a contact */
        i1 = fig_from(c_start, n, i0, pe + 1);
        j->fig_day = pe + 1;
        j->fig_i = i1;
    }
    if (parts != CAREALIGN__FIG_ALL) {
        /* the sums and the parts asked for, nothing else written */
        fig_period(j, o, i0, i1, r, parts);
        if (parts & (CAREALIGN__FIG_BED | CAREALIGN__FIG_DAYS | CAREALIGN__FIG_ALIVE)) {
            r->bed_days = o->base.bed_days;
            r->days_observed = o->base.days_observed;
            r->days_alive = o->base.days_alive;
            r->days_alive_in_community = o->base.days_alive_in_community;
            unsigned days = (parts >> 2) & 7u; /* CAREALIGN__DAYS_ bits */
            int64_t bed;
            if ((days & CAREALIGN__DAYS_BED) && fig_bed_days(j, o, &bed)) {
                r->bed_days = (int32_t)(r->bed_days + bed);
                days &= ~CAREALIGN__DAYS_BED;
            }
            carealign__journey_period_days_some(j, o, r, days);
        }
        return;
    }
    memcpy(r, &o->base, sizeof *r);
    fig_period(j, o, i0, i1, r, parts);
    r->person = j->person;
    r->n_contacts = (int32_t)n;
    r->n_rejected = j->n_rejected;
    if (n == 0)
        r->flags |= CAREALIGN_JR_NO_CONTACTS;
    if (o->raw.reablement_followup_days <= 0)
        r->flags |= CAREALIGN_JR_NO_REABLEMENT;
    carealign__journey_period_days(j, o, r);
}

void carealign__journey_figures_some(carealign_journey *j, const carealign__jopts *o0,
                                     const carealign__jopts *o, carealign_journey_result *r,
                                     unsigned parts)
{
    figures_body(j, o0, o, r, parts, NULL, 0, 0);
}

void carealign__journey_set_periods(carealign_journey *j, const carealign__jperiods *pl)
{
    if (j->fig_pl != pl) {
        j->fig_pl = pl;
        j->fig_parts &= ~(FIG_BOUNDS | FIG_BEDS);
    }
}

void carealign__journey_set_sums(carealign_journey *j, unsigned skip)
{
    if (j->fig_skip != skip) {
        j->fig_skip = skip;
        j->fig_for = NULL; /* every part made again at the next call */
    }
}

void carealign__journey_figures_in(carealign_journey *j, const carealign__jopts *o0,
                                   const carealign__jopts *o, carealign_journey_result *r,
                                   unsigned parts, int32_t period)
{
    const carealign__jperiods *const pl = j->fig_pl;
    /* a period of pl, or the whole of them */
    size_t k0 = 0, k1 = 0;
    if (pl != NULL && pl->n > 0) {
        if (period >= 0) {
            k0 = (size_t)period;
            k1 = k0 + 1;
        } else if (o->ps == pl->edge[0] && (int64_t)o->pe + 1 == pl->edge[pl->n]) {
            k1 = pl->n;
        }
    }
    figures_body(j, o0, o, r, parts, k1 > 0 ? pl : NULL, k0, k1);
}

int carealign__journey_figures_within(carealign_journey *j, const carealign__jopts *o0,
                                      const carealign__jopts *o, carealign_journey_result *r,
                                      unsigned parts, int by_org, int32_t unit, int dup)
{
    if ((parts & ~CAREALIGN__FIG_DAYS) != 0)
        return 0;
    if (j->fig_for != o0) {
        /* the sums made under o0 (and whether they apply) by
         * carealign__journey_figures_some of j's own (its fig_build stays
         * its only caller, inlined there) */
        carealign_journey_result own;
        carealign__journey_figures_some(j, o0, o, &own, 0);
    }
    if (!j->fig_usable)
        return 0;
    const size_t n = j->n;
    const int32_t *const c_start = j->k.start, *const c_org = j->k.org;
    /* the column that names the scope of each contact */
    const int32_t *const c_unit = by_org ? c_org : j->k.sector;
    if (dup == 1 && !by_org) {
        /* that builder's duplicates are 0 when its contacts (of any day:
         * a duplicate looks back before the period) are at one organisation
         * (every organisation below 64: fig_usable) */
        uint64_t ob = 0;
        for (size_t i = 0; i < n; i++)
            if (c_unit[i] == unit)
                ob |= carealign__bit64((uint32_t)c_org[i]);
        if ((ob & (ob - 1)) != 0)
            return 0;
    }
    const size_t i0 = lower_bound(c_start, n, o->ps);
    const size_t i1 = fig_from(c_start, n, i0, o->pe + 1);
    /* the sums of the contacts in scope: each contact's part of the running
     * sums (modulo 2^64, as fig_period's differences) */
    const uint64_t *const s = (const uint64_t *)j->fig_block;
    uint64_t act = 0, staff = 0, cost = 0, unpriced = 0, ltch = 0, assess = 0;
    for (size_t i = i0; i < i1; i++) {
        if (c_unit[i] != unit)
            continue;
        const uint64_t *const a = s + i * FIG_N, *const b = a + FIG_N;
        act += b[FIG_ACTIVITY] - a[FIG_ACTIVITY];
        staff += b[FIG_STAFF] - a[FIG_STAFF];
        cost += b[FIG_COST] - a[FIG_COST];
        unpriced += b[FIG_UNPRICED] - a[FIG_UNPRICED];
        ltch += b[FIG_LTCH] - a[FIG_LTCH];
        assess += b[FIG_ASSESS] - a[FIG_ASSESS];
    }
    const uint64_t row[CAREALIGN__WITHIN_ROW] = {act, staff, cost, unpriced, ltch, assess};
    carealign__journey_within_put(j, o, r, row, parts, dup);
    return 1;
}

/* The sums binned (CAREALIGN__SUM_* bit f) are the sums FIG_ f. */
_Static_assert(FIG_ACTIVITY == 0 && FIG_STAFF == 1 && FIG_COST == 2 && FIG_UNPRICED == 3 &&
                   FIG_LTCH == 4 && FIG_ASSESS == 5 && CAREALIGN__SUM_ALL == 63u,
               "CAREALIGN__SUM_ bit f is FIG_ f");

/* carealign__journey_within_bins' pass over the contacts of the np
 * periods of bounds b (period p's b[p] to b[p + 1] - 1): the `width` sums
 * fo[0 .. width) of each (`nf`, a constant where it is called: width when
 * 1 or 2, else 0) added to its organisation's and its sector's row of the
 * period (row 1 + p of the unit's np + 1, CAREALIGN__WITHIN_ROW sums a
 * row), each unit's rows cleared at its first contact (*ob, *sb: the units
 * met). */
static inline void within_pass(const carealign_journey *j, const uint32_t *b, size_t np,
                               const size_t *fo, size_t width, const size_t nf, uint64_t *bins,
                               uint64_t *ob_out, uint32_t *sb_out)
{
    const int32_t *const c_org = j->k.org, *const c_sec = j->k.sector;
    const uint64_t *const s = (const uint64_t *)j->fig_block;
    const size_t per = (np + 1) * CAREALIGN__WITHIN_ROW, f0 = fo[0], f1 = fo[1];
    uint64_t ob = 0, sb = 0;
    for (size_t p = 0; p < np; p++) {
        const size_t i1 = b[p + 1], at = (p + 1) * CAREALIGN__WITHIN_ROW;
        for (size_t i = b[p]; i < i1; i++) {
            const uint32_t org = (uint32_t)c_org[i], sec = (uint32_t)c_sec[i];
            uint64_t *const ro = bins + org * per, *const rs = bins + (64 + sec) * per;
            const uint64_t bo = carealign__bit64(org), bs = carealign__bit64(sec);
            if (!(ob & bo)) {
                ob |= bo;
                memset(ro, 0, per * sizeof *ro);
            }
            if (!(sb & bs)) {
                sb |= bs;
                memset(rs, 0, per * sizeof *rs);
            }
            const uint64_t *const a = s + i * FIG_N;
            if (nf >= 1) {
                const uint64_t d = a[FIG_N + f0] - a[f0];
                ro[at + f0] += d;
                rs[at + f0] += d;
            }
            if (nf >= 2) {
                const uint64_t d = a[FIG_N + f1] - a[f1];
                ro[at + f1] += d;
                rs[at + f1] += d;
            }
            if (nf == 0)
                for (size_t f = 0; f < width; f++) {
                    const uint64_t d = a[FIG_N + fo[f]] - a[fo[f]];
                    ro[at + fo[f]] += d;
                    rs[at + fo[f]] += d;
                }
        }
    }
    *ob_out = ob;
    *sb_out = (uint32_t)sb;
}

/* Row 0 of unit u's rows (`per` words at bins + u * per): the `width` sums
 * fo[0 .. width) of its np periods' (`nf` as within_pass'). */
static inline void within_whole(uint64_t *bins, size_t u, size_t per, size_t np, const size_t *fo,
                                size_t width, const size_t nf)
{
    uint64_t *const r0 = bins + u * per;
    const size_t f0 = fo[0], f1 = fo[1];
    uint64_t v0 = 0, v1 = 0;
    for (size_t p = 1; p <= np; p++) {
        const uint64_t *const rp = r0 + p * CAREALIGN__WITHIN_ROW;
        if (nf >= 1)
            v0 += rp[f0];
        if (nf >= 2)
            v1 += rp[f1];
        if (nf == 0)
            for (size_t f = 0; f < width; f++)
                r0[fo[f]] += rp[fo[f]];
    }
    if (nf >= 1)
        r0[f0] = v0;
    if (nf >= 2)
        r0[f1] = v1;
}

/* The rows of the units of ob and sb made and their row 0 (within_pass,
 * within_whole; `nf` as theirs). */
static inline void within_rows(const carealign_journey *j, size_t np, const size_t *fo,
                               size_t width, const size_t nf, uint64_t *bins, uint64_t *ob,
                               uint32_t *sb)
{
    const size_t per = (np + 1) * CAREALIGN__WITHIN_ROW;
    within_pass(j, j->fig_pb, np, fo, width, nf, bins, ob, sb);
    for (uint64_t u = *ob; u != 0; u &= u - 1)
        within_whole(bins, carealign__ctz64(u), per, np, fo, width, nf);
    for (uint32_t u = *sb; u != 0; u &= u - 1)
        within_whole(bins, 64 + carealign__ctz64(u), per, np, fo, width, nf);
}

/* The duplicate assessments under o0 of the builder that would hold only
 * sector u's contacts, for the sectors of sb, by period of bounds b (np
 * periods): row k (0: the whole list, 1 + p: period p) of sector u at
 * d[u * (np + 1) + k]; 0 (d not written) when there is none. Such a
 * builder holds the sector's contacts in j's order (j's content order is
 * a total one): an assessment of the sector is a duplicate there when an
 * earlier one of the same type and subtype, at another organisation and
 * at most the window earlier, is of that sector too
 * (earlier_other_org_in), and then it is a duplicate in j: only j's
 * duplicates (the running sums', when made under o0) are looked at. */
static int within_dups(const carealign_journey *j, const carealign__jopts *o0, const uint32_t *b,
                       size_t np, uint32_t sb, uint64_t *d)
{
    const int32_t *const c_start = j->k.start, *const c_type = j->k.type, *const c_org = j->k.org,
                         *const c_sec = j->k.sector;
    const int32_t *const c_subtype = j->kv.subtype;
    const size_t su_mask = j->kv.su, per = np + 1;
    const uint64_t atypes = o0->assessment_types;
    const int64_t dup_days = o0->duplicate_days;
    /* j's duplicates under o0 (fig_build's, unless left out) */
    const uint64_t *const s = (const uint64_t *)j->fig_block + FIG_DUP;
    const int sums = !(j->fig_skip & CAREALIGN__SUMS_ASSESS) && j->fig_atypes == atypes &&
                     j->fig_dup == dup_days;
    if (sums && s[(size_t)b[np] * FIG_N] == s[(size_t)b[0] * FIG_N])
        return 0; /* none in j's periods */
    for (uint32_t u = sb; u != 0; u &= u - 1)
        memset(d + (size_t)carealign__ctz64(u) * per, 0, per * sizeof *d);
    for (size_t p = 0; p < np; p++)
        for (size_t i = b[p], i1 = b[p + 1]; i < i1; i++)
            if ((sums ? s[(i + 1) * FIG_N] != s[i * FIG_N]
                      : (atypes & CAREALIGN_TYPE_BIT(c_type[i])) != 0) &&
                earlier_other_org_in(c_start, c_type, c_org, c_sec, c_subtype, su_mask, i,
                                     dup_days)) {
                uint64_t *const row = d + (size_t)c_sec[i] * per;
                row[0]++;
                row[1 + p]++;
            }
    return 1;
}

int carealign__journey_within_bins(carealign_journey *j, const carealign__jopts *o0,
                                   const carealign__jperiods *pl, unsigned sums, int dup,
                                   carealign__jwithin *w, uint64_t **buf, size_t *cap)
{
    if (pl == NULL || pl->n == 0)
        return 0;
    if (j->fig_for != o0) {
        /* the sums made under o0 (as carealign__journey_figures_within) */
        carealign_journey_result own;
        carealign__journey_figures_some(j, o0, o0, &own, 0);
    }
    if (!j->fig_usable) /* every organisation below 64 when it holds */
        return 0;
    carealign__journey_set_periods(j, pl);
    if (!(j->fig_parts & FIG_BOUNDS)) {
        /* the bounds of pl's periods, made by figures_in when o0's period
         * is pl's whole (build_bounds; its only caller, inlined there) */
        carealign_journey_result own;
        carealign__journey_figures_in(j, o0, o0, &own, 0, -1);
        if (!(j->fig_parts & FIG_BOUNDS))
            return 0;
    }
    const size_t np = pl->n;
    /* the sums binned */
    size_t fo[6] = {0}, width = 0;
    for (size_t f = 0; f < 6; f++)
        if ((sums >> f) & 1u)
            fo[width++] = f;
    /* the rows of organisation u (< 64) at u * per, of sector u (< 32) at
     * (64 + u) * per, then the sectors' duplicates (within_dups) */
    const size_t per = (np + 1) * CAREALIGN__WITHIN_ROW;
    if (!carealign__journey_grow_array((void **)buf, cap, 96 * per + 32 * (np + 1),
                                       sizeof(uint64_t)))
        return 0;
    uint64_t ob = 0;
    uint32_t sb = 0;
    if (width == 1)
        within_rows(j, np, fo, 1, 1, *buf, &ob, &sb);
    else if (width == 2)
        within_rows(j, np, fo, 2, 2, *buf, &ob, &sb);
    else /* more, or none (the units met still found: within_dups) */
        within_rows(j, np, fo, width, 0, *buf, &ob, &sb);
    w->j = j;
    w->edge = pl->edge;
    w->np = np;
    w->rows = *buf;
    w->ob = ob;
    w->sb = sb;
    w->sdup = NULL;
    w->sdup_any = 0;
    if (dup) {
        w->sdup = *buf + 96 * per;
        w->sdup_any = within_dups(j, o0, j->fig_pb, np, sb, *buf + 96 * per);
    }
    return 1;
}
