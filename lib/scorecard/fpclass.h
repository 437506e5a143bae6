/* Float classification for the scorecard output files: the compiler's
 * builtins where available (mingw-w64's isnan/isfinite macros convert to
 * float and trip -Wfloat-conversion), as lib/stats/stats_internal.h does. */
#ifndef CAREALIGN_SCORECARD_FPCLASS_H
#define CAREALIGN_SCORECARD_FPCLASS_H

#include <math.h>

#if defined(__GNUC__) || defined(__clang__)
#define CAREALIGN__SC_ISNAN(x) __builtin_isnan(x)
#define CAREALIGN__SC_ISFINITE(x) __builtin_isfinite(x)
#else
#define CAREALIGN__SC_ISNAN(x) isnan(x)
#define CAREALIGN__SC_ISFINITE(x) isfinite(x)
#endif

#endif /* CAREALIGN_SCORECARD_FPCLASS_H */
