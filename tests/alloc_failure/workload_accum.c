/* Accumulators: every allocating call (new, clone, the histogram's growth,
 * merge, deserialize) on fixed small inputs. */
#include <stddef.h>

#include "workloads.h"

static carealign_acc *make(int32_t kind)
{
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = kind;
    carealign_acc *acc = NULL;
    if (!carealign_workload_expect(carealign_acc_new(&p, &acc), "acc_new"))
        return NULL;
    return acc;
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
    carealign_acc_free(dsr_copy);
    carealign_acc_free(read);
    carealign_acc_free(copy);
    carealign_acc_free(dsr);
    carealign_acc_free(b);
    carealign_acc_free(a);
}
