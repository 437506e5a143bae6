/* Scorecard throughput and peak memory on generated data (in-process; the
 * CLI's `carealign generate` is not needed). Per person: ~10 contacts
 * (visits, assessments, reviews, some stays with discharge ready days) and
 * ~0.5 ASCOT SCT4 responses, at up to three organisations per person. Fed grouped by person
 * (CAREALIGN_SC_GROUPED, close_person after each person), then finalized with SC_NO_DISCLOSURE.
 * Peak memory is the library's own live bytes through a counting allocator.
 *
 * usage: bench_scorecard FRAMEWORK.json PEOPLE REPS [CONTACTS RESPONSES [ETHNICITY]]
 *   CONTACTS: mean contacts per person (default 10: 5 to 15; C: C/2 to 3C/2)
 *   RESPONSES: mean ASCOT SCT4 responses per person (default 0.5: one for half
 *   of the people; R >= 1: R/2 to 3R/2 each)
 *   ETHNICITY: 1 (default) gives each person one of the 17 ethnic categories
 *   with `carealign generate`'s weights (tools/carealign/generate.c), so that
 *   an ethnicity stratum has people as in real extracts; 0 leaves it unknown,
 *   the data of the bench before the tenth session. The categories come from
 *   a stream of their own: every other field is the same either way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "carealign/carealign.h"

static size_t live, peak;
static void *c_malloc(size_t n, void *u)
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
static void *c_realloc(void *ptr, size_t n, void *u)
{
    if (ptr == NULL)
        return c_malloc(n, u);
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
static void c_free(void *ptr, void *u)
{
    (void)u;
    size_t *p = (size_t *)(void *)((char *)ptr - 16);
    live -= p[0];
    free(p);
}

static uint64_t rng = 12345;

/* The ethnic categories of `carealign generate` (NHS Data Dictionary Ethnic
 * Category codes) and its weights (tools/carealign/generate.c; they sum to
 * 1,025). */
static const char eth_codes[] = "ABCDEFGHJKLMNPRSZ";
static const uint32_t eth_weights[17] = {780, 20, 30, 10, 10, 5, 5,  30, 50,
                                         10,  10, 10, 15, 5,  5, 10, 20};

/* Person p's ethnic category (0 to 16, an index into eth_codes), from a
 * hash of p alone (splitmix64's finalizer), by eth_weights. */
static int32_t ethnicity_of(int32_t p)
{
    uint64_t z = (uint64_t)(uint32_t)p + 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    z ^= z >> 31;
    uint32_t total = 0;
    for (int i = 0; i < 17; i++)
        total += eth_weights[i];
    uint32_t u = (uint32_t)(z % total);
    int32_t k = 0;
    while (u >= eth_weights[k])
        u -= eth_weights[k++];
    return k;
}
static uint32_t next(void)
{
    rng = rng * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(rng >> 33);
}

