/* Reablement outcome as parameters: the ASCOF 2D rules from 2024/25 as
 * DHSC's published SQL applies them (DataS-DHSC/ASC-CLD-LA-Dashboard,
 * ASCOF_measures/Create_ASCOF_2D.sql), and the older 91-day form (NHS
 * Digital SALT STS004 / ASCOF 2B(1): discharges 1 October to 31 December,
 * "at home" 91 days after discharge, deaths in the denominator only).
 *
 * ASCOF 2D 2024/25, as parameter values (no rule is built into the library):
 *   discharges in the reporting year; age at discharge >= 65 computed as
 *   floor((discharge - 1st of birth month) / 365.25); admission methods
 *   31, 32, 82, 83 excluded; destinations 49, 50, 51, 52, 79, 87, 88
 *   excluded; died in hospital excluded; zero-length stays excluded; people
 *   in long-term residential, nursing or prison support at admission
 *   excluded; reablement spells starting within 7 days of the previous end
 *   form one cluster; the discharge falls 7 days before to 3 days after the
 *   cluster start, the stay began on or before it, the latest such
 *   discharge is kept; success = no emergency readmission (a stay of at
 *   least one night, admitted after the discharge and after the cluster
 *   start, up to 84 days after discharge), no death and no long-term
 *   residential or nursing admission within 84 days. */
#include "cmocka_all.h"

#include <string.h>

#include "carealign/journey.h"

static int32_t D(int32_t y, int32_t m, int32_t d)
{
    int32_t out = 0;
    assert_int_equal(carealign_date_from_ymd(y, m, d, &out), CAREALIGN_OK);
    return out;
}

static const int32_t methods_2d[] = {31, 32, 82, 83};
static const int32_t dests_2d[] = {49, 50, 51, 52, 79, 87, 88};

static carealign_journey_options ascof2d_2024(void)
{
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_PERIOD | CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE;
    o.period_start = D(2024, 4, 1);
    o.period_end = D(2025, 3, 31);
    o.reablement_followup_days = 84;
    o.reablement_before = 7;
    o.reablement_after = 3;
    o.reablement_cluster_gap = 7;
    o.reablement_min_age = 65;
    o.reablement_outcome = CAREALIGN_REABLE_OUTCOME_NO_EVENT;
    o.flags = CAREALIGN_JOPT_AGE_DAYS_365_25 | CAREALIGN_JOPT_REABLE_EXCLUDE_ZERO_LOS |
              CAREALIGN_JOPT_REABLE_READMIT_EXCLUDE_ZERO_LOS |
              CAREALIGN_JOPT_REABLE_EXCLUDE_DIED_IN_HOSPITAL | CAREALIGN_JOPT_REABLE_EXCLUDE_LTS;
    o.reablement_excluded_methods = methods_2d;
    o.n_reablement_excluded_methods = 4;
    o.reablement_excluded_destinations = dests_2d;
    o.n_reablement_excluded_destinations = 7;
    return o;
}

/* The older form: discharges 1 October to 31 December 2023, 65 and over,
 * at home on day 91 after discharge; deaths stay in the denominator. */
static carealign_journey_options days91(void)
{
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE | CAREALIGN_JOPT_HAS_REABLEMENT_DISCHARGES;
    o.reablement_discharge_first = D(2023, 10, 1);
    o.reablement_discharge_last = D(2023, 12, 31);
    o.reablement_followup_days = 91;
    o.reablement_before = 7;
    o.reablement_after = 3;
    o.reablement_cluster_gap = 7;
    o.reablement_min_age = 65;
    o.reablement_outcome = CAREALIGN_REABLE_OUTCOME_AT_HOME_ON_DAY;
    return o;
}

static void person(carealign_journey *j, int32_t year, int32_t month, int32_t death, uint32_t flags)
{
    carealign_person p;
    carealign_person_init(&p, sizeof p);
    p.has = CAREALIGN_PERSON_HAS_BIRTH;
    p.birth_year = year;
    p.birth_month = month;
    if (death != 0) {
        p.has |= CAREALIGN_PERSON_HAS_DEATH;
        p.death_day = death;
    }
    p.flags = flags;
    assert_int_equal(carealign_journey_set_person(j, &p), CAREALIGN_OK);
}

