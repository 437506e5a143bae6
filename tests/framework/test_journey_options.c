/* A measure's journey parameters as the journey layer's options
 * (carealign_framework_get_journey_options, lib/framework/journey_options.c).
 *
 * Expected values are written by hand from the framework files
 * (examples/frameworks/, the definitions partners sign up to), from the
 * journey layer's documented meaning of each field (include/carealign/journey.h)
 * and, for ASCOF 2D, from the parameter set docs/journey.md gives, which
 * follows DHSC's published SQL (DataS-DHSC/ASC-CLD-LA-Dashboard,
 * ASCOF_measures/Create_ASCOF_2D.sql). Day numbers from Python's datetime:
 * 2025-04-01 is day 20179, 2026-03-31 day 20543. The end-to-end figures are
 * worked by hand in the comments beside them. */
#include "cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/framework.h"
#include "carealign/journey.h"

#ifndef CAREALIGN_SOURCE_DIR
#error "CAREALIGN_SOURCE_DIR must name the source tree"
#endif

#define DAY_2025_04_01 20179
#define DAY_2026_03_31 20543

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

static carealign_status load_text(const char *text, carealign_framework **fw)
{
    return carealign_framework_load(text, strlen(text), NULL, fw);
}

static carealign_framework *load_file(const char *relative)
{
    size_t len;
    char *text = slurp(relative, &len);
    carealign_framework *fw = NULL;
    if (load_text(text, &fw) != CAREALIGN_OK)
        fail_msg("%s: %s", relative, carealign_last_error());
    free(text);
    return fw;
}

/* The text of a shipped file with one passage replaced (it must occur). */
static char *edited(const char *relative, const char *from, const char *to)
{
    size_t len;
    char *text = slurp(relative, &len);
    char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = len - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    memcpy(out + head, to, strlen(to));
    strcpy(out + head + strlen(to), at + strlen(from));
    free(text);
    return out;
}

/* text with one more passage replaced (it must occur); frees text. */
static char *replace_in(char *text, const char *from, const char *to)
{
    char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    memcpy(out + head, to, strlen(to));
    strcpy(out + head + strlen(to), at + strlen(from));
    free(text);
    return out;
}

static carealign_journey_options options_of(const carealign_framework *fw, const char *id)
{
    int32_t index = -1;
    assert_int_equal(carealign_framework_find_measure(fw, id, strlen(id), &index), CAREALIGN_OK);
    carealign_journey_options o;
    memset(&o, 0xA5, sizeof o);
    o.size = sizeof o;
    if (carealign_framework_get_journey_options(fw, index, &o) != CAREALIGN_OK)
        fail_msg("%s: %s", id, carealign_last_error());
    return o;
}

/* The defaults every measure starts from: the framework's reporting period
 * and its unit costs; everything else zero (the journey defaults). */
static carealign_journey_options base(const carealign_framework *fw)
{
    carealign_journey_options o = CAREALIGN_JOURNEY_OPTIONS_INIT;
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = DAY_2025_04_01;
    o.period_end = DAY_2026_03_31;
    (void)fw;
    o.n_cost_types = 16;
    o.n_cost_sectors = 32;
    return o;
}

static void expect_list(const int32_t *got, size_t n_got, const int32_t *want, size_t n_want)
{
    assert_int_equal(n_got, n_want);
    if (n_want == 0)
        return;
    assert_non_null(got);
    for (size_t i = 0; i < n_want; i++)
        assert_int_equal(got[i], want[i]);
}

