/* FFT aggregate counts (anonymous: organisation, month, counts per answer)
 * to the FFT measures' groups at the system, the organisation's sector and
 * the organisation, at the margin, for the whole period and the month's
 * period (docs/scorecard.md). */
#include "scorecard/contrib.h"
#include "scorecard/internal.h"

carealign_status carealign__sc_fft_add(carealign_scorecard *sc, const carealign_fft_counts *f)
{
    static const int32_t margin[4] = {CAREALIGN_STRATUM_MARGIN, CAREALIGN_STRATUM_MARGIN,
                                      CAREALIGN_STRATUM_MARGIN, CAREALIGN_STRATUM_MARGIN};
    if (f->month < sc->period_start || f->month > sc->period_end)
        return CAREALIGN_OK;
    int64_t pos = f->counts[0] + f->counts[1];
    int64_t all = 0;
    for (int k = 0; k < 6; k++)
        all += f->counts[k];
    if (all == 0)
        return CAREALIGN_OK;
    contrib k = {1, (double)pos, (double)all, NULL, 1.0};
    int32_t period = -1;
    for (int32_t i = 0; i < sc->n_periods; i++)
        if (f->month >= sc->pstart[i] && f->month <= sc->pend[i])
            period = i;
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        if (!m->fft || m->acc_kind != CAREALIGN_ACC_PROPORTION)
            continue;
        int32_t sector = sc->orgs[f->org].sector;
        for (int pass = 0; pass < 2; pass++) {
            int32_t p = pass == 0 ? -1 : period;
            if (pass == 1 && (!m->periods || period < 0))
                break;
            carealign_status st =
                carealign__sc_add_contrib(sc, mi, &k, CAREALIGN_LEVEL_SYSTEM, -1, margin, 0, p);
            if (st == CAREALIGN_OK)
                st = carealign__sc_add_contrib(sc, mi, &k, CAREALIGN_LEVEL_SECTOR, sector, margin,
                                               0, p);
            if (st == CAREALIGN_OK)
                st = carealign__sc_add_contrib(sc, mi, &k, CAREALIGN_LEVEL_ORG, f->org, margin, 0,
                                               p);
            if (st != CAREALIGN_OK)
                return st;
        }
    }
    return CAREALIGN_OK;
}
