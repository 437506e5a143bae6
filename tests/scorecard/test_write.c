/* The scorecard writers (lib/scorecard/write_*.c): determinism, streaming,
 * options, errors and number text. The content of the three formats is
 * checked independently by check_report.py (JSON Schema, csv module, FHIR
 * counts) and check_fhir_schema.sh (official FHIR R4 JSON Schema). Expected
 * number texts follow C's %.6g (ISO C 7.21.6.1) with the exponent written
 * without '+' and leading zeros, as docs/report-schema.md states. */
#include "cmocka_all.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/framework.h"
#include "core/internal.h"
#include "sc_fixture.h"
#include "scorecard/write_common.h"

typedef struct sink {
    char *data;
    size_t len;
    size_t calls;
    size_t fail_at; /* fail on this call (1-based); 0 = never */
} sink;

static int32_t collect(const void *data, size_t len, void *user)
{
    sink *s = user;
    s->calls++;
    if (s->fail_at != 0 && s->calls == s->fail_at)
        return 1;
    s->data = realloc(s->data, s->len + len + 1);
    memcpy(s->data + s->len, data, len);
    s->len += len;
    s->data[s->len] = '\0';
    return 0;
}

static void build(fx *f, int32_t n_measures)
{
    fx_shape shape = {n_measures, 2, 3, 2, 1, 20, 0.4, NULL};
    fx_build(f, &shape, 99);
    assert_int_equal(carealign__sc_disclose(&f->t, fx_framework(), 0), CAREALIGN_OK);
    assert_int_equal(carealign__sc_aims(&f->t, fx_framework()), CAREALIGN_OK);
}

static void test_deterministic(void **state)
{
    (void)state;
    fx f;
    build(&f, 3);
    for (int32_t format = CAREALIGN_FORMAT_JSON; format <= CAREALIGN_FORMAT_FHIR; format++) {
        sink a = {0}, b = {0};
        assert_int_equal(carealign__sc_write(&f.t, fx_framework(), format, NULL, collect, &a),
                         CAREALIGN_OK);
        assert_int_equal(carealign__sc_write(&f.t, fx_framework(), format, NULL, collect, &b),
                         CAREALIGN_OK);
        assert_true(a.len > 1000);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.data, b.data, a.len);
        /* the same bytes under a locale with a decimal comma, if there is one */
        if (setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL) {
            sink c = {0};
            assert_int_equal(carealign__sc_write(&f.t, fx_framework(), format, NULL, collect, &c),
                             CAREALIGN_OK);
            setlocale(LC_NUMERIC, "C");
            assert_int_equal(a.len, c.len);
            assert_memory_equal(a.data, c.data, a.len);
            free(c.data);
        }
        free(a.data);
        free(b.data);
    }
    fx_free(&f);
}

static void test_pretty(void **state)
{
    (void)state;
    fx f;
    build(&f, 1);
    carealign_write_options o = CAREALIGN_WRITE_OPTIONS_INIT;
    o.flags = CAREALIGN_WRITE_PRETTY;
    sink compact = {0}, nice = {0};
    assert_int_equal(
        carealign__sc_write(&f.t, fx_framework(), CAREALIGN_FORMAT_JSON, NULL, collect, &compact),
        CAREALIGN_OK);
    assert_int_equal(
        carealign__sc_write(&f.t, fx_framework(), CAREALIGN_FORMAT_JSON, &o, collect, &nice),
        CAREALIGN_OK);
    assert_null(strchr(compact.data, '\n'));
    assert_non_null(strstr(nice.data, "{\n  \"format\": \"carealign-report/1\",\n"));
    assert_int_equal(nice.data[nice.len - 1], '\n');
    /* pretty = compact plus whitespace outside strings */
    size_t j = 0;
    int in_string = 0;
    for (size_t i = 0; i < nice.len; i++) {
        char c = nice.data[i];
        if (!in_string && (c == ' ' || c == '\n'))
            continue;
        assert_true(j < compact.len);
        assert_int_equal(c, compact.data[j]);
        if (c == '"' && (i == 0 || nice.data[i - 1] != '\\'))
            in_string = !in_string;
        j++;
    }
    assert_int_equal(j, compact.len);
    free(compact.data);
    free(nice.data);
    fx_free(&f);
}

static void test_streaming_and_eio(void **state)
{
    (void)state;
    fx f;
    build(&f, 17);
    sink a = {0};
    assert_int_equal(
        carealign__sc_write(&f.t, fx_framework(), CAREALIGN_FORMAT_JSON, NULL, collect, &a),
        CAREALIGN_OK);
    assert_true(a.len > 3 * 65536);
    assert_true(a.calls >= 3); /* pieces, not one buffer */
    sink b = {0};
    b.fail_at = 2;
    assert_int_equal(
        carealign__sc_write(&f.t, fx_framework(), CAREALIGN_FORMAT_CSV, NULL, collect, &b),
        CAREALIGN_EIO);
    assert_int_equal(b.calls, 2); /* nothing after the failure */
    free(a.data);
    free(b.data);
    fx_free(&f);
}

