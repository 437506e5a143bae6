/* Scorecard features of issue 8 on hand-built cases through
 * tests/scorecard/data/features.json: Goal Attainment Scaling responses,
 * survey weights, composite aim scores and directly standardised rates.
 * Expected values are derived by hand from each method's publication (cited
 * beside each test) or computed independently with SciPy, never by the
 * library. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmocka_all.h"
#include "carealign/carealign.h"

#ifndef CAREALIGN_SOURCE_DIR
#error "CAREALIGN_SOURCE_DIR must name the source tree"
#endif

/* The framework at relative, edited first when after is not NULL: the
 * first `from` after the first `after` replaced by `to`, of the same
 * length. */
static carealign_framework *load_edited(const char *relative, const char *after, const char *from,
                                        const char *to)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CAREALIGN_SOURCE_DIR, relative);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    if (after != NULL) {
        char *at = strstr(text, after);
        assert_non_null(at);
        at = strstr(at, from);
        assert_non_null(at);
        assert_int_equal(strlen(from), strlen(to));
        memcpy(at, to, strlen(to));
    }
    carealign_framework *fw = NULL;
    assert_int_equal(carealign_framework_load(text, n, NULL, &fw), CAREALIGN_OK);
    return fw;
}

static carealign_framework *load(const char *relative)
{
    return load_edited(relative, NULL, NULL, NULL);
}

static int32_t measure_index(const carealign_framework *fw, const char *id)
{
    int32_t i = -1;
    assert_int_equal(carealign_framework_find_measure(fw, id, strlen(id), &i), CAREALIGN_OK);
    return i;
}

static int32_t day(int y, int m, int d)
{
    int32_t out = 0;
    assert_int_equal(carealign_date_from_ymd(y, m, d, &out), CAREALIGN_OK);
    return out;
}

/* The system row of a measure in period `period` (CAREALIGN_PERIOD_WHOLE:
 * the whole period), NULL when there is none. */
static const carealign_result *find_period(const carealign_scorecard *sc, int32_t measure,
                                           int32_t period)
{
    static carealign_result r;
    size_t i = 0;
    if (carealign_scorecard_find_result(sc, measure, CAREALIGN_LEVEL_SYSTEM, -1, period, &i) !=
        CAREALIGN_OK)
        return NULL;
    r.size = sizeof r;
    assert_int_equal(carealign_scorecard_get_result(sc, i, &r), CAREALIGN_OK);
    return &r;
}

/* The system row of a measure over the whole period (there must be one). */
static const carealign_result *find(const carealign_scorecard *sc, int32_t measure)
{
    const carealign_result *r = find_period(sc, measure, CAREALIGN_PERIOD_WHOLE);
    assert_non_null(r);
    return r;
}

/* A scorecard over `fw` with area 0 = E08000035 (the base) and n people, all
 * resident, born in `birth_month` of `birth_year`, without disclosure
 * control. */
