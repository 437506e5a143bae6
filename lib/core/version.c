/* Run-time versions, from the generated version.h. */
#include "carealign/version.h"
#include "core/internal.h"

uint32_t carealign_version(void)
{
    return (uint32_t)CAREALIGN_VERSION_NUMBER;
}

const char *carealign_version_string(void)
{
    return CAREALIGN_VERSION_STRING;
}

uint32_t carealign_methods_version(void)
{
    return (uint32_t)CAREALIGN_METHODS_VERSION;
}
