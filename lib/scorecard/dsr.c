/* Directly standardised rates in the scorecard: the European Standard
 * Population 2013 bands (PHEindicatormethods' esp2013: Eurostat's 2013 ESP
 * with 0 and 1-4 merged and 90-94, 95+ merged; /work/shared/reference
 * methods.md section 1.6). A measure naming "standard_population":
 * "esp2013" counts each person's events by the band of their age on the day
 * of each event (process.c); finalize sets each band's population from the
 * population table (finalize.c) and lib/accum computes the DSR (Dobson et
 * al. 1991 with Byar's limits, carealign_dsr). */
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
