/* Scorecard: every allocating call (new, dictionaries, feeds, close, merge,
 * serialize, deserialize, finalize) on a fixed small input, with a small
 * framework (two measures of tests/framework/data/minimal.json). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "workloads.h"
#include "../scorecard/small_framework.h"

/* One more person through the columnar feeds, and a response that the
 * scorecard rejects (no items): every feed is called once. */
static int feed_columns_and_responses(carealign_scorecard *sc, int32_t person)
{
    int ok = 1;
    carealign_person_columns pc;
    ok &= carealign_workload_expect(carealign_person_columns_init(&pc, sizeof pc),
                                    "person_columns_init");
    const int32_t ids[1] = {person}, birth_year[1] = {1948}, birth_month[1] = {7};
    pc.n = 1;
    pc.person = ids;
    pc.birth_year = birth_year;
    pc.birth_month = birth_month;
    ok &= carealign_workload_expect(carealign_scorecard_feed_people_columns(sc, &pc, NULL, NULL),
                                    "scorecard_feed_people_columns");
    carealign_contact_columns cc;
    ok &= carealign_workload_expect(carealign_contact_columns_init(&cc, sizeof cc),
                                    "contact_columns_init");
    const int32_t org[1] = {1}, sector[1] = {2}, type[1] = {CAREALIGN_CONTACT_COMMUNITY_VISIT},
                  day[1] = {20230};
    cc.n = 1;
    cc.person = ids;
    cc.org = org;
    cc.sector = sector;
    cc.type = type;
    cc.start_day = day;
    ok &= carealign_workload_expect(carealign_scorecard_feed_contacts_columns(sc, &cc, NULL, NULL),
                                    "scorecard_feed_contacts_columns");
    carealign_response r;
    ok &= carealign_workload_expect(carealign_response_init(&r, sizeof r), "response_init");
    r.person = person;
    r.day = 20230;
    ok &= carealign_workload_expect(carealign_scorecard_feed_responses(sc, &r, 1, NULL, NULL),
                                    "scorecard_feed_responses");
    carealign_response_columns rc;
    ok &= carealign_workload_expect(carealign_response_columns_init(&rc, sizeof rc),
                                    "response_columns_init");
    const int32_t items[1] = {1};
    rc.n = 1;
    rc.valueset = CAREALIGN_NA_I32;
    rc.n_items = 1;
    rc.items = items;
    rc.person = ids;
    rc.day = day;
    ok &= carealign_workload_expect(carealign_scorecard_feed_responses_columns(sc, &rc, NULL, NULL),
                                    "scorecard_feed_responses_columns");
    return ok;
}

/* Swallows the writers' output. */
static int32_t discard(const void *data, size_t len, void *user)
{
    (void)data;
    (void)len;
    (void)user;
    return 0;
}

