/* Fuzzes the partial-scorecard blob reader ("CASC", lib/scorecard/serialize.c).
 * Any input may be refused, but never with a crash, a leak or a read outside
 * the input; an accepted blob serializes back to the same bytes, merges into
 * a copy of itself and finalizes. The framework is a small fixed one (two
 * measures of tests/framework/data/minimal.json). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char framework_json[] =
    "{\"format\":\"carealign-framework/"
    "1\",\"id\":\"minimal\",\"version\":\"1\",\"title\":\"Minimal "
    "framework for tests\",\"effective_period\":{\"start\":\"2025-04-01\",\"end\":\"2026-03-31\""
    "},\"reporting_period\":{\"start\":\"2025-04-01\",\"end\":\"2026-03-31\"},\"interval\":\"month"
    "\",\"population_base\":{\"kind\":\"residents\",\"local_authorities\":[\"E06000001\",\"E06000"
    "002\"]},\"strata\":[{\"id\":\"org\",\"kind\":\"organisation\"},{\"id\":\"age\",\"kind\":"
    "\"age\",\"ba"
    "nds\":[{\"from\":18,\"to\":64},{\"from\":65}]},{\"id\":\"sex\",\"kind\":\"sex\"},{\"id\":"
    "\"imd\",\"k"
    "ind\":\"deprivation\",\"grouping\":\"quintile\",\"edition\":\"IoD 2019\"}],\"crosses\":[[\"age"
    "\",\"sex\"]],\"code_sets\":[{\"id\":\"died\",\"system\":\"https://www.datadictionary.nhs.uk/"
    "attributes/discharge_destination.html\",\"codes\":[\"79\"],\"source\":\"NHS Data Diction"
    "ary\"}],\"unit_costs\":{\"price_year\":\"2024/25\",\"source\":\"test values\",\"items\":[{\"co"
    "ntact_type\":\"community_visit\",\"sector\":\"any\",\"per\":\"contact\",\"pence\":6500},{\"con"
    "tact_type\":\"community_visit\",\"sector\":\"nhs_community\",\"per\":\"contact\",\"pence\":70"
    "00},{\"contact_type\":\"homecare_visit\",\"sector\":\"independent_provider\",\"per\":\"hour"
    "\",\"pence\":3000}]},\"cost_effectiveness\":{\"threshold_pence_per_qaly\":2000000,\"sour"
    "ce\":\"NICE PMG36 (2022)\"},\"disclosure\":{\"suppress_max\":7,\"round_to\":5,\"source\":\"N"
    "HS Digital 2018\"},\"measures\":[{\"id\":\"fft-positive\",\"version\":\"1\",\"title\":\"FFT po"
    "sitive\",\"aim\":\"experience\",\"scoring\":\"proportion\",\"official_ref\":\"NHS FFT 2020\","
    "\"citation\":\"NHS England FFT guidance\",\"instrument\":{\"code\":\"fft\",\"value_set\":\"po"
    "sitive\"},\"populations\":{\"initial_population\":{\"score\":\"each\"},\"denominator\":{\"sc"
    "ore\":\"each\"},\"numerator\":{\"score\":\"each\",\"at_least\":1}},\"improvement_notation\":\""
    "increase\",\"unit\":\"%\",\"per\":100,\"spc_history\":true,\"comparable\":false},{\"id\":\"fol"
    "lowup-3d\",\"version\":\"1\",\"title\":\"Follow-up within 3 days\",\"aim\":\"integration\",\"s"
    "coring\":\"proportion\",\"local\":\"test\",\"citation\":\"test\",\"instrument\":null,\"journey"
    "\":{\"followup_within_days\":[3,7],\"excluded_destinations\":\"died\",\"same_day\":\"colla"
    "pse\",\"followup_types\":[\"community_visit\",\"gp_appointment\"]},\"populations\":{\"init"
    "ial_population\":{\"journey\":\"discharges\",\"at_least\":1},\"denominator\":{\"journey\":\""
    "discharges\"},\"numerator\":{\"journey\":\"followed_up_within\",\"days\":3}},\"improvement"
    "_notation\":\"increase\",\"unit\":\"%\",\"per\":100,\"spc_history\":true,\"comparable\":true}"
    "]}";

static carealign_framework *framework(void)
{
    static carealign_framework *fw = NULL;
    if (fw == NULL && carealign_framework_load(framework_json, sizeof framework_json - 1, NULL,
                                               &fw) != CAREALIGN_OK)
        abort();
    return fw;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    carealign_framework *fw = framework();
    carealign_scorecard *sc = NULL;
    if (carealign_scorecard_deserialize(fw, data, size, &sc) != CAREALIGN_OK)
        return 0;
    uint8_t *again = malloc(size + 1);
    size_t len = 0;
    if (again != NULL && carealign_scorecard_serialize(sc, again, size + 1, &len) == CAREALIGN_OK &&
        (len != size || memcmp(again, data, size) != 0))
        abort(); /* accepted blobs are canonical */
    free(again);
    carealign_scorecard *other = NULL;
    if (carealign_scorecard_deserialize(fw, data, size, &other) == CAREALIGN_OK) {
        (void)carealign_scorecard_merge(sc, other);
        carealign_scorecard_free(other);
    }
    if (carealign_scorecard_finalize(sc) == CAREALIGN_OK) {
        size_t n = 0;
        carealign_scorecard_result_count(sc, &n);
        for (size_t i = 0; i < n; i++) {
            carealign_result r = CAREALIGN_RESULT_INIT;
            carealign_scorecard_get_result(sc, i, &r);
        }
    }
    carealign_scorecard_free(sc);
    return 0;
}
