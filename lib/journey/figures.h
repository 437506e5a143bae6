/* Internal to the journey layer: the small steps of a period's figures
 * that the full computation (carealign__journey_compute_period, journey.c)
 * and the scorecard's figures-only one (carealign__journey_figures_period,
 * periods.c) share. Never installed. */
#ifndef CAREALIGN_JOURNEY_FIGURES_H
#define CAREALIGN_JOURNEY_FIGURES_H

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "core/bits.h"
#include "journey/internal.h"

/* jsorted: SSE2 (every x86-64 target) for indices' divisions, plain C
 * elsewhere */
#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define CAREALIGN__FIG_SSE2 1
#else
#define CAREALIGN__FIG_SSE2 0
#endif

/* The five indices from the counts of a sequence of n >= 2 ids: same =
 * adjacent pairs with the same id, sumsq = sum of squared counts per id,
 * max = the largest count, k = distinct ids. The counts are small integers,
 * exact in a double whatever the order they were summed in. */
static inline void indices(size_t n, size_t same, double sumsq, double max, double k, double out[5])
{
    double N = (double)n;
#if CAREALIGN__FIG_SSE2
    /* the same divisions two at a time (each lane rounded as the scalar
     * division is, so the same bytes): six independent ones in three
     * instructions, then MMCI's last; the divider, not the rest, set the
     * time of this function */
    const __m128d q01 = _mm_div_pd(_mm_setr_pd(sumsq - N, max), _mm_setr_pd(N * (N - 1), N));
    const __m128d q2k = _mm_div_pd(_mm_setr_pd((double)same, k), _mm_setr_pd(N - 1, N + 0.1));
    const __m128d q1h = _mm_div_pd(_mm_setr_pd(1.0, sumsq), _mm_setr_pd(N + 0.1, N * N));
    _mm_storeu_pd(out, q01);
    out[2] = _mm_cvtsd_f64(q2k);
    out[3] = (1.0 - _mm_cvtsd_f64(_mm_unpackhi_pd(q2k, q2k))) / (1.0 - _mm_cvtsd_f64(q1h));
    out[4] = 1.0 - _mm_cvtsd_f64(_mm_unpackhi_pd(q1h, q1h));
#else
    out[0] = (sumsq - N) / (N * (N - 1));                     /* Bice-Boxerman COC */
    out[1] = max / N;                                         /* UPC */
    out[2] = (double)same / (N - 1);                          /* SECON */
    out[3] = (1.0 - k / (N + 0.1)) / (1.0 - 1.0 / (N + 0.1)); /* MMCI */
    out[4] = 1.0 - sumsq / (N * N);                           /* 1 - Herfindahl */
#endif
}

/* r's organisation continuity from a sequence of n contacts with `hand`
 * hand-offs and org_counts' sumsq, cmax and kd: the length, the hand-offs
 * and the five indices when n >= min_contacts (at least 2: the options
 * check it), else NaN and CAREALIGN_JR_CONTINUITY_NA. */
static inline void set_org_continuity(carealign_journey_result *r, size_t n, size_t hand,
                                      double sumsq, double cmax, double kd, int32_t min_contacts)
{
    r->continuity_contacts = (int32_t)n;
    r->n_handoffs = (int32_t)hand;
    if (n >= (size_t)min_contacts) {
        double idx[5];
        indices(n, n - 1 - hand, sumsq, cmax, kd, idx);
        r->coc = idx[0];
        r->upc = idx[1];
        r->secon = idx[2];
        r->mmci = idx[3];
        r->fragmentation = idx[4];
    } else {
        r->coc = r->upc = r->secon = r->mmci = r->fragmentation = NAN;
        r->flags |= CAREALIGN_JR_CONTINUITY_NA;
    }
}

/* The continuity counts of the organisations set in cbits (ocnt[id]
 * contacts each): the sum of their squares, the largest and how many ids,
 * in increasing id order; ocnt is left zero for the next call. */
