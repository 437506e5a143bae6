/* A framework's identity (canonical form and SHA-256) and its FHIR export.
 *
 * The canonical form and hash are checked against an independent Python
 * implementation by check_canonical.py, and the FHIR bundles against the
 * official FHIR R4 JSON Schema by check_fhir_schema.sh; this file checks the
 * properties that follow from the definitions in docs/framework.md: layout,
 * member order, escapes and number spelling do not change the identity, any
 * change of content does; loading the canonical form is a fixed point; the
 * buffer and callback contracts of docs/api-sketch.md; and that the FHIR
 * carries each criterion exactly as written.
 */
#include "cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/framework.h"
#include "core/json.h"

#ifndef CAREALIGN_SOURCE_DIR
#error "CAREALIGN_SOURCE_DIR must name the source tree"
#endif

static char *slurp(const char *relative, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CAREALIGN_SOURCE_DIR, relative);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    data[size] = '\0';
    *len = (size_t)size;
    return data;
}

static carealign_framework *load_text(const char *text, size_t len)
{
    carealign_framework *fw = NULL;
    carealign_status st = carealign_framework_load(text, len, NULL, &fw);
    if (st != CAREALIGN_OK)
        fail_msg("load: %s", carealign_last_error());
    return fw;
}

static void hash_of_text(const char *text, uint8_t out[32])
{
    carealign_framework *fw = load_text(text, strlen(text));
    assert_int_equal(carealign_framework_hash(fw, out), CAREALIGN_OK);
    carealign_framework_free(fw);
}

/* Replace the one occurrence of `old` in `text` (a new malloc'd string). */
static char *replaced(const char *text, const char *old, const char *with)
{
    const char *at = strstr(text, old);
    if (at == NULL || strstr(at + 1, old) != NULL)
        fail_msg("'%s' is not in the text exactly once", old);
    size_t head = (size_t)(at - text), n = strlen(text) - strlen(old) + strlen(with);
    char *out = malloc(n + 1);
    assert_non_null(out);
    memcpy(out, text, head);
    memcpy(out + head, with, strlen(with));
    strcpy(out + head + strlen(with), at + strlen(old));
    return out;
}

/* JSON text with all whitespace outside strings removed. */
static char *minified(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    assert_non_null(out);
    size_t n = 0;
    int in_string = 0;
    for (const char *p = text; *p; p++) {
        if (in_string) {
            out[n++] = *p;
            if (*p == '\\')
                out[n++] = *++p;
            else if (*p == '"')
                in_string = 0;
        } else if (*p == '"') {
            in_string = 1;
            out[n++] = *p;
        } else if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    return out;
}

static char *canonical_of(const carealign_framework *fw, size_t *len)
{
    size_t need = 0;
    assert_int_equal(carealign_framework_canonical(fw, NULL, 0, &need), CAREALIGN_EBUFSIZE);
    char *buf = malloc(need);
    assert_non_null(buf);
    assert_int_equal(carealign_framework_canonical(fw, buf, need, len), CAREALIGN_OK);
    assert_int_equal(*len + 1, need);
    assert_int_equal(buf[*len], '\0');
    return buf;
}

static char *fhir_of(const carealign_framework *fw, const carealign_write_options *opt, size_t *len)
{
    size_t need = 0;
    assert_int_equal(carealign_framework_to_fhir(fw, opt, NULL, 0, &need), CAREALIGN_EBUFSIZE);
    char *buf = malloc(need);
    assert_non_null(buf);
    carealign_status st = carealign_framework_to_fhir(fw, opt, buf, need, len);
    if (st != CAREALIGN_OK)
        fail_msg("to_fhir: %s", carealign_last_error());
    assert_int_equal(*len + 1, need);
    return buf;
}

/* ---- identity ------------------------------------------------------------------ */

static void same_definition_same_identity(void **state)
{
    (void)state;
    size_t len;
    char *base = slurp("tests/framework/data/minimal.json", &len);
    uint8_t h0[32], h[32];
    hash_of_text(base, h0);

    char *variants[6];
    variants[0] = minified(base); /* layout */
    /* member order */
    variants[1] =
        replaced(base, "  \"version\": \"1\",\n  \"title\": \"Minimal framework for tests\",",
                 "  \"title\": \"Minimal framework for tests\",\n  \"version\": \"1\",");
    variants[2] = replaced(base, "\"per\": 1e5", "\"per\": 100000.000"); /* number spelling */
    variants[3] = replaced(base, "\"title\": \"FFT positive\"",
                           "\"title\": \"FFT positiv\\u0065\""); /* escapes */
    variants[4] = replaced(base, "\"codes\": [\"79\"]", "\"codes\" :[ \"\\u0037\\u0039\" ]");
    variants[5] = replaced(base, "\"each\", \"at_least\": 1}", "\"each\", \"at_least\": 10E-1}");
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        hash_of_text(variants[i], h);
        if (memcmp(h, h0, 32) != 0)
            fail_msg("variant %zu changed the identity", i);
        free(variants[i]);
    }

    /* Any change of content is a different framework. */
    static const char *const changes[][2] = {
        {"\"title\": \"FFT positive\"", "\"title\": \"FFT Positive\""},
        {"\"per\": 1e5", "\"per\": 1e4"},
        {"\"each\", \"at_least\": 1}", "\"each\", \"at_least\": 1.0001}"},
        {"\"comparable\": true,\n      \"inequality\": true",
         "\"comparable\": false,\n      \"inequality\": true"},
        {"\"followup_within_days\": [3, 7]", "\"followup_within_days\": [3, 8]"},
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        char *changed = replaced(base, changes[i][0], changes[i][1]);
        hash_of_text(changed, h);
        if (memcmp(h, h0, 32) == 0)
            fail_msg("change %zu kept the identity", i);
        free(changed);
    }
    free(base);
}

