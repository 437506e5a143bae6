/* Skipping scope-periods without records (lib/scorecard/empty.c): the
 * rules of carealign__sc_needs on hand-built measures, each following the
 * proof in empty.c (the expected kinds come from the evaluation rules of
 * docs/scorecard.md, not from the code under test), and the whole default
 * framework over random people giving byte-identical partials (groups) with
 * the shortcuts (skipping, evaluating scopes that hold the same records
 * once, and the journey ratios' shortcut: process.c) on and off. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmocka_all.h"
#include "carealign/carealign.h"
#include "scorecard/contrib.h"
#include "scorecard/empty.h"

#ifndef CAREALIGN_SOURCE_DIR
#error "CAREALIGN_SOURCE_DIR must name the source tree"
#endif

static carealign__sc_measure blank(void)
{
    carealign__sc_measure m;
    memset(&m, 0, sizeof m);
    m.scoring = CAREALIGN_SCORING_PROPORTION;
    m.vs = 0;
    m.jopt = 0;
    for (int i = 0; i < 7; i++)
        m.crit[i].counted = -1;
    return m;
}

static void add_atom(carealign__sc_crit *cr, int32_t kind, int32_t which, int counted,
                     double at_least)
{
    carealign__sc_atom *a = &cr->atoms[cr->n];
    memset(a, 0, sizeof *a);
    a->kind = kind;
    a->which = which;
    if (at_least == at_least) { /* not NaN */
        a->flags = CAREALIGN_ATOM_HAS_AT_LEAST;
        a->at_least = at_least;
    }
    if (counted)
        cr->counted = cr->n;
    cr->n++;
}

#define IP CAREALIGN_CRIT_INITIAL_POPULATION

static uint64_t last_types;
static carealign_journey_options last_jo;

static int32_t needs(const carealign__sc_measure *m)
{
    return carealign__sc_needs(m, m->jopt >= 0 ? &last_jo : NULL, &last_types);
}
#define NONE (0.0 / 0.0)

static void test_rules(void **state)
{
    (void)state;
    carealign__sc_measure m;
    /* an initial population of people (person atoms only): never empty */
    m = blank();
    add_atom(&m.crit[IP], CAREALIGN_ATOM_PERSON, CAREALIGN_PERSON_AGE, 0, 65);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_NOTHING);
    /* absent initial population: evaluated as -1, not 0 */
    m = blank();
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_NOTHING);
    /* a response condition fails at 0 whatever its thresholds */
    m = blank();
    add_atom(&m.crit[IP], CAREALIGN_ATOM_RESPONSE, CAREALIGN_RESPONSE_ANY, 0, NONE);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_RESPONSE);
    /* paired: only with a baseline in the period */
    m = blank();
    m.mflags = CAREALIGN_MEASURE_HAS_PAIRING;
    m.pair_baseline = CAREALIGN_PAIR_BASELINE_FIRST_EVER;
    add_atom(&m.crit[IP], CAREALIGN_ATOM_RESPONSE, CAREALIGN_RESPONSE_PAIRED, 0, NONE);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_NOTHING);
    m.pair_baseline = CAREALIGN_PAIR_BASELINE_FIRST_IN_PERIOD;
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_RESPONSE);
    /* no instrument: not proven */
    m.vs = -1;
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_NOTHING);
    /* a counted score of each response (FFT): 0 responses count 0 */
    m = blank();
    add_atom(&m.crit[IP], CAREALIGN_ATOM_SCORE, CAREALIGN_SCORE_EACH, 1, NONE);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_RESPONSE);
    /* a non-counted contacts condition: needs at_least > 0 to fail at 0 */
    m = blank();
    add_atom(&m.crit[IP], CAREALIGN_ATOM_POPULATION, 0, 0, NONE);
    add_atom(&m.crit[IP], CAREALIGN_ATOM_JOURNEY, CAREALIGN_JF_CONTACTS, 0, 0);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_NOTHING);
    m.crit[IP].atoms[1].at_least = 2;
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_CONTACT);
    /* journey counts over the month's contacts: the months only */
    m = blank();
    add_atom(&m.crit[IP], CAREALIGN_ATOM_JOURNEY, CAREALIGN_JF_ASSESSMENTS, 0, 1);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_CONTACT_MONTH);
    assert_true(last_types == (CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT) |
                               CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_HEALTH_ASSESSMENT)));
    last_jo.assessment_types = CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_REVIEW);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_CONTACT_MONTH);
    assert_true(last_types == CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_REVIEW));
    last_jo.assessment_types = 0;
    m.crit[IP].atoms[0].which = CAREALIGN_JF_CARE_HOME_ADMISSIONS;
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_CONTACT_MONTH);
    assert_true(last_types == CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM));
    m.crit[IP].atoms[0].which = CAREALIGN_JF_CONTACTS; /* any type */
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_CONTACT);
    assert_true(last_types == 0);
    /* figures that are not 0 without contacts: days observed, bed days */
    m = blank();
    add_atom(&m.crit[IP], CAREALIGN_ATOM_JOURNEY, CAREALIGN_JF_DAYS_OBSERVED, 0, 1);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_NOTHING);
    m.crit[IP].atoms[0].which = CAREALIGN_JF_BED_DAYS;
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_NOTHING);
    /* discharges, with and without journey options */
    m.crit[IP].atoms[0].which = CAREALIGN_JF_REABLEMENT_DENOMINATOR;
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_DISCHARGE);
    m.jopt = -1;
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_NOTHING);
    /* population denominator: the numerator decides, ratio scoring only */
    m = blank();
    m.pop_denominator = 1;
    m.scoring = CAREALIGN_SCORING_RATIO;
    add_atom(&m.crit[IP], CAREALIGN_ATOM_POPULATION, 0, 0, NONE);
    add_atom(&m.crit[CAREALIGN_CRIT_NUMERATOR], CAREALIGN_ATOM_PERSON, CAREALIGN_PERSON_AGE, 0, 65);
    add_atom(&m.crit[CAREALIGN_CRIT_NUMERATOR], CAREALIGN_ATOM_CONTACTS, CAREALIGN_CONTACTS_COUNT,
             1, NONE);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_CONTACT);
    assert_true(last_types == 0);
    m.crit[CAREALIGN_CRIT_NUMERATOR].atoms[1].type_mask =
        CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_EMERGENCY_ADMISSION);
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_CONTACT);
    assert_true(last_types == CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_EMERGENCY_ADMISSION));
    m.scoring = CAREALIGN_SCORING_PROPORTION;
    assert_int_equal(needs(&m), CAREALIGN__SC_NEEDS_NOTHING);
}

static uint64_t rng = 99;

static uint32_t next(void)
{
    rng = rng * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(rng >> 33);
}

/* The framework at path (under the source tree), with `from` (if not
 * NULL) replaced by `to` once. */
static carealign_framework *load_path_edited(const char *path, const char *from, const char *to)
{
    static char text[1 << 20], out[1 << 20];
    char full[1024];
    snprintf(full, sizeof full, "%s/%s", CAREALIGN_SOURCE_DIR, path);
    FILE *f = fopen(full, "rb");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    const char *src = text;
    if (from != NULL) {
        const char *at = strstr(text, from);
        assert_non_null(at);
        size_t head = (size_t)(at - text), lf = strlen(from), lt = strlen(to);
        assert_true(n - lf + lt < sizeof out);
        memcpy(out, text, head);
        memcpy(out + head, to, lt);
        memcpy(out + head + lt, at + lf, n - head - lf);
        n = n - lf + lt;
        src = out;
    }
    carealign_framework *fw = NULL;
    assert_int_equal(carealign_framework_load(src, n, NULL, &fw), CAREALIGN_OK);
    return fw;
}

/* The default framework, with `from` (if not NULL) replaced by `to` once. */
static carealign_framework *load_edited(const char *from, const char *to)
{
    return load_path_edited("examples/frameworks/england-integrated-care.json", from, to);
}

static carealign_framework *load_default(void)
{
    return load_edited(NULL, NULL);
}

/* run's admissions of odd people without an end day (test_open_stays). */
static int open_stays;

/* run's people given a contact before the reporting period at another
 * organisation of their first organisation's sector (test_prior_contacts). */
static int prior_contacts;

/* run's contacts k with k % 7 == 3 in another sector than their
 * organisation's (an organisation's records in two sector scopes:
 * records_classes; test_records_plan). */
static int mixed_sectors;

/* run's contacts of odd people: the first names a professional
 * (test_within). */
static int professionals;

/* run's contacts with an activity (every third) or a cost of their own
 * (every fifth; test_within). */
static int priced;

/* run's people given an ethnicity, and some of them no sex, deprivation,
 * birth or ethnicity (test_fine_cells). */
static int fine_people;

/* run serializes after every fine_every-th person (mid-run, with adds in
 * the finest cells), fine_blobs[0 .. fine_n - 1] (test_fine_cells). */
static int fine_every;
static unsigned char *fine_blobs[8];
static size_t fine_lens[8];
static int fine_n;
static size_t fine_dirty; /* blocks holding adds at those serializes */

/* run's responses with a survey weight of their own (all but every fourth;
 * test_latest_scores). */
static int weighted;

/* run's scorecard, not freed, when keep_sc is set (test_prefetch_units). */
static int keep_sc;
static carealign_scorecard *kept_sc;

/* Feeds people p0 .. p1 - 1 of run's data (rng's stream from where it is)
 * to sc, closing each: the status of the first close that fails (the
 * person in *failed), else CAREALIGN_OK. */
static carealign_status feed_people(carealign_scorecard *sc, int32_t p0, int32_t p1,
                                    int32_t *failed);

/* A scorecard of fw for run's data, its organisations and population fed. */
static carealign_scorecard *new_run_sc(const carealign_framework *fw)
{
    carealign_scorecard *sc = NULL;
    carealign_scorecard_options o = CAREALIGN_SCORECARD_OPTIONS_INIT;
    o.flags = CAREALIGN_SC_GROUPED | CAREALIGN_SC_NO_DISCLOSURE;
    assert_int_equal(carealign_scorecard_new(fw, &o, &sc), CAREALIGN_OK);
    const uint64_t off[2] = {0, 9};
    assert_int_equal(
        carealign_scorecard_register_ids(sc, CAREALIGN_DICT_AREA, "E08000035", off, 1, NULL),
        CAREALIGN_OK);
    const uint64_t eoff[7] = {0, 1, 2, 3, 4, 5, 6};
    if (fine_people)
        assert_int_equal(carealign_scorecard_register_ids(sc, CAREALIGN_DICT_ETHNICITY, "ABCHJKZ",
                                                          eoff, 6, NULL),
                         CAREALIGN_OK);
    carealign_organisation org[12];
    for (int i = 0; i < 12; i++) {
        carealign_organisation_init(&org[i], sizeof org[i]);
        org[i].org = i;
        org[i].sector = 1 + i % 5;
    }
    assert_int_equal(carealign_scorecard_feed_organisations(sc, org, 12, NULL, NULL), CAREALIGN_OK);
    carealign_population pop = CAREALIGN_POPULATION_INIT;
    pop.year = 2025;
    pop.count = 100000;
    assert_int_equal(carealign_scorecard_feed_populations(sc, &pop, 1, NULL, NULL), CAREALIGN_OK);
    return sc;
}

