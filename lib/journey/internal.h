/* Internal to the journey layer: the builder's layout, shared by the
 * builder (journey.c) and the columnar batch (batch.c). Never installed. */
#ifndef CAREALIGN_JOURNEY_INTERNAL_H
#define CAREALIGN_JOURNEY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/journey.h"

/* "No day": an open end, an unknown death. */
#define CAREALIGN__NO_DAY INT32_MAX

/* One valid contact as the builder keeps it. Every byte is set (padding
 * included) so that memcmp is a total, content-only tie-breaker. */
typedef struct carealign__jc {
    int32_t start;
    int32_t end;    /* start_day when no end was given */
    int32_t minute; /* -1 when unknown */
    int32_t org;
    int32_t prof; /* -1 when unknown */
    int32_t sector;
    int32_t type;
    int32_t subtype; /* INT32_MIN when unknown */
    int32_t method;  /* INT32_MIN when unknown */
    int32_t dest;    /* INT32_MIN when unknown */
    int32_t ready;   /* INT32_MIN when unknown */
    int32_t staff_minutes;
    uint32_t has;
    int32_t pad;
    int64_t activity;
    int64_t cost; /* INT64_MIN when not given */
} carealign__jc;

/* Options with every default resolved. */
typedef struct carealign__jopts {
    carealign_journey_options raw;
    int32_t has_period;
    int32_t ps, pe;
    uint64_t continuity_types, followup_types, assessment_types;
    int32_t min_contacts, same_day;
    int32_t followup[4];
    int32_t n_followup;
    int32_t readmission_days, duplicate_days;
    uint32_t stay_sectors;
    /* every person's result before its contacts count: zero bytes, the
     * parameters used and the flags that depend on the options only */
    carealign_journey_result base;
} carealign__jopts;

/* A hospital stay, built from the contacts at compute time. */
typedef struct carealign__stay {
    int32_t adm, dis; /* dis = CAREALIGN__NO_DAY while still in hospital */
    int32_t org, sector;
    int32_t method, dest, ready; /* INT32_MIN when unknown */
    int32_t emergency, adm_unknown;
    /* jsorted: the index of the stay's first contact (its admission, or
     * the discharge of a stay whose admission is unknown) */
    uint32_t ci;
} carealign__stay;

typedef struct carealign__seq {
    int32_t day, minute, id;
} carealign__seq;

typedef struct carealign__span {
    int32_t a, b; /* [a, b) */
} carealign__span;

/* The contacts in content order as the figures read them: one column per
 * field of carealign__jc (pad left out), contact i at index i of each.
 * start, org, sector, type and has are always there; another column may be
 * NULL when no contact has a value for it: the defaults of
 * carealign__journey_convert (end = start, minute and prof -1, staff 0,
 * activity 1, subtype, method, dest, ready INT32_MIN, cost INT64_MIN). */
typedef struct carealign__jcols {
    int64_t *activity, *cost;
    int32_t *start, *end, *minute, *org, *prof, *sector, *type, *subtype, *method, *dest, *ready,
        *staff;
    uint32_t *has;
} carealign__jcols;

/* The optional columns the figures' pass reads, as prepare leaves them for
 * compute_period: a NULL column is a one-value array of its default read
 * at index i & mask with mask 0 (SIZE_MAX for a real column). */
typedef struct carealign__jview {
    const int32_t *minute, *staff, *subtype;
    const int64_t *activity, *cost;
    size_t mi, st, su, ac, co;
    int32_t plain; /* no minutes, staff time, activity or costs given */
} carealign__jview;

/* The number of scratch arrays carealign_journey_batch keeps in the
 * builder (batch.c names them). */
#define CAREALIGN__JB_SLOTS 38