/* Every field, the lists by content; the unit-cost table is checked apart. */
static void expect_options(const carealign_journey_options *got,
                           const carealign_journey_options *want)
{
    assert_int_equal(got->size, sizeof(carealign_journey_options));
    assert_int_equal(got->has, want->has);
    assert_int_equal(got->flags, want->flags);
    assert_int_equal(got->period_start, want->period_start);
    assert_int_equal(got->period_end, want->period_end);
    assert_int_equal(got->continuity_types, want->continuity_types);
    assert_int_equal(got->followup_types, want->followup_types);
    assert_int_equal(got->assessment_types, want->assessment_types);
    assert_int_equal(got->min_contacts, want->min_contacts);
    assert_int_equal(got->same_day, want->same_day);
    for (int i = 0; i < 4; i++)
        assert_int_equal(got->followup_within[i], want->followup_within[i]);
    assert_int_equal(got->readmission_days, want->readmission_days);
    assert_int_equal(got->duplicate_days, want->duplicate_days);
    assert_int_equal(got->reablement_followup_days, want->reablement_followup_days);
    assert_int_equal(got->reablement_before, want->reablement_before);
    assert_int_equal(got->reablement_after, want->reablement_after);
    assert_int_equal(got->reablement_cluster_gap, want->reablement_cluster_gap);
    assert_int_equal(got->reablement_min_age, want->reablement_min_age);
    assert_int_equal(got->reablement_outcome, want->reablement_outcome);
    assert_int_equal(got->reablement_discharge_first, want->reablement_discharge_first);
    assert_int_equal(got->reablement_discharge_last, want->reablement_discharge_last);
    assert_int_equal(got->stay_sectors, want->stay_sectors);
    assert_int_equal(got->reserved, 0);
    expect_list(got->reablement_excluded_methods, got->n_reablement_excluded_methods,
                want->reablement_excluded_methods, want->n_reablement_excluded_methods);
    expect_list(got->reablement_excluded_destinations, got->n_reablement_excluded_destinations,
                want->reablement_excluded_destinations, want->n_reablement_excluded_destinations);
    expect_list(got->readmission_excluded_methods, got->n_readmission_excluded_methods,
                want->readmission_excluded_methods, want->n_readmission_excluded_methods);
    assert_non_null(got->unit_costs);
    assert_int_equal(got->n_cost_types, want->n_cost_types);
    assert_int_equal(got->n_cost_sectors, want->n_cost_sectors);
    assert_int_equal(got->reablement_max_age, want->reablement_max_age);
    assert_int_equal(got->reserved2, 0);
    expect_list(got->discharge_excluded_destinations, got->n_discharge_excluded_destinations,
                want->discharge_excluded_destinations, want->n_discharge_excluded_destinations);
}

#define T(x) CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_##x)

static const int32_t dest_died[] = {79};

/* examples/frameworks/england-integrated-care.json, measure by measure. */
static void england_measures(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/england-integrated-care.json");

    /* "assessment_types": social care and health assessments, "duplicate_days": 90 */
    carealign_journey_options want = base(fw);
    want.assessment_types = T(SOCIAL_CARE_ASSESSMENT) | T(HEALTH_ASSESSMENT);
    want.duplicate_days = 90;
    carealign_journey_options got = options_of(fw, "duplicate-assessments");
    expect_options(&got, &want);

    /* "min_contacts": 2, "same_day": "collapse", nine continuity types */
    want = base(fw);
    want.min_contacts = 2;
    want.same_day = CAREALIGN_SAMEDAY_COLLAPSE;
    want.continuity_types = T(ADMISSION) | T(EMERGENCY_ADMISSION) | T(COMMUNITY_VISIT) |
                            T(GP_APPOINTMENT) | T(SOCIAL_CARE_ASSESSMENT) | T(HEALTH_ASSESSMENT) |
                            T(REVIEW) | T(REABLEMENT_START) | T(CARE_PACKAGE_START);
    got = options_of(fw, "continuity-of-care");
    expect_options(&got, &want);

    /* "followup_within_days": [3], eight follow-up types, "excluded_destinations":
     * "discharge-died" (code 79) */
    want = base(fw);
    want.followup_within[0] = 3;
    want.followup_types = T(COMMUNITY_VISIT) | T(HOMECARE_VISIT) | T(GP_APPOINTMENT) |
                          T(SOCIAL_CARE_ASSESSMENT) | T(HEALTH_ASSESSMENT) | T(REVIEW) |
                          T(REABLEMENT_START) | T(CARE_PACKAGE_START);
    want.discharge_excluded_destinations = dest_died; /* not a reablement measure */
    want.n_discharge_excluded_destinations = 1;
    got = options_of(fw, "followup-72h");
    expect_options(&got, &want);

    /* Measures without journey parameters: the period and the costs only. */
    carealign_framework_info info = CAREALIGN_FRAMEWORK_INFO_INIT;
    assert_int_equal(carealign_framework_get_info(fw, &info), CAREALIGN_OK);
    int without = 0;
    for (int32_t i = 0; i < info.n_measures; i++) {
        carealign_measure_info m = CAREALIGN_MEASURE_INFO_INIT;
        assert_int_equal(carealign_framework_get_measure(fw, i, &m), CAREALIGN_OK);
        if (m.n_params != 0)
            continue;
        without++;
        want = base(fw);
        assert_int_equal(carealign_framework_get_journey_options(fw, i, &got), CAREALIGN_OK);
        expect_options(&got, &want);
    }
    assert_true(without >= 10);
    carealign_framework_free(fw);
}

