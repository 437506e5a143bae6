/* Internal: accumulators placed together in large blocks (an arena) so
 * that the accumulators of a scorecard, made in the order of the first
 * adds, sit densely in memory (fewer pages, and cache lines, touched by a
 * person's adds). Never installed. */
#ifndef CAREALIGN_ACCUM_ARENA_H
#define CAREALIGN_ACCUM_ARENA_H

#include <stddef.h>

#include "carealign/accum.h"

/** Blocks from carealign__malloc, bump-allocated. Zero-initialise it
 * (`{0}`) before use; carealign__acc_arena_free frees every block. An
 * accumulator made in it is freed with carealign_acc_free as usual (its
 * owned arrays are freed; its bytes stay in the arena until the arena is
 * freed), and must be, before carealign__acc_arena_free. */
typedef struct carealign__acc_arena {
    unsigned char *block; /**< the newest block; its first bytes hold the previous one's address */
    unsigned char *next;  /**< the first free byte of `block` */
    unsigned char *end;   /**< one past `block`'s last byte */
} carealign__acc_arena;

/** carealign_acc_new placing the accumulator in `arena` (a new block when
 * the newest one is full). Same checks, results and errors. */
carealign_status carealign__acc_new_in(carealign__acc_arena *arena,
                                       const carealign_acc_params *params, carealign_acc **out);

/** Free every block of `arena` and zero it. NULL-safe. */
void carealign__acc_arena_free(carealign__acc_arena *arena);

#endif /* CAREALIGN_ACCUM_ARENA_H */