static inline void org_counts(uint64_t cbits, uint32_t *ocnt, double *sumsq, double *cmax,
                              double *kd)
{
    double sq = 0, mx = 0, k = 0;
    for (uint64_t b = cbits; b != 0; b &= b - 1) {
        unsigned id = carealign__ctz64(b);
        double cnt = (double)ocnt[id];
        sq += cnt * cnt;
        if (cnt > mx)
            mx = cnt;
        k += 1;
        ocnt[id] = 0;
    }
    *sumsq = sq;
    *cmax = mx;
    *kd = k;
}

/* 1 << k for k in 0 .. 63, from a table: the bits of the sectors and
 * organisations of the periods' loops (a load, or an OR from memory,
 * instead of a shift by a variable count). */
static inline uint64_t carealign__bit64(uint32_t k)
{
#define B1(k) (UINT64_C(1) << (k))
#define B8(k) B1(k), B1(k + 1), B1(k + 2), B1(k + 3), B1(k + 4), B1(k + 5), B1(k + 6), B1(k + 7)
    static const uint64_t bit[64] = {B8(0), B8(8), B8(16), B8(24), B8(32), B8(40), B8(48), B8(56)};
#undef B8
#undef B1
    return bit[k];
}

/* Set bits of a 64-bit word (the classic SWAR count: a dozen
 * instructions, no call into the compiler's run-time library on targets
 * without a popcount instruction). */
static inline unsigned popcount64(uint64_t v)
{
    v = v - ((v >> 1) & UINT64_C(0x5555555555555555));
    v = (v & UINT64_C(0x3333333333333333)) + ((v >> 2) & UINT64_C(0x3333333333333333));
    v = (v + (v >> 4)) & UINT64_C(0x0F0F0F0F0F0F0F0F);
    return (unsigned)((v * UINT64_C(0x0101010101010101)) >> 56);
}

/* Length of [a, b) intersected with [lo, hi). */
static inline int32_t clip_len(int32_t a, int32_t b, int32_t lo, int32_t hi)
{
    int64_t x = a > lo ? a : lo, y = b < hi ? b : hi;
    return y > x ? (int32_t)(y - x) : 0;
}

/* First index with start >= day (start days in order). */
static inline size_t lower_bound(const int32_t *start, size_t n, int32_t day)
{
    /* the usual answers, a period or day outside the contacts' span */
    if (n == 0 || start[0] >= day)
        return 0;
    if (start[n - 1] < day)
        return n;
    /* halve without a branch: the answer stays in [b, b + len] */
    const int32_t *b = start;
    size_t len = n;
    while (len > 1) {
        size_t half = len / 2;
        b = b[half] < day ? b + half : b;
        len -= half;
    }
    return (size_t)(b - start) + (size_t)(*b < day);
}

/* 1 when assessment i (contacts in content order) repeats one of the same
 * type and subtype by another organisation at most dup_days earlier, among
 * the contacts of its sector only when c_sec is not NULL (what a builder
 * holding only that sector's contacts, in the same relative order, finds):
 * a duplicate assessment (docs/journey.md). Inline, so that the sector's
 * test is compiled out where c_sec is NULL (earlier_other_org). */
static inline int32_t earlier_other_org_in(const int32_t *c_start, const int32_t *c_type,
                                           const int32_t *c_org, const int32_t *c_sec,
                                           const int32_t *c_subtype, size_t su_mask, size_t i,
                                           int64_t dup_days)
{
    const int32_t start = c_start[i], type = c_type[i], org = c_org[i];
    const int32_t sec = c_sec != NULL ? c_sec[i] : 0;
    const int32_t subtype = c_subtype[i & su_mask];
    for (size_t k = i; k > 0; k--) {
        if ((int64_t)start - c_start[k - 1] > dup_days)
            return 0;
        if (c_type[k - 1] == type && c_subtype[(k - 1) & su_mask] == subtype &&
            c_org[k - 1] != org && (c_sec == NULL || c_sec[k - 1] == sec))
            return 1;
    }
    return 0;
}