static void canonical_form_is_a_fixed_point(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/framework/data/minimal.json",
                                        "examples/frameworks/england-integrated-care.json",
                                        "examples/frameworks/learning-disability-service.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len;
        char *text = slurp(files[i], &len);
        carealign_framework *fw = load_text(text, len);
        size_t c_len;
        char *canon = canonical_of(fw, &c_len);
        /* The identity is the SHA-256 of exactly these bytes. */
        uint8_t h[32], expected[32];
        assert_int_equal(carealign_framework_hash(fw, h), CAREALIGN_OK);
        assert_int_equal(carealign_sha256(canon, c_len, expected), CAREALIGN_OK);
        assert_memory_equal(h, expected, 32);
        carealign_framework_info info = CAREALIGN_FRAMEWORK_INFO_INIT;
        assert_int_equal(carealign_framework_get_info(fw, &info), CAREALIGN_OK);
        assert_memory_equal(info.hash, h, 32);
        /* No whitespace outside strings: minifying changes nothing. */
        char *mini = minified(canon);
        assert_string_equal(mini, canon);
        free(mini);
        /* Loading the canonical form gives the same framework. */
        carealign_framework *again = load_text(canon, c_len);
        size_t a_len;
        char *canon2 = canonical_of(again, &a_len);
        assert_int_equal(a_len, c_len);
        assert_memory_equal(canon2, canon, c_len);
        uint8_t h2[32];
        assert_int_equal(carealign_framework_hash(again, h2), CAREALIGN_OK);
        assert_memory_equal(h2, h, 32);
        /* ... and the same FHIR, apart from nothing. */
        size_t f1_len, f2_len;
        char *f1 = fhir_of(fw, NULL, &f1_len), *f2 = fhir_of(again, NULL, &f2_len);
        assert_int_equal(f1_len, f2_len);
        assert_memory_equal(f1, f2, f1_len);
        free(f1);
        free(f2);
        free(canon2);
        carealign_framework_free(again);
        free(canon);
        carealign_framework_free(fw);
        free(text);
    }
}

