/* 16 threads share one loaded framework (examples/frameworks/
 * england-integrated-care.json) while each scores questionnaires, fills its
 * own accumulator, builds journeys with the framework's journey options,
 * computes estimates and reads the framework (measures, hash, canonical
 * text, FHIR). Every result must equal, bit for bit, the one computed on the
 * main thread before the threads start; the threads' accumulators, merged,
 * must serialize to the same bytes as one accumulator fed everything; and
 * each thread's last error must be its own.
 *
 * Built with the `tsan` preset (clang -fsanitize=thread), ThreadSanitizer
 * checks that none of this races (docs/threading.md); in every other build
 * it runs as an ordinary test. The scorecard joins when it exists.
 *
 * usage: tsan_threads FRAMEWORK.json */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"

enum { N_THREADS = 16, ROUNDS = 40, N_VALUES = 200, MAX_MEASURES = 64, TEXT_CAP = 1 << 20 };

typedef struct results {
    double eq5d[25];
    double swemwbs;
    carealign_estimate wilson, rate, mean;
    carealign_status measure_status[MAX_MEASURES];
    carealign_journey_result journey[MAX_MEASURES];
    uint8_t hash[CAREALIGN_SHA256_SIZE];
    size_t canonical_len, fhir_len, report_len;
    uint64_t canonical_sum, fhir_sum, report_sum;
} results;

static const carealign_framework *shared;
static int32_t n_measures;
static results reference;
static unsigned char reference_blob[8192];
static size_t reference_blob_len;
static double values[N_VALUES];
static unsigned char blobs[N_THREADS][8192];
static size_t blob_lens[N_THREADS];
static int thread_failed[N_THREADS];

#define CHECK(t, cond, what)                                                                       \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "thread %d: %s (%s)\n", (t), (what), carealign_last_error());          \
            thread_failed[(t) < 0 ? 0 : (t)] = 1;                                                  \
            return;                                                                                \
        }                                                                                          \
    } while (0)

static uint64_t checksum(const char *text, size_t len)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)text[i]) * 1099511628211u;
    return h;
}

/* One person's contacts: an emergency admission, its discharge and a
 * community visit and assessments afterwards (days in 2025/26). */
static void journey_for(carealign_journey *j, const carealign_journey_options *options,
                        carealign_journey_result *out, carealign_status *status)
{
    carealign_journey_reset(j);
    carealign_person person = CAREALIGN_PERSON_INIT;
    person.has = CAREALIGN_PERSON_HAS_BIRTH;
    person.birth_year = 1940;
    person.birth_month = 6;
    int32_t day0 = 20200; /* 2025-04-22 */
    const int32_t types[4] = {
        CAREALIGN_CONTACT_EMERGENCY_ADMISSION, CAREALIGN_CONTACT_COMMUNITY_VISIT,
        CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT, CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT};
    *status = carealign_journey_set_person(j, &person);
    for (int i = 0; i < 4 && *status == CAREALIGN_OK; i++) {
        carealign_contact c = CAREALIGN_CONTACT_INIT;
        c.org = i % 3;
        c.sector = 1 + i % 3;
        c.type = types[i];
        c.start_day = day0 + (i == 0 ? 0 : 6 + 3 * i);
        if (i == 0) {
            c.has = CAREALIGN_CONTACT_HAS_END | CAREALIGN_CONTACT_HAS_DESTINATION |
                    CAREALIGN_CONTACT_HAS_ADMISSION_METHOD;
            c.end_day = day0 + 5;
            c.admission_method = 21;
            c.discharge_destination = 19;
        }
        c.staff_minutes = 30 * (i + 1);
        *status = carealign_journey_add_contact(j, &c);
    }
    if (*status == CAREALIGN_OK) {
        carealign_journey_result_init(out, sizeof *out);
        *status = carealign_journey_compute(j, options, out);
    }
}

/* Everything one thread does with the shared framework; fills r. */
/* A small scorecard on the shared framework: three organisations, twelve
 * people with contacts, finalized (disclosure control on) and written as
 * JSON into `text`. Every thread must write the same bytes. */