/* earlier_other_org_in among every contact. */
static inline int32_t earlier_other_org(const int32_t *c_start, const int32_t *c_type,
                                        const int32_t *c_org, const int32_t *c_subtype,
                                        size_t su_mask, size_t i, int64_t dup_days)
{
    return earlier_other_org_in(c_start, c_type, c_org, NULL, c_subtype, su_mask, i, dup_days);
}

/** @brief carealign__journey_period_days_some: the days observed (the bits
 * are CAREALIGN__FIG_DAYS, _BED and _ALIVE shifted right by 2). */
#define CAREALIGN__DAYS_OBSERVED 1u
/** @brief carealign__journey_period_days_some: the bed days. */
#define CAREALIGN__DAYS_BED 2u
/** @brief carealign__journey_period_days_some: the days alive and alive in
 * the community. */
#define CAREALIGN__DAYS_ALIVE 4u

/**
 * @brief carealign__journey_period_days for some of the days.
 *
 * The fields of the parts asked for (CAREALIGN__DAYS_ bits; the bed days
 * added to r->bed_days) and, without a period, the flag "no period" (the
 * days observed and alive left as they were), each as
 * carealign__journey_period_days gives them; the others untouched.
 */
static inline void carealign__journey_period_days_some(const carealign_journey *j,
                                                       const carealign__jopts *o,
                                                       carealign_journey_result *r, unsigned parts)
{
    const int32_t death = j->prep_death;
    int32_t lo = o->has_period ? o->ps : INT32_MIN;
    int32_t hi = o->has_period ? o->pe + 1 : INT32_MAX;
    if (parts & CAREALIGN__DAYS_BED) {
        int32_t bed = r->bed_days;
        for (size_t k = 0; k < j->n_stays; k++) {
            const carealign__stay *st = &j->stays[k];
            if (st->adm_unknown || (st->dis == CAREALIGN__NO_DAY && !o->has_period))
                continue;
            bed += clip_len(st->adm, st->dis, lo, hi);
        }
        r->bed_days = bed;
    }
    if (o->has_period) {
        if (parts & CAREALIGN__DAYS_OBSERVED)
            r->days_observed = hi - lo;
        if (parts & CAREALIGN__DAYS_ALIVE) {
            int32_t alive_end = death < hi ? death : hi;
            r->days_alive = alive_end > lo ? alive_end - lo : 0;
            int32_t away = 0;
            for (size_t k = 0; k < j->prep_merged; k++)
                away += clip_len(j->spans[k].a, j->spans[k].b, lo, alive_end);
            r->days_alive_in_community = r->days_alive - away;
        }
    } else {
        r->flags |= CAREALIGN_JR_NO_PERIOD;
    }
}

/* The bed days, days observed, alive and alive in the community of the
 * period of o (the flag "no period" when it has none), from the state
 * carealign__journey_prepare left: the stays, the death day and the merged
 * spans away from the community. */
static inline void carealign__journey_period_days(const carealign_journey *j,
                                                  const carealign__jopts *o,
                                                  carealign_journey_result *r)
{
    carealign__journey_period_days_some(
        j, o, r, CAREALIGN__DAYS_BED | CAREALIGN__DAYS_OBSERVED | CAREALIGN__DAYS_ALIVE);
}

/** @brief carealign__journey_figures_some: the organisations, continuity
 * contacts and hand-offs of the period. */
#define CAREALIGN__FIG_RUN 1u
/** @brief carealign__journey_figures_some: the continuity indices (coc, upc,
 * secon, mmci, fragmentation) and CAREALIGN_JR_CONTINUITY_NA; with
 * CAREALIGN__FIG_RUN only. */
#define CAREALIGN__FIG_CONTINUITY 2u
/** @brief carealign__journey_figures_some: the days observed. */
#define CAREALIGN__FIG_DAYS 4u
/** @brief carealign__journey_figures_some: the bed days. */
#define CAREALIGN__FIG_BED 8u
/** @brief carealign__journey_figures_some: the days alive and alive in the
 * community. */
