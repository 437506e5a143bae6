/* SHA-256 against the FIPS 180-4 examples (NIST "Cryptographic Standards
 * and Guidelines: Examples with Intermediate Values", SHA256.pdf and
 * SHA256_2.pdf) and HMAC-SHA256 against RFC 4231 section 4, test cases 1-7.
 * Each expected digest was also re-checked with Python's hashlib/hmac. */
#include "cmocka_all.h"

#include <stdio.h>
#include <string.h>

#include "carealign/common.h"
#include "core/sha256.h"

static void to_hex(const uint8_t *digest, size_t len, char *hex)
{
    for (size_t i = 0; i < len; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

static void assert_sha256(const void *data, size_t len, const char *expected)
{
    uint8_t digest[32];
    char hex[65];
    assert_int_equal(carealign_sha256(data, len, digest), CAREALIGN_OK);
    to_hex(digest, 32, hex);
    assert_string_equal(hex, expected);
}

static void fips_abc(void **state)
{
    (void)state;
    assert_sha256("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void fips_empty(void **state)
{
    (void)state;
    assert_sha256(NULL, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void fips_two_blocks(void **state)
{
    (void)state;
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_sha256(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void fips_896_bits(void **state)
{
    (void)state;
    const char *m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmn"
                    "opqklmnopqrlmnopqrsmnopqrstnopqrstu";
    assert_sha256(m, strlen(m), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void fips_million_a_in_uneven_pieces(void **state)
{
    (void)state;
    static char chunk[997];
    memset(chunk, 'a', sizeof chunk);
    carealign__sha256 ctx;
    carealign__sha256_init(&ctx);
    size_t left = 1000000;
    while (left > 0) {
        size_t take = left < sizeof chunk ? left : sizeof chunk;
        carealign__sha256_update(&ctx, chunk, take);
        left -= take;
    }
    uint8_t digest[32];
    char hex[65];
    carealign__sha256_final(&ctx, digest);
    to_hex(digest, 32, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void padding_boundaries_agree_with_one_shot(void **state)
{
    (void)state;
    /* Lengths 55, 56, 63, 64 and 65 cross the padding boundaries; the
     * incremental digest byte by byte must equal the one-shot digest. */
    char data[130];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)('A' + i % 26);
    const size_t lengths[] = {55, 56, 63, 64, 65, 119, 120, 128};
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        uint8_t one[32], many[32];
        carealign_sha256(data, lengths[k], one);
        carealign__sha256 ctx;
        carealign__sha256_init(&ctx);
        for (size_t i = 0; i < lengths[k]; i++)
            carealign__sha256_update(&ctx, data + i, 1);
        carealign__sha256_final(&ctx, many);
        assert_memory_equal(one, many, 32);
    }
}

static void assert_hmac(const uint8_t *key, size_t key_len, const void *data, size_t len,
                        const char *expected)
{
    uint8_t tag[32];
    char hex[65];
    assert_int_equal(carealign_hmac_sha256(key, key_len, data, len, tag), CAREALIGN_OK);
    to_hex(tag, 32, hex);
    assert_memory_equal(hex, expected, strlen(expected));
}

static void rfc4231_cases(void **state)
{
    (void)state;
    uint8_t key[131];
    uint8_t data[50];

    memset(key, 0x0b, 20); /* test case 1 */
    assert_hmac(key, 20, "Hi There", 8,
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assert_hmac((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 28, /* case 2 */
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    memset(key, 0xaa, 20); /* case 3 */
    memset(data, 0xdd, 50);
    assert_hmac(key, 20, data, 50,
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    for (int i = 0; i < 25; i++) /* case 4 */
        key[i] = (uint8_t)(i + 1);
    memset(data, 0xcd, 50);
    assert_hmac(key, 25, data, 50,
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    memset(key, 0x0c, 20); /* case 5: truncated to 128 bits */
    assert_hmac(key, 20, "Test With Truncation", 20, "a3b6167473100ee06e0c796c2955552b");
    memset(key, 0xaa, 131); /* cases 6 and 7: keys longer than a block */
    const char *m6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    assert_hmac(key, 131, m6, strlen(m6),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    const char *m7 = "This is a test using a larger than block-size key and a larger than "
                     "block-size data. The key needs to be hashed before being used by the "
                     "HMAC algorithm.";
    assert_hmac(key, 131, m7, strlen(m7),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

static void null_arguments_are_einval(void **state)
{
    (void)state;
    uint8_t out[32];
    assert_int_equal(carealign_sha256(NULL, 1, out), CAREALIGN_EINVAL);
    assert_int_equal(carealign_sha256("a", 1, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_hmac_sha256(NULL, 3, "a", 1, out), CAREALIGN_EINVAL);
    assert_int_equal(carealign_hmac_sha256("k", 1, NULL, 2, out), CAREALIGN_EINVAL);
    assert_int_equal(carealign_hmac_sha256("k", 1, "a", 1, NULL), CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fips_abc),
        cmocka_unit_test(fips_empty),
        cmocka_unit_test(fips_two_blocks),
        cmocka_unit_test(fips_896_bits),
        cmocka_unit_test(fips_million_a_in_uneven_pieces),
        cmocka_unit_test(padding_boundaries_agree_with_one_shot),
        cmocka_unit_test(rfc4231_cases),
        cmocka_unit_test(null_arguments_are_einval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
