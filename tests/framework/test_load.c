/* Loading and reading frameworks (lib/framework/load.c, framework.c).
 *
 * Expected values come from the framework files themselves (the
 * definition partners sign up to: examples/frameworks/ (both files) and
 * tests/framework/data/minimal.json), from the calendar (day numbers
 * computed with Python's datetime: 2025-04-01 is day 20179), and from
 * tests/data/bad/framework/MANIFEST, whose positions were found in the text
 * by tests/framework/make_bad_variants.py, not by the library.
 */
#include "cmocka_all.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/framework.h"

#ifndef CAREALIGN_SOURCE_DIR
#error "CAREALIGN_SOURCE_DIR must name the source tree"
#endif

static char *slurp(const char *relative, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CAREALIGN_SOURCE_DIR, relative);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    data[size] = '\0';
    *len = (size_t)size;
    return data;
}

static carealign_framework *load_file(const char *relative)
{
    size_t len;
    char *text = slurp(relative, &len);
    carealign_framework_load_options opt = CAREALIGN_FRAMEWORK_LOAD_OPTIONS_INIT;
    opt.source_name = relative;
    opt.source_name_len = strlen(relative);
    carealign_framework *fw = NULL;
    carealign_status st = carealign_framework_load(text, len, &opt, &fw);
    if (st != CAREALIGN_OK)
        fail_msg("%s: %s", relative, carealign_last_error());
    free(text);
    return fw;
}

static int str_is(const char *s, size_t len, const char *expected)
{
    return len == strlen(expected) && memcmp(s, expected, len) == 0 && s[len] == '\0';
}

/* ---- allocation failure injection (runs first) -------------------------- */

static int alloc_calls, alloc_fail_at, live_blocks;
static pthread_mutex_t alloc_lock = PTHREAD_MUTEX_INITIALIZER;

static void *hook_malloc(size_t bytes, void *user)
{
    (void)user;
    pthread_mutex_lock(&alloc_lock);
    int fail = ++alloc_calls == alloc_fail_at;
    void *p = fail ? NULL : malloc(bytes);
    if (p != NULL)
        live_blocks++;
    pthread_mutex_unlock(&alloc_lock);
    return p;
}

static void *hook_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    pthread_mutex_lock(&alloc_lock);
    int fail = ++alloc_calls == alloc_fail_at;
    void *p = fail ? NULL : realloc(ptr, bytes);
    if (p != NULL && ptr == NULL)
        live_blocks++;
    pthread_mutex_unlock(&alloc_lock);
    return p;
}

static void hook_free(void *ptr, void *user)
{
    (void)user;
    pthread_mutex_lock(&alloc_lock);
    live_blocks--;
    pthread_mutex_unlock(&alloc_lock);
    free(ptr);
}

static void install_counting_allocator(void **state)
{
    (void)state;
    carealign_allocator a = CAREALIGN_ALLOCATOR_INIT;
    a.malloc_fn = hook_malloc;
    a.realloc_fn = hook_realloc;
    a.free_fn = hook_free;
    assert_int_equal(carealign_set_allocator(&a), CAREALIGN_OK);
}

/* Fail every allocation of a load in turn: ENOMEM, no handle, no leak. */
static void every_allocation_failure_is_clean(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp("examples/frameworks/england-integrated-care.json", &len);
    int loaded = 0, failures = 0;
    for (int fail = 1; fail < 100000 && !loaded; fail++) {
        alloc_calls = 0;
        alloc_fail_at = fail;
        carealign_framework *fw = NULL;
        carealign_status st = carealign_framework_load(text, len, NULL, &fw);
        if (st == CAREALIGN_OK) {
            loaded = 1;
            carealign_framework_free(fw);
        } else {
            assert_int_equal(st, CAREALIGN_ENOMEM);
            assert_null(fw);
            failures++;
        }
        assert_int_equal(live_blocks, 0);
    }
    assert_true(loaded);
    assert_true(failures > 10);
    alloc_fail_at = 0;
    free(text);
}

/* ---- the shipped frameworks -------------------------------------------------- */

