/* Instruments: every public function once. The layer is pure (DESIGN.md:
 * no allocation), so the harness requires this workload to make no
 * allocation at all; every call must succeed. */
#include "workloads.h"

void carealign_workload_instruments(void)
{
    for (size_t i = 0; i < carealign_instrument_count(); i++) {
        const carealign_instrument_info *info = carealign_instrument_get(i);
        const carealign_instrument_info *found = NULL;
        carealign_workload_expect(carealign_instrument_find(info->name, &found), "instrument_find");
        for (size_t j = 0; j < info->n_items; j++)
            (void)carealign_instrument_item(info, j);
        for (size_t v = 0; v < info->n_valuesets; v++) {
            const carealign_valueset_info *vs = carealign_instrument_valueset(info, v);
            const carealign_valueset_info *vs_found = NULL;
            carealign_workload_expect(
                carealign_instrument_valueset_find(info->name, vs->name, &vs_found),
                "instrument_valueset_find");
        }
    }
    const int32_t items[10] = {1, 2, 3, 4, 5, 1, 1, 2, 2, 3};
    double score = 0.0, scores[2];
    int32_t row_status[2];
    size_t n_scored = 0;
    carealign_workload_expect(carealign_score("eq5d5l", "england-2018", items, 5, &score), "score");
    carealign_workload_expect(
        carealign_score_batch("eq5d5l", "england-2018", items, 5, 2, scores, row_status, &n_scored),
        "score_batch");
    int32_t category = 0;
    carealign_workload_expect(carealign_fft_classify(1, &category), "fft_classify");
    const int32_t levels[3] = {0, 1, -1};
    const double weights[3] = {1, 2, 1};
    double t = 0.0;
    carealign_workload_expect(carealign_gas_tscore(levels, weights, 3, 0.3, &t), "gas_tscore");
}