struct carealign_journey {
    carealign__jc *c; /* the contacts as added (see soa and aos_stale) */
    size_t n, cap;
    int32_t sorted;
    /* soa: k holds the n contacts in content order (what the figures
     * read); aos_stale: c does not hold them (carealign__journey_gather
     * wrote only the columns) */
    int32_t soa, aos_stale;
    /* tbits_valid: tbits has bit t set for each type t of the contacts
     * (set by carealign__journey_gather) */
    int32_t tbits_valid;
    uint32_t tbits;
    /* with tbits_valid, when orgs_or_valid: the OR of the contacts'
     * organisations (set by carealign__journey_gather) */
    int32_t orgs_or_valid;
    uint32_t orgs_or;
    carealign__jcols k;     /* a column is NULL when it holds only defaults */
    carealign__jcols k_all; /* every column of the allocation */
    /* k_plain: k is as carealign__journey_gather's plain path sets it (1
     * without, 2 with the end column); 0: unknown (grow_cols, to_cols and
     * the general gather clear it) */
    int32_t k_plain;
    carealign__jview kv; /* set by carealign__journey_prepare */
    void *k_block;       /* the columns' one allocation */
    size_t k_cap;
    int32_t n_rejected;
    size_t n_prof;  /* contacts naming a professional */
    size_t n_stayc; /* admission and discharge contacts */
    size_t reserved_n, reserved_stays;
    /* person */
    int32_t person;
    int32_t has_birth;
    int32_t birth_day; /* 1st of the birth month */
    int32_t death_day; /* CAREALIGN__NO_DAY when unknown */
    uint32_t person_flags;
    /* scratch, grown as needed, kept across people */
    carealign__jc *c_tmp;
    size_t c_tmp_cap;
    uint64_t *keys, *keys_tmp; /* sort keys of the contacts */
    size_t keys_cap;
    carealign__seq *seq, *seq_tmp;
    size_t seq_cap;
    int32_t *ids, *ids_tmp;
    size_t ids_cap;
    carealign__stay *stays, *stays_tmp;
    size_t stays_cap;
    size_t n_stays;
    unsigned char *used;
    size_t used_cap;
    uint32_t *sidx; /* indices of the admission and discharge contacts */
    size_t sidx_cap;
    carealign__span *spans, *spans_tmp;
    size_t spans_cap;
    carealign_discharge *dis; /* per discharge, library layout */
    size_t n_dis, dis_cap;
    uint32_t ocnt[64]; /* continuity contacts per organisation < 64; zero between computes */
    /* compute_period's usual case (journey.c): per contact type, the low
     * 32 bits all set when the type is in the continuity types tinfo_c and
     * bit 63 set when it is in the assessment types tinfo_a (both 0: not
     * made yet; options never give 0 for either) */
    uint64_t tinfo[CAREALIGN_CONTACT_TYPE_END];
    uint64_t tinfo_c, tinfo_a;
    /* ---- jsorted (sorted batch path): what gather_plain (journey.c)
     * learnt of the contacts on its way, valid while g_valid (cleared with
     * tbits_valid and by every gather, set only by the plain gather) ---- */
    /** CAREALIGN__G_ bits: which of g_stays and g_sectors hold */
    uint32_t g_valid;
    /** bit i: contact i (content order, i < 16) is an admission or a
     * discharge (types 1 to 3) */
    uint32_t g_stays;
    /** the OR of 1 << sector over the contacts (sectors 0 to 31) */
    uint32_t g_sectors;
    /* ---- end jsorted ---- */
    /* carealign__journey_prepare: the options it was given (NULL when the
     * contacts, the person or another computation changed since), the
     * death day and the merged spans away from the community it left */
    const carealign__jopts *prep;
    int32_t prep_death;
    size_t prep_merged;
    /* with prep: 1 when that preparation was carealign__journey_prepare's
     * (0: carealign__journey_prepare_contacts', no stays made); its stays,
     * spans and death day read only the options' stay sectors, prep_sectors */
    int32_t prep_stays;
    uint32_t prep_sectors;
    /* carealign__journey_figures_period (periods.c): the option set its
     * per-contact sums were last used for (NULL: none since the last
     * preparation, which clears it), whether they apply, their one
     * allocation (fig_cap rows), the parts of it made (FIG_ bits of
     * periods.c) with the options each was made under, and the day after
     * the last period computed with the index of its first contact from
     * that day on (fig_i; SIZE_MAX: none yet) */
    const carealign__jopts *fig_for;
    int32_t fig_usable, fig_orgs_ok;
    void *fig_block;
    size_t fig_cap;
    /* rows 0 .. fig_zero - 1 of the block hold 0 as their activity, cost,
     * unpriced contacts and long-term care-home admissions (the staff-only
     * pass writes them once) */
    size_t fig_zero;
    uint32_t fig_parts;
    int32_t fig_same_day;
    const int64_t *fig_unit;
    size_t fig_nt, fig_ns;
    uint64_t fig_atypes, fig_ctypes;
    int64_t fig_dup;
    int32_t fig_day;
    size_t fig_i;
    /* carealign__journey_figures_in: the period list of the bounds in
     * fig_pb (fig_pbcap entries: the first and the after-last contact of
     * each period), valid with the FIG_ bit of periods.c */
    const struct carealign__jperiods *fig_pl;
    uint32_t *fig_pb;
    size_t fig_pbcap;
    /* carealign__journey_figures_some and _in: the bed days of the stays in
     * each period of fig_pl and, after them, in the whole list (fig_bedcap
     * entries: periods.c's build_beds), valid with the FIG_ bit of
     * periods.c */
    int64_t *fig_bed;
    size_t fig_bedcap;
    /* carealign__journey_set_sums: the sums no caller reads
     * (CAREALIGN__SUMS_ bits of figures.h), left 0 by the sums' passes */
    uint32_t fig_skip;
    /* carealign_journey_batch's scratch (batch.c: the grouping of rows in
     * any order, the person columns' rows), kept between calls so that a
     * later call reuses memory already touched: jb_cap[i] bytes at jb[i],
     * grown when a call needs more, released only by
     * carealign_journey_free (carealign_journey_reset keeps it) */
    void *jb[CAREALIGN__JB_SLOTS];
    size_t jb_cap[CAREALIGN__JB_SLOTS];
};

