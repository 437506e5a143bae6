/* A person's contribution to a measure and the strata it is added to
 * (process.c evaluates, add.c adds). Never installed. */
#ifndef CAREALIGN_SCORECARD_CONTRIB_H
#define CAREALIGN_SCORECARD_CONTRIB_H

#include <stdint.h>

#include "core/internal.h"
#include "scorecard/internal.h"
#include "scorecard/slots.h"

#define MAX_STRATA 64

typedef struct strata {
    int32_t v[MAX_STRATA][4];
    int32_t code[MAX_STRATA]; /* carealign__sc_stratum_code of v[i] */
    int n;
    /* carealign__sc_strata_lists: indices into v of every stratum (all[i] = i)
     * and of those a population-based measure adds to (margin, age, sex) */
    int32_t all[MAX_STRATA], pop[MAX_STRATA];
    int n_pop;
    int32_t pop_code[MAX_STRATA]; /* code[pop[i]] (carealign__sc_strata_lists) */
    /* carealign__sc_fine_person: the finest tuple (the margin and the strata
     * of the cell's dimensions; -1: none, every add direct) and the indices
     * into v of the other strata (added directly), with their codes */
    int32_t tuple;
    int nd;
    int32_t dix[MAX_STRATA], dcode[MAX_STRATA];
} strata;

typedef struct contrib {
    int kind; /* 0 none, 1 proportion (num, den), 2 pair (a, b), 3 value, 4 change pair,
                 5 DSR events per ESP band (bands) */
    double a, b;
    const double *bands;
    double w; /* weighted measures: the person's survey weight (carealign__sc_person_weight) */
} contrib;

/* Adds contribution k of measure mi to the group of (level, unit, stratum,
 * period); code is stratum's carealign__sc_stratum_code (-1: unknown). */
carealign_status carealign__sc_add_contrib(carealign_scorecard *sc, int32_t mi, const contrib *k,
                                           int32_t level, int32_t unit, const int32_t stratum[4],
                                           int32_t code, int32_t period);

/* Sets str->all, pop and n_pop from str->v and n: every index, and the
 * margin's (0) and those of the strata of ages and sexes only, in order. */
void carealign__sc_strata_lists(const carealign_scorecard *sc, strata *str);

/** The adds of one measure's contributions at one period (add.c), each to
 * the groups of a person's strata at one (level, unit): all of them for
 * the whole period (period -1), the margin only for a month;
 * population-based measures only at the margin, age and sex. */
typedef struct carealign__sc_adds {
    carealign_scorecard *sc;
    const strata *str;               /**< the person's strata (codes and lists set) */
    int32_t mi, period;              /**< the measure and period (-1: the whole period) */
    const int32_t *ix;               /**< the indices into str->v added to */
    const int32_t *codes;            /**< their stratum codes (str->code[ix[j]]) */
    int n;                           /**< their number */
    const carealign__sc_units *by;   /**< the memo's rows at (mi, level 0, period), NULL: none */
    size_t per;                      /**< the stride of a level in by */
    const carealign__sc_mparams *mp; /**< the memo's parameters of the measure (set with by) */
    const contrib *k;                /**< the contribution r is the record of, NULL: none */
    carealign__acc_rec *r;           /**< its record (slots.h's cache), NULL: add_plain's path */
    contrib kv;                      /**< a copy of the contribution r was looked up for */
    int kv_ok;                       /**< kv and r are set (kept by carealign__sc_adds_next) */
    int fast;            /**< by is set and r, prepared, is for the parameters of every accumulator
                              the memo has of the measure (carealign__sc_mparams): adds need not
                              compare them (carealign__sc_adds_add_any sets it) */
    uint32_t code0;      /**< the stratum code of ix[0] */
    int32_t level, unit; /**< of the add carealign__sc_adds_add_any is at */
    int cellcls;         /**< the whole period's adds of a measure the finest cells take:
                              their class (carealign__sc_fine_class_of; fine.c), else 0 */
} carealign__sc_adds;

