/* The accumulator blob (docs/formats.md, format version 1).
 *
 * Expected bytes come from outside the C code under test: the golden blobs
 * in tests/data/accum/ were written by tests/accum/golden.py, an encoder
 * written independently from docs/formats.md (with crcmod's CRC-32C), and
 * the worked example of docs/formats.md was encoded by hand. Here the C
 * library must reproduce them from the same inputs, read them back to the
 * same bytes, and refuse every damaged variant. */
#include "cmocka_all.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "accum/accum_impl.h"
#include "accum/crc32c.h"

#ifndef CAREALIGN_ACCUM_DATA
#error "CAREALIGN_ACCUM_DATA must name tests/data/accum"
#endif

enum { MAX_BLOB = 4096 };

static uint8_t golden_context[32];

static carealign_acc *new_acc(int32_t kind, int32_t scale, uint32_t flags, int with_context)
{
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = kind;
    p.scale = scale;
    p.flags = flags;
    if (with_context)
        memcpy(p.context, golden_context, 32);
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    return acc;
}

static carealign_acc *new_params(carealign_acc_params *p, int with_context)
{
    if (with_context)
        memcpy(p->context, golden_context, 32);
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(p, &acc), CAREALIGN_OK);
    return acc;
}

/* The cases of tests/accum/golden.py, built through the public API. */
static carealign_acc *build_case(const char *name)
{
    carealign_acc *acc = NULL;
    if (strcmp(name, "mean_eq5d") == 0) {
        acc = new_acc(CAREALIGN_ACC_MEAN, 1000, 0, 1);
        const double v[] = {0.5, 0.75, -0.1, 1.0, NAN, 0.816};
        assert_int_equal(carealign_acc_add_batch(acc, v, NULL, 6), CAREALIGN_OK);
    } else if (strcmp(name, "mean_empty") == 0) {
        acc = new_acc(CAREALIGN_ACC_MEAN, 1, 0, 0);
    } else if (strcmp(name, "mean_weighted") == 0) {
        acc = new_acc(CAREALIGN_ACC_MEAN, 100, CAREALIGN_ACC_WEIGHTED, 0);
        const double v[] = {1.5, 2.25, 3.0, NAN}, w[] = {0.5, 1.25, 2.0, 1.0};
        assert_int_equal(carealign_acc_add_batch(acc, v, w, 4), CAREALIGN_OK);
    } else if (strcmp(name, "proportion") == 0) {
        acc = new_acc(CAREALIGN_ACC_PROPORTION, 0, 0, 1);
        const double v[] = {1, 0, 1, 1, NAN, 0};
        for (int i = 0; i < 6; i++)
            assert_int_equal(carealign_acc_add(acc, v[i], 1.0), CAREALIGN_OK);
    } else if (strcmp(name, "proportion_weighted") == 0) {
        acc = new_acc(CAREALIGN_ACC_PROPORTION, 0, CAREALIGN_ACC_WEIGHTED, 0);
        const double v[] = {1, 0, 1}, w[] = {2.5, 1.0, 0.5};
        assert_int_equal(carealign_acc_add_batch(acc, v, w, 3), CAREALIGN_OK);
    } else if (strcmp(name, "rate") == 0) {
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = CAREALIGN_ACC_RATE;
        p.per = 1000;
        acc = new_params(&p, 0);
        const double e[] = {3, 0, 2, NAN}, t[] = {365, 120, 730, 10};
        assert_int_equal(carealign_acc_add_pairs(acc, e, t, 4), CAREALIGN_OK);
    } else if (strcmp(name, "rate_population") == 0) {
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = CAREALIGN_ACC_RATE;
        p.flags = CAREALIGN_ACC_DENOMINATOR_SET;
        acc = new_params(&p, 1); /* per 0 means 100000 */
        assert_int_equal(carealign_acc_add(acc, 5, 1), CAREALIGN_OK);
        assert_int_equal(carealign_acc_add(acc, 7, 1), CAREALIGN_OK);
        assert_int_equal(carealign_acc_set_denominator(acc, 123456.0), CAREALIGN_OK);
    } else if (strcmp(name, "dsr_esp2013") == 0) {
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = CAREALIGN_ACC_DSR;
        acc = new_params(&p, 0);
        const int32_t b[] = {0, 5, 18, 5, 10};
        const double e[] = {2, 3, 7, 1, NAN};
        assert_int_equal(carealign_acc_add_bands(acc, b, e, 5), CAREALIGN_OK);
        for (int32_t band = 0; band < 19; band++)
            assert_int_equal(carealign_acc_set_band_population(acc, band, 1000.0 + 250.0 * band),
                             CAREALIGN_OK);
    } else if (strcmp(name, "dsr_custom") == 0) {
        const double standard[] = {0.25, 0.5, 0.25};
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = CAREALIGN_ACC_DSR;
        p.per = 1000;
        p.n_bands = 3;
        p.standard = standard;
        acc = new_params(&p, 1);
        assert_int_equal(carealign_acc_add_band(acc, 0, 4), CAREALIGN_OK);
        assert_int_equal(carealign_acc_add_band(acc, 1, 0), CAREALIGN_OK);
        assert_int_equal(carealign_acc_add_band(acc, 2, 9), CAREALIGN_OK);
        assert_int_equal(carealign_acc_set_band_population(acc, 0, 500.0), CAREALIGN_OK);
        assert_int_equal(carealign_acc_set_band_population(acc, 2, 750.5), CAREALIGN_OK);
    } else if (strcmp(name, "change_swemwbs") == 0) {
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = CAREALIGN_ACC_CHANGE;
        p.scale = 100;
        p.mid = 3.0;
        acc = new_params(&p, 0);
        const double a[] = {20.5, 23.21, 27.03, 19.98, NAN, 17.43};
        const double b[] = {24.17, 23.21, 22.35, 21.54, 25.0, 35.0};
        assert_int_equal(carealign_acc_add_pairs(acc, a, b, 6), CAREALIGN_OK);
    } else if (strcmp(name, "change_lower_better") == 0) {
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = CAREALIGN_ACC_CHANGE;
        p.direction = -1;
        acc = new_params(&p, 0);
        assert_int_equal(carealign_acc_add_pair(acc, 10, 6), CAREALIGN_OK);
        assert_int_equal(carealign_acc_add_pair(acc, 4, 4), CAREALIGN_OK);
        assert_int_equal(carealign_acc_add_pair(acc, 3, 9), CAREALIGN_OK);
    } else if (strcmp(name, "total_pence") == 0) {
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = CAREALIGN_ACC_TOTAL;
        p.unit = CAREALIGN_UNIT_PENCE;
        p.flags = CAREALIGN_ACC_PER_PERSON_YEAR;
        acc = new_params(&p, 1);
        const double a[] = {12345, 0, -500}, d[] = {30, 365, 10};
        assert_int_equal(carealign_acc_add_pairs(acc, a, d, 3), CAREALIGN_OK);
        const int64_t units[] = {99999};
        assert_int_equal(carealign_acc_add_units(acc, units, 1), CAREALIGN_OK);
    } else if (strcmp(name, "distribution_days") == 0) {
        acc = new_acc(CAREALIGN_ACC_DISTRIBUTION, 1, 0, 0);
        const double v[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, NAN, -2};
        assert_int_equal(carealign_acc_add_batch(acc, v, NULL, 13), CAREALIGN_OK);
    } else {
        fail_msg("unknown golden case %s", name);
    }
    acc->methods_version = 1; /* the golden blobs were made under methods version 1 */
    return acc;
}