/* ASCOF 2D 2024/25: exactly the parameter set docs/journey.md gives ("Example
 * parameter values. ASCOF 2D from 2024/25"), written out again here. The
 * period is the framework's reporting year (2025/26); docs/journey.md shows
 * the 2024/25 year. */
static void ascof2d_matches_docs_journey(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/england-integrated-care.json");
    static const int32_t methods[] = {31, 32, 82, 83};
    static const int32_t dests[] = {49, 50, 51, 52, 79, 87, 88};
    carealign_journey_options o = CAREALIGN_JOURNEY_OPTIONS_INIT;
    o.has = CAREALIGN_JOPT_HAS_PERIOD | CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE;
    o.period_start = DAY_2025_04_01;
    o.period_end = DAY_2026_03_31;
    o.reablement_followup_days = 84; /* 12 weeks */
    o.reablement_before = 7;
    o.reablement_after = 3;
    o.reablement_cluster_gap = 7;
    o.reablement_min_age = 65;
    o.reablement_outcome = CAREALIGN_REABLE_OUTCOME_NO_EVENT;
    o.flags = CAREALIGN_JOPT_AGE_DAYS_365_25 | CAREALIGN_JOPT_REABLE_EXCLUDE_ZERO_LOS |
              CAREALIGN_JOPT_REABLE_READMIT_EXCLUDE_ZERO_LOS |
              CAREALIGN_JOPT_REABLE_EXCLUDE_DIED_IN_HOSPITAL | CAREALIGN_JOPT_REABLE_EXCLUDE_LTS;
    o.reablement_excluded_methods = methods;
    o.n_reablement_excluded_methods = 4;
    o.reablement_excluded_destinations = dests;
    o.n_reablement_excluded_destinations = 7;
    o.n_cost_types = 16;
    o.n_cost_sectors = 32;
    carealign_journey_options got = options_of(fw, "ascof-2d");
    expect_options(&got, &o);
    carealign_framework_free(fw);
}

/* examples/frameworks/learning-disability-service.json. */
static void learning_disability_measures(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/learning-disability-service.json");
    /* "min_contacts": 3, "same_day": "keep" */
    carealign_journey_options want = base(fw);
    want.min_contacts = 3;
    want.same_day = CAREALIGN_SAMEDAY_KEEP;
    carealign_journey_options got = options_of(fw, "continuity-of-care");
    expect_options(&got, &want);
    /* "followup_within_days": [3, 7], "excluded_destinations": "discharge-died" */
    want = base(fw);
    want.followup_within[0] = 3;
    want.followup_within[1] = 7;
    want.discharge_excluded_destinations = dest_died;
    want.n_discharge_excluded_destinations = 1;
    got = options_of(fw, "followup-after-discharge");
    expect_options(&got, &want);

    /* Its unit costs: community visits 7200 in nhs_community, 6500 in any
     * other sector (also unknown, 0, and 31); homecare 3200 only for
     * independent providers; reviews 11000 only for the local authority. */
    const int64_t *c = got.unit_costs;
    size_t w = got.n_cost_sectors;
    assert_int_equal(c[4 * w + 2], 7200);
    assert_int_equal(c[4 * w + 0], 6500);
    assert_int_equal(c[4 * w + 1], 6500);
    assert_int_equal(c[4 * w + 9], 6500);
    assert_int_equal(c[4 * w + 31], 6500);
    assert_int_equal(c[5 * w + 6], 3200);
    assert_true(c[5 * w + 5] == CAREALIGN_NA_I64);
    assert_int_equal(c[14 * w + 5], 11000);
    assert_true(c[14 * w + 4] == CAREALIGN_NA_I64);
    assert_int_equal(c[2 * w + 1], 45000);
    for (size_t s = 0; s < w; s++) {
        assert_true(c[0 * w + s] == CAREALIGN_NA_I64);  /* no type 0 */
        assert_true(c[15 * w + s] == CAREALIGN_NA_I64); /* deaths are not priced */
    }
    carealign_framework_free(fw);
}

