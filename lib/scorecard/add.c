/* Adding a person's contribution to the result groups: one group per
 * measure x level x unit x stratum x period (docs/scorecard.md).
 *
 * A contribution goes to the group of each of the person's strata at one
 * (measure, level, unit, period): how it is added is decided once per call
 * (contrib_op), and the groups' accumulators are read from the memo's row
 * of that (measure, level, unit, period) by stratum code (slots.h), each
 * group taking carealign__sc_slot_add's path (lookup or creation, in the
 * same order as ever) the first time only. */
#include "accum/fast.h"
#include "core/internal.h"
#include "scorecard/contrib.h"
#include "scorecard/slots.h"

/* How a contribution is added to a group's accumulator. */
enum { OP_NONE, OP_COUNT, OP_PAIR, OP_BANDS, OP_ONE, OP_WEIGHTED };

typedef struct contrib_op {
    int op;
    uint64_t num, den; /* OP_COUNT: num ones and den - num zeros (as grid units) */
} contrib_op;

static contrib_op contrib_op_of(const carealign_scorecard *sc, int32_t mi, const contrib *k)
{
    contrib_op o = {OP_NONE, 0, 0};
    if (sc->measures[mi].mflags & CAREALIGN_MEASURE_WEIGHTED) {
        o.op = OP_WEIGHTED;
        return o;
    }
    switch (k->kind) {
    case 1: {
        int64_t num = (int64_t)k->a, den = (int64_t)k->b;
        if (den <= 0)
            return o; /* the group exists, nothing is added */
        num = num < 0 ? 0 : num > den ? den : num;
        o.op = OP_COUNT;
        o.num = (uint64_t)num;
        o.den = (uint64_t)den;
        return o;
    }
    case 2:
    case 4: o.op = OP_PAIR; return o;
    case 5: o.op = OP_BANDS; return o;
    default: o.op = OP_ONE; return o;
    }
}

static inline carealign_status add_op(carealign_acc *acc, const contrib_op *o, const contrib *k)
{
    switch (o->op) {
    case OP_COUNT: return carealign__acc_add_count(acc, o->num, o->den);
    case OP_PAIR: return carealign__acc_add_pair1(acc, k->a, k->b);
    case OP_BANDS: return carealign__sc_add_bands(acc, k->bands);
    case OP_ONE: return carealign__acc_add1(acc, k->a);
    case OP_WEIGHTED: return carealign__sc_add_weighted(acc, k->kind, k->a, k->b, k->w);
    default: return CAREALIGN_OK;
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
    contrib_op o = contrib_op_of(sc, mi, k);
    return add_op(acc, &o, k);
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

carealign_status carealign__sc_add_all_strata(carealign_scorecard *sc, int32_t mi, const contrib *k,
                                              int32_t level, int32_t unit, int32_t period,
                                              const strata *str)
{
    const int pop = sc->measures[mi].pop_denominator;
    const int n = period < 0 ? str->n : 1; /* periods only at the margin */
    const contrib_op o = contrib_op_of(sc, mi, k);
    int32_t n_row;
    carealign_acc *const *row = carealign__sc_slot_row(sc, mi, level, unit, period, &n_row);
    for (int i = 0; i < n; i++) {
        if (pop && i > 0 && !pop_stratum(sc, str->v[i]))
            continue;
        const int32_t code = str->code[i];
        carealign_acc *acc = code >= 0 && code < n_row ? row[code] : NULL;
        if (acc == NULL) {
            const int32_t *v = str->v[i];
            carealign__sc_key key = {mi, level, unit, {v[0], v[1], v[2], v[3]}, period};
            carealign_status st = carealign__sc_slot_add(sc, &key, code, &acc);
            if (st != CAREALIGN_OK)
                return st;
            row = carealign__sc_slot_row(sc, mi, level, unit, period, &n_row);
        }
        carealign_status st = add_op(acc, &o, k);
        if (st != CAREALIGN_OK)
            return st;
    }
    return CAREALIGN_OK;
}