static void england_framework(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/england-integrated-care.json");
    carealign_framework_info info = CAREALIGN_FRAMEWORK_INFO_INIT;
    assert_int_equal(carealign_framework_get_info(fw, &info), CAREALIGN_OK);
    assert_true(str_is(info.id, info.id_len, "england-integrated-care"));
    assert_true(str_is(info.version, info.version_len, "2025.1"));
    assert_int_equal(info.effective_start, 20179);
    assert_int_equal(info.effective_end, 20543);
    assert_int_equal(info.interval, CAREALIGN_INTERVAL_MONTH);
    assert_int_equal(info.n_periods, 12);
    assert_int_equal(info.n_measures, 17);
    assert_int_equal(info.n_strata, 6);
    assert_int_equal(info.n_crosses, 1);
    assert_int_equal(info.n_unit_costs, 10);
    assert_int_equal(info.population_base, CAREALIGN_BASE_RESIDENTS);
    assert_int_equal(info.n_population_codes, 1);
    assert_int_equal(info.flags, CAREALIGN_FRAMEWORK_HAS_CE_THRESHOLD);
    assert_int_equal(info.ce_threshold_pence, 2000000);
    assert_int_equal(info.disclosure_suppress_max, 7);
    assert_int_equal(info.disclosure_round_to, 5);
    assert_true(str_is(info.price_year, info.price_year_len, "2024/25"));
    int32_t start, end;
    assert_int_equal(carealign_framework_get_period(fw, 0, &start, &end), CAREALIGN_OK);
    assert_int_equal(start, 20179);
    assert_int_equal(end, 20208);
    assert_int_equal(carealign_framework_get_period(fw, 11, &start, &end), CAREALIGN_OK);
    assert_int_equal(start, 20513);
    assert_int_equal(end, 20543);
    assert_int_equal(carealign_framework_get_period(fw, 12, &start, &end), CAREALIGN_ERANGE);
    const char *code;
    size_t code_len;
    assert_int_equal(carealign_framework_get_population_code(fw, 0, &code, &code_len),
                     CAREALIGN_OK);
    assert_true(str_is(code, code_len, "E08000035"));

    /* Value sets: instrument ones in order of first use, then code sets. */
    static const char *const expected[][2] = {{"fft", "positive"},
                                              {"ascot_sct4", "raw"},
                                              {"eq5d5l", "uk-2026"},
                                              {"swemwbs", "metric"},
                                              {"gas", "tscore-rho-0.3"}};
    assert_int_equal(info.n_valuesets, 8); /* and three code sets */
    for (int32_t i = 0; i < 5; i++) {
        carealign_framework_valueset vs = CAREALIGN_FRAMEWORK_VALUESET_INIT;
        assert_int_equal(carealign_framework_get_valueset(fw, i, &vs), CAREALIGN_OK);
        assert_int_equal(vs.kind, CAREALIGN_VS_INSTRUMENT);
        assert_true(str_is(vs.instrument, vs.instrument_len, expected[i][0]));
        assert_true(str_is(vs.name, vs.name_len, expected[i][1]));
    }
    carealign_framework_valueset vs = CAREALIGN_FRAMEWORK_VALUESET_INIT;
    assert_int_equal(carealign_framework_get_valueset(fw, 5, &vs), CAREALIGN_OK);
    assert_int_equal(vs.kind, CAREALIGN_VS_CODES);
    assert_true(str_is(vs.name, vs.name_len, "discharge-died"));
    assert_int_equal(vs.n_codes, 1);
    assert_int_equal(carealign_framework_get_valueset_code(fw, 5, 0, &code, &code_len),
                     CAREALIGN_OK);
    assert_true(str_is(code, code_len, "79"));
    assert_int_equal(carealign_framework_get_valueset(fw, 7, &vs), CAREALIGN_OK);
    assert_true(str_is(vs.name, vs.name_len, "ascof2d-excluded-destinations"));
    assert_int_equal(vs.n_codes, 7);
    assert_int_equal(carealign_framework_get_valueset_code(fw, 0, 0, &code, &code_len),
                     CAREALIGN_ERANGE);

    /* Every measure cites its definition and is official or local. */
    int official = 0;
    for (int32_t i = 0; i < info.n_measures; i++) {
        carealign_measure_info m = CAREALIGN_MEASURE_INFO_INIT;
        assert_int_equal(carealign_framework_get_measure(fw, i, &m), CAREALIGN_OK);
        assert_true(m.citation_len > 0);
        assert_true((m.official_ref_len > 0) != ((m.flags & CAREALIGN_MEASURE_LOCAL) != 0));
        official += m.official_ref_len > 0;
        assert_true(m.aim >= CAREALIGN_AIM_EXPERIENCE && m.aim <= CAREALIGN_AIM_INTEGRATION);
        if (str_is(m.instrument, m.instrument_len, "fft"))
            assert_false(m.flags & CAREALIGN_MEASURE_COMPARABLE);
    }
    assert_int_equal(official, 6); /* FFT, ASCOF 1A, ASCOF 2D and the three BCF metrics */

    /* ASCOF 2D: its journey parameters, as written. */
    int32_t index;
    assert_int_equal(carealign_framework_find_measure(fw, "ascof-2d", 8, &index), CAREALIGN_OK);
    carealign_framework_param p = CAREALIGN_FRAMEWORK_PARAM_INIT;
    assert_int_equal(carealign_framework_find_param(fw, index, "reablement_rule", 15, &p),
                     CAREALIGN_OK);
    assert_int_equal(p.kind, CAREALIGN_PARAM_NAME);
    assert_int_equal(p.value, 1);
    assert_true(str_is(p.text, p.text_len, "ascof2d_2024"));
    assert_int_equal(carealign_framework_find_param(fw, index, "min_age", 7, &p), CAREALIGN_OK);
    assert_int_equal(p.value, 65);
    carealign_framework_free(fw);
}

