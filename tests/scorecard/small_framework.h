/* A small fixed framework (two measures of tests/framework/data/minimal.json:
 * FFT % positive and follow-up within 3 days) for programs that need a
 * framework without reading a file: the scorecard's allocation-failure
 * workload and the fuzz targets (through fuzz/small_framework_once.h). */
#ifndef CAREALIGN_TESTS_SMALL_FRAMEWORK_H
#define CAREALIGN_TESTS_SMALL_FRAMEWORK_H

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

#endif /* CAREALIGN_TESTS_SMALL_FRAMEWORK_H */
