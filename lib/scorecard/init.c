/* The _init() functions of the scorecard's public structs and the names of
 * the row reasons. */
#include "core/internal.h"
#include "carealign/scorecard.h"

carealign_status carealign_scorecard_options_init(carealign_scorecard_options *opt, size_t size)
{
    return carealign__init_struct(opt, size, 24, "carealign_scorecard_options");
}

carealign_status carealign_organisation_init(carealign_organisation *org, size_t size)
{
    return carealign__init_struct(org, size, 32, "carealign_organisation");
}

carealign_status carealign_population_init(carealign_population *pop, size_t size)
{
    return carealign__init_struct(pop, size, 40, "carealign_population");
}

carealign_status carealign_response_init(carealign_response *r, size_t size)
{
    return carealign__init_struct(r, size, 56, "carealign_response");
}

carealign_status carealign_fft_counts_init(carealign_fft_counts *c, size_t size)
{
    return carealign__init_struct(c, size, 72, "carealign_fft_counts");
}

carealign_status carealign_response_columns_init(carealign_response_columns *cols, size_t size)
{
    return carealign__init_struct(cols, size, 80, "carealign_response_columns");
}

carealign_status carealign_feed_counts_init(carealign_feed_counts *c, size_t size)
{
    return carealign__init_struct(c, size, 48, "carealign_feed_counts");
}

carealign_status carealign_result_init(carealign_result *r, size_t size)
{
    return carealign__init_struct(r, size, 144, "carealign_result");
}

carealign_status carealign_aim_summary_init(carealign_aim_summary *s, size_t size)
{
    return carealign__init_struct(s, size, 56, "carealign_aim_summary");
}

const char *carealign_reject_reason_name(int32_t reason)
{
    static const char *const names[CAREALIGN_REJECT_COUNT] = {
        "accepted",    "size",         "missing_field",    "out_of_range", "unknown_person",
        "unknown_org", "unknown_area", "end_before_start", "bad_items",    "valueset_mismatch",
        "duplicate",   "person_closed"};
    if (reason < 0 || reason >= CAREALIGN_REJECT_COUNT)
        return "unknown";
    return names[reason];
}