/* ---- jsorted: carealign_journey.g_valid bits ---- */
/** g_sectors holds */
#define CAREALIGN__G_SECTORS 1u
/** g_stays holds */
#define CAREALIGN__G_STAYS 2u
/* ---- end jsorted ---- */

/* Resolve and check options (NULL = defaults). */
carealign_status carealign__journey_options(const carealign_journey_options *options,
                                            carealign__jopts *out);

/* Check a contact and convert it (carealign__journey_fill once the checks
 * pass); EINVAL (with the last error set) for an invalid one, out then all
 * zero. */
carealign_status carealign__journey_convert(const carealign_contact *c, carealign__jc *out);

/* Contact c converted, every byte of out set: what carealign__journey_convert
 * gives a contact that passes its checks (the caller knows it does: type 1
 * .. CAREALIGN_CONTACT_TYPE_END - 1, organisation not negative, sector 0 ..
 * 31, a start day, end not before it, minute 0 .. 1439, professional,
 * staff time, activity and cost not negative). The one definition of the
 * converted form. */
static inline void carealign__journey_fill(const carealign_contact *c, carealign__jc *out)
{
    const uint32_t h = c->has;
    out->start = c->start_day;
    out->end = (h & CAREALIGN_CONTACT_HAS_END) ? c->end_day : c->start_day;
    out->minute = (h & CAREALIGN_CONTACT_HAS_START_MINUTE) ? c->start_minute : -1;
    out->org = c->org;
    out->prof = (h & CAREALIGN_CONTACT_HAS_PROFESSIONAL) ? c->professional : -1;
    out->sector = c->sector;
    out->type = c->type;
    out->subtype = (h & CAREALIGN_CONTACT_HAS_SUBTYPE) ? c->subtype : INT32_MIN;
    out->method = (h & CAREALIGN_CONTACT_HAS_ADMISSION_METHOD) ? c->admission_method : INT32_MIN;
    out->dest = (h & CAREALIGN_CONTACT_HAS_DESTINATION) ? c->discharge_destination : INT32_MIN;
    out->ready = (h & CAREALIGN_CONTACT_HAS_READY_DAY) ? c->discharge_ready_day : INT32_MIN;
    out->staff_minutes = c->staff_minutes;
    out->has = h & 0x1FFu;
    out->pad = 0;
    out->activity = (h & CAREALIGN_CONTACT_HAS_ACTIVITY) ? c->activity : 1;
    out->cost = (h & CAREALIGN_CONTACT_HAS_COST) ? c->cost_pence : INT64_MIN;
}