/* Every reader of a finalized scorecard, and the writers. */
static void read_results(const carealign_scorecard *sc)
{
    size_t n = 0, index = 0, got = 0, len = 0;
    carealign_workload_expect(carealign_scorecard_result_count(sc, &n), "scorecard_result_count");
    carealign_result rows[4];
    carealign_workload_expect(carealign_result_init(&rows[0], sizeof rows[0]), "result_init");
    for (size_t i = 1; i < 4; i++)
        rows[i] = rows[0];
    if (n > 0) {
        carealign_workload_expect(carealign_scorecard_get_result(sc, 0, &rows[0]),
                                  "scorecard_get_result");
        carealign_workload_expect(carealign_scorecard_get_results(sc, 0, rows, 4, &got),
                                  "scorecard_get_results");
        (void)carealign_scorecard_find_result(sc, rows[0].measure, rows[0].level, rows[0].unit,
                                              rows[0].period, &index);
    }
    carealign_aim_summary aim;
    carealign_workload_expect(carealign_aim_summary_init(&aim, sizeof aim), "aim_summary_init");
    (void)carealign_scorecard_get_aim_summary(sc, CAREALIGN_AIM_EXPERIENCE, CAREALIGN_LEVEL_SYSTEM,
                                              -1, &aim);
    carealign_feed_counts counts;
    carealign_workload_expect(carealign_feed_counts_init(&counts, sizeof counts),
                              "feed_counts_init");
    carealign_workload_expect(carealign_scorecard_get_counts(sc, CAREALIGN_FEED_PEOPLE, &counts),
                              "scorecard_get_counts");
    const char *id = NULL;
    (void)carealign_scorecard_get_id(sc, CAREALIGN_DICT_AREA, 0, &id, &len);
    (void)carealign_reject_reason_name(CAREALIGN_REJECT_UNKNOWN_PERSON);
    carealign_write_options wo;
    carealign_workload_expect(carealign_write_options_init(&wo, sizeof wo), "write_options_init");
    for (int32_t format = CAREALIGN_FORMAT_JSON; format <= CAREALIGN_FORMAT_FHIR; format++)
        carealign_workload_expect(carealign_scorecard_write_cb(sc, format, &wo, discard, NULL),
                                  "scorecard_write_cb");
    if (carealign_scorecard_write(sc, CAREALIGN_FORMAT_CSV, &wo, NULL, 0, &len) ==
        CAREALIGN_EBUFSIZE) {
        char *buf = malloc(len);
        if (buf != NULL)
            carealign_workload_expect(
                carealign_scorecard_write(sc, CAREALIGN_FORMAT_CSV, &wo, buf, len, &len),
                "scorecard_write");
        free(buf);
    }
}

static carealign_scorecard *make(const carealign_framework *fw, int32_t first, int with_fft)
{
    carealign_scorecard *sc = NULL;
    carealign_scorecard_options o;
    if (!carealign_workload_expect(carealign_scorecard_options_init(&o, sizeof o),
                                   "scorecard_options_init"))
        return NULL;
    o.flags = CAREALIGN_SC_NO_DISCLOSURE;
    if (!carealign_workload_expect(carealign_scorecard_new(fw, &o, &sc), "scorecard_new"))
        return NULL;
    int ok = 1;
    const uint64_t off[2] = {0, 9};
    ok &= carealign_workload_expect(
        carealign_scorecard_register_ids(sc, CAREALIGN_DICT_AREA, "E06000001", off, 1, NULL),
        "scorecard_register_ids");
    carealign_organisation org[2];
    ok &= carealign_workload_expect(carealign_organisation_init(&org[0], sizeof org[0]),
                                    "organisation_init");
    org[1] = org[0];
    org[0].org = 0;
    org[0].sector = 1;
    org[0].name = "A";
    org[0].name_len = 1;
    org[1].org = 1;
    org[1].sector = 2;
    ok &= carealign_workload_expect(carealign_scorecard_feed_organisations(sc, org, 2, NULL, NULL),
                                    "scorecard_feed_organisations");
    carealign_population pop;
    ok &= carealign_workload_expect(carealign_population_init(&pop, sizeof pop), "population_init");
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
    ok &= feed_columns_and_responses(sc, first + 4);
    if (with_fft) {
        carealign_fft_counts f;
        ok &= carealign_workload_expect(carealign_fft_counts_init(&f, sizeof f), "fft_counts_init");
        f.month = 20209; /* 2025-05-01 */
        f.counts[0] = 3;
        f.counts[3] = 1;
        ok &= carealign_workload_expect(carealign_scorecard_feed_fft(sc, &f, 1, NULL, NULL),
                                        "scorecard_feed_fft");
    }
    if (fed_first)
        ok &= carealign_workload_expect(carealign_scorecard_close_person(sc, first),
                                        "scorecard_close_person");
    ok &= carealign_workload_expect(carealign_scorecard_close_before(sc, first + 2),
                                    "scorecard_close_before");
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
        if (carealign_workload_expect(carealign_scorecard_finalize(a), "scorecard_finalize"))
            read_results(a);
    }
    carealign_scorecard_free(a);
    carealign_scorecard_free(b);
    carealign_framework_free(fw);
}