static void scorecard_for(int t, results *r, char *text)
{
    carealign_scorecard *sc = NULL;
    CHECK(t, carealign_scorecard_new(shared, NULL, &sc) == CAREALIGN_OK, "scorecard_new");
    const uint64_t off[2] = {0, 9};
    int ok = carealign_scorecard_register_ids(sc, CAREALIGN_DICT_AREA, "E08000035", off, 1, NULL) ==
             CAREALIGN_OK;
    carealign_organisation org = CAREALIGN_ORGANISATION_INIT;
    for (int32_t o = 0; o < 3 && ok; o++) {
        org.org = o;
        org.sector = 1 + o;
        ok = carealign_scorecard_feed_organisations(sc, &org, 1, NULL, NULL) == CAREALIGN_OK;
    }
    for (int32_t i = 0; i < 12 && ok; i++) {
        carealign_person p = CAREALIGN_PERSON_INIT;
        p.person = i;
        p.has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_AREA | CAREALIGN_PERSON_HAS_SEX;
        p.birth_year = 1935 + 3 * i;
        p.birth_month = 1 + i % 12;
        p.sex = 1 + i % 2;
        ok = carealign_scorecard_feed_people(sc, &p, 1, NULL, NULL) == CAREALIGN_OK;
        carealign_contact c[2] = {CAREALIGN_CONTACT_INIT, CAREALIGN_CONTACT_INIT};
        c[0].person = c[1].person = i;
        c[0].org = i % 3;
        c[0].sector = 1 + i % 3;
        c[0].type = CAREALIGN_CONTACT_EMERGENCY_ADMISSION;
        c[0].start_day = 20200 + 7 * i;
        c[0].has = CAREALIGN_CONTACT_HAS_END;
        c[0].end_day = c[0].start_day + 1 + i % 4;
        c[1].org = (i + 1) % 3;
        c[1].sector = 1 + (i + 1) % 3;
        c[1].type = CAREALIGN_CONTACT_COMMUNITY_VISIT;
        c[1].start_day = c[0].end_day + 1 + i % 5;
        if (ok)
            ok = carealign_scorecard_feed_contacts(sc, c, 2, NULL, NULL) == CAREALIGN_OK;
    }
    if (ok)
        ok = carealign_scorecard_finalize(sc) == CAREALIGN_OK &&
             carealign_scorecard_write(sc, CAREALIGN_FORMAT_JSON, NULL, text, TEXT_CAP,
                                       &r->report_len) == CAREALIGN_OK;
    carealign_scorecard_free(sc);
    CHECK(t, ok, "scorecard");
    r->report_sum = checksum(text, r->report_len);
}

static void work(int t, results *r, char *text, carealign_journey *j)
{
    for (int i = 0; i < 25; i++) {
        int32_t items[5] = {1 + i % 5, 1 + i / 5, 1 + (i * 3) % 5, 1 + (i * 7) % 5,
                            1 + (i + 2) % 5};
        CHECK(t, carealign_score("eq5d5l", "england-2018", items, 5, &r->eq5d[i]) == CAREALIGN_OK,
              "eq5d5l score");
    }
    const int32_t sw[7] = {3, 4, 2, 5, 3, 4, 1};
    CHECK(t, carealign_score("swemwbs", "metric", sw, 7, &r->swemwbs) == CAREALIGN_OK, "swemwbs");
    CHECK(t, carealign_proportion_wilson(37, 120, 0.95, &r->wilson) == CAREALIGN_OK, "wilson");
    CHECK(t, carealign_rate(12, 52000, 100000, 0.95, &r->rate) == CAREALIGN_OK, "rate");
    CHECK(t, carealign_mean_t(40, 0.71, 3.2, 0.95, &r->mean) == CAREALIGN_OK, "mean_t");

    for (int32_t m = 0; m < n_measures; m++) {
        carealign_measure_info info;
        carealign_measure_info_init(&info, sizeof info);
        CHECK(t, carealign_framework_get_measure(shared, m, &info) == CAREALIGN_OK, "get_measure");
        carealign_journey_options options;
        carealign_journey_options_init(&options, sizeof options);
        r->measure_status[m] = carealign_framework_get_journey_options(shared, m, &options);
        memset(&r->journey[m], 0, sizeof r->journey[m]);
        if (r->measure_status[m] == CAREALIGN_OK)
            journey_for(j, &options, &r->journey[m], &r->measure_status[m]);
    }
    CHECK(t, carealign_framework_hash(shared, r->hash) == CAREALIGN_OK, "hash");
    CHECK(t,
          carealign_framework_canonical(shared, text, TEXT_CAP, &r->canonical_len) == CAREALIGN_OK,
          "canonical");
    r->canonical_sum = checksum(text, r->canonical_len);
    CHECK(t,
          carealign_framework_to_fhir(shared, NULL, text, TEXT_CAP, &r->fhir_len) == CAREALIGN_OK,
          "to_fhir");
    r->fhir_sum = checksum(text, r->fhir_len);
    scorecard_for(t, r, text);
}