static void learning_disability_framework(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/learning-disability-service.json");
    carealign_framework_info info = CAREALIGN_FRAMEWORK_INFO_INIT;
    assert_int_equal(carealign_framework_get_info(fw, &info), CAREALIGN_OK);
    assert_int_equal(info.interval, CAREALIGN_INTERVAL_QUARTER);
    assert_int_equal(info.n_periods, 4);
    static const int32_t quarters[4][2] = {
        {20179, 20269}, {20270, 20361}, {20362, 20453}, {20454, 20543}};
    for (int32_t i = 0; i < 4; i++) {
        int32_t start, end;
        assert_int_equal(carealign_framework_get_period(fw, i, &start, &end), CAREALIGN_OK);
        assert_int_equal(start, quarters[i][0]);
        assert_int_equal(end, quarters[i][1]);
    }
    assert_int_equal(info.population_base, CAREALIGN_BASE_REGISTERED);
    assert_int_equal(info.n_population_codes, 3);
    assert_int_equal(info.flags & CAREALIGN_FRAMEWORK_HAS_CE_THRESHOLD, 0);
    assert_int_equal(info.ce_source_len, 0);
    assert_string_equal(info.ce_source, "");
    assert_int_equal(info.n_crosses, 0);

    carealign_framework_stratum s = CAREALIGN_FRAMEWORK_STRATUM_INIT;
    assert_int_equal(carealign_framework_get_stratum(fw, 1, &s), CAREALIGN_OK);
    assert_int_equal(s.kind, CAREALIGN_STRATUM_AGE);
    assert_int_equal(s.n_groups, 3);
    assert_int_equal(s.band_lower[2], 65);
    assert_int_equal(s.band_upper[2], -1);
    assert_int_equal(s.band_upper[1], 64);
    assert_int_equal(carealign_framework_get_stratum(fw, 3, &s), CAREALIGN_OK);
    assert_int_equal(s.kind, CAREALIGN_STRATUM_DEPRIVATION);
    assert_int_equal(s.grouping, CAREALIGN_GROUPING_DECILE);
    assert_int_equal(s.n_groups, 10);

    int32_t index;
    assert_int_equal(carealign_framework_find_measure(fw, "gas-goals-met", 13, &index),
                     CAREALIGN_OK);
    carealign_measure_info m = CAREALIGN_MEASURE_INFO_INIT;
    assert_int_equal(carealign_framework_get_measure(fw, index, &m), CAREALIGN_OK);
    assert_true(m.flags & CAREALIGN_MEASURE_HAS_TARGET);
    assert_true(m.target == 70.0);
    assert_int_equal(m.spc_min_points, 8);
    assert_true(
        str_is(m.target_source, m.target_source_len, "Partnership board ambition for 2025/26"));
    assert_int_equal(carealign_framework_find_measure(fw, "continuity-of-care", 18, &index),
                     CAREALIGN_OK);
    assert_int_equal(carealign_framework_get_measure(fw, index, &m), CAREALIGN_OK);
    assert_int_equal(m.observation_aggregate, CAREALIGN_AGG_MEDIAN);
    assert_true(m.flags & CAREALIGN_MEASURE_SII);
    assert_int_equal(m.spc_min_points, 15); /* the documented default */

    /* Unit costs: the exact sector wins, otherwise the "any" entry. */
    int64_t pence = 0;
    assert_int_equal(carealign_framework_unit_cost(fw, 4, 2, &pence), CAREALIGN_OK);
    assert_int_equal(pence, 7200);
    assert_int_equal(carealign_framework_unit_cost(fw, 4, 7, &pence), CAREALIGN_OK);
    assert_int_equal(pence, 6500);
    assert_int_equal(carealign_framework_unit_cost(fw, 5, 2, &pence), CAREALIGN_EMISSING);
    assert_non_null(strstr(carealign_last_error(), "homecare_visit"));
    carealign_framework_free(fw);
}

/* ---- accessors on the minimal framework ------------------------------------ */