/* The default framework over random people (contacts of every type at up
 * to three organisations, stays with ready days, responses to several
 * instruments at those organisations): the partial's bytes. */
static unsigned char *run(const carealign_framework *fw, size_t *len)
{
    rng = 99;
    carealign_scorecard *sc = new_run_sc(fw);
    int32_t failed = -1;
    assert_int_equal(feed_people(sc, 0, 400, &failed), CAREALIGN_OK);
    size_t need = 0;
    assert_int_equal(carealign_scorecard_serialize(sc, NULL, 0, &need), CAREALIGN_EBUFSIZE);
    unsigned char *buf = malloc(need);
    assert_non_null(buf);
    assert_int_equal(carealign_scorecard_serialize(sc, buf, need, len), CAREALIGN_OK);
    if (keep_sc)
        kept_sc = sc;
    else
        carealign_scorecard_free(sc);
    return buf;
}

/* The registry indices and item counts of the instruments run's people
 * answer: ASCOT SCT4, EQ-5D-5L and SWEMWBS. */
static void run_instruments(int32_t inst[3], size_t n_items[3])
{
    static const char *const inst_names[3] = {"ascot_sct4", "eq5d5l", "swemwbs"};
    for (int i = 0; i < 3; i++) {
        inst[i] = -1;
        for (size_t k = 0; k < carealign_instrument_count(); k++)
            if (strcmp(carealign_instrument_get(k)->name, inst_names[i]) == 0) {
                inst[i] = (int32_t)k;
                n_items[i] = carealign_instrument_get(k)->n_items;
            }
        assert_true(inst[i] >= 0 && n_items[i] <= 16);
    }
}

static carealign_status feed_people(carealign_scorecard *sc, int32_t p0, int32_t p1,
                                    int32_t *failed)
{
    int32_t inst[3];
    size_t n_items[3];
    run_instruments(inst, n_items);
    const int32_t start = 20179; /* 2025-04-01 */
    for (int32_t p = p0; p < p1; p++) {
        carealign_person per = CAREALIGN_PERSON_INIT;
        per.person = p;
        per.has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_AREA |
                  CAREALIGN_PERSON_HAS_SEX | CAREALIGN_PERSON_HAS_IMD;
        per.birth_year = 1925 + (int32_t)(next() % 80);
        per.birth_month = 1 + (int32_t)(next() % 12);
        per.sex = 1 + (int32_t)(next() % 2);
        per.imd_decile = 1 + (int32_t)(next() % 10);
        if (fine_people) {
            per.has |= CAREALIGN_PERSON_HAS_ETHNICITY;
            per.ethnicity = (int32_t)(p % 6);
            /* a tenth of them without one stratum or another, some with none */
            static const uint32_t drop[5] = {
                CAREALIGN_PERSON_HAS_SEX, CAREALIGN_PERSON_HAS_IMD, CAREALIGN_PERSON_HAS_BIRTH,
                CAREALIGN_PERSON_HAS_ETHNICITY,
                CAREALIGN_PERSON_HAS_SEX | CAREALIGN_PERSON_HAS_IMD | CAREALIGN_PERSON_HAS_BIRTH |
                    CAREALIGN_PERSON_HAS_ETHNICITY};
            if (p % 10 == 3)
                per.has &= ~drop[(p / 10) % 5];
        }
        assert_int_equal(carealign_scorecard_feed_people(sc, &per, 1, NULL, NULL), CAREALIGN_OK);
        int32_t home[3] = {(int32_t)(next() % 12), (int32_t)(next() % 12), (int32_t)(next() % 12)};
        carealign_contact c[41];
        int nc = (int)(next() % 40);
        for (int k = 0; k < nc; k++) {
            carealign_contact_init(&c[k], sizeof c[k]);
            c[k].person = p;
            c[k].org = home[next() % 3];
            c[k].sector = 1 + c[k].org % 5;
            if (mixed_sectors && k % 7 == 3)
                c[k].sector = 1 + (c[k].org + 1) % 5;
            c[k].type = 1 + (int32_t)(next() % 14); /* not death */
            c[k].start_day = start - 30 + (int32_t)(next() % 420);
            c[k].staff_minutes = (int32_t)(next() % 90);
            if (c[k].type <= 2) {
                c[k].has = CAREALIGN_CONTACT_HAS_END | CAREALIGN_CONTACT_HAS_READY_DAY;
                c[k].end_day = c[k].start_day + (int32_t)(next() % 40);
                c[k].discharge_ready_day = c[k].start_day + (int32_t)(next() % 3);
                if (open_stays && (p & 1))
                    c[k].has &= ~CAREALIGN_CONTACT_HAS_END;
            }
            if (professionals && (p & 1) && k == 0) {
                c[k].has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
                c[k].professional = 3;
            }
            if (priced && k % 3 == 0) {
                c[k].has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
                c[k].activity = 1 + (p + k) % 4;
            }
            if (priced && k % 5 == 0) {
                c[k].has |= CAREALIGN_CONTACT_HAS_COST;
                c[k].cost_pence = 1000 + 37 * (p + k);
            }
        }
        if (prior_contacts) { /* the sector's only: no record there in the period */
            carealign_contact *k = &c[nc++];
            carealign_contact_init(k, sizeof *k);
            k->person = p;
            k->org = home[0] < 7 ? home[0] + 5 : home[0] - 5; /* the same sector */
            k->sector = 1 + k->org % 5;
            k->type = 1 + (int32_t)(p % 14);
            k->start_day = start - 1 - (int32_t)(p % 20);
            if (k->type <= 2) { /* a stay into the period, open for odd people */
                k->has = CAREALIGN_CONTACT_HAS_END;
                k->end_day = start + 10;
                if (p & 1)
                    k->has &= ~CAREALIGN_CONTACT_HAS_END;
            }
        }
        carealign_scorecard_feed_contacts(sc, c, (size_t)nc, NULL, NULL);
        int nr = (int)(next() % 8);
        for (int q = 0; q < nr; q++) {
            int which = (int)(next() % 3);
            int32_t items[16];
            for (size_t k = 0; k < n_items[which]; k++)
                items[k] = 1 + (int32_t)(next() % 4);
            carealign_response r = CAREALIGN_RESPONSE_INIT;
            r.person = p;
            if (next() % 4 != 0) {
                r.has = CAREALIGN_RESPONSE_HAS_ORG;
                r.org = home[next() % 3];
            }
            r.day = start - 30 + (int32_t)(next() % 420);
            if (weighted && next() % 4 != 0) {
                r.has |= CAREALIGN_RESPONSE_HAS_WEIGHT;
                r.weight = 0.25 + (double)(next() % 1000) / 7.0;
            }
            r.instrument = inst[which];
            r.n_items = (int32_t)n_items[which];
            r.items = items;
            carealign_scorecard_feed_responses(sc, &r, 1, NULL, NULL);
        }
        carealign_status st = carealign_scorecard_close_person(sc, p);
        if (st != CAREALIGN_OK) {
            *failed = p;
            return st;
        }
        if (fine_every > 0 && (p + 1) % fine_every == 0 && fine_n < 8) {
            fine_dirty += sc->slots != NULL ? (size_t)sc->slots->fine_held : 0;
            size_t n = 0;
            assert_int_equal(carealign_scorecard_serialize(sc, NULL, 0, &n), CAREALIGN_EBUFSIZE);
            fine_blobs[fine_n] = malloc(n);
            assert_non_null(fine_blobs[fine_n]);
            assert_int_equal(
                carealign_scorecard_serialize(sc, fine_blobs[fine_n], n, &fine_lens[fine_n]),
                CAREALIGN_OK);
            fine_n++;
        }
    }
    return CAREALIGN_OK;
}

/* Run fw with the shortcuts on and off: the serialized scorecards must be
 * the same bytes. */
static void assert_shortcuts_change_nothing(const carealign_framework *fw)
{
    size_t n_on = 0, n_off = 0;
    carealign__sc_shortcuts = 1;
    unsigned char *on = run(fw, &n_on);
    carealign__sc_shortcuts = 0;
    unsigned char *off = run(fw, &n_off);
    carealign__sc_shortcuts = 1;
    assert_true(n_on > 1000);
    assert_int_equal(n_on, n_off);
    assert_memory_equal(on, off, n_on);
    free(on);
    free(off);
}

static void test_same_groups(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    assert_shortcuts_change_nothing(fw);
    carealign_framework_free(fw);
}

/* The adds of prepared records through the memo's rows (add.c) against
 * every group added to one public-equivalent call at a time
 * (carealign__sc_fast_adds = 0): the same groups, in the same order, with
 * the same states. */
static void test_same_adds(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    size_t n_fast = 0, n_plain = 0;
    carealign__sc_fast_adds = 1;
    unsigned char *fast = run(fw, &n_fast);
    carealign__sc_fast_adds = 0;
    unsigned char *plain = run(fw, &n_plain);
    carealign__sc_fast_adds = 1;
    assert_true(n_fast > 1000);
    assert_int_equal(n_fast, n_plain);
    assert_memory_equal(fast, plain, n_fast);
    /* every prepared record in one place of the table: each lookup tells
     * the records apart by measure and contents */
    size_t n_one = 0;
    carealign__sc_rec_mask = 0;
    unsigned char *one = run(fw, &n_one);
    carealign__sc_rec_mask = CAREALIGN__SC_RECS - 1;
    assert_int_equal(n_one, n_plain);
    assert_memory_equal(one, plain, n_one);
    /* no measure's accumulators known to share their parameters: every add
     * compares each accumulator's (carealign__sc_adds_rest) */
    size_t n_mixed = 0;
    carealign__sc_same_params = 0;
    unsigned char *mixed = run(fw, &n_mixed);
    carealign__sc_same_params = 1;
    assert_int_equal(n_mixed, n_plain);
    assert_memory_equal(mixed, plain, n_mixed);
    free(mixed);
    free(one);
    free(fast);
    free(plain);
    carealign_framework_free(fw);
}

/* The accumulators of strata codes codes[0 .. n - 1] that the memo has
 * at (measure mi, level, unit) for the whole period, by
 * carealign__sc_slot_row. */