static int same(const results *a, const results *b)
{
    /* compared field by field: the struct has padding */
    if (memcmp(a->eq5d, b->eq5d, sizeof a->eq5d) != 0 || memcmp(&a->swemwbs, &b->swemwbs, 8) != 0)
        return 0;
    if (memcmp(&a->wilson, &b->wilson, sizeof a->wilson) != 0 ||
        memcmp(&a->rate, &b->rate, sizeof a->rate) != 0 ||
        memcmp(&a->mean, &b->mean, sizeof a->mean) != 0)
        return 0;
    for (int32_t m = 0; m < n_measures; m++) {
        if (a->measure_status[m] != b->measure_status[m] ||
            memcmp(&a->journey[m], &b->journey[m], sizeof a->journey[m]) != 0)
            return 0;
    }
    return memcmp(a->hash, b->hash, sizeof a->hash) == 0 && a->canonical_len == b->canonical_len &&
           a->canonical_sum == b->canonical_sum && a->fhir_len == b->fhir_len &&
           a->fhir_sum == b->fhir_sum && a->report_len == b->report_len &&
           a->report_sum == b->report_sum;
}

static carealign_acc *new_acc(void)
{
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_DISTRIBUTION;
    p.scale = 1000;
    carealign_acc *acc = NULL;
    return carealign_acc_new(&p, &acc) == CAREALIGN_OK ? acc : NULL;
}