/* ---- finest cells (fine.c) ----------------------------------------------
 *
 * A whole-period add of a (measure, level, unit) goes to the groups of each
 * of the person's strata. Those of the margin and of the strata of the
 * cell's dimensions (fine.c, fine_dims) are instead added to one state, the
 * finest cell of the person's tuple of their codes, and the groups are
 * derived from the cells (flushed: each cell's state added to each of its
 * groups) before anything reads them. Only integer kinds whose sums do not
 * depend on the order of the adds, and records too small to overflow a
 * group kept below carealign__sc_fine_room's bounds, go to cells. */

/** The classes of adds a finest cell holds (carealign__sc_fine.cls). */
enum {
    CAREALIGN__SC_FINE_GRID = 1, /* GRID_SMALL: n, sum, sum of squares, min, max */
    CAREALIGN__SC_FINE_COUNT,    /* ONE and COUNT: n, successes */
    CAREALIGN__SC_FINE_RATE,     /* RATE: n, events, exposure */
    CAREALIGN__SC_FINE_WEIGHTED  /* a weighted MEAN or PROPORTION's records of weight 1 and
                                    0 <= x < CAREALIGN__SC_FINE_MAX_WX grid units: n,
                                    successes, min, max, sum x, sum x^2 (integers, so that the
                                    groups' compensated sums add them exactly: fine.c) */
};

/** Sets str->tuple, nd, dix and dcode (str's codes set). */
void carealign__sc_fine_person(carealign_scorecard *sc, strata *str);

/** carealign__sc_fine_class_of from the measure and the switches (fine.c):
 * before the cells start, and to set carealign__sc_slots.fine_mcls. */
int carealign__sc_fine_class_slow(const carealign_scorecard *sc, int32_t mi);

/** The class (CAREALIGN__SC_FINE_*) of measure mi's whole-period adds
 * that may go to finest cells (every prepared record of the measure's
 * accumulators of a class has it), 0: none may: the memo's, once the
 * cells have started (carealign__sc_slots.fine_mcls). */
static inline int carealign__sc_fine_class_of(const carealign_scorecard *sc, int32_t mi)
{
    const carealign__sc_slots *s = sc->slots;
    if (s != NULL && s->fine_mcls != NULL)
        return s->fine_off ? 0 : s->fine_mcls[mi];
    return carealign__sc_fine_class_slow(sc, mi);
}

/** Adds every block's cells to their groups (before a read of the groups). */
void carealign__sc_fine_flush_all(carealign_scorecard *sc);

/** Adds the cells of the block whose states start at st to their groups
 * (the cells off for good, carealign__sc_fine_stop, when a group is then
 * out of carealign__sc_fine_room's bounds). */
void carealign__sc_fine_flush(carealign_scorecard *sc, carealign__sc_fstate *st);

/** Turns the cells off for good: every block's cells added to their
 * groups, and no memo cell leads to them again (every add direct). */
void carealign__sc_fine_stop(carealign_scorecard *sc);

/** Is acc's state below the bounds that cells' adds assume (so that no
 * add held in cells could have overflowed it)? */
int carealign__sc_fine_room(const carealign_acc *acc);

/** Are acc's weighted sums (a weighted accumulator's; 1 for the others)
 * integers below 2^52 in magnitude, so that the records of the weighted
 * class added since (at most carealign__sc_fine_wlimit of them, each term
 * below 2^32) leave every partial sum an integer below 2^53, added exactly
 * in any order (fine.c)? */
int carealign__sc_fine_wroom(const carealign_acc *acc);

/** Turns measure mi's cells off for good: its blocks' cells added to their
 * groups, and no memo cell leads to them again (its adds direct). */
void carealign__sc_fine_mstop(carealign_scorecard *sc, int32_t mi);

/** Checks every group's room: when one has none, flushes and turns the
 * cells off for good (after a merge or a deserialize). */
void carealign__sc_fine_check(carealign_scorecard *sc);

/** Group g's accumulator as the cells' adds make it: sc->groups[g].acc,
 * or *tmp (a shallow copy with the cells' adds) when cells hold some. */
const carealign_acc *carealign__sc_fine_view(const carealign_scorecard *sc, size_t g,
                                             carealign_acc *tmp);

