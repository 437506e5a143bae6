/* Internal to the library: an accumulator's finalize with a caller's memo
 * of t quantiles (lib/accum/finalize.c), for a scorecard's finalize, which
 * finalizes many accumulators sharing degrees of freedom. Never installed. */
#ifndef CAREALIGN_ACCUM_FINALIZE_H
#define CAREALIGN_ACCUM_FINALIZE_H

#include "carealign/accum.h"
#include "stats/stats_internal.h"

/* carealign_acc_finalize with its t quantiles through `memo` (NULL: none):
 * the same checks, messages and bits. */
carealign_status carealign__acc_finalize_memo(const carealign_acc *acc, double confidence,
                                              carealign__t_memo *memo, carealign_estimate *out);

#endif /* CAREALIGN_ACCUM_FINALIZE_H */
