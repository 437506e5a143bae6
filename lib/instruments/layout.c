/* Pins the layout of the instruments layer's public structs (see
 * lib/core/layout.c). The registry structs are filled by the library and
 * only ever grow at the end; these asserts catch a field that moves. */
#include <stddef.h>
#include <stdint.h>

#include "carealign/instruments.h"

#define CAREALIGN__PIN(type, member, offset)                                                       \
    _Static_assert(offsetof(type, member) == (offset), #type "." #member " moved")
#define CAREALIGN__SIZE(type, bytes) _Static_assert(sizeof(type) == (bytes), #type " resized")

_Static_assert(CAREALIGN_ITEM_MISSING == INT32_MIN, "CAREALIGN_ITEM_MISSING changed");

#if SIZE_MAX == UINT64_MAX && UINTPTR_MAX == UINT64_MAX
CAREALIGN__SIZE(carealign_item_info, 32);
CAREALIGN__PIN(carealign_item_info, size, 0);
CAREALIGN__PIN(carealign_item_info, code, 8);
CAREALIGN__PIN(carealign_item_info, min_level, 16);
CAREALIGN__PIN(carealign_item_info, max_level, 20);
CAREALIGN__PIN(carealign_item_info, best_level, 24);

CAREALIGN__SIZE(carealign_valueset_info, 48);
CAREALIGN__PIN(carealign_valueset_info, size, 0);
CAREALIGN__PIN(carealign_valueset_info, name, 8);
CAREALIGN__PIN(carealign_valueset_info, citation, 16);
CAREALIGN__PIN(carealign_valueset_info, min_score, 24);
CAREALIGN__PIN(carealign_valueset_info, max_score, 32);
CAREALIGN__PIN(carealign_valueset_info, decimals, 40);

CAREALIGN__SIZE(carealign_instrument_info, 56);
CAREALIGN__PIN(carealign_instrument_info, size, 0);
CAREALIGN__PIN(carealign_instrument_info, name, 8);
CAREALIGN__PIN(carealign_instrument_info, title, 16);
CAREALIGN__PIN(carealign_instrument_info, owner, 24);
CAREALIGN__PIN(carealign_instrument_info, licence_url, 32);
CAREALIGN__PIN(carealign_instrument_info, n_items, 40);
CAREALIGN__PIN(carealign_instrument_info, n_valuesets, 48);
#endif

/* Keeps the unit non-empty without exporting anything. */
typedef int carealign__instruments_layout_checked;
