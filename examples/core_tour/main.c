/* A tour of carealign's core: version checks, dates, NHS numbers and keyed
 * pseudonyms, and how errors are reported. */
#include <stdio.h>
#include <string.h>

#include <carealign/carealign.h>

static int check(carealign_status status, const char *what)
{
    if (status != CAREALIGN_OK) {
        fprintf(stderr, "%s failed: %s (%s)\n", what, carealign_last_error(),
                carealign_strerror(status));
        return 1;
    }
    return 0;
}

int main(void)
{
    if (carealign_version() < CAREALIGN_VERSION_NUMBER) {
        fprintf(stderr, "library %s is older than headers %s\n", carealign_version_string(),
                CAREALIGN_VERSION_STRING);
        return 1;
    }
    printf("carealign %s (methods version %u)\n", carealign_version_string(),
           (unsigned)carealign_methods_version());

    int32_t birth, discharge, age, fy;
    if (check(carealign_date_parse("1941-02-28", 10, &birth), "parse birth") ||
        check(carealign_date_parse("2026-11-22", 10, &discharge), "parse discharge") ||
        check(carealign_age_years(birth, discharge, &age), "age") ||
        check(carealign_financial_year(discharge, 4, &fy), "financial year"))
        return 1;
    printf("discharged on day %d, aged %d, in financial year %d/%02d\n", (int)discharge, (int)age,
           (int)fy, (int)((fy + 1) % 100));

    char nhs[CAREALIGN_NHS_NUMBER_BUFSIZE];
    if (check(carealign_nhs_number_normalise("943 476 5919", 12, nhs), "NHS number"))
        return 1;
    const char key[] = "a key shared under the data-sharing agreement";
    uint8_t pseudonym[CAREALIGN_SHA256_SIZE];
    if (check(carealign_nhs_number_pseudonymise(key, strlen(key), nhs, 10, pseudonym),
              "pseudonymise"))
        return 1;
    printf("pseudonym: ");
    for (int i = 0; i < 8; i++)
        printf("%02x", pseudonym[i]);
    printf("...\n");

    /* A bad date is an error value, never a crash: */
    int32_t day;
    carealign_status status = carealign_date_parse("2026-02-30", 10, &day);
    printf("2026-02-30 -> %s: %s\n", carealign_strerror(status), carealign_last_error());
    return status == CAREALIGN_EPARSE ? 0 : 1;
}
