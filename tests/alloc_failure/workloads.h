/* Workloads for the allocation-failure harness: each calls public
 * functions of one layer on fixed small inputs, and frees what it made. */
#ifndef CAREALIGN_TESTS_WORKLOADS_H
#define CAREALIGN_TESTS_WORKLOADS_H

#include "carealign/carealign.h"

/* Returns 1 for CAREALIGN_OK, 0 for CAREALIGN_ENOMEM; exits the harness
 * with a message for any other status. */
int carealign_workload_expect(carealign_status status, const char *what);

#define WORKLOAD(name) void carealign_workload_##name(void);
#include "workloads.def"
#undef WORKLOAD

#endif
