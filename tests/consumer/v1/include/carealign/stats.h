/**
 * @file stats.h
 * @brief Indicator statistics: estimates with intervals, standardisation,
 *        funnel plots, statistical process control, change, economics and
 *        disclosure control, computed as England's analysts compute them.
 *
 * Pure functions: no allocation, no state; a function that needs scratch
 * space takes a caller workspace. Every function may be called from any
 * thread. Methods and their sources: docs/methods.md.
 */
#ifndef CAREALIGN_STATS_H
#define CAREALIGN_STATS_H

#include "carealign/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup stats Statistics
 * @brief Estimates, intervals, SPC, funnels, change, economics, disclosure.
 * @{
 */

/* === Section A: distributions, intervals, standardisation, funnels, SII === */

/* === end of section A === */

/* === Section B: SPC, economics, disclosure control, change === */

/* === end of section B === */

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CAREALIGN_STATS_H */
