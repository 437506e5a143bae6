/* Scorecard: every allocating call (new, dictionaries, feeds, close, merge,
 * serialize, deserialize, finalize) on a fixed small input, with a small
 * framework (two measures of tests/framework/data/minimal.json). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "workloads.h"

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

static carealign_scorecard *make(const carealign_framework *fw, int32_t first, int with_fft)
{
    carealign_scorecard *sc = NULL;
    carealign_scorecard_options o = CAREALIGN_SCORECARD_OPTIONS_INIT;
    o.flags = CAREALIGN_SC_NO_DISCLOSURE;
    if (!carealign_workload_expect(carealign_scorecard_new(fw, &o, &sc), "scorecard_new"))
        return NULL;
    int ok = 1;
    const uint64_t off[2] = {0, 9};
    ok &= carealign_workload_expect(
        carealign_scorecard_register_ids(sc, CAREALIGN_DICT_AREA, "E06000001", off, 1, NULL),
        "scorecard_register_ids");
    carealign_organisation org[2] = {CAREALIGN_ORGANISATION_INIT, CAREALIGN_ORGANISATION_INIT};
    org[0].org = 0;
    org[0].sector = 1;
    org[0].name = "A";
    org[0].name_len = 1;
    org[1].org = 1;
    org[1].sector = 2;
    ok &= carealign_workload_expect(carealign_scorecard_feed_organisations(sc, org, 2, NULL, NULL),
                                    "scorecard_feed_organisations");
    carealign_population pop = CAREALIGN_POPULATION_INIT;
    pop.year = 2025;
    pop.age_lower = 65;
    pop.count = 1000;
    ok &= carealign_workload_expect(carealign_scorecard_feed_populations(sc, &pop, 1, NULL, NULL),
                                    "scorecard_feed_populations");
    int fed_first = 0;
    for (int32_t i = first; i < first + 4; i++) {
        carealign_person p = CAREALIGN_PERSON_INIT;
        p.person = i;
        p.has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_AREA;
        p.birth_year = 1950;
        p.birth_month = 3;
        size_t rejected = 1;
        if (carealign_workload_expect(carealign_scorecard_feed_people(sc, &p, 1, NULL, &rejected),
                                      "scorecard_feed_people") &&
            i == first && rejected == 0)
            fed_first = 1;
        carealign_contact c[2] = {CAREALIGN_CONTACT_INIT, CAREALIGN_CONTACT_INIT};
        c[0].person = c[1].person = i;
        c[0].org = 0;
        c[0].sector = 1;
        c[0].type = CAREALIGN_CONTACT_ADMISSION;
        c[0].start_day = 20210 + i;
        c[0].has = CAREALIGN_CONTACT_HAS_END;
        c[0].end_day = 20213 + i;
        c[1].org = 1;
        c[1].sector = 2;
        c[1].type = CAREALIGN_CONTACT_COMMUNITY_VISIT;
        c[1].start_day = 20215 + i;
        ok &= carealign_workload_expect(carealign_scorecard_feed_contacts(sc, c, 2, NULL, NULL),
                                        "scorecard_feed_contacts");
    }
    if (with_fft) {
        carealign_fft_counts f = CAREALIGN_FFT_COUNTS_INIT;
        f.month = 20209; /* 2025-05-01 */
        f.counts[0] = 3;
        f.counts[3] = 1;
        ok &= carealign_workload_expect(carealign_scorecard_feed_fft(sc, &f, 1, NULL, NULL),
                                        "scorecard_feed_fft");
    }
    if (fed_first)
        ok &= carealign_workload_expect(carealign_scorecard_close_person(sc, first),
                                        "scorecard_close_person");
    ok &= carealign_workload_expect(carealign_scorecard_close_all(sc), "scorecard_close_all");
    if (!ok) {
        carealign_scorecard_free(sc);
        return NULL;
    }
    return sc;
}

void carealign_workload_scorecard(void)
{
    carealign_framework *fw = NULL;
    if (!carealign_workload_expect(
            carealign_framework_load(framework_json, sizeof framework_json - 1, NULL, &fw),
            "framework_load"))
        return;
    carealign_scorecard *a = make(fw, 0, 1);
    carealign_scorecard *b = make(fw, 10, 0);
    if (a != NULL && b != NULL) {
        size_t len = 0;
        unsigned char *blob = NULL;
        if (carealign_scorecard_serialize(b, NULL, 0, &len) == CAREALIGN_EBUFSIZE &&
            (blob = malloc(len)) != NULL &&
            carealign_workload_expect(carealign_scorecard_serialize(b, blob, len, &len),
                                      "scorecard_serialize")) {
            carealign_scorecard *c = NULL;
            if (carealign_workload_expect(carealign_scorecard_deserialize(fw, blob, len, &c),
                                          "scorecard_deserialize")) {
                carealign_workload_expect(carealign_scorecard_merge(a, c), "scorecard_merge");
                carealign_scorecard_free(c);
            }
        }
        free(blob);
        carealign_workload_expect(carealign_scorecard_finalize(a), "scorecard_finalize");
    }
    carealign_scorecard_free(a);
    carealign_scorecard_free(b);
    carealign_framework_free(fw);
}
