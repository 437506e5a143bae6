/* Versions: the run-time numbers agree with the generated header. */
#include "cmocka_all.h"

#include <stdio.h>

#include "carealign/carealign.h"

static void runtime_matches_header(void **state)
{
    (void)state;
    assert_int_equal(carealign_version(), CAREALIGN_VERSION_NUMBER);
    assert_string_equal(carealign_version_string(), CAREALIGN_VERSION_STRING);
    assert_int_equal(carealign_methods_version(), CAREALIGN_METHODS_VERSION);
    assert_true(carealign_methods_version() >= 1);
    char text[32];
    snprintf(text, sizeof text, "%d.%d.%d", CAREALIGN_VERSION_MAJOR, CAREALIGN_VERSION_MINOR,
             CAREALIGN_VERSION_PATCH);
    assert_string_equal(text, carealign_version_string());
    assert_int_equal(CAREALIGN_VERSION_NUMBER, CAREALIGN_VERSION_MAJOR * 10000 +
                                                   CAREALIGN_VERSION_MINOR * 100 +
                                                   CAREALIGN_VERSION_PATCH);
}

static void estimate_is_forty_bytes(void **state)
{
    (void)state;
    assert_int_equal(sizeof(carealign_estimate), 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runtime_matches_header),
        cmocka_unit_test(estimate_is_forty_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
