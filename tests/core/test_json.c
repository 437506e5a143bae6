/* The strict JSON reader and canonical writer (lib/core/json.c).
 *
 * Sources of the expected values:
 * - RFC 8259 (JSON): the grammar (sections 2-7) for what must be accepted
 *   and refused, and the examples of section 13, accepted verbatim.
 * - RFC 3629 section 4 / Unicode table 3-7 for well-formed UTF-8.
 * - RFC 8785 (JCS): the canonical forms of its section 3.2.3 sorting example
 *   and section 3.2.2 sample, its appendix B number table, and ECMAScript's
 *   Number::toString layout rules that carealign applies to the exact
 *   decimal value (json.h documents the one deliberate difference: more
 *   than 15 significant digits are kept, not rounded through a double).
 * The accept (y_) and refuse (n_) cases follow the idea of Nicolas Seriot's
 * JSONTestSuite; every case here is written for this file.
 */
#include "cmocka_all.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/common.h"
#include "core/internal.h"
#include "core/json.h"

/* ---- allocation failure injection (must run first) --------------------- */

static int alloc_calls, alloc_fail_at, live_blocks;

static void *hook_malloc(size_t bytes, void *user)
{
    (void)user;
    if (++alloc_calls == alloc_fail_at)
        return NULL;
    void *p = malloc(bytes);
    if (p != NULL)
        live_blocks++;
    return p;
}

static void *hook_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    if (++alloc_calls == alloc_fail_at)
        return NULL;
    void *p = realloc(ptr, bytes);
    if (p != NULL && ptr == NULL)
        live_blocks++;
    return p;
}

static void hook_free(void *ptr, void *user)
{
    (void)user;
    live_blocks--;
    free(ptr);
}

static void install_counting_allocator(void **state)
{
    (void)state;
    carealign_allocator a = CAREALIGN_ALLOCATOR_INIT;
    a.malloc_fn = hook_malloc;
    a.realloc_fn = hook_realloc;
    a.free_fn = hook_free;
    assert_int_equal(carealign_set_allocator(&a), CAREALIGN_OK);
}

/* Every allocation of a parse and of a canonical write is failed in turn:
 * each failure is ENOMEM (never a crash or a half-built document) and
 * nothing leaks. */
