/* carealign_acc_add_batch over N grid values (EQ-5D scores on the 1/1000
 * grid) against plain C sums of the same array in the same run.
 *
 * Peers: a plain sequential double sum (`s += x[i]`, what a C programmer
 * writes first) and a four-accumulator double sum (what an optimising
 * programmer writes; it is not latency-bound). Each is timed REPS times,
 * interleaved, and the median is reported. Usage: bench_accum [N] [REPS]. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "carealign/accum.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp);
    return n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
}

/* noinline: the compiler must not fold the sums into the fill loop */
__attribute__((noinline)) static double plain_sum(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    return s;
}

__attribute__((noinline)) static double sum4(const double *x, size_t n)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += x[i];
        s1 += x[i + 1];
        s2 += x[i + 2];
        s3 += x[i + 3];
    }
    for (; i < n; i++)
        s0 += x[i];
    return (s0 + s1) + (s2 + s3);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 100000000u;
    int reps = argc > 2 ? atoi(argv[2]) : 7;
    if (reps < 1 || reps > 99)
        reps = 7;
    double *x = malloc(n * sizeof *x);
    if (x == NULL) {
        fprintf(stderr, "cannot allocate %zu values\n", n);
        return 1;
    }
    uint64_t state = 42;
    for (size_t i = 0; i < n; i++) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        x[i] = (double)((int64_t)(state >> 33) % 1595 - 594) / 1000.0; /* -0.594 .. 1.000 */
    }
    double t_plain[99], t_sum4[99], t_acc[99], sink = 0;
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_MEAN;
    p.scale = 1000;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        sink += plain_sum(x, n);
        double t1 = now();
        sink += sum4(x, n);
        double t2 = now();
        carealign_acc *acc = NULL;
        if (carealign_acc_new(&p, &acc) != CAREALIGN_OK ||
            carealign_acc_add_batch(acc, x, NULL, n) != CAREALIGN_OK) {
            fprintf(stderr, "add_batch failed: %s\n", carealign_last_error());
            return 1;
        }
        double t3 = now();
        carealign_acc_summary s = CAREALIGN_ACC_SUMMARY_INIT;
        carealign_acc_get_summary(acc, &s);
        sink += s.mean;
        carealign_acc_free(acc);
        t_plain[r] = t1 - t0;
        t_sum4[r] = t2 - t1;
        t_acc[r] = t3 - t2;
    }
    double mp = median(t_plain, reps), m4 = median(t_sum4, reps), ma = median(t_acc, reps);
    printf("values            %zu (8 bytes each), %d repetitions, medians\n", n, reps);
    printf("plain sum         %.3f s  %.0f M values/s\n", mp, n / mp / 1e6);
    printf("4-way sum         %.3f s  %.0f M values/s\n", m4, n / m4 / 1e6);
    printf("acc_add_batch     %.3f s  %.0f M values/s\n", ma, n / ma / 1e6);
    printf("add_batch / plain sum throughput  %.0f%%\n", 100 * mp / ma);
    printf("add_batch / 4-way sum throughput  %.0f%%\n", 100 * m4 / ma);
    printf("(checksum %g)\n", sink);
    free(x);
    return 0;
}
