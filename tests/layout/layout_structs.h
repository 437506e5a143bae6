/* Every public struct and its fields, for tests/layout/print_layout.c.
 * Add a block when a header gains a struct; the Python test fails when a
 * mirror is missing or differs. */
/* core: carealign/common.h */
STRUCT(carealign_estimate)
FIELD(carealign_estimate, value)
FIELD(carealign_estimate, lower)
FIELD(carealign_estimate, upper)
FIELD(carealign_estimate, n)
FIELD(carealign_estimate, method)
FIELD(carealign_estimate, flags)
END
STRUCT(carealign_allocator)
FIELD(carealign_allocator, size)
FIELD(carealign_allocator, malloc_fn)
FIELD(carealign_allocator, realloc_fn)
FIELD(carealign_allocator, free_fn)
FIELD(carealign_allocator, user)
END