#define CAREALIGN__FIG_ALIVE 16u
/** @brief carealign__journey_figures_some: the sectors of the period. */
#define CAREALIGN__FIG_SECTORS 32u
/** @brief carealign__journey_figures_some: every field, as
 * carealign__journey_figures_period. */
#define CAREALIGN__FIG_ALL 63u
/** @brief carealign__journey_figures_some (with other parts than
 * CAREALIGN__FIG_ALL's): the period's sums and the flag of the unpriced
 * contacts not written either (not to be read). */
#define CAREALIGN__FIG_NO_SUMS 64u

_Static_assert(CAREALIGN__FIG_DAYS >> 2 == CAREALIGN__DAYS_OBSERVED &&
                   CAREALIGN__FIG_BED >> 2 == CAREALIGN__DAYS_BED &&
                   CAREALIGN__FIG_ALIVE >> 2 == CAREALIGN__DAYS_ALIVE,
               "the days' bits are the figures' shifted by 2");

/**
 * @brief carealign__journey_figures_period for some of the figures.
 *
 * With parts CAREALIGN__FIG_ALL it is carealign__journey_figures_period.
 * Otherwise, when the one pass of periods.c applies, only the period's
 * sums (activity, staff minutes, cost, unpriced contacts, long-term
 * care-home admissions, assessments, duplicate assessments, and the
 * unpriced flag; not with CAREALIGN__FIG_NO_SUMS) and the fields of the
 * parts asked for are written, each
 * the byte of carealign__journey_figures_period; the other fields of r are
 * left as they were and are not to be read. When it does not apply, r is
 * compute_period's whole result.
 */
void carealign__journey_figures_some(carealign_journey *j, const carealign__jopts *o0,
                                     const carealign__jopts *o, carealign_journey_result *r,
                                     unsigned parts);

/**
 * @brief carealign__journey_figures_some of the builder that would hold
 * only the contacts of j at one organisation or in one sector, read from
 * j's own preparation.
 *
 * Builder j holds every valid contact of a person; a builder holding those
 * of them at organisation `unit` (by_org 1) or in sector `unit` (by_org 0),
 * and nothing else, would have as period sums the sums of those contacts
 * (the sums are per contact: activity, staff minutes, cost, unpriced
 * contacts, long-term care-home admissions, assessments), and no duplicate
 * assessment when all of them are at one organisation (a duplicate is an
 * assessment at another organisation, of any earlier day). parts may hold CAREALIGN__FIG_DAYS
 * only (the days observed are the period's). Writes those sums, the
 * duplicate assessments (0) and the parts as carealign__journey_figures_some
 * would for that builder, and returns 1; returns 0, r untouched, when the
 * one pass of periods.c does not apply to j, when parts asks for more, or
 * when `dup` is 1 and the contacts in scope are at two organisations or
 * more (that builder's duplicates are then needed). dup 0: the duplicate
 * assessments are not written (not to be read); 1: checked, then 0; 2: 0,
 * the caller knowing (from an earlier answer of 1 for the same builder,
 * options and scope) that the contacts in scope are at one organisation.
 */
int carealign__journey_figures_within(carealign_journey *j, const carealign__jopts *o0,
                                      const carealign__jopts *o, carealign_journey_result *r,
                                      unsigned parts, int by_org, int32_t unit, int dup);

/** @brief Periods for carealign__journey_figures_in, one after the other
 * (carealign__journey_periods_init): period k runs from day edge[k] to day
 * edge[k + 1] - 1. */
typedef struct carealign__jperiods {
    /** n + 1 days */
    const int32_t *edge;
    /** at[1 + d - edge[0]]: 1 + the period of day d; at[0] = 0 (before
     * the first), at[span + 1] = n + 1 (after the last) */
    const unsigned char *at;
    /** edge[n] - edge[0] */
    size_t span;
    /** periods (0: none, figures_in is figures_some) */
    size_t n;
} carealign__jperiods;