static void test_errors(void **state)
{
    (void)state;
    fx f;
    build(&f, 1);
    sink s = {0};
    const carealign_framework *fw = fx_framework();
    assert_int_equal(carealign__sc_write(&f.t, fw, 0, NULL, collect, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign__sc_write(&f.t, fw, 4, NULL, collect, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign__sc_write(NULL, fw, 1, NULL, collect, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign__sc_write(&f.t, NULL, 1, NULL, collect, &s), CAREALIGN_EINVAL);
    assert_int_equal(carealign__sc_write(&f.t, fw, 1, NULL, NULL, &s), CAREALIGN_EINVAL);
    carealign_write_options o = CAREALIGN_WRITE_OPTIONS_INIT;
    o.flags = 0x80;
    assert_int_equal(carealign__sc_write(&f.t, fw, 1, &o, collect, &s), CAREALIGN_EUNSUPPORTED);
    o.flags = 0;
    o.sig_digits = 18;
    assert_int_equal(carealign__sc_write(&f.t, fw, 1, &o, collect, &s), CAREALIGN_EINVAL);
    o.sig_digits = 0;
    o.size = 8;
    assert_int_equal(carealign__sc_write(&f.t, fw, 1, &o, collect, &s), CAREALIGN_EINVAL);
    assert_int_equal(s.calls, 0);
    free(s.data);
    fx_free(&f);
}

static void test_sig_digits(void **state)
{
    (void)state;
    fx f;
    build(&f, 1);
    carealign_write_options o = CAREALIGN_WRITE_OPTIONS_INIT;
    o.sig_digits = 17;
    sink a = {0}, b = {0};
    assert_int_equal(
        carealign__sc_write(&f.t, fx_framework(), CAREALIGN_FORMAT_JSON, NULL, collect, &a),
        CAREALIGN_OK);
    assert_int_equal(
        carealign__sc_write(&f.t, fx_framework(), CAREALIGN_FORMAT_JSON, &o, collect, &b),
        CAREALIGN_OK);
    assert_non_null(strstr(a.data, "\"significant_digits\":6"));
    assert_non_null(strstr(b.data, "\"significant_digits\":17"));
    assert_true(b.len > a.len);
    free(a.data);
    free(b.data);
    fx_free(&f);
}

static void test_number_text(void **state)
{
    (void)state;
    char t[CAREALIGN__SC_NUMBUF];
    static const struct {
        double x;
        int digits;
        const char *want;
    } cases[] = {
        {0.1, 6, "0.1"},
        {80.0, 6, "80"},
        {1234567.0, 6, "1.23457e6"},
        {1e-7, 6, "1e-7"},
        {-2.5e-12, 6, "-2.5e-12"},
        {-0.0, 6, "0"},
        {12.345678, 3, "12.3"},
        {1.0 / 3.0, 6, "0.333333"},
        {100000.0, 6, "100000"},
        {1e21, 6, "1e21"},
        {0.1, 17, "0.10000000000000001"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = carealign__sc_num_text(cases[i].x, cases[i].digits, t);
        assert_string_equal(t, cases[i].want);
        assert_int_equal(n, strlen(cases[i].want));
    }
    assert_int_equal(carealign__sc_num_text(NAN, 6, t), 0);
    assert_int_equal(carealign__sc_num_text(INFINITY, 6, t), 0);
    carealign__sc_count_text(105.0, t);
    assert_string_equal(t, "105");
    carealign__sc_count_text(9007199254740991.0, t);
    assert_string_equal(t, "9007199254740991");
    carealign__sc_count_text(2.5, t);
    assert_string_equal(t, "2.5");
}

/* A string that is not UTF-8 still gives valid JSON (RFC 8259 section 8.1). */
static void test_not_utf8(void **state)
{
    (void)state;
    sink s = {0};
    carealign__sc_out o;
    carealign__sc_out_init(&o, collect, &s, 0, 6);
    carealign__sc_jopen(&o, '[');
    carealign__sc_jstr(&o, "a\xff\"", 3);
    carealign__sc_jstr(&o, "\xc3\xa9", 2);
    carealign__sc_jclose(&o, ']');
    assert_int_equal(carealign__sc_out_finish(&o), CAREALIGN_OK);
    assert_string_equal(s.data, "[\"a\xef\xbf\xbd\\\"\",\"\xc3\xa9\"]");
    free(s.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),     cmocka_unit_test(test_pretty),
        cmocka_unit_test(test_streaming_and_eio), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_sig_digits),        cmocka_unit_test(test_number_text),
        cmocka_unit_test(test_not_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