static void measure_fields(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("tests/framework/data/minimal.json");
    carealign_measure_info m = CAREALIGN_MEASURE_INFO_INIT;
    assert_int_equal(carealign_framework_get_measure(fw, 0, &m), CAREALIGN_OK);
    assert_true(str_is(m.id, m.id_len, "fft-positive"));
    assert_true(str_is(m.official_ref, m.official_ref_len, "NHS FFT 2020"));
    assert_true(str_is(m.local, m.local_len, ""));
    assert_true(str_is(m.unit, m.unit_len, "%"));
    assert_int_equal(m.aim, CAREALIGN_AIM_EXPERIENCE);
    assert_int_equal(m.scoring, CAREALIGN_SCORING_PROPORTION);
    assert_int_equal(m.improvement, CAREALIGN_IMPROVE_INCREASE);
    assert_int_equal(m.flags, CAREALIGN_MEASURE_HAS_PER | CAREALIGN_MEASURE_SPC_HISTORY);
    assert_true(m.per == 100.0);
    assert_true(isnan(m.target));
    assert_true(isnan(m.mid));
    assert_int_equal(m.valueset_index, 0);
    assert_int_equal(m.observation_aggregate, 0);

    assert_int_equal(carealign_framework_get_measure(fw, 2, &m), CAREALIGN_OK);
    assert_true(str_is(m.id, m.id_len, "swemwbs-change"));
    assert_int_equal(m.scoring, CAREALIGN_SCORING_CONTINUOUS);
    assert_int_equal(m.flags, CAREALIGN_MEASURE_HAS_TARGET | CAREALIGN_MEASURE_HAS_MID |
                                  CAREALIGN_MEASURE_COMPARABLE | CAREALIGN_MEASURE_LOCAL |
                                  CAREALIGN_MEASURE_SII | CAREALIGN_MEASURE_HAS_PAIRING);
    assert_true(m.mid == 3.0);
    assert_true(m.target == 1.5);
    assert_true(m.per == 1.0);
    assert_true(str_is(m.mid_source, m.mid_source_len, "Shah 2018"));
    assert_int_equal(m.pairing_baseline, CAREALIGN_PAIR_BASELINE_FIRST_IN_PERIOD);
    assert_int_equal(m.pairing_follow_up, CAREALIGN_PAIR_FOLLOWUP_LAST_IN_WINDOW);
    assert_int_equal(m.pairing_min_days, 42);
    assert_int_equal(m.pairing_max_days, 182);
    assert_int_equal(m.pairing_organisation, CAREALIGN_PAIR_ORG_ANY);
    assert_int_equal(m.observation_aggregate, CAREALIGN_AGG_MEAN);
    assert_int_equal(m.valueset_index, 1);
    assert_true(str_is(m.instrument, m.instrument_len, "swemwbs"));
    assert_true(str_is(m.valueset, m.valueset_len, "metric"));

    assert_int_equal(carealign_framework_get_measure(fw, 3, &m), CAREALIGN_OK);
    assert_true(m.per == 100000.0); /* written 1e5 */
    assert_int_equal(m.standard_population, CAREALIGN_STDPOP_ESP2013);
    assert_int_equal(m.improvement, CAREALIGN_IMPROVE_DECREASE);
    assert_true(str_is(m.instrument, m.instrument_len, ""));
    assert_int_equal(m.valueset_index, -1);

    assert_int_equal(carealign_framework_get_measure(fw, 4, &m), CAREALIGN_ERANGE);
    assert_int_equal(carealign_framework_get_measure(fw, -1, &m), CAREALIGN_ERANGE);
    int32_t index = 99;
    assert_int_equal(carealign_framework_find_measure(fw, "admissions-65", 13, &index),
                     CAREALIGN_OK);
    assert_int_equal(index, 3);
    assert_int_equal(carealign_framework_find_measure(fw, "admissions-6", 12, &index),
                     CAREALIGN_EMISSING);
    carealign_framework_free(fw);
}

static void criteria_atoms(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("tests/framework/data/minimal.json");
    size_t n = 9;
    carealign_framework_atom a = CAREALIGN_FRAMEWORK_ATOM_INIT;
    /* admissions-65 numerator: all [person age >= 65, contacts count of type 2]. */
    assert_int_equal(carealign_framework_atom_count(fw, 3, CAREALIGN_CRIT_NUMERATOR, &n),
                     CAREALIGN_OK);
    assert_int_equal(n, 2);
    assert_int_equal(carealign_framework_get_atom(fw, 3, CAREALIGN_CRIT_NUMERATOR, 0, &a),
                     CAREALIGN_OK);
    assert_int_equal(a.kind, CAREALIGN_ATOM_PERSON);
    assert_int_equal(a.which, CAREALIGN_PERSON_AGE);
    assert_int_equal(a.flags, CAREALIGN_ATOM_HAS_AT_LEAST | CAREALIGN_ATOM_CONDITION);
    assert_true(a.at_least == 65.0);
    assert_true(isnan(a.at_most));
    assert_int_equal(carealign_framework_get_atom(fw, 3, CAREALIGN_CRIT_NUMERATOR, 1, &a),
                     CAREALIGN_OK);
    assert_int_equal(a.kind, CAREALIGN_ATOM_CONTACTS);
    assert_int_equal(a.which, CAREALIGN_CONTACTS_COUNT);
    assert_int_equal(a.flags, 0);
    assert_int_equal(a.n_values, 1);
    assert_int_equal(a.values[0], 2); /* emergency_admission */
    assert_int_equal(a.n_sectors, 0);
    assert_int_equal(carealign_framework_get_atom(fw, 3, CAREALIGN_CRIT_NUMERATOR, 2, &a),
                     CAREALIGN_ERANGE);
    assert_int_equal(carealign_framework_get_atom(fw, 3, CAREALIGN_CRIT_DENOMINATOR, 0, &a),
                     CAREALIGN_OK);
    assert_int_equal(a.kind, CAREALIGN_ATOM_POPULATION);
    assert_int_equal(a.which, CAREALIGN_POPULATION_BASE);
    /* followup-3d numerator: followed up within 3 days. */
    assert_int_equal(carealign_framework_get_atom(fw, 1, CAREALIGN_CRIT_NUMERATOR, 0, &a),
                     CAREALIGN_OK);
    assert_int_equal(a.kind, CAREALIGN_ATOM_JOURNEY);
    assert_int_equal(a.which, CAREALIGN_JF_FOLLOWED_UP_WITHIN);
    assert_int_equal(a.days, 3);
    /* fft-positive: responses counted, numerator with a threshold still counts. */
    assert_int_equal(carealign_framework_get_atom(fw, 0, CAREALIGN_CRIT_NUMERATOR, 0, &a),
                     CAREALIGN_OK);
    assert_int_equal(a.kind, CAREALIGN_ATOM_SCORE);
    assert_int_equal(a.which, CAREALIGN_SCORE_EACH);
    assert_int_equal(a.flags, CAREALIGN_ATOM_HAS_AT_LEAST);
    /* swemwbs-change: no numerator; the observation is the change. */
    assert_int_equal(carealign_framework_atom_count(fw, 2, CAREALIGN_CRIT_NUMERATOR, &n),
                     CAREALIGN_OK);
    assert_int_equal(n, 0);
    assert_int_equal(carealign_framework_get_atom(fw, 2, CAREALIGN_CRIT_OBSERVATION, 0, &a),
                     CAREALIGN_OK);
    assert_int_equal(a.kind, CAREALIGN_ATOM_CHANGE);
    assert_int_equal(a.which, CAREALIGN_CHANGE_VALUE);
    assert_int_equal(carealign_framework_atom_count(fw, 2, 7, &n), CAREALIGN_ERANGE);
    assert_int_equal(carealign_framework_atom_count(fw, 2, 0, &n), CAREALIGN_ERANGE);
    carealign_framework_free(fw);
}

