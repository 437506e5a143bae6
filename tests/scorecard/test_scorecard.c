/* The scorecard engine on hand-built cases through the default framework
 * (examples/frameworks/england-integrated-care.json). Expected values are
 * derived by hand from each publication's method (cited beside each test);
 * intervals come from scipy/statsmodels, computed independently. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmocka_all.h"
#include "carealign/carealign.h"

#ifndef CAREALIGN_SOURCE_DIR
#error "CAREALIGN_SOURCE_DIR must name the source tree"
#endif

static carealign_framework *load_default(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/frameworks/england-integrated-care.json",
             CAREALIGN_SOURCE_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text, f);
    fclose(f);
    carealign_framework *fw = NULL;
    assert_int_equal(carealign_framework_load(text, n, NULL, &fw), CAREALIGN_OK);
    return fw;
}

static int32_t measure_index(const carealign_framework *fw, const char *id)
{
    for (int32_t i = 0;; i++) {
        carealign_measure_info mi = {.size = sizeof mi};
        if (carealign_framework_get_measure(fw, i, &mi) != CAREALIGN_OK)
            break;
        if (mi.id_len == strlen(id) && memcmp(mi.id, id, mi.id_len) == 0)
            return i;
    }
    fail_msg("measure %s not found", id);
    return -1;
}

static int32_t instrument_index(const char *name)
{
    for (size_t i = 0; i < carealign_instrument_count(); i++)
        if (strcmp(carealign_instrument_get(i)->name, name) == 0)
            return (int32_t)i;
    fail_msg("instrument %s not found", name);
    return -1;
}

static int32_t day(int y, int m, int d)
{
    int32_t out = 0;
    assert_int_equal(carealign_date_from_ymd(y, m, d, &out), CAREALIGN_OK);
    return out;
}

static void register_areas(carealign_scorecard *sc)
{
    const char bytes[] = "E08000035E08000036";
    const uint64_t off[] = {0, 9, 18};
    int32_t idx[2];
    assert_int_equal(carealign_scorecard_register_ids(sc, CAREALIGN_DICT_AREA, bytes, off, 2, idx),
                     CAREALIGN_OK);
    assert_int_equal(idx[0], 0);
    assert_int_equal(idx[1], 1);
}

static void feed_orgs(carealign_scorecard *sc)
{
    carealign_organisation o[3] = {CAREALIGN_ORGANISATION_INIT, CAREALIGN_ORGANISATION_INIT,
                                   CAREALIGN_ORGANISATION_INIT};
    o[0].org = 0;
    o[0].sector = CAREALIGN_SECTOR_NHS_ACUTE;
    o[0].name = "Acute trust";
    o[0].name_len = 11;
    o[1].org = 1;
    o[1].sector = CAREALIGN_SECTOR_LOCAL_AUTHORITY;
    o[2].org = 2;
    o[2].sector = CAREALIGN_SECTOR_NHS_ACUTE;
    size_t rej = 99;
    assert_int_equal(carealign_scorecard_feed_organisations(sc, o, 3, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
}

static void feed_populations(carealign_scorecard *sc)
{
    carealign_population p[4] = {CAREALIGN_POPULATION_INIT, CAREALIGN_POPULATION_INIT,
                                 CAREALIGN_POPULATION_INIT, CAREALIGN_POPULATION_INIT};
    const int32_t lo[4] = {0, 65, 75, 65};
    const int32_t up[4] = {64, 74, -1, -1};
    const int64_t n[4] = {200000, 50000, 30000, 99999};
    for (int i = 0; i < 4; i++) {
        p[i].area = i == 3 ? 1 : 0; /* the last is outside the base */
        p[i].year = 2025;
        p[i].age_lower = lo[i];
        if (up[i] >= 0) {
            p[i].has = CAREALIGN_POP_HAS_AGE_UPPER;
            p[i].age_upper = up[i];
        }
        p[i].count = n[i];
    }
    assert_int_equal(carealign_scorecard_feed_populations(sc, p, 4, NULL, NULL), CAREALIGN_OK);
}

static carealign_person person(int32_t id, int32_t by, int32_t bm, int32_t area, uint32_t flags)
{
    carealign_person p = CAREALIGN_PERSON_INIT;
    p.person = id;
    p.has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_AREA | CAREALIGN_PERSON_HAS_SEX |
            CAREALIGN_PERSON_HAS_IMD;
    p.birth_year = by;
    p.birth_month = bm;
    p.area = area;
    p.sex = 1 + id % 2;
    p.imd_decile = 1 + id % 10;
    p.flags = flags;
    return p;
}

static carealign_contact contact(int32_t who, int32_t org, int32_t sector, int32_t type,
                                 int32_t start, int32_t end)
{
    carealign_contact c = CAREALIGN_CONTACT_INIT;
    c.person = who;
    c.org = org;
    c.sector = sector;
    c.type = type;
    c.start_day = start;
    if (end != start) {
        c.has |= CAREALIGN_CONTACT_HAS_END;
        c.end_day = end;
    }
    return c;
}

static const carealign_result *find(const carealign_scorecard *sc, int32_t measure, int32_t level,
                                    int32_t unit)
{
    static carealign_result r;
    size_t i = 0;
    assert_int_equal(carealign_scorecard_find_result(sc, measure, level, unit, -1, &i),
                     CAREALIGN_OK);
    r.size = sizeof r;
    assert_int_equal(carealign_scorecard_get_result(sc, i, &r), CAREALIGN_OK);
    return &r;
}

