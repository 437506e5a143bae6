/* Pins the layout of every public struct. Compiled into the library by gcc,
 * clang and mingw-w64, so a change that moves a field fails the build on
 * each of them before it can reach the ABI baseline. */
#include <stddef.h>

#include "carealign/carealign.h"

#define CAREALIGN__PIN(type, member, offset)                                                       \
    _Static_assert(offsetof(type, member) == (offset), #type "." #member " moved")
#define CAREALIGN__SIZE(type, bytes) _Static_assert(sizeof(type) == (bytes), #type " resized")

CAREALIGN__SIZE(carealign_estimate, 40);
CAREALIGN__PIN(carealign_estimate, value, 0);
CAREALIGN__PIN(carealign_estimate, lower, 8);
CAREALIGN__PIN(carealign_estimate, upper, 16);
CAREALIGN__PIN(carealign_estimate, n, 24);
CAREALIGN__PIN(carealign_estimate, method, 32);
CAREALIGN__PIN(carealign_estimate, flags, 36);

_Static_assert(sizeof(carealign_status) == sizeof(int), "carealign_status is not int-sized");

#if SIZE_MAX == UINT64_MAX
CAREALIGN__SIZE(carealign_allocator, 40);
CAREALIGN__PIN(carealign_allocator, size, 0);
CAREALIGN__PIN(carealign_allocator, malloc_fn, 8);
CAREALIGN__PIN(carealign_allocator, realloc_fn, 16);
CAREALIGN__PIN(carealign_allocator, free_fn, 24);
CAREALIGN__PIN(carealign_allocator, user, 32);
#endif

/* ISO C forbids an empty translation unit when the asserts are all that is
 * here; this keeps the unit non-empty without exporting anything. */
typedef int carealign__layout_checked;