static void england_unit_cost_table(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/england-integrated-care.json");
    carealign_journey_options o = options_of(fw, "continuity-of-care");
    const int64_t *c = o.unit_costs;
    size_t w = o.n_cost_sectors;
    /* Items of the file: admission and emergency admission in nhs_acute 45000
     * per day; homecare visit any sector 3000 per hour; GP appointment 4200 in
     * primary care only; social care assessment 25000 in the local authority
     * only; care-home admission any sector 15000 per day. */
    assert_int_equal(c[1 * w + 1], 45000);
    assert_true(c[1 * w + 2] == CAREALIGN_NA_I64);
    assert_int_equal(c[2 * w + 1], 45000);
    for (size_t s = 0; s < w; s++) {
        assert_int_equal(c[5 * w + s], 3000);
        assert_int_equal(c[13 * w + s], 15000);
        assert_true(c[3 * w + s] == CAREALIGN_NA_I64); /* discharges are not priced */
    }
    assert_int_equal(c[6 * w + 4], 4200);
    assert_true(c[6 * w + 2] == CAREALIGN_NA_I64);
    assert_int_equal(c[7 * w + 5], 25000);
    assert_true(c[7 * w + 6] == CAREALIGN_NA_I64);
    /* The same table for every measure: it lives in the framework. */
    carealign_journey_options o2 = options_of(fw, "ascof-2d");
    assert_ptr_equal(o2.unit_costs, o.unit_costs);
    carealign_framework_free(fw);
}

static void add(carealign_journey *j, int32_t org, int32_t sector, int32_t type, int32_t start,
                int32_t end, int64_t activity)
{
    carealign_contact c = CAREALIGN_CONTACT_INIT;
    c.org = org;
    c.sector = sector;
    c.type = type;
    c.start_day = start;
    if (end >= 0) {
        c.end_day = end;
        c.has |= CAREALIGN_CONTACT_HAS_END;
    }
    if (activity >= 0) {
        c.activity = activity;
        c.has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
    }
    assert_int_equal(carealign_journey_add_contact(j, &c), CAREALIGN_OK);
}

/* One person's hand-built journey through options from the framework's
 * follow-up measure (england-integrated-care.json, "followup-72h"). */
