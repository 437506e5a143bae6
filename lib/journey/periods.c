/* The scorecard's figures of a period: carealign__journey_compute_period
 * (journey.c) without what the scorecard reads elsewhere (the discharges,
 * the reablement) and with one pass for its usual contacts. */
#include <math.h>
#include <string.h>

#include "core/bits.h"
#include "journey/figures.h"
#include "journey/internal.h"

/* The fused pass of compute_period over the run c[i0..i1) when every
 * organisation is below 64 and the same-day rule is "keep" or "collapse":
 * the continuity sequence is never written (its ids are counted in j->ocnt
 * as compute_period's usual-case loop does; "collapse" keeps a contact of a
 * continuity type unless one of the same organisation was kept on the same
 * day, which is what collapse() in journey.c leaves of the sequence in
 * content order). 0, with j->ocnt zero again and r untouched, when an
 * organisation of the run is 64 or more. */
static int run_figures(carealign_journey *j, const carealign__jopts *o, size_t i0, size_t i1,
                       carealign_journey_result *r)
{
    const carealign_journey_options *p = &o->raw;
    const carealign__jcols *c = &j->k;
    const carealign__jview *kv = &j->kv;
    const int32_t *const c_start = c->start, *const c_type = c->type, *const c_org = c->org,
                         *const c_sector = c->sector;
    const int32_t *const c_staff = kv->staff, *const c_subtype = kv->subtype;
    const int64_t *const c_activity = kv->activity, *const c_cost = kv->cost;
    const size_t st_mask = kv->st, su_mask = kv->su, ac_mask = kv->ac, co_mask = kv->co;
    const uint64_t ctypes = o->continuity_types, atypes = o->assessment_types;
    const int64_t *unit_costs = p->unit_costs;
    const size_t n_cost_types = p->n_cost_types, n_cost_sectors = p->n_cost_sectors;
    const int64_t dup_days = o->duplicate_days;
    const int collapse = o->same_day == CAREALIGN_SAMEDAY_COLLAPSE;
    uint32_t *ocnt = j->ocnt;
    uint32_t sectors = 0, orall = 0;
    uint64_t orgbits = 0, cbits = 0, daybits = 0;
    int32_t day = INT32_MIN, prev_id = -1;
    size_t m0 = 0, hand = 0;
    int64_t activity = 0, staff = 0, cost = 0;
    int32_t n_unpriced = 0, n_ltch = 0, n_assess = 0, n_dup = 0;
    for (size_t i = i0; i < i1; i++) {
        const int32_t type = c_type[i], org = c_org[i], sector = c_sector[i];
        const uint32_t o6 = (uint32_t)org & 63u;
        const int64_t act = c_activity[i & ac_mask], given_cost = c_cost[i & co_mask];
        activity += act;
        staff += c_staff[i & st_mask];
        if (given_cost != INT64_MIN) {
            cost += given_cost;
        } else {
            int64_t unit = INT64_MIN;
            if (unit_costs != NULL && (size_t)type < n_cost_types &&
                (size_t)sector < n_cost_sectors)
                unit = unit_costs[(size_t)type * n_cost_sectors + (size_t)sector];
            if (unit != INT64_MIN && unit >= 0 && (act == 0 || unit <= INT64_MAX / act))
                cost += unit * act;
            else
                n_unpriced++;
        }
        orall |= (uint32_t)org;
        sectors |= UINT32_C(1) << sector;
        n_ltch += type == CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM;
        orgbits |= UINT64_C(1) << o6;
        if (atypes & CAREALIGN_TYPE_BIT(type)) {
            n_assess++;
            n_dup += earlier_other_org(c_start, c_type, c_org, c_subtype, su_mask, i, dup_days);
        }
        size_t is_c = (size_t)((ctypes >> type) & 1u);
        if (collapse && is_c) {
            if (c_start[i] != day) {
                day = c_start[i];
                daybits = 0;
            }
            const uint64_t bit = UINT64_C(1) << o6;
            is_c = (daybits & bit) == 0;
            daybits |= bit;
        }
        hand += is_c & (size_t)(org != prev_id);
        prev_id ^= (prev_id ^ org) & -(int32_t)is_c;
        m0 += is_c;
        cbits |= (uint64_t)is_c << o6;
        ocnt[o6] += (uint32_t)is_c;
    }
    double sumsq = 0, cmax = 0, kd = 0;
    for (uint64_t b = cbits; b != 0; b &= b - 1) {
        unsigned id = carealign__ctz64(b);
        double cnt = (double)ocnt[id];
        sumsq += cnt * cnt;
        if (cnt > cmax)
            cmax = cnt;
        kd += 1;
        ocnt[id] = 0;
    }
    if ((orall >> 6) != 0)
        return 0;
    hand -= m0 > 0;
    r->activity = activity;
    r->staff_minutes = staff;
    r->cost_pence = cost;
    r->n_unpriced = n_unpriced;
    r->n_lt_care_home_admissions = n_ltch;
    r->n_assessments = n_assess;
    r->n_duplicate_assessments = n_dup;
    if (n_unpriced > 0)
        r->flags |= CAREALIGN_JR_UNPRICED_ACTIVITY;
    r->n_sectors = (int32_t)popcount64(sectors & ~(UINT32_C(1) << CAREALIGN_SECTOR_UNKNOWN));
    r->n_organisations = (int32_t)popcount64(orgbits);
    r->continuity_contacts = (int32_t)m0;
    r->n_handoffs = (int32_t)hand;
    if (m0 >= (size_t)o->min_contacts) { /* min_contacts >= 2 (options) */
        double idx[5];
        indices(m0, m0 - 1 - hand, sumsq, cmax, kd, idx);
        r->coc = idx[0];
        r->upc = idx[1];
        r->secon = idx[2];
        r->mmci = idx[3];
        r->fragmentation = idx[4];
    } else {
        r->coc = r->upc = r->secon = r->mmci = r->fragmentation = NAN;
        r->flags |= CAREALIGN_JR_CONTINUITY_NA;
    }
    /* no professional named: an empty professional sequence */
    r->prof_continuity_contacts = 0;
    r->prof_coc = r->prof_upc = r->prof_secon = r->prof_mmci = r->prof_fragmentation = NAN;
    r->flags |= CAREALIGN_JR_PROF_CONTINUITY_NA;
    return 1;
}

void carealign__journey_figures_period(carealign_journey *j, const carealign__jopts *o,
                                       carealign_journey_result *r)
{
    const size_t n = j->n;
    if (j->n_prof > 0 ||
        (o->same_day != CAREALIGN_SAMEDAY_KEEP && o->same_day != CAREALIGN_SAMEDAY_COLLAPSE)) {
        carealign__journey_compute_period(j, o, r);
        return;
    }
    const int32_t *const c_start = j->k.start;
    const size_t i0 = lower_bound(c_start, n, o->ps);
    /* pe < INT32_MAX; the columns are NULL when the builder never held a contact */
    const size_t i1 = i0 < n ? i0 + lower_bound(c_start + i0, n - i0, o->pe + 1) : i0;
    memcpy(r, &o->base, sizeof *r);
    if (!run_figures(j, o, i0, i1, r)) {
        carealign__journey_compute_period(j, o, r);
        return;
    }
    r->person = j->person;
    r->n_contacts = (int32_t)n;
    r->n_rejected = j->n_rejected;
    if (n == 0)
        r->flags |= CAREALIGN_JR_NO_CONTACTS;
    if (o->raw.reablement_followup_days <= 0)
        r->flags |= CAREALIGN_JR_NO_REABLEMENT;
    carealign__journey_period_days(j, o, r);
}