static carealign_contact stay(int32_t type, int32_t adm, int32_t dis)
{
    carealign_contact c;
    carealign_contact_init(&c, sizeof c);
    c.org = 1;
    c.sector = CAREALIGN_SECTOR_NHS_ACUTE;
    c.type = type;
    c.start_day = adm;
    c.has = CAREALIGN_CONTACT_HAS_END | CAREALIGN_CONTACT_HAS_ADMISSION_METHOD |
            CAREALIGN_CONTACT_HAS_DESTINATION;
    c.end_day = dis;
    c.admission_method = 21;      /* emergency: A&E */
    c.discharge_destination = 19; /* usual place of residence */
    return c;
}

static carealign_contact event(int32_t type, int32_t day, int32_t end)
{
    carealign_contact c;
    carealign_contact_init(&c, sizeof c);
    c.org = 2;
    c.sector = CAREALIGN_SECTOR_LOCAL_AUTHORITY;
    c.type = type;
    c.start_day = day;
    if (end != 0) {
        c.has = CAREALIGN_CONTACT_HAS_END;
        c.end_day = end;
    }
    return c;
}

static void add(carealign_journey *j, carealign_contact c)
{
    assert_int_equal(carealign_journey_add_contact(j, &c), CAREALIGN_OK);
}

static carealign_journey_result run(carealign_journey *j, carealign_journey_options o)
{
    carealign_journey_result r;
    carealign_journey_result_init(&r, sizeof r);
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_OK);
    return r;
}

/* A base journey: born January 1950, emergency stay 1 -> 10 June 2024,
 * reablement 12 June -> 30 June 2024 (discharge 2 days before the start). */
static carealign_journey *base(void)
{
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    person(j, 1950, 1, 0, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, D(2024, 6, 1), D(2024, 6, 10)));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 12), D(2024, 6, 30)));
    return j;
}

static void expect(carealign_journey *j, carealign_journey_options o, int den, int num)
{
    carealign_journey_result r = run(j, o);
    assert_int_equal(r.n_reablement_denominator, den);
    assert_int_equal(r.n_reablement_numerator, num);
}

static void remained_in_community(void **state)
{
    (void)state;
    carealign_journey *j = base();
    carealign_journey_result r = run(j, ascof2d_2024());
    assert_int_equal(r.n_reablement_denominator, 1);
    assert_int_equal(r.n_reablement_numerator, 1);
    assert_int_equal(r.flags & CAREALIGN_JR_NO_REABLEMENT, 0);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 0, &d), CAREALIGN_OK);
    assert_int_equal(d.reablement, 2);
    assert_int_equal(d.reablement_exclusions, 0);
    /* no follow-up days: reablement not asked for */
    carealign_journey_options none;
    carealign_journey_options_init(&none, sizeof none);
    r = run(j, none);
    assert_true(r.flags & CAREALIGN_JR_NO_REABLEMENT);
    assert_int_equal(r.n_reablement_denominator, 0);
    carealign_journey_free(j);
}

/* Emergency readmission on day 30 after discharge -> not in the numerator;
 * on day 85 -> outside 84 days, still a success; a zero-length stay on day
 * 30 does not count as a readmission. */
static void readmission_within_84(void **state)
{
    (void)state;
    int32_t dis = D(2024, 6, 10);
    carealign_journey *j = base();
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, dis + 30, dis + 33));
    expect(j, ascof2d_2024(), 1, 0);
    carealign_journey_free(j);
    j = base();
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, dis + 85, dis + 88));
    expect(j, ascof2d_2024(), 1, 1);
    carealign_journey_free(j);
    j = base();
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, dis + 30, dis + 30));
    expect(j, ascof2d_2024(), 1, 1);
    /* elective admissions are not readmissions */
    add(j, stay(CAREALIGN_CONTACT_ADMISSION, dis + 40, dis + 45));
    expect(j, ascof2d_2024(), 1, 1);
    carealign_journey_free(j);
}

