/* An old program: compiled against the FIRST released headers (the ABI
 * baseline's first commit, f422e66, copied to tests/consumer/v1/include; see
 * docs/testing.md) and run against the library built now. It calls every
 * function of that first ABI (the 21 symbols of the first
 * abi/libcarealign.abi) with the structs as they were then, and checks
 * results from published test vectors, so a changed signature, struct
 * layout, status code or behaviour fails here.
 *
 * Only the v1 headers are on its include path (tests/consumer/v1/CMakeLists.txt). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <carealign/carealign.h>

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "consumer_v1: %s (last error: %s)\n", what, carealign_last_error());
        failures++;
    }
}

static int hex_equal(const uint8_t *digest, const char *hex)
{
    char text[2 * CAREALIGN_SHA256_SIZE + 1];
    for (int i = 0; i < CAREALIGN_SHA256_SIZE; i++)
        snprintf(text + 2 * i, 3, "%02x", digest[i]);
    return strcmp(text, hex) == 0;
}

static long allocations;

static void *counting_malloc(size_t bytes, void *user)
{
    (void)user;
    allocations++;
    return malloc(bytes);
}

static void *counting_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    allocations++;
    return realloc(ptr, bytes);
}

static void counting_free(void *ptr, void *user)
{
    (void)user;
    free(ptr);
}

int main(void)
{
    /* the allocator struct as version 1 knew it */
    carealign_allocator allocator = CAREALIGN_ALLOCATOR_INIT;
    check(carealign_allocator_init(&allocator, sizeof allocator) == CAREALIGN_OK, "allocator_init");
    allocator.malloc_fn = counting_malloc;
    allocator.realloc_fn = counting_realloc;
    allocator.free_fn = counting_free;
    check(carealign_set_allocator(&allocator) == CAREALIGN_OK, "set_allocator with a v1 struct");

    /* same SONAME generation (libcarealign.so.1 holds the 0.x pre-releases
     * and 1.x); the version may only have grown */
    check(carealign_version() >= CAREALIGN_VERSION_NUMBER, "version: not older than v1");
    char expected[32];
    snprintf(expected, sizeof expected, "%u.%u.%u", (unsigned)(carealign_version() / 10000),
             (unsigned)(carealign_version() / 100 % 100), (unsigned)(carealign_version() % 100));
    check(strcmp(carealign_version_string(), expected) == 0, "version_string matches version");
    check(carealign_methods_version() >= CAREALIGN_METHODS_VERSION, "methods_version");

    /* dates: 2026-11-22 is day 20779 (days since 1970-01-01) */
    int32_t days = 0, y = 0, m = 0, d = 0, age = -1, fy = 0;
    char text[CAREALIGN_DATE_BUFSIZE];
    size_t len = 0;
    check(carealign_date_parse("2026-11-22", 10, &days) == CAREALIGN_OK && days == 20779,
          "date_parse");
    check(carealign_date_format(days, text, sizeof text, &len) == CAREALIGN_OK &&
              strcmp(text, "2026-11-22") == 0 && len == 10,
          "date_format");
    check(carealign_date_from_ymd(1948, 7, 5, &days) == CAREALIGN_OK && days == -7850,
          "date_from_ymd (the NHS's first day)");
    check(carealign_date_to_ymd(20779, &y, &m, &d) == CAREALIGN_OK && y == 2026 && m == 11 &&
              d == 22,
          "date_to_ymd");
    check(carealign_age_years(-7850, 20779, &age) == CAREALIGN_OK && age == 78, "age_years");
    check(carealign_financial_year(20779, 4, &fy) == CAREALIGN_OK && fy == 2026, "financial_year");

    /* errors: codes and positions as v1 defined them */
    check(carealign_date_parse("2026-02-30", 10, &days) == CAREALIGN_EPARSE,
          "impossible date refused");
    check(carealign_last_error_code() == CAREALIGN_EPARSE, "last_error_code");
    check(carealign_last_error_line() >= 0 && carealign_last_error_column() >= 0,
          "last_error_line/column");
    check(strlen(carealign_last_error()) > 0, "last_error");
    check(strstr(carealign_strerror(CAREALIGN_EINVAL), "CAREALIGN_EINVAL") != NULL, "strerror");
    carealign_clear_error();
    check(carealign_last_error_code() == CAREALIGN_OK && carealign_last_error()[0] == '\0',
          "clear_error");

    /* hashing: FIPS 180-4 "abc"; RFC 4231 test case 2 */
    uint8_t digest[CAREALIGN_SHA256_SIZE];
    check(carealign_sha256("abc", 3, digest) == CAREALIGN_OK &&
              hex_equal(digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
          "sha256");
    check(carealign_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, digest) ==
                  CAREALIGN_OK &&
              hex_equal(digest, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
          "hmac_sha256");

    /* NHS numbers: 943 476 5919 is NHS Digital's example of a valid number;
     * the pseudonym is HMAC-SHA256(key, "9434765919"), computed by Python's
     * hmac module */
    char nhs[CAREALIGN_NHS_NUMBER_BUFSIZE];
    check(carealign_nhs_number_normalise("943 476 5919", 12, nhs) == CAREALIGN_OK &&
              strcmp(nhs, "9434765919") == 0,
          "nhs_number_normalise");
    check(carealign_nhs_number_normalise("943 476 5918", 12, nhs) == CAREALIGN_EINVAL,
          "wrong check digit refused");
    check(carealign_nhs_number_pseudonymise("0123456789abcdef", 16, "943-476-5919", 12, digest) ==
                  CAREALIGN_OK &&
              hex_equal(digest, "78e69491e22ec30d2a1bba45f376fd8caa3e917c91331b873f11ce0f3f22fe39"),
          "nhs_number_pseudonymise");

    if (failures) {
        fprintf(stderr, "consumer_v1: %d checks failed\n", failures);
        return 1;
    }
    printf("consumer_v1: built against the first ABI's headers, ran against carealign %s: "
           "all 21 functions as before (%ld allocations through the v1 allocator)\n",
           carealign_version_string(), allocations);
    return 0;
}