static const char *const cases[] = {
    "mean_eq5d",           "mean_empty",     "mean_weighted",       "proportion",
    "proportion_weighted", "rate",           "rate_population",     "dsr_esp2013",
    "dsr_custom",          "change_swemwbs", "change_lower_better", "total_pence",
    "distribution_days",
};
enum { N_CASES = sizeof cases / sizeof cases[0] };

static size_t read_golden(const char *name, uint8_t *buf)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.bin", CAREALIGN_ACCUM_DATA, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    size_t len = fread(buf, 1, MAX_BLOB, f);
    fclose(f);
    assert_true(len > 0 && len < MAX_BLOB);
    return len;
}

static size_t serialize(const carealign_acc *acc, uint8_t *buf)
{
    size_t len = 0;
    assert_int_equal(carealign_acc_serialize(acc, buf, MAX_BLOB, &len), CAREALIGN_OK);
    return len;
}

static void golden_blobs_are_reproduced_by_the_library(void **state)
{
    (void)state;
    for (size_t c = 0; c < N_CASES; c++) {
        uint8_t golden[MAX_BLOB], mine[MAX_BLOB];
        size_t glen = read_golden(cases[c], golden);
        carealign_acc *acc = build_case(cases[c]);
        size_t len = serialize(acc, mine);
        if (len != glen || memcmp(golden, mine, len) != 0)
            fail_msg("%s: the library's blob differs from the golden blob", cases[c]);
        carealign_acc_free(acc);
    }
}

