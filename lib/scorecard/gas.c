/* Goal Attainment Scaling in the scorecard. GAS is not in the instrument
 * registry (it takes any number of goals); a framework names it with value
 * set "tscore-rho-0.3" (lib/framework/names.c) and responses carry
 * CAREALIGN_RESPONSE_INSTRUMENT_GAS. */
#include <string.h>

#include "core/internal.h"
#include "instruments/internal.h"
#include "scorecard/internal.h"

/* Kiresuk TJ, Sherman RE. Goal attainment scaling. Community Ment Health J
 * 1968;4:443-453: rho = 0.3 by convention (docs/instruments.md). */
static const struct {
    const char *name;
    double rho;
} gas_valuesets[] = {{"tscore-rho-0.3", 0.3}};

int carealign__sc_vs_gas(carealign__sc_vs *t, const carealign_framework_valueset *v)
{
    if (v->instrument_len != 3 || memcmp(v->instrument, "gas", 3) != 0)
        return 0;
    for (size_t j = 0; j < sizeof gas_valuesets / sizeof gas_valuesets[0]; j++) {
        if (strlen(gas_valuesets[j].name) == v->name_len &&
            memcmp(gas_valuesets[j].name, v->name, v->name_len) == 0) {
            t->instrument = CAREALIGN_RESPONSE_INSTRUMENT_GAS;
            t->valueset = (int32_t)j;
            t->decimals = 4; /* a T-score is on no grid: means at 1/10000 */
            t->instrument_name = "gas";
            t->valueset_name = gas_valuesets[j].name;
            t->n_items = 0; /* any number of goals */
        }
    }
    return 1;
}

carealign_status carealign__sc_score(const carealign__sc_vs *vs, const int32_t *items,
                                     size_t n_items, double *score)
{
    if (vs->instrument == CAREALIGN_RESPONSE_INSTRUMENT_GAS) {
        if (n_items == 0 || items == NULL || vs->valueset < 0)
            return CAREALIGN_EINVAL;
        return carealign_gas_tscore(items, NULL, n_items, gas_valuesets[vs->valueset].rho, score);
    }
    if (n_items != vs->n_items || items == NULL)
        return CAREALIGN_EINVAL;
    if (vs->instrument < 0 || vs->valueset < 0) /* not in the registry: the named call says so */
        return carealign_score(vs->instrument_name, vs->valueset_name, items, n_items, score);
    return carealign__score_indexed((size_t)vs->instrument, (size_t)vs->valueset, items, n_items,
                                    score);
}

int carealign__sc_only_missing(const carealign__sc_vs *vs, const int32_t *items, size_t n_items)
{
    int32_t filled[64];
    if (items == NULL || n_items == 0 || n_items > sizeof filled / sizeof filled[0])
        return 0;
    const carealign_instrument_info *ii = vs->instrument == CAREALIGN_RESPONSE_INSTRUMENT_GAS
                                              ? NULL
                                              : carealign_instrument_get((size_t)vs->instrument);
    for (size_t i = 0; i < n_items; i++) {
        filled[i] = items[i];
        if (items[i] != CAREALIGN_ITEM_MISSING)
            continue;
        if (ii == NULL) {
            filled[i] = 0; /* GAS: "as expected" */
            continue;
        }
        const carealign_item_info *it = carealign_instrument_item(ii, i);
        if (it == NULL)
            return 0;
        filled[i] = it->min_level;
    }
    double s = 0;
    return carealign__sc_score(vs, filled, n_items, &s) == CAREALIGN_OK;
}