static void *thread_main(void *arg)
{
    int t = (int)(size_t)arg;
    results *r = malloc(sizeof *r);
    char *text = malloc(TEXT_CAP);
    carealign_journey *j = NULL;
    carealign_acc *acc = new_acc();
    if (r == NULL || text == NULL || acc == NULL || carealign_journey_new(&j) != CAREALIGN_OK) {
        fprintf(stderr, "thread %d: out of memory\n", t);
        thread_failed[t] = 1;
    }
    for (int round = 0; round < ROUNDS && !thread_failed[t]; round++) {
        memset(r, 0, sizeof *r);
        work(t, r, text, j);
        if (!thread_failed[t] && !same(r, &reference)) {
            fprintf(stderr, "thread %d round %d: results differ from the main thread's\n", t,
                    round);
            thread_failed[t] = 1;
        }
        /* this thread's share of the values: every N_THREADS-th from t */
        if (round == 0) {
            for (int i = t; i < N_VALUES && !thread_failed[t]; i += N_THREADS) {
                if (carealign_acc_add(acc, values[i], 1.0) != CAREALIGN_OK) {
                    fprintf(stderr, "thread %d: acc_add: %s\n", t, carealign_last_error());
                    thread_failed[t] = 1;
                }
            }
        }
        /* a failure of this thread's own, whose message names its item */
        int32_t items[5] = {1, 1, 1, 1, 1};
        items[t % 5] = 9;
        double score;
        const char *codes[5] = {"MO", "SC", "UA", "PD", "AD"};
        if (carealign_score("eq5d5l", "england-2018", items, 5, &score) != CAREALIGN_EINVAL ||
            strstr(carealign_last_error(), codes[t % 5]) == NULL) {
            fprintf(stderr, "thread %d: last error not its own: %s\n", t, carealign_last_error());
            thread_failed[t] = 1;
        }
    }
    if (!thread_failed[t] &&
        carealign_acc_serialize(acc, blobs[t], sizeof blobs[t], &blob_lens[t]) != CAREALIGN_OK) {
        fprintf(stderr, "thread %d: serialize: %s\n", t, carealign_last_error());
        thread_failed[t] = 1;
    }
    carealign_acc_free(acc);
    carealign_journey_free(j);
    free(text);
    free(r);
    return NULL;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = malloc(TEXT_CAP);
    *len = buf != NULL ? fread(buf, 1, TEXT_CAP, f) : 0;
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tsan_threads FRAMEWORK.json\n");
        return 2;
    }
    size_t len = 0;
    char *json = slurp(argv[1], &len);
    carealign_framework *fw = NULL;
    if (json == NULL || carealign_framework_load(json, len, NULL, &fw) != CAREALIGN_OK) {
        fprintf(stderr, "cannot load %s: %s\n", argv[1], carealign_last_error());
        return 1;
    }
    free(json);
    shared = fw;
    carealign_framework_info info;
    carealign_framework_info_init(&info, sizeof info);
    if (carealign_framework_get_info(fw, &info) != CAREALIGN_OK || info.n_measures > MAX_MEASURES) {
        fprintf(stderr, "framework info: %s\n", carealign_last_error());
        return 1;
    }
    n_measures = info.n_measures;
    for (int i = 0; i < N_VALUES; i++)
        values[i] = (double)((i * 37) % 1000) / 1000.0;

    /* the reference, on the main thread */
    char *text = malloc(TEXT_CAP);
    carealign_journey *j = NULL;
    carealign_acc *all = new_acc();
    if (text == NULL || all == NULL || carealign_journey_new(&j) != CAREALIGN_OK)
        return 1;
    work(-1, &reference, text, j);
    if (thread_failed[0])
        return 1;
    int journeys = 0;
    /* the journeys must be real ones: at least one measure sees all four
     * contacts and the discharge (measures may filter by their own rules) */
    int full_journeys = 0;
    for (int32_t m = 0; m < n_measures; m++) {
        if (reference.measure_status[m] != CAREALIGN_OK)
            continue;
        journeys++;
        full_journeys +=
            reference.journey[m].n_contacts == 4 && reference.journey[m].n_discharges == 1;
    }
    if (full_journeys == 0) {
        fprintf(stderr, "no measure's journey saw the 4 contacts and 1 discharge\n");
        return 1;
    }
    for (int i = 0; i < N_VALUES; i++)
        if (carealign_acc_add(all, values[i], 1.0) != CAREALIGN_OK)
            return 1;
    if (carealign_acc_serialize(all, reference_blob, sizeof reference_blob, &reference_blob_len) !=
        CAREALIGN_OK)
        return 1;
    carealign_journey_free(j);
    free(text);

    pthread_t threads[N_THREADS];
    for (size_t t = 0; t < N_THREADS; t++) {
        if (pthread_create(&threads[t], NULL, thread_main, (void *)t) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    for (size_t t = 0; t < N_THREADS; t++)
        pthread_join(threads[t], NULL);
    int failed = 0;
    for (int t = 0; t < N_THREADS; t++)
        failed |= thread_failed[t];

    /* the threads' partials merged, in reverse order, equal the whole */
    carealign_acc *merged = new_acc();
    for (int t = N_THREADS - 1; t >= 0 && !failed; t--) {
        carealign_acc *part = NULL;
        if (carealign_acc_deserialize(blobs[t], blob_lens[t], &part) != CAREALIGN_OK ||
            carealign_acc_merge(merged, part) != CAREALIGN_OK) {
            fprintf(stderr, "merge: %s\n", carealign_last_error());
            failed = 1;
        }
        carealign_acc_free(part);
    }
    unsigned char blob[8192];
    size_t blob_len = 0;
    if (!failed &&
        (carealign_acc_serialize(merged, blob, sizeof blob, &blob_len) != CAREALIGN_OK ||
         blob_len != reference_blob_len || memcmp(blob, reference_blob, blob_len) != 0)) {
        fprintf(stderr, "merged partials differ from one accumulator of all values\n");
        failed = 1;
    }
    carealign_acc_free(merged);
    carealign_acc_free(all);
    carealign_framework_free(fw);
    if (failed)
        return 1;
    printf("%d threads x %d rounds on one framework (%d measures, %d with journeys): "
           "identical results, merged partials bit-identical\n",
           N_THREADS, ROUNDS, (int)n_measures, journeys);
    return 0;
}