/** Tuple t's cell of (mi, level, unit) at the whole period takes adds
 * from now on (every group of the tuple there, remembered in the memo):
 * its block made or grown when needed (nothing when it cannot be). */
void carealign__sc_fine_make(carealign_scorecard *sc, int32_t mi, int32_t level, int32_t unit,
                             int32_t t);

/** 1 (the default): whole-period adds go to finest cells where they may;
 * 0: every add direct. For tests only (tests/scorecard/test_empty.c
 * compares both); not synchronised, never written by the library; change
 * it only while no scorecard exists. */
extern int carealign__sc_fine_cells;

/** 1 (the default): sex is one of the cell's dimensions (fine.c,
 * fine_dims) even when no stratum with declared groups is crossed with it;
 * 0: only then. For tests only; change it only while no scorecard exists. */
extern int carealign__sc_fine_sex;

/** A cell holds records of n below this, then its block is flushed first:
 * CAREALIGN__SC_FINE_LIMIT (the default) or less. For tests only (a small
 * one flushes often); change it only while no scorecard exists. */
extern uint64_t carealign__sc_fine_limit;

/** The largest COUNT record (its n) a finest cell takes. */
#define CAREALIGN__SC_FINE_MAX_COUNT (UINT64_C(1) << 20)

/** A weighted record a finest cell takes: weight 1 and a value of
 * 0 <= x < this many grid units (x^2 below 2^32). */
#define CAREALIGN__SC_FINE_MAX_WX (INT64_C(1) << 16)

/** The adds of the weighted class (cells' and direct) between two checks
 * of every group (carealign__sc_fine_check): 2^20 (the default, the
 * largest the bounds allow: carealign__sc_fine_wroom) or less. For tests
 * only (a small one checks often); change it only while no scorecard
 * exists. */
extern uint64_t carealign__sc_fine_wlimit;

/** The class of prepared record r in a finest cell, 0: added directly. */
static inline int carealign__sc_fine_class(const carealign__acc_rec *r)
{
    switch (r->how) {
    case CAREALIGN__HOW_GRID_SMALL: return CAREALIGN__SC_FINE_GRID;
    case CAREALIGN__HOW_ONE: return CAREALIGN__SC_FINE_COUNT;
    case CAREALIGN__HOW_COUNT:
        return r->n <= CAREALIGN__SC_FINE_MAX_COUNT ? CAREALIGN__SC_FINE_COUNT : 0;
    case CAREALIGN__HOW_RATE: return CAREALIGN__SC_FINE_RATE;
    case CAREALIGN__HOW_WEIGHTED:
        return r->wrec.w == 1.0 && r->wrec.u >= 0 && r->wrec.u < CAREALIGN__SC_FINE_MAX_WX
                   ? CAREALIGN__SC_FINE_WEIGHTED
                   : 0;
    default: return 0;
    }
}

/** Starts the adds of measure mi at period to the strata of str. */
void carealign__sc_adds_begin(carealign__sc_adds *a, carealign_scorecard *sc, int32_t mi,
                              int32_t period, const strata *str);

/** Prefetches the states of the accumulators of the whole period's adds
 * begun (a at period -1; else nothing): a's strata at the system and, but
 * for a population-based measure, at the cohorts of orgs[0 .. n_orgs - 1],
 * the sectors secs[0 .. n_secs - 1] and the organisations orgs[], the
 * groups process.c adds to next, between its evaluations. The number of
 * accumulators prefetched (a result, so that the compiler keeps the
 * loops). */
int carealign__sc_adds_prefetch_units(const carealign__sc_adds *a, const int32_t *orgs, int n_orgs,
                                      const int32_t *secs, int n_secs);

/** Are contributions k and l the same bit for bit (every field a record
 * is made of)? Then they have the same record. */
static inline int carealign__sc_same_contrib(const contrib *k, const contrib *l)
{
    return k->kind == l->kind && carealign__acc_same_bits(k->a, l->a) &&
           carealign__acc_same_bits(k->b, l->b) && carealign__acc_same_bits(k->w, l->w) &&
           k->bands == l->bands;
}

