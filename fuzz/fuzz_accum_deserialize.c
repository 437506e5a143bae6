/* Fuzzes the accumulator blob reader (docs/formats.md). Any input may be
 * refused, but never with a crash or an out-of-bounds read; an accepted
 * blob is canonical (it serializes back to exactly the same bytes), and
 * every read-only and merging call works on what was accepted.
 *
 * Each input is tried as it is, and again with its last four bytes replaced
 * by the right CRC-32C, so that mutations reach the field parser instead of
 * stopping at the checksum. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "accum/crc32c.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const uint8_t *data, size_t size)
{
    carealign_acc *acc = NULL;
    if (carealign_acc_deserialize(data, size, &acc) != CAREALIGN_OK)
        return;
    uint8_t *again = malloc(size);
    size_t len = 0;
    if (again == NULL) {
        carealign_acc_free(acc);
        return;
    }
    if (carealign_acc_serialize(acc, again, size, &len) != CAREALIGN_OK || len != size ||
        memcmp(again, data, size) != 0)
        __builtin_trap();

    carealign_acc_summary summary = CAREALIGN_ACC_SUMMARY_INIT;
    carealign_acc_params params = CAREALIGN_ACC_PARAMS_INIT;
    carealign_estimate estimate;
    double q;
    if (carealign_acc_get_summary(acc, &summary) != CAREALIGN_OK ||
        carealign_acc_get_params(acc, &params) != CAREALIGN_OK)
        __builtin_trap();
    (void)carealign_acc_quantile(acc, 0.5, &q);
    (void)carealign_acc_finalize(acc, 0.95, &estimate);

    carealign_acc *copy = NULL;
    if (carealign_acc_clone(acc, &copy) == CAREALIGN_OK) {
        /* merging a copy doubles every count, or overflows: never anything else */
        carealign_status s = carealign_acc_merge(copy, acc);
        if (s != CAREALIGN_OK && s != CAREALIGN_ERANGE && s != CAREALIGN_ENOMEM)
            __builtin_trap();
        carealign_acc_free(copy);
    }
    free(again);
    carealign_acc_free(acc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check(data, size);
    if (size < 4)
        return 0;
    uint8_t *fixed = malloc(size);
    if (fixed == NULL)
        return 0;
    memcpy(fixed, data, size);
    uint32_t crc = carealign__crc32c(fixed, size - 4);
    for (size_t i = 0; i < 4; i++)
        fixed[size - 4 + i] = (uint8_t)(crc >> (8 * i));
    check(fixed, size);
    free(fixed);
    return 0;
}