static carealign_scorecard *start_born(const carealign_framework *fw, int32_t n, int32_t birth_year,
                                       int32_t birth_month)
{
    carealign_scorecard_options opt = CAREALIGN_SCORECARD_OPTIONS_INIT;
    opt.flags = CAREALIGN_SC_NO_DISCLOSURE;
    carealign_scorecard *sc = NULL;
    assert_int_equal(carealign_scorecard_new(fw, &opt, &sc), CAREALIGN_OK);
    const uint64_t off[] = {0, 9};
    int32_t idx = -1;
    assert_int_equal(
        carealign_scorecard_register_ids(sc, CAREALIGN_DICT_AREA, "E08000035", off, 1, &idx),
        CAREALIGN_OK);
    assert_int_equal(idx, 0);
    carealign_person *p = calloc((size_t)n, sizeof *p);
    assert_non_null(p);
    for (int32_t i = 0; i < n; i++) {
        carealign_person_init(&p[i], sizeof p[i]);
        p[i].person = i;
        p[i].has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_AREA;
        p[i].birth_year = birth_year;
        p[i].birth_month = birth_month;
        p[i].area = 0;
    }
    size_t rej = 99;
    assert_int_equal(carealign_scorecard_feed_people(sc, p, (size_t)n, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    free(p);
    return sc;
}

/* start_born with everyone born in January. */
static carealign_scorecard *start(const carealign_framework *fw, int32_t n, int32_t birth_year)
{
    return start_born(fw, n, birth_year, 1);
}

static carealign_response gas_response(int32_t person, int32_t when, const int32_t *levels,
                                       int32_t n)
{
    carealign_response r = CAREALIGN_RESPONSE_INIT;
    r.person = person;
    r.day = when;
    r.instrument = CAREALIGN_RESPONSE_INSTRUMENT_GAS;
    r.n_items = n;
    r.items = levels;
    return r;
}

/* ---- 1. Goal Attainment Scaling ------------------------------------------ */

/* Kiresuk TJ, Sherman RE. Goal attainment scaling. Community Ment Health J
 * 1968;4:443-453: T = 50 + 10 sum(w x) / sqrt((1 - rho) sum(w^2) + rho (sum
 * w)^2), rho = 0.3, weights 1. By hand:
 *   person 0, goals (0, +1):     50 + 10 / sqrt(0.7 * 2 + 0.3 * 4) = 56.2017...
 *   person 1, goals (-1, 0, 0):  50 - 10 / sqrt(0.7 * 3 + 0.3 * 9) = 45.4356...
 *   person 2, goals (0, 0):      50 exactly (goals met as expected)
 *   person 3, (+2) then (-2):    latest 50 - 10 * 2 / 1 = 30
 * gas-goals-met (latest T >= 50): 2 of 4 = 50%, Wilson 95% (z from
 * scipy.stats.norm.ppf(0.975)): 15.003898915214947, 84.99610108478505.
 * gas-mean-t: (56.20173672946042 + 45.435645354123615 + 50 + 30) / 4 =
 * 45.40934552089601; t interval (scipy.stats.t.ppf(0.975, 3), sample sd):
 * 27.618966898323134, 63.199724143468885 (scores held to 1/10000). */
static void test_gas_responses_scored(void **state)
{
    (void)state;
    carealign_framework *fw = load("tests/scorecard/data/features.json");
    carealign_scorecard *sc = start(fw, 4, 1955);
    static const int32_t g0[] = {0, 1}, g1[] = {-1, 0, 0}, g2[] = {0, 0}, g3a[] = {2}, g3b[] = {-2};
    carealign_response r[5] = {
        gas_response(0, day(2025, 6, 1), g0, 2),  gas_response(1, day(2025, 6, 1), g1, 3),
        gas_response(2, day(2025, 6, 1), g2, 2),  gas_response(3, day(2025, 5, 1), g3a, 1),
        gas_response(3, day(2025, 9, 1), g3b, 1),
    };
    r[0].has |= CAREALIGN_RESPONSE_HAS_VALUESET; /* stated: tscore-rho-0.3 is index 0 */
    r[0].valueset = 0;
    int32_t reasons[5];
    size_t rej = 99;
    assert_int_equal(carealign_scorecard_feed_responses(sc, r, 5, reasons, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const carealign_result *res = find(sc, measure_index(fw, "gas-goals-met"));
    assert_float_equal(res->numerator, 2.0, 0);
    assert_float_equal(res->denominator, 4.0, 0);
    assert_float_equal(res->estimate.value, 50.0, 1e-12);
    assert_float_equal(res->estimate.lower, 15.003898915214947, 1e-9);
    assert_float_equal(res->estimate.upper, 84.99610108478505, 1e-9);
    res = find(sc, measure_index(fw, "gas-mean-t"));
    assert_float_equal(res->denominator, 4.0, 0);
    assert_float_equal(res->estimate.value, 45.40934552089601, 1e-4);
    assert_float_equal(res->estimate.lower, 27.618966898323134, 1e-3);
    assert_float_equal(res->estimate.upper, 63.199724143468885, 1e-3);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* A goal level outside -2..+2 (Kiresuk and Sherman's five-point scale), also
 * beside a goal not rated (in either order), no goals, and a value set the
 * library does not have are rejected with their reasons; nothing is scored. */
static void test_gas_rejects(void **state)
{
    (void)state;
    carealign_framework *fw = load("tests/scorecard/data/features.json");
    carealign_scorecard *sc = start(fw, 1, 1955);
    static const int32_t out_of_range[] = {0, 3}, missing_then_bad[] = {CAREALIGN_ITEM_MISSING, 3},
                         bad_then_missing[] = {-3, CAREALIGN_ITEM_MISSING};
    carealign_response r[5] = {
        gas_response(0, day(2025, 6, 1), out_of_range, 2),
        gas_response(0, day(2025, 6, 1), missing_then_bad, 2),
        gas_response(0, day(2025, 6, 1), bad_then_missing, 2),
        gas_response(0, day(2025, 6, 1), NULL, 0),
        gas_response(0, day(2025, 6, 1), out_of_range, 1),
    };
    r[4].has |= CAREALIGN_RESPONSE_HAS_VALUESET;
    r[4].valueset = 1;
    int32_t reasons[5];
    size_t rej = 0;
    assert_int_equal(carealign_scorecard_feed_responses(sc, r, 5, reasons, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 5);
    assert_int_equal(reasons[0], CAREALIGN_REJECT_BAD_ITEMS);
    assert_int_equal(reasons[1], CAREALIGN_REJECT_BAD_ITEMS);
    assert_int_equal(reasons[2], CAREALIGN_REJECT_BAD_ITEMS);
    assert_int_equal(reasons[3], CAREALIGN_REJECT_BAD_ITEMS);
    assert_int_equal(reasons[4], CAREALIGN_REJECT_VALUESET_MISMATCH);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* A goal not rated makes the score missing, not the row invalid (docs/data.md,
 * responses.csv; carealign_gas_tscore() imputes nothing): the row is used and
 * enters no measure. By hand (Kiresuk and Sherman, rho = 0.3, as above):
 *   person 0, goals (0, +1):            T 56.2017 (scores held to 1/10000)
 *   person 1, goals (+1, not rated):    no score: in no denominator
 *   person 2, (-2), later (0, not rated): latest score 30 (the earlier one)
 * gas-goals-met (latest T >= 50): 1 of 2 = 50%; gas-mean-t: (56.2017 + 30)
 * / 2 = 43.10085, denominator 2. Read 4 = used 4 + rejected 0. */
static void test_gas_missing_goal_used(void **state)
{
    (void)state;
    carealign_framework *fw = load("tests/scorecard/data/features.json");
    carealign_scorecard *sc = start(fw, 3, 1955);
    static const int32_t g0[] = {0, 1}, g1[] = {1, CAREALIGN_ITEM_MISSING}, g2a[] = {-2},
                         g2b[] = {0, CAREALIGN_ITEM_MISSING};
    carealign_response r[4] = {
        gas_response(0, day(2025, 6, 1), g0, 2),
        gas_response(1, day(2025, 6, 1), g1, 2),
        gas_response(2, day(2025, 5, 1), g2a, 1),
        gas_response(2, day(2025, 9, 1), g2b, 2),
    };
    int32_t reasons[4] = {-1, -1, -1, -1};
    size_t rej = 99;
    assert_int_equal(carealign_scorecard_feed_responses(sc, r, 4, reasons, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(reasons[i], CAREALIGN_REJECT_NONE);
    carealign_feed_counts fc = CAREALIGN_FEED_COUNTS_INIT;
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_RESPONSES, &fc),
                     CAREALIGN_OK);
    assert_int_equal(fc.read, 4);
    assert_int_equal(fc.used, 4);
    assert_int_equal(fc.rejected, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const carealign_result *res = find(sc, measure_index(fw, "gas-goals-met"));
    assert_float_equal(res->numerator, 1.0, 0);
    assert_float_equal(res->denominator, 2.0, 0);
    assert_float_equal(res->estimate.value, 50.0, 1e-12);
    res = find(sc, measure_index(fw, "gas-mean-t"));
    assert_float_equal(res->denominator, 2.0, 0);
    assert_float_equal(res->estimate.value, 43.10085, 1e-9);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* ---- 2. Survey weights ---------------------------------------------------- */

/* No measure of features.json is weighted, so weights are not applied
 * (docs/scorecard.md, "Survey weights"), and the rows whose weight is not 1
 * are counted so that this is never silent. Three
 * people answer GAS: (0, +1) weighted 2.5, (0, 0) weighted 1 (stated), and
 * (-1, 0, 0) with no weight. Unweighted: 2 of 3 met (T 56.2, 50; 45.4, by
 * hand as above), 66.67%, Wilson 95% (scipy.stats.norm.ppf(0.975)):
 * 20.76596008020477, 93.85080552796038; one row's weight is not 1. The
 * count survives a partial's blob and adds up in a merge; the columnar feed
 * counts the same way (NaN = no weight). */
static void test_weights_counted_not_applied(void **state)
{
    (void)state;
    carealign_framework *fw = load("tests/scorecard/data/features.json");
    carealign_scorecard *sc = start(fw, 5, 1955);
    static const int32_t g0[] = {0, 1}, g1[] = {0, 0}, g2[] = {-1, 0, 0};
    carealign_response r[3] = {gas_response(0, day(2025, 6, 1), g0, 2),
                               gas_response(1, day(2025, 6, 1), g1, 2),
                               gas_response(2, day(2025, 6, 1), g2, 3)};
    r[0].has |= CAREALIGN_RESPONSE_HAS_WEIGHT;
    r[0].weight = 2.5;
    r[1].has |= CAREALIGN_RESPONSE_HAS_WEIGHT;
    r[1].weight = 1.0;
    size_t rej = 99;
    assert_int_equal(carealign_scorecard_feed_responses(sc, r, 3, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    carealign_feed_counts fc = CAREALIGN_FEED_COUNTS_INIT;
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_RESPONSES, &fc),
                     CAREALIGN_OK);
    assert_int_equal(fc.used, 3);
    assert_int_equal(fc.weights_not_applied, 1);
    /* a caller built before the field sees the 48 bytes it knows */
    carealign_feed_counts old;
    memset(&old, 0xA5, sizeof old);
    old.size = 48;
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_RESPONSES, &old),
                     CAREALIGN_OK);
    assert_int_equal(old.used, 3);
    assert_true(old.weights_not_applied == UINT64_C(0xA5A5A5A5A5A5A5A5));
    /* and one of release 1.0.0 (56 bytes) sees weights_not_applied, not unscored */
    memset(&old, 0xA5, sizeof old);
    old.size = 56;
    assert_int_equal(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_RESPONSES, &old),
                     CAREALIGN_OK);
    assert_int_equal(old.weights_not_applied, 1);
    assert_true(old.unscored == UINT64_C(0xA5A5A5A5A5A5A5A5));
    assert_int_equal(fc.unscored, 0);

    assert_int_equal(carealign_scorecard_close_all(sc), CAREALIGN_OK);
    size_t len = 0;
    assert_int_equal(carealign_scorecard_serialize(sc, NULL, 0, &len), CAREALIGN_EBUFSIZE);
    unsigned char *blob = malloc(len);
    assert_non_null(blob);
    assert_int_equal(carealign_scorecard_serialize(sc, blob, len, &len), CAREALIGN_OK);
    carealign_scorecard *copy = NULL;
    assert_int_equal(carealign_scorecard_deserialize(fw, blob, len, &copy), CAREALIGN_OK);
    free(blob);
    assert_int_equal(carealign_scorecard_get_counts(copy, CAREALIGN_FEED_RESPONSES, &fc),
                     CAREALIGN_OK);
    assert_int_equal(fc.weights_not_applied, 1);

    /* columns, for two more people: weights 3 and none */
    const int32_t items[4] = {1, 1, -2, -2}, person[2] = {3, 4},
                  when[2] = {day(2025, 7, 1), day(2025, 7, 1)};
    const double weight[2] = {3.0, NAN};
    carealign_response_columns cols = CAREALIGN_RESPONSE_COLUMNS_INIT;
    cols.n = 2;
    cols.instrument = CAREALIGN_RESPONSE_INSTRUMENT_GAS;
    cols.valueset = CAREALIGN_NA_I32;
    cols.n_items = 2;
    cols.items = items;
    cols.person = person;
    cols.day = when;
    cols.weight = weight;
    carealign_scorecard *other = start(fw, 0, 1955);
    carealign_person people[2];
    for (int i = 0; i < 2; i++) {
        carealign_person_init(&people[i], sizeof people[i]);
        people[i].person = person[i];
        people[i].has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_AREA;
        people[i].birth_year = 1955;
        people[i].birth_month = 1;
        people[i].area = 0;
    }
    assert_int_equal(carealign_scorecard_feed_people(other, people, 2, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_feed_responses_columns(other, &cols, NULL, &rej),
                     CAREALIGN_OK);
    assert_int_equal(rej, 0);
    assert_int_equal(carealign_scorecard_get_counts(other, CAREALIGN_FEED_RESPONSES, &fc),
                     CAREALIGN_OK);
    assert_int_equal(fc.weights_not_applied, 1);
    assert_int_equal(carealign_scorecard_close_all(other), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_merge(copy, other), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_get_counts(copy, CAREALIGN_FEED_RESPONSES, &fc),
                     CAREALIGN_OK);
    assert_int_equal(fc.read, 5);
    assert_int_equal(fc.weights_not_applied, 2);
    carealign_scorecard_free(other);
    carealign_scorecard_free(copy);

    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const carealign_result *res = find(sc, measure_index(fw, "gas-goals-met"));
    assert_float_equal(res->numerator, 2.0, 0);
    assert_float_equal(res->denominator, 3.0, 0);
    assert_true(fabs(res->estimate.value - 200.0 / 3.0) < 1e-12);
    assert_float_equal(res->estimate.lower, 20.76596008020477, 1e-9);
    assert_float_equal(res->estimate.upper, 93.85080552796038, 1e-9);
    assert_false(res->flags & CAREALIGN_RES_WEIGHTED);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* ---- 4. Composite aim score ----------------------------------------------- */

static char *write_report(const carealign_scorecard *sc, int32_t format)
{
    size_t len = 0;
    assert_int_equal(carealign_scorecard_write(sc, format, NULL, NULL, 0, &len),
                     CAREALIGN_EBUFSIZE);
    char *buf = malloc(len + 1);
    assert_non_null(buf);
    assert_int_equal(carealign_scorecard_write(sc, format, NULL, buf, len + 1, &len), CAREALIGN_OK);
    buf[len] = '\0';
    return buf;
}

/* Each measure scored 1 (best) to 4 by the rule its framework states, the
 * scores averaged, as the NHS Oversight Framework 2025/26 methodology manual
 * describes ("each metric is scored on a scale of 1 to 4 ... all individual
 * metric scores are consolidated, averaged"). features.json states, for the
 * outcomes aim (both "increase"): gas-goals-met cut points 60, 50, 40 (%);
 * gas-mean-t 55, 50, 45. On the GAS case above: 50% -> 2 (>= 50, < 60);
 * mean T 45.409 -> 3 (>= 45, < 50); composite (2 + 3) / 2 = 2.5 over 2
 * parts. The
 * JSON report lists the parts beside the composite, the CSV and FHIR
 * reports carry each row's part. */
static void test_composite(void **state)
{
    (void)state;
    carealign_framework *fw = load("tests/scorecard/data/features.json");
    double cut[3];
    int32_t has = 0;
    const char *src = NULL;
    size_t src_len = 0;
    assert_int_equal(carealign_framework_get_composite(fw, measure_index(fw, "gas-goals-met"), cut,
                                                       &src, &src_len, &has),
                     CAREALIGN_OK);
    assert_int_equal(has, 1);
    assert_true(cut[0] == 60 && cut[1] == 50 && cut[2] == 40);
    assert_true(src_len > 0 && src != NULL);
    assert_int_equal(carealign_framework_get_composite(
                         fw, measure_index(fw, "emergency-admissions-dsr"), cut, NULL, NULL, &has),
                     CAREALIGN_OK);
    assert_int_equal(has, 0);
    assert_true(isnan(cut[0]));
    /* the rule itself, both directions, at and either side of each cut */
    const double up[3] = {60, 50, 40}, down[3] = {10, 20, 30};
    assert_int_equal(carealign_composite_score(60, up, CAREALIGN_IMPROVE_INCREASE), 1);
    assert_int_equal(carealign_composite_score(59.9, up, CAREALIGN_IMPROVE_INCREASE), 2);
    assert_int_equal(carealign_composite_score(40, up, CAREALIGN_IMPROVE_INCREASE), 3);
    assert_int_equal(carealign_composite_score(39.9, up, CAREALIGN_IMPROVE_INCREASE), 4);
    assert_int_equal(carealign_composite_score(10, down, CAREALIGN_IMPROVE_DECREASE), 1);
    assert_int_equal(carealign_composite_score(20.1, down, CAREALIGN_IMPROVE_DECREASE), 3);
    assert_int_equal(carealign_composite_score(31, down, CAREALIGN_IMPROVE_DECREASE), 4);
    assert_int_equal(carealign_composite_score(NAN, down, CAREALIGN_IMPROVE_DECREASE), 0);

    carealign_scorecard *sc = start(fw, 4, 1955);
    static const int32_t g0[] = {0, 1}, g1[] = {-1, 0, 0}, g2[] = {0, 0}, g3a[] = {2}, g3b[] = {-2};
    carealign_response r[5] = {
        gas_response(0, day(2025, 6, 1), g0, 2),  gas_response(1, day(2025, 6, 1), g1, 3),
        gas_response(2, day(2025, 6, 1), g2, 2),  gas_response(3, day(2025, 5, 1), g3a, 1),
        gas_response(3, day(2025, 9, 1), g3b, 1),
    };
    assert_int_equal(carealign_scorecard_feed_responses(sc, r, 5, NULL, NULL), CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    carealign_aim_summary a = CAREALIGN_AIM_SUMMARY_INIT;
    assert_int_equal(carealign_scorecard_get_aim_summary(sc, CAREALIGN_AIM_OUTCOMES,
                                                         CAREALIGN_LEVEL_SYSTEM, -1, &a),
                     CAREALIGN_OK);
    assert_true(a.flags & CAREALIGN_AIM_HAS_COMPOSITE);
    assert_int_equal(a.n_composite, 2);
    assert_true(a.composite == 2.5);
    char *json = write_report(sc, CAREALIGN_FORMAT_JSON);
    size_t goals_row = 0, mean_row = 0;
    assert_int_equal(carealign_scorecard_find_result(sc, measure_index(fw, "gas-goals-met"),
                                                     CAREALIGN_LEVEL_SYSTEM, -1, -1, &goals_row),
                     CAREALIGN_OK);
    assert_int_equal(carealign_scorecard_find_result(sc, measure_index(fw, "gas-mean-t"),
                                                     CAREALIGN_LEVEL_SYSTEM, -1, -1, &mean_row),
                     CAREALIGN_OK);
    char want[256];
    snprintf(want, sizeof want,
             "\"composite\":2.5,\"n_composite\":2,\"composite_parts\":[{\"measure\":\"gas-"
             "goals-met\",\"row\":%zu,\"score\":2},{\"measure\":\"gas-mean-t\",\"row\":%zu,"
             "\"score\":3}]",
             goals_row, mean_row);
    assert_non_null(strstr(json, want));
    free(json);
    char *csv = write_report(sc, CAREALIGN_FORMAT_CSV);
    assert_non_null(strstr(csv, ",funnel,composite_score\r\n"));
    snprintf(want, sizeof want, "\r\n%zu,gas-goals-met,", goals_row);
    const char *line = strstr(csv, want);
    assert_non_null(line);
    const char *end = strstr(line + 2, "\r\n");
    assert_non_null(end);
    assert_true(end[-1] == '2' && end[-2] == ',');
    free(csv);
    char *fhir = write_report(sc, CAREALIGN_FORMAT_FHIR);
    assert_non_null(
        strstr(fhir, "{\"url\":\"urn:carealign:fhir:composite-score\",\"valueInteger\":3}"));
    free(fhir);
    /* no resources figure here (no contacts): no summary, so no composite */
    assert_int_equal(carealign_scorecard_get_aim_summary(sc, CAREALIGN_AIM_RESOURCES,
                                                         CAREALIGN_LEVEL_SYSTEM, -1, &a),
                     CAREALIGN_EMISSING);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* ---- 5. Directly standardised rates --------------------------------------- */

/* A rate measure that names "standard_population": "esp2013" is a directly
 * standardised rate: PHEindicatormethods' calculate_dsr (R/DSR.R: Dobson et
 * al. 1991 with Byar's limits on the total count), the European Standard
 * Population 2013 in PHE's 19 bands (0-4 ... 85-89, 90+). The counts and
 * populations are those of tests/stats/test_standardise.c (a PHE-style
 * worked case); value and 95% limits evaluated independently from the
 * formulas in /work/shared/reference/methods.md section 1.6 with
 * scipy.stats.norm.ppf(0.975): DSR = sum(x w / n) / sum(w) x 100000 =
 * 276.531570971309 per 100,000 (1109 events), limits 260.3199069451539 and
 * 293.4801240598084. Here one resident per band has that band's emergency
 * admissions, on distinct days, at an age inside the band. */
/* The DSR case of tests/stats/test_standardise.c through a scorecard over
 * `fw`: one resident per ESP band (aged 5i + 2 through 2025), that band's
 * emergency admissions on distinct days; band `drop`'s population row is
 * left out (-1: none). Finalized. */
static carealign_scorecard *dsr_scorecard(const carealign_framework *fw, int drop)
{
    static const int64_t events[19] = {1,  0,  2,  3,   5,   8,   10,  15,  20, 30,
                                       45, 60, 80, 100, 120, 150, 170, 160, 130};
    static const int64_t pops[19] = {30000, 32000, 31000, 30500, 29000, 33000, 35000,
                                     36000, 34000, 33500, 32000, 30000, 28000, 25000,
                                     20000, 15000, 10000, 6000,  3000};
    carealign_scorecard_options opt = CAREALIGN_SCORECARD_OPTIONS_INIT;
    opt.flags = CAREALIGN_SC_NO_DISCLOSURE;
    carealign_scorecard *sc = NULL;
    assert_int_equal(carealign_scorecard_new(fw, &opt, &sc), CAREALIGN_OK);
    const uint64_t off[] = {0, 9};
    int32_t idx = -1;
    assert_int_equal(
        carealign_scorecard_register_ids(sc, CAREALIGN_DICT_AREA, "E08000035", off, 1, &idx),
        CAREALIGN_OK);
    carealign_organisation org = CAREALIGN_ORGANISATION_INIT;
    org.org = 0;
    org.sector = CAREALIGN_SECTOR_NHS_ACUTE;
    assert_int_equal(carealign_scorecard_feed_organisations(sc, &org, 1, NULL, NULL), CAREALIGN_OK);
    carealign_population pop[19];
    carealign_person people[19];
    size_t n_pop = 0;
    for (int i = 0; i < 19; i++) {
        if (i != drop) {
            carealign_population *q = &pop[n_pop++];
            carealign_population_init(q, sizeof *q);
            q->area = 0;
            q->year = 2025;
            q->age_lower = 5 * i;
            if (i < 18) {
                q->has = CAREALIGN_POP_HAS_AGE_UPPER;
                q->age_upper = 5 * i + 4;
            }
            q->count = pops[i];
        }
        carealign_person_init(&people[i], sizeof people[i]);
        people[i].person = i;
        people[i].has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_AREA;
        people[i].birth_year = 2025 - (5 * i + 2); /* aged 5i + 2 from January 2025 */
        people[i].birth_month = 1;
        people[i].area = 0;
    }
    size_t rej = 99;
    assert_int_equal(carealign_scorecard_feed_populations(sc, pop, n_pop, NULL, &rej),
                     CAREALIGN_OK);
    assert_int_equal(rej, 0);
    assert_int_equal(carealign_scorecard_feed_people(sc, people, 19, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    carealign_contact *c = calloc(1109, sizeof *c);
    assert_non_null(c);
    size_t n = 0;
    for (int i = 0; i < 19; i++) {
        for (int64_t k = 0; k < events[i]; k++) {
            carealign_contact_init(&c[n], sizeof c[n]);
            c[n].person = i;
            c[n].org = 0;
            c[n].sector = CAREALIGN_SECTOR_NHS_ACUTE;
            c[n].type = CAREALIGN_CONTACT_EMERGENCY_ADMISSION;
            c[n].start_day = day(2025, 6, 1) + (int32_t)k;
            n++;
        }
    }
    assert_int_equal(n, 1109);
    assert_int_equal(carealign_scorecard_feed_contacts(sc, c, n, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    free(c);
    carealign_status fst = carealign_scorecard_finalize(sc);
    if (fst != CAREALIGN_OK)
        print_error("finalize: %s\n", carealign_last_error());
    assert_int_equal(fst, CAREALIGN_OK);
    return sc;
}

static void test_dsr_esp2013(void **state)
{
    (void)state;
    carealign_framework *fw = load("tests/scorecard/data/features.json");
    carealign_scorecard *sc = dsr_scorecard(fw, -1);
    const carealign_result *res = find(sc, measure_index(fw, "emergency-admissions-dsr"));
    assert_float_equal(res->numerator, 1109.0, 0);
    assert_true(res->flags & CAREALIGN_RES_STANDARDISED);
    assert_int_equal(res->estimate.method, CAREALIGN_METHOD_DOBSON);
    assert_true(fabs(res->estimate.value - 276.531570971309) < 1e-9);
    assert_true(fabs(res->estimate.lower - 260.3199069451539) < 1e-9);
    assert_true(fabs(res->estimate.upper - 293.4801240598084) < 1e-9);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* The system row of a measure in age stratum band `band` (framework stratum
 * 2, "age": 18-64, 65-74, 75-84, 85+), whole period. */
static const carealign_result *find_age_row(const carealign_scorecard *sc, int32_t measure,
                                            int32_t band)
{
    static carealign_result r;
    size_t n = 0;
    assert_int_equal(carealign_scorecard_result_count(sc, &n), CAREALIGN_OK);
    for (size_t i = 0; i < n; i++) {
        r.size = sizeof r;
        assert_int_equal(carealign_scorecard_get_result(sc, i, &r), CAREALIGN_OK);
        if (r.measure == measure && r.kind == CAREALIGN_RESULT_ESTIMATE &&
            r.level == CAREALIGN_LEVEL_SYSTEM && r.period == CAREALIGN_PERIOD_WHOLE &&
            r.stratum[0] == 2 && r.stratum[1] == band && r.stratum[2] == CAREALIGN_STRATUM_MARGIN)
            return &r;
    }
    fail_msg("no age row %d", (int)band);
    return NULL;
}

/* An age-restricted DSR (PHE, "Technical Guide: Confidence intervals" and
 * OHID Fingertips practice): standardised to the European Standard
 * Population 2013 restricted to the bands covering the measure's ages, the
 * observed events and the standard weights of those bands only. Same case
 * as above. emergency-admissions-dsr-65 (weighted.json: age 65 and over)
 * uses bands 65-69 ... 90+, standard weights 5500, 5000, 4000, 2500, 1500,
 * 1000; events 100, 120, 150, 170, 160, 130 (O = 830); populations 25000,
 * 20000, 15000, 10000, 6000, 3000. Evaluated independently (Python with
 * scipy.stats.norm.ppf(0.975), the formulas of /work/shared/reference/
 * methods.md section 1.6: DSR = sum(x w / n) / sum(w) x 100000, Dobson
 * limits DSR + sqrt(var / O) (Byar(O) - O), var = sum(x (w / n)^2) /
 * sum(w)^2, Byar's lower O (1 - 1/(9 O) - z / (3 sqrt O))^3 and upper
 * (O + 1) (1 - 1/(9 (O + 1)) + z / (3 sqrt(O + 1)))^3; the same code gives
 * the all-ages figures of test_dsr_esp2013):
 *   65+:   1117.094017094017 (1041.7889650627667, 1196.3710326137182)
 *   age stratum 65-74 (bands 65-69, 70-74; O = 220):
 *          495.2380952380952 (431.82551126724184, 565.3257564664804)
 *   age stratum 85+ of the all-ages measure (bands 85-89, 90+; O = 290):
 *          3333.333333333334 (2956.8225212788293, 3744.115726166512)
 * With the 80-84 population row missing, the 65+ row has no value
 * (no_denominator: a band inside the range without a population), while
 * the 65-74 stratum row keeps its value. */
static void test_dsr_age_restricted(void **state)
{
    (void)state;
    carealign_framework *fw = load("tests/scorecard/data/weighted.json");
    const int32_t m65 = measure_index(fw, "emergency-admissions-dsr-65");
    const int32_t mall = measure_index(fw, "emergency-admissions-dsr");
    carealign_scorecard *sc = dsr_scorecard(fw, -1);
    const carealign_result *res = find(sc, m65);
    assert_float_equal(res->numerator, 830.0, 0);
    assert_float_equal(res->denominator, 79000.0, 0);
    assert_true(res->flags & CAREALIGN_RES_STANDARDISED);
    assert_false(res->flags & CAREALIGN_RES_NO_DENOMINATOR);
    assert_true(fabs(res->estimate.value - 1117.094017094017) < 1e-9);
    assert_true(fabs(res->estimate.lower - 1041.7889650627667) < 1e-9);
    assert_true(fabs(res->estimate.upper - 1196.3710326137182) < 1e-9);
    res = find_age_row(sc, m65, 1);
    assert_float_equal(res->numerator, 220.0, 0);
    assert_float_equal(res->denominator, 45000.0, 0);
    assert_true(fabs(res->estimate.value - 495.2380952380952) < 1e-9);
    assert_true(fabs(res->estimate.lower - 431.82551126724184) < 1e-9);
    assert_true(fabs(res->estimate.upper - 565.3257564664804) < 1e-9);
    res = find_age_row(sc, mall, 3);
    assert_float_equal(res->numerator, 290.0, 0);
    assert_float_equal(res->denominator, 9000.0, 0);
    assert_true(fabs(res->estimate.value - 3333.333333333334) < 1e-9);
    assert_true(fabs(res->estimate.lower - 2956.8225212788293) < 1e-9);
    assert_true(fabs(res->estimate.upper - 3744.115726166512) < 1e-9);
    carealign_scorecard_free(sc);

    sc = dsr_scorecard(fw, 16); /* no 80-84 population */
    res = find(sc, m65);
    assert_true(res->flags & CAREALIGN_RES_NO_DENOMINATOR);
    assert_true(isnan(res->estimate.value));
    res = find_age_row(sc, m65, 1);
    assert_false(res->flags & CAREALIGN_RES_NO_DENOMINATOR);
    assert_true(fabs(res->estimate.value - 495.2380952380952) < 1e-9);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* A person turning 65 on 1 July 2025 (born July 1960: a year counts on the
 * first of the birth month), with an emergency admission on the 15th of
 * each month from April 2025 to March 2026: the default framework's
 * bcf-emergency-admissions-65 counts those from July on (its numerator's
 * age on the admission day), none before. The age memo of
 * process.c (age_on, seeded with the reporting period's first day) must
 * end the age 64 on 30 June and start 65 on 1 July. */
static void test_age_turns_in_period(void **state)
{
    (void)state;
    carealign_framework *fw = load("examples/frameworks/england-integrated-care.json");
    carealign_scorecard *sc = start_born(fw, 1, 1960, 7);
    carealign_organisation org = CAREALIGN_ORGANISATION_INIT;
    org.org = 0;
    org.sector = CAREALIGN_SECTOR_NHS_ACUTE;
    assert_int_equal(carealign_scorecard_feed_organisations(sc, &org, 1, NULL, NULL), CAREALIGN_OK);
    size_t rej = 99;
    carealign_contact c[12];
    for (int k = 0; k < 12; k++) {
        carealign_contact_init(&c[k], sizeof c[k]);
        c[k].person = 0;
        c[k].org = 0;
        c[k].sector = CAREALIGN_SECTOR_NHS_ACUTE;
        c[k].type = CAREALIGN_CONTACT_EMERGENCY_ADMISSION;
        c[k].start_day = day(2025 + (k + 3) / 12, 1 + (k + 3) % 12, 15);
    }
    assert_int_equal(carealign_scorecard_feed_contacts(sc, c, 12, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const int32_t m = measure_index(fw, "bcf-emergency-admissions-65");
    for (int32_t period = 0; period < 12; period++) { /* April 2025 .. March 2026 */
        const carealign_result *r = find_period(sc, m, period);
        if (period < 3) /* aged 64: no row, or none counted */
            assert_true(r == NULL || r->numerator == 0.0);
        else {
            assert_non_null(r);
            assert_float_equal(r->numerator, 1.0, 0);
        }
    }
    const carealign_result *w = find_period(sc, m, CAREALIGN_PERIOD_WHOLE);
    assert_non_null(w);
    assert_float_equal(w->numerator, 9.0, 0);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* A sector row of a measure over the whole period (NULL when none). */
static const carealign_result *find_unit_in(const carealign_scorecard *sc, int32_t measure,
                                            int32_t level, int32_t unit, int32_t period)
{
    static carealign_result r;
    size_t i = 0;
    if (carealign_scorecard_find_result(sc, measure, level, unit, period, &i) != CAREALIGN_OK)
        return NULL;
    r.size = sizeof r;
    assert_int_equal(carealign_scorecard_get_result(sc, i, &r), CAREALIGN_OK);
    return &r;
}

static const carealign_result *find_unit(const carealign_scorecard *sc, int32_t measure,
                                         int32_t level, int32_t unit)
{
    return find_unit_in(sc, measure, level, unit, CAREALIGN_PERIOD_WHOLE);
}

static const carealign_result *find_sector(const carealign_scorecard *sc, int32_t measure,
                                           int32_t sector)
{
    return find_unit(sc, measure, CAREALIGN_LEVEL_SECTOR, sector);
}

/* One person seen by organisations 0 and 2 (NHS community services) and 1
 * (local authority social care) in the reporting period: the default
 * framework's organisations-per-person (organisations a person saw in the
 * scope) sums 2 at the community sector, 1 at social care, and has no row
 * at the sectors the person did not use (process.c lists the person's
 * sectors from their bits). */
static void test_sector_rows(void **state)
{
    (void)state;
    carealign_framework *fw = load("examples/frameworks/england-integrated-care.json");
    carealign_scorecard *sc = start(fw, 1, 1950);
    static const int32_t sector[3] = {CAREALIGN_SECTOR_NHS_COMMUNITY,
                                      CAREALIGN_SECTOR_LOCAL_AUTHORITY,
                                      CAREALIGN_SECTOR_NHS_COMMUNITY};
    carealign_organisation org[3];
    carealign_contact c[3];
    for (int k = 0; k < 3; k++) {
        carealign_organisation_init(&org[k], sizeof org[k]);
        org[k].org = k;
        org[k].sector = sector[k];
        carealign_contact_init(&c[k], sizeof c[k]);
        c[k].person = 0;
        c[k].org = k;
        c[k].sector = sector[k];
        c[k].type = CAREALIGN_CONTACT_COMMUNITY_VISIT;
        c[k].start_day = day(2025, 5 + k, 10);
    }
    assert_int_equal(carealign_scorecard_feed_organisations(sc, org, 3, NULL, NULL), CAREALIGN_OK);
    size_t rej = 99;
    assert_int_equal(carealign_scorecard_feed_contacts(sc, c, 3, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const int32_t m = measure_index(fw, "organisations-per-person");
    const carealign_result *r = find_sector(sc, m, CAREALIGN_SECTOR_NHS_COMMUNITY);
    assert_non_null(r);
    assert_float_equal(r->numerator, 2.0, 0);
    r = find_sector(sc, m, CAREALIGN_SECTOR_LOCAL_AUTHORITY);
    assert_non_null(r);
    assert_float_equal(r->numerator, 1.0, 0);
    for (int32_t other = 0; other < 10; other++)
        if (other != CAREALIGN_SECTOR_NHS_COMMUNITY && other != CAREALIGN_SECTOR_LOCAL_AUTHORITY)
            assert_null(find_sector(sc, m, other));
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* One person's ASCOT SCT4 responses (ASCOF 1A: item score 4 - response,
 * summed, 0 to 24): 10 May at organisation 0 (NHS community services),
 * every item 1 (24); 10 June at organisation 1 (local authority social
 * care), every item 2 (16); 10 July at organisation 0, every item 3 (8).
 * ascof-1a-scrqol observes the latest response in each scope: by hand, 8
 * for the system, organisation 0 and its sector (July's, not May's), 16
 * for organisation 1 and its sector (June's: the period's last response is
 * at the other organisation). */
/* test_latest_in_scope's person: one ASCOT SCT4 response at organisation
 * 0 (NHS community services) in May 2025 (every item's answer 1, scored 3:
 * 24), one at organisation 1 (local authority social care) in June (16)
 * and one at organisation 0 in July (8), fed to sc. */
static void feed_latest_in_scope(carealign_scorecard *sc)
{
    static const int32_t sector[2] = {CAREALIGN_SECTOR_NHS_COMMUNITY,
                                      CAREALIGN_SECTOR_LOCAL_AUTHORITY};
    carealign_organisation org[2];
    for (int k = 0; k < 2; k++) {
        carealign_organisation_init(&org[k], sizeof org[k]);
        org[k].org = k;
        org[k].sector = sector[k];
    }
    assert_int_equal(carealign_scorecard_feed_organisations(sc, org, 2, NULL, NULL), CAREALIGN_OK);
    const carealign_instrument_info *ascot = NULL;
    assert_int_equal(carealign_instrument_find("ascot_sct4", &ascot), CAREALIGN_OK);
    int32_t inst = -1;
    for (size_t i = 0; i < carealign_instrument_count(); i++)
        if (carealign_instrument_get(i) == ascot)
            inst = (int32_t)i;
    assert_true(inst >= 0);
    static const int32_t items[3][8] = {
        {1, 1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 2, 2, 2, 2, 2}, {3, 3, 3, 3, 3, 3, 3, 3}};
    static const int32_t at[3] = {0, 1, 0};
    carealign_response r[3];
    for (int k = 0; k < 3; k++) {
        r[k] = (carealign_response)CAREALIGN_RESPONSE_INIT;
        r[k].person = 0;
        r[k].has = CAREALIGN_RESPONSE_HAS_ORG;
        r[k].org = at[k];
        r[k].day = day(2025, 5 + k, 10);
        r[k].instrument = inst;
        r[k].n_items = 8;
        r[k].items = items[k];
    }
    size_t rej = 99;
    assert_int_equal(carealign_scorecard_feed_responses(sc, r, 3, NULL, &rej), CAREALIGN_OK);
    assert_int_equal(rej, 0);
}

static void test_latest_in_scope(void **state)
{
    (void)state;
    carealign_framework *fw = load("examples/frameworks/england-integrated-care.json");
    carealign_scorecard *sc = start(fw, 1, 1950);
    feed_latest_in_scope(sc);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const int32_t m = measure_index(fw, "ascof-1a-scrqol");
    static const struct {
        int32_t level, unit;
        double latest;
    } want[5] = {{CAREALIGN_LEVEL_SYSTEM, -1, 8},
                 {CAREALIGN_LEVEL_ORG, 0, 8},
                 {CAREALIGN_LEVEL_ORG, 1, 16},
                 {CAREALIGN_LEVEL_SECTOR, CAREALIGN_SECTOR_NHS_COMMUNITY, 8},
                 {CAREALIGN_LEVEL_SECTOR, CAREALIGN_SECTOR_LOCAL_AUTHORITY, 16}};
    for (int k = 0; k < 5; k++) {
        const carealign_result *res = find_unit(sc, m, want[k].level, want[k].unit);
        assert_non_null(res);
        assert_float_equal(res->numerator, want[k].latest, 0);
        assert_float_equal(res->denominator, 1.0, 0);
    }
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* test_latest_in_scope's person by month (the default framework's
 * interval; month 0 April 2025): the scopes holding a response in each
 * month (process.c's scope_visits, made from the scopes' bits once a
 * person) and the latest of each, by hand: in May the system, organisation
 * 0 and its sector 24; in June the system, organisation 1 and its sector
 * 16; in July the system, organisation 0 and its sector 8; no row at the
 * other organisation and sector in those months, nor anywhere in April or
 * August. */
static void test_latest_by_month(void **state)
{
    (void)state;
    /* with its months' rows (SPC history) */
    carealign_framework *fw = load_edited("examples/frameworks/england-integrated-care.json",
                                          "\"id\": \"ascof-1a-scrqol\"", "\"spc_history\": false",
                                          "\"spc_history\": true ");
    carealign_scorecard *sc = start(fw, 1, 1950);
    feed_latest_in_scope(sc);
    assert_int_equal(carealign_scorecard_finalize(sc), CAREALIGN_OK);
    const int32_t m = measure_index(fw, "ascof-1a-scrqol");
    static const struct {
        int32_t level, unit, period;
        double latest; /* NAN: no row */
    } want[] = {
        {CAREALIGN_LEVEL_SYSTEM, -1, 1, 24},
        {CAREALIGN_LEVEL_ORG, 0, 1, 24},
        {CAREALIGN_LEVEL_SECTOR, CAREALIGN_SECTOR_NHS_COMMUNITY, 1, 24},
        {CAREALIGN_LEVEL_ORG, 1, 1, NAN},
        {CAREALIGN_LEVEL_SECTOR, CAREALIGN_SECTOR_LOCAL_AUTHORITY, 1, NAN},
        {CAREALIGN_LEVEL_SYSTEM, -1, 2, 16},
        {CAREALIGN_LEVEL_ORG, 1, 2, 16},
        {CAREALIGN_LEVEL_SECTOR, CAREALIGN_SECTOR_LOCAL_AUTHORITY, 2, 16},
        {CAREALIGN_LEVEL_ORG, 0, 2, NAN},
        {CAREALIGN_LEVEL_SECTOR, CAREALIGN_SECTOR_NHS_COMMUNITY, 2, NAN},
        {CAREALIGN_LEVEL_SYSTEM, -1, 3, 8},
        {CAREALIGN_LEVEL_ORG, 0, 3, 8},
        {CAREALIGN_LEVEL_SECTOR, CAREALIGN_SECTOR_NHS_COMMUNITY, 3, 8},
        {CAREALIGN_LEVEL_ORG, 1, 3, NAN},
        {CAREALIGN_LEVEL_SECTOR, CAREALIGN_SECTOR_LOCAL_AUTHORITY, 3, NAN},
        {CAREALIGN_LEVEL_SYSTEM, -1, 0, NAN},
        {CAREALIGN_LEVEL_ORG, 0, 0, NAN},
        {CAREALIGN_LEVEL_SYSTEM, -1, 4, NAN},
        {CAREALIGN_LEVEL_ORG, 1, 4, NAN},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const carealign_result *res =
            find_unit_in(sc, m, want[k].level, want[k].unit, want[k].period);
        if (isnan(want[k].latest)) {
            assert_true(res == NULL || res->denominator == 0);
            continue;
        }
        assert_non_null(res);
        assert_float_equal(res->numerator, want[k].latest, 0);
        assert_float_equal(res->denominator, 1.0, 0);
    }
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gas_responses_scored),
        cmocka_unit_test(test_gas_rejects),
        cmocka_unit_test(test_gas_missing_goal_used),
        cmocka_unit_test(test_weights_counted_not_applied),
        cmocka_unit_test(test_composite),
        cmocka_unit_test(test_dsr_esp2013),
        cmocka_unit_test(test_age_turns_in_period),
        cmocka_unit_test(test_dsr_age_restricted),
        cmocka_unit_test(test_sector_rows),
        cmocka_unit_test(test_latest_in_scope),
        cmocka_unit_test(test_latest_by_month),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