static double now(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s FRAMEWORK.json PEOPLE REPS [CONTACTS RESPONSES]\n", argv[0]);
        return 2;
    }
    carealign_allocator a = CAREALIGN_ALLOCATOR_INIT;
    a.malloc_fn = c_malloc;
    a.realloc_fn = c_realloc;
    a.free_fn = c_free;
    carealign_set_allocator(&a);
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL)
        return 1;
    static char text[1 << 20];
    size_t tn = fread(text, 1, sizeof text, f);
    fclose(f);
    carealign_framework *fw = NULL;
    if (carealign_framework_load(text, tn, NULL, &fw) != CAREALIGN_OK)
        return 1;
    int32_t people = atoi(argv[2]), reps = atoi(argv[3]);
    int32_t mean_contacts = argc > 4 ? atoi(argv[4]) : 10;
    double mean_responses = argc > 5 ? atof(argv[5]) : 0.5;
    int with_ethnicity = argc > 6 ? atoi(argv[6]) != 0 : 1;
    if (mean_contacts < 2 || mean_contacts > 200 || !(mean_responses >= 0) || mean_responses > 100)
        return 2;
    int32_t inst = -1;
    for (size_t i = 0; i < carealign_instrument_count(); i++)
        if (strcmp(carealign_instrument_get(i)->name, "ascot_sct4") == 0)
            inst = (int32_t)i;
    int32_t start = 20179; /* 2025-04-01 */
    for (int32_t rep = 0; rep < reps; rep++) {
        rng = 12345;
        size_t base_live = live;
        peak = live;
        carealign_scorecard *sc = NULL;
        carealign_scorecard_options o = CAREALIGN_SCORECARD_OPTIONS_INIT;
        o.flags = CAREALIGN_SC_GROUPED | CAREALIGN_SC_NO_DISCLOSURE;
        carealign_scorecard_new(fw, &o, &sc);
        const uint64_t off[2] = {0, 9};
        carealign_scorecard_register_ids(sc, CAREALIGN_DICT_AREA, "E08000035", off, 1, NULL);
        uint64_t eth_off[18];
        for (int i = 0; i <= 17; i++)
            eth_off[i] = (uint64_t)i;
        int32_t eth_index[17];
        carealign_scorecard_register_ids(sc, CAREALIGN_DICT_ETHNICITY, eth_codes, eth_off, 17,
                                         eth_index);
        carealign_organisation org[20];
        for (int i = 0; i < 20; i++) {
            carealign_organisation_init(&org[i], sizeof org[i]);
            org[i].org = i;
            org[i].sector = 1 + i % 9;
        }
        carealign_scorecard_feed_organisations(sc, org, 20, NULL, NULL);
        carealign_population pop = CAREALIGN_POPULATION_INIT;
        pop.year = 2025;
        pop.count = 800000;
        carealign_scorecard_feed_populations(sc, &pop, 1, NULL, NULL);
        uint64_t records = 0;
        double t0 = now(), c0 = cpu();
        carealign_contact c[320];
        for (int32_t p = 0; p < people; p++) {
            carealign_person per = CAREALIGN_PERSON_INIT;
            per.person = p;
            per.has = CAREALIGN_PERSON_HAS_BIRTH | CAREALIGN_PERSON_HAS_AREA |
                      CAREALIGN_PERSON_HAS_SEX | CAREALIGN_PERSON_HAS_IMD;
            per.birth_year = 1925 + (int32_t)(next() % 80);
            per.birth_month = 1 + (int32_t)(next() % 12);
            per.sex = 1 + (int32_t)(next() % 2);
            per.imd_decile = 1 + (int32_t)(next() % 10);
            if (with_ethnicity) {
                per.has |= CAREALIGN_PERSON_HAS_ETHNICITY;
                per.ethnicity = eth_index[ethnicity_of(p)];
            }
            carealign_scorecard_feed_people(sc, &per, 1, NULL, NULL);
            /* each person is served by up to three organisations (a GP
             * practice, a hospital, a council or community provider) */
            int32_t home[3] = {(int32_t)(next() % 20), (int32_t)(next() % 20),
                               (int32_t)(next() % 20)};
            int nc = mean_contacts / 2 + (int)(next() % (uint32_t)(mean_contacts + 1));
            for (int k = 0; k < nc; k++) {
                carealign_contact_init(&c[k], sizeof c[k]);
                c[k].person = p;
                c[k].org = home[next() % 3];
                c[k].sector = 1 + c[k].org % 9;
                static const int32_t types[6] = {4, 5, 6, 7, 14, 1};
                c[k].type = types[next() % 6];
                c[k].start_day = start + (int32_t)(next() % 365);
                c[k].staff_minutes = (int32_t)(next() % 90);
                if (c[k].type == 1) {
                    c[k].has = CAREALIGN_CONTACT_HAS_END | CAREALIGN_CONTACT_HAS_READY_DAY;
                    c[k].end_day = c[k].start_day + (int32_t)(next() % 10);
                    c[k].discharge_ready_day = c[k].start_day;
                }
            }
            carealign_scorecard_feed_contacts(sc, c, (size_t)nc, NULL, NULL);
            records += 1 + (uint64_t)nc;
            int nr = 0;
            if (mean_responses < 1)
                nr = inst >= 0 && next() % 2 == 0 && mean_responses > 0 ? 1 : 0;
            else
                nr =
                    (int)(mean_responses / 2) + (int)(next() % (uint32_t)((int)mean_responses + 1));
            for (int q = 0; inst >= 0 && q < nr; q++) {
                int32_t items[8];
                for (int k = 0; k < 8; k++)
                    items[k] = 1 + (int32_t)(next() % 4);
                carealign_response r = CAREALIGN_RESPONSE_INIT;
                r.person = p;
                if (mean_responses >= 1) { /* at one of the person's organisations */
                    r.has = CAREALIGN_RESPONSE_HAS_ORG;
                    r.org = home[next() % 3];
                }
                r.day = start + (int32_t)(next() % 365);
                r.instrument = inst;
                r.n_items = 8;
                r.items = items;
                carealign_scorecard_feed_responses(sc, &r, 1, NULL, NULL);
                records++;
            }
            carealign_scorecard_close_person(sc, p);
        }
        double t1 = now(), c1 = cpu();
        carealign_status st = carealign_scorecard_finalize(sc);
        double c2 = cpu();
        size_t rows = 0;
        carealign_scorecard_result_count(sc, &rows);
        printf("rep %d: %d people, %llu records: feed+close %.2f s wall (%.2f s CPU), %.0f "
               "records/s CPU; finalize %.2f s CPU (%s); %zu rows; peak live %.1f MB\n",
               rep, people, (unsigned long long)records, t1 - t0, c1 - c0,
               (double)records / (c1 - c0), c2 - c1, carealign_strerror(st), rows,
               (double)(peak - base_live) / 1e6);
        carealign_scorecard_free(sc);
    }
    carealign_framework_free(fw);
    return 0;
}