/** Moves a (begun for its measure at an earlier period) to the month
 * `period` (>= 0) of the same measure: the margin only. The record of the
 * last contribution is kept: k, the month's first contribution, has it at
 * once (carealign__sc_adds_add's inline path) when it equals the one
 * before. */
static inline void carealign__sc_adds_next(carealign__sc_adds *a, int32_t period, const contrib *k)
{
    if (a->by != NULL)
        a->by += period - a->period;
    a->period = period;
    a->cellcls = 0;
    a->ix = a->str->pop;
    a->codes = a->str->pop_code;
    a->n = 1;
    a->code0 = (uint32_t)a->codes[0];
    a->k = a->kv_ok && carealign__sc_same_contrib(k, &a->kv) ? k : NULL;
}

/** 1 (the default): carealign__sc_adds_add adds prepared records
 * (carealign__acc_rec) through the memo's rows; 0: every group through
 * carealign__sc_add_contrib, one public-equivalent add at a time. For tests
 * only (tests/scorecard/test_empty.c compares both); not synchronised,
 * never written by the library. */
extern int carealign__sc_fast_adds;

/** The places of add.c's table of prepared records used, less one (a mask
 * of the hash, below CAREALIGN__SC_RECS): CAREALIGN__SC_RECS - 1 by
 * default; 0 puts every record in one place, so that each lookup must tell
 * records apart by their contents (tests/scorecard/test_empty.c). For tests
 * only; not synchronised, never written by the library. */
extern uint32_t carealign__sc_rec_mask;

/** carealign__sc_adds_add_any's adds of a->k from a->ix[j] on at
 * (a->level, a->unit): groups not there, other record kinds, overflows.
 * Not static, so that it stays out of its caller (add.c). */
carealign_status carealign__sc_adds_rest(carealign__sc_adds *a, int j);

/** carealign__sc_adds_add's every path (add.c). */
carealign_status carealign__sc_adds_add_any(carealign__sc_adds *a, const contrib *k, int32_t level,
                                            int32_t unit);

/** Prefetches the margin's accumulator at (level, unit) in the period after
 * a's, whose add usually comes soon (process.c goes through the months in
 * order, to the same levels and units), given `units`, the memo's row of
 * (level, a's period), and u = unit + 1. */
static inline void carealign__sc_adds_prefetch_next(const carealign__sc_adds *a,
                                                    const carealign__sc_units *units, size_t u)
{
    if ((size_t)(uint32_t)(a->period + 2) < a->per) {
        const carealign__sc_units *next = units + 1;
        if (u < next->n && next->cells[u].acc0 != NULL)
            carealign__acc_prefetch(next->cells[u].acc0);
    }
}

/** Adds k (the same contents as long as the pointer is) to the groups of
 * a's strata at (level, unit), creating those not there yet in order. The
 * commonest add inline: one stratum (a month's margin) of the record in
 * hand (the last contribution's, or one of the same contents), prepared for
 * the measure's accumulators, to a group there, of a common record kind. */
/* always inline: no call and no frame of its own for a month's add */
CAREALIGN__ALWAYS_INLINE static inline carealign_status
carealign__sc_adds_add(carealign__sc_adds *a, const contrib *k, int32_t level, int32_t unit)
{
    const size_t u = (size_t)(uint32_t)(unit + 1);
    if (a->fast && a->n == 1 && (uint32_t)level <= 3 &&
        (k == a->k || carealign__sc_same_contrib(k, &a->kv))) {
        const carealign__sc_units *units = &a->by[(size_t)level * a->per];
        if (u < units->n) {
            const carealign__sc_cell *c = &units->cells[u];
            carealign_acc *acc = a->code0 == 0               ? c->acc0
                                 : a->code0 < (uint32_t)c->n ? c->acc[a->code0]
                                                             : NULL;
            carealign__sc_adds_prefetch_next(a, units, u); /* first: fewer registers live */
            if (acc != NULL && carealign__acc_rec_apply_common(&acc->st, a->r)) {
                a->k = k;
                return CAREALIGN_OK;
            }
        }
    }
    return carealign__sc_adds_add_any(a, k, level, unit);
}

#endif