static void journey_parameters(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("tests/framework/data/minimal.json");
    carealign_measure_info m = CAREALIGN_MEASURE_INFO_INIT;
    assert_int_equal(carealign_framework_get_measure(fw, 1, &m), CAREALIGN_OK);
    assert_int_equal(m.n_params, 4);
    /* Sorted by name. */
    static const char *const names[] = {"excluded_destinations", "followup_types",
                                        "followup_within_days", "same_day"};
    carealign_framework_param p = CAREALIGN_FRAMEWORK_PARAM_INIT;
    for (int32_t i = 0; i < 4; i++) {
        assert_int_equal(carealign_framework_get_param(fw, 1, i, &p), CAREALIGN_OK);
        assert_true(str_is(p.name, p.name_len, names[i]));
    }
    assert_int_equal(carealign_framework_get_param(fw, 1, 4, &p), CAREALIGN_ERANGE);
    assert_int_equal(carealign_framework_get_param(fw, 1, 0, &p), CAREALIGN_OK);
    assert_int_equal(p.kind, CAREALIGN_PARAM_CODESET);
    assert_int_equal(p.valueset, 2); /* after fft/positive and swemwbs/metric */
    assert_true(str_is(p.text, p.text_len, "died"));
    carealign_framework_valueset vs = CAREALIGN_FRAMEWORK_VALUESET_INIT;
    assert_int_equal(carealign_framework_get_valueset(fw, p.valueset, &vs), CAREALIGN_OK);
    assert_true(str_is(vs.name, vs.name_len, "died"));
    assert_int_equal(carealign_framework_get_param(fw, 1, 1, &p), CAREALIGN_OK);
    assert_int_equal(p.kind, CAREALIGN_PARAM_CONTACT_TYPES);
    assert_int_equal(p.n_values, 2);
    assert_int_equal(p.values[0], 4);
    assert_int_equal(p.values[1], 6);
    assert_true(p.mask == ((UINT64_C(1) << 4) | (UINT64_C(1) << 6)));
    assert_int_equal(carealign_framework_find_param(fw, 1, "followup_within_days", 20, &p),
                     CAREALIGN_OK);
    assert_int_equal(p.kind, CAREALIGN_PARAM_INT_LIST);
    assert_int_equal(p.n_values, 2);
    assert_int_equal(p.values[0], 3);
    assert_int_equal(p.values[1], 7);
    assert_int_equal(p.valueset, -1);
    assert_int_equal(carealign_framework_find_param(fw, 1, "same_day", 8, &p), CAREALIGN_OK);
    assert_int_equal(p.kind, CAREALIGN_PARAM_NAME);
    assert_int_equal(p.value, 1);
    assert_int_equal(carealign_framework_find_param(fw, 1, "min_age", 7, &p), CAREALIGN_EMISSING);
    assert_int_equal(carealign_framework_find_param(fw, 0, "same_day", 8, &p), CAREALIGN_EMISSING);
    carealign_framework_free(fw);
}

