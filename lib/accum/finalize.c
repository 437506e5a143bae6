/* Finalize: an accumulator's estimate and interval, computed by the
 * statistics layer (lib/stats). */
#include "core/internal.h"
#include "accum/accum_impl.h"

carealign_status carealign_acc_finalize(const carealign_acc *acc, double confidence,
                                        carealign_estimate *out)
{
    const char *fn = "carealign_acc_finalize";
    if (acc == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    if (confidence == 0)
        confidence = 0.95;
    if (!(confidence > 0 && confidence < 1))
        return carealign__error(CAREALIGN_EINVAL, "%s: confidence must be in (0, 1)", fn);
    return carealign__error(CAREALIGN_EUNSUPPORTED,
                            "%s: the statistics layer does not yet provide this kind's method", fn);
}
