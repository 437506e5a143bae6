/* NHS number normalisation and the Modulus 11 check (NHS Data Dictionary,
 * "NHS Number": weights 10..2 over the first nine digits, check digit
 * 11 - (sum mod 11), 11 -> 0, 10 -> invalid). 943 476 5919 is the example
 * number used in NHS England's published guidance; the other numbers were
 * built and checked by hand with the rule above (shown beside each). */
#include "cmocka_all.h"

#include <string.h>

#include "carealign/common.h"

static carealign_status normalise(const char *text, char out[11])
{
    return carealign_nhs_number_normalise(text, strlen(text), out);
}

static void accepts_spaces_and_hyphens(void **state)
{
    (void)state;
    char out[11];
    /* 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 299 mod 11 = 2; 11-2 = 9 */
    assert_int_equal(normalise("943 476 5919", out), CAREALIGN_OK);
    assert_string_equal(out, "9434765919");
    assert_int_equal(normalise("943-476-5919", out), CAREALIGN_OK);
    assert_string_equal(out, "9434765919");
    assert_int_equal(normalise("9434765919", out), CAREALIGN_OK);
}

static void check_digit_eleven_becomes_zero(void **state)
{
    (void)state;
    char out[11];
    /* 4010232137: 4*10+0+1*8+0+2*6+3*5+2*4+1*3+3*2 = 92; 92 mod 11 = 4; 11-4 = 7.
     * 0000000000: sum 0, 11 - 0 = 11 -> 0, so the check digit 0 is right. */
    assert_int_equal(normalise("4010232137", out), CAREALIGN_OK);
    assert_int_equal(normalise("0000000000", out), CAREALIGN_OK);
}

static void wrong_check_digit_is_einval(void **state)
{
    (void)state;
    char out[11];
    assert_int_equal(normalise("9434765918", out), CAREALIGN_EINVAL);
    assert_null(strstr(carealign_last_error(), "943"));
    /* 100000000: 1*10 = 10; 10 mod 11 = 10; 11-10 = 1, so 1000000001 is valid;
     * 000000060: 6*3 = 18; 18 mod 11 = 7; 11-7 = 4, so 0000000600 is not. */
    assert_int_equal(normalise("1000000001", out), CAREALIGN_OK);
    assert_int_equal(normalise("0000000600", out), CAREALIGN_EINVAL);
}

static void check_value_ten_is_never_valid(void **state)
{
    (void)state;
    char out[11];
    /* 000000006: 6*2 = 12; 12 mod 11 = 1; 11-1 = 10: no tenth digit works. */
    for (char last = '0'; last <= '9'; last++) {
        char text[11] = "000000006?";
        text[9] = last;
        assert_int_equal(normalise(text, out), CAREALIGN_EINVAL);
    }
}

static void malformed_text_is_eparse(void **state)
{
    (void)state;
    char out[11];
    assert_int_equal(normalise("943476591", out), CAREALIGN_EPARSE);    /* nine digits */
    assert_int_equal(normalise("94347659190", out), CAREALIGN_EPARSE);  /* eleven */
    assert_int_equal(normalise("943.476.5919", out), CAREALIGN_EPARSE); /* other separator */
    assert_int_equal(carealign_last_error_column(), 4);
    assert_int_equal(normalise("", out), CAREALIGN_EPARSE);
    assert_int_equal(carealign_nhs_number_normalise("9434765919\0", 11, out), CAREALIGN_EPARSE);
    assert_int_equal(carealign_nhs_number_normalise(NULL, 0, out), CAREALIGN_EINVAL);
}

static void pseudonym_is_hmac_of_normalised_digits(void **state)
{
    (void)state;
    const char key[] = "0123456789abcdef0123456789abcdef";
    uint8_t spaced[32], plain[32], direct[32];
    assert_int_equal(carealign_nhs_number_pseudonymise(key, 32, "943 476 5919", 12, spaced),
                     CAREALIGN_OK);
    assert_int_equal(carealign_nhs_number_pseudonymise(key, 32, "9434765919", 10, plain),
                     CAREALIGN_OK);
    assert_int_equal(carealign_hmac_sha256(key, 32, "9434765919", 10, direct), CAREALIGN_OK);
    assert_memory_equal(spaced, plain, 32);
    assert_memory_equal(plain, direct, 32);
    assert_int_equal(carealign_nhs_number_pseudonymise(key, 15, "9434765919", 10, plain),
                     CAREALIGN_EINVAL);
    assert_int_equal(carealign_nhs_number_pseudonymise(key, 32, "9434765918", 10, plain),
                     CAREALIGN_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_spaces_and_hyphens),
        cmocka_unit_test(check_digit_eleven_becomes_zero),
        cmocka_unit_test(wrong_check_digit_is_einval),
        cmocka_unit_test(check_value_ten_is_never_valid),
        cmocka_unit_test(malformed_text_is_eparse),
        cmocka_unit_test(pseudonym_is_hmac_of_normalised_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
