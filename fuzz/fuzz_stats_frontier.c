/* Fuzzes the cost-effectiveness frontier: any input either fails with
 * EINVAL (a non-finite QALY value) or ERANGE (a cost difference beyond
 * int64_t), or gives results consistent with the definition: every option
 * dominated by its comparator, extendedly dominated ones strictly between
 * frontier options, frontier ranks 0..f-1 with costs, QALYs and ICERs
 * strictly rising. Layout: records of 16 bytes (int64 cost, double QALYs,
 * little-endian as the machine reads them), at most 64 options. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "carealign/stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_OPTIONS 64

static void check(int ok)
{
    if (!ok)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n = size / 16;
    if (n == 0 || n > MAX_OPTIONS)
        return 0;
    int64_t costs[MAX_OPTIONS];
    double qalys[MAX_OPTIONS];
    for (size_t i = 0; i < n; i++) {
        memcpy(&costs[i], data + 16 * i, 8);
        memcpy(&qalys[i], data + 16 * i + 8, 8);
    }
    size_t ws[MAX_OPTIONS];
    carealign_cea_result r[MAX_OPTIONS];
    carealign_status st = carealign_cea_frontier(costs, qalys, n, ws, n, r);
    if (st != CAREALIGN_OK) {
        check(st == CAREALIGN_EINVAL || st == CAREALIGN_ERANGE);
        return 0;
    }
    int64_t frontier[MAX_OPTIONS];
    size_t f = 0;
    for (size_t i = 0; i < n; i++) {
        check(r[i].comparator >= -1 && r[i].comparator < (int64_t)n);
        if (r[i].status == CAREALIGN_CEA_FRONTIER) {
            check(r[i].rank >= 0 && (size_t)r[i].rank < n);
            frontier[r[i].rank] = (int64_t)i;
            f++;
        } else {
            check(r[i].rank == -1 && r[i].comparator >= 0);
            size_t c = (size_t)r[i].comparator;
            if (r[i].status == CAREALIGN_CEA_DOMINATED) {
                check(costs[c] <= costs[i] && qalys[c] >= qalys[i] && isnan(r[i].icer));
            } else {
                check(r[i].status == CAREALIGN_CEA_EXTENDED_DOMINATED);
                check(r[c].status == CAREALIGN_CEA_FRONTIER && costs[c] < costs[i] &&
                      qalys[c] < qalys[i]);
            }
        }
    }
    check(f >= 1);
    for (size_t k = 0; k < f; k++) {
        const carealign_cea_result *p = &r[frontier[k]];
        check(p->rank == (int32_t)k);
        if (k == 0) {
            check(p->comparator == -1 && isnan(p->icer));
            continue;
        }
        check(p->comparator == frontier[k - 1]);
        check(costs[frontier[k]] > costs[frontier[k - 1]]);
        check(qalys[frontier[k]] > qalys[frontier[k - 1]]);
        if (k >= 2) {
            check(!(r[frontier[k - 1]].icer > p->icer));
        }
    }
    return 0;
}