static void end_to_end_followup_and_cost(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/england-integrated-care.json");
    carealign_journey_options o = options_of(fw, "followup-72h");
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    /* 2025-04-17 (20195) emergency admission to the acute trust (org 0),
     * discharged 2025-04-20 (20198): 3 days priced at 45000 = 135000.
     * Homecare visit 2025-04-22 (20200), 2 hours from an independent provider
     * at 3000 = 6000: the first follow-up, 2 days after discharge (<= 3).
     * GP appointment 2025-04-25 (20203): 4200. Community visit 2025-04-28
     * (20206) by the community trust: 6500 (any sector).
     * Care package end 2025-05-01 (20209): the framework prices none, so it
     * is counted unpriced. Total 135000 + 6000 + 4200 + 6500 = 151700. */
    add(j, 0, CAREALIGN_SECTOR_NHS_ACUTE, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 20195, 20198, 3);
    add(j, 1, CAREALIGN_SECTOR_INDEPENDENT_PROVIDER, CAREALIGN_CONTACT_HOMECARE_VISIT, 20200, -1,
        2);
    add(j, 2, CAREALIGN_SECTOR_PRIMARY_CARE, CAREALIGN_CONTACT_GP_APPOINTMENT, 20203, -1, -1);
    add(j, 3, CAREALIGN_SECTOR_NHS_COMMUNITY, CAREALIGN_CONTACT_COMMUNITY_VISIT, 20206, -1, -1);
    add(j, 4, CAREALIGN_SECTOR_LOCAL_AUTHORITY, CAREALIGN_CONTACT_CARE_PACKAGE_END, 20209, -1, -1);
    carealign_journey_result r = CAREALIGN_JOURNEY_RESULT_INIT;
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_OK);
    assert_int_equal(r.n_discharges, 1);
    assert_int_equal(r.followup_days[0], 3);
    assert_int_equal(r.followup_days[1], 0);
    assert_int_equal(r.n_followup_within[0], 1);
    assert_int_equal(r.n_followup_none, 0);
    assert_int_equal(r.cost_pence, 151700);
    assert_int_equal(r.n_unpriced, 1);
    assert_true(r.flags & CAREALIGN_JR_UNPRICED_ACTIVITY);
    assert_int_equal(r.days_observed, 365);
    assert_int_equal(r.bed_days, 3);
    carealign_journey_free(j);
    carealign_framework_free(fw);
}

/* ASCOF 2D through the framework's options: a person born January 1950
 * (75 at discharge), admitted 2025-04-17 (20195) by method 21, discharged
 * 2025-04-22 (20200) to destination 19 (usual residence), reablement from
 * 2025-04-24 (20202, 2 days after discharge: within 7 before / 3 after) to
 * 2025-05-22 (20230). With no event up to 84 days the cluster is in the
 * denominator and the numerator; an emergency readmission of two nights on
 * 2025-06-01 (20240, 40 days after) takes it out of the numerator; with
 * destination 79, one of the code set's, the discharge is excluded. */
static void end_to_end_ascof2d(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/england-integrated-care.json");
    carealign_journey_options o = options_of(fw, "ascof-2d");
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    for (int variant = 0; variant < 3; variant++) {
        carealign_journey_reset(j);
        carealign_person p = CAREALIGN_PERSON_INIT;
        p.has = CAREALIGN_PERSON_HAS_BIRTH;
        p.birth_year = 1950;
        p.birth_month = 1;
        assert_int_equal(carealign_journey_set_person(j, &p), CAREALIGN_OK);
        carealign_contact c = CAREALIGN_CONTACT_INIT;
        c.org = 0;
        c.sector = CAREALIGN_SECTOR_NHS_ACUTE;
        c.type = CAREALIGN_CONTACT_ADMISSION;
        c.start_day = 20195;
        c.end_day = 20200;
        c.admission_method = 21;
        c.discharge_destination = variant == 2 ? 79 : 19;
        c.has = CAREALIGN_CONTACT_HAS_END | CAREALIGN_CONTACT_HAS_ADMISSION_METHOD |
                CAREALIGN_CONTACT_HAS_DESTINATION;
        assert_int_equal(carealign_journey_add_contact(j, &c), CAREALIGN_OK);
        add(j, 1, CAREALIGN_SECTOR_LOCAL_AUTHORITY, CAREALIGN_CONTACT_REABLEMENT_START, 20202,
            20230, -1);
        if (variant == 1)
            add(j, 0, CAREALIGN_SECTOR_NHS_ACUTE, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 20240,
                20242, -1);
        carealign_journey_result r = CAREALIGN_JOURNEY_RESULT_INIT;
        assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_OK);
        assert_int_equal(r.n_reablement_denominator, variant == 2 ? 0 : 1);
        assert_int_equal(r.n_reablement_numerator, variant == 0 ? 1 : 0);
        assert_int_equal(r.n_reablement_excluded, variant == 2 ? 1 : 0);
    }
    carealign_journey_free(j);
    carealign_framework_free(fw);
}