static void golden_blobs_read_back_to_the_same_bytes_and_state(void **state)
{
    (void)state;
    for (size_t c = 0; c < N_CASES; c++) {
        uint8_t golden[MAX_BLOB], again[MAX_BLOB];
        size_t glen = read_golden(cases[c], golden);
        carealign_acc *read = NULL;
        assert_int_equal(carealign_acc_deserialize(golden, glen, &read), CAREALIGN_OK);
        size_t len = serialize(read, again);
        assert_int_equal(len, glen);
        assert_memory_equal(golden, again, glen);

        carealign_acc *built = build_case(cases[c]);
        carealign_acc_summary a = CAREALIGN_ACC_SUMMARY_INIT, b = CAREALIGN_ACC_SUMMARY_INIT;
        assert_int_equal(carealign_acc_get_summary(read, &a), CAREALIGN_OK);
        assert_int_equal(carealign_acc_get_summary(built, &b), CAREALIGN_OK);
        assert_memory_equal(&a, &b, sizeof a); /* NaN fields compare by their bits */
        carealign_acc_free(built);
        carealign_acc_free(read);
    }
}

static void every_single_bit_flip_is_rejected(void **state)
{
    (void)state;
    for (size_t c = 0; c < N_CASES; c++) {
        uint8_t blob[MAX_BLOB];
        size_t len = read_golden(cases[c], blob);
        for (size_t bit = 0; bit < 8 * len; bit++) {
            blob[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            carealign_acc *acc = NULL;
            carealign_status s = carealign_acc_deserialize(blob, len, &acc);
            if (s != CAREALIGN_ECORRUPT)
                fail_msg("%s: flipping bit %zu gave %d", cases[c], bit, (int)s);
            assert_null(acc);
            blob[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
    }
}

static void every_truncation_and_extension_is_rejected(void **state)
{
    (void)state;
    for (size_t c = 0; c < N_CASES; c++) {
        uint8_t blob[MAX_BLOB];
        size_t len = read_golden(cases[c], blob);
        for (size_t cut = 0; cut < len; cut++) {
            /* a copy of exactly `cut` bytes, so that any over-read is an ASan error */
            uint8_t *copy = malloc(cut ? cut : 1);
            memcpy(copy, blob, cut);
            carealign_acc *acc = NULL;
            if (carealign_acc_deserialize(copy, cut, &acc) != CAREALIGN_ECORRUPT)
                fail_msg("%s: truncation to %zu bytes accepted", cases[c], cut);
            free(copy);
        }
        for (unsigned extra = 0; extra < 256; extra += 51) {
            blob[len] = (uint8_t)extra;
            carealign_acc *acc = NULL;
            assert_int_equal(carealign_acc_deserialize(blob, len + 1, &acc), CAREALIGN_ECORRUPT);
        }
        /* an extra byte before a CRC that is right for it: the parser refuses */
        memmove(blob + len - 3, blob + len - 4, 4);
        blob[len - 4] = 0;
        uint32_t crc = carealign__crc32c(blob, len - 3);
        for (size_t i = 0; i < 4; i++)
            blob[len - 3 + i] = (uint8_t)(crc >> (8 * i));
        carealign_acc *acc = NULL;
        assert_int_equal(carealign_acc_deserialize(blob, len + 1, &acc), CAREALIGN_ECORRUPT);
        assert_non_null(strstr(carealign_last_error(), "unexpected bytes"));
    }
}

/* Patch bytes of a blob and make its CRC right again. */
static void recrc(uint8_t *blob, size_t len)
{
    uint32_t crc = carealign__crc32c(blob, len - 4);
    for (size_t i = 0; i < 4; i++)
        blob[len - 4 + i] = (uint8_t)(crc >> (8 * i));
}

static void newer_versions_are_unsupported_and_version_zero_corrupt(void **state)
{
    (void)state;
    uint8_t blob[MAX_BLOB];
    size_t len = read_golden("mean_eq5d", blob);
    carealign_acc *acc = NULL;
    blob[4] = 2;
    recrc(blob, len);
    assert_int_equal(carealign_acc_deserialize(blob, len, &acc), CAREALIGN_EUNSUPPORTED);
    blob[4] = 0;
    blob[5] = 1; /* version 256 */
    recrc(blob, len);
    assert_int_equal(carealign_acc_deserialize(blob, len, &acc), CAREALIGN_EUNSUPPORTED);
    blob[5] = 0; /* version 0 */
    recrc(blob, len);
    assert_int_equal(carealign_acc_deserialize(blob, len, &acc), CAREALIGN_ECORRUPT);
    assert_null(acc);
}

/* Blobs with a right CRC but a field a writer never produces. */
static void non_canonical_or_inconsistent_fields_are_corrupt(void **state)
{
    (void)state;
    /* The docs/formats.md example, bytes 0..22, patched field by field. */
    const uint8_t example[] = {0x43, 0x41, 0x41, 0x43, 0x01, 0x00, 0x02, 0x00, 0x01,
                               0x00, 0xe8, 0x07, 0x02, 0x00, 0xc4, 0x13, 0xd4, 0xcb,
                               0x31, 0xe8, 0x07, 0xdc, 0x0b, 0,    0,    0,    0};
    struct {
        size_t at;
        uint8_t value;
        const char *what;
    } patches[] = {
        {6, 0, "kind 0"},
        {6, 8, "kind 8"},
        {7, 2, "unknown header flag"},
        {7, 1, "context flag without a context"},
        {8, 0, "methods version 0"},
        {9, 8, "flag the kind does not allow"},
        {11, 0x00, "scale varint e8 00 (overlong)"},
        {12, 0x01, "n = 1 with two values' sums"},
        {13, 0x80, "varint running into the next field"},
        {20, 0x08, "min (500) above max (750) with max patched"},
    };
    for (size_t i = 0; i < sizeof patches / sizeof patches[0]; i++) {
        uint8_t blob[sizeof example];
        memcpy(blob, example, sizeof blob);
        blob[patches[i].at] = patches[i].value;
        if (patches[i].at == 20) { /* max = 4 grid units, below min */
            blob[21] = 0x08;
            blob[22] = 0x00; /* now a trailing byte too; either is corrupt */
        }
        recrc(blob, sizeof blob);
        carealign_acc *acc = NULL;
        carealign_status s = carealign_acc_deserialize(blob, sizeof blob, &acc);
        if (s != CAREALIGN_ECORRUPT)
            fail_msg("%s: accepted (status %d)", patches[i].what, (int)s);
    }

    /* an overlong varint: n = 2 written as 82 00 */
    uint8_t longer[sizeof example + 1];
    memcpy(longer, example, 12);
    longer[12] = 0x82;
    longer[13] = 0x00;
    memcpy(longer + 14, example + 13, sizeof example - 13);
    recrc(longer, sizeof longer);
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_deserialize(longer, sizeof longer, &acc), CAREALIGN_ECORRUPT);
    assert_non_null(strstr(carealign_last_error(), "overlong"));

    /* a negative zero where a double is stored (rate: per) */
    uint8_t rate[MAX_BLOB];
    size_t len = read_golden("rate", rate);
    /* rate: magic 4, version 2, kind, flags, methods, flags, scale -> per at byte 11 */
    const uint8_t thousand[8] = {0, 0, 0, 0, 0, 0x40, 0x8f, 0x40};
    assert_memory_equal(rate + 11, thousand, 8);
    memset(rate + 11, 0, 8);
    rate[18] = 0x80;
    recrc(rate, len);
    assert_int_equal(carealign_acc_deserialize(rate, len, &acc), CAREALIGN_ECORRUPT);
    assert_non_null(strstr(carealign_last_error(), "negative zero"));

    /* distribution counts that do not add up to n */
    uint8_t dist[MAX_BLOB];
    len = read_golden("distribution_days", dist);
    dist[11]++; /* n: magic 4, version 2, kind, flags, methods, flags, scale -> n at 11 */
    recrc(dist, len);
    assert_int_equal(carealign_acc_deserialize(dist, len, &acc), CAREALIGN_ECORRUPT);
    assert_null(acc);
}

/* The docs/formats.md example: fixed bytes on every host, CRC little-endian. */
static void encoding_is_little_endian_whatever_the_host(void **state)
{
    (void)state;
    /* Methods version 3 (byte 8); CRC-32C 0xD0FD1B5B computed with Python's
     * crcmod (crc-32c), independently of lib/accum/crc32c.c. */
    const uint8_t expected[] = {0x43, 0x41, 0x41, 0x43, 0x01, 0x00, 0x02, 0x00, 0x03,
                                0x00, 0xe8, 0x07, 0x02, 0x00, 0xc4, 0x13, 0xd4, 0xcb,
                                0x31, 0xe8, 0x07, 0xdc, 0x0b, 0x5b, 0x1b, 0xfd, 0xd0};
    carealign_acc *acc = new_acc(CAREALIGN_ACC_MEAN, 1000, 0, 0);
    acc->methods_version = 3; /* the example's, whatever the library's is now */
    assert_int_equal(carealign_acc_add(acc, 0.5, 1), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add(acc, 0.75, 1), CAREALIGN_OK);
    uint8_t blob[MAX_BLOB];
    size_t len = serialize(acc, blob);
    assert_int_equal(len, sizeof expected);
    assert_memory_equal(blob, expected, sizeof expected);

    /* The host's own representation of the CRC and of a double differ from
     * the blob's on a big-endian host; the blob's never change. */
    uint32_t crc = 0xD0FD1B5Bu;
    assert_int_equal(carealign__crc32c(expected, 23), crc);
    const uint8_t per_bytes[8] = {0, 0, 0, 0, 0, 0x6a, 0xf8, 0x40}; /* 100000.0 */
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_RATE;
    carealign_acc *rate = new_params(&p, 0);
    len = serialize(rate, blob);
    assert_memory_equal(blob + 11, per_bytes, 8);
    carealign_acc_free(rate);
    carealign_acc_free(acc);
}

static void mean_blob_fits_96_bytes_in_the_worst_documented_case(void **state)
{
    (void)state;
    /* n = 2^32 - 1 values all equal to -(2^31 - 1), and as many missing:
     * the largest varints the documented bound allows, with a context. */
    carealign_acc *acc = new_acc(CAREALIGN_ACC_MEAN, 10000, 0, 1);
    const uint64_t n = 0xffffffffu;
    const int64_t v = -0x7fffffff;
    acc->st.n = n;
    acc->st.n_missing = n;
    carealign__u128 s = carealign__u128_mul64(n, (uint64_t)-v);
    acc->st.sum = carealign__u128_negate(s);
    carealign__u128 sq = carealign__square64(v);
    acc->st.sumsq = carealign__u128_mul64(n, sq.lo); /* sq.hi is 0 */
    acc->st.min = acc->st.max = v;
    uint8_t blob[MAX_BLOB];
    size_t len = serialize(acc, blob);
    assert_true(len <= 96);
    assert_int_equal(len, 92); /* docs/formats.md: at most 92 */
    carealign_acc *read = NULL;
    assert_int_equal(carealign_acc_deserialize(blob, len, &read), CAREALIGN_OK);
    uint8_t again[MAX_BLOB];
    assert_int_equal(serialize(read, again), len);
    assert_memory_equal(blob, again, len);
    carealign_acc_free(read);
    carealign_acc_free(acc);
}

static void serialize_reports_the_size_it_needs(void **state)
{
    (void)state;
    carealign_acc *acc = build_case("mean_eq5d");
    size_t len = 0;
    assert_int_equal(carealign_acc_serialize(acc, NULL, 0, &len), CAREALIGN_EBUFSIZE);
    assert_int_equal(len, 60);
    uint8_t small[59];
    memset(small, 0xa5, sizeof small);
    len = 0;
    assert_int_equal(carealign_acc_serialize(acc, small, sizeof small, &len), CAREALIGN_EBUFSIZE);
    assert_int_equal(len, 60);
    for (size_t i = 0; i < sizeof small; i++)
        assert_int_equal(small[i], 0xa5); /* nothing written */
    uint8_t exact[60];
    assert_int_equal(carealign_acc_serialize(acc, exact, sizeof exact, &len), CAREALIGN_OK);
    assert_int_equal(len, 60);
    assert_int_equal(carealign_acc_serialize(acc, NULL, 10, &len), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_serialize(NULL, exact, 60, &len), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_serialize(acc, exact, 60, NULL), CAREALIGN_EINVAL);
    carealign_acc *out = NULL;
    assert_int_equal(carealign_acc_deserialize(NULL, 5, &out), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_deserialize(exact, 60, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_deserialize(NULL, 0, &out), CAREALIGN_ECORRUPT);
    carealign_acc_free(acc);
}

static void deserialized_accumulators_merge_and_keep_their_methods_version(void **state)
{
    (void)state;
    uint8_t blob[MAX_BLOB];
    size_t len = read_golden("mean_eq5d", blob);
    carealign_acc *a = NULL, *b = NULL;
    assert_int_equal(carealign_acc_deserialize(blob, len, &a), CAREALIGN_OK);
    blob[8] = 2; /* methods version 2, a later library's */
    recrc(blob, len);
    assert_int_equal(carealign_acc_deserialize(blob, len, &b), CAREALIGN_OK);
    uint32_t mv = 0;
    assert_int_equal(carealign_acc_methods_version(b, &mv), CAREALIGN_OK);
    assert_int_equal(mv, 2);
    assert_int_equal(carealign_acc_merge(a, b), CAREALIGN_EINVAL);
    assert_non_null(strstr(carealign_last_error(), "methods version"));
    carealign_acc_free(a);
    carealign_acc_free(b);
}

static int setup(void **state)
{
    (void)state;
    return carealign_sha256("carealign golden context", 24, golden_context) == CAREALIGN_OK ? 0
                                                                                            : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_blobs_are_reproduced_by_the_library),
        cmocka_unit_test(golden_blobs_read_back_to_the_same_bytes_and_state),
        cmocka_unit_test(every_single_bit_flip_is_rejected),
        cmocka_unit_test(every_truncation_and_extension_is_rejected),
        cmocka_unit_test(newer_versions_are_unsupported_and_version_zero_corrupt),
        cmocka_unit_test(non_canonical_or_inconsistent_fields_are_corrupt),
        cmocka_unit_test(encoding_is_little_endian_whatever_the_host),
        cmocka_unit_test(mean_blob_fits_96_bytes_in_the_worst_documented_case),
        cmocka_unit_test(serialize_reports_the_size_it_needs),
        cmocka_unit_test(deserialized_accumulators_merge_and_keep_their_methods_version),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
