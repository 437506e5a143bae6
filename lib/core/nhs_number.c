/* NHS numbers: ten digits, the tenth a Modulus 11 check digit over the
 * first nine with weights 10 down to 2 (NHS Data Dictionary, "NHS Number").
 * Messages never repeat the number. */
#include "core/internal.h"

static carealign_status collect_digits(const char *text, size_t len, char digits[11])
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == ' ' || c == '-')
            continue;
        if (c < '0' || c > '9')
            return carealign__error_at(CAREALIGN_EPARSE, 1, (int64_t)i + 1,
                                       "NHS number: character at column %zu is not a digit, "
                                       "space or hyphen",
                                       i + 1);
        if (count == 10)
            return carealign__error(CAREALIGN_EPARSE, "NHS number: more than ten digits");
        digits[count++] = c;
    }
    if (count != 10)
        return carealign__error(CAREALIGN_EPARSE, "NHS number: %zu digits, not ten", count);
    digits[10] = '\0';
    return CAREALIGN_OK;
}

static int modulus11_check_digit(const char digits[9])
{
    int sum = 0;
    for (int i = 0; i < 9; i++)
        sum += (digits[i] - '0') * (10 - i);
    int check = 11 - sum % 11;
    return check == 11 ? 0 : check; /* 10 means no valid number */
}

carealign_status carealign_nhs_number_normalise(const char *text, size_t len, char out[11])
{
    if (text == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_nhs_number_normalise: NULL argument");
    char digits[11];
    carealign_status status = collect_digits(text, len, digits);
    if (status != CAREALIGN_OK)
        return status;
    if (modulus11_check_digit(digits) != digits[9] - '0')
        return carealign__error(CAREALIGN_EINVAL, "NHS number: Modulus 11 check digit is wrong");
    for (int i = 0; i < 11; i++)
        out[i] = digits[i];
    return CAREALIGN_OK;
}

carealign_status carealign_nhs_number_pseudonymise(const void *key, size_t key_len,
                                                   const char *text, size_t len, uint8_t out[32])
{
    if (key == NULL || out == NULL || key_len < 16)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_nhs_number_pseudonymise: key must be at least 16 "
                                "bytes");
    char digits[11];
    carealign_status status = carealign_nhs_number_normalise(text, len, digits);
    if (status != CAREALIGN_OK)
        return status;
    return carealign_hmac_sha256(key, key_len, digits, 10, out);
}
