/* Framework: every public function of carealign/framework.h once, on a
 * small framework (tests/framework/data/minimal.json with a national
 * readmission measure), under the harness's allocation failures. */
#include <stdint.h>
#include <string.h>

#include "workloads.h"

static const char framework_text[] =
    "{\"format\":\"carealign-framework/"
    "1\",\"id\":\"minimal\",\"version\":\"1\",\"title\":\"Minimal framework "
    "for "
    "tests\",\"effective_period\":{\"start\":\"2025-04-01\",\"end\":\"2026-03-31\"},\"reporting_"
    "period\""
    ":{\"start\":\"2025-04-01\",\"end\":\"2026-03-31\"},\"interval\":\"month\",\"population_base\":"
    "{\"kind\":\"r"
    "esidents\",\"local_authorities\":[\"E06000001\",\"E06000002\"]},\"strata\":[{\"id\":\"org\","
    "\"kind\":\"org"
    "anisation\"},{\"id\":\"age\",\"kind\":\"age\",\"bands\":[{\"from\":18,\"to\":64},{\"from\":65}"
    "]},{\"id\":\"sex"
    "\",\"kind\":\"sex\"},{\"id\":\"imd\",\"kind\":\"deprivation\",\"grouping\":\"quintile\","
    "\"edition\":\"IoD 2019"
    "\"}],\"crosses\":[[\"age\",\"sex\"]],\"code_sets\":[{\"id\":\"died\",\"system\":\"https://"
    "www.datadictiona"
    "ry.nhs.uk/attributes/discharge_destination.html\",\"codes\":[\"79\"],\"source\":\"NHS Data "
    "Diction"
    "ary\"},{\"id\":\"not-readmissions\",\"system\":\"https://www.datadictionary.nhs.uk/attributes/"
    "admi"
    "ssion_method.html\",\"codes\":[\"31\",\"32\",\"82\",\"83\"],\"source\":\"NHS Data "
    "Dictionary\"}],\"unit_co"
    "sts\":{\"price_year\":\"2024/25\",\"source\":\"test "
    "values\",\"items\":[{\"contact_type\":\"community_vi"
    "sit\",\"sector\":\"any\",\"per\":\"contact\",\"pence\":6500},{\"contact_type\":\"community_"
    "visit\",\"secto"
    "r\":\"nhs_community\",\"per\":\"contact\",\"pence\":7000},{\"contact_type\":\"homecare_"
    "visit\",\"sector\""
    ":\"independent_provider\",\"per\":\"hour\",\"pence\":3000}]},\"cost_effectiveness\":{"
    "\"threshold_penc"
    "e_per_qaly\":2000000,\"source\":\"NICE PMG36 "
    "(2022)\"},\"disclosure\":{\"suppress_max\":7,\"round_to"
    "\":5,\"source\":\"NHS Digital "
    "2018\"},\"measures\":[{\"id\":\"fft-positive\",\"version\":\"1\",\"title\":\"F"
    "FT positive\",\"aim\":\"experience\",\"scoring\":\"proportion\",\"official_ref\":\"NHS FFT "
    "2020\",\"cita"
    "tion\":\"NHS England FFT "
    "guidance\",\"instrument\":{\"code\":\"fft\",\"value_set\":\"positive\"},\"popul"
    "ations\":{\"initial_population\":{\"score\":\"each\"},\"denominator\":{\"score\":\"each\"},"
    "\"numerator\":"
    "{\"score\":\"each\",\"at_least\":1}},\"improvement_notation\":\"increase\",\"unit\":\"%\","
    "\"per\":100,\"spc"
    "_history\":true,\"comparable\":false},{\"id\":\"followup-3d\",\"version\":\"1\",\"title\":"
    "\"Follow-up wi"
    "thin 3 "
    "days\",\"aim\":\"integration\",\"scoring\":\"proportion\",\"local\":\"test\",\"citation\":"
    "\"test\",\""
    "instrument\":null,\"journey\":{\"followup_within_days\":[3,7],\"excluded_destinations\":"
    "\"died\",\"s"
    "ame_day\":\"collapse\",\"followup_types\":[\"community_visit\",\"gp_appointment\"],\"national_"
    "readmi"
    "ssion\":true,\"readmission_excluded_methods\":\"not-readmissions\",\"max_age\":120},"
    "\"populations\""
    ":{\"initial_population\":{\"journey\":\"discharges\",\"at_least\":1},\"denominator\":{"
    "\"journey\":\"dis"
    "charges\"},\"numerator\":{\"journey\":\"followed_up_within\",\"days\":3}},\"improvement_"
    "notation\":\"i"
    "ncrease\",\"unit\":\"%\",\"per\":100,\"spc_history\":true,\"comparable\":true},{\"id\":"
    "\"swemwbs-change\""
    ",\"version\":\"1\",\"title\":\"SWEMWBS "
    "change\",\"aim\":\"outcomes\",\"scoring\":\"continuous-variable\",\""
    "local\":\"test\",\"citation\":\"test\",\"instrument\":{\"code\":\"swemwbs\",\"value_set\":"
    "\"metric\"},\"pair"
    "ing\":{\"baseline\":\"first_in_period\",\"follow_up\":\"last_in_window\",\"window_days\":[42,"
    "182],\"or"
    "ganisation\":\"any\"},\"minimal_important_difference\":{\"value\":3,\"source\":\"Shah "
    "2018\"},\"popula"
    "tions\":{\"initial_population\":{\"response\":\"paired\"},\"measure_observation\":{\"change\":"
    "\"value\""
    ",\"aggregate\":\"mean\"}},\"improvement_notation\":\"increase\",\"target\":{\"value\":1.5,"
    "\"source\":\"te"
    "st\"},\"unit\":\"points\",\"spc_history\":false,\"comparable\":true,\"inequality\":true},{"
    "\"id\":\"admis"
    "sions-65\",\"version\":\"1\",\"title\":\"Emergency admissions "
    "65+\",\"aim\":\"resources\",\"scoring\":\"ra"
    "tio\",\"official_ref\":\"BCF "
    "2025-26\",\"citation\":\"BCF\",\"instrument\":null,\"populations\":{\"initi"
    "al_population\":{\"all\":[{\"population\":\"base\"},{\"person\":\"age\",\"at_least\":65}]},"
    "\"denominator"
    "\":{\"all\":[{\"population\":\"base\"},{\"person\":\"age\",\"at_least\":65}]},\"numerator\":{"
    "\"all\":[{\"per"
    "son\":\"age\",\"at_least\":65},{\"contacts\":\"count\",\"types\":[\"emergency_admission\"]}]}}"
    ",\"improve"
    "ment_notation\":\"decrease\",\"unit\":\"per "
    "100,000\",\"per\":100000.0,\"standard_population\":\"esp20"
    "13\",\"spc_history\":true,\"comparable\":false}]}";

