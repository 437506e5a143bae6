/* Prints the size and field offsets of every public struct as JSON, so the
 * Python binding's ctypes mirrors can be checked against what the C
 * compiler actually lays out (bindings/python/tests/test_layout.py).
 *
 * Each layer lists its structs in layout_structs.def with STRUCT(...) and
 * FIELD(...) lines. INIT(...) lines check that each _INIT macro, compiled
 * here with -Wall -Wextra -Werror, gives the same bytes as its _init()
 * function; a mismatch exits non-zero. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "carealign/carealign.h"

static int first_struct = 1;
static int first_field = 1;

static void begin_struct(const char *name, size_t size)
{
    printf("%s\n  \"%s\": {\"size\": %zu, \"fields\": {", first_struct ? "{" : ",", name, size);
    first_struct = 0;
    first_field = 1;
}

static void field(const char *name, size_t offset, size_t size)
{
    printf("%s\"%s\": [%zu, %zu]", first_field ? "" : ", ", name, offset, size);
    first_field = 0;
}

static void end_struct(void)
{
    printf("}}");
}

static int init_mismatches = 0;

static void compare_init(const char *name, const void *from_macro, const void *from_function,
                         size_t size, carealign_status status)
{
    if (status != CAREALIGN_OK || memcmp(from_macro, from_function, size) != 0) {
        fprintf(stderr, "%s: _INIT macro and _init() disagree\n", name);
        init_mismatches++;
    }
}

#define STRUCT(type) begin_struct(#type, sizeof(type));
#define FIELD(type, member) field(#member, offsetof(type, member), sizeof(((type *)0)->member));
#define END end_struct();
#define INIT(type, macro, function)

int main(void)
{
#include "layout_structs.def"
    printf("\n}\n");
#undef STRUCT
#undef FIELD
#undef END
#undef INIT
#define STRUCT(type)
#define FIELD(type, member)
#define END
#define INIT(type, macro, function)                                                                \
    {                                                                                              \
        type from_macro = macro, from_function;                                                    \
        memset(&from_function, 0xA5, sizeof from_function);                                        \
        compare_init(#type, &from_macro, &from_function, sizeof(type),                             \
                     function(&from_function, sizeof from_function));                              \
    }
#include "layout_structs.def"
    return init_mismatches == 0 ? 0 : 1;
}