static void every_allocation_failure_is_clean(void **state)
{
    (void)state;
    /* Deep and wide enough to need several arena blocks and stack growth. */
    char text[40000];
    size_t n = 0;
    n += (size_t)snprintf(text + n, sizeof text - n, "{\"list\":[");
    for (int i = 0; i < 900; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s{\"k%d\":[%d,\"s\\u00e9%d\"]}",
                              i ? "," : "", i, i, i);
    n += (size_t)snprintf(text + n, sizeof text - n, "],\"z\":[[[[1]]]]}");
    int succeeded = 0;
    for (int fail = 1; fail < 10000 && !succeeded; fail++) {
        alloc_calls = 0;
        alloc_fail_at = fail;
        carealign__json_doc *doc = NULL;
        carealign_status st = carealign__json_parse(text, n, "alloc.json", NULL, &doc);
        if (st == CAREALIGN_OK) {
            carealign__json_buf buf;
            carealign__json_buf_init(&buf);
            carealign__json_write_canonical(&buf, carealign__json_root(doc));
            if (!buf.failed)
                succeeded = 1;
            else
                assert_int_equal(carealign_last_error_code(), CAREALIGN_ENOMEM);
            carealign__json_buf_release(&buf);
            carealign__json_free(doc);
        } else {
            assert_int_equal(st, CAREALIGN_ENOMEM);
            assert_null(doc);
        }
        assert_int_equal(live_blocks, 0);
    }
    assert_true(succeeded);
    alloc_fail_at = 0;
}

/* ---- helpers -------------------------------------------------------------- */

static char *canonical_of(const char *text, size_t len)
{
    carealign__json_doc *doc = NULL;
    carealign_status st = carealign__json_parse(text, len, "t.json", NULL, &doc);
    if (st != CAREALIGN_OK)
        print_error("parse failed: %s\n", carealign_last_error());
    assert_int_equal(st, CAREALIGN_OK);
    carealign__json_buf buf;
    carealign__json_buf_init(&buf);
    carealign__json_write_canonical(&buf, carealign__json_root(doc));
    assert_false(buf.failed);
    carealign__json_free(doc);
    return buf.data;
}

static void assert_canonical(const char *text, const char *expected)
{
    char *got = canonical_of(text, strlen(text));
    assert_string_equal(got, expected);
    /* The canonical form is a fixed point. */
    char *again = canonical_of(got, strlen(got));
    assert_string_equal(again, expected);
    carealign__free(again);
    carealign__free(got);
}

typedef struct refusal {
    const char *text;
    size_t len; /* 0: strlen(text) */
    carealign_status status;
    int64_t line, column;
    const char *fragment;
} refusal;

static void assert_refused(const refusal *r)
{
    size_t len = r->len ? r->len : strlen(r->text);
    carealign__json_doc *doc = (carealign__json_doc *)&doc; /* must stay untouched */
    carealign__json_doc *const sentinel = doc;
    carealign_clear_error();
    carealign_status st = carealign__json_parse(r->text, len, "case.json", NULL, &doc);
    if (st != r->status || carealign_last_error_line() != r->line ||
        carealign_last_error_column() != r->column ||
        strstr(carealign_last_error(), r->fragment) == NULL)
        print_error("case %s: status %d, error \"%s\" at %lld:%lld\n", r->text, st,
                    carealign_last_error(), (long long)carealign_last_error_line(),
                    (long long)carealign_last_error_column());
    assert_int_equal(st, r->status);
    assert_ptr_equal(doc, sentinel);
    assert_int_equal(carealign_last_error_line(), r->line);
    assert_int_equal(carealign_last_error_column(), r->column);
    assert_non_null(strstr(carealign_last_error(), r->fragment));
    assert_non_null(strstr(carealign_last_error(), "case.json:"));
}

/* ---- accepted texts (y_) ------------------------------------------------ */

static void y_values_and_their_canonical_form(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        /* RFC 8259 section 2: any value may be the whole text. */
        {"\"Hello world!\"", "\"Hello world!\""},
        {"42", "42"},
        {"true", "true"},
        {"false", "false"},
        {"null", "null"},
        {" \t\r\n [ ] \n", "[]"},
        {"{}", "{}"},
        {"[[[]]]", "[[[]]]"},
        {"[1,2 , 3\n,4]", "[1,2,3,4]"},
        {"{\"b\":1,\"a\":{\"d\":[],\"c\":null}}", "{\"a\":{\"c\":null,\"d\":[]},\"b\":1}"},
        {"[\"\"]", "[\"\"]"},
        /* Escapes decode; the canonical writer keeps only the required ones. */
        {"\"\\/\\\"\\\\\\b\\f\\n\\r\\t\"", "\"/\\\"\\\\\\b\\f\\n\\r\\t\""},
        {"\"\\u0041\\u00e9\\u20AC\"", "\"A\xC3\xA9\xE2\x82\xAC\""},
        {"\"\\u0000\\u001f\\u007f\"", "\"\\u0000\\u001f\x7F\""},
        {"\"\\ud83d\\ude00\"", "\"\xF0\x9F\x98\x80\""},
        {"\"\xF4\x8F\xBF\xBF\"", "\"\xF4\x8F\xBF\xBF\""}, /* U+10FFFF */
        {"\"\xEF\xBF\xBF\"", "\"\xEF\xBF\xBF\""},         /* U+FFFF is a character */
        {"\"\xE2\x80\xA8\"", "\"\xE2\x80\xA8\""},         /* U+2028 stays raw */
        /* Keys that differ only in escaping are different keys when their
         * values differ: here "a" and "b". */
        {"{\"\\u0062\":1,\"a\":2}", "{\"a\":2,\"b\":1}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_canonical(cases[i][0], cases[i][1]);
}

/* RFC 8259 section 13, both examples, accepted and looked into. */
static void rfc8259_examples(void **state)
{
    (void)state;
    const char *image = "{\n"
                        "  \"Image\": {\n"
                        "      \"Width\":  800,\n"
                        "      \"Height\": 600,\n"
                        "      \"Title\":  \"View from 15th Floor\",\n"
                        "      \"Thumbnail\": {\n"
                        "          \"Url\":    \"http://www.example.com/image/481989943\",\n"
                        "          \"Height\": 125,\n"
                        "          \"Width\":  100\n"
                        "      },\n"
                        "      \"Animated\" : false,\n"
                        "      \"IDs\": [116, 943, 234, 38793]\n"
                        "    }\n"
                        "}\n";
    carealign__json_doc *doc;
    assert_int_equal(carealign__json_parse(image, strlen(image), "image.json", NULL, &doc),
                     CAREALIGN_OK);
    const carealign__json *img = carealign__json_get(carealign__json_root(doc), "Image");
    assert_non_null(img);
    int64_t v;
    assert_int_equal(carealign__json_to_int64(carealign__json_get(img, "Width"), &v), CAREALIGN_OK);
    assert_int_equal(v, 800);
    const carealign__json *ids = carealign__json_get(img, "IDs");
    assert_int_equal(ids->type, CAREALIGN__JSON_ARRAY);
    assert_int_equal(ids->n, 4);
    assert_int_equal(carealign__json_to_int64(&ids->items[3], &v), CAREALIGN_OK);
    assert_int_equal(v, 38793);
    assert_int_equal(ids->items[3].line, 12);
    assert_int_equal(ids->items[3].column, 30);
    const carealign__json_member *thumb = carealign__json_find(img, "Thumbnail");
    assert_int_equal(thumb->line, 6);
    assert_int_equal(thumb->column, 7);
    assert_string_equal(carealign__json_get(&thumb->value, "Url")->text,
                        "http://www.example.com/image/481989943");
    assert_int_equal(carealign__json_get(img, "Animated")->type, CAREALIGN__JSON_FALSE);
    assert_null(carealign__json_get(img, "animated")); /* keys are case-sensitive */
    carealign__json_free(doc);

    const char *places = "[\n"
                         "  {\n"
                         "     \"precision\": \"zip\",\n"
                         "     \"Latitude\":  37.7668,\n"
                         "     \"Longitude\": -122.3959,\n"
                         "     \"Address\":   \"\",\n"
                         "     \"City\":      \"SAN FRANCISCO\",\n"
                         "     \"State\":     \"CA\",\n"
                         "     \"Zip\":       \"94107\",\n"
                         "     \"Country\":   \"US\"\n"
                         "  },\n"
                         "  {\n"
                         "     \"precision\": \"zip\",\n"
                         "     \"Latitude\":  37.371991,\n"
                         "     \"Longitude\": -122.026020,\n"
                         "     \"Address\":   \"\",\n"
                         "     \"City\":      \"SUNNYVALE\",\n"
                         "     \"State\":     \"CA\",\n"
                         "     \"Zip\":       \"94085\",\n"
                         "     \"Country\":   \"US\"\n"
                         "  }\n"
                         "]\n";
    assert_canonical(places, "[{\"Address\":\"\",\"City\":\"SAN FRANCISCO\",\"Country\":\"US\","
                             "\"Latitude\":37.7668,\"Longitude\":-122.3959,\"State\":\"CA\","
                             "\"Zip\":\"94107\",\"precision\":\"zip\"},"
                             "{\"Address\":\"\",\"City\":\"SUNNYVALE\",\"Country\":\"US\","
                             "\"Latitude\":37.371991,\"Longitude\":-122.02602,\"State\":\"CA\","
                             "\"Zip\":\"94085\",\"precision\":\"zip\"}]");
    assert_int_equal(carealign__json_parse(places, strlen(places), NULL, NULL, &doc), CAREALIGN_OK);
    double lat;
    const carealign__json *second = &carealign__json_root(doc)->items[1];
    assert_int_equal(carealign__json_to_double(carealign__json_get(second, "Longitude"), &lat),
                     CAREALIGN_OK);
    assert_true(lat == -122.026020);
    carealign__json_free(doc);
}

/* RFC 8785 section 3.2.3: keys sort by UTF-16 code units, so U+1F600
 * (D83D DE00) comes before U+FB33 although its code point is larger. */
static void rfc8785_key_order(void **state)
{
    (void)state;
    assert_canonical("{\n"
                     "  \"\\u20ac\": \"Euro Sign\",\n"
                     "  \"\\r\": \"Carriage Return\",\n"
                     "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
                     "  \"1\": \"One\",\n"
                     "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
                     "  \"\\u0080\": \"Control\",\n"
                     "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
                     "}",
                     "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
                     "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\","
                     "\"\xE2\x82\xAC\":\"Euro Sign\","
                     "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\","
                     "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
    assert_true(carealign__json_key_compare("\xF0\x9F\x98\x80", 4, "\xEF\xAC\xB3", 3) < 0);
    assert_true(carealign__json_key_compare("a", 1, "ab", 2) < 0);
    assert_true(carealign__json_key_compare("B", 1, "a", 1) < 0);
    assert_int_equal(carealign__json_key_compare("x", 1, "x", 1), 0);
}

/* RFC 8785 section 3.2.2 sample, except the first number, which has 17
 * significant digits: JCS rounds it through a double (333333333.3333333),
 * carealign keeps its exact value. */
static void rfc8785_sample(void **state)
{
    (void)state;
    assert_canonical("{\n"
                     "  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
                     "              2e-3, 0.000000000000000000000000001],\n"
                     "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                     "  \"literals\": [null, true, false]\n"
                     "}",
                     "{\"literals\":[null,true,false],"
                     "\"numbers\":[333333333.33333329,1e+30,4.5,0.002,1e-27],"
                     "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

/* ECMAScript layout of exact decimals; the right-hand sides are RFC 8785
 * appendix B outputs (or, for the spellings, the value they denote). */
static void canonical_numbers(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"0", "0"},
        {"-0", "0"},
        {"-0.0e-5", "0"},
        {"0.000", "0"},
        {"1", "1"},
        {"-1", "-1"},
        {"1.0", "1"},
        {"100", "100"},
        {"1e2", "100"},
        {"1E+2", "100"},
        {"0.1e3", "100"},
        {"100000", "100000"},
        {"1e20", "100000000000000000000"},
        {"1e21", "1e+21"},
        {"123e19", "1.23e+21"},
        {"999999999999999900000", "999999999999999900000"},
        {"295147905179352830000", "295147905179352830000"},
        {"9007199254740992", "9007199254740992"},
        {"-9007199254740992", "-9007199254740992"},
        {"0.000001", "0.000001"},
        {"1e-6", "0.000001"},
        {"1e-7", "1e-7"},
        {"0.0000001", "1e-7"},
        {"-1.5e-7", "-1.5e-7"},
        {"4.50", "4.5"},
        {"2e-3", "0.002"},
        {"12.3400", "12.34"},
        {"5e-324", "5e-324"},
        {"1.7976931348623157e308", "1.7976931348623157e+308"},
        {"0.1", "0.1"},
        {"-1.25e1", "-12.5"},
        {"1e1000", "1e+1000"}, /* out of double range, but exact text is kept */
        /* The range limit is on the value's n (json.h): at n = +-10^15 the
         * canonical exponent n - 1 is written and read back to the same n,
         * whatever exponent the literal used (CI fuzzing found the canonical
         * form of 20000e1000000000000000 refused when the limit was on the
         * written exponent). Zero is zero whatever its exponent. */
        {"1e999999999999999", "1e+999999999999999"},
        {"0.01e-999999999999999", "1e-1000000000000001"},
        {"1e-1000000000000001", "1e-1000000000000001"},
        {"0e99999999999999999999", "0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i][1][0] == '\0')
            continue;
        char text[80];
        snprintf(text, sizeof text, "[%s]", cases[i][0]);
        char expected[80];
        snprintf(expected, sizeof expected, "[%s]", cases[i][1]);
        assert_canonical(text, expected);
    }
}

static const carealign__json *number_in(carealign__json_doc **doc, const char *literal)
{
    assert_int_equal(carealign__json_parse(literal, strlen(literal), NULL, NULL, doc),
                     CAREALIGN_OK);
    return carealign__json_root(*doc);
}

static void numbers_to_int64_and_double(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        carealign_status status;
        int64_t value;
    } ints[] = {
        {"0", CAREALIGN_OK, 0},
        {"-0", CAREALIGN_OK, 0},
        {"1e3", CAREALIGN_OK, 1000},
        {"1000.000", CAREALIGN_OK, 1000},
        {"100000", CAREALIGN_OK, 100000},
        {"9223372036854775807", CAREALIGN_OK, INT64_MAX},
        {"-9223372036854775808", CAREALIGN_OK, INT64_MIN},
        {"9223372036854775808", CAREALIGN_ERANGE, 0},
        {"-9223372036854775809", CAREALIGN_ERANGE, 0},
        {"1e19", CAREALIGN_ERANGE, 0},
        {"1e400", CAREALIGN_ERANGE, 0},
        {"1.5", CAREALIGN_EINVAL, 0},
        {"1e-1", CAREALIGN_EINVAL, 0},
    };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        carealign__json_doc *doc;
        int64_t v = -7;
        assert_int_equal(carealign__json_to_int64(number_in(&doc, ints[i].text), &v),
                         ints[i].status);
        if (ints[i].status == CAREALIGN_OK)
            assert_true(v == ints[i].value);
        carealign__json_free(doc);
    }
    /* Doubles: the nearest double, as C's own reading of the literal. */
    static const char *const doubles[] = {"0.1",
                                          "-122.026020",
                                          "2.5e-3",
                                          "1e308",
                                          "5e-324",
                                          "123456789012345678901",
                                          "0.30000000000000004",
                                          "1E+2"};
    for (size_t i = 0; i < sizeof doubles / sizeof doubles[0]; i++) {
        carealign__json_doc *doc;
        double v;
        assert_int_equal(carealign__json_to_double(number_in(&doc, doubles[i]), &v), CAREALIGN_OK);
        assert_true(v == strtod(doubles[i], NULL));
        carealign__json_free(doc);
    }
    carealign__json_doc *doc;
    double v;
    assert_int_equal(carealign__json_to_double(number_in(&doc, "1e309"), &v), CAREALIGN_ERANGE);
    carealign__json_free(doc);
    assert_int_equal(carealign__json_to_double(number_in(&doc, "1e-400"), &v), CAREALIGN_OK);
    assert_true(v == 0.0);
    carealign__json_free(doc);
    assert_int_equal(carealign__json_to_double(number_in(&doc, "\"1\""), &v), CAREALIGN_EINVAL);
    carealign__json_free(doc);
}

/* ---- refused texts (n_) ------------------------------------------------- */

static void n_grammar(void **state)
{
    (void)state;
    static const refusal cases[] = {
        {"", 0, CAREALIGN_EPARSE, 1, 1, "unexpected end of input"},
        {"   \n  ", 0, CAREALIGN_EPARSE, 2, 3, "unexpected end of input"},
        {"[1,]", 0, CAREALIGN_EPARSE, 1, 4, "trailing comma"},
        {"{\"a\":1,}", 0, CAREALIGN_EPARSE, 1, 8, "trailing comma"},
        {"[,1]", 0, CAREALIGN_EPARSE, 1, 2, "unexpected character ','"},
        {"[1 2]", 0, CAREALIGN_EPARSE, 1, 4, "expected ',' or ']'"},
        {"{\"a\" 1}", 0, CAREALIGN_EPARSE, 1, 6, "':'"},
        {"{a:1}", 0, CAREALIGN_EPARSE, 1, 2, "member name in double quotes"},
        {"{'a':1}", 0, CAREALIGN_EPARSE, 1, 2, "single quotes"},
        {"[1] // note", 0, CAREALIGN_EPARSE, 1, 5, "unexpected text after"},
        {"/* c */ 1", 0, CAREALIGN_EPARSE, 1, 1, "comments are not allowed"},
        {"[1, /* c */ 2]", 0, CAREALIGN_EPARSE, 1, 5, "comments are not allowed"},
        {"[1]]", 0, CAREALIGN_EPARSE, 1, 4, "unexpected text after"},
        {"1 2", 0, CAREALIGN_EPARSE, 1, 3, "unexpected text after"},
        {"[1", 0, CAREALIGN_EPARSE, 1, 3, "unexpected end of input"},
        {"{\"a\":1", 0, CAREALIGN_EPARSE, 1, 7, "unexpected end of input"},
        {"tru", 0, CAREALIGN_EPARSE, 1, 1, "expected true"},
        {"True", 0, CAREALIGN_EPARSE, 1, 1, "unexpected character 'T'"},
        {"nul", 0, CAREALIGN_EPARSE, 1, 1, "expected null"},
        {"[falsey]", 0, CAREALIGN_EPARSE, 1, 7, "expected ',' or ']'"},
        {"NaN", 0, CAREALIGN_EPARSE, 1, 1, "NaN are not JSON numbers"},
        {"[-Infinity]", 0, CAREALIGN_EPARSE, 1, 2, "NaN are not JSON numbers"},
        {"+1", 0, CAREALIGN_EPARSE, 1, 1, "starts with '-' or a digit"},
        {".5", 0, CAREALIGN_EPARSE, 1, 1, "starts with '-' or a digit"},
        {"01", 0, CAREALIGN_EPARSE, 1, 2, "leading zeros"},
        {"-01", 0, CAREALIGN_EPARSE, 1, 3, "leading zeros"},
        {"00.5e0", 0, CAREALIGN_EPARSE, 1, 2, "leading zeros"},
        {"1.", 0, CAREALIGN_EPARSE, 1, 3, "after the decimal point"},
        {"1.e5", 0, CAREALIGN_EPARSE, 1, 3, "after the decimal point"},
        {"1e", 0, CAREALIGN_EPARSE, 1, 3, "in the exponent"},
        {"1e+", 0, CAREALIGN_EPARSE, 1, 4, "in the exponent"},
        {"-", 0, CAREALIGN_EPARSE, 1, 2, "expected a digit"},
        {"0x10", 0, CAREALIGN_EPARSE, 1, 2, "unexpected text after"},
        {"1e9999999999999999", 0, CAREALIGN_ERANGE, 1, 1, "exponent out of range"},
        {"[20000e1000000000000000]", 0, CAREALIGN_ERANGE, 1, 2, "exponent out of range"},
        {"10e999999999999999", 0, CAREALIGN_ERANGE, 1, 1, "exponent out of range"},
        {"0.001e-999999999999999", 0, CAREALIGN_ERANGE, 1, 1, "exponent out of range"},
        {"1e99999999999999999999999999999", 0, CAREALIGN_ERANGE, 1, 1, "exponent out of range"},
        {"\"abc", 0, CAREALIGN_EPARSE, 1, 1, "unterminated string"},
        {"\"a\\\"", 0, CAREALIGN_EPARSE, 1, 1, "unterminated string"},
        {"\"a\tb\"", 0, CAREALIGN_EPARSE, 1, 3, "control character"},
        {"\"a\nb\"", 0, CAREALIGN_EPARSE, 1, 3, "line break inside a string"},
        {"\"\\x41\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid escape"},
        {"\"\\'\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid escape"},
        {"\"\\u12\"", 0, CAREALIGN_EPARSE, 1, 6, "four hexadecimal digits"},
        {"\"\\u12G4\"", 0, CAREALIGN_EPARSE, 1, 6, "four hexadecimal digits"},
        {"\"\\ud800\"", 0, CAREALIGN_EPARSE, 1, 2, "unpaired high surrogate"},
        {"\"\\ud800\\u0041\"", 0, CAREALIGN_EPARSE, 1, 2, "unpaired high surrogate"},
        {"\"\\udc00\"", 0, CAREALIGN_EPARSE, 1, 2, "unpaired low surrogate"},
        {"\"\\ude00\\ud83d\"", 0, CAREALIGN_EPARSE, 1, 2, "unpaired low surrogate"},
        {"[\"a\",\n \"b\",\n  x]", 0, CAREALIGN_EPARSE, 3, 3, "unexpected character 'x'"},
        {"[1,\r\n2,\r\n@]", 0, CAREALIGN_EPARSE, 3, 1, "unexpected character '@'"},
        {"[\"\xC3\xA9\xC3\xA9\", ?]", 0, CAREALIGN_EPARSE, 1, 8, "unexpected character '?'"},
        {"[1]\x00", 4, CAREALIGN_EPARSE, 1, 4, "unexpected text after"},
        {"[\x00]", 3, CAREALIGN_EPARSE, 1, 2, "unexpected byte 0x00"},
        {"\xEF\xBB\xBF{}", 0, CAREALIGN_EPARSE, 1, 1, "byte order mark"},
        {"\xC2\xA0[]", 0, CAREALIGN_EPARSE, 1, 1, "unexpected byte 0xC2"}, /* NBSP */
        {"[\f]", 0, CAREALIGN_EPARSE, 1, 2, "unexpected byte 0x0C"},       /* not JSON space */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_refused(&cases[i]);
}

/* RFC 3629 / Unicode table 3-7: ill-formed sequences inside strings. */
static void n_utf8(void **state)
{
    (void)state;
    static const refusal cases[] = {
        {"\"\x80\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8 (byte 0x80)"},     /* continuation */
        {"\"\xC0\x80\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8 (byte 0xC0)"}, /* overlong */
        {"\"\xC1\xBF\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8"},             /* overlong */
        {"\"\xE0\x9F\xBF\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8"},         /* overlong */
        {"\"\xED\xA0\x80\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8"},         /* U+D800 */
        {"\"\xF0\x8F\xBF\xBF\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8"},     /* overlong */
        {"\"\xF4\x90\x80\x80\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8"},     /* > 10FFFF */
        {"\"\xF5\x80\x80\x80\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8"},
        {"\"\xFF\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8"},
        {"\"\xE2\x82\"", 0, CAREALIGN_EPARSE, 1, 2, "invalid UTF-8"}, /* truncated */
        {"\"ab\xC3\"", 0, CAREALIGN_EPARSE, 1, 4, "invalid UTF-8"},   /* truncated at end */
        {"\"\xC3\xA9\xC3(\"", 0, CAREALIGN_EPARSE, 1, 3, "invalid UTF-8"},
        {"{\"k\xFE\":1}", 0, CAREALIGN_EPARSE, 1, 4, "invalid UTF-8"}, /* in a key */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_refused(&cases[i]);
    assert_true(carealign__json_utf8_valid("\xE2\x82\xAC", 3));
    assert_false(carealign__json_utf8_valid("\xED\xBF\xBF", 3));
    assert_true(carealign__json_utf8_valid("", 0));
}

/* Duplicates are compared after unescaping, wherever they are. */
static void n_duplicate_keys(void **state)
{
    (void)state;
    static const refusal cases[] = {
        {"{\"a\":1,\"a\":2}", 0, CAREALIGN_EPARSE, 1, 8, "duplicate key \"a\""},
        {"{\"a\":1,\n \"b\":2,\n \"\\u0061\":3}", 0, CAREALIGN_EPARSE, 3, 2,
         "(first at line 1, column 2)"},
        {"[{\"x\":{\"y\":1,\"y\":1}}]", 0, CAREALIGN_EPARSE, 1, 14, "duplicate key \"y\""},
        {"{\"\":1,\"\":2}", 0, CAREALIGN_EPARSE, 1, 7, "duplicate key \"\""},
        {"{\"b\":0,\"a\":1,\"c\":2,\"a\":3,\"a\":4}", 0, CAREALIGN_EPARSE, 1, 20,
         "duplicate key \"a\" (first at line 1, column 8)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_refused(&cases[i]);
}

static void limits_depth_and_size(void **state)
{
    (void)state;
    char text[2100];
    carealign__json_limits lim = {0, 0};
    carealign__json_doc *doc;
    /* 64 levels (the default) are fine, 65 are not. */
    for (int depth = 64; depth <= 65; depth++) {
        memset(text, '[', (size_t)depth);
        memset(text + depth, ']', (size_t)depth);
        carealign_status st = carealign__json_parse(text, 2 * (size_t)depth, "d.json", &lim, &doc);
        if (depth == 64) {
            assert_int_equal(st, CAREALIGN_OK);
            carealign__json_free(doc);
        } else {
            assert_int_equal(st, CAREALIGN_ERANGE);
            assert_int_equal(carealign_last_error_column(), 65);
            assert_non_null(strstr(carealign_last_error(), "deeper than 64"));
        }
    }
    /* A caller's limit, objects counting as levels too. */
    lim.max_depth = 2;
    assert_int_equal(carealign__json_parse("{\"a\":[1]}", 9, "d.json", &lim, &doc), CAREALIGN_OK);
    carealign__json_free(doc);
    assert_int_equal(carealign__json_parse("{\"a\":[{}]}", 10, "d.json", &lim, &doc),
                     CAREALIGN_ERANGE);
    /* Asking for more than the hard ceiling gets the ceiling: 1000 is fine,
     * 1001 is not, and neither overflows the stack. */
    lim.max_depth = UINT32_MAX;
    static char deep[2 * 1001];
    memset(deep, '[', 1001);
    memset(deep + 1001, ']', 1001);
    assert_int_equal(carealign__json_parse(deep + 1, 2000, NULL, &lim, &doc), CAREALIGN_OK);
    carealign__json_free(doc);
    assert_int_equal(carealign__json_parse(deep, 2002, NULL, &lim, &doc), CAREALIGN_ERANGE);
    /* Size. */
    lim.max_depth = 0;
    lim.max_bytes = 10;
    assert_int_equal(carealign__json_parse("[1,2,3,45]", 10, "s.json", &lim, &doc), CAREALIGN_OK);
    carealign__json_free(doc);
    assert_int_equal(carealign__json_parse("[1,2,3,456]", 11, "s.json", &lim, &doc),
                     CAREALIGN_ERANGE);
    assert_non_null(strstr(carealign_last_error(), "s.json: 11 bytes, more than the limit of 10"));
    assert_int_equal(carealign__json_parse(NULL, 1, NULL, NULL, &doc), CAREALIGN_EINVAL);
    assert_int_equal(carealign__json_parse("1", 1, NULL, NULL, NULL), CAREALIGN_EINVAL);
}

/* Strings keep embedded U+0000 with an explicit length and a NUL after. */
static void strings_have_lengths(void **state)
{
    (void)state;
    carealign__json_doc *doc;
    const char *text = "{\"k\\u0000ey\":\"a\\u0000b\"}";
    assert_int_equal(carealign__json_parse(text, strlen(text), NULL, NULL, &doc), CAREALIGN_OK);
    const carealign__json *root = carealign__json_root(doc);
    assert_int_equal(root->members[0].key_len, 4);
    assert_null(carealign__json_get(root, "k")); /* "k" is not "k\0ey" */
    assert_int_equal(root->members[0].value.len, 3);
    assert_memory_equal(root->members[0].value.text, "a\0b", 4);
    carealign__json_free(doc);
}

/* Lookups go by binary search over the sorted members. */
static void lookup_in_large_objects(void **state)
{
    (void)state;
    char text[20000];
    size_t n = 0;
    text[n++] = '{';
    for (int i = 999; i >= 0; i--)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s\"key%d\":%d", i == 999 ? "" : ",", i,
                              i);
    text[n++] = '}';
    carealign__json_doc *doc;
    assert_int_equal(carealign__json_parse(text, n, NULL, NULL, &doc), CAREALIGN_OK);
    const carealign__json *root = carealign__json_root(doc);
    for (int i = 0; i < 1000; i++) {
        char key[16];
        snprintf(key, sizeof key, "key%d", i);
        int64_t v;
        assert_int_equal(carealign__json_to_int64(carealign__json_get(root, key), &v),
                         CAREALIGN_OK);
        assert_int_equal(v, i);
    }
    assert_null(carealign__json_get(root, "key1000"));
    assert_null(carealign__json_get(root, "key"));
    assert_null(carealign__json_get(&root->members[0].value, "key1")); /* not an object */
    assert_null(carealign__json_get(NULL, "key1"));
    carealign__json_free(doc);
    carealign__json_free(NULL);
}

/* The writer's escaping of raw strings (used by the FHIR writer). */
static void buffer_writer(void **state)
{
    (void)state;
    carealign__json_buf buf;
    carealign__json_buf_init(&buf);
    carealign__json_buf_string(&buf, "a\"b\\c\x01\x1f\x7f/\xC3\xA9", 11);
    carealign__json_buf_puts(&buf, ",");
    carealign__json_buf_number(&buf, "1.50", 4);
    carealign__json_buf_puts(&buf, ",");
    carealign__json_buf_number(&buf, "x", 1);
    assert_true(buf.failed);
    assert_string_equal(buf.data, "\"a\\\"b\\\\c\\u0001\\u001f\x7F/\xC3\xA9\",1.5,");
    carealign__json_buf_release(&buf);
    assert_null(buf.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(install_counting_allocator),
        cmocka_unit_test(every_allocation_failure_is_clean),
        cmocka_unit_test(y_values_and_their_canonical_form),
        cmocka_unit_test(rfc8259_examples),
        cmocka_unit_test(rfc8785_key_order),
        cmocka_unit_test(rfc8785_sample),
        cmocka_unit_test(canonical_numbers),
        cmocka_unit_test(numbers_to_int64_and_double),
        cmocka_unit_test(n_grammar),
        cmocka_unit_test(n_utf8),
        cmocka_unit_test(n_duplicate_keys),
        cmocka_unit_test(limits_depth_and_size),
        cmocka_unit_test(strings_have_lengths),
        cmocka_unit_test(lookup_in_large_objects),
        cmocka_unit_test(buffer_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