static int32_t sink(const void *data, size_t len, void *user)
{
    (void)data;
    *(size_t *)user += len;
    return 0;
}

void carealign_workload_framework(void)
{
    carealign_framework_load_options lo;
    if (!carealign_workload_expect(carealign_framework_load_options_init(&lo, sizeof lo),
                                   "framework_load_options_init"))
        return;
    lo.source_name = "workload.json";
    lo.source_name_len = strlen(lo.source_name);
    carealign_framework *fw = NULL;
    if (!carealign_workload_expect(
            carealign_framework_load(framework_text, sizeof framework_text - 1, &lo, &fw),
            "framework_load"))
        return;
    carealign_framework_info info;
    carealign_workload_expect(carealign_framework_info_init(&info, sizeof info), "info_init");
    carealign_workload_expect(carealign_framework_get_info(fw, &info), "get_info");
    int32_t a = 0, b = 0;
    carealign_workload_expect(carealign_framework_get_period(fw, 0, &a, &b), "get_period");
    const char *text = NULL;
    size_t len = 0;
    carealign_workload_expect(carealign_framework_get_population_code(fw, 0, &text, &len),
                              "get_population_code");
    carealign_framework_stratum st;
    carealign_workload_expect(carealign_framework_stratum_init(&st, sizeof st), "stratum_init");
    carealign_workload_expect(carealign_framework_get_stratum(fw, 1, &st), "get_stratum");
    carealign_workload_expect(carealign_framework_get_cross(fw, 0, &a, &b), "get_cross");
    carealign_framework_valueset vs;
    carealign_workload_expect(carealign_framework_valueset_init(&vs, sizeof vs), "valueset_init");
    carealign_workload_expect(carealign_framework_get_valueset(fw, 0, &vs), "get_valueset");
    carealign_workload_expect(
        carealign_framework_get_valueset_code(fw, (int32_t)info.n_valuesets - 1, 0, &text, &len),
        "get_valueset_code");
    carealign_unit_cost uc;
    carealign_workload_expect(carealign_unit_cost_init(&uc, sizeof uc), "unit_cost_init");
    carealign_workload_expect(carealign_framework_get_unit_cost(fw, 0, &uc), "get_unit_cost");
    int64_t pence = 0;
    carealign_workload_expect(carealign_framework_unit_cost(fw, CAREALIGN_CONTACT_COMMUNITY_VISIT,
                                                            CAREALIGN_SECTOR_NHS_COMMUNITY, &pence),
                              "unit_cost");
    int32_t m = -1;
    carealign_workload_expect(carealign_framework_find_measure(fw, "followup-3d", 11, &m),
                              "find_measure");
    carealign_measure_info mi;
    carealign_workload_expect(carealign_measure_info_init(&mi, sizeof mi), "measure_info_init");
    carealign_workload_expect(carealign_framework_get_measure(fw, m, &mi), "get_measure");
    double cut[3];
    int32_t has_rule = 0;
    carealign_workload_expect(carealign_framework_get_composite(fw, m, cut, NULL, NULL, &has_rule),
                              "get_composite");
    (void)carealign_composite_score(50.0, cut, CAREALIGN_IMPROVE_INCREASE);
    carealign_framework_param p;
    carealign_workload_expect(carealign_framework_param_init(&p, sizeof p), "param_init");
    carealign_workload_expect(carealign_framework_get_param(fw, m, 0, &p), "get_param");
    carealign_workload_expect(carealign_framework_find_param(fw, m, "max_age", 7, &p),
                              "find_param");
    carealign_journey_options jo = CAREALIGN_JOURNEY_OPTIONS_INIT;
    carealign_workload_expect(carealign_framework_get_journey_options(fw, m, &jo),
                              "get_journey_options");
    carealign_framework_atom atom;
    carealign_workload_expect(carealign_framework_atom_init(&atom, sizeof atom), "atom_init");
    size_t n_atoms = 0;
    carealign_workload_expect(
        carealign_framework_atom_count(fw, m, CAREALIGN_CRIT_NUMERATOR, &n_atoms), "atom_count");
    carealign_workload_expect(
        carealign_framework_get_atom(fw, m, CAREALIGN_CRIT_NUMERATOR, 0, &atom), "get_atom");
    (void)carealign_framework_code_name(CAREALIGN_TABLE_CONTACT_TYPE, 4);
    char buf[8192];
    carealign_workload_expect(carealign_framework_canonical(fw, buf, sizeof buf, &len),
                              "canonical");
    uint8_t hash[CAREALIGN_SHA256_SIZE];
    carealign_workload_expect(carealign_framework_hash(fw, hash), "hash");
    carealign_write_options wo;
    carealign_workload_expect(carealign_write_options_init(&wo, sizeof wo), "write_options_init");
    static char fhir[65536];
    carealign_workload_expect(carealign_framework_to_fhir(fw, &wo, fhir, sizeof fhir, &len),
                              "to_fhir");
    size_t total = 0;
    carealign_workload_expect(carealign_framework_to_fhir_cb(fw, &wo, sink, &total), "to_fhir_cb");
    carealign_framework_free(fw);
}