/* Append a converted contact (may grow the array). */
carealign_status carealign__journey_push(carealign_journey *j, const carealign__jc *c);

/* Append the n converted contacts c[idx[0]], ..., c[idx[n-1]] in one call,
 * as n calls of carealign__journey_push would (may grow the array). */
carealign_status carealign__journey_push_some(carealign_journey *j, const carealign__jc *c,
                                              const uint32_t *idx, size_t n);

/* carealign__journey_push_some of contacts the caller knows to be in the
 * journey's content order (as its sort puts them: strictly ascending start
 * days are), that order not checked again: a builder without contacts
 * takes them straight into its columns. Contacts out of that order leave
 * the builder wrongly marked sorted. */
carealign_status carealign__journey_push_ordered(carealign_journey *j, const carealign__jc *c,
                                                 const uint32_t *idx, size_t n);

/* A person's record as carealign_journey_set_person checks and keeps it. */
typedef struct carealign__jperson {
    int32_t person;
    int32_t has_birth;
    int32_t birth_day; /* 1st of the birth month */
    int32_t death_day; /* CAREALIGN__NO_DAY when unknown */
    uint32_t flags;
} carealign__jperson;

/* Check a person's record and convert it (carealign_journey_set_person's
 * checks and errors) so that one person's record can be given to several
 * builders with carealign__journey_put_person. */
carealign_status carealign__journey_person(const carealign_person *person, carealign__jperson *out);

/* Give builder j the person p (as carealign_journey_set_person of the
 * record p was converted from). */
void carealign__journey_put_person(carealign_journey *j, const carealign__jperson *p);

/* Grow array *p of *cap elements of elem bytes to hold at least `need`
 * (capacity doubled from 16; *p and *cap kept when out of memory): 1, or
 * 0 when out of memory. */
int carealign__journey_grow_array(void **p, size_t *cap, size_t need, size_t elem);

/* Grow the contact array to hold at least `need` contacts. */
carealign_status carealign__journey_grow(carealign_journey *j, size_t need);

/* Put a person's m rows of k (rows base..base+m-1) into the empty builder
 * j in content order, converting each row once with the checks and bytes
 * of the batch's add_rows. plain: k has no optional column but end_day
 * (the same for every person of a batch). Returns 1 when done, 0 when the
 * rows need the general path (a row fails a check, or the sort keys do
 * not fit; nothing taken, j->n still 0), -1 for ENOMEM. */
int carealign__journey_gather(carealign_journey *j, const carealign_contact_columns *k, size_t base,
                              size_t m, int plain);

/* Before the contacts change (an add): make c hold them again when only
 * the columns do, and mark the columns out of date. ENOMEM possible. */
carealign_status carealign__journey_edit(carealign_journey *j);

/* Share the work of computations whose options differ only in their period
 * (has_period, ps, pe): sort the contacts, find the death day, build the
 * stays and their discharges (all but being in a period) and merge the spans
 * away from the community, under options o0 (whose period is not used). */
carealign_status carealign__journey_prepare(carealign_journey *j, const carealign__jopts *o0);

/* After carealign__journey_prepare(j, o0) with nothing changed since
 * (j->prep == o0): the result of carealign__journey_compute(j, o, r), byte
 * for byte, for options o that differ from o0 only in their period, reading
 * only the period's contacts. The builder's discharges are left as
 * carealign__journey_compute(j, o) leaves them. */
void carealign__journey_compute_period(carealign_journey *j, const carealign__jopts *o,
                                       carealign_journey_result *r);