/**
 * @brief Make pl the list of the n periods ps[k] to pe[k] (days included).
 *
 * The periods must follow one another (ps[k + 1] == pe[k] + 1, ps[k] <=
 * pe[k]), be fewer than UCHAR_MAX and span at most at_cap - 2 days; edge
 * (n + 1 entries) and at (at_cap bytes) are pl's storage, kept by the
 * caller. Returns 1, or 0 (pl->n set to 0) when they do not fit those
 * conditions.
 */
int carealign__journey_periods_init(carealign__jperiods *pl, const int32_t *ps, const int32_t *pe,
                                    size_t n, int32_t *edge, unsigned char *at, size_t at_cap);

/**
 * @brief Give the builder the period list of carealign__journey_figures_in
 * (NULL: none).
 *
 * pl and its storage must stay as they are while the builder holds it.
 */
void carealign__journey_set_periods(carealign_journey *j, const carealign__jperiods *pl);

/**
 * @brief carealign__journey_figures_some of period `period` of the
 * builder's period list (carealign__journey_set_periods).
 *
 * o's period is period `period` of the list (o->ps == edge[period], o->pe
 * == edge[period + 1] - 1), or `period` is -1 and o any period. The same
 * bytes as carealign__journey_figures_some, which it is without a list;
 * the bounds of the run of every period of the list are found in one pass
 * over the contacts at the first call after a preparation and read from
 * there by the next ones (also for a period -1 spanning the whole list).
 */
void carealign__journey_figures_in(carealign_journey *j, const carealign__jopts *o0,
                                   const carealign__jopts *o, carealign_journey_result *r,
                                   unsigned parts, int32_t period);

/** @brief carealign__journey_set_sums: the activity, cost and unpriced
 * contacts (and CAREALIGN_JR_UNPRICED_ACTIVITY). */
#define CAREALIGN__SUMS_PRICED 1u
/** @brief carealign__journey_set_sums: the staff minutes. */
#define CAREALIGN__SUMS_STAFF 2u
/** @brief carealign__journey_set_sums: the long-term care-home admissions. */
#define CAREALIGN__SUMS_LTCH 4u
/** @brief carealign__journey_set_sums: the assessments and duplicate
 * assessments. */
#define CAREALIGN__SUMS_ASSESS 8u

/**
 * @brief Tell the builder which of the period's sums no caller of
 * carealign__journey_figures_some, carealign__journey_figures_in or
 * carealign__journey_figures_within reads (CAREALIGN__SUMS_ bits; 0, a new
 * builder's: every sum read).
 *
 * The passes that make the sums once per preparation may then leave those
 * out: the fields of the result they fill (and the flag of the unpriced
 * contacts) are then 0 or not what carealign__journey_compute gives, and
 * are not to be read. Others may still be made (the passes skip only some
 * combinations). Never set by carealign__journey_compute or
 * carealign__journey_figures_period's full figures' callers.
 */
void carealign__journey_set_sums(carealign_journey *j, unsigned skip);

/** @brief carealign__journey_within_bins: the activity. */
#define CAREALIGN__SUM_ACTIVITY 1u
/** @brief carealign__journey_within_bins: the staff minutes. */
#define CAREALIGN__SUM_STAFF 2u
/** @brief carealign__journey_within_bins: the cost in pence. */
#define CAREALIGN__SUM_COST 4u
/** @brief carealign__journey_within_bins: the unpriced contacts (and the
 * unpriced flag). */
#define CAREALIGN__SUM_UNPRICED 8u
/** @brief carealign__journey_within_bins: the long-term care-home
 * admissions. */
#define CAREALIGN__SUM_LTCH 16u
/** @brief carealign__journey_within_bins: the assessments. */
#define CAREALIGN__SUM_ASSESS 32u
/** @brief carealign__journey_within_bins: every sum. */
#define CAREALIGN__SUM_ALL 63u

