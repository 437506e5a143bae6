/* Adding a person's contribution to the result groups: one group per
 * measure x level x unit x stratum x period (docs/scorecard.md). */
#include "accum/fast.h"
#include "core/internal.h"
#include "scorecard/contrib.h"
#include "scorecard/slots.h"

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

carealign_status carealign__sc_add_all_strata(carealign_scorecard *sc, int32_t mi, const contrib *k,
                                              int32_t level, int32_t unit, int32_t period,
                                              const strata *str)
{
    const carealign__sc_measure *m = &sc->measures[mi];
    int n = period < 0 ? str->n : 1; /* periods only at the margin */
    for (int i = 0; i < n; i++) {
        if (m->pop_denominator && i > 0) {
            /* population denominators exist for age and sex only */
            int32_t ka = str->v[i][0] >= 0 ? sc->stratum_kind[str->v[i][0]] : 0;
            int32_t kb = str->v[i][2] >= 0 ? sc->stratum_kind[str->v[i][2]] : 0;
            if ((ka != CAREALIGN_STRATUM_AGE && ka != CAREALIGN_STRATUM_SEX) ||
                (kb != 0 && kb != CAREALIGN_STRATUM_AGE && kb != CAREALIGN_STRATUM_SEX))
                continue;
        }
        carealign_status st =
            carealign__sc_add_contrib(sc, mi, k, level, unit, str->v[i], str->code[i], period);
        if (st != CAREALIGN_OK)
            return st;
    }
    return CAREALIGN_OK;
}
