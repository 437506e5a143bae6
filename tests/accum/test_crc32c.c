/* CRC-32C against RFC 3720 (iSCSI) appendix B.4's check values and the
 * catalogue check value CRC-32C("123456789") = 0xE3069283 (also what
 * Python's crcmod "crc-32c" gives), and the table against a bit-at-a-time
 * reference written here from the polynomial. */
#include "cmocka_all.h"

#include <string.h>

#include "accum/crc32c.h"

static void check_value(void **state)
{
    (void)state;
    assert_int_equal(carealign__crc32c("123456789", 9), 0xE3069283u);
    assert_int_equal(carealign__crc32c("", 0), 0);
}

static void rfc3720_appendix_b4(void **state)
{
    (void)state;
    uint8_t buf[48];
    memset(buf, 0, 32); /* 32 bytes of zeroes: aa 36 91 8a */
    assert_int_equal(carealign__crc32c(buf, 32), 0x8A9136AAu);
    memset(buf, 0xff, 32); /* 32 bytes of ones: 43 ab a8 62 */
    assert_int_equal(carealign__crc32c(buf, 32), 0x62A8AB43u);
    for (int i = 0; i < 32; i++) /* incrementing 00..1f: 4e 79 dd 46 */
        buf[i] = (uint8_t)i;
    assert_int_equal(carealign__crc32c(buf, 32), 0x46DD794Eu);
    for (int i = 0; i < 32; i++) /* decrementing 1f..00: 5c db 3f 11 */
        buf[i] = (uint8_t)(31 - i);
    assert_int_equal(carealign__crc32c(buf, 32), 0x113FDB5Cu);
    /* An iSCSI SCSI Read (10) command PDU: 56 3a 96 d9 */
    const uint8_t pdu[48] = {0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                             0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00,
                             0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00,
                             0x00, 0x18, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                             0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    assert_int_equal(carealign__crc32c(pdu, 48), 0xD9963A56u);
}

static uint32_t bitwise(const uint8_t *p, size_t len)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < len; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc & 1u) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
    }
    return ~crc;
}

static void table_agrees_with_bitwise_reference_and_chains(void **state)
{
    (void)state;
    uint8_t data[1000];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof data; i++) {
        x = x * 1103515245u + 12345u;
        data[i] = (uint8_t)(x >> 16);
    }
    for (size_t len = 0; len <= sizeof data; len += 37) {
        assert_int_equal(carealign__crc32c(data, len), bitwise(data, len));
        size_t half = len / 3;
        uint32_t chained =
            carealign__crc32c_update(carealign__crc32c(data, half), data + half, len - half);
        assert_int_equal(chained, bitwise(data, len));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_value),
        cmocka_unit_test(rfc3720_appendix_b4),
        cmocka_unit_test(table_agrees_with_bitwise_reference_and_chains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
