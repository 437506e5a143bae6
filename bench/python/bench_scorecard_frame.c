/* The C side of bench/python/bench_scorecard_frame.py: times
 * carealign_scorecard_feed_contacts_columns on contacts read from raw int32
 * column files, RUNS times, each into a new scorecard that already has the
 * organisations and people (fed untimed, as on the Python side). Prints the
 * wall and process CPU seconds of each run and the feed's counts.
 *
 * usage: bench_scorecard_frame FRAMEWORK DIR N_ORGS RUNS
 * DIR holds people_birth_year.i32, people_birth_month.i32 and the contact
 * columns person.i32, org.i32, sector.i32, type.i32, start_day.i32,
 * staff_minutes.i32; N_ORGS organisations 0 .. N_ORGS - 1 of the sector
 * in orgs_sector.i32. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "carealign/carealign.h"

static double wall_seconds(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int32_t *read_column(const char *dir, const char *name, size_t *n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long bytes = ftell(f);
    fseek(f, 0, SEEK_SET);
    int32_t *v = malloc(bytes > 0 ? (size_t)bytes : 1);
    if (v == NULL || fread(v, 1, (size_t)bytes, f) != (size_t)bytes) {
        fclose(f);
        free(v);
        return NULL;
    }
    fclose(f);
    *n = (size_t)bytes / sizeof(int32_t);
    return v;
}

static char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long bytes = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *t = malloc((size_t)bytes + 1);
    if (t == NULL || fread(t, 1, (size_t)bytes, f) != (size_t)bytes) {
        fclose(f);
        free(t);
        return NULL;
    }
    fclose(f);
    *len = (size_t)bytes;
    return t;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fputs("usage: bench_scorecard_frame FRAMEWORK DIR N_ORGS RUNS\n", stderr);
        return 2;
    }
    const char *dir = argv[2];
    size_t n_orgs_arg = (size_t)strtoul(argv[3], NULL, 10);
    int runs = atoi(argv[4]);
    size_t fw_len = 0, n_people = 0, n = 0, k = 0;
    char *fw_text = read_text(argv[1], &fw_len);
    int32_t *by = read_column(dir, "people_birth_year.i32", &n_people);
    int32_t *bm = read_column(dir, "people_birth_month.i32", &k);
    size_t n_osec = 0;
    int32_t *osec = read_column(dir, "orgs_sector.i32", &n_osec);
    const char *names[6] = {"person.i32", "org.i32",       "sector.i32",
                            "type.i32",   "start_day.i32", "staff_minutes.i32"};
    int32_t *col[6];
    for (int c = 0; c < 6; c++) {
        col[c] = read_column(dir, names[c], c == 0 ? &n : &k);
        if (col[c] == NULL)
            return 1;
    }
    if (fw_text == NULL || by == NULL || bm == NULL || osec == NULL || runs < 1 ||
        n_osec != n_orgs_arg) {
        fputs("bench_scorecard_frame: bad arguments or unreadable files\n", stderr);
        return 2;
    }
    carealign_framework *fw = NULL;
    if (carealign_framework_load(fw_text, fw_len, NULL, &fw) != CAREALIGN_OK) {
        fprintf(stderr, "bench_scorecard_frame: %s\n", carealign_last_error());
        return 1;
    }
    carealign_organisation *orgs = calloc(n_orgs_arg, sizeof *orgs);
    int32_t *reason = malloc(n * sizeof *reason);
    if (orgs == NULL || reason == NULL)
        return 1;
    for (size_t i = 0; i < n_orgs_arg; i++) {
        orgs[i].size = sizeof orgs[i];
        orgs[i].org = (int32_t)i;
        orgs[i].sector = osec[i];
    }
    memset(reason, 0, n * sizeof *reason); /* touched, as numpy's zeros on the other side */
    for (int r = 0; r < runs; r++) {
        carealign_scorecard *sc = NULL;
        carealign_person_columns pc = CAREALIGN_PERSON_COLUMNS_INIT;
        pc.n = n_people;
        pc.birth_year = by;
        pc.birth_month = bm;
        carealign_contact_columns cc = CAREALIGN_CONTACT_COLUMNS_INIT;
        cc.n = n;
        cc.person = col[0];
        cc.org = col[1];
        cc.sector = col[2];
        cc.type = col[3];
        cc.start_day = col[4];
        cc.staff_minutes = col[5];
        size_t rejected = 0;
        if (carealign_scorecard_new(fw, NULL, &sc) != CAREALIGN_OK ||
            carealign_scorecard_feed_organisations(sc, orgs, n_orgs_arg, NULL, NULL) !=
                CAREALIGN_OK ||
            carealign_scorecard_feed_people_columns(sc, &pc, NULL, NULL) != CAREALIGN_OK) {
            fprintf(stderr, "bench_scorecard_frame: %s\n", carealign_last_error());
            return 1;
        }
        double w0 = wall_seconds();
        clock_t c0 = clock();
        carealign_status rc = carealign_scorecard_feed_contacts_columns(sc, &cc, reason, &rejected);
        clock_t c1 = clock();
        double w1 = wall_seconds();
        carealign_feed_counts counts = CAREALIGN_FEED_COUNTS_INIT;
        if (rc != CAREALIGN_OK ||
            carealign_scorecard_get_counts(sc, CAREALIGN_FEED_CONTACTS, &counts) != CAREALIGN_OK) {
            fprintf(stderr, "bench_scorecard_frame: %s\n", carealign_last_error());
            return 1;
        }
        printf("run %.6f %.6f %llu %llu %llu\n", w1 - w0, (double)(c1 - c0) / CLOCKS_PER_SEC,
               (unsigned long long)counts.read, (unsigned long long)counts.used,
               (unsigned long long)counts.rejected);
        fflush(stdout);
        carealign_scorecard_free(sc);
    }
    carealign_framework_free(fw);
    free(fw_text);
    free(by);
    free(bm);
    free(osec);
    for (int c = 0; c < 6; c++)
        free(col[c]);
    free(orgs);
    free(reason);
    return 0;
}