/* The shared scenario: BCF emergency admissions, ASCOF 2D, ASCOF 1A, FFT. */
static carealign_scorecard *scenario(const carealign_framework *fw, uint32_t flags)
{
    carealign_scorecard_options opt = CAREALIGN_SCORECARD_OPTIONS_INIT;
    opt.flags = flags | CAREALIGN_SC_NO_DISCLOSURE;
    carealign_scorecard *sc = NULL;
    assert_int_equal(carealign_scorecard_new(fw, &opt, &sc), CAREALIGN_OK);
    register_areas(sc);
    feed_orgs(sc);
    feed_populations(sc);
    carealign_person people[10] = {
        person(0, 1955, 6, 0, 0), /* 69: two emergency admissions */
        person(1, 1940, 1, 0, 0), /* 85: one */
        person(2, 1980, 1, 0, 0), /* 45: one, under 65 */
        person(3, 1950, 1, 1, 0), /* outside the base */
        person(4, 1950, 1, 0, CAREALIGN_PERSON_OPTED_OUT),
        person(5, 1950, 1, 0, 0), /* ASCOF 2D: reabled, stays at home */
        person(6, 1945, 3, 0, 0), /* ASCOF 2D: reabled, readmitted in 84 days */
        person(7, 1965, 1, 0, 0), /* ASCOF 2D: under 65 at discharge */
        person(8, 1955, 1, 0, 0), /* BCF delay: two stays with ready dates */
        person(9, 1944, 1, 0, 0), /* BCF care homes: one long-term admission */
    };
    size_t rej = 9;
    assert_int_equal(carealign_scorecard_feed_people(sc, people, 10, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    const int32_t ea = CAREALIGN_CONTACT_EMERGENCY_ADMISSION;
    carealign_contact c[20];
    size_t n = 0;
    c[n++] = contact(0, 0, 1, ea, day(2025, 5, 3), day(2025, 5, 4));
    c[n++] = contact(0, 0, 1, ea, day(2025, 8, 3), day(2025, 8, 5));
    c[n++] = contact(1, 2, 1, ea, day(2025, 9, 1), day(2025, 9, 2));
    c[n++] = contact(2, 0, 1, ea, day(2025, 5, 3), day(2025, 5, 4));
    c[n++] = contact(3, 0, 1, ea, day(2025, 5, 3), day(2025, 5, 4));
    c[n++] = contact(4, 0, 1, ea, day(2025, 5, 3), day(2025, 5, 4));
    for (int32_t who = 5; who <= 7; who++) {
        c[n] = contact(who, 0, 1, ea, day(2025, 6, 1), day(2025, 6, 10));
        c[n].has |= CAREALIGN_CONTACT_HAS_ADMISSION_METHOD | CAREALIGN_CONTACT_HAS_DESTINATION;
        c[n].admission_method = 21;
        c[n].discharge_destination = 19;
        n++;
        c[n++] = contact(who, 1, 5, CAREALIGN_CONTACT_REABLEMENT_START, day(2025, 6, 12),
                         day(2025, 6, 12));
        c[n++] =
            contact(who, 1, 5, CAREALIGN_CONTACT_REABLEMENT_END, day(2025, 7, 1), day(2025, 7, 1));
    }
    c[n++] = contact(6, 0, 1, ea, day(2025, 7, 20), day(2025, 7, 22));
    /* delays of 3 days and 0 days from the discharge ready date */
    c[n] = contact(8, 2, 1, CAREALIGN_CONTACT_ADMISSION, day(2025, 10, 1), day(2025, 10, 9));
    c[n].has |= CAREALIGN_CONTACT_HAS_READY_DAY;
    c[n++].discharge_ready_day = day(2025, 10, 6);
    c[n] = contact(8, 2, 1, CAREALIGN_CONTACT_ADMISSION, day(2025, 12, 1), day(2025, 12, 4));
    c[n].has |= CAREALIGN_CONTACT_HAS_READY_DAY;
    c[n++].discharge_ready_day = day(2025, 12, 4);
    c[n++] = contact(9, 1, 5, CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM, day(2025, 11, 1),
                     day(2025, 11, 1));
    int32_t reasons[20];
    assert_int_equal(carealign_scorecard_feed_contacts(sc, c, n, reasons, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    /* ASCOF 1A: three people answer ASCOT SCT4 */
    int32_t inst = instrument_index("ascot_sct4");
    int32_t items[4][8];
    const int32_t level[4] = {1, 2, 4, 3};
    const int32_t who[4] = {0, 1, 2, 2};
    const int32_t when[4] = {day(2025, 6, 1), day(2025, 6, 1), day(2025, 6, 1), day(2025, 9, 1)};
    carealign_response r[4];
    for (int i = 0; i < 4; i++) {
        for (int k = 0; k < 8; k++)
            items[i][k] = level[i];
        carealign_response_init(&r[i], sizeof r[i]);
        r[i].has = CAREALIGN_RESPONSE_HAS_ORG;
        r[i].person = who[i];
        r[i].org = 1;
        r[i].day = when[i];
        r[i].instrument = inst;
        r[i].n_items = 8;
        r[i].items = items[i];
    }
    assert_int_equal(carealign_scorecard_feed_responses(sc, r, 4, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    carealign_fft_counts f = CAREALIGN_FFT_COUNTS_INIT;
    f.org = 0;
    f.month = day(2025, 5, 1);
    const int64_t counts[6] = {10, 5, 2, 1, 1, 1};
    memcpy(f.counts, counts, sizeof counts);
    assert_int_equal(carealign_scorecard_feed_fft(sc, &f, 1, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    return sc;
}

/* Hand-offs of one person with community visits at organisations 256, 1,
 * 256 and 1 on days D - 1, D, D and D + 1: by the journey's order (start
 * day, then organisation) 256, 1, 256, 1, three hand-offs, the mean over
 * the one person (docs/framework.md, "Integration"). The scorecard's own
 * order of a day's contacts (every byte: organisation 256's first byte is
 * 0) puts 256 before 1 on day D (256, 256, 1, 1: one hand-off were that
 * order taken as the journey's; the builders take the journey's order,
 * noted apart); with the second 256 on D + 2 instead (no two on one day)
 * 256, 1, 1, 256: two. */
static void test_handoffs_same_day(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    const int32_t m = measure_index(fw, "handoffs-per-person");
    const int32_t d = day(2025, 6, 10), cv = CAREALIGN_CONTACT_COMMUNITY_VISIT;
    for (int later = 0; later < 2; later++) {
        carealign_scorecard_options opt = CAREALIGN_SCORECARD_OPTIONS_INIT;
        opt.flags = CAREALIGN_SC_NO_DISCLOSURE;
        carealign_scorecard *sc = NULL;
        assert_int_equal(carealign_scorecard_new(fw, &opt, &sc), CAREALIGN_OK);
        register_areas(sc);
        feed_orgs(sc);
        carealign_organisation o = CAREALIGN_ORGANISATION_INIT;
        o.org = 256;
        o.sector = CAREALIGN_SECTOR_LOCAL_AUTHORITY;
        assert_int_equal(carealign_scorecard_feed_organisations(sc, &o, 1, NULL, NULL),
                         CAREALIGN_OK);
        feed_populations(sc);
        carealign_person p = person(0, 1955, 6, 0, 0);
        assert_int_equal(carealign_scorecard_feed_people(sc, &p, 1, NULL, NULL), CAREALIGN_OK);
        const int32_t sector = CAREALIGN_SECTOR_LOCAL_AUTHORITY;
        carealign_contact c[4] = {
            contact(0, 256, sector, cv, d - 1, d - 1),
            contact(0, 1, sector, cv, d, d),
            contact(0, 256, sector, cv, d + 2 * later, d + 2 * later),
            contact(0, 1, sector, cv, d + 1, d + 1),
        };
        size_t rej = 9;
        assert_int_equal(carealign_scorecard_feed_contacts(sc, c, 4, NULL, &rej), CAREALIGN_OK);
        assert_int_equal(rej, 0);
        assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
        const carealign_result *r = find(sc, m, CAREALIGN_LEVEL_SYSTEM, -1);
        assert_float_equal(r->estimate.value, (later ? 2.0 : 3.0), 0);
        carealign_scorecard_free(sc);
    }
    carealign_framework_free(fw);
}

/* The one place where the order of a day's contacts shows
 * (docs/scorecard.md, "The order of a person's records"): a person served
 * by more than 64 organisations is in the scopes of the first 64 met. Here
 * 63 organisations (1000 to 1062) on day D - 1, then 256 and 1 on day D:
 * the documented order (every byte: 256's first byte is 0) meets 256
 * before 1, so the person counts in organisation 256's row of
 * organisations-per-person (65 organisations) and not in organisation 1's,
 * whose row has no one (the journey's order, by organisation, would have
 * met 1 first). */
static void test_first_64_organisations(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    const int32_t m = measure_index(fw, "organisations-per-person");
    const int32_t d = day(2025, 6, 10), cv = CAREALIGN_CONTACT_COMMUNITY_VISIT;
    const int32_t sector = CAREALIGN_SECTOR_LOCAL_AUTHORITY;
    carealign_scorecard_options opt = CAREALIGN_SCORECARD_OPTIONS_INIT;
    opt.flags = CAREALIGN_SC_NO_DISCLOSURE;
    carealign_scorecard *sc = NULL;
    assert_int_equal(carealign_scorecard_new(fw, &opt, &sc), CAREALIGN_OK);
    register_areas(sc);
    feed_orgs(sc); /* organisation 1 among them */
    carealign_organisation o[64];
    for (int i = 0; i < 64; i++) {
        o[i] = (carealign_organisation)CAREALIGN_ORGANISATION_INIT;
        o[i].org = i < 63 ? 1000 + i : 256;
        o[i].sector = sector;
    }
    assert_int_equal(carealign_scorecard_feed_organisations(sc, o, 64, NULL, NULL), CAREALIGN_OK);
    feed_populations(sc);
    carealign_person p = person(0, 1955, 6, 0, 0);
    assert_int_equal(carealign_scorecard_feed_people(sc, &p, 1, NULL, NULL), CAREALIGN_OK);
    carealign_contact c[65];
    for (int i = 0; i < 63; i++)
        c[i] = contact(0, 1000 + i, sector, cv, d - 1, d - 1);
    c[63] = contact(0, 1, sector, cv, d, d);
    c[64] = contact(0, 256, sector, cv, d, d);
    size_t rej = 9;
    assert_int_equal(carealign_scorecard_feed_contacts(sc, c, 65, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const carealign_result *r = find(sc, m, CAREALIGN_LEVEL_SYSTEM, -1);
    assert_float_equal(r->denominator, 1.0, 0);
    assert_float_equal(r->estimate.value, 65.0, 0);
    r = find(sc, m, CAREALIGN_LEVEL_ORG, 256);
    assert_float_equal(r->denominator, 1.0, 0);
    r = find(sc, m, CAREALIGN_LEVEL_ORG, 1062);
    assert_float_equal(r->denominator, 1.0, 0);
    size_t i = 0;
    const carealign_status st =
        carealign_scorecard_find_result(sc, m, CAREALIGN_LEVEL_ORG, 1, -1, &i);
    if (st == CAREALIGN_OK) {
        r = find(sc, m, CAREALIGN_LEVEL_ORG, 1);
        assert_float_equal(r->denominator, 0.0, 0);
    } else {
        assert_int_equal(st, CAREALIGN_EMISSING);
    }
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* BCF 2025-26 emergency admissions 65+ per 100,000: admissions of residents
 * aged 65+ over the ONS mid-year population aged 65+ (DHSC/MHCLG/NHSE BCF
 * planning requirements 2025-26). Here persons 0 (2), 1 (1), 5 (1) and 6 (2)
 * are residents aged 65+: 6 admissions; person 2 is 45, person 3 lives
 * outside the base, person 4 opted out. 6 / (50000 + 30000) x 100000 = 7.5
 * (the 0-64 cell and the cell of another area are not in the denominator).
 * Exact Poisson limits (PHE: chi-squared, fewer than 10 events),
 * scipy.stats.chi2: 2.7523678168635635, 16.324342528148357. */
static void test_bcf_emergency_admissions(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = scenario(fw, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const carealign_result *r =
        find(sc, measure_index(fw, "bcf-emergency-admissions-65"), CAREALIGN_LEVEL_SYSTEM, -1);
    assert_float_equal(r->numerator, 6.0, 0);
    assert_float_equal(r->denominator, 80000.0, 0);
    assert_float_equal(r->estimate.value, 7.5, 1e-12);
    assert_float_equal(r->estimate.lower, 2.7523678168635635, 1e-9);
    assert_float_equal(r->estimate.upper, 16.324342528148357, 1e-9);
    assert_true(r->flags & CAREALIGN_RES_NO_DISCLOSURE);
    assert_false(r->flags & CAREALIGN_RES_LOCAL_DEFINITION);
    /* opted-out and outside-base people are counted, not scored */
    carealign_feed_counts fc = CAREALIGN_FEED_COUNTS_INIT;
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_PEOPLE, &fc), CAREALIGN_OK);
    assert_int_equal(fc.read, 10);
    assert_int_equal(fc.used, 10);
    assert_int_equal(fc.excluded_opt_out, 1);
    assert_int_equal(fc.excluded_outside_base, 1);
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_CONTACTS, &fc),
                     CAREALIGN_OK);
    assert_int_equal(fc.read, 19);
    assert_int_equal(fc.used + fc.rejected, fc.read);
    assert_int_equal(fc.excluded_opt_out, 1);
    assert_int_equal(fc.excluded_outside_base, 1);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* ASCOF 2D 2024/25 (DHSC handbook, measure 2D; DataS-DHSC ASCOF_2D SQL):
 * people 65+ discharged into reablement who had no emergency readmission,
 * death or long-term care-home admission within 12 weeks (84 days). Person 5
 * stays at home, person 6 is readmitted on day 40, person 7 is 60: 1 / 2 =
 * 50%. Wilson 95% limits (statsmodels proportion_confint, method wilson):
 * 0.09453120573423068, 0.9054687942657693, x 100. */
static void test_ascof_2d(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = scenario(fw, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    int32_t m = measure_index(fw, "ascof-2d");
    const carealign_result *r = find(sc, m, CAREALIGN_LEVEL_SYSTEM, -1);
    assert_float_equal(r->numerator, 1.0, 0);
    assert_float_equal(r->denominator, 2.0, 0);
    assert_float_equal(r->estimate.value, 50.0, 1e-12);
    assert_float_equal(r->estimate.lower, 9.453120573423068, 1e-9);
    assert_float_equal(r->estimate.upper, 90.54687942657693, 1e-9);
    /* the discharging organisation's figure is the same two discharges */
    r = find(sc, m, CAREALIGN_LEVEL_ORG, 0);
    assert_float_equal(r->denominator, 2.0, 0);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* ASCOF 1A 2024/25 (DHSC handbook, measure 1A; NHS Digital ASCS): the mean
 * of person scores, each the sum of the eight ASCOT SCT4 items scored
 * 3/2/1/0; the latest response in the period counts. Persons: 24, 16 and
 * (latest) 8: mean 16. t interval (scipy.stats.t, 2 df): -3.873101694750023,
 * 35.87310169475002. */
static void test_ascof_1a(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = scenario(fw, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const carealign_result *r =
        find(sc, measure_index(fw, "ascof-1a-scrqol"), CAREALIGN_LEVEL_SYSTEM, -1);
    assert_float_equal(r->estimate.value, 16.0, 1e-12);
    assert_float_equal(r->estimate.lower, -3.873101694750023, 1e-9);
    assert_float_equal(r->estimate.upper, 35.87310169475002, 1e-9);
    assert_float_equal(r->denominator, 3.0, 0);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* A response atom is a condition (docs/framework.md section 3): the GAS
 * measure counts people with a GAS response ("response": "any"). The
 * scenario has none, so the measure has no denominator and no score, never
 * 0 (issue 8: "No denominator -> no score, never 0"). */
static void test_response_any_is_a_condition(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = scenario(fw, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    size_t i = 0;
    carealign_status st = carealign_scorecard_find_result(sc, measure_index(fw, "gas-goals-met"),
                                                          CAREALIGN_LEVEL_SYSTEM, -1, -1, &i);
    if (st == CAREALIGN_OK) {
        carealign_result r = {.size = sizeof r};
        assert_int_equal(carealign_scorecard_get_result(sc, i, &r), CAREALIGN_OK);
        assert_true(isnan(r.estimate.value));
        assert_true(r.denominator == 0 || isnan(r.denominator));
    } else {
        assert_int_equal(st, CAREALIGN_EMISSING);
    }
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* NHS FFT (from April 2020; NHS England guidance): % positive = (very good +
 * good) / all responses, don't know included: (10 + 5) / 20 = 75%. Wilson
 * (statsmodels): 0.5312991223812559, 0.8881382985923344, x 100. Never
 * compared in funnels (not comparable). */
static void test_fft(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = scenario(fw, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    int32_t m = measure_index(fw, "fft-positive");
    const carealign_result *r = find(sc, m, CAREALIGN_LEVEL_SYSTEM, -1);
    assert_float_equal(r->estimate.value, 75.0, 1e-12);
    assert_float_equal(r->estimate.lower, 53.12991223812559, 1e-9);
    assert_float_equal(r->estimate.upper, 88.81382985923344, 1e-9);
    r = find(sc, m, CAREALIGN_LEVEL_ORG, 0);
    assert_float_equal(r->estimate.value, 75.0, 1e-12);
    assert_int_equal(r->funnel, -1);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* BCF 2025-26 average discharge delay (DHSC/MHCLG/NHSE BCF planning
 * requirements 2025-26): days from the discharge ready date to discharge
 * over discharges of adults with a known ready date: (3 + 0) / 2 = 1.5 days.
 * Exact Poisson limits on 3 days over 2 discharges (scipy.stats.chi2):
 * 0.3093360614478007, 4.383636534871162. BCF long-term admissions to care
 * homes 65+ per 100,000: 1 / 80000 x 100000 = 1.25; limits
 * 0.031647259980362344, 6.964554238673622. */
static void test_bcf_delay_and_care_homes(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = scenario(fw, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const carealign_result *r =
        find(sc, measure_index(fw, "bcf-discharge-delay"), CAREALIGN_LEVEL_SYSTEM, -1);
    assert_float_equal(r->numerator, 3.0, 0);
    assert_float_equal(r->denominator, 2.0, 0);
    assert_float_equal(r->estimate.value, 1.5, 1e-12);
    assert_float_equal(r->estimate.lower, 0.3093360614478007, 1e-9);
    assert_float_equal(r->estimate.upper, 4.383636534871162, 1e-9);
    r = find(sc, measure_index(fw, "bcf-care-home-admissions-65"), CAREALIGN_LEVEL_SYSTEM, -1);
    assert_float_equal(r->numerator, 1.0, 0);
    assert_float_equal(r->estimate.value, 1.25, 1e-12);
    assert_float_equal(r->estimate.lower, 0.031647259980362344, 1e-9);
    assert_float_equal(r->estimate.upper, 6.964554238673622, 1e-9);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* Every reject reason, and used + rejected = read. */
static void test_reject_reasons(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = scenario(fw, 0);
    carealign_contact c[5];
    c[0] = contact(0, 0, 1, 4, day(2025, 5, 1), day(2025, 5, 1));
    c[1] = contact(99, 0, 1, 4, day(2025, 5, 1), day(2025, 5, 1)); /* unknown person */
    c[2] = contact(0, 42, 1, 4, day(2025, 5, 1), day(2025, 5, 1)); /* unknown org */
    c[3] = contact(0, 0, 1, 4, day(2025, 5, 2), day(2025, 5, 1));  /* end before start */
    c[4] = contact(0, 0, 1, 99, day(2025, 5, 1), day(2025, 5, 1)); /* out of range */
    int32_t reason[5];
    size_t rej = 0;
    assert_int_equal(carealign_scorecard_feed_contacts(sc, c, 5, reason, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 4);
    assert_int_equal(reason[0], 0);
    assert_int_equal(reason[1], CAREALIGN_REJECT_UNKNOWN_PERSON);
    assert_int_equal(reason[2], CAREALIGN_REJECT_UNKNOWN_ORG);
    assert_int_equal(reason[3], CAREALIGN_REJECT_END_BEFORE_START);
    assert_int_equal(reason[4], CAREALIGN_REJECT_OUT_OF_RANGE);
    /* stride: a row whose size differs from the first row's */
    carealign_person p[2] = {person(20, 1950, 1, 0, 0), person(21, 1950, 1, 0, 0)};
    p[1].size = 64;
    assert_int_equal(carealign_scorecard_feed_people(sc, p, 1, reason, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    assert_int_equal(carealign_scorecard_feed_people(sc, p, 1, reason, &rej), CAREALIGN_OK);
    assert_int_equal(reason[0], CAREALIGN_REJECT_DUPLICATE);
    carealign_person q = person(22, 1950, 1, 7, 0); /* area 7 never registered */
    assert_int_equal(carealign_scorecard_feed_people(sc, &q, 1, reason, &rej), CAREALIGN_OK);
    assert_int_equal(reason[0], CAREALIGN_REJECT_UNKNOWN_AREA);
    carealign_person_columns pc = CAREALIGN_PERSON_COLUMNS_INIT;
    const int32_t ids[1] = {CAREALIGN_NA_I32};
    pc.n = 1;
    pc.person = ids;
    assert_int_equal(carealign_scorecard_feed_people_columns(sc, &pc, reason, &rej), CAREALIGN_OK);
    assert_int_equal(reason[0], CAREALIGN_REJECT_MISSING_FIELD);
    /* responses: bad items, value set mismatch */
    int32_t items[8] = {1, 1, 1, 1, 1, 1, 1, 9};
    carealign_response r = CAREALIGN_RESPONSE_INIT;
    r.person = 0;
    r.day = day(2025, 6, 1);
    r.instrument = instrument_index("ascot_sct4");
    r.n_items = 8;
    r.items = items;
    assert_int_equal(carealign_scorecard_feed_responses(sc, &r, 1, reason, &rej), CAREALIGN_OK);
    assert_int_equal(reason[0], CAREALIGN_REJECT_BAD_ITEMS);
    items[7] = 1;
    r.has = CAREALIGN_RESPONSE_HAS_VALUESET;
    r.valueset = 5;
    assert_int_equal(carealign_scorecard_feed_responses(sc, &r, 1, reason, &rej), CAREALIGN_OK);
    assert_int_equal(reason[0], CAREALIGN_REJECT_VALUESET_MISMATCH);
    /* a closed person */
    assert_int_equal(carealign_scorecard_close_person(sc, 20), CAREALIGN_OK);
    c[0].person = 20;
    assert_int_equal(carealign_scorecard_feed_contacts(sc, c, 1, reason, &rej), CAREALIGN_OK);
    assert_int_equal(reason[0], CAREALIGN_REJECT_PERSON_CLOSED);
    /* the size rule on a record array */
    carealign_organisation o[2] = {CAREALIGN_ORGANISATION_INIT, CAREALIGN_ORGANISATION_INIT};
    o[0].size = 40; /* larger with non-zero unknown bytes: rejected */
    memset((char *)&o[0] + 32, 0, 0);
    o[0].org = 5;
    o[0].sector = 1;
    assert_int_equal(carealign_scorecard_feed_organisations(sc, o, 1, reason, &rej), CAREALIGN_OK);
    assert_int_equal(reason[0], CAREALIGN_REJECT_SIZE);
    for (int32_t k = 0; k <= CAREALIGN_REJECT_COUNT; k++)
        assert_non_null(carealign_reject_reason_name(k));
    assert_string_equal(carealign_reject_reason_name(CAREALIGN_REJECT_UNKNOWN_PERSON),
                        "unknown_person");
    assert_string_equal(carealign_reject_reason_name(-5), "unknown");
    for (int32_t feed = CAREALIGN_FEED_ORGANISATIONS; feed <= CAREALIGN_FEED_CONTACTS; feed++) {
        carealign_feed_counts fc = CAREALIGN_FEED_COUNTS_INIT;
        assert_int_equal(carealign_scorecard_get_counts(sc, feed, &fc), CAREALIGN_OK);
        assert_int_equal(fc.used + fc.rejected, fc.read);
    }
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* A response of `instrument` for person `who`, with a stated value set when
 * valueset >= 0. */
static carealign_response response_of(int32_t who, int32_t instrument, int32_t valueset,
                                      const int32_t *items, int32_t n_items)
{
    carealign_response r = CAREALIGN_RESPONSE_INIT;
    r.person = who;
    r.day = day(2025, 6, 1);
    r.instrument = instrument;
    r.n_items = n_items;
    r.items = items;
    if (valueset >= 0) {
        r.has = CAREALIGN_RESPONSE_HAS_VALUESET;
        r.valueset = valueset;
    }
    return r;
}

/* The reason of one response fed on its own. */
static int32_t feed_one_response(carealign_scorecard *sc, carealign_response r)
{
    int32_t reason = -1;
    assert_int_equal(carealign_scorecard_feed_responses(sc, &r, 1, &reason, NULL), CAREALIGN_OK);
    return reason;
}

/* The reason of one contact of `who` fed on its own. */
static int32_t feed_one_contact(carealign_scorecard *sc, int32_t who)
{
    carealign_contact c = contact(who, 0, 1, 4, day(2025, 5, 1), day(2025, 5, 1));
    int32_t reason = -1;
    assert_int_equal(carealign_scorecard_feed_contacts(sc, &c, 1, &reason, NULL), CAREALIGN_OK);
    return reason;
}

/* The feeds remember, from one call to the next, the value sets that score
 * the last (instrument, stated value set) and the last person found open:
 * rows fed one a call, switching between instruments, stated value sets and
 * people (one opted out, one closed after the feed found them), get the
 * reasons and counts docs/scorecard.md gives each on its own. The framework
 * uses ASCOT SCT4 with its value set "raw" (index 0) and not WEMWBS. */
static void test_feed_memory(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = scenario(fw, 0);
    const int32_t ascot = instrument_index("ascot_sct4"), wemwbs = instrument_index("wemwbs");
    assert_true(ascot >= 0 && wemwbs >= 0);
    static const int32_t good[8] = {1, 1, 1, 1, 1, 1, 1, 1}, bad[8] = {1, 1, 1, 1, 1, 1, 1, 9},
                         missing[8] = {1, 1, 1, 1, 1, 1, 1, CAREALIGN_ITEM_MISSING},
                         fourteen[14] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    carealign_feed_counts before = CAREALIGN_FEED_COUNTS_INIT, after = CAREALIGN_FEED_COUNTS_INIT;
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_RESPONSES, &before),
                     CAREALIGN_OK);
    assert_int_equal(feed_one_response(sc, response_of(0, ascot, -1, good, 8)), 0);
    assert_int_equal(feed_one_response(sc, response_of(0, ascot, 0, good, 8)), 0);
    assert_int_equal(feed_one_response(sc, response_of(0, ascot, 5, good, 8)),
                     CAREALIGN_REJECT_VALUESET_MISMATCH);
    assert_int_equal(feed_one_response(sc, response_of(0, ascot, -1, good, 8)), 0);
    /* an instrument no measure uses: read and ignored, whatever its items */
    assert_int_equal(feed_one_response(sc, response_of(0, wemwbs, -1, fourteen, 14)), 0);
    assert_int_equal(feed_one_response(sc, response_of(0, wemwbs, 0, fourteen, 3)), 0);
    assert_int_equal(feed_one_response(sc, response_of(0, ascot, -1, fourteen, 14)),
                     CAREALIGN_REJECT_BAD_ITEMS);
    assert_int_equal(feed_one_response(sc, response_of(0, ascot, -1, bad, 8)),
                     CAREALIGN_REJECT_BAD_ITEMS);
    assert_int_equal(feed_one_response(sc, response_of(0, ascot, -1, missing, 8)), 0);
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_RESPONSES, &after),
                     CAREALIGN_OK);
    assert_int_equal(after.read - before.read, 9);
    assert_int_equal(after.rejected - before.rejected, 3);
    assert_int_equal(after.unscored - before.unscored, 1);
    /* people: 4 opted out, 3 outside the base, 5 closed after its contact */
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_CONTACTS, &before),
                     CAREALIGN_OK);
    assert_int_equal(feed_one_contact(sc, 4), 0);
    assert_int_equal(feed_one_contact(sc, 0), 0);
    assert_int_equal(feed_one_contact(sc, 4), 0);
    assert_int_equal(feed_one_contact(sc, 3), 0);
    assert_int_equal(feed_one_contact(sc, 5), 0);
    assert_int_equal(carealign_scorecard_close_person(sc, 5), CAREALIGN_OK);
    assert_int_equal(feed_one_contact(sc, 5), CAREALIGN_REJECT_PERSON_CLOSED);
    assert_int_equal(feed_one_contact(sc, 9), 0);
    assert_int_equal(feed_one_contact(sc, 9), 0);
    assert_int_equal(feed_one_contact(sc, 99), CAREALIGN_REJECT_UNKNOWN_PERSON);
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_CONTACTS, &after),
                     CAREALIGN_OK);
    assert_int_equal(after.read - before.read, 9);
    assert_int_equal(after.used - before.used, 7);
    assert_int_equal(after.excluded_opt_out - before.excluded_opt_out, 2);
    assert_int_equal(after.excluded_outside_base - before.excluded_outside_base, 1);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* ---- random data: merge, ordering, grouped mode ------------------------ */

static uint64_t rng = 1;
static uint32_t next(void)
{
    rng = rng * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return (uint32_t)(rng >> 33);
}

typedef struct data {
    carealign_person people[300];
    carealign_contact contacts[3000];
    size_t n_contacts;
    carealign_response resp[600];
    int32_t items[600][8];
    size_t n_resp;
} data;

static data D;

static void make_data(void)
{
    rng = 7;
    int32_t inst = instrument_index("ascot_sct4");
    D.n_contacts = 0;
    D.n_resp = 0;
    for (int32_t i = 0; i < 300; i++) {
        D.people[i] = person(i, 1930 + (int32_t)(next() % 70), 1 + (int32_t)(next() % 12),
                             (next() % 20) == 0 ? 1 : 0, (next() % 30) == 0 ? 1u : 0u);
        int nc = (int)(next() % 10);
        for (int k = 0; k < nc; k++) {
            int32_t start = day(2025, 4, 1) + (int32_t)(next() % 360);
            int32_t type = 1 + (int32_t)(next() % 14);
            int32_t org = (int32_t)(next() % 3);
            int32_t sector = org == 1 ? 5 : 1;
            int32_t end = type <= 2 ? start + (int32_t)(next() % 9) : start;
            carealign_contact c = contact(i, org, sector, type, start, end);
            if (next() % 3 == 0) {
                c.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
                c.discharge_ready_day = start;
            }
            c.staff_minutes = (int32_t)(next() % 120);
            D.contacts[D.n_contacts++] = c;
        }
        int nr = (int)(next() % 3);
        for (int k = 0; k < nr; k++) {
            carealign_response *r = &D.resp[D.n_resp];
            carealign_response_init(r, sizeof *r);
            for (int q = 0; q < 8; q++)
                D.items[D.n_resp][q] = 1 + (int32_t)(next() % 4);
            r->has = CAREALIGN_RESPONSE_HAS_ORG;
            r->person = i;
            r->org = 1;
            r->day = day(2025, 4, 1) + (int32_t)(next() % 360);
            r->instrument = inst;
            r->n_items = 8;
            r->items = D.items[D.n_resp];
            D.n_resp++;
        }
    }
}

static carealign_scorecard *fresh(const carealign_framework *fw, uint32_t flags)
{
    carealign_scorecard_options opt = CAREALIGN_SCORECARD_OPTIONS_INIT;
    opt.flags = flags | CAREALIGN_SC_NO_DISCLOSURE;
    carealign_scorecard *sc = NULL;
    assert_int_equal(carealign_scorecard_new(fw, &opt, &sc), CAREALIGN_OK);
    register_areas(sc);
    feed_orgs(sc);
    feed_populations(sc);
    return sc;
}

/* Feed the people whose part[] equals `which` (all when which < 0), in the
 * order given by perm (people), contacts and responses reversed if `rev`. */
static void feed_part(carealign_scorecard *sc, const int *part, int which, int rev)
{
    for (int32_t i = 0; i < 300; i++) {
        int32_t k = rev ? 299 - i : i;
        if (which < 0 || part[k] == which)
            assert_int_equal(carealign_scorecard_feed_people(sc, &D.people[k], 1, NULL, NULL),
                             CAREALIGN_OK);
    }
    for (size_t i = 0; i < D.n_contacts; i++) {
        size_t k = rev ? D.n_contacts - 1 - i : i;
        if (which < 0 || part[D.contacts[k].person] == which)
            assert_int_equal(carealign_scorecard_feed_contacts(sc, &D.contacts[k], 1, NULL, NULL),
                             CAREALIGN_OK);
    }
    for (size_t i = 0; i < D.n_resp; i++) {
        size_t k = rev ? D.n_resp - 1 - i : i;
        if (which < 0 || part[D.resp[k].person] == which)
            assert_int_equal(carealign_scorecard_feed_responses(sc, &D.resp[k], 1, NULL, NULL),
                             CAREALIGN_OK);
    }
}

static void assert_same_results(const carealign_scorecard *a, const carealign_scorecard *b)
{
    size_t na = 0, nb = 0;
    assert_int_equal(carealign_scorecard_result_count(a, &na), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_result_count(b, &nb), CAREALIGN_OK);
    assert_int_equal(na, nb);
    assert_true(na > 100);
    for (size_t i = 0; i < na; i++) {
        carealign_result ra = CAREALIGN_RESULT_INIT, rb = CAREALIGN_RESULT_INIT;
        assert_int_equal(carealign_scorecard_get_result(a, i, &ra), CAREALIGN_OK);
        assert_int_equal(carealign_scorecard_get_result(b, i, &rb), CAREALIGN_OK);
        assert_memory_equal(&ra, &rb, sizeof ra);
    }
}

/* One table of ASCOT SCT4 responses (8 items each) fed through the columnar
 * feed and, row by row the same, as carealign_response records: the old
 * path, whose reasons, counts and results are the expected ones. An NA
 * person or day has no record form: its reason is MISSING_FIELD (the
 * columns' own, docs/scorecard.md). */
typedef struct resp_table {
    int32_t instrument, valueset; /* valueset CAREALIGN_NA_I32: not stated */
    size_t n;
    int32_t items[16][8], person[16], org[16], when[16];
    double weight[16];
    uint32_t flags[16];
} resp_table;

static size_t feed_table_both(carealign_scorecard *by_cols, carealign_scorecard *by_recs,
                              const resp_table *t, const int32_t *want)
{
    carealign_response_columns cols = CAREALIGN_RESPONSE_COLUMNS_INIT;
    cols.n = t->n;
    cols.instrument = t->instrument;
    cols.valueset = t->valueset;
    cols.n_items = 8;
    cols.items = &t->items[0][0];
    cols.person = t->person;
    cols.org = t->org;
    cols.day = t->when;
    cols.weight = t->weight;
    cols.flags = t->flags;
    int32_t rc[16], rr[16];
    size_t rej_c = 99, rej_r = 99, n_na = 0;
    assert_int_equal(carealign_scorecard_feed_responses_columns(by_cols, &cols, rc, &rej_c),
                     CAREALIGN_OK);
    for (size_t i = 0; i < t->n; i++) {
        if (t->person[i] == CAREALIGN_NA_I32 || t->when[i] == CAREALIGN_NA_I32) {
            assert_int_equal(rc[i], CAREALIGN_REJECT_MISSING_FIELD);
            n_na++;
            continue;
        }
        carealign_response r = CAREALIGN_RESPONSE_INIT;
        r.person = t->person[i];
        r.day = t->when[i];
        r.instrument = t->instrument;
        r.n_items = 8;
        r.items = t->items[i];
        r.flags = t->flags[i];
        if (t->org[i] != CAREALIGN_NA_I32) {
            r.has |= CAREALIGN_RESPONSE_HAS_ORG;
            r.org = t->org[i];
        }
        if (!isnan(t->weight[i])) {
            r.has |= CAREALIGN_RESPONSE_HAS_WEIGHT;
            r.weight = t->weight[i];
        }
        if (t->valueset != CAREALIGN_NA_I32) {
            r.has |= CAREALIGN_RESPONSE_HAS_VALUESET;
            r.valueset = t->valueset;
        }
        size_t one = 99;
        assert_int_equal(carealign_scorecard_feed_responses(by_recs, &r, 1, &rr[i], &one),
                         CAREALIGN_OK);
        assert_int_equal(rc[i], rr[i]);
        rej_r += one;
    }
    assert_int_equal(rej_c, rej_r - 99 + n_na);
    if (want != NULL)
        for (size_t i = 0; i < t->n; i++)
            assert_int_equal(rc[i], want[i]);
    return n_na;
}

static void test_responses_columns_as_records(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *by_cols = scenario(fw, 0), *by_recs = scenario(fw, 0);
    assert_int_equal(carealign_scorecard_close_person(by_cols, 8), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_close_person(by_recs, 8), CAREALIGN_OK);
    static resp_table t;
    const int32_t ascot = instrument_index("ascot_sct4");
    memset(&t, 0, sizeof t);
    t.instrument = ascot;
    t.valueset = CAREALIGN_NA_I32;
    /* person, org (NA: none), day, weight (NaN: none), flags, level; the
     * reason by hand */
    static const struct {
        int32_t person, org, when;
        double weight;
        uint32_t flags;
        int32_t level, reason;
    } rows[16] = {
        {5, 1, 20240, 2.0, 1, 3, 0},
        {CAREALIGN_NA_I32, 1, 20240, 1.0, 0, 3, CAREALIGN_REJECT_MISSING_FIELD},
        {5, 1, CAREALIGN_NA_I32, 1.0, 0, 3, CAREALIGN_REJECT_MISSING_FIELD},
        {99, 1, 20240, 1.0, 0, 3, CAREALIGN_REJECT_UNKNOWN_PERSON},
        {6, 42, 20240, 1.0, 0, 3, CAREALIGN_REJECT_UNKNOWN_ORG},
        {6, 1, 1000000000, 1.0, 0, 3, CAREALIGN_REJECT_OUT_OF_RANGE},
        {6, 1, 20240, -1.0, 0, 3, CAREALIGN_REJECT_OUT_OF_RANGE},
        {6, 1, 20240, 1.0, 2, 3, CAREALIGN_REJECT_OUT_OF_RANGE},
        {6, 1, 20240, NAN, 0, 9, CAREALIGN_REJECT_BAD_ITEMS},
        {7, CAREALIGN_NA_I32, 20240, NAN, 0, CAREALIGN_ITEM_MISSING, 0},
        {7, CAREALIGN_NA_I32, 20300, NAN, 0, 2, 0},
        {-3, 1, 20240, 1.0, 0, 3, CAREALIGN_REJECT_OUT_OF_RANGE},
        {8, 1, 20240, 1.0, 0, 3, CAREALIGN_REJECT_PERSON_CLOSED},
        {3, 1, 20240, 1.0, 0, 4, 0}, /* outside the base */
        {4, 1, 20240, 1.5, 0, 4, 0}, /* opted out */
        {5, 2, 20350, 1.0, 0, 1, 0},
    };
    int32_t want[16];
    t.n = 16;
    for (size_t i = 0; i < t.n; i++) {
        t.person[i] = rows[i].person;
        t.org[i] = rows[i].org;
        t.when[i] = rows[i].when;
        t.weight[i] = rows[i].weight;
        t.flags[i] = rows[i].flags;
        for (int k = 0; k < 8; k++)
            t.items[i][k] =
                k == 7 || rows[i].level == CAREALIGN_ITEM_MISSING ? rows[i].level : (k % 4) + 1;
        want[i] = rows[i].reason;
    }
    size_t n_na = feed_table_both(by_cols, by_recs, &t, want);
    /* the same rows with a stated value set: 0 scores, 5 does not exist, -1
     * is out of range; with an instrument out of the registry */
    static const int32_t sets[3] = {0, 5, -1};
    for (int k = 0; k < 3; k++) {
        t.valueset = sets[k];
        n_na += feed_table_both(by_cols, by_recs, &t, NULL);
    }
    t.valueset = CAREALIGN_NA_I32;
    t.instrument = 9999;
    n_na += feed_table_both(by_cols, by_recs, &t, NULL);
    assert_int_equal(n_na, 10);
    for (int32_t feed = CAREALIGN_FEED_ORGANISATIONS; feed <= CAREALIGN_FEED_CONTACTS; feed++) {
        carealign_feed_counts a = CAREALIGN_FEED_COUNTS_INIT, b = CAREALIGN_FEED_COUNTS_INIT;
        assert_int_equal(carealign_scorecard_get_counts(by_cols, feed, &a), CAREALIGN_OK);
        assert_int_equal(carealign_scorecard_get_counts(by_recs, feed, &b), CAREALIGN_OK);
        if (feed == CAREALIGN_FEED_RESPONSES) {
            /* the NA rows: read and rejected by columns only */
            assert_int_equal(a.read, b.read + n_na);
            assert_int_equal(a.rejected, b.rejected + n_na);
            b.read += n_na;
            b.rejected += n_na;
            assert_true(a.unscored > 0 && a.excluded_opt_out > 0 && a.excluded_outside_base > 0);
        }
        assert_memory_equal(&a, &b, sizeof a);
    }
    assert_int_equal(carealign_scorecard_close_all(by_cols), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_close_all(by_recs), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_finalize(by_cols), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_finalize(by_recs), CAREALIGN_OK);
    assert_same_results(by_cols, by_recs);
    carealign_scorecard_free(by_cols);
    carealign_scorecard_free(by_recs);
    carealign_framework_free(fw);
}

static void test_ordering_invariance(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    make_data();
    int part[300] = {0};
    carealign_scorecard *a = fresh(fw, 0), *b = fresh(fw, 0);
    feed_part(a, part, -1, 0);
    feed_part(b, part, -1, 1);
    assert_int_equal(carealign_scorecard_finalize(a), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_finalize(b), CAREALIGN_OK);
    assert_same_results(a, b);
    /* an SPC measure with a value in every month has its icons, and its
     * period rows follow its whole-period row */
    size_t i = 0;
    int32_t m = measure_index(fw, "organisations-per-person");
    assert_int_equal(carealign_scorecard_find_result(a, m, CAREALIGN_LEVEL_SYSTEM, -1, -1, &i),
                     CAREALIGN_OK);
    carealign_result whole = CAREALIGN_RESULT_INIT, p0 = CAREALIGN_RESULT_INIT;
    assert_int_equal(carealign_scorecard_get_result(a, i, &whole), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_get_result(a, i + 1, &p0), CAREALIGN_OK);
    if (p0.period != 0)
        fail_msg("next row: measure %d level %d unit %d period %d stratum %d %d", (int)p0.measure,
                 (int)p0.level, (int)p0.unit, (int)p0.period, (int)p0.stratum[0],
                 (int)p0.stratum[1]);
    assert_int_equal(p0.measure, m);
    if (whole.spc_variation < CAREALIGN_SPC_VARIATION_NONE)
        fail_msg("no SPC: value %g flags %u", whole.estimate.value, (unsigned)whole.flags);
    assert_true(p0.spc_point >= CAREALIGN_SPC_COMMON_CAUSE);
    carealign_scorecard_free(a);
    carealign_scorecard_free(b);
    carealign_framework_free(fw);
}

static void test_merge_equals_single_run(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    make_data();
    int part[300];
    for (int seed = 1; seed <= 3; seed++) {
        rng = (uint64_t)seed * 977;
        for (int i = 0; i < 300; i++)
            part[i] = (int)(next() % 3);
        carealign_scorecard *single = fresh(fw, 0);
        feed_part(single, part, -1, 0);
        carealign_scorecard *p[3];
        for (int k = 0; k < 3; k++) {
            p[k] = fresh(fw, 0);
            feed_part(p[k], part, k, k == 1);
            assert_int_equal(carealign_scorecard_close_all(p[k]), CAREALIGN_OK);
        }
        /* through the blob for one of them */
        size_t len = 0;
        assert_int_equal(carealign_scorecard_serialize(p[2], NULL, 0, &len), CAREALIGN_EBUFSIZE);
        void *blob = malloc(len);
        assert_int_equal(carealign_scorecard_serialize(p[2], blob, len, &len), CAREALIGN_OK);
        carealign_scorecard *back = NULL;
        assert_int_equal(carealign_scorecard_deserialize(fw, blob, len, &back), CAREALIGN_OK);
        free(blob);
        assert_int_equal(carealign_scorecard_merge(p[1], back), CAREALIGN_OK);
        assert_int_equal(carealign_scorecard_merge(p[0], p[1]), CAREALIGN_OK);
        assert_int_equal(carealign_scorecard_finalize(p[0]), CAREALIGN_OK);
        assert_int_equal(carealign_scorecard_finalize(single), CAREALIGN_OK);
        assert_same_results(single, p[0]);
        carealign_feed_counts x = CAREALIGN_FEED_COUNTS_INIT, y = CAREALIGN_FEED_COUNTS_INIT;
        carealign_scorecard_get_counts(single, CAREALIGN_FEED_CONTACTS, &x);
        carealign_scorecard_get_counts(p[0], CAREALIGN_FEED_CONTACTS, &y);
        assert_int_equal(x.read, y.read);
        assert_int_equal(x.excluded_opt_out, y.excluded_opt_out);
        carealign_scorecard_free(back);
        for (int k = 0; k < 3; k++)
            carealign_scorecard_free(p[k]);
        carealign_scorecard_free(single);
    }
    carealign_framework_free(fw);
}

/* ---- close_before: person blocks = close_all ---------------------------- */

/* People 200 .. 209 get no records in the close_before tests (a block of
 * people without any). */
static int without_records(int32_t person)
{
    return person >= 200 && person < 210;
}

/* Feed the people of [lo, hi) (in reverse when rev), then their contacts and
 * responses (none for without_records), every row accepted. */
static void feed_block(carealign_scorecard *sc, int32_t lo, int32_t hi, int rev)
{
    for (int32_t i = lo; i < hi; i++) {
        int32_t k = rev ? hi - 1 - (i - lo) : i;
        assert_int_equal(carealign_scorecard_feed_people(sc, &D.people[k], 1, NULL, NULL),
                         CAREALIGN_OK);
    }
    int32_t reason = -1;
    for (size_t i = 0; i < D.n_contacts; i++) {
        int32_t who = D.contacts[i].person;
        if (who < lo || who >= hi || without_records(who))
            continue;
        assert_int_equal(carealign_scorecard_feed_contacts(sc, &D.contacts[i], 1, &reason, NULL),
                         CAREALIGN_OK);
        assert_int_equal(reason, 0);
    }
    for (size_t i = 0; i < D.n_resp; i++) {
        int32_t who = D.resp[i].person;
        if (who < lo || who >= hi || without_records(who))
            continue;
        assert_int_equal(carealign_scorecard_feed_responses(sc, &D.resp[i], 1, &reason, NULL),
                         CAREALIGN_OK);
        assert_int_equal(reason, 0);
    }
}

/* The serialized partial of a scorecard whose people are all closed. */
static unsigned char *blob_of(const carealign_scorecard *sc, size_t *len)
{
    assert_int_equal(carealign_scorecard_serialize(sc, NULL, 0, len), CAREALIGN_EBUFSIZE);
    unsigned char *blob = malloc(*len);
    assert_non_null(blob);
    assert_int_equal(carealign_scorecard_serialize(sc, blob, *len, len), CAREALIGN_OK);
    return blob;
}

/* make_data plus 40 contacts for person 150 (first of a block: its run goes
 * to qsort, more than CAREALIGN__SC_SMALL_RUN) at the end of the table, so
 * that the contacts of its block are not grouped by person. */
static void make_block_data(void)
{
    make_data();
    assert_true(D.n_contacts + 40 <= sizeof D.contacts / sizeof D.contacts[0]);
    for (int k = 0; k < 40; k++) {
        int32_t start = day(2025, 4, 1) + (int32_t)(next() % 360);
        carealign_contact c = contact(150, k % 3, k % 3 == 1 ? 5 : 1, 4 + k % 4, start, start);
        c.staff_minutes = 10 + k;
        D.contacts[D.n_contacts++] = c;
    }
}

/* Feeding person blocks with close_before after each gives the same partial
 * (byte for byte) and the same results as feeding everything and
 * close_all: blocks of one person, of people without records (200 .. 209),
 * an empty block, a block starting on a person with many contacts, a block
 * whose people are fed in reverse, people fed past the block's end (left
 * open with their records), and a call below every open person. */
static void test_close_before_blocks(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    make_block_data();
    carealign_scorecard *whole = fresh(fw, 0), *blocks = fresh(fw, 0);
    feed_block(whole, 0, 300, 0);
    assert_int_equal(carealign_scorecard_close_all(whole), CAREALIGN_OK);

    assert_int_equal(carealign_scorecard_close_before(blocks, 0), CAREALIGN_OK);
    static const int32_t ends[] = {1, 2, 17, 150, 151, 200, 210, 210, 256, 300};
    int32_t lo = 0;
    for (size_t b = 0; b < sizeof ends / sizeof ends[0]; b++) {
        int32_t hi = ends[b];
        if (hi == 256) { /* people and records of 210 .. 280 fed, 256 .. 280 stay open */
            feed_block(blocks, lo, 280, b % 2);
            assert_int_equal(carealign_scorecard_close_before(blocks, hi), CAREALIGN_OK);
            assert_int_equal(carealign_scorecard_close_before(blocks, 5), CAREALIGN_OK);
            lo = 280;
            continue;
        }
        feed_block(blocks, lo, hi, b % 2);
        assert_int_equal(carealign_scorecard_close_before(blocks, hi), CAREALIGN_OK);
        lo = hi;
    }
    assert_int_equal(carealign_scorecard_close_all(blocks), CAREALIGN_OK);

    size_t na = 0, nb = 0;
    unsigned char *a = blob_of(whole, &na), *b = blob_of(blocks, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    free(a);
    free(b);
    assert_int_equal(carealign_scorecard_finalize(whole), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_finalize(blocks), CAREALIGN_OK);
    assert_same_results(whole, blocks);
    carealign_scorecard_free(whole);
    carealign_scorecard_free(blocks);
    carealign_framework_free(fw);
}

/* close_before's arguments and states; people below the end are closed
 * (their later records and the person rejected as closed), those from the
 * end on are not. */
static void test_close_before_states(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    make_data();
    carealign_scorecard *sc = fresh(fw, 0);
    assert_int_equal(carealign_scorecard_close_before(NULL, 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_scorecard_close_before(sc, -1), CAREALIGN_EINVAL);
    feed_block(sc, 0, 20, 0);
    assert_int_equal(carealign_scorecard_close_before(sc, 10), CAREALIGN_OK);
    assert_int_equal(feed_one_contact(sc, 9), CAREALIGN_REJECT_PERSON_CLOSED);
    assert_int_equal(feed_one_contact(sc, 0), CAREALIGN_REJECT_PERSON_CLOSED);
    assert_int_equal(feed_one_contact(sc, 10), 0);
    int32_t reason = -1;
    assert_int_equal(carealign_scorecard_feed_people(sc, &D.people[3], 1, &reason, NULL),
                     CAREALIGN_OK);
    assert_int_equal(reason, CAREALIGN_REJECT_PERSON_CLOSED);
    assert_int_equal(carealign_scorecard_close_person(sc, 9), CAREALIGN_EINVAL);
    assert_int_equal(carealign_scorecard_close_person(sc, 10), CAREALIGN_OK);
    /* a blob needs every person closed: 11 .. 19 are still open */
    size_t len = 0;
    assert_int_equal(carealign_scorecard_serialize(sc, NULL, 0, &len), CAREALIGN_ESTATE);
    assert_int_equal(carealign_scorecard_close_before(sc, INT32_MAX), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_serialize(sc, NULL, 0, &len), CAREALIGN_EBUFSIZE);
    assert_int_equal(feed_one_contact(sc, 19), CAREALIGN_REJECT_PERSON_CLOSED);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_close_before(sc, 1), CAREALIGN_ESTATE);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* Grouped mode: memory bounded by the groups plus one person. Counting
 * allocator: live bytes after warm-up do not grow with more people whose
 * groups already exist. */
static size_t live, peak;
static void *count_malloc(size_t n, void *u)
{
    (void)u;
    size_t *p = malloc(n + 16);
    if (p == NULL)
        return NULL;
    p[0] = n;
    live += n;
    if (live > peak)
        peak = live;
    return (char *)p + 16;
}
static void *count_realloc(void *ptr, size_t n, void *u)
{
    if (ptr == NULL)
        return count_malloc(n, u);
    size_t *p = (size_t *)(void *)((char *)ptr - 16);
    size_t old = p[0];
    size_t *q = realloc(p, n + 16);
    if (q == NULL)
        return NULL;
    q[0] = n;
    live = live - old + n;
    if (live > peak)
        peak = live;
    return (char *)q + 16;
}
static void count_free(void *ptr, void *u)
{
    (void)u;
    size_t *p = (size_t *)(void *)((char *)ptr - 16);
    live -= p[0];
    free(p);
}

static size_t grouped_peak(const carealign_framework *fw, int repeats)
{
    carealign_scorecard *sc = fresh(fw, CAREALIGN_SC_GROUPED);
    peak = live;
    for (int rep = 0; rep < repeats; rep++)
        for (int32_t i = 0; i < 300; i++) {
            carealign_person p = D.people[i];
            p.person = rep * 300 + i;
            assert_int_equal(carealign_scorecard_feed_people(sc, &p, 1, NULL, NULL), CAREALIGN_OK);
            for (size_t k = 0; k < D.n_contacts; k++)
                if (D.contacts[k].person == i) {
                    carealign_contact c = D.contacts[k];
                    c.person = p.person;
                    assert_int_equal(carealign_scorecard_feed_contacts(sc, &c, 1, NULL, NULL),
                                     CAREALIGN_OK);
                }
            assert_int_equal(carealign_scorecard_close_person(sc, p.person), CAREALIGN_OK);
        }
    size_t groups_peak = peak;
    carealign_scorecard_free(sc);
    return groups_peak;
}

static void test_grouped_memory_bound(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    make_data();
    size_t one = grouped_peak(fw, 1);
    size_t eight = grouped_peak(fw, 8);
    /* eight times the people: the groups are the same; only the closed-person
     * bits (one per person) and the seen bits grow */
    assert_true(eight < one + one / 10 + 4096);
    carealign_framework_free(fw);
}

static void test_states_and_args(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = NULL;
    carealign_scorecard_options opt = CAREALIGN_SCORECARD_OPTIONS_INIT;
    opt.confidence = 1.5;
    assert_int_equal(carealign_scorecard_new(fw, &opt, &sc), CAREALIGN_EINVAL);
    opt.confidence = 0;
    opt.flags = 0x80;
    assert_int_equal(carealign_scorecard_new(fw, &opt, &sc), CAREALIGN_EUNSUPPORTED);
    sc = scenario(fw, 0);
    size_t n = 0;
    assert_int_equal(carealign_scorecard_result_count(sc, &n), CAREALIGN_ESTATE);
    assert_int_equal(carealign_scorecard_serialize(sc, NULL, 0, &n), CAREALIGN_ESTATE);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_ESTATE);
    carealign_person p = person(50, 1950, 1, 0, 0);
    assert_int_equal(carealign_scorecard_feed_people(sc, &p, 1, NULL, NULL), CAREALIGN_ESTATE);
    const char *s = NULL;
    size_t len = 0;
    assert_int_equal(carealign_scorecard_get_id(sc, CAREALIGN_DICT_AREA, 1, &s, &len),
                     CAREALIGN_OK);
    assert_string_equal(s, "E08000036");
    assert_int_equal(carealign_scorecard_get_id(sc, CAREALIGN_DICT_AREA, 2, &s, &len),
                     CAREALIGN_ERANGE);
    /* bulk copy with a larger stride */
    assert_int_equal(carealign_scorecard_result_count(sc, &n), CAREALIGN_OK);
    struct {
        carealign_result r;
        double extra;
    } big[3];
    memset(big, 0xff, sizeof big);
    big[0].r.size = sizeof big[0];
    size_t got = 0;
    assert_int_equal(carealign_scorecard_get_results(sc, 0, &big[0].r, 3, &got), CAREALIGN_OK);
    assert_int_equal(got, 3);
    assert_int_equal(big[2].r.size, sizeof big[0]);
    assert_float_equal(big[2].extra, 0.0, 0);
    carealign_result first = CAREALIGN_RESULT_INIT;
    assert_int_equal(carealign_scorecard_get_result(sc, 2, &first), CAREALIGN_OK);
    assert_int_equal(first.measure, big[2].r.measure);
    carealign_scorecard_free(sc);
    carealign_scorecard_free(NULL);
    carealign_framework_free(fw);
}

#ifdef CAREALIGN_GROUPED_ONLY
/* The allocator is set before the library allocates anything. */
int main(void)
{
    carealign_allocator a = CAREALIGN_ALLOCATOR_INIT;
    a.malloc_fn = count_malloc;
    a.realloc_fn = count_realloc;
    a.free_fn = count_free;
    if (carealign_set_allocator(&a) != CAREALIGN_OK)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grouped_memory_bound),
    };
    /* the other tests run in test_scorecard_engine */
    (void)test_bcf_emergency_admissions;
    (void)test_handoffs_same_day;
    (void)test_first_64_organisations;
    (void)test_ascof_2d;
    (void)test_response_any_is_a_condition;
    (void)test_bcf_delay_and_care_homes;
    (void)test_ascof_1a;
    (void)test_fft;
    (void)test_reject_reasons;
    (void)test_responses_columns_as_records;
    (void)test_feed_memory;
    (void)test_ordering_invariance;
    (void)test_merge_equals_single_run;
    (void)test_close_before_blocks;
    (void)test_close_before_states;
    (void)test_states_and_args;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#else
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bcf_emergency_admissions),
        cmocka_unit_test(test_handoffs_same_day),
        cmocka_unit_test(test_first_64_organisations),
        cmocka_unit_test(test_ascof_2d),
        cmocka_unit_test(test_response_any_is_a_condition),
        cmocka_unit_test(test_bcf_delay_and_care_homes),
        cmocka_unit_test(test_ascof_1a),
        cmocka_unit_test(test_fft),
        cmocka_unit_test(test_reject_reasons),
        cmocka_unit_test(test_responses_columns_as_records),
        cmocka_unit_test(test_feed_memory),
        cmocka_unit_test(test_ordering_invariance),
        cmocka_unit_test(test_merge_equals_single_run),
        cmocka_unit_test(test_close_before_blocks),
        cmocka_unit_test(test_close_before_states),
        cmocka_unit_test(test_states_and_args),
    };
    (void)test_grouped_memory_bound; /* runs in test_scorecard_grouped */
    (void)count_malloc;
    (void)count_realloc;
    (void)count_free;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#endif
