/* Directly standardised rates in the scorecard: the European Standard
 * Population 2013 bands (PHEindicatormethods' esp2013: Eurostat's 2013 ESP
 * with 0 and 1-4 merged and 90-94, 95+ merged; /work/shared/reference
 * methods.md section 1.6). A measure naming "standard_population":
 * "esp2013" counts each person's events by the band of their age on the day
 * of each event (process.c); finalize sets each band's population from the
 * population table (finalize.c) and lib/accum computes the DSR (Dobson et
 * al. 1991 with Byar's limits, carealign_dsr). */
#include "accum/fast.h"
#include "scorecard/internal.h"

int32_t carealign__sc_esp_band(int32_t age)
{
    if (age < 0)
        return -1;
    return age >= 90 ? CAREALIGN__SC_ESP_BANDS - 1 : age / 5;
}

void carealign__sc_esp_band_ages(int32_t b, int32_t *lo, int32_t *hi)
{
    *lo = 5 * b;
    *hi = b == CAREALIGN__SC_ESP_BANDS - 1 ? -1 : 5 * b + 4;
}

/* The European Standard Population 2013 in the 19 bands above (Eurostat
 * 2013, revised European Standard Population; 0 and 1-4 merged, 90-94 and
 * 95+ merged, as PHEindicatormethods' esp2013): per 100000. */
static const double esp2013[CAREALIGN__SC_ESP_BANDS] = {5000, 5500, 5500, 5500, 6000, 6000, 6500,
                                                        7000, 7000, 7000, 7000, 6500, 6000, 5500,
                                                        5000, 4000, 2500, 1500, 1000};

void carealign__sc_age_range(const carealign_scorecard *sc, const carealign__sc_measure *m,
                             const carealign__sc_key *key, double *out_lo, double *out_hi)
{
    double lo = *out_lo, hi = *out_hi;
    const carealign__sc_crit *cr = &m->crit[CAREALIGN_CRIT_DENOMINATOR];
    for (int32_t k = 0; k < cr->n; k++) {
        const carealign__sc_atom *a = &cr->atoms[k];
        if (a->kind != CAREALIGN_ATOM_PERSON || a->which != CAREALIGN_PERSON_AGE)
            continue;
        if ((a->flags & CAREALIGN_ATOM_HAS_AT_LEAST) && a->at_least > lo)
            lo = a->at_least;
        if ((a->flags & CAREALIGN_ATOM_HAS_AT_MOST) && a->at_most < hi)
            hi = a->at_most;
    }
    for (int s = 0; s < 4; s += 2) {
        int32_t dim = key->stratum[s];
        if (dim < 0 || sc->stratum_kind[dim] != CAREALIGN_STRATUM_AGE)
            continue;
        int32_t b = key->stratum[s + 1];
        if (sc->band_lower[dim][b] > lo)
            lo = sc->band_lower[dim][b];
        if (sc->band_upper[dim][b] >= 0 && sc->band_upper[dim][b] < hi)
            hi = sc->band_upper[dim][b];
    }
    *out_lo = lo;
    *out_hi = hi;
}

int carealign__sc_dsr_standard(const carealign_scorecard *sc, const carealign__sc_measure *m,
                               const carealign__sc_key *key, double standard[])
{
    double lo = 0, hi = 1e9;
    carealign__sc_age_range(sc, m, key, &lo, &hi);
    int restricted = 0;
    for (int32_t b = 0; b < CAREALIGN__SC_ESP_BANDS; b++) {
        int32_t blo = 0, bhi = 0;
        carealign__sc_esp_band_ages(b, &blo, &bhi);
        int overlaps = (double)blo <= hi && (bhi < 0 || (double)bhi >= lo);
        standard[b] = overlaps ? esp2013[b] : 0.0;
        restricted |= !overlaps;
    }
    return restricted;
}

carealign_status carealign__sc_add_bands(carealign_acc *acc, const double *bands)
{
    const double *standard = carealign__acc_standard(acc);
    carealign_status st = CAREALIGN_OK;
    for (int32_t b = 0; b < CAREALIGN__SC_ESP_BANDS && st == CAREALIGN_OK; b++)
        if (bands[b] > 0 && (standard == NULL || standard[b] > 0))
            st = carealign__acc_add_band1(acc, b, bands[b]);
    return st;
}