/* The follow-up measure's exclusion of deaths (issue 7): followup-72h of
 * england-integrated-care.json names "excluded_destinations":
 * "discharge-died" (code 79). Stay A: emergency admission 2025-04-17
 * (20195) to 2025-04-20 (20198), destination 19; homecare visit 2025-04-22
 * (20200), 2 days later: followed up within 3. Stay B: emergency admission
 * 2025-05-01 (20209) to 2025-05-03 (20211), destination 79 (died): no
 * follow-up after it. Without the exclusion that is 2 discharges, 1 within
 * 3 days; with it (the framework's options) 1 discharge, 1 within 3: 100%. */
static void end_to_end_followup_excludes_deaths(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/england-integrated-care.json");
    carealign_journey_options o = options_of(fw, "followup-72h");
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    carealign_contact c = CAREALIGN_CONTACT_INIT;
    c.org = 0;
    c.sector = CAREALIGN_SECTOR_NHS_ACUTE;
    c.type = CAREALIGN_CONTACT_EMERGENCY_ADMISSION;
    c.has = CAREALIGN_CONTACT_HAS_END | CAREALIGN_CONTACT_HAS_DESTINATION;
    c.start_day = 20195;
    c.end_day = 20198;
    c.discharge_destination = 19;
    assert_int_equal(carealign_journey_add_contact(j, &c), CAREALIGN_OK);
    c.start_day = 20209;
    c.end_day = 20211;
    c.discharge_destination = 79;
    assert_int_equal(carealign_journey_add_contact(j, &c), CAREALIGN_OK);
    add(j, 1, CAREALIGN_SECTOR_INDEPENDENT_PROVIDER, CAREALIGN_CONTACT_HOMECARE_VISIT, 20200, -1,
        -1);
    carealign_journey_result r = CAREALIGN_JOURNEY_RESULT_INIT;
    carealign_journey_options plain = o;
    plain.discharge_excluded_destinations = NULL;
    plain.n_discharge_excluded_destinations = 0;
    assert_int_equal(carealign_journey_compute(j, &plain, &r), CAREALIGN_OK);
    assert_int_equal(r.n_discharges, 2);
    assert_int_equal(r.n_followup_within[0], 1);
    assert_int_equal(r.n_followup_none, 1);
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_OK);
    assert_int_equal(r.n_discharges, 1);
    assert_int_equal(r.n_followup_within[0], 1);
    assert_int_equal(r.n_followup_none, 0);
    carealign_journey_free(j);
    carealign_framework_free(fw);
}

/* national_readmission (issue 7): true claims the national exclusions, so the
 * measure must name them: readmission_excluded_methods (admission methods
 * that are never readmissions) and excluded_destinations (index discharges
 * not counted, deaths). Then the options carry both lists and the flag. */
static void national_readmission(void **state)
{
    (void)state;
    static const char *const from = "\"followup_within_days\": [3, 7],";
    char *text = edited("examples/frameworks/learning-disability-service.json", from,
                        "\"followup_within_days\": [3, 7], \"national_readmission\": true,");
    text = replace_in(text, "\"excluded_destinations\": \"discharge-died\"",
                      "\"readmission_days\": 30");
    carealign_framework *fw = NULL;
    assert_int_equal(load_text(text, &fw), CAREALIGN_EINVAL);
    assert_non_null(strstr(carealign_last_error(), "national_readmission"));
    assert_non_null(strstr(carealign_last_error(), "readmission_excluded_methods"));
    free(text);

    text = edited("examples/frameworks/learning-disability-service.json", from,
                  "\"followup_within_days\": [3, 7], \"national_readmission\": true, "
                  "\"readmission_excluded_methods\": \"maternity-births\",");
    text = replace_in(text, "\"excluded_destinations\": \"discharge-died\"",
                      "\"readmission_days\": 30");
    text = replace_in(text, "\"code_sets\": [",
                      "\"code_sets\": [{\"id\": \"maternity-births\", \"system\": "
                      "\"https://www.datadictionary.nhs.uk/attributes/admission_method.html\", "
                      "\"codes\": [\"31\", \"32\", \"82\", \"83\"], \"source\": \"test\"},");
    assert_int_equal(load_text(text, &fw), CAREALIGN_EINVAL);
    assert_non_null(strstr(carealign_last_error(), "excluded_destinations"));
    free(text);

    text = edited("examples/frameworks/learning-disability-service.json", from,
                  "\"followup_within_days\": [3, 7], \"national_readmission\": true, "
                  "\"readmission_excluded_methods\": \"maternity-births\",");
    text = replace_in(text, "\"code_sets\": [",
                      "\"code_sets\": [{\"id\": \"maternity-births\", \"system\": "
                      "\"https://www.datadictionary.nhs.uk/attributes/admission_method.html\", "
                      "\"codes\": [\"31\", \"32\", \"82\", \"83\"], \"source\": \"test\"},");
    assert_int_equal(load_text(text, &fw), CAREALIGN_OK);
    free(text);
    carealign_journey_options want = base(fw);
    want.flags = CAREALIGN_JOPT_NATIONAL_READMISSION;
    want.followup_within[0] = 3;
    want.followup_within[1] = 7;
    static const int32_t methods[] = {31, 32, 82, 83};
    want.readmission_excluded_methods = methods;
    want.n_readmission_excluded_methods = 4;
    want.discharge_excluded_destinations = dest_died;
    want.n_discharge_excluded_destinations = 1;
    carealign_journey_options got = options_of(fw, "followup-after-discharge");
    expect_options(&got, &want);
    carealign_framework_free(fw);
}

