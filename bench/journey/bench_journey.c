/* Journey batch throughput: P people, about C contacts each (generated,
 * deterministic), figures for every person. Two runs per repetition:
 *   sorted   - rows grouped and in person order, CAREALIGN_JOPT_INPUT_SORTED;
 *   unsorted - the same rows shuffled, the library's counting sort included.
 * Prints the median of R repetitions in million contacts per second.
 * usage: bench_journey [people=10000000] [contacts=100000000] [reps=3] [mode]
 * mode "sorted" or "unsorted" runs only that batch (for instruction counts
 * under callgrind; no digest comparison between the two then). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__unix__) || defined(__APPLE__)
#include <sys/resource.h>
#define HAVE_RUSAGE 1
#else
#define HAVE_RUSAGE 0
#endif

#include "carealign/journey.h"

static uint64_t state = 88172645463325252ull;
static uint32_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 11);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* FNV-1a over the results: the sorted and unsorted runs must agree */
static uint64_t digest(const carealign_journey_result *res, size_t n)
{
    const unsigned char *b = (const unsigned char *)res;
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n * sizeof *res; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* user and system CPU seconds so far (0 where getrusage is missing): the
 * system part is mostly page faults on first touch of fresh memory */
static void usage_now(double *user, double *sys)
{
    *user = *sys = 0;
#if HAVE_RUSAGE
    struct rusage u;
    if (getrusage(RUSAGE_SELF, &u) == 0) {
        *user = (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec * 1e-6;
        *sys = (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec * 1e-6;
    }
#endif
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    size_t people = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000u;
    size_t rows = argc > 2 ? strtoull(argv[2], NULL, 10) : 100000000u;
    int reps = argc > 3 ? atoi(argv[3]) : 3;
    const char *mode = argc > 4 ? argv[4] : "both";
    int run_sorted = strcmp(mode, "unsorted") != 0, run_unsorted = strcmp(mode, "sorted") != 0;
    int32_t *person = malloc(rows * sizeof *person), *org = malloc(rows * sizeof *org),
            *sector = malloc(rows * sizeof *sector), *type = malloc(rows * sizeof *type),
            *start = malloc(rows * sizeof *start), *end = malloc(rows * sizeof *end);
    carealign_journey_result *res = malloc(people * sizeof *res);
    if (!person || !org || !sector || !type || !start || !end || !res) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    /* rows spread over people in order; a realistic mix of types: mostly
     * GP, community and homecare visits, some assessments and stays */
    static const int32_t types[16] = {6, 6, 6, 4, 4, 4, 5, 5, 5, 5, 7, 8, 14, 2, 1, 9};
    for (size_t i = 0; i < rows; i++) {
        person[i] = (int32_t)((unsigned long long)i * people / rows);
        uint32_t r = next();
        type[i] = types[r & 15];
        org[i] = (int32_t)((r >> 4) % 6);
        sector[i] = 1 + (int32_t)((r >> 8) % 7);
        start[i] = 19800 + (int32_t)((r >> 12) % 365);
        end[i] =
            (type[i] == 1 || type[i] == 2) ? start[i] + (int32_t)((r >> 22) % 9) : CAREALIGN_NA_I32;
    }
    carealign_contact_columns cc;
    carealign_contact_columns_init(&cc, sizeof cc);
    cc.n = rows;
    cc.person = person;
    cc.org = org;
    cc.sector = sector;
    cc.type = type;
    cc.start_day = start;
    cc.end_day = end;
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = 19800;
    o.period_end = 20164;
    /* the results touched once before any call: a first call's system
     * time is then the library's own first touch of its scratch */
    memset(res, 0, people * sizeof *res);
    carealign_journey *j = NULL;
    if (carealign_journey_new(&j) != CAREALIGN_OK)
        return 1;
    double *t_sorted = calloc((size_t)reps, sizeof(double));
    double *t_unsorted = calloc((size_t)reps, sizeof(double));
    double *c_sorted = calloc((size_t)reps, sizeof(double));
    double *c_unsorted = calloc((size_t)reps, sizeof(double));
    for (int k = 0; k < reps && run_sorted; k++) {
        res[0].size = sizeof res[0];
        o.flags = CAREALIGN_JOPT_INPUT_SORTED;
        double u0, s0, u1, s1;
        usage_now(&u0, &s0);
        double t0 = now(), c0 = cpu_now();
        if (carealign_journey_batch(j, &cc, NULL, &o, res, people, NULL, NULL) != CAREALIGN_OK) {
            fprintf(stderr, "batch failed: %s\n", carealign_last_error());
            return 1;
        }
        t_sorted[k] = now() - t0;
        c_sorted[k] = cpu_now() - c0;
        usage_now(&u1, &s1);
        printf("sorted call %d: user %.3f s  sys %.3f s  %.1f M/s CPU\n", k + 1, u1 - u0, s1 - s0,
               (double)rows / c_sorted[k] / 1e6);
    }
    uint64_t h_sorted = digest(res, people);
    /* shuffle the rows (Fisher-Yates on all columns) */
    for (size_t i = rows - 1; i > 0; i--) {
        size_t k = ((size_t)next() << 21 ^ next()) % (i + 1);
#define SW(a)                                                                                      \
    do {                                                                                           \
        int32_t x = a[i];                                                                          \
        a[i] = a[k];                                                                               \
        a[k] = x;                                                                                  \
    } while (0)
        SW(person);
        SW(org);
        SW(sector);
        SW(type);
        SW(start);
        SW(end);
    }
    for (int k = 0; k < reps && run_unsorted; k++) {
        res[0].size = sizeof res[0];
        o.flags = 0;
        double u0, s0, u1, s1;
        usage_now(&u0, &s0);
        double t0 = now(), c0 = cpu_now();
        if (carealign_journey_batch(j, &cc, NULL, &o, res, people, NULL, NULL) != CAREALIGN_OK) {
            fprintf(stderr, "batch failed: %s\n", carealign_last_error());
            return 1;
        }
        t_unsorted[k] = now() - t0;
        c_unsorted[k] = cpu_now() - c0;
        usage_now(&u1, &s1);
        printf("unsorted call %d: user %.3f s  sys %.3f s  %.1f M/s CPU\n", k + 1, u1 - u0, s1 - s0,
               (double)rows / c_unsorted[k] / 1e6);
    }
    if (!run_sorted)
        h_sorted = digest(res, people);
    if (run_unsorted && digest(res, people) != h_sorted) {
        fprintf(stderr, "sorted and unsorted figures differ\n");
        return 1;
    }
    qsort(t_sorted, (size_t)reps, sizeof(double), cmp_double);
    qsort(t_unsorted, (size_t)reps, sizeof(double), cmp_double);
    qsort(c_sorted, (size_t)reps, sizeof(double), cmp_double);
    qsort(c_unsorted, (size_t)reps, sizeof(double), cmp_double);
    double ms = t_sorted[reps / 2], mu = t_unsorted[reps / 2];
    double cs = c_sorted[reps / 2], cu = c_unsorted[reps / 2];
    printf("people %zu contacts %zu reps %d\n", people, rows, reps);
    printf("digest %016llx\n", (unsigned long long)h_sorted);
    printf("sorted:   median %.3f s  %.1f M contacts/s; CPU %.3f s  %.1f M/s\n", ms,
           (double)rows / ms / 1e6, cs, (double)rows / cs / 1e6);
    printf("unsorted: median %.3f s  %.1f M contacts/s; CPU %.3f s  %.1f M/s (sort included)\n", mu,
           (double)rows / mu / 1e6, cu, (double)rows / cu / 1e6);
    carealign_journey_free(j);
    return 0;
}
