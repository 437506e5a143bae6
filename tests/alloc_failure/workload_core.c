/* Core: every public core function on fixed inputs. The core allocates
 * nothing today; this workload keeps it honest if that changes. */
#include <string.h>

#include "workloads.h"

void carealign_workload_core(void)
{
    int32_t days, y, m, d, age, fy;
    char text[CAREALIGN_DATE_BUFSIZE], nhs[CAREALIGN_NHS_NUMBER_BUFSIZE];
    uint8_t digest[CAREALIGN_SHA256_SIZE];
    carealign_workload_expect(carealign_date_parse("2026-11-22", 10, &days), "date_parse");
    carealign_workload_expect(carealign_date_format(days, text, sizeof text, NULL), "date_format");
    carealign_workload_expect(carealign_date_from_ymd(2026, 11, 22, &days), "date_from_ymd");
    carealign_workload_expect(carealign_date_to_ymd(days, &y, &m, &d), "date_to_ymd");
    carealign_workload_expect(carealign_age_years(0, days, &age), "age_years");
    carealign_workload_expect(carealign_financial_year(days, 4, &fy), "financial_year");
    carealign_workload_expect(carealign_sha256("abc", 3, digest), "sha256");
    carealign_workload_expect(carealign_hmac_sha256("k", 1, "abc", 3, digest), "hmac_sha256");
    carealign_workload_expect(carealign_nhs_number_normalise("943 476 5919", 12, nhs),
                              "nhs_number_normalise");
    carealign_workload_expect(
        carealign_nhs_number_pseudonymise("0123456789abcdef", 16, nhs, 10, digest),
        "nhs_number_pseudonymise");
    (void)carealign_version();
    (void)carealign_version_string();
    (void)carealign_methods_version();
    (void)strlen(carealign_strerror(CAREALIGN_EINVAL));
    /* a failure of its own, to read the error's detail */
    if (carealign_date_parse("2026-02-30", 10, &days) == CAREALIGN_EPARSE) {
        (void)carealign_last_error_code();
        (void)carealign_last_error_line();
        (void)carealign_last_error_column();
    }
    carealign_clear_error();
}
