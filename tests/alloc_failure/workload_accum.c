/* Accumulators: every allocating call (new, clone, the histogram's growth,
 * merge, deserialize) on fixed small inputs. */
#include <stddef.h>

#include "workloads.h"

static carealign_acc *make_with(int32_t kind, uint32_t flags)
{
    carealign_acc_params p;
    if (!carealign_workload_expect(carealign_acc_params_init(&p, sizeof p), "acc_params_init"))
        return NULL;
    p.kind = kind;
    p.flags = flags;
    carealign_acc *acc = NULL;
    if (!carealign_workload_expect(carealign_acc_new(&p, &acc), "acc_new"))
        return NULL;
    return acc;
}

static carealign_acc *make(int32_t kind)
{
    return make_with(kind, 0);
}

/* The calls the allocating path above does not reach: pairs, units, bands,
 * denominators, the read-out functions and reset, on small accumulators. */
static void other_calls(carealign_acc *distribution)
{
    carealign_acc *change = make(CAREALIGN_ACC_CHANGE);
    carealign_acc *rate = make_with(CAREALIGN_ACC_RATE, CAREALIGN_ACC_DENOMINATOR_SET);
    carealign_acc *mean = make(CAREALIGN_ACC_MEAN);
    carealign_acc *dsr = make(CAREALIGN_ACC_DSR);
    carealign_estimate e;
    double q;
    if (change != NULL) {
        const double a[3] = {1, 2, 3}, b[3] = {2, 2, 5};
        carealign_workload_expect(carealign_acc_add_pair(change, 4, 6), "acc_add_pair");
        carealign_workload_expect(carealign_acc_add_pairs(change, a, b, 3), "acc_add_pairs");
        carealign_workload_expect(carealign_acc_finalize(change, 0.95, &e), "acc_finalize");
    }
    if (rate != NULL) {
        carealign_workload_expect(carealign_acc_add(rate, 3, 1), "acc_add");
        carealign_workload_expect(carealign_acc_set_denominator(rate, 1000), "acc_set_denominator");
    }
    if (mean != NULL) {
        const int64_t units[3] = {5, 7, 9};
        carealign_workload_expect(carealign_acc_add_units(mean, units, 3), "acc_add_units");
        carealign_acc_summary summary;
        carealign_acc_params params;
        uint32_t version = 0;
        if (carealign_workload_expect(carealign_acc_summary_init(&summary, sizeof summary),
                                      "acc_summary_init"))
            carealign_workload_expect(carealign_acc_get_summary(mean, &summary), "acc_get_summary");
        params.size = sizeof params;
        carealign_workload_expect(carealign_acc_get_params(mean, &params), "acc_get_params");
        carealign_workload_expect(carealign_acc_methods_version(mean, &version),
                                  "acc_methods_version");
        carealign_acc_reset(mean);
    }
    if (dsr != NULL) {
        const int32_t bands[2] = {0, 18};
        const double events[2] = {2, 5};
        carealign_workload_expect(carealign_acc_add_bands(dsr, bands, events, 2), "acc_add_bands");
        carealign_workload_expect(carealign_acc_set_band_population(dsr, 18, 5000),
                                  "acc_set_band_population");
    }
    if (distribution != NULL)
        carealign_workload_expect(carealign_acc_quantile(distribution, 0.5, &q), "acc_quantile");
    carealign_acc_free(dsr);
    carealign_acc_free(mean);
    carealign_acc_free(rate);
    carealign_acc_free(change);
}

void carealign_workload_accum(void)
{
    double values[40];
    for (int i = 0; i < 40; i++)
        values[i] = (double)(i * 7 % 41);
    carealign_acc *a = make(CAREALIGN_ACC_DISTRIBUTION);
    carealign_acc *b = make(CAREALIGN_ACC_DISTRIBUTION);
    carealign_acc *dsr = make(CAREALIGN_ACC_DSR);
    carealign_acc *copy = NULL, *read = NULL, *dsr_copy = NULL;
    if (a != NULL && b != NULL) {
        carealign_workload_expect(carealign_acc_add_batch(a, values, NULL, 40), "acc_add_batch");
        carealign_workload_expect(carealign_acc_add_batch(b, values + 5, NULL, 20),
                                  "acc_add_batch");
        carealign_workload_expect(carealign_acc_merge(a, b), "acc_merge");
        if (carealign_workload_expect(carealign_acc_clone(a, &copy), "acc_clone")) {
            unsigned char blob[1024];
            size_t len = 0;
            if (carealign_workload_expect(carealign_acc_serialize(copy, blob, sizeof blob, &len),
                                          "acc_serialize"))
                carealign_workload_expect(carealign_acc_deserialize(blob, len, &read),
                                          "acc_deserialize");
        }
    }
    if (dsr != NULL) {
        carealign_workload_expect(carealign_acc_add_band(dsr, 3, 2), "acc_add_band");
        carealign_workload_expect(carealign_acc_clone(dsr, &dsr_copy), "acc_clone dsr");
    }
    other_calls(a);
    carealign_acc_free(dsr_copy);
    carealign_acc_free(read);
    carealign_acc_free(copy);
    carealign_acc_free(dsr);
    carealign_acc_free(b);
    carealign_acc_free(a);
}
