/* Fuzzes the partial-scorecard blob reader ("CASC", lib/scorecard/serialize.c).
 * Any input may be refused, but never with a crash, a leak or a read outside
 * the input; an accepted blob serializes back to the same bytes, merges into
 * a copy of itself and finalizes. The framework is a small fixed one (two
 * measures of tests/framework/data/minimal.json). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "small_framework_once.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    carealign_framework *fw = small_framework_once();
    carealign_scorecard *sc = NULL;
    if (carealign_scorecard_deserialize(fw, data, size, &sc) != CAREALIGN_OK)
        return 0;
    uint8_t *again = malloc(size + 1);
    size_t len = 0;
    if (again != NULL && carealign_scorecard_serialize(sc, again, size + 1, &len) == CAREALIGN_OK &&
        (len != size || memcmp(again, data, size) != 0))
        abort(); /* accepted blobs are canonical */
    free(again);
    carealign_scorecard *other = NULL;
    if (carealign_scorecard_deserialize(fw, data, size, &other) == CAREALIGN_OK) {
        (void)carealign_scorecard_merge(sc, other);
        carealign_scorecard_free(other);
    }
    if (carealign_scorecard_finalize(sc) == CAREALIGN_OK) {
        size_t n = 0;
        carealign_scorecard_result_count(sc, &n);
        for (size_t i = 0; i < n; i++) {
            carealign_result r = CAREALIGN_RESULT_INIT;
            carealign_scorecard_get_result(sc, i, &r);
        }
    }
    carealign_scorecard_free(sc);
    return 0;
}
