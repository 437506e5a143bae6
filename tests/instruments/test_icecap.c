/* ICECAP-O index values. Tariff typed from Coast J, Flynn TN, Natarajan L,
 * et al. Soc Sci Med 2008;67(5):874-882, as tabulated in Flynn TN et al.,
 * Popul Health Metr 2008;6:6, Table 1, in ten-thousandths. Index = sum of
 * the attribute values; published anchors 11111 = 0 and 44444 = 1. */
#include "helpers.h"

/* rows: attachment, security, role, enjoyment, control; columns: levels
 * 1, 2, 3, 4 (4 = full capability) */
static const int32_t tariff[5][4] = {
    {-128, 1340, 2325, 2535}, {321, 661, 1071, 1788},   {151, 1296, 1793, 1923},
    {168, 1185, 1643, 1660},  {-512, 1076, 1848, 2094},
};

static void anchors(void **state)
{
    (void)state;
    const int32_t none[5] = {1, 1, 1, 1, 1}, full[5] = {4, 4, 4, 4, 4};
    expect_score("icecap_o", "coast-2008", none, 5, 0, 10000.0);
    expect_score("icecap_o", "coast-2008", full, 5, 10000, 10000.0);
    expect_score("icecap_o", NULL, full, 5, 10000, 10000.0);
}

/* Every level of every attribute, the others at full capability and, in
 * a second pass, at none. */
static void every_level(void **state)
{
    (void)state;
    for (int a = 0; a < 5; a++) {
        for (int level = 1; level <= 4; level++) {
            int32_t items[5] = {4, 4, 4, 4, 4};
            items[a] = level;
            expect_score("icecap_o", "coast-2008", items, 5,
                         10000 - tariff[a][3] + tariff[a][level - 1], 10000.0);
            int32_t low[5] = {1, 1, 1, 1, 1};
            low[a] = level;
            expect_score("icecap_o", "coast-2008", low, 5, tariff[a][level - 1] - tariff[a][0],
                         10000.0);
        }
    }
    /* a mixed profile: 0.2325 + 0.0661 + 0.1923 + 0.0168 + 0.1848 */
    const int32_t mixed[5] = {3, 2, 4, 1, 3};
    expect_score("icecap_o", "coast-2008", mixed, 5, 2325 + 661 + 1923 + 168 + 1848, 10000.0);
}

static void missing_and_out_of_range(void **state)
{
    (void)state;
    static const char *codes[5] = {"ATTACHMENT", "SECURITY", "ROLE", "ENJOYMENT", "CONTROL"};
    char fragment[64];
    for (int a = 0; a < 5; a++) {
        int32_t items[5] = {4, 4, 4, 4, 4};
        items[a] = CAREALIGN_ITEM_MISSING;
        snprintf(fragment, sizeof fragment, "item %s is missing", codes[a]);
        expect_failure("icecap_o", NULL, items, 5, CAREALIGN_EMISSING, fragment);
        snprintf(fragment, sizeof fragment, "item %s out of range 1..4", codes[a]);
        const int32_t bad[] = {0, 5, -4, 44};
        for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
            items[a] = bad[b];
            expect_failure("icecap_o", NULL, items, 5, CAREALIGN_EINVAL, fragment);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(anchors),
        cmocka_unit_test(every_level),
        cmocka_unit_test(missing_and_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
