/* Adding a person's contribution to the result groups: one group per
 * measure x level x unit x stratum x period (docs/scorecard.md).
 *
 * A contribution goes to the group of each of the person's strata at one
 * (measure, level, unit, period). The groups' accumulators come from the
 * memo's row of that (measure, level, unit, period), by stratum code
 * (slots.h); a group not in it takes carealign__sc_slot_add's path (lookup
 * or creation, in the same order as ever). A value, pair or count is added
 * as one record prepared once (carealign__acc_add_rec): the same record
 * goes to every stratum and usually to the next level's groups too. */
#include "accum/fast.h"
#include "core/internal.h"
#include "scorecard/contrib.h"
#include "scorecard/slots.h"

/* Add contribution k of measure mi to acc, one record at a time. */
static carealign_status add_plain(carealign_acc *acc, const carealign_scorecard *sc, int32_t mi,
                                  const contrib *k)
{
    if (sc->measures[mi].mflags & CAREALIGN_MEASURE_WEIGHTED)
        return carealign__sc_add_weighted(acc, k->kind, k->a, k->b, k->w);
    switch (k->kind) {
    case 1: {
        /* num ones and den - num zeros (as grid units) */
        int64_t num = (int64_t)k->a, den = (int64_t)k->b;
        if (den <= 0)
            return CAREALIGN_OK;
        num = num < 0 ? 0 : num > den ? den : num;
        return carealign__acc_add_count(acc, (uint64_t)num, (uint64_t)den);
    }
    case 2:
    case 4: return carealign__acc_add_pair1(acc, k->a, k->b);
    case 5: return carealign__sc_add_bands(acc, k->bands);
    default: return carealign__acc_add1(acc, k->a);
    }
}

/* Set r to contribution k (as add_plain adds it) and return 1; 0 when k is
 * not one record of the kinds r holds (DSR bands, a weighted proportion, an
 * empty proportion): then add_plain adds it. */
static int rec_of(carealign__acc_rec *r, const carealign_scorecard *sc, int32_t mi,
                  const contrib *k)
{
    if (sc->measures[mi].mflags & CAREALIGN_MEASURE_WEIGHTED) {
        if (k->kind != 3)
            return 0; /* carealign__sc_add_weighted's other kinds */
        carealign__acc_rec_weighted(r, k->a, k->w);
        return 1;
    }
    switch (k->kind) {
    case 1: {
        int64_t num = (int64_t)k->a, den = (int64_t)k->b;
        if (den <= 0)
            return 0;
        num = num < 0 ? 0 : num > den ? den : num;
        carealign__acc_rec_count(r, (uint64_t)num, (uint64_t)den);
        return 1;
    }
    case 2:
    case 4: carealign__acc_rec_pair(r, k->a, k->b); return 1;
    case 5: return 0;
    default: carealign__acc_rec_value(r, k->a); return 1;
    }
}

carealign_status carealign__sc_add_contrib(carealign_scorecard *sc, int32_t mi, const contrib *k,
                                           int32_t level, int32_t unit, const int32_t stratum[4],
                                           int32_t code, int32_t period)
{
    carealign__sc_key key = {
        mi, level, unit, {stratum[0], stratum[1], stratum[2], stratum[3]}, period};
    carealign_acc *acc = NULL;
    carealign_status st = carealign__sc_slot_get(sc, &key, code, &acc);
    if (st != CAREALIGN_OK)
        return st;
    return add_plain(acc, sc, mi, k);
}

/* Population denominators exist for age and sex only: may stratum v (not
 * the margin) of a pop_denominator measure have a group? */
static int pop_stratum(const carealign_scorecard *sc, const int32_t v[4])
{
    int32_t ka = v[0] >= 0 ? sc->stratum_kind[v[0]] : 0;
    int32_t kb = v[2] >= 0 ? sc->stratum_kind[v[2]] : 0;
    return (ka == CAREALIGN_STRATUM_AGE || ka == CAREALIGN_STRATUM_SEX) &&
           (kb == 0 || kb == CAREALIGN_STRATUM_AGE || kb == CAREALIGN_STRATUM_SEX);
}

/* The accumulator of stratum i of str at (mi, level, unit, period): the
 * memo row's (row, n_row), else carealign__sc_slot_add's. */
static inline carealign_status stratum_acc(carealign_scorecard *sc, int32_t mi, int32_t level,
                                           int32_t unit, int32_t period, const strata *str, int i,
                                           carealign_acc *const *row, int32_t n_row,
                                           carealign_acc **out)
{
    const int32_t code = str->code[i];
    *out = code >= 0 && code < n_row ? row[code] : NULL;
    if (*out != NULL)
        return CAREALIGN_OK;
    const int32_t *v = str->v[i];
    carealign__sc_key key = {mi, level, unit, {v[0], v[1], v[2], v[3]}, period};
    return carealign__sc_slot_add(sc, &key, code, out);
}

/* add_all_strata for more than one stratum. */
static carealign_status add_strata(carealign_scorecard *sc, int32_t mi, const contrib *k,
                                   int32_t level, int32_t unit, int32_t period, const strata *str,
                                   carealign__acc_rec *r, int as_rec)
{
    const int pop = sc->measures[mi].pop_denominator;
    int32_t n_row;
    carealign_acc *const *row = carealign__sc_slot_row(sc, mi, level, unit, period, &n_row);
    for (int i = 0; i < str->n; i++) {
        if (pop && i > 0 && !pop_stratum(sc, str->v[i]))
            continue;
        const int32_t code = str->code[i];
        carealign_acc *acc = code >= 0 && code < n_row ? row[code] : NULL;
        carealign_status st;
        if (acc == NULL) {
            st = stratum_acc(sc, mi, level, unit, period, str, i, row, n_row, &acc);
            if (st != CAREALIGN_OK)
                return st;
            row = carealign__sc_slot_row(sc, mi, level, unit, period, &n_row); /* may have grown */
        }
        st = as_rec ? carealign__acc_add_rec(acc, r) : add_plain(acc, sc, mi, k);
        if (st != CAREALIGN_OK)
            return st;
    }
    return CAREALIGN_OK;
}

carealign_status carealign__sc_add_all_strata(carealign_scorecard *sc, int32_t mi, const contrib *k,
                                              int32_t level, int32_t unit, int32_t period,
                                              const strata *str)
{
    carealign__acc_rec *r = sc->slots != NULL ? &sc->slots->rec : NULL;
    const int as_rec = r != NULL && rec_of(r, sc, mi, k);
    if (period < 0 && str->n != 1) /* periods only at the margin */
        return add_strata(sc, mi, k, level, unit, period, str, r, as_rec);
    int32_t n_row;
    carealign_acc *const *row = carealign__sc_slot_row(sc, mi, level, unit, period, &n_row);
    carealign_acc *acc;
    carealign_status st = stratum_acc(sc, mi, level, unit, period, str, 0, row, n_row, &acc);
    if (st != CAREALIGN_OK)
        return st;
    return as_rec ? carealign__acc_add_rec(acc, r) : add_plain(acc, sc, mi, k);
}