/* Death on day 84 after discharge -> in the denominator, not the numerator;
 * on day 85 -> a success. With EXCLUDE_DEATHS the death removes the
 * discharge from the denominator. */
static void deaths(void **state)
{
    (void)state;
    int32_t dis = D(2024, 6, 10);
    carealign_journey *j = base();
    person(j, 1950, 1, dis + 84, 0);
    expect(j, ascof2d_2024(), 1, 0);
    carealign_journey_options o = ascof2d_2024();
    o.flags |= CAREALIGN_JOPT_REABLE_EXCLUDE_DEATHS;
    carealign_journey_result r = run(j, o);
    assert_int_equal(r.n_reablement_denominator, 0);
    assert_int_equal(r.n_reablement_excluded, 1);
    person(j, 1950, 1, dis + 85, 0);
    expect(j, ascof2d_2024(), 1, 1);
    /* died in hospital (on the discharge day): excluded */
    person(j, 1950, 1, dis, 0);
    r = run(j, ascof2d_2024());
    assert_int_equal(r.n_reablement_denominator, 0);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 0, &d), CAREALIGN_OK);
    assert_true(d.reablement_exclusions & CAREALIGN_REABLE_EXCL_DIED);
    carealign_journey_free(j);
}

/* A long-term care-home admission 20 days after discharge -> not remained. */
static void care_home_admission(void **state)
{
    (void)state;
    int32_t dis = D(2024, 6, 10);
    carealign_journey *j = base();
    add(j, event(CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM, dis + 20, 0));
    expect(j, ascof2d_2024(), 1, 0);
    carealign_journey_free(j);
}

/* Exclusions, one at a time, each leaving the denominator empty. */
static void exclusions(void **state)
{
    (void)state;
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    int32_t adm = D(2024, 6, 1), dis = D(2024, 6, 10);
    /* admission method 31 */
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    person(j, 1950, 1, 0, 0);
    carealign_contact s = stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, adm, dis);
    s.admission_method = 31;
    add(j, s);
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 12), 0));
    expect(j, ascof2d_2024(), 0, 0);
    carealign_journey_get_discharge(j, 0, &d);
    assert_int_equal(d.reablement_exclusions, CAREALIGN_REABLE_EXCL_METHOD);
    /* destination 79 (died) */
    carealign_journey_reset(j);
    person(j, 1950, 1, 0, 0);
    s = stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, adm, dis);
    s.discharge_destination = 79;
    add(j, s);
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 12), 0));
    expect(j, ascof2d_2024(), 0, 0);
    carealign_journey_get_discharge(j, 0, &d);
    assert_int_equal(d.reablement_exclusions, CAREALIGN_REABLE_EXCL_DEST);
    /* zero length of stay */
    carealign_journey_reset(j);
    person(j, 1950, 1, 0, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, dis, dis));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 12), 0));
    expect(j, ascof2d_2024(), 0, 0);
    /* in long-term nursing support */
    carealign_journey_reset(j);
    person(j, 1950, 1, 0, CAREALIGN_PERSON_LTS_NURSING);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, adm, dis));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 12), 0));
    expect(j, ascof2d_2024(), 0, 0);
    carealign_journey_get_discharge(j, 0, &d);
    assert_int_equal(d.reablement_exclusions, CAREALIGN_REABLE_EXCL_LTS);
    /* under 65: born June 1960, 64 on 10 June 2024 */
    carealign_journey_reset(j);
    person(j, 1960, 6, 0, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, adm, dis));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 12), 0));
    expect(j, ascof2d_2024(), 0, 0);
    carealign_journey_get_discharge(j, 0, &d);
    assert_int_equal(d.reablement_exclusions, CAREALIGN_REABLE_EXCL_AGE);
    /* age unknown with a minimum age: excluded */
    carealign_journey_reset(j);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, adm, dis));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 12), 0));
    expect(j, ascof2d_2024(), 0, 0);
    /* discharged before the reporting year */
    carealign_journey_reset(j);
    person(j, 1950, 1, 0, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, D(2024, 3, 20), D(2024, 3, 30)));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 4, 2), 0));
    expect(j, ascof2d_2024(), 0, 0);
    carealign_journey_free(j);
}

