/* The C side of bench/python/bench_score_batch.py: times
 * carealign_score_batch on rows read from a raw int32 file (row-major,
 * n_rows x n_items) into preallocated outputs, RUNS times, and prints the
 * wall and process CPU seconds of each run; with SCORES, writes the scores
 * there (so the Python side can check it computed the same bytes).
 *
 * usage: bench_score_batch FILE INSTRUMENT VALUESET N_ITEMS RUNS [SCORES] */
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

int main(int argc, char **argv)
{
    if (argc != 6 && argc != 7) {
        fputs("usage: bench_score_batch FILE INSTRUMENT VALUESET N_ITEMS RUNS [SCORES]\n", stderr);
        return 2;
    }
    size_t n_items = (size_t)strtoul(argv[4], NULL, 10);
    int runs = atoi(argv[5]);
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL || n_items == 0 || runs < 1) {
        fputs("bench_score_batch: bad arguments or unreadable file\n", stderr);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long bytes = ftell(f);
    fseek(f, 0, SEEK_SET);
    size_t n_rows = (size_t)bytes / (sizeof(int32_t) * n_items);
    int32_t *items = malloc((size_t)bytes);
    double *scores = malloc(n_rows * sizeof *scores);
    int32_t *status = malloc(n_rows * sizeof *status);
    if (items == NULL || scores == NULL || status == NULL ||
        fread(items, 1, (size_t)bytes, f) != (size_t)bytes) {
        fputs("bench_score_batch: out of memory or short read\n", stderr);
        return 1;
    }
    fclose(f);
    /* touch every output page once, as the Python side does */
    memset(scores, 0, n_rows * sizeof *scores);
    memset(status, 0, n_rows * sizeof *status);
    for (int r = 0; r < runs; r++) {
        size_t n_scored = 0;
        double w0 = wall_seconds();
        clock_t c0 = clock();
        carealign_status rc = carealign_score_batch(argv[2], argv[3], items, n_items, n_rows,
                                                    scores, status, &n_scored);
        clock_t c1 = clock();
        double w1 = wall_seconds();
        if (rc != CAREALIGN_OK || n_scored != n_rows) {
            fprintf(stderr, "bench_score_batch: %s\n", carealign_last_error());
            return 1;
        }
        printf("run %.6f %.6f\n", w1 - w0, (double)(c1 - c0) / CLOCKS_PER_SEC);
    }
    if (argc == 7) {
        FILE *out = fopen(argv[6], "wb");
        if (out == NULL || fwrite(scores, sizeof *scores, n_rows, out) != n_rows ||
            fclose(out) != 0) {
            fputs("bench_score_batch: cannot write the scores\n", stderr);
            return 1;
        }
    }
    free(items);
    free(scores);
    free(status);
    return 0;
}