/** @brief carealign__jwithin: the sums of a row. */
#define CAREALIGN__WITHIN_ROW 6u

/**
 * @brief Write a scope's sums (row: CAREALIGN__WITHIN_ROW of them, in
 * CAREALIGN__SUM_ bit order) and, when parts asks, its days observed to
 * r, as carealign__journey_figures_within and
 * carealign__journey_within_read give them (duplicates 0 when dup).
 */
static inline void carealign__journey_within_put(const carealign_journey *j,
                                                 const carealign__jopts *o,
                                                 carealign_journey_result *r, const uint64_t *row,
                                                 unsigned parts, int dup)
{
    r->activity = (int64_t)row[0];
    r->staff_minutes = (int64_t)row[1];
    r->cost_pence = (int64_t)row[2];
    r->n_unpriced = (int32_t)row[3];
    r->n_lt_care_home_admissions = (int32_t)row[4];
    r->n_assessments = (int32_t)row[5];
    if (dup)
        r->n_duplicate_assessments = 0;
    if (r->n_unpriced > 0)
        r->flags |= CAREALIGN_JR_UNPRICED_ACTIVITY;
    if (parts & CAREALIGN__FIG_DAYS) { /* as carealign__journey_figures_some */
        r->bed_days = o->base.bed_days;
        r->days_observed = o->base.days_observed;
        r->days_alive = o->base.days_alive;
        r->days_alive_in_community = o->base.days_alive_in_community;
        carealign__journey_period_days_some(j, o, r, CAREALIGN__DAYS_OBSERVED);
    }
}

/** @brief The sums of carealign__journey_figures_within of every
 * organisation and sector of a builder's contacts, by period of a list
 * (carealign__journey_within_bins), read by
 * carealign__journey_within_read. */
typedef struct carealign__jwithin {
    /** the builder binned (its death day is not read: the days observed only) */
    const carealign_journey *j;
    /** the period list's edges (np + 1 days) and its periods */
    const int32_t *edge;
    size_t np;
    /** the sums of organisation u (< 64) in row k (0: the whole list, 1 +
     * p: period p) at rows + (u * (np + 1) + k) * CAREALIGN__WITHIN_ROW,
     * of sector u (< 32) at rows + ((64 + u) * (np + 1) + k) *
     * CAREALIGN__WITHIN_ROW, for the units of ob and sb (the others: no
     * contact in the list's periods); sum f (bit f of CAREALIGN__SUM_*) at
     * position f of a row, 0 when not binned */
    const uint64_t *rows;
    uint64_t ob;
    uint32_t sb;
    /** with `dup` (else NULL): the duplicate assessments of the builder
     * that would hold only sector u's contacts (u < 32, in sb), in row k
     * (as the sums') at sdup[u * (np + 1) + k] when sdup_any (else
     * none) */
    const uint64_t *sdup;
    int sdup_any;
} carealign__jwithin;

/**
 * @brief Bin the sums of carealign__journey_figures_within of builder j
 * (prepared) under o0, for every organisation and sector of its contacts
 * and every period of pl, in one pass over the contacts of pl's periods.
 *
 * Each contact's part of the running sums of periods.c (the sums of
 * `sums`, CAREALIGN__SUM_* bits) is added to the rows of its organisation
 * and of its sector in the period its start day falls in; integer sums
 * modulo 2^64, so that any order of addition gives
 * carealign__journey_figures_within's. With `dup`, each sector's
 * duplicate assessments under o0 (its assessment types and window) too:
 * those of the builder that would hold only the sector's contacts (in
 * j's order, a subset of j's content order: a duplicate is an earlier
 * assessment of the same type and subtype at another organisation of
 * that sector). The rows
 * live in *buf (*cap words, grown here, the caller's to free); w describes
 * them and stays valid while j's contacts and *buf do. Gives j pl
 * (carealign__journey_set_periods). Returns 1, or 0 (w not to be read)
 * when the one pass of periods.c does not apply to j, pl has no period,
 * the bounds of pl's periods are not made (carealign__journey_figures_in
 * makes them: o0's period is pl's whole, or a period of pl was asked since
 * the preparation) or memory runs out.
 */
