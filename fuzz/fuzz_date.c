/* Fuzzes the ISO date parser: any accepted text must format back to itself. */
#include <stdint.h>
#include <string.h>

#include "carealign/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int32_t days;
    if (carealign_date_parse((const char *)data, size, &days) != CAREALIGN_OK)
        return 0;
    char text[CAREALIGN_DATE_BUFSIZE];
    if (carealign_date_format(days, text, sizeof text, NULL) != CAREALIGN_OK || size != 10 ||
        memcmp(text, data, 10) != 0)
        __builtin_trap();
    return 0;
}