/* The age rule is a parameter: born March 1961, discharged 1 March 2026.
 * Whole years since 1 March 1961: 65. DHSC's floor(days / 365.25): the
 * 65 years hold 65 * 365 + 16 leap days (1964 ... 2024) = 23741 days, and
 * 23741 / 365.25 = 64.9993 -> 64, so excluded under that rule. */
static void age_rule(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    person(j, 1961, 3, 0, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, D(2026, 2, 20), D(2026, 3, 1)));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2026, 3, 2), 0));
    carealign_journey_options o = ascof2d_2024();
    o.period_start = D(2025, 4, 1);
    o.period_end = D(2026, 3, 31);
    expect(j, o, 0, 0);
    o.flags &= ~(uint32_t)CAREALIGN_JOPT_AGE_DAYS_365_25;
    expect(j, o, 1, 1);
    carealign_journey_free(j);
}

/* A maximum age applies as the minimum does (issue 7): base() is born
 * January 1950 and discharged 10 June 2024. Whole years since 1 January 1950:
 * 74 (the birthday on 1 January 2024 is passed). DHSC's form: 27,189 days
 * (74 years of 365 days, 18 leap days 1952..2020, and 161 days of 2024 up to
 * 10 June) / 365.25 = 74.44, floor 74. So a maximum of 74 keeps the
 * discharge, 73 excludes it (REABLE_EXCL_AGE); with no birth known, a maximum
 * alone excludes it (age unknown). */
static void max_age_rule(void **state)
{
    (void)state;
    carealign_journey *j = base();
    carealign_journey_options o = ascof2d_2024();
    o.has |= CAREALIGN_JOPT_HAS_REABLEMENT_MAX_AGE;
    o.reablement_max_age = 74;
    expect(j, o, 1, 1);
    o.reablement_max_age = 73;
    carealign_journey_result r = run(j, o);
    assert_int_equal(r.n_reablement_denominator, 0);
    assert_int_equal(r.n_reablement_excluded, 1);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 0, &d), CAREALIGN_OK);
    assert_int_equal(d.reablement_exclusions, CAREALIGN_REABLE_EXCL_AGE);
    o.flags &= ~(uint32_t)CAREALIGN_JOPT_AGE_DAYS_365_25;
    expect(j, o, 0, 0);
    o.reablement_max_age = 74;
    expect(j, o, 1, 1);
    /* the first release's size (192) has no room for the maximum */
    o.size = 192;
    carealign_journey_result_init(&r, sizeof r);
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_EINVAL);
    o.size = sizeof o;
    /* no birth: unknown age, excluded by a maximum alone */
    carealign_journey_reset(j);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, D(2024, 6, 1), D(2024, 6, 10)));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 12), D(2024, 6, 30)));
    o.has &= ~(uint32_t)CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE;
    o.reablement_max_age = 130;
    expect(j, o, 0, 0);
    o.has &= ~(uint32_t)CAREALIGN_JOPT_HAS_REABLEMENT_MAX_AGE;
    expect(j, o, 1, 1);
    carealign_journey_free(j);
}

/* Linking: the discharge must fall from 7 days before to 3 days after the
 * start of the reablement cluster. Reablement 10 days after discharge ->
 * not linked; 4 days before discharge -> not linked; 3 days before -> linked
 * (the stay began before the cluster start). */
