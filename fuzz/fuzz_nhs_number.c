/* Fuzzes NHS number normalisation: an accepted number is ten digits that
 * normalise to themselves, and its pseudonym can always be computed. */
#include <stdint.h>
#include <string.h>

#include "carealign/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char digits[CAREALIGN_NHS_NUMBER_BUFSIZE];
    if (carealign_nhs_number_normalise((const char *)data, size, digits) != CAREALIGN_OK)
        return 0;
    char again[CAREALIGN_NHS_NUMBER_BUFSIZE];
    uint8_t pseudonym[CAREALIGN_SHA256_SIZE];
    static const char key[16] = "fuzzing-key-0123";
    if (strlen(digits) != 10 || carealign_nhs_number_normalise(digits, 10, again) != CAREALIGN_OK ||
        memcmp(digits, again, 11) != 0 ||
        carealign_nhs_number_pseudonymise(key, sizeof key, digits, 10, pseudonym) != CAREALIGN_OK)
        __builtin_trap();
    return 0;
}
