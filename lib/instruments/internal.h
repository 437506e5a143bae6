/*
 * Internal to the library: scoring for other layers (lib/scorecard) that
 * already hold registry indices, so that one response costs no name lookup.
 */
#ifndef CAREALIGN_INSTRUMENTS_INTERNAL_H
#define CAREALIGN_INSTRUMENTS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/instruments.h"

/* carealign_score() for the instrument at registry index `instrument`
 * (carealign_instrument_get) and its value set at index `valueset`: the
 * same score, status and last error, without resolving names.
 * CAREALIGN_EINVAL for an index out of range or a wrong n_items. */
carealign_status carealign__score_indexed(size_t instrument, size_t valueset, const int32_t *items,
                                          size_t n_items, double *score);

#endif /* CAREALIGN_INSTRUMENTS_INTERNAL_H */