static void strata_crosses_and_costs(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("tests/framework/data/minimal.json");
    int32_t a = -1, b = -1;
    assert_int_equal(carealign_framework_get_cross(fw, 0, &a, &b), CAREALIGN_OK);
    assert_int_equal(a, 1); /* age */
    assert_int_equal(b, 2); /* sex */
    assert_int_equal(carealign_framework_get_cross(fw, 1, &a, &b), CAREALIGN_ERANGE);
    carealign_framework_stratum s = CAREALIGN_FRAMEWORK_STRATUM_INIT;
    assert_int_equal(carealign_framework_get_stratum(fw, 3, &s), CAREALIGN_OK);
    assert_true(str_is(s.id, s.id_len, "imd"));
    assert_true(str_is(s.edition, s.edition_len, "IoD 2019"));
    assert_int_equal(s.n_groups, 5);
    assert_int_equal(carealign_framework_get_stratum(fw, 0, &s), CAREALIGN_OK);
    assert_int_equal(s.kind, CAREALIGN_STRATUM_ORGANISATION);
    assert_int_equal(s.n_groups, 0);
    assert_null(s.band_lower);
    carealign_unit_cost uc = CAREALIGN_UNIT_COST_INIT;
    assert_int_equal(carealign_framework_get_unit_cost(fw, 2, &uc), CAREALIGN_OK);
    assert_int_equal(uc.contact_type, 5);
    assert_int_equal(uc.sector, 6);
    assert_int_equal(uc.per, CAREALIGN_COST_PER_HOUR);
    assert_int_equal(uc.pence, 3000);
    assert_int_equal(carealign_framework_get_unit_cost(fw, 0, &uc), CAREALIGN_OK);
    assert_int_equal(uc.sector, 0); /* "any" */
    int64_t pence;
    assert_int_equal(carealign_framework_unit_cost(fw, 4, 2, &pence), CAREALIGN_OK);
    assert_int_equal(pence, 7000);
    assert_int_equal(carealign_framework_unit_cost(fw, 4, 1, &pence), CAREALIGN_OK);
    assert_int_equal(pence, 6500);
    assert_int_equal(carealign_framework_unit_cost(fw, 4, 0, &pence), CAREALIGN_OK);
    assert_int_equal(pence, 6500);
    assert_int_equal(carealign_framework_unit_cost(fw, 1, 1, &pence), CAREALIGN_EMISSING);
    assert_int_equal(carealign_framework_unit_cost(fw, 1, 1, NULL), CAREALIGN_EINVAL);
    carealign_framework_free(fw);
}

/* ---- malformed variants ------------------------------------------------------ */

