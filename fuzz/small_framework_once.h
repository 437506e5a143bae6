/* The small test framework (tests/scorecard/small_framework.h), loaded once
 * per fuzzing process and kept: shared by the fuzz targets that need a
 * framework (fuzz_load.c, fuzz_validate.c, fuzz_scorecard_deserialize.c). */
#ifndef CAREALIGN_FUZZ_SMALL_FRAMEWORK_ONCE_H
#define CAREALIGN_FUZZ_SMALL_FRAMEWORK_ONCE_H

#include <stdlib.h>

#include "carealign/carealign.h"
#include "../tests/scorecard/small_framework.h"

/* The loaded framework; aborts the fuzzer if the fixed text fails to load. */
static carealign_framework *small_framework_once(void)
{
    static carealign_framework *fw = NULL;
    if (fw == NULL && carealign_framework_load(framework_json, sizeof framework_json - 1, NULL,
                                               &fw) != CAREALIGN_OK)
        abort();
    return fw;
}

#endif