/* Compute into a full, library-sized result: one period is the
 * many-period computation with one period; the prepared state is this
 * computation's only (o may not outlive it). Inline: the batch calls it
 * for every person. */
static inline carealign_status carealign__journey_compute(carealign_journey *j,
                                                          const carealign__jopts *o,
                                                          carealign_journey_result *r)
{
    carealign_status s = carealign__journey_prepare(j, o);
    if (s != CAREALIGN_OK)
        return s;
    carealign__journey_compute_period(j, o, r);
    j->prep = NULL;
    return CAREALIGN_OK;
}

/* What carealign__journey_compute_period(j, o, r) does to the builder's
 * discharges, without computing r: each discharge's in-period flag set by
 * o's period and its reablement fields as compute_period leaves them (zero
 * without reablement follow-up days). Same preconditions as
 * compute_period. */
void carealign__journey_discharges_period(carealign_journey *j, const carealign__jopts *o);

/* carealign__journey_discharges_period but for the reablement exclusions
 * (reablement_exclusions), left 0 when the builder holds no reablement
 * start (CAREALIGN_CONTACT_REABLEMENT_START: no spell, every discharge's
 * `reablement` 0); with one, the same bytes. For the scorecard, which
 * reads each discharge's in-period flag and `reablement`, not its
 * exclusions. */
void carealign__journey_discharges_reablement(carealign_journey *j, const carealign__jopts *o);

/* carealign__journey_prepare for the figures of the contacts alone: the
 * contacts in content order and the view of their columns, then the stays,
 * discharges and spans away from the community left empty and the death
 * day the person's, without reading the contacts for them. Every figure
 * that reads none of those (the period's sums, organisations, sectors,
 * hand-offs, continuity, days observed) is then as after prepare; the bed
 * days, days alive and in the community and the discharges are those of a
 * person with no stay, and not to be read. */
carealign_status carealign__journey_prepare_contacts(carealign_journey *j,
                                                     const carealign__jopts *o0);

/* 1 when carealign__journey_prepare reads the same options in a and b
 * (stay_sectors, followup_types, readmission_days, the excluded discharge
 * destinations and readmission methods): a builder prepared under one is
 * prepared, byte for byte, as under the other. A change to what prepare
 * reads must be made here too. */
int carealign__journey_prep_same(const carealign__jopts *a, const carealign__jopts *b);

/* carealign__journey_compute_period(j, o, r) for a reader of the contacts'
 * figures only (periods.c), o differing only in its period from o0, the
 * builder prepared under o0 or options carealign__journey_prep_same as o0
 * with nothing changed since: every field of r is compute_period's byte for
 * byte but the discharge and reablement counts (n_discharges,
 * n_followup_within, n_followup_none, n_readmissions, n_delay_known,
 * delay_days_total, n_delayed and the n_reablement_ ones), not to be read:
 * o->base's when the one pass applies (periods.c), compute_period's
 * otherwise. The builder's discharges are left as they were, or as
 * compute_period leaves them when the one pass does not apply. The
 * per-contact work is kept for the next period of o0 (and, in part, of
 * other option sets) until the next preparation. */
void carealign__journey_figures_period(carealign_journey *j, const carealign__jopts *o0,
                                       const carealign__jopts *o, carealign_journey_result *r);

/* prepare, then compute_period for each of o[0..n_o) into *r[0..n_o). */
carealign_status carealign__journey_compute_periods(carealign_journey *j,
                                                    const carealign__jopts *const *o, size_t n_o,
                                                    carealign_journey_result *const *r);

/* Copy a library-sized output struct into a caller one of size `size`
 * (>= min checked by the caller): the known prefix, zeros beyond it. */
void carealign__journey_put(void *dst, size_t size, const void *src, size_t known);

/* Set the person's birth from year and month; EINVAL for a bad date. */
carealign_status carealign__journey_birth(carealign_journey *j, int32_t year, int32_t month);

#endif /* CAREALIGN_JOURNEY_INTERNAL_H */