static carealign_status status_named(const char *name)
{
    static const struct {
        const char *name;
        carealign_status status;
    } names[] = {{"EINVAL", CAREALIGN_EINVAL},
                 {"EMISSING", CAREALIGN_EMISSING},
                 {"ERANGE", CAREALIGN_ERANGE},
                 {"EPARSE", CAREALIGN_EPARSE},
                 {"EUNSUPPORTED", CAREALIGN_EUNSUPPORTED}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].name, name) == 0)
            return names[i].status;
    fail_msg("unknown status %s in MANIFEST", name);
    return CAREALIGN_OK;
}

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static void every_bad_variant_gives_its_error(void **state)
{
    (void)state;
    size_t len;
    char *manifest = slurp("tests/data/bad/framework/MANIFEST", &len);
    int checked = 0, wrong = 0;
    for (char *line = strtok(manifest, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *fields[5];
        char *rest = line;
        for (int k = 0; k < 4; k++) {
            char *bar = strchr(rest, '|');
            assert_non_null(bar);
            *bar = '\0';
            fields[k] = trim(rest);
            rest = bar + 1;
        }
        fields[4] = trim(rest);
        char relative[256];
        snprintf(relative, sizeof relative, "tests/data/bad/framework/%s", fields[0]);
        size_t text_len;
        char *text = slurp(relative, &text_len);
        carealign_framework_load_options opt = CAREALIGN_FRAMEWORK_LOAD_OPTIONS_INIT;
        opt.source_name = fields[0];
        opt.source_name_len = strlen(fields[0]);
        carealign_framework *fw = (carealign_framework *)&fw; /* must stay untouched */
        carealign_framework *const sentinel = fw;
        carealign_status st = carealign_framework_load(text, text_len, &opt, &fw);
        char where[300];
        snprintf(where, sizeof where, "%s:%s:%s: ", fields[0], fields[2], fields[3]);
        const char *msg = carealign_last_error();
        if (st != status_named(fields[1]) || fw != sentinel ||
            carealign_last_error_line() != atoi(fields[2]) ||
            carealign_last_error_column() != atoi(fields[3]) || strstr(msg, where) != msg ||
            strstr(msg, fields[4]) == NULL) {
            print_error("%s: expected %s at %s:%s with \"%s\"\n  got %d: %s\n", fields[0],
                        fields[1], fields[2], fields[3], fields[4], st, msg);
            wrong++;
        }
        free(text);
        checked++;
    }
    free(manifest);
    assert_int_equal(wrong, 0);
    assert_true(checked >= 60);
}

/* ---- options and structs ----------------------------------------------------------- */

static void load_options_are_checked(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp("tests/framework/data/minimal.json", &len);
    carealign_framework *fw = NULL;
    carealign_framework_load_options opt;
    assert_int_equal(carealign_framework_load_options_init(&opt, sizeof opt), CAREALIGN_OK);
    assert_int_equal(opt.size, sizeof opt);
    assert_int_equal(opt.max_bytes, 0);
    assert_int_equal(carealign_framework_load_options_init(&opt, 39), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_load_options_init(NULL, sizeof opt), CAREALIGN_EINVAL);

    opt.max_bytes = len - 1;
    assert_int_equal(carealign_framework_load(text, len, &opt, &fw), CAREALIGN_ERANGE);
    opt.max_bytes = len;
    assert_int_equal(carealign_framework_load(text, len, &opt, &fw), CAREALIGN_OK);
    carealign_framework_free(fw);
    opt.max_bytes = 0;
    opt.max_depth = 4; /* the criteria nest deeper than that */
    assert_int_equal(carealign_framework_load(text, len, &opt, &fw), CAREALIGN_ERANGE);
    assert_non_null(strstr(carealign_last_error(), "framework:"));
    opt.max_depth = 0;
    opt.flags = 1;
    assert_int_equal(carealign_framework_load(text, len, &opt, &fw), CAREALIGN_EUNSUPPORTED);
    opt.flags = 0;
    opt.size = 16;
    assert_int_equal(carealign_framework_load(text, len, &opt, &fw), CAREALIGN_EINVAL);
    /* A newer caller's larger struct is fine while its extra bytes are zero. */
    struct {
        carealign_framework_load_options o;
        uint64_t newer;
    } big;
    memset(&big, 0, sizeof big);
    big.o.size = sizeof big;
    assert_int_equal(carealign_framework_load(text, len, &big.o, &fw), CAREALIGN_OK);
    carealign_framework_free(fw);
    big.newer = 1;
    assert_int_equal(carealign_framework_load(text, len, &big.o, &fw), CAREALIGN_EUNSUPPORTED);
    /* The source name in messages is bounded and printable. */
    opt = (carealign_framework_load_options)CAREALIGN_FRAMEWORK_LOAD_OPTIONS_INIT;
    opt.source_name = "bad\nname.json";
    opt.source_name_len = 13;
    assert_int_equal(carealign_framework_load("[]", 2, &opt, &fw), CAREALIGN_EINVAL);
    assert_non_null(strstr(carealign_last_error(), "bad?name.json:1:1: "));
    assert_int_equal(carealign_framework_load(NULL, 1, NULL, &fw), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_load(text, len, NULL, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_load("", 0, NULL, &fw), CAREALIGN_EPARSE);
    carealign_framework_free(NULL);
    free(text);
}

static void output_struct_sizes(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("tests/framework/data/minimal.json");
    carealign_measure_info m;
    assert_int_equal(carealign_measure_info_init(&m, sizeof m - 8), CAREALIGN_EINVAL);
    assert_int_equal(carealign_measure_info_init(&m, sizeof m), CAREALIGN_OK);
    m.size = sizeof m - 8;
    assert_int_equal(carealign_framework_get_measure(fw, 0, &m), CAREALIGN_EINVAL);
    /* A newer caller's larger struct: the unknown tail is zeroed. */
    struct {
        carealign_measure_info m;
        unsigned char tail[24];
    } big;
    memset(&big, 0xAB, sizeof big);
    big.m.size = sizeof big;
    assert_int_equal(carealign_framework_get_measure(fw, 0, &big.m), CAREALIGN_OK);
    assert_int_equal(big.m.size, sizeof big);
    for (size_t i = 0; i < sizeof big.tail; i++)
        assert_int_equal(big.tail[i], 0);
    assert_true(str_is(big.m.id, big.m.id_len, "fft-positive"));
    assert_int_equal(carealign_framework_get_measure(fw, 0, NULL), CAREALIGN_EINVAL);

    carealign_framework_info info;
    assert_int_equal(carealign_framework_info_init(&info, sizeof info), CAREALIGN_OK);
    info.size = 100;
    assert_int_equal(carealign_framework_get_info(fw, &info), CAREALIGN_EINVAL);
    carealign_framework_stratum s;
    assert_int_equal(carealign_framework_stratum_init(&s, 8), CAREALIGN_EINVAL);
    carealign_framework_valueset vs;
    assert_int_equal(carealign_framework_valueset_init(&vs, sizeof vs), CAREALIGN_OK);
    carealign_unit_cost uc;
    assert_int_equal(carealign_unit_cost_init(&uc, sizeof uc), CAREALIGN_OK);
    assert_int_equal(uc.size, 32);
    carealign_framework_param p;
    assert_int_equal(carealign_framework_param_init(&p, sizeof p), CAREALIGN_OK);
    carealign_framework_atom a;
    assert_int_equal(carealign_framework_atom_init(&a, sizeof a), CAREALIGN_OK);
    carealign_write_options w;
    assert_int_equal(carealign_write_options_init(&w, sizeof w), CAREALIGN_OK);
    assert_int_equal(w.flags, 0);
    carealign_framework_free(fw);
}

static void code_names(void **state)
{
    (void)state;
    assert_string_equal(carealign_framework_code_name(CAREALIGN_TABLE_AIM, 2), "outcomes");
    assert_string_equal(carealign_framework_code_name(CAREALIGN_TABLE_SCORING, 3),
                        "continuous-variable");
    assert_string_equal(carealign_framework_code_name(CAREALIGN_TABLE_CONTACT_TYPE, 13),
                        "care_home_admission_long_term");
    assert_string_equal(carealign_framework_code_name(CAREALIGN_TABLE_SECTOR, 6),
                        "independent_provider");
    assert_string_equal(carealign_framework_code_name(CAREALIGN_TABLE_CRITERION, 6),
                        "measure_observation");
    assert_string_equal(carealign_framework_code_name(CAREALIGN_TABLE_JOURNEY_FIGURE, 26),
                        "fragmentation");
    assert_string_equal(carealign_framework_code_name(CAREALIGN_TABLE_INTERVAL, 2), "quarter");
    assert_string_equal(carealign_framework_code_name(CAREALIGN_TABLE_AIM, 9), "");
    assert_string_equal(carealign_framework_code_name(99, 1), "");
    assert_string_equal(carealign_framework_code_name(0, 1), "");
}

/* ---- FHIR: the composite rule ------------------------------------------------------ */

/* A measure's "composite" rule goes into its FHIR Measure as the extension
 * urn:carealign:fhir:composite-rule (docs/framework.md, section 7): three
 * "threshold" valueDecimal sub-extensions, best first, and the "source". The
 * expected text is copied by hand from tests/scorecard/data/features.json
 * (gas-goals-met: 60, 50, 40 and its source); of its measures only
 * gas-goals-met and gas-mean-t state a rule, so the URL occurs twice. */
static void fhir_composite_extension(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("tests/scorecard/data/features.json");
    size_t need = 0;
    assert_int_equal(carealign_framework_to_fhir(fw, NULL, NULL, 0, &need), CAREALIGN_EBUFSIZE);
    char *fhir = malloc(need);
    assert_non_null(fhir);
    size_t len = 0;
    assert_int_equal(carealign_framework_to_fhir(fw, NULL, fhir, need, &len), CAREALIGN_OK);
    const char *want =
        "\"id\":\"gas-goals-met\",\"extension\":[{\"url\":\"urn:carealign:fhir:composite-rule\","
        "\"extension\":[{\"url\":\"threshold\",\"valueDecimal\":60},{\"url\":\"threshold\","
        "\"valueDecimal\":50},{\"url\":\"threshold\",\"valueDecimal\":40},{\"url\":\"source\","
        "\"valueString\":\"test rule: 60% or more scores 1, 50% 2, 40% 3, below 4\"}]}],\"url\":";
    assert_non_null(strstr(fhir, want));
    size_t n = 0;
    for (const char *q = fhir; (q = strstr(q, "urn:carealign:fhir:composite-rule")) != NULL; q++)
        n++;
    assert_int_equal(n, 2);
    free(fhir);
    carealign_framework_free(fw);
    /* the England default states no rule: no extension */
    fw = load_file("examples/frameworks/england-integrated-care.json");
    assert_int_equal(carealign_framework_to_fhir(fw, NULL, NULL, 0, &need), CAREALIGN_EBUFSIZE);
    fhir = malloc(need);
    assert_non_null(fhir);
    assert_int_equal(carealign_framework_to_fhir(fw, NULL, fhir, need, &len), CAREALIGN_OK);
    assert_null(strstr(fhir, "composite-rule"));
    free(fhir);
    carealign_framework_free(fw);
}

/* ---- threads: a loaded framework is shared without locks ------------------------- */

typedef struct shared {
    const carealign_framework *fw;
    const char *fhir;
    size_t fhir_len;
    uint8_t hash[32];
    int mismatches;
} shared;

static void *reader(void *arg)
{
    shared *s = arg;
    char *buf = malloc(s->fhir_len + 1);
    for (int i = 0; i < 20 && buf != NULL; i++) {
        size_t len = 0;
        uint8_t hash[32];
        carealign_framework_info info = CAREALIGN_FRAMEWORK_INFO_INIT;
        if (carealign_framework_to_fhir(s->fw, NULL, buf, s->fhir_len + 1, &len) != CAREALIGN_OK ||
            len != s->fhir_len || memcmp(buf, s->fhir, len) != 0 ||
            carealign_framework_hash(s->fw, hash) != CAREALIGN_OK ||
            memcmp(hash, s->hash, 32) != 0 ||
            carealign_framework_get_info(s->fw, &info) != CAREALIGN_OK ||
            memcmp(info.hash, s->hash, 32) != 0)
            __atomic_add_fetch(&s->mismatches, 1, __ATOMIC_SEQ_CST);
    }
    free(buf);
    return NULL;
}

static void shared_across_threads(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/england-integrated-care.json");
    shared s = {fw, NULL, 0, {0}, 0};
    size_t need = 0;
    assert_int_equal(carealign_framework_to_fhir(fw, NULL, NULL, 0, &need), CAREALIGN_EBUFSIZE);
    char *fhir = malloc(need);
    assert_int_equal(carealign_framework_to_fhir(fw, NULL, fhir, need, &s.fhir_len), CAREALIGN_OK);
    s.fhir = fhir;
    assert_int_equal(carealign_framework_hash(fw, s.hash), CAREALIGN_OK);
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, reader, &s), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    assert_int_equal(s.mismatches, 0);
    free(fhir);
    carealign_framework_free(fw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(install_counting_allocator),
        cmocka_unit_test(every_allocation_failure_is_clean),
        cmocka_unit_test(england_framework),
        cmocka_unit_test(learning_disability_framework),
        cmocka_unit_test(measure_fields),
        cmocka_unit_test(criteria_atoms),
        cmocka_unit_test(journey_parameters),
        cmocka_unit_test(strata_crosses_and_costs),
        cmocka_unit_test(every_bad_variant_gives_its_error),
        cmocka_unit_test(load_options_are_checked),
        cmocka_unit_test(output_struct_sizes),
        cmocka_unit_test(code_names),
        cmocka_unit_test(fhir_composite_extension),
        cmocka_unit_test(shared_across_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