static void canonical_buffer_contract(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp("tests/framework/data/minimal.json", &len);
    carealign_framework *fw = load_text(text, len);
    size_t need = 0, out_len = 0;
    assert_int_equal(carealign_framework_canonical(fw, NULL, 0, &need), CAREALIGN_EBUFSIZE);
    char small[16];
    memset(small, 'x', sizeof small);
    assert_int_equal(carealign_framework_canonical(fw, small, sizeof small, &out_len),
                     CAREALIGN_EBUFSIZE);
    assert_int_equal(out_len, need);
    assert_int_equal(small[0], '\0');
    assert_int_equal(small[1], 'x'); /* nothing else written */
    char *buf = malloc(need);
    assert_int_equal(carealign_framework_canonical(fw, buf, need - 1, &out_len),
                     CAREALIGN_EBUFSIZE);
    assert_int_equal(carealign_framework_canonical(fw, buf, need, &out_len), CAREALIGN_OK);
    assert_int_equal(out_len, need - 1);
    assert_memory_equal(buf, "{\"code_sets\":[{\"codes\":[\"79\"],\"id\":\"died\",", 41);
    assert_int_equal(carealign_framework_canonical(fw, NULL, 5, &out_len), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_canonical(fw, buf, need, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_canonical(NULL, buf, need, &out_len), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_hash(fw, NULL), CAREALIGN_EINVAL);
    free(buf);
    carealign_framework_free(fw);
    free(text);
}

/* ---- FHIR ------------------------------------------------------------------------- */

static int32_t collect(const void *data, size_t len, void *user)
{
    carealign__json_buf *b = user;
    carealign__json_buf_append(b, data, len);
    return 0;
}

static int32_t refuse(const void *data, size_t len, void *user)
{
    (void)data;
    (void)len;
    ++*(int *)user;
    return 1;
}

/* The value at a path of member names and array indexes ("#3"). */
static const carealign__json *at(const carealign__json *v, const char *const *path)
{
    for (; *path != NULL && v != NULL; path++) {
        if ((*path)[0] == '#') {
            size_t i = (size_t)atoi(*path + 1);
            v = v->type == CAREALIGN__JSON_ARRAY && i < v->n ? &v->items[i] : NULL;
        } else {
            v = carealign__json_get(v, *path);
        }
    }
    return v;
}

static void fhir_bundle(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp("tests/framework/data/minimal.json", &len);
    carealign_framework *fw = load_text(text, len);
    size_t f_len;
    char *fhir = fhir_of(fw, NULL, &f_len);

    /* Deterministic, and the callback form writes the same bytes. */
    size_t again_len;
    char *again = fhir_of(fw, NULL, &again_len);
    assert_int_equal(again_len, f_len);
    assert_memory_equal(again, fhir, f_len);
    free(again);
    carealign__json_buf cb;
    carealign__json_buf_init(&cb);
    assert_int_equal(carealign_framework_to_fhir_cb(fw, NULL, collect, &cb), CAREALIGN_OK);
    assert_int_equal(cb.len, f_len);
    assert_memory_equal(cb.data, fhir, f_len);
    carealign__json_buf_release(&cb);
    int calls = 0;
    assert_int_equal(carealign_framework_to_fhir_cb(fw, NULL, refuse, &calls), CAREALIGN_EIO);
    assert_int_equal(calls, 1);

    /* The structure, read back with the strict reader. */
    carealign__json_doc *doc;
    assert_int_equal(carealign__json_parse(fhir, f_len, "fhir", NULL, &doc), CAREALIGN_OK);
    const carealign__json *root = carealign__json_root(doc);
    assert_string_equal(carealign__json_get(root, "resourceType")->text, "Bundle");
    assert_string_equal(carealign__json_get(root, "type")->text, "collection");
    assert_string_equal(carealign__json_get(root, "id")->text, "minimal");
    const carealign__json *entries = carealign__json_get(root, "entry");
    assert_int_equal(entries->n, 4);
    static const char *const first_url[] = {"entry", "#0", "fullUrl", NULL};
    assert_string_equal(at(root, first_url)->text,
                        "urn:carealign:framework:minimal:measure:fft-positive");
    static const char *const scoring[] = {"entry",  "#2", "resource", "scoring",
                                          "coding", "#0", "code",     NULL};
    assert_string_equal(at(root, scoring)->text, "continuous-variable");
    /* fft-positive's numerator: the criterion exactly as written. */
    static const char *const num[] = {"entry",      "#0", "resource", "group", "#0",
                                      "population", "#2", "criteria", NULL};
    const carealign__json *crit = at(root, num);
    assert_string_equal(carealign__json_get(crit, "language")->text, "text/x-carealign");
    assert_string_equal(carealign__json_get(crit, "expression")->text,
                        "{\"at_least\":1,\"score\":\"each\"}");
    static const char *const num_code[] = {"entry",  "#0",         "resource", "group",
                                           "#0",     "population", "#2",       "code",
                                           "coding", "#0",         "code",     NULL};
    assert_string_equal(at(root, num_code)->text, "numerator");
    /* The continuous-variable measure ends with its observation. */
    static const char *const obs_code[] = {"entry",  "#2",         "resource", "group",
                                           "#0",     "population", "#1",       "code",
                                           "coding", "#0",         "code",     NULL};
    assert_string_equal(at(root, obs_code)->text, "measure-observation");
    static const char *const official[] = {"entry", "#3",    "resource", "identifier",
                                           "#0",    "value", NULL};
    assert_string_equal(at(root, official)->text, "BCF 2025-26");
    static const char *const period[] = {"entry", "#3", "resource", "effectivePeriod", "end", NULL};
    assert_string_equal(at(root, period)->text, "2026-03-31");
    static const char *const guidance[] = {"entry", "#3", "resource", "guidance", NULL};
    assert_non_null(strstr(at(root, guidance)->text, "- Per: 100000\n"));
    assert_non_null(strstr(at(root, guidance)->text, "not executable by CQL engines"));
    carealign__json_free(doc);

    /* Pretty output is the same JSON. */
    carealign_write_options opt = CAREALIGN_WRITE_OPTIONS_INIT;
    opt.flags = CAREALIGN_WRITE_PRETTY;
    size_t p_len;
    char *pretty = fhir_of(fw, &opt, &p_len);
    assert_true(p_len > f_len);
    assert_memory_equal(pretty, "{\n  \"resourceType\": \"Bundle\",\n", 30);
    carealign__json_doc *d1, *d2;
    assert_int_equal(carealign__json_parse(fhir, f_len, NULL, NULL, &d1), CAREALIGN_OK);
    assert_int_equal(carealign__json_parse(pretty, p_len, NULL, NULL, &d2), CAREALIGN_OK);
    carealign__json_buf c1, c2;
    carealign__json_buf_init(&c1);
    carealign__json_buf_init(&c2);
    carealign__json_write_canonical(&c1, carealign__json_root(d1));
    carealign__json_write_canonical(&c2, carealign__json_root(d2));
    assert_string_equal(c1.data, c2.data);
    carealign__json_buf_release(&c1);
    carealign__json_buf_release(&c2);
    carealign__json_free(d1);
    carealign__json_free(d2);
    free(pretty);

    /* The JSON-Schema form has no language value, only the extension. */
    opt.flags = CAREALIGN_WRITE_FHIR_JSON_SCHEMA;
    size_t s_len;
    char *schema_form = fhir_of(fw, &opt, &s_len);
    assert_null(strstr(schema_form, "\"language\""));
    assert_non_null(strstr(schema_form,
                           "\"_language\":{\"extension\":[{\"url\":\"urn:carealign:fhir:"
                           "expression-language\",\"valueCode\":\"text/x-carealign\"}]}"));
    free(schema_form);

    /* A base URL names the measures. */
    opt.flags = 0;
    opt.base_url = "https://fhir.example.org/r4/";
    opt.base_url_len = strlen(opt.base_url);
    size_t u_len;
    char *urls = fhir_of(fw, &opt, &u_len);
    assert_non_null(
        strstr(urls, "\"fullUrl\":\"https://fhir.example.org/r4/Measure/fft-positive\""));
    free(urls);
    opt.base_url = "https://bad url";
    opt.base_url_len = strlen(opt.base_url);
    size_t need;
    assert_int_equal(carealign_framework_to_fhir(fw, &opt, NULL, 0, &need), CAREALIGN_EINVAL);
    opt.base_url = NULL;
    assert_int_equal(carealign_framework_to_fhir(fw, &opt, NULL, 0, &need), CAREALIGN_EINVAL);
    opt.base_url_len = 0;
    opt.flags = 0x80;
    assert_int_equal(carealign_framework_to_fhir(fw, &opt, NULL, 0, &need), CAREALIGN_EUNSUPPORTED);
    opt.flags = 0;
    opt.size = 8;
    assert_int_equal(carealign_framework_to_fhir(fw, &opt, NULL, 0, &need), CAREALIGN_EINVAL);

    /* Buffer contract. */
    char small[8];
    memset(small, 'x', sizeof small);
    assert_int_equal(carealign_framework_to_fhir(fw, NULL, small, sizeof small, &need),
                     CAREALIGN_EBUFSIZE);
    assert_int_equal(need, f_len + 1);
    assert_int_equal(small[0], '\0');
    assert_int_equal(small[1], 'x');
    assert_int_equal(carealign_framework_to_fhir(fw, NULL, NULL, 4, &need), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_to_fhir(NULL, NULL, NULL, 0, &need), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_to_fhir_cb(fw, NULL, NULL, NULL), CAREALIGN_EINVAL);
    free(fhir);
    carealign_framework_free(fw);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_definition_same_identity),
        cmocka_unit_test(canonical_form_is_a_fixed_point),
        cmocka_unit_test(canonical_buffer_contract),
        cmocka_unit_test(fhir_bundle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
