/* Fuzzes carealign_framework_load: any accepted framework has a canonical
 * form that loads to the same hash, and exports FHIR without failing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/framework.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    carealign_framework_load_options opt = CAREALIGN_FRAMEWORK_LOAD_OPTIONS_INIT;
    opt.max_bytes = 1u << 20;
    opt.max_depth = 32;
    carealign_framework *fw = NULL;
    if (carealign_framework_load((const char *)data, size, &opt, &fw) != CAREALIGN_OK)
        return 0;
    size_t need = 0, len = 0;
    if (carealign_framework_canonical(fw, NULL, 0, &need) != CAREALIGN_EBUFSIZE)
        __builtin_trap();
    char *canonical = malloc(need);
    if (canonical == NULL || carealign_framework_canonical(fw, canonical, need, &len) != 0)
        __builtin_trap();
    carealign_framework *again = NULL;
    uint8_t h1[CAREALIGN_SHA256_SIZE], h2[CAREALIGN_SHA256_SIZE];
    if (carealign_framework_load(canonical, len, &opt, &again) != CAREALIGN_OK)
        __builtin_trap();
    carealign_framework_hash(fw, h1);
    carealign_framework_hash(again, h2);
    if (memcmp(h1, h2, sizeof h1) != 0)
        __builtin_trap();
    carealign_write_options w = CAREALIGN_WRITE_OPTIONS_INIT;
    w.flags = CAREALIGN_WRITE_PRETTY;
    if (carealign_framework_to_fhir(fw, &w, NULL, 0, &need) != CAREALIGN_EBUFSIZE)
        __builtin_trap();
    carealign_framework_free(again);
    carealign_framework_free(fw);
    free(canonical);
    return 0;
}
