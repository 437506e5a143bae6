/* A consumer of the installed library: built by the packaging tests through
 * find_package, pkg-config (shared and static) and mingw-w64 under wine. It
 * prints a line the tests compare, so a wrong or missing library fails. */
#include <stdio.h>
#include <string.h>

#include <carealign/carealign.h>

int main(void)
{
    int32_t days = 0;
    uint8_t digest[CAREALIGN_SHA256_SIZE];
    if (carealign_version() != CAREALIGN_VERSION_NUMBER ||
        carealign_date_parse("2026-11-22", 10, &days) != CAREALIGN_OK ||
        carealign_sha256("abc", 3, digest) != CAREALIGN_OK) {
        fprintf(stderr, "consumer: %s\n", carealign_last_error());
        return 1;
    }
    if (carealign_date_parse("2026-02-30", 10, &days) != CAREALIGN_EPARSE) {
        fprintf(stderr, "consumer: impossible date accepted\n");
        return 1;
    }
    /* FIPS 180-4: SHA-256("abc") starts ba7816bf. */
    printf("carealign %s day=%d sha256=%02x%02x%02x%02x\n", carealign_version_string(), (int)days,
           digest[0], digest[1], digest[2], digest[3]);
    return 0;
}