static void link_window(void **state)
{
    (void)state;
    int32_t adm = D(2024, 6, 1), dis = D(2024, 6, 10);
    int32_t starts[4] = {dis + 10, dis + 7, dis - 4, dis - 3};
    int dens[4] = {0, 1, 0, 1};
    for (int i = 0; i < 4; i++) {
        carealign_journey *j = NULL;
        assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
        person(j, 1950, 1, 0, 0);
        add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, adm, dis));
        add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, starts[i], 0));
        expect(j, ascof2d_2024(), dens[i], dens[i]);
        carealign_journey_free(j);
    }
}

/* Two discharges within the window: the latest is kept (one denominator
 * entry per reablement cluster). Two reablement spells 5 days apart form
 * one cluster; 8 days apart, two clusters. */
static void latest_discharge_and_clusters(void **state)
{
    (void)state;
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    person(j, 1950, 1, 0, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, D(2024, 6, 1), D(2024, 6, 6)));
    add(j, stay(CAREALIGN_CONTACT_ADMISSION, D(2024, 6, 7), D(2024, 6, 10)));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 12), 0));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_END, D(2024, 6, 20), 0));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2024, 6, 25), D(2024, 7, 1)));
    expect(j, ascof2d_2024(), 1, 1);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 0, &d), CAREALIGN_OK);
    assert_int_equal(d.reablement, 0);
    assert_int_equal(carealign_journey_get_discharge(j, 1, &d), CAREALIGN_OK);
    assert_int_equal(d.day, D(2024, 6, 10));
    assert_int_equal(d.reablement, 2);
    /* a gap of 5 days joins; with a cluster gap of 4 the second spell is its
     * own cluster, which has no discharge in its window */
    carealign_journey_options o = ascof2d_2024();
    o.reablement_cluster_gap = 4;
    expect(j, o, 1, 1);
    /* a new discharge on 27 June links the second cluster too */
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, D(2024, 6, 22), D(2024, 6, 27)));
    expect(j, o, 2, 1); /* the 22 June emergency readmission fails the first */
    carealign_journey_free(j);
}

/* The 91-day form: deaths stay in the denominator; the outcome is the
 * state on day 91, so a readmission that has ended by then is a success
 * (it would fail ASCOF 2D); being in hospital on day 91 is not; discharges
 * outside 1 October to 31 December are not counted. */
static void ninety_one_day_form(void **state)
{
    (void)state;
    int32_t adm = D(2023, 11, 1), dis = D(2023, 11, 10);
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    person(j, 1940, 5, dis + 30, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, adm, dis));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, dis + 1, dis + 20));
    expect(j, days91(), 1, 0);

    carealign_journey_reset(j);
    person(j, 1940, 5, 0, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, adm, dis));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, dis + 1, dis + 20));
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, dis + 10, dis + 20));
    expect(j, days91(), 1, 1);
    carealign_journey_options o2d = ascof2d_2024();
    o2d.period_start = D(2023, 4, 1);
    o2d.period_end = D(2024, 3, 31);
    expect(j, o2d, 1, 0);

    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, dis + 80, dis + 100));
    expect(j, days91(), 1, 0);

    carealign_journey_reset(j);
    person(j, 1940, 5, 0, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, D(2023, 9, 20), D(2023, 9, 30)));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, D(2023, 10, 1), 0));
    expect(j, days91(), 0, 0);
    /* in a care home on day 91 */
    carealign_journey_reset(j);
    person(j, 1940, 5, 0, 0);
    add(j, stay(CAREALIGN_CONTACT_EMERGENCY_ADMISSION, adm, dis));
    add(j, event(CAREALIGN_CONTACT_REABLEMENT_START, dis + 1, dis + 20));
    add(j, event(CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM, dis + 60, 0));
    expect(j, days91(), 1, 0);
    carealign_journey_free(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(remained_in_community),
        cmocka_unit_test(readmission_within_84),
        cmocka_unit_test(deaths),
        cmocka_unit_test(care_home_admission),
        cmocka_unit_test(exclusions),
        cmocka_unit_test(age_rule),
        cmocka_unit_test(max_age_rule),
        cmocka_unit_test(link_window),
        cmocka_unit_test(latest_discharge_and_clusters),
        cmocka_unit_test(ninety_one_day_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
