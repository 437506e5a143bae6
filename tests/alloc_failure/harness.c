/* Allocation-failure injection (SQLite-style): runs a fixed small workload
 * over the public API once to count its allocations, then once more for
 * every allocation point with exactly that allocation failing. Every run
 * must end with nothing leaked, every call must return CAREALIGN_OK or
 * CAREALIGN_ENOMEM (workloads check that), and nothing may crash.
 *
 * Without an injected failure every call must succeed. The pure layers
 * (instruments, stats: DESIGN.md) must make no allocation at all.
 *
 * Workloads live in workload_<layer>.c and are listed in workloads.def;
 * check_every_function.py (ctest alloc_failure_every_function) lists the
 * exported functions no workload calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "workloads.h"

static long calls;   /* allocation calls in this run */
static long fail_at; /* 1-based call to fail; 0 = never */
static long live;    /* blocks allocated and not yet freed */

static void *test_malloc(size_t bytes, void *user)
{
    (void)user;
    if (++calls == fail_at)
        return NULL;
    void *p = malloc(bytes);
    if (p != NULL)
        live++;
    return p;
}

static void *test_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    if (++calls == fail_at)
        return NULL;
    void *p = realloc(ptr, bytes);
    if (p != NULL && ptr == NULL)
        live++;
    return p;
}

static void test_free(void *ptr, void *user)
{
    (void)user;
    live--;
    free(ptr);
}

int carealign_workload_expect(carealign_status status, const char *what)
{
    if (status == CAREALIGN_ENOMEM && fail_at == 0) {
        fprintf(stderr, "FAIL: %s returned ENOMEM with no allocation failed: %s\n", what,
                carealign_last_error());
        exit(1);
    }
    if (status == CAREALIGN_OK || status == CAREALIGN_ENOMEM)
        return status == CAREALIGN_OK;
    fprintf(stderr, "FAIL: %s returned %s under allocation failure %ld: %s\n", what,
            carealign_strerror(status), fail_at, carealign_last_error());
    exit(1);
}

/* Layers that DESIGN.md makes pure: their workloads may not allocate. */
static int is_pure(const char *layer)
{
    return strcmp(layer, "instruments") == 0 || strcmp(layer, "stats") == 0;
}

static const struct {
    const char *name;
    void (*run)(void);
} workloads[] = {
#define WORKLOAD(name) {#name, carealign_workload_##name},
#include "workloads.def"
#undef WORKLOAD
};

int main(void)
{
    carealign_allocator allocator;
    carealign_allocator_init(&allocator, sizeof allocator);
    allocator.malloc_fn = test_malloc;
    allocator.realloc_fn = test_realloc;
    allocator.free_fn = test_free;
    if (carealign_set_allocator(&allocator) != CAREALIGN_OK) {
        fprintf(stderr, "FAIL: cannot install the test allocator: %s\n", carealign_last_error());
        return 1;
    }
    long total_points = 0;
    for (size_t w = 0; w < sizeof workloads / sizeof workloads[0]; w++) {
        calls = 0;
        fail_at = 0;
        workloads[w].run();
        long points = calls;
        if (live != 0) {
            fprintf(stderr, "FAIL: workload %s leaks %ld blocks without failures\n",
                    workloads[w].name, live);
            return 1;
        }
        if (is_pure(workloads[w].name) && points != 0) {
            fprintf(stderr, "FAIL: workload %s (a pure layer) made %ld allocations\n",
                    workloads[w].name, points);
            return 1;
        }
        for (long i = 1; i <= points; i++) {
            calls = 0;
            fail_at = i;
            workloads[w].run();
            if (live != 0) {
                fprintf(stderr, "FAIL: workload %s leaks %ld blocks when allocation %ld fails\n",
                        workloads[w].name, live, i);
                return 1;
            }
        }
        if (points == 0)
            printf("workload %-12s no allocation: every call succeeded\n", workloads[w].name);
        else
            printf("workload %-12s %ld allocation points, each failed once: no leak\n",
                   workloads[w].name, points);
        total_points += points;
    }
    printf("%ld allocation points in all\n", total_points);
    return 0;
}