int carealign__journey_within_bins(carealign_journey *j, const carealign__jopts *o0,
                                   const carealign__jperiods *pl, unsigned sums, int dup,
                                   carealign__jwithin *w, uint64_t **buf, size_t *cap);

/**
 * @brief 1 when the sums of carealign__journey_within_bins under o0 are
 * those under o1 (the same unit costs, the same assessment types, and
 * periods.c's one pass applying to both or neither as far as the options
 * decide), so that bins made under one serve the other.
 */
static inline int carealign__journey_within_same(const carealign__jopts *o0,
                                                 const carealign__jopts *o1)
{
    const int ok0 = o0->same_day == CAREALIGN_SAMEDAY_KEEP ||
                    o0->same_day == CAREALIGN_SAMEDAY_COLLAPSE,
              ok1 = o1->same_day == CAREALIGN_SAMEDAY_KEEP ||
                    o1->same_day == CAREALIGN_SAMEDAY_COLLAPSE;
    return ok0 == ok1 && o0->raw.unit_costs == o1->raw.unit_costs &&
           o0->raw.n_cost_types == o1->raw.n_cost_types &&
           o0->raw.n_cost_sectors == o1->raw.n_cost_sectors &&
           o0->assessment_types == o1->assessment_types;
}

/**
 * @brief carealign__journey_figures_within of the builder binned in w
 * (carealign__journey_within_bins, under the o0 given there), from its
 * rows.
 *
 * o is period `period` of w's list (o->ps == edge[period], o->pe + 1 ==
 * edge[period + 1]) or the whole list (`period` -1, o->ps == edge[0],
 * o->pe + 1 == edge[np]); parts, by_org, unit as for
 * carealign__journey_figures_within, whose bytes it writes for the sums
 * binned (the others 0: not to be read). dup 0: the duplicate assessments
 * not written (not to be read); 1 (only when w was binned with `dup`):
 * those of the builder holding only the scope's contacts (an
 * organisation's: 0; a sector's: binned). Returns 1 when written, -1 (r
 * untouched) when o is not such a period or parts asks for more than the
 * days observed.
 */
static inline int carealign__journey_within_read(const carealign__jwithin *w,
                                                 const carealign__jopts *o, int32_t period,
                                                 carealign_journey_result *r, unsigned parts,
                                                 int by_org, int32_t unit, int dup)
{
    const size_t np = w->np;
    size_t k = 0; /* the row */
    if ((parts & ~CAREALIGN__FIG_DAYS) != 0)
        return -1;
    if (period < 0) {
        if (o->ps != w->edge[0] || (int64_t)o->pe + 1 != w->edge[np])
            return -1;
    } else {
        k = (size_t)period + 1;
        if (k > np || o->ps != w->edge[k - 1] || (int64_t)o->pe + 1 != w->edge[k])
            return -1;
    }
    /* the row of the scope's unit (none: no contact there, every sum 0) */
    static const uint64_t none[CAREALIGN__WITHIN_ROW] = {0};
    const uint64_t *row = none;
    const int in = by_org ? (uint32_t)unit < 64 && ((w->ob >> unit) & 1)
                          : (uint32_t)unit < 32 && ((w->sb >> unit) & 1);
    if (in)
        row = w->rows + (((size_t)unit + (by_org ? 0 : 64)) * (np + 1) + k) * CAREALIGN__WITHIN_ROW;
    carealign__journey_within_put(w->j, o, r, row, parts, dup);
    if (dup && !by_org && in && w->sdup_any) /* an organisation's builder has none */
        r->n_duplicate_assessments = (int32_t)w->sdup[(size_t)unit * (np + 1) + k];
    return 1;
}

#endif /* CAREALIGN_JOURNEY_FIGURES_H */
