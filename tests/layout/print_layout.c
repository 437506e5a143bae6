/* Prints the size and field offsets of every public struct as JSON, so the
 * Python binding's ctypes mirrors can be checked against what the C
 * compiler actually lays out (bindings/python/tests/test_layout.py).
 *
 * Each layer lists its structs in layout_structs.def with STRUCT(...) and
 * FIELD(...) lines. */
#include <stddef.h>
#include <stdio.h>

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

#define STRUCT(type) begin_struct(#type, sizeof(type));
#define FIELD(type, member) field(#member, offsetof(type, member), sizeof(((type *)0)->member));
#define END end_struct();

int main(void)
{
#include "layout_structs.def"
    printf("\n}\n");
    return 0;
}