static int memo_accumulators(const carealign_scorecard *sc, int32_t mi, int32_t level, int32_t unit,
                             const int32_t *codes, int n)
{
    int32_t n_row = 0;
    carealign_acc *const *row = carealign__sc_slot_row(sc, mi, level, unit, -1, &n_row);
    int found = 0;
    for (int j = 0; j < n; j++)
        found += codes[j] < n_row && row[codes[j]] != NULL;
    return found;
}

/* The scorecard of run(fw), kept (the caller frees it). */
static carealign_scorecard *run_kept(const carealign_framework *fw)
{
    size_t len = 0;
    keep_sc = 1;
    free(run(fw, &len));
    keep_sc = 0;
    return kept_sc;
}

/* carealign__sc_adds_prefetch_units reaches every accumulator the memo
 * has for a measure's whole-period adds at the system and the given
 * cohorts, sectors and organisations (the system's only for a
 * population-based measure), as carealign__sc_slot_row lists them. */
static void test_prefetch_units(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = run_kept(fw);
    strata str;
    memset(&str, 0, sizeof str);
    str.n = 8;
    for (int i = 0; i < str.n; i++) {
        for (int t = 0; t < 4; t++)
            str.v[i][t] = CAREALIGN_STRATUM_MARGIN;
        str.code[i] = i; /* any codes: only the memo's rows by code are read */
    }
    str.tuple = -1; /* no finest cell: every stratum's accumulator */
    carealign__sc_strata_lists(sc, &str);
    const int32_t orgs[12] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, secs[5] = {1, 2, 3, 4, 5};
    int total = 0;
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        carealign__sc_adds a;
        carealign__sc_adds_begin(&a, sc, mi, -1, &str);
        const int pop = sc->measures[mi].pop_denominator;
        const int32_t *codes = pop ? str.pop_code : str.code;
        const int n = pop ? str.n_pop : str.n;
        int want = memo_accumulators(sc, mi, CAREALIGN_LEVEL_SYSTEM, -1, codes, n);
        for (int o = 0; o < 12 && !pop; o++)
            want += memo_accumulators(sc, mi, CAREALIGN_LEVEL_COHORT, orgs[o], codes, n) +
                    memo_accumulators(sc, mi, CAREALIGN_LEVEL_ORG, orgs[o], codes, n);
        for (int si = 0; si < 5 && !pop; si++)
            want += memo_accumulators(sc, mi, CAREALIGN_LEVEL_SECTOR, secs[si], codes, n);
        assert_int_equal(carealign__sc_adds_prefetch_units(&a, orgs, 12, secs, 5), want);
        total += want;
    }
    assert_true(total > 100);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* carealign__sc_adds_begin takes the memo's parameters of its own
 * measure (the adds of a record prepared for them compare no
 * accumulator's), for each measure and period, once the memo has rows. */
static void test_adds_params(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_scorecard *sc = run_kept(fw);
    strata str = {.n = 1}; /* the margin only: the parameters are the measure's */
    carealign__sc_strata_lists(sc, &str);
    int same = 0;
    for (int32_t mi = 0; mi < sc->n_measures; mi++)
        for (int32_t period = -1; period < sc->n_periods; period++) {
            carealign__sc_adds a;
            carealign__sc_adds_begin(&a, sc, mi, period, &str);
            assert_ptr_equal(a.mp, &sc->slots->mp[mi]);
            same += a.mp->state == CAREALIGN__SC_MP_SAME;
        }
    assert_true(same > 10);
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* The discharge measures' own evaluator (evaluate_discharges) against
 * evaluate, for a follow-up measure with a denominator exclusion, a
 * numerator exclusion, person atoms in the numerator and an upper
 * threshold. */
static void test_discharge_shapes(void **state)
{
    (void)state;
    carealign_framework *fw = load_edited(
        "\"numerator\": {\"journey\": \"followed_up_within\", \"days\": 3}",
        "\"numerator\": {\"all\": [{\"person\": \"age\", \"at_most\": 85}, "
        "{\"journey\": \"followed_up_within\", \"days\": 3}]}, "
        "\"numerator_exclusion\": {\"journey\": \"readmissions\", \"at_least\": 1}, "
        "\"denominator_exclusion\": {\"all\": [{\"person\": \"age\", \"at_least\": 95}, "
        "{\"journey\": \"followup_none\", \"at_least\": 2, \"at_most\": 5}]}");
    assert_shortcuts_change_nothing(fw);
    carealign_framework_free(fw);
}

/* The journey figures' parts (figure_parts, jr_class_parts) and jr_compute's
 * shortcut against every figure computed through every step: the
 * organisations per person read as the sectors per person (a part of its
 * own) in every scope and month, with and without the shortcuts. */
static void test_journey_parts(void **state)
{
    (void)state;
    carealign_framework *fw = load_edited(
        "\"measure_observation\": {\"journey\": \"organisations\", \"aggregate\": \"mean\"}",
        "\"measure_observation\": {\"journey\": \"sectors\", \"aggregate\": \"mean\"}");
    assert_shortcuts_change_nothing(fw);
    carealign_framework_free(fw);
}

/* The sectors' and organisations' builders prepared for their contacts
 * alone (carealign__journey_prepare_contacts, with the shortcuts on only)
 * when no figure of theirs reads the bed days or the days alive: the
 * default framework takes it (its bed days are per head of population,
 * the system's); the organisations per person read as bed days, or as
 * days in the community, in every scope turn it off. Each gives the same
 * bytes with the shortcuts on and off (every builder prepared in full). */
static void test_contacts_only(void **state)
{
    (void)state;
    static const char *const figure[3] = {NULL, "bed_days", "days_in_community"};
    for (int k = 0; k < 3; k++) {
        char to[160];
        snprintf(to, sizeof to,
                 "\"measure_observation\": {\"journey\": \"%s\", \"aggregate\": \"mean\"}",
                 figure[k] != NULL ? figure[k] : "organisations");
        carealign_framework *fw = load_edited(
            "\"measure_observation\": {\"journey\": \"organisations\", \"aggregate\": \"mean\"}",
            to);
        carealign_scorecard *sc = run_kept(fw);
        assert_int_equal(sc->jr_contacts_only, k == 0);
        carealign_scorecard_free(sc);
        assert_shortcuts_change_nothing(fw);
        carealign_framework_free(fw);
    }
}

/* fw over run's people with carealign__sc_check_visits: the period loop
 * visits the scopes every class's may_contribute gives, for each measure. */
static void assert_visits_as_may(const carealign_framework *fw)
{
    size_t len = 0;
    carealign__sc_check_visits = 1;
    carealign__sc_visit_errors = 0;
    carealign__sc_visits_checked = 0;
    free(run(fw, &len));
    carealign__sc_check_visits = 0;
    assert_true(carealign__sc_visits_checked > 1000);
    assert_int_equal(carealign__sc_visit_errors, 0);
}

/* The scopes the period loop visits (process.c's scope_visits: the
 * records' own bits by period for contacts of any type, responses and
 * discharges, the classes' may for contact types and months) against
 * may_contribute of every class: the default framework, a measure over
 * contacts of some types by month, and the scorecards compared with the
 * shortcuts off (every scope visited). */
static void test_visits(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    assert_visits_as_may(fw);
    carealign_framework_free(fw);
    static const char *const from =
        "\"initial_population\": {\"journey\": \"contacts\", \"at_least\": 1},\n"
        "        \"measure_observation\": {\"journey\": \"organisations\"";
    fw = load_edited(from, "\"initial_population\": {\"contacts\": \"count\", \"types\": "
                           "[\"emergency_admission\", \"review\"], \"at_least\": 1},\n"
                           "        \"measure_observation\": {\"journey\": \"organisations\"");
    assert_visits_as_may(fw);
    assert_shortcuts_change_nothing(fw);
    carealign_framework_free(fw);
}

/* carealign__sc_ip_range of an initial population of contact atoms:
 * [want_lo, want_hi], or none when want_lo > want_hi. */
static void assert_ip_range(const carealign__sc_crit *ip, uint32_t want_lo, uint32_t want_hi)
{
    uint32_t lo = 0, hi = 0;
    carealign__sc_ip_range(ip, &lo, &hi);
    if (want_lo > want_hi) {
        assert_true(lo > hi);
        return;
    }
    assert_int_equal(lo, want_lo);
    assert_int_equal(hi, want_hi);
}

/* A contacts atom with the given thresholds (NONE: none). */
static void add_contacts(carealign__sc_crit *cr, int counted, double at_least, double at_most)
{
    add_atom(cr, CAREALIGN_ATOM_JOURNEY, CAREALIGN_JF_CONTACTS, counted, at_least);
    if (at_most == at_most) {
        cr->atoms[cr->n - 1].flags |= CAREALIGN_ATOM_HAS_AT_MOST;
        cr->atoms[cr->n - 1].at_most = at_most;
    }
}

/* The counts of contacts for which an initial population holds, by the
 * rules of docs/scorecard.md: a count meets at_least / at_most as a number
 * (1.5 .. 5.5 holds 2 .. 5), a counted atom asks a count above 0, a NaN
 * threshold holds for no count, no atom for every count. */
static void test_ip_ranges(void **state)
{
    (void)state;
    const uint32_t all = UINT32_MAX;
    carealign__sc_crit cr;
    memset(&cr, 0, sizeof cr);
    cr.counted = -1;
    assert_ip_range(&cr, 0, all);
    add_contacts(&cr, 1, NONE, NONE);
    assert_ip_range(&cr, 1, all);
    add_contacts(&cr, 0, NONE, 3);
    assert_ip_range(&cr, 1, 3);
    const double bounds[][4] = {
        /* at_least, at_most, lo, hi (lo > hi: none) */
        {2, NONE, 2, all},  {1.5, 5.5, 2, 5},     {2.25, 2.75, 1, 0},
        {NONE, 2, 0, 2},    {-3, NONE, 0, all},   {NONE, -1, 1, 0},
        {1e12, NONE, 1, 0}, {NONE, 1e12, 0, all}, {NONE, 4294967295.5, 0, all},
        {0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        memset(&cr, 0, sizeof cr);
        cr.counted = -1;
        add_contacts(&cr, 0, bounds[i][0], bounds[i][1]);
        assert_ip_range(&cr, (uint32_t)bounds[i][2], (uint32_t)bounds[i][3]);
    }
    /* two atoms: both bounds; a NaN threshold: no count */
    memset(&cr, 0, sizeof cr);
    cr.counted = -1;
    add_contacts(&cr, 0, 2, NONE);
    add_contacts(&cr, 0, NONE, 6);
    assert_ip_range(&cr, 2, 6);
    cr.atoms[1].at_most = NONE;
    assert_ip_range(&cr, 1, 0);
    cr.atoms[1].at_most = 6;
    cr.atoms[0].at_least = NONE;
    assert_ip_range(&cr, 1, 0);
}

/* The journey observations' initial populations through their ranges of
 * contact counts (process.c's ip_range) against obs_ip_holds (the shortcuts
 * off): an upper threshold, a counted atom, thresholds between counts and
 * a population no count meets, on continuity-of-care's initial population. */
static void test_observation_ranges(void **state)
{
    (void)state;
    static const char *const ip[] = {
        "{\"journey\": \"contacts\", \"at_least\": 2, \"at_most\": 4}",
        "{\"journey\": \"contacts\"}",
        "{\"all\": [{\"journey\": \"contacts\"}, {\"journey\": \"contacts\", \"at_most\": 3}]}",
        "{\"journey\": \"contacts\", \"at_least\": 1.5, \"at_most\": 5.5}",
        "{\"journey\": \"contacts\", \"at_most\": 2}",
        "{\"journey\": \"contacts\", \"at_least\": 2.25, \"at_most\": 2.75}",
    };
    for (size_t i = 0; i < sizeof ip / sizeof ip[0]; i++) {
        carealign_framework *fw =
            load_edited("{\"journey\": \"contacts\", \"at_least\": 2,\n"
                        "                               \"description\": \"people with at least "
                        "two contacts, the index's minimum\"}",
                        ip[i]);
        assert_shortcuts_change_nothing(fw);
        carealign_framework_free(fw);
    }
}

/* The discharge measures' visits narrowed to the discharges their initial
 * population can count (process.c's discharge_key and discharge_visits:
 * a population whose counted atom, or a condition at least above 0, sums
 * to 0 over the discharges of a scope and period is 0 there): followup-72h's
 * initial population edited so that its first discharge atom is a
 * condition holding at 0 (at most, at least 0) followed by the key, the
 * counted atom alone, a positive threshold on a value with a person atom,
 * and ascof-2d's counting reablement; with the shortcuts on and off. */
static void test_dis_keys(void **state)
{
    (void)state;
    static const char *const ip[] = {
        "{\"all\": [{\"journey\": \"readmissions\", \"at_most\": 5}, "
        "{\"journey\": \"discharges\", \"at_least\": 1}]}",
        "{\"all\": [{\"journey\": \"followup_none\", \"at_least\": 0}, "
        "{\"journey\": \"followed_up_within\", \"days\": 3}]}",
        "{\"journey\": \"followed_up_within\", \"days\": 3}",
        "{\"all\": [{\"person\": \"age\", \"at_least\": 70}, "
        "{\"journey\": \"delay_days\", \"at_least\": 2}]}",
        "{\"journey\": \"readmissions\", \"at_least\": 1}",
        "{\"journey\": \"reablement_denominator\"}",
    };
    for (size_t i = 0; i < sizeof ip / sizeof ip[0]; i++) {
        carealign_framework *fw =
            load_edited("{\"journey\": \"discharges\", \"at_least\": 1}", ip[i]);
        assert_shortcuts_change_nothing(fw);
        carealign_framework_free(fw);
    }
    carealign_framework *fw =
        load_edited("{\"journey\": \"reablement_denominator\", \"at_least\": 1}",
                    "{\"all\": [{\"journey\": \"delay_known\", \"at_most\": 9}, "
                    "{\"journey\": \"reablement_numerator\"}]}");
    assert_shortcuts_change_nothing(fw);
    carealign_framework_free(fw);
}

/* The default framework over run's people with *variant set (a run flag):
 * the shortcuts on and off give the same bytes. */
static void assert_variant_changes_nothing(int *variant)
{
    carealign_framework *fw = load_default();
    *variant = 1;
    assert_shortcuts_change_nothing(fw);
    *variant = 0;
    carealign_framework_free(fw);
}

/* The periods in which bed days may be above 0 (process.c's stay_bits):
 * admissions without an end day (open, or closed by a later discharge) for
 * half the people, with the shortcuts on and off. */
static void test_open_stays(void **state)
{
    (void)state;
    assert_variant_changes_nothing(&open_stays);
}

/* Contacts before the reporting period at an organisation with no record
 * in it (a sector scope then holds more than its organisations': process.c's
 * records_classes counts every record, records_init's tally), with the
 * shortcuts on and off. */
static void test_prior_contacts(void **state)
{
    (void)state;
    assert_variant_changes_nothing(&prior_contacts);
}

#define THREE "tests/scorecard/data/three-measures.json"

/* The three-measure framework (duplicate assessments, ASCOF 1A, staff
 * hours; quarters) over run's people, with the shortcuts on and off (every
 * builder loaded and prepared in full, every figure its own builder's),
 * and the counts of keys read from the system's builder. */
static void assert_within_changes_nothing(const carealign_framework *fw, size_t *done,
                                          size_t *declined)
{
    carealign__sc_within_done = carealign__sc_within_declined = carealign__sc_within_binned =
        carealign__sc_within_sector_dups = 0;
    carealign__sc_count_within = 1;
    assert_shortcuts_change_nothing(fw);
    carealign__sc_count_within = 0;
    *done = carealign__sc_within_done;
    *declined = carealign__sc_within_declined;
}

/* The sectors' and organisations' journey figures that are sums of their
 * contacts (and the days observed), read from the system's builder
 * (process.c's jr_within: the bins of every scope and period made once a
 * person, periods.c's carealign__journey_within_bins, or the scan of
 * carealign__journey_figures_within),
 * and the system's builder prepared for its contacts alone when nothing
 * reads stays, spans or discharges (jr_system_contacts_only): the same
 * bytes as every figure from its own builder prepared in full (the
 * shortcuts off). Sectors whose contacts are at two organisations read
 * their duplicate assessments from the bins too; odd people with a
 * professional named read their own builders' (declined: one pass of
 * periods.c not applying); staff
 * minutes read as cost, activity, care-home admissions or assessments with
 * contacts priced. The default framework keeps its system's preparation
 * (bed days, discharges) and its sectors' builders (other figures read
 * there: jr_within_on 0). */
static void test_within(void **state)
{
    (void)state;
    size_t done = 0, declined = 0;
    carealign_framework *fw = load_path_edited(THREE, NULL, NULL);
    carealign_scorecard *sc = run_kept(fw);
    assert_int_equal(sc->jr_contacts_only, 1);
    assert_int_equal(sc->jr_sys_contacts_only, 1);
    assert_int_equal(sc->jr_within_on, 1);
    carealign_scorecard_free(sc);
    assert_within_changes_nothing(fw, &done, &declined);
    /* none declined: the sectors at two organisations too, their
     * duplicate assessments binned (some of them above 0) */
    assert_true(done > 500 && declined == 0 && carealign__sc_within_sector_dups > 20);
    /* most keys read from the bins of every scope and period (jr_bins) */
    assert_true(carealign__sc_within_binned > 500 && carealign__sc_within_binned * 10 > done * 9);
    size_t done1 = done, declined1 = declined;
    professionals = 1;
    assert_within_changes_nothing(fw, &done, &declined);
    professionals = 0;
    assert_true(done < done1 && declined > declined1);
    prior_contacts = 1;
    assert_within_changes_nothing(fw, &done, &declined);
    prior_contacts = 0;
    assert_true(done > 500);
    carealign_framework_free(fw);
    static const char *const figure[] = {"cost_pence", "activity", "care_home_admissions",
                                         "assessments"};
    for (size_t i = 0; i < sizeof figure / sizeof figure[0]; i++) {
        char to[64];
        snprintf(to, sizeof to, "\"journey\": \"%s\"", figure[i]);
        fw = load_path_edited(THREE, "\"journey\": \"staff_minutes\"", to);
        priced = 1;
        assert_within_changes_nothing(fw, &done, &declined);
        priced = 0;
        assert_true(done > 500);
        carealign_framework_free(fw);
    }
    fw = load_default();
    sc = run_kept(fw);
    assert_int_equal(sc->jr_sys_contacts_only, 0);
    assert_int_equal(sc->jr_within_on, 0); /* organisations, continuity: their builders */
    carealign_scorecard_free(sc);
    carealign_framework_free(fw);
}

/* The three-measure framework with n_extra measures more, measure e a
 * ratio of contacts of two types to the days observed, its initial
 * population at least one such contact (a distinct pair of types, so a
 * distinct type mask, for each e below 105). */
static carealign_framework *three_with_extra(int n_extra)
{
    static const char *const types[] = {
        "admission",
        "emergency_admission",
        "discharge",
        "community_visit",
        "homecare_visit",
        "gp_appointment",
        "social_care_assessment",
        "health_assessment",
        "care_package_start",
        "care_package_end",
        "reablement_start",
        "reablement_end",
        "care_home_admission_long_term",
        "review",
        "death",
    };
    static char to[1 << 16];
    size_t n = (size_t)snprintf(to, sizeof to, "\"measures\": [");
    for (int e = 0; e < n_extra; e++) {
        const int a = e % 15, b = (e % 15 + 1 + e / 15) % 15;
        n += (size_t)snprintf(
            to + n, sizeof to - n,
            "{\"id\": \"extra-%d\", \"version\": \"1\", \"title\": \"Extra %d\", "
            "\"aim\": \"resources\", \"scoring\": \"ratio\", \"local\": \"test\", "
            "\"citation\": \"test\", \"instrument\": null, \"populations\": "
            "{\"initial_population\": {\"contacts\": \"count\", \"types\": [\"%s\", "
            "\"%s\"], \"at_least\": 1}, \"denominator\": {\"journey\": \"days_observed\"}, "
            "\"numerator\": {\"contacts\": \"count\", \"types\": [\"%s\", \"%s\"]}}, "
            "\"improvement_notation\": \"decrease\", \"unit\": \"contacts\", \"per\": 1, "
            "\"spc_history\": false, \"comparable\": true},",
            e, e, types[a], types[b], types[a], types[b]);
        assert_true(n < sizeof to);
    }
    return load_path_edited(THREE, "\"measures\": [", to);
}

/* fw's records plan (process.c's records_plan) after run. */
static void assert_records_plan(const carealign_framework *fw, int counts_on, int n_tsets)
{
    carealign_scorecard *sc = run_kept(fw);
    int on = -1, nt = -1;
    carealign__sc_records_plan_of(sc, &on, &nt);
    assert_int_equal(on, counts_on);
    assert_int_equal(nt, n_tsets);
    carealign_scorecard_free(sc);
}

/* records_init's plan, from what the measures read (process.c's
 * records_plan): the three-measure framework reads no contact counts by
 * scope and period and one type mask (the assessments); with measures of
 * contacts of 3 more type masks, 4; with 17 more, 16 (the 17th and the
 * assessments' past MAX_TSETS: nothing proven for them); a journey contacts
 * atom (staff hours' numerator edited) and the default framework
 * (continuity's contacts, three masks) count them. Each against the
 * shortcuts off (every scope evaluated in every period), the same bytes:
 * the bits the plan leaves out are read by no measure, and the type sets'
 * bits are those of the contacts of the measure's types. */
static void assert_variant_changes_nothing(int *variant);

static void test_records_plan(void **state)
{
    (void)state;
    carealign_framework *fw = load_path_edited(THREE, NULL, NULL);
    assert_records_plan(fw, 0, 1);
    carealign_framework_free(fw);
    fw = three_with_extra(3);
    assert_records_plan(fw, 0, 4);
    assert_shortcuts_change_nothing(fw);
    prior_contacts = 1;
    assert_shortcuts_change_nothing(fw);
    prior_contacts = 0;
    carealign_framework_free(fw);
    fw = three_with_extra(17);
    assert_records_plan(fw, 0, 16);
    assert_shortcuts_change_nothing(fw);
    carealign_framework_free(fw);
    fw = load_path_edited(THREE, "\"journey\": \"staff_minutes\"", "\"journey\": \"contacts\"");
    assert_records_plan(fw, 1, 1);
    assert_shortcuts_change_nothing(fw);
    carealign_framework_free(fw);
    fw = load_default();
    assert_records_plan(fw, 1, 3);
    carealign_framework_free(fw);
    /* some organisations' records in two sector scopes (records_classes'
     * tallies: such an organisation holds the records of neither) */
    mixed_sectors = 1;
    fw = load_path_edited(THREE, NULL, NULL);
    assert_shortcuts_change_nothing(fw);
    carealign_framework_free(fw);
    assert_variant_changes_nothing(&mixed_sectors);
    mixed_sectors = 0;
}

/* A person atom (which, flags, bounds, values) for test_person_atoms_same. */
static carealign__sc_atom person_atom(int32_t which, uint32_t flags, double lo, double hi,
                                      const int32_t *values, size_t n_values)
{
    carealign__sc_atom a = {.kind = CAREALIGN_ATOM_PERSON, .which = which, .flags = flags};
    a.at_least = lo;
    a.at_most = hi;
    a.values = values;
    a.n_values = n_values;
    return a;
}

/* carealign__sc_person_atoms_same on criteria built by hand: other atoms
 * aside, the person atoms' number, order, attribute, flags, bounds (by
 * their bytes) and values decide. */
static void test_person_atoms_same(void **state)
{
    (void)state;
    static const int32_t v12[] = {1, 2}, v13[] = {1, 3};
    const uint32_t lo = CAREALIGN_ATOM_HAS_AT_LEAST, hi = CAREALIGN_ATOM_HAS_AT_MOST;
    const carealign__sc_atom age65 = person_atom(CAREALIGN_PERSON_AGE, lo, 65, NAN, NULL, 0);
    const carealign__sc_atom sex12 = person_atom(CAREALIGN_PERSON_SEX, 0, NAN, NAN, v12, 2);
    const carealign__sc_atom other = {.kind = CAREALIGN_ATOM_CONTACTS, .which = 1};
    carealign__sc_crit a = {.n = 3, .counted = 1}, b = {.n = 2, .counted = -1}, none = {.n = 0};
    a.atoms[0] = age65; /* age >= 65, a contacts atom, sex in {1, 2} */
    a.atoms[1] = other;
    a.atoms[2] = sex12;
    b.atoms[0] = age65; /* the same person atoms without the other */
    b.atoms[1] = sex12;
    assert_true(carealign__sc_person_atoms_same(&a, &b));
    assert_true(carealign__sc_person_atoms_same(&b, &a));
    assert_true(carealign__sc_person_atoms_same(&none, &none));
    assert_false(carealign__sc_person_atoms_same(&a, &none));
    assert_false(carealign__sc_person_atoms_same(&none, &a));
    carealign__sc_crit c = b;
    c.n = 1; /* age >= 65 only: a prefix, either way round */
    assert_false(carealign__sc_person_atoms_same(&b, &c));
    assert_false(carealign__sc_person_atoms_same(&c, &b));
    c = b; /* the order */
    c.atoms[0] = sex12;
    c.atoms[1] = age65;
    assert_false(carealign__sc_person_atoms_same(&b, &c));
    c = b; /* the attribute */
    c.atoms[0].which = CAREALIGN_PERSON_DEPRIVATION_DECILE;
    assert_false(carealign__sc_person_atoms_same(&b, &c));
    c = b; /* a flag alone (the bound's value unchanged) */
    c.atoms[0].flags = lo | hi;
    assert_false(carealign__sc_person_atoms_same(&b, &c));
    c = b; /* the lower bound */
    c.atoms[0].at_least = 66;
    assert_false(carealign__sc_person_atoms_same(&b, &c));
    c = b; /* the upper bound */
    c.atoms[0].at_most = 90;
    assert_false(carealign__sc_person_atoms_same(&b, &c));
    c = b; /* the values' number, then one value */
    c.atoms[1].n_values = 1;
    assert_false(carealign__sc_person_atoms_same(&b, &c));
    c = b;
    c.atoms[1].values = v13;
    assert_false(carealign__sc_person_atoms_same(&b, &c));
    c = b; /* equal values elsewhere */
    static const int32_t v12b[] = {1, 2};
    c.atoms[1].values = v12b;
    assert_true(carealign__sc_person_atoms_same(&b, &c));
}

/* Criteria sharing person_atoms_span's answers by person_key (scorecard.c's
 * person_atoms_same): bcf-discharge-delay's denominator given person atoms
 * A and its numerator B (both evaluated on every discharge, after the
 * initial population's age >= 18), in pairs that differ by a threshold, an
 * upper bound's presence or value, the values, their number, the attribute
 * or the atoms' number (either longer), shortcuts on (shared) against off (kept per criterion). A
 * bound's flag alone cannot differ: an absent bound is NaN. */
static void test_person_keys(void **state)
{
    (void)state;
    static const char block[] =
        "{\"person\": \"age\", \"at_least\": 18}, {\"journey\": \"delay_known\"}],\n"
        "                        \"description\": \"discharges of adults with a known discharge "
        "ready date\"},\n"
        "        \"numerator\": {\"all\": [{\"person\": \"age\", \"at_least\": 18},";
    static const char *const ab[][2] = {
        {"{\"person\": \"age\", \"at_least\": 18}", "{\"person\": \"age\", \"at_least\": 19}"},
        {"{\"person\": \"age\", \"at_least\": 18}",
         "{\"person\": \"age\", \"at_least\": 18, \"at_most\": 70}"},
        {"{\"person\": \"age\", \"at_least\": 18, \"at_most\": 70}",
         "{\"person\": \"age\", \"at_least\": 18, \"at_most\": 71}"},
        {"{\"person\": \"sex\", \"in\": [1]}", "{\"person\": \"sex\", \"in\": [2]}"},
        {"{\"person\": \"sex\", \"in\": [1]}", "{\"person\": \"sex\", \"in\": [1, 2]}"},
        {"{\"person\": \"deprivation_decile\", \"in\": [3]}",
         "{\"person\": \"deprivation_quintile\", \"in\": [3]}"},
        {"{\"person\": \"age\", \"at_least\": 18}",
         "{\"person\": \"age\", \"at_least\": 18}, {\"person\": \"sex\", \"in\": [2]}"},
        {"{\"person\": \"sex\", \"in\": [2]}, {\"person\": \"age\", \"at_least\": 65}",
         "{\"person\": \"sex\", \"in\": [2]}"},
    };
    for (size_t i = 0; i < sizeof ab / sizeof ab[0]; i++) {
        char to[1024];
        int n = snprintf(to, sizeof to,
                         "%s, {\"journey\": \"delay_known\"}],\n"
                         "                        \"description\": \"discharges of adults with a "
                         "known discharge ready date\"},\n"
                         "        \"numerator\": {\"all\": [%s,",
                         ab[i][0], ab[i][1]);
        assert_true(n > 0 && (size_t)n < sizeof to);
        carealign_framework *fw = load_edited(block, to);
        assert_shortcuts_change_nothing(fw);
        carealign_framework_free(fw);
    }
}

/* The day of y-m-d by the public function (the expected spans' bounds). */
static int32_t ymd(int32_t y, int32_t m, int32_t d)
{
    int32_t day = 0;
    assert_int_equal(carealign_date_from_ymd(y, m, d, &day), CAREALIGN_OK);
    return day;
}

/* One person's age and span on a day by both of process.c's paths: the
 * checked one's answer is (age, lo, hi); the plain one gives the same when
 * it answers, and answers when *plain (1) says it must. */
static void assert_age_span(int32_t by, int32_t bm, int has, int32_t day, int32_t age, int32_t lo,
                            int32_t hi, int plain)
{
    carealign_person p = CAREALIGN_PERSON_INIT;
    p.has = has ? CAREALIGN_PERSON_HAS_BIRTH : 0;
    p.birth_year = by;
    p.birth_month = bm;
    int32_t l = 0, h = 0, a = 0, pl = 0, ph = 0;
    assert_int_equal(carealign__sc_age_span_checked(&p, day, &l, &h), age);
    assert_int_equal(l, lo);
    assert_int_equal(h, hi);
    int answered = carealign__sc_age_span_plain(&p, day, &a, &pl, &ph);
    assert_int_equal(answered, plain);
    if (answered) {
        assert_int_equal(a, age);
        assert_int_equal(pl, lo);
        assert_int_equal(ph, hi);
    }
}

/* process.c's ages for the person atoms (age_on): by hand, a birthday's
 * eve and day, the day of birth and the day before, a leap day, and the
 * cases the one-conversion path leaves to the checked one (no birth date,
 * a month out of range, year 9999, a next birthday in year 10000, days out
 * of range); then births of years 1 to 9999 and months 0 to 13 on days
 * around their birthdays and across the range, the one-conversion path
 * against the checked one wherever it answers. */
static void test_age_spans(void **state)
{
    (void)state;
    const int32_t lo_all = INT32_MIN, hi_all = INT32_MAX;
    /* born June 1950: 74 on 2025-05-31, 75 from 2025-06-01 */
    assert_age_span(1950, 6, 1, ymd(2025, 5, 31), 74, ymd(2024, 6, 1), ymd(2025, 5, 31), 1);
    assert_age_span(1950, 6, 1, ymd(2025, 6, 1), 75, ymd(2025, 6, 1), ymd(2026, 5, 31), 1);
    assert_age_span(1950, 6, 1, ymd(1950, 6, 1), 0, ymd(1950, 6, 1), ymd(1951, 5, 31), 1);
    assert_age_span(1950, 6, 1, ymd(1950, 5, 31), -1, lo_all, ymd(1950, 5, 31), 1);
    assert_age_span(1950, 6, 1, ymd(1900, 1, 1), -1, lo_all, ymd(1950, 5, 31), 1);
    /* born February 2000, on the leap day 2024-02-29: 24 */
    assert_age_span(2000, 2, 1, ymd(2024, 2, 29), 24, ymd(2024, 2, 1), ymd(2025, 1, 31), 1);
    /* born January of year 1, on its first day: 0 */
    assert_age_span(1, 1, 1, CAREALIGN_DATE_MIN, 0, CAREALIGN_DATE_MIN, ymd(1, 12, 31), 1);
    /* no birth date, or a month out of range: unknown every day */
    assert_age_span(1950, 6, 0, ymd(2025, 5, 31), -1, lo_all, hi_all, 0);
    assert_age_span(1950, 13, 1, ymd(2025, 5, 31), -1, lo_all, hi_all, 0);
    assert_age_span(1950, 0, 1, ymd(2025, 5, 31), -1, lo_all, hi_all, 0);
    /* the next birthday in year 10000: no span but the day */
    assert_age_span(9998, 3, 1, ymd(9999, 5, 1), 1, ymd(9999, 5, 1), ymd(9999, 5, 1), 0);
    assert_age_span(9999, 12, 1, CAREALIGN_DATE_MAX, 0, CAREALIGN_DATE_MAX, CAREALIGN_DATE_MAX, 0);
    assert_age_span(9998, 3, 1, ymd(9999, 2, 28), 0, ymd(9998, 3, 1), ymd(9999, 2, 28), 1);
    /* a day after 9999-12-31: unknown that day only */
    assert_age_span(1950, 6, 1, CAREALIGN_DATE_MAX + 1, -1, CAREALIGN_DATE_MAX + 1,
                    CAREALIGN_DATE_MAX + 1, 0);
    static const int32_t years[] = {1,    2,    3,    4,    99,   100,  101,  399,  400,  401,
                                    1599, 1600, 1601, 1899, 1900, 1901, 1925, 1948, 1960, 1999,
                                    2000, 2001, 2023, 2024, 2025, 9000, 9996, 9997, 9998, 9999};
    size_t answered = 0, asked = 0;
    for (size_t yi = 0; yi < sizeof years / sizeof years[0]; yi++)
        for (int32_t bm = 0; bm <= 13; bm++) {
            carealign_person p = CAREALIGN_PERSON_INIT;
            p.has = CAREALIGN_PERSON_HAS_BIRTH;
            p.birth_year = years[yi];
            p.birth_month = bm;
            const int32_t m = bm < 1 ? 1 : bm > 12 ? 12 : bm;
            const int32_t birth = ymd(years[yi], m, 1);
            for (int32_t k = 0; k < 2400; k++) {
                /* days around birth and the next birthdays, then across the range */
                int32_t day = k < 1600
                                  ? birth - 40 + (k / 80) * 365 + (k % 80) - 40
                                  : CAREALIGN_DATE_MIN - 2 +
                                        (int32_t)(((int64_t)(k - 1600) *
                                                   (CAREALIGN_DATE_MAX - CAREALIGN_DATE_MIN + 4)) /
                                                  799);
                int32_t l = 0, h = 0, a = 0, pl = 0, ph = 0;
                const int32_t age = carealign__sc_age_span_checked(&p, day, &l, &h);
                assert_true(l <= day && day <= h);
                asked++;
                if (carealign__sc_age_span_plain(&p, day, &a, &pl, &ph)) {
                    answered++;
                    assert_int_equal(a, age);
                    assert_int_equal(pl, l);
                    assert_int_equal(ph, h);
                }
            }
        }
    assert_true(answered > asked / 2);
}

/* evaluate_journey_ratio's criteria as planned (process.c's crit_plan: a
 * lone counted atom, a lone condition, or the loop) against evaluate's,
 * shortcuts on against off: staff-hours' numerator and initial population
 * (a lone counted atom and a lone condition in the default framework)
 * given a counted atom with a condition (either order), two conditions, or
 * lone conditions on other figures (a lower and upper bound in the initial
 * population, a lower bound as the numerator). */
static void test_ratio_plans(void **state)
{
    (void)state;
    static const char *const from[] = {"\"numerator\": {\"journey\": \"staff_minutes\"}",
                                       "\"initial_population\": {\"journey\": \"days_observed\", "
                                       "\"at_least\": 1},\n        \"denominator\": {\"journey\": "
                                       "\"days_observed\"},\n        \"numerator\": {\"journey\": "
                                       "\"staff_minutes\"}"};
    static const char *const to[][2] = {
        {"\"numerator\": {\"all\": [{\"journey\": \"staff_minutes\"}, "
         "{\"journey\": \"organisations\", \"at_least\": 2}]}",
         NULL},
        {"\"numerator\": {\"all\": [{\"journey\": \"organisations\", \"at_most\": 1}, "
         "{\"journey\": \"staff_minutes\"}]}",
         NULL},
        {NULL, "\"initial_population\": {\"all\": [{\"journey\": \"days_observed\", \"at_least\": "
               "1}, {\"journey\": \"handoffs\", \"at_least\": 1}]},\n        \"denominator\": "
               "{\"journey\": \"days_observed\"},\n        \"numerator\": {\"journey\": "
               "\"staff_minutes\"}"},
        {NULL, "\"initial_population\": {\"journey\": \"organisations\", \"at_least\": 2, "
               "\"at_most\": 2},\n        \"denominator\": {\"journey\": \"days_observed\"},\n "
               "       \"numerator\": {\"journey\": \"handoffs\", \"at_least\": 2}"},
    };
    for (size_t i = 0; i < sizeof to / sizeof to[0]; i++) {
        const int w = to[i][0] != NULL ? 0 : 1;
        carealign_framework *fw = load_edited(from[w], to[i][w]);
        assert_shortcuts_change_nothing(fw);
        carealign_framework_free(fw);
    }
}

/* Finest cells (lib/scorecard/fine.c) against every add direct
 * (carealign__sc_fine_cells = 0, the path before them): people with an
 * ethnicity (added directly, not in the cell) and some without one stratum
 * or any, the partial serialized mid-run while the cells hold adds (read
 * through carealign__sc_fine_view), then more adds, and at the end: the
 * same bytes each time; and the finalized results, the same rows. The
 * same with a cell's bound at 2 records (carealign__sc_fine_limit: its
 * block flushed at every other add to it) and with sex out of the cell
 * (carealign__sc_fine_sex = 0: in the default framework sex is crossed
 * with age, so in the cell either way; in the three measures' it is not),
 * and with every group checked after every 7th add of the weighted class
 * (carealign__sc_fine_wlimit). Variant 1 is every add direct. With wt, the
 * responses carry survey weights (most not 1: the weighted measure's cells
 * turned off, the others' kept); without, the weighted measure's records
 * (weight 1) go to cells. Frees fw. */
static void fine_cells_compare(carealign_framework *fw, int wt)
{
    enum { NV = 5 };
    unsigned char *blobs[NV][9];
    size_t lens[NV][9], dirty[NV], rows[NV];
    carealign_scorecard *kept[NV];
    fine_people = 1;
    fine_every = 50;
    keep_sc = 1;
    for (int v = 0; v < NV; v++) {
        carealign__sc_fine_cells = v != 1;
        carealign__sc_fine_limit = v == 2 ? 2 : CAREALIGN__SC_FINE_LIMIT;
        carealign__sc_fine_sex = v != 3;
        carealign__sc_fine_wlimit = v == 4 ? 7 : UINT64_C(1) << 20;
        weighted = wt;
        fine_n = 0;
        fine_dirty = 0;
        blobs[v][8] = run(fw, &lens[v][8]);
        kept[v] = kept_sc;
        assert_int_equal(fine_n, 8);
        for (int i = 0; i < 8; i++) {
            blobs[v][i] = fine_blobs[i];
            lens[v][i] = fine_lens[i];
        }
        dirty[v] = fine_dirty;
        assert_int_equal(carealign_scorecard_finalize(kept[v]), CAREALIGN_OK);
        assert_int_equal(carealign_scorecard_result_count(kept[v], &rows[v]), CAREALIGN_OK);
    }
    carealign__sc_fine_cells = 1;
    carealign__sc_fine_limit = CAREALIGN__SC_FINE_LIMIT;
    carealign__sc_fine_sex = 1;
    carealign__sc_fine_wlimit = UINT64_C(1) << 20;
    weighted = 0;
    fine_people = 0;
    fine_every = 0;
    keep_sc = 0;
    assert_int_equal(dirty[1], 0);
    /* the weighted measure's cells: made and on (weights 1), or off */
    const carealign__sc_slots *ks = kept[0]->slots;
    int wmi = -1;
    for (int32_t mi = 0; mi < kept[0]->n_measures; mi++)
        if (kept[0]->measures[mi].mflags & CAREALIGN_MEASURE_WEIGHTED)
            wmi = mi;
    assert_true(wmi >= 0);
    size_t wblocks = 0;
    for (size_t i = 0; i < ks->n_fine; i++)
        wblocks += ks->fine[i]->cls == CAREALIGN__SC_FINE_WEIGHTED;
    assert_true(wblocks > 0);
    assert_int_equal(ks->fine_mcls[wmi], wt ? 0 : CAREALIGN__SC_FINE_WEIGHTED);
    assert_false(ks->fine_off);
    for (int v = 0; v < NV; v++) {
        if (v == 1)
            continue;
        assert_true(dirty[v] > 0); /* the cells held adds at the serializes */
        for (int i = 0; i < 9; i++) {
            assert_true(lens[v][i] > 1000);
            assert_int_equal(lens[v][i], lens[1][i]);
            assert_memory_equal(blobs[v][i], blobs[1][i], lens[1][i]);
        }
        assert_int_equal(rows[v], rows[1]);
        for (size_t i = 0; i < rows[1]; i++) {
            carealign_result a = {.size = sizeof a}, b = {.size = sizeof b};
            assert_int_equal(carealign_scorecard_get_result(kept[v], i, &a), CAREALIGN_OK);
            assert_int_equal(carealign_scorecard_get_result(kept[1], i, &b), CAREALIGN_OK);
            assert_memory_equal(&a, &b, sizeof a);
        }
    }
    for (int v = 0; v < NV; v++) {
        for (int i = 0; i < 9; i++)
            free(blobs[v][i]);
        carealign_scorecard_free(kept[v]);
    }
    carealign_framework_free(fw);
}

static void test_fine_cells(void **state)
{
    (void)state;
    fine_cells_compare(load_default(), 0);
    fine_cells_compare(load_default(), 1);
}

/* fine_cells_compare with tests/scorecard/data/three-measures.json: no
 * crosses, two RATE measures and a weighted MEAN in cells. */
static void test_fine_cells_three(void **state)
{
    (void)state;
    fine_cells_compare(load_path_edited(THREE, NULL, NULL), 0);
    fine_cells_compare(load_path_edited(THREE, NULL, NULL), 1);
}

/* A scorecard whose system margin of a PROPORTION measure (whole period)
 * holds n near 2^64 (room below it), as a partial's blob may: run's 400
 * people, their partial deserialized, that group's n set. */
static carealign_scorecard *near_overflow(const carealign_framework *fw, uint64_t room)
{
    size_t len = 0;
    unsigned char *blob = run(fw, &len);
    carealign_scorecard *sc = NULL;
    assert_int_equal(carealign_scorecard_deserialize(fw, blob, len, &sc), CAREALIGN_OK);
    free(blob);
    int set = 0;
    for (size_t g = 0; g < sc->n_groups && !set; g++) {
        const carealign__sc_key *k = &sc->groups[g].key;
        const carealign__sc_measure *m = &sc->measures[k->measure];
        carealign__acc_state *st = &sc->groups[g].acc->st;
        if (k->level == CAREALIGN_LEVEL_SYSTEM && k->period == -1 &&
            k->stratum[0] == CAREALIGN_STRATUM_MARGIN && m->acc_kind == CAREALIGN_ACC_PROPORTION &&
            !m->fft && !m->pop_denominator && !(m->mflags & CAREALIGN_MEASURE_WEIGHTED) &&
            st->n > 100) {
            st->n = UINT64_MAX - room;
            set = 1;
        }
    }
    assert_true(set);
    return sc;
}

/* The finest cells keep an add's failure where a group's count would
 * overflow: a partial near overflow deserialized and added to (its groups
 * checked when the cells start), or merged into a scorecard whose cells
 * hold adds (checked after the merge); more people then fail at the same
 * person with the same status as with every add direct. */
static void test_fine_overflow(void **state)
{
    (void)state;
    carealign_framework *fw = load_default();
    carealign_status st[2][2];
    int32_t at[2][2];
    fine_people = 1;
    for (int v = 0; v < 2; v++) {
        carealign__sc_fine_cells = 1 - v;
        /* the partial added to */
        carealign_scorecard *sc = near_overflow(fw, 5000);
        at[v][0] = -1;
        st[v][0] = feed_people(sc, 400, 2400, &at[v][0]);
        carealign_scorecard_free(sc);
        /* merged into a scorecard with adds in its cells */
        carealign_scorecard *part = near_overflow(fw, 400);
        carealign_scorecard *dst = new_run_sc(fw);
        int32_t failed = -1;
        assert_int_equal(feed_people(dst, 400, 420, &failed), CAREALIGN_OK);
        if (v == 0)
            assert_true(dst->slots->fine_held);
        assert_int_equal(carealign_scorecard_merge(dst, part), CAREALIGN_OK);
        at[v][1] = -1;
        st[v][1] = feed_people(dst, 420, 1420, &at[v][1]);
        carealign_scorecard_free(part);
        carealign_scorecard_free(dst);
    }
    carealign__sc_fine_cells = 1;
    fine_people = 0;
    for (int i = 0; i < 2; i++) {
        assert_int_not_equal(st[1][i], CAREALIGN_OK);
        assert_int_equal(st[0][i], st[1][i]);
        assert_int_equal(at[0][i], at[1][i]);
    }
    carealign_framework_free(fw);
}

/* The weighted MEAN's margin at an organisation (whole period) of sc with
 * more than 10 records: its state. (At an organisation: the first add of a
 * deserialized scorecard, direct, is the system's, so that only the checks
 * when the cells start or after a merge find this group out of bounds.) */
static carealign__acc_state *weighted_margin(carealign_scorecard *sc)
{
    for (size_t g = 0; g < sc->n_groups; g++) {
        const carealign__sc_key *k = &sc->groups[g].key;
        const carealign__sc_measure *m = &sc->measures[k->measure];
        if (k->level == CAREALIGN_LEVEL_ORG && k->period == -1 &&
            k->stratum[0] == CAREALIGN_STRATUM_MARGIN && m->acc_kind == CAREALIGN_ACC_MEAN &&
            (m->mflags & CAREALIGN_MEASURE_WEIGHTED) && sc->groups[g].acc->st.n > 10)
            return &sc->groups[g].acc->st;
    }
    fail();
    return NULL;
}

/* run's partial (weights 1) deserialized, its weighted MEAN's system margin
 * edited: sum w x^2 set to `wxx` when not 0, half a weight added to sum w
 * when `half`. */
static carealign_scorecard *weighted_edited(const carealign_framework *fw, double wxx, int half)
{
    size_t len = 0;
    unsigned char *blob = run(fw, &len);
    carealign_scorecard *sc = NULL;
    assert_int_equal(carealign_scorecard_deserialize(fw, blob, len, &sc), CAREALIGN_OK);
    free(blob);
    carealign__acc_state *st = weighted_margin(sc);
    if (wxx != 0)
        st->wxx.s = wxx;
    if (half)
        st->w.s += 0.5;
    return sc;
}

/* Are the states of a's groups and b's (the same groups in the same order)
 * the same, field by field (a weighted sum's parts too, which the partial
 * and the results show only summed)? Flushes both's cells. */
static void assert_same_states(carealign_scorecard *a, carealign_scorecard *b)
{
    carealign__sc_fine_flush_all(a);
    carealign__sc_fine_flush_all(b);
    assert_int_equal(a->n_groups, b->n_groups);
    for (size_t g = 0; g < a->n_groups; g++) {
        const carealign__acc_state *x = &a->groups[g].acc->st, *y = &b->groups[g].acc->st;
        assert_memory_equal(&a->groups[g].key, &b->groups[g].key, sizeof a->groups[g].key);
        assert_memory_equal(&x->w, &y->w, sizeof x->w);
        assert_memory_equal(&x->w2, &y->w2, sizeof x->w2);
        assert_memory_equal(&x->wx, &y->wx, sizeof x->wx);
        assert_memory_equal(&x->wxx, &y->wxx, sizeof x->wxx);
        assert_memory_equal(&x->sum, &y->sum, sizeof x->sum);
        assert_memory_equal(&x->sumsq, &y->sumsq, sizeof x->sumsq);
        assert_memory_equal(&x->events, &y->events, sizeof x->events);
        assert_memory_equal(&x->exposure, &y->exposure, sizeof x->exposure);
        assert_true(x->n == y->n && x->successes == y->successes);
        assert_true(x->n == 0 || (x->min == y->min && x->max == y->max));
    }
}

/* sc's partial: its bytes (*len). */
static unsigned char *partial_of(const carealign_scorecard *sc, size_t *len)
{
    size_t need = 0;
    assert_int_equal(carealign_scorecard_serialize(sc, NULL, 0, &need), CAREALIGN_EBUFSIZE);
    unsigned char *buf = malloc(need);
    assert_non_null(buf);
    assert_int_equal(carealign_scorecard_serialize(sc, buf, need, len), CAREALIGN_OK);
    return buf;
}

/* The weighted class's bounds (carealign__sc_fine_wroom): a partial whose
 * weighted MEAN's margin at an organisation has sum w x^2 2^53 - 63 (its
 * records' adds then round: the sum is no longer exact) or 2^52 + 2 (out
 * of the bounds, still exact), or half a weight in sum w (not an integer),
 * deserialized and added to, or merged into a scorecard whose cells hold
 * weighted adds and then added to: the same partial's bytes and the same
 * groups' states (the compensated sums' parts too) as with every add
 * direct, with every group checked after each add of the class or after
 * 2^20. */
static void test_fine_weighted_bounds(void **state)
{
    (void)state;
    static const struct {
        double wxx;
        int half, wt;
    } edit[] = {{9007199254740929.0, 0, 0},
                {4503599627370498.0, 0, 0},
                {0, 1, 0},
                /* in bounds, then a weight not 1 added directly (the groups it
                 * went to checked after it) leaves sum w x^2 a half below 2^52 */
                {4503599627366496.0, 0, 1},
                {4503599627368496.0, 0, 1}};
    carealign_framework *fw = load_path_edited(THREE, NULL, NULL);
    for (size_t e = 0; e < sizeof edit / sizeof edit[0]; e++)
        for (int c = 0; c < 3; c++) {
            /* people all with a tuple (no direct add of the class checks the
             * groups: the bounds come from the checks when the cells start and
             * after the merge), or some without; a check after every add */
            const int lim = c == 2;
            fine_people = c != 0;
            unsigned char *blob[2][2];
            size_t len[2][2];
            carealign_scorecard *kept[2][2];
            for (int v = 0; v < 2; v++) {
                carealign__sc_fine_cells = 1 - v;
                carealign__sc_fine_wlimit = lim ? 1 : UINT64_C(1) << 20;
                /* the partial added to */
                carealign_scorecard *sc = weighted_edited(fw, edit[e].wxx, edit[e].half);
                weighted = edit[e].wt;
                int32_t failed = -1;
                assert_int_equal(feed_people(sc, 400, 1400, &failed), CAREALIGN_OK);
                blob[v][0] = partial_of(sc, &len[v][0]);
                if (v == 0) /* its cells off, the others' on */
                    assert_false(sc->slots->fine_off);
                kept[v][0] = sc;
                /* merged into a scorecard with weighted adds in its cells */
                carealign_scorecard *part = weighted_edited(fw, edit[e].wxx, edit[e].half);
                carealign_scorecard *dst = new_run_sc(fw);
                assert_int_equal(feed_people(dst, 400, 460, &failed), CAREALIGN_OK);
                if (v == 0) {
                    size_t held = 0; /* weighted cells holding adds */
                    for (size_t i = 0; i < dst->slots->n_fine; i++) {
                        const carealign__sc_fine *f = dst->slots->fine[i];
                        const carealign__sc_fstate *fs =
                            (const carealign__sc_fstate *)(const void *)f + 1;
                        for (int32_t t = 0; t < f->n; t++)
                            held += f->cls == CAREALIGN__SC_FINE_WEIGHTED &&
                                    fs[t].n > CAREALIGN__SC_FINE_MADE;
                    }
                    assert_true(lim || edit[e].wt || held > 0);
                }
                assert_int_equal(carealign_scorecard_merge(dst, part), CAREALIGN_OK);
                assert_int_equal(feed_people(dst, 460, 1460, &failed), CAREALIGN_OK);
                blob[v][1] = partial_of(dst, &len[v][1]);
                weighted = 0;
                carealign_scorecard_free(part);
                kept[v][1] = dst;
            }
            for (int i = 0; i < 2; i++) {
                assert_same_states(kept[0][i], kept[1][i]);
                carealign_scorecard_free(kept[0][i]);
                carealign_scorecard_free(kept[1][i]);
                assert_int_equal(len[0][i], len[1][i]);
                assert_memory_equal(blob[0][i], blob[1][i], len[1][i]);
                free(blob[0][i]);
                free(blob[1][i]);
            }
        }
    carealign__sc_fine_cells = 1;
    carealign__sc_fine_wlimit = UINT64_C(1) << 20;
    fine_people = 0;
    carealign_framework_free(fw);
}

/* ASCOF 1A's shape (evaluate_latest: the latest score in scope) against
 * the general evaluate (shortcuts off), with
 * and without survey weights, for initial populations of that shape and
 * some that are not (evaluate then with the shortcuts on too). */
static void test_latest_scores(void **state)
{
    (void)state;
    static const char *const from[] = {
        "\"initial_population\": {\"response\": \"any\"},",
        "\"inequality\": true,\n      \"weighted\": true",
        "\"instrument\": {\"code\": \"ascot_sct4\", \"value_set\": \"raw\"}",
        "\"aggregate\": \"mean\"}\n      },\n      \"improvement_notation\": \"increase\",\n      "
        "\"unit\": \"points, 0 to 24\",\n      \"spc_history\": false,\n      \"comparable\": "
        "true,\n      \"inequality\": true,\n      \"weighted\": true"};
    static const struct {
        int w;
        const char *to;
    } edit[] = {
        {0, NULL},
        {0, "\"initial_population\": {\"all\": [{\"response\": \"any\"}, {\"response\": "
            "\"any\"}]},"},
        /* not the shape: a person atom */
        {0, "\"initial_population\": {\"all\": [{\"response\": \"any\"}, {\"person\": "
            "\"age\", \"at_least\": 65}]},"},
        {1, "\"inequality\": true"},
        /* scores rounded to 1/1000 and 1/100 (m->scale) */
        {2, "\"instrument\": {\"code\": \"eq5d5l\", \"value_set\": \"uk-2026\"}"},
        {2, "\"instrument\": {\"code\": \"swemwbs\", \"value_set\": \"metric\"}"},
        /* by quarter too */
        {3,
         "\"aggregate\": \"mean\"}\n      },\n      \"improvement_notation\": \"increase\",\n      "
         "\"unit\": \"points, 0 to 24\",\n      \"spc_history\": true,\n      \"comparable\": "
         "true,\n      \"inequality\": true,\n      \"weighted\": true"},
        /* a median (not weighted: only a mean is) */
        {3, "\"aggregate\": \"median\"}\n      },\n      "
            "\"improvement_notation\": \"increase\",\n      \"unit\": \"points, 0 to 24\",\n      "
            "\"spc_history\": false,\n      \"comparable\": true"},
    };
    for (int wt = 0; wt < 2; wt++)
        for (size_t i = 0; i < sizeof edit / sizeof edit[0]; i++) {
            carealign_framework *fw =
                load_edited(edit[i].to != NULL ? from[edit[i].w] : NULL, edit[i].to);
            weighted = wt;
            assert_shortcuts_change_nothing(fw);
            weighted = 0;
            carealign_framework_free(fw);
        }
}

/* One person's responses for test_responses_any_order: n of them. */
enum { ORDER_MAX = 48 };
typedef struct order_resp {
    carealign_response r;
    int32_t items[16];
} order_resp;

/* Feed the n responses of q in `order` (-1: all in one call, as given) and
 * return the rows rejected. */
static size_t feed_in_order(carealign_scorecard *sc, order_resp *q, size_t n, const size_t *order)
{
    carealign_response rows[ORDER_MAX];
    size_t rejected = 0, rj = 0;
    for (size_t i = 0; i < n; i++) {
        rows[i] = q[order != NULL ? order[i] : i].r;
        rows[i].items = q[order != NULL ? order[i] : i].items;
    }
    if (order == NULL) {
        assert_int_equal(carealign_scorecard_feed_responses(sc, rows, n, NULL, &rejected),
                         CAREALIGN_OK);
        return rejected;
    }
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(carealign_scorecard_feed_responses(sc, &rows[i], 1, NULL, &rj),
                         CAREALIGN_OK);
        rejected += rj;
    }
    return rejected;
}

/* A person's responses fed in any order, one by one or in one call, closed
 * one by one or all at once, give the same scorecard byte for byte (the
 * records are sorted at close: order.c; a run already in order is left as
 * it is): responses to three instruments (several value sets of each that
 * the default framework uses) on a few days (many ties on a day, the same
 * day at other organisations and with other scores), exact duplicates,
 * rows with a missing item (used, unscored) or a bad item (rejected), and
 * people with more responses than a short run (qsort's path). The orders:
 * as made, reversed, shuffled, by day (ties as made: some people's runs
 * then in order, the sort skipped), all in one call, each person closed in
 * turn; as made and shuffled, all closed at once (close_all). */
static void test_responses_any_order(void **state)
{
    (void)state;
    int32_t inst[3];
    size_t n_items[3];
    run_instruments(inst, n_items);
    carealign_framework *fw = load_default();
    enum { PEOPLE = 40, VARIANTS = 7 };
    static order_resp q[PEOPLE][ORDER_MAX];
    size_t n[PEOPLE];
    rng = 7;
    const int32_t start = 20179; /* 2025-04-01 */
    for (int p = 0; p < PEOPLE; p++) {
        n[p] = p % 10 == 9 ? 33 + next() % (ORDER_MAX - 33) : next() % 12;
        for (size_t k = 0; k < n[p]; k++) {
            order_resp *o = &q[p][k];
            if (k > 0 && next() % 8 == 0) { /* an exact duplicate */
                *o = q[p][k - 1];
                continue;
            }
            const int which = (int)(next() % 3);
            carealign_response r = CAREALIGN_RESPONSE_INIT;
            r.person = p;
            if (next() % 4 != 0) {
                r.has = CAREALIGN_RESPONSE_HAS_ORG;
                r.org = (int32_t)(next() % 4);
            }
            r.day = start + 30 * (int32_t)(next() % 4); /* four days: ties */
            if (next() % 3 == 0) {
                r.has |= CAREALIGN_RESPONSE_HAS_WEIGHT;
                r.weight = 0.5 + (double)(next() % 4);
            }
            r.instrument = inst[which];
            r.n_items = (int32_t)n_items[which];
            for (size_t i = 0; i < n_items[which]; i++)
                o->items[i] = 1 + (int32_t)(next() % 4);
            const uint32_t odd = next() % 16;
            if (odd == 0)
                o->items[next() % n_items[which]] = CAREALIGN_ITEM_MISSING; /* unscored */
            else if (odd == 1)
                o->items[next() % n_items[which]] = 9; /* bad items: rejected */
            o->r = r;
        }
    }
    unsigned char *want = NULL;
    size_t want_len = 0, want_rejected = 0;
    carealign_feed_counts want_counts;
    for (int v = 0; v < VARIANTS; v++) {
        carealign_scorecard *sc = new_run_sc(fw);
        size_t rejected = 0;
        for (int p = 0; p < PEOPLE; p++) {
            carealign_person per = CAREALIGN_PERSON_INIT;
            per.person = p;
            per.has = CAREALIGN_PERSON_HAS_AREA;
            assert_int_equal(carealign_scorecard_feed_people(sc, &per, 1, NULL, NULL),
                             CAREALIGN_OK);
            size_t order[ORDER_MAX];
            for (size_t k = 0; k < n[p]; k++)
                order[k] = v == 1 ? n[p] - 1 - k : k;
            if (v == 2 || v == 6) /* shuffled */
                for (size_t k = n[p]; k > 1; k--) {
                    size_t j = next() % k, t = order[k - 1];
                    order[k - 1] = order[j];
                    order[j] = t;
                }
            if (v == 3) /* by day, ties as made (insertion: stable) */
                for (size_t k = 1; k < n[p]; k++)
                    for (size_t j = k; j > 0 && q[p][order[j - 1]].r.day > q[p][order[j]].r.day;
                         j--) {
                        size_t t = order[j];
                        order[j] = order[j - 1];
                        order[j - 1] = t;
                    }
            rejected += feed_in_order(sc, q[p], n[p], v == 4 ? NULL : order);
            if (v < 5)
                assert_int_equal(carealign_scorecard_close_person(sc, p), CAREALIGN_OK);
        }
        if (v >= 5) /* all at once: close_below's runs */
            assert_int_equal(carealign_scorecard_close_all(sc), CAREALIGN_OK);
        carealign_feed_counts counts = sc->counts[CAREALIGN_FEED_RESPONSES];
        size_t len = 0;
        assert_int_equal(carealign_scorecard_serialize(sc, NULL, 0, &len), CAREALIGN_EBUFSIZE);
        unsigned char *buf = malloc(len);
        assert_non_null(buf);
        assert_int_equal(carealign_scorecard_serialize(sc, buf, len, &len), CAREALIGN_OK);
        carealign_scorecard_free(sc);
        if (v == 0) {
            want = buf;
            want_len = len;
            want_rejected = rejected;
            want_counts = counts;
            assert_true(rejected > 0 && counts.unscored > 0 && counts.used > 200);
            continue;
        }
        assert_int_equal(rejected, want_rejected);
        assert_memory_equal(&counts, &want_counts, sizeof counts);
        assert_int_equal(len, want_len);
        assert_memory_equal(buf, want, len);
        free(buf);
    }
    free(want);
    carealign_framework_free(fw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_same_groups),
        cmocka_unit_test(test_same_adds),
        cmocka_unit_test(test_prefetch_units),
        cmocka_unit_test(test_prior_contacts),
        cmocka_unit_test(test_adds_params),
        cmocka_unit_test(test_discharge_shapes),
        cmocka_unit_test(test_journey_parts),
        cmocka_unit_test(test_ip_ranges),
        cmocka_unit_test(test_visits),
        cmocka_unit_test(test_observation_ranges),
        cmocka_unit_test(test_contacts_only),
        cmocka_unit_test(test_dis_keys),
        cmocka_unit_test(test_open_stays),
        cmocka_unit_test(test_within),
        cmocka_unit_test(test_records_plan),
        cmocka_unit_test(test_person_keys),
        cmocka_unit_test(test_person_atoms_same),
        cmocka_unit_test(test_age_spans),
        cmocka_unit_test(test_ratio_plans),
        cmocka_unit_test(test_fine_cells),
        cmocka_unit_test(test_fine_cells_three),
        cmocka_unit_test(test_fine_overflow),
        cmocka_unit_test(test_fine_weighted_bounds),
        cmocka_unit_test(test_latest_scores),
        cmocka_unit_test(test_responses_any_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
