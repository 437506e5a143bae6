/* Status names and the thread-local last error. */
#include "cmocka_all.h"

#include <pthread.h>
#include <string.h>

#include "carealign/common.h"
#include "core/internal.h"

static void every_status_has_its_own_name(void **state)
{
    (void)state;
    const carealign_status all[] = {CAREALIGN_OK,     CAREALIGN_EINVAL,   CAREALIGN_EMISSING,
                                    CAREALIGN_ERANGE, CAREALIGN_ENOMEM,   CAREALIGN_EPARSE,
                                    CAREALIGN_EIO,    CAREALIGN_ECORRUPT, CAREALIGN_EUNSUPPORTED,
                                    CAREALIGN_ESTATE, CAREALIGN_EBUFSIZE};
    const char *names[] = {"CAREALIGN_OK:",     "CAREALIGN_EINVAL:",   "CAREALIGN_EMISSING:",
                           "CAREALIGN_ERANGE:", "CAREALIGN_ENOMEM:",   "CAREALIGN_EPARSE:",
                           "CAREALIGN_EIO:",    "CAREALIGN_ECORRUPT:", "CAREALIGN_EUNSUPPORTED:",
                           "CAREALIGN_ESTATE:", "CAREALIGN_EBUFSIZE:"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        const char *text = carealign_strerror(all[i]);
        assert_non_null(text);
        assert_int_equal(strncmp(text, names[i], strlen(names[i])), 0);
    }
    assert_string_equal(carealign_strerror((carealign_status)-999), "unknown status");
}

static void codes_are_never_renumbered(void **state)
{
    (void)state;
    /* The numbers are ABI: docs/api-sketch.md and bindings depend on them. */
    assert_int_equal(CAREALIGN_OK, 0);
    assert_int_equal(CAREALIGN_EINVAL, -1);
    assert_int_equal(CAREALIGN_EMISSING, -2);
    assert_int_equal(CAREALIGN_ERANGE, -3);
    assert_int_equal(CAREALIGN_ENOMEM, -4);
    assert_int_equal(CAREALIGN_EPARSE, -5);
    assert_int_equal(CAREALIGN_EIO, -6);
    assert_int_equal(CAREALIGN_ECORRUPT, -7);
    assert_int_equal(CAREALIGN_EUNSUPPORTED, -8);
    assert_int_equal(CAREALIGN_ESTATE, -9);
    assert_int_equal(CAREALIGN_EBUFSIZE, -10);
}

static void last_error_is_set_and_cleared(void **state)
{
    (void)state;
    carealign_clear_error();
    assert_string_equal(carealign_last_error(), "");
    assert_int_equal(carealign_last_error_code(), CAREALIGN_OK);
    assert_int_equal(carealign__error_at(CAREALIGN_EPARSE, 12, 7, "file %s: bad field", "x.csv"),
                     CAREALIGN_EPARSE);
    assert_string_equal(carealign_last_error(), "file x.csv: bad field");
    assert_int_equal(carealign_last_error_code(), CAREALIGN_EPARSE);
    assert_int_equal(carealign_last_error_line(), 12);
    assert_int_equal(carealign_last_error_column(), 7);
    carealign_clear_error();
    assert_string_equal(carealign_last_error(), "");
    assert_int_equal(carealign_last_error_line(), 0);
    assert_int_equal(carealign_last_error_column(), 0);
}

static void long_messages_are_truncated_not_overrun(void **state)
{
    (void)state;
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    carealign__error(CAREALIGN_EINVAL, "%s", big);
    size_t len = strlen(carealign_last_error());
    assert_true(len > 100);
    assert_true(len < sizeof big - 1);
}

static void *fail_in_thread(void *arg)
{
    const char *tag = arg;
    for (int i = 0; i < 1000; i++) {
        carealign__error(CAREALIGN_EINVAL, "thread %s", tag);
        if (strcmp(carealign_last_error() + 7, tag) != 0)
            return (void *)1;
    }
    return NULL;
}

static void each_thread_has_its_own_error(void **state)
{
    (void)state;
    carealign__error(CAREALIGN_ERANGE, "main");
    pthread_t a, b;
    void *ra = (void *)2, *rb = (void *)2;
    assert_int_equal(pthread_create(&a, NULL, fail_in_thread, "alpha"), 0);
    assert_int_equal(pthread_create(&b, NULL, fail_in_thread, "beta"), 0);
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    assert_null(ra);
    assert_null(rb);
    assert_string_equal(carealign_last_error(), "main");
    assert_int_equal(carealign_last_error_code(), CAREALIGN_ERANGE);
}

struct sample {
    size_t size;
    int32_t a;
    int32_t b;
};

static void struct_size_rules(void **state)
{
    (void)state;
    /* a caller built against a newer release: known prefix + zero tail is fine */
    unsigned char newer[sizeof(struct sample) + 8] = {0};
    struct sample s = {sizeof newer, 1, 2};
    memcpy(newer, &s, sizeof s);
    struct sample copy = {0, 0, 0};
    assert_int_equal(carealign__read_struct(&copy, sizeof copy, newer, sizeof copy, "sample"),
                     CAREALIGN_OK);
    assert_int_equal(copy.size, sizeof copy);
    assert_int_equal(copy.b, 2);
    /* ... but a non-zero unknown byte is refused */
    newer[sizeof s + 3] = 1;
    assert_int_equal(carealign__read_struct(&copy, sizeof copy, newer, sizeof copy, "sample"),
                     CAREALIGN_EUNSUPPORTED);
    /* an older caller whose struct ends before b: b keeps the default */
    struct sample old = {offsetof(struct sample, b), 5, 99};
    struct sample dflt = {sizeof dflt, 0, -1};
    assert_int_equal(
        carealign__read_struct(&dflt, sizeof dflt, &old, offsetof(struct sample, b), "sample"),
        CAREALIGN_OK);
    assert_int_equal(dflt.a, 5);
    assert_int_equal(dflt.b, -1);
    /* smaller than the first release */
    old.size = 4;
    assert_int_equal(carealign__read_struct(&dflt, sizeof dflt, &old, sizeof dflt, "sample"),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign__read_struct(&dflt, sizeof dflt, NULL, sizeof dflt, "sample"),
                     CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_status_has_its_own_name),
        cmocka_unit_test(codes_are_never_renumbered),
        cmocka_unit_test(last_error_is_set_and_cleared),
        cmocka_unit_test(long_messages_are_truncated_not_overrun),
        cmocka_unit_test(each_thread_has_its_own_error),
        cmocka_unit_test(struct_size_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