static carealign_journey_options options_of_status(const carealign_framework *fw, const char *id,
                                                   carealign_status expected)
{
    int32_t index = -1;
    assert_int_equal(carealign_framework_find_measure(fw, id, strlen(id), &index), CAREALIGN_OK);
    carealign_journey_options o = CAREALIGN_JOURNEY_OPTIONS_INIT;
    assert_int_equal(carealign_framework_get_journey_options(fw, index, &o), expected);
    return o;
}

static void errors(void **state)
{
    (void)state;
    carealign_framework *fw = load_file("examples/frameworks/learning-disability-service.json");
    carealign_journey_options o = CAREALIGN_JOURNEY_OPTIONS_INIT;
    assert_int_equal(carealign_framework_get_journey_options(NULL, 0, &o), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_get_journey_options(fw, 0, NULL), CAREALIGN_EINVAL);
    assert_int_equal(carealign_framework_get_journey_options(fw, -1, &o), CAREALIGN_ERANGE);
    assert_int_equal(carealign_framework_get_journey_options(fw, 1000, &o), CAREALIGN_ERANGE);
    o.size = 191;
    assert_int_equal(carealign_framework_get_journey_options(fw, 0, &o), CAREALIGN_EINVAL);

    /* A later, larger struct: the fields this release does not know are zeroed. */
    unsigned char big[sizeof(carealign_journey_options) + 16];
    memset(big, 0xFF, sizeof big);
    size_t size = sizeof big;
    memcpy(big, &size, sizeof size);
    assert_int_equal(
        carealign_framework_get_journey_options(fw, 0, (carealign_journey_options *)(void *)big),
        CAREALIGN_OK);
    memcpy(&size, big, sizeof size);
    assert_int_equal(size, sizeof big);
    for (size_t i = sizeof(carealign_journey_options); i < sizeof big; i++)
        assert_int_equal(big[i], 0);
    carealign_framework_free(fw);

    /* max_age sets the maximum age, which only a caller of the current size
     * can receive; a measure without the appended fields still fills a
     * first-release (192-byte) struct, leaving the bytes after it alone. */
    char *text = edited("examples/frameworks/learning-disability-service.json",
                        "\"min_contacts\": 3", "\"min_contacts\": 3, \"max_age\": 64");
    assert_int_equal(load_text(text, &fw), CAREALIGN_OK);
    free(text);
    o = options_of_status(fw, "continuity-of-care", CAREALIGN_OK);
    assert_int_equal(o.has, CAREALIGN_JOPT_HAS_PERIOD | CAREALIGN_JOPT_HAS_REABLEMENT_MAX_AGE);
    assert_int_equal(o.reablement_max_age, 64);
    assert_int_equal(o.min_contacts, 3);
    memset(&o, 0x5A, sizeof o);
    o.size = 192;
    int32_t index = -1;
    assert_int_equal(carealign_framework_find_measure(fw, "continuity-of-care", 18, &index),
                     CAREALIGN_OK);
    assert_int_equal(carealign_framework_get_journey_options(fw, index, &o),
                     CAREALIGN_EUNSUPPORTED);
    assert_non_null(strstr(carealign_last_error(), "max_age"));
    assert_int_equal(carealign_framework_find_measure(fw, "followup-after-discharge", 24, &index),
                     CAREALIGN_OK);
    assert_int_equal(carealign_framework_get_journey_options(fw, index, &o),
                     CAREALIGN_EUNSUPPORTED); /* excluded_destinations, not a reablement measure */
    assert_non_null(strstr(carealign_last_error(), "excluded_destinations"));
    assert_int_equal(carealign_framework_find_measure(fw, "fft-positive", 12, &index),
                     CAREALIGN_OK);
    assert_int_equal(carealign_framework_get_journey_options(fw, index, &o), CAREALIGN_OK);
    assert_int_equal(o.size, 192);
    assert_int_equal(o.period_start, DAY_2025_04_01);
    assert_int_equal(o.reablement_max_age, 0x5A5A5A5A); /* beyond 192: untouched */
    carealign_framework_free(fw);

    /* A code list that is not whole numbers cannot be a journey exclusion. */
    text = edited("examples/frameworks/learning-disability-service.json", "\"codes\": [\"79\"]",
                  "\"codes\": [\"79a\"]");
    assert_int_equal(load_text(text, &fw), CAREALIGN_OK);
    free(text);
    o = options_of_status(fw, "followup-after-discharge", CAREALIGN_EINVAL);
    assert_non_null(strstr(carealign_last_error(), "discharge-died"));
    carealign_framework_free(fw);

    /* A reablement rule needs its follow-up days. */
    text = edited("examples/frameworks/england-integrated-care.json",
                  "\"reablement_followup_days\": 84,", "");
    assert_int_equal(load_text(text, &fw), CAREALIGN_OK);
    free(text);
    o = options_of_status(fw, "ascof-2d", CAREALIGN_EINVAL);
    assert_non_null(strstr(carealign_last_error(), "reablement_followup_days"));
    carealign_framework_free(fw);

    /* reablement_rule "none": no reablement figures even with follow-up days. */
    text = edited("examples/frameworks/england-integrated-care.json",
                  "\"reablement_rule\": \"ascof2d_2024\"", "\"reablement_rule\": \"none\"");
    assert_int_equal(load_text(text, &fw), CAREALIGN_OK);
    free(text);
    o = options_of_status(fw, "ascof-2d", CAREALIGN_OK);
    assert_int_equal(o.reablement_followup_days, 0);
    assert_int_equal(o.reablement_cluster_gap, 0);
    assert_int_equal(o.flags, 0);
    carealign_framework_free(fw);

    /* reablement_rule "91day": at home on the day, the same linkage, no flags. */
    text = edited("examples/frameworks/england-integrated-care.json",
                  "\"reablement_rule\": \"ascof2d_2024\"", "\"reablement_rule\": \"91day\"");
    assert_int_equal(load_text(text, &fw), CAREALIGN_OK);
    free(text);
    o = options_of_status(fw, "ascof-2d", CAREALIGN_OK);
    assert_int_equal(o.reablement_followup_days, 84);
    assert_int_equal(o.reablement_outcome, CAREALIGN_REABLE_OUTCOME_AT_HOME_ON_DAY);
    assert_int_equal(o.reablement_cluster_gap, 7);
    assert_int_equal(o.flags, 0);
    carealign_framework_free(fw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(england_measures),
        cmocka_unit_test(ascof2d_matches_docs_journey),
        cmocka_unit_test(learning_disability_measures),
        cmocka_unit_test(england_unit_cost_table),
        cmocka_unit_test(end_to_end_followup_and_cost),
        cmocka_unit_test(end_to_end_ascof2d),
        cmocka_unit_test(end_to_end_followup_excludes_deaths),
        cmocka_unit_test(national_readmission),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
