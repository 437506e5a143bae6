/* Survey-weighted measures (docs/scorecard.md, "Survey weights"): the
 * person's weight, its grid, and adding a weighted contribution. */
#include <math.h>

#include "accum/fast.h"
#include "core/internal.h"
#include "scorecard/internal.h"

/* 2^20: weights are held to 1/1048576. Each weight is then a double on the
 * grid 2^-20, each w^2 and w x (x in grid units) a double on 2^-40 or
 * 2^-20, so the accumulators' compensated sums add numbers of one binary
 * grid and give the same value in any order or partitioning (as long as
 * the sums stay below 2^53 grid units), as exact sums do. */
#define WEIGHT_GRID 1048576.0

double carealign__sc_person_weight(double weight)
{
    if (!(weight > 0) || !isfinite(weight))
        return 1.0;
    double q = round(weight * WEIGHT_GRID);
    if (q < 1)
        q = 1;
    return q / WEIGHT_GRID;
}

carealign_status carealign__sc_add_weighted(carealign_acc *acc, int kind, double a, double b,
                                            double w)
{
    if (kind == 1) {
        int64_t num = (int64_t)a, den = (int64_t)b;
        if (den <= 0)
            return CAREALIGN_OK;
        num = num < 0 ? 0 : num > den ? den : num;
        /* num ones then den - num zeros, one record each, in that order */
        return carealign__acc_add_weighted_count(acc, (uint64_t)num, (uint64_t)den, w);
    }
    if (kind == 3)
        return carealign__acc_add_weighted1(acc, a, w);
    return carealign__error(CAREALIGN_EINVAL, "scorecard: a weighted measure's contribution kind");
}

int carealign__sc_weight_used(const carealign_scorecard *sc, int32_t instrument, int32_t valueset)
{
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        if ((m->mflags & CAREALIGN_MEASURE_WEIGHTED) == 0 || m->vs < 0)
            continue;
        const carealign__sc_vs *vs = &sc->vs[m->vs];
        if (vs->instrument == instrument && (valueset < 0 || vs->valueset == valueset))
            return 1;
    }
    return 0;
}
