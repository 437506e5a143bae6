/* Internal to lib/scorecard/disclose.c, exposed for its white-box tests. */
#ifndef CAREALIGN_SCORECARD_DISCLOSE_H
#define CAREALIGN_SCORECARD_DISCLOSE_H

#include <stddef.h>
#include <stdint.h>

#include "scorecard/table.h"

/* The additive relations "parent = sum of children" of a table, in CSR form:
 * relation g has parent row parent[g] and child rows
 * children[start[g] .. start[g + 1]). */
typedef struct carealign__sc_relset {
    size_t *parent;
    size_t *start;
    size_t *children;
    size_t n;
} carealign__sc_relset;

/* Does NHS Digital's rule (k = suppress_max) suppress the row by itself? */
int carealign__sc_primary_suppressed(const carealign__sc_row *r, int64_t k);
/* Build the relations of t (ENOMEM); free with carealign__sc_relations_free. */
carealign_status carealign__sc_relations_build(const carealign__sc_table *t,
                                               carealign__sc_relset *out);
void carealign__sc_relations_free(carealign__sc_relset *rel);

#endif /* CAREALIGN_SCORECARD_DISCLOSE_H */
