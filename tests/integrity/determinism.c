/* The same input in any row order and any partitioning gives bit-identical
 * results (issue 11, DESIGN.md "One definition, provably the same").
 *
 * For each exact accumulator kind, 600 values (pairs for CHANGE) go into
 * one accumulator in file order: the reference. Then, 50 times, the rows are
 * shuffled, split into 1 to 24 partitions of random sizes (some empty), each
 * partition is accumulated, serialized and read back (as a distributed run
 * would ship it), and the partials are merged in a random order into a
 * fresh accumulator. The merged blob and the finalized estimate must equal
 * the reference's, byte for byte. Public API only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"

enum { N_ROWS = 600, TRIALS = 50, MAX_PARTS = 24, BLOB = 1 << 16 };

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t next_random(uint32_t bound)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u; /* Knuth's MMIX LCG */
    return (uint32_t)((rng_state >> 33) % bound);
}

typedef struct kind_case {
    const char *name;
    int32_t kind;
    int32_t scale;
    int pairs;
} kind_case;

static double values_a[N_ROWS], values_b[N_ROWS];

static carealign_acc *make(const kind_case *k)
{
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = k->kind;
    p.scale = k->scale;
    if (k->kind == CAREALIGN_ACC_CHANGE)
        p.mid = 0.05;
    carealign_acc *acc = NULL;
    if (carealign_acc_new(&p, &acc) != CAREALIGN_OK) {
        fprintf(stderr, "%s: acc_new: %s\n", k->name, carealign_last_error());
        exit(1);
    }
    return acc;
}

static void add_row(const kind_case *k, carealign_acc *acc, int row)
{
    carealign_status s = k->pairs ? carealign_acc_add_pair(acc, values_a[row], values_b[row])
                                  : carealign_acc_add(acc, values_a[row], 1.0);
    if (s != CAREALIGN_OK) {
        fprintf(stderr, "%s: add row %d: %s\n", k->name, row, carealign_last_error());
        exit(1);
    }
}

static size_t blob_of(const carealign_acc *acc, unsigned char *blob)
{
    size_t len = 0;
    if (carealign_acc_serialize(acc, blob, BLOB, &len) != CAREALIGN_OK) {
        fprintf(stderr, "serialize: %s\n", carealign_last_error());
        exit(1);
    }
    return len;
}

static int run_kind(const kind_case *k)
{
    static unsigned char reference[BLOB], blob[BLOB];
    carealign_acc *whole = make(k);
    for (int i = 0; i < N_ROWS; i++)
        add_row(k, whole, i);
    size_t reference_len = blob_of(whole, reference);
    carealign_estimate want, got;
    if (carealign_acc_finalize(whole, 0.95, &want) != CAREALIGN_OK)
        return 1;
    carealign_acc_free(whole);

    for (int trial = 0; trial < TRIALS; trial++) {
        int order[N_ROWS];
        for (int i = 0; i < N_ROWS; i++)
            order[i] = i;
        for (int i = N_ROWS - 1; i > 0; i--) { /* Fisher-Yates */
            int j = (int)next_random((uint32_t)i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int n_parts = 1 + (int)next_random(MAX_PARTS);
        carealign_acc *parts[MAX_PARTS];
        for (int p = 0; p < n_parts; p++)
            parts[p] = make(k);
        for (int i = 0; i < N_ROWS; i++)
            add_row(k, parts[next_random((uint32_t)n_parts)], order[i]);
        /* ship each partial as bytes, merge them in a random order */
        int merge_order[MAX_PARTS];
        for (int p = 0; p < n_parts; p++)
            merge_order[p] = p;
        for (int p = n_parts - 1; p > 0; p--) {
            int j = (int)next_random((uint32_t)p + 1);
            int t = merge_order[p];
            merge_order[p] = merge_order[j];
            merge_order[j] = t;
        }
        carealign_acc *merged = make(k);
        for (int p = 0; p < n_parts; p++) {
            size_t len = blob_of(parts[merge_order[p]], blob);
            carealign_acc *shipped = NULL;
            if (carealign_acc_deserialize(blob, len, &shipped) != CAREALIGN_OK ||
                carealign_acc_merge(merged, shipped) != CAREALIGN_OK) {
                fprintf(stderr, "%s: merge: %s\n", k->name, carealign_last_error());
                return 1;
            }
            carealign_acc_free(shipped);
        }
        size_t len = blob_of(merged, blob);
        int same_blob = len == reference_len && memcmp(blob, reference, len) == 0;
        int same_estimate = carealign_acc_finalize(merged, 0.95, &got) == CAREALIGN_OK &&
                            memcmp(&got, &want, sizeof got) == 0;
        carealign_acc_free(merged);
        for (int p = 0; p < n_parts; p++)
            carealign_acc_free(parts[p]);
        if (!same_blob || !same_estimate) {
            fprintf(stderr, "%s: trial %d (%d partitions): %s differs from one pass in order\n",
                    k->name, trial, n_parts, same_blob ? "the estimate" : "the merged blob");
            return 1;
        }
    }
    printf("%-12s %d shuffles x 1..%d partitions, merged in random order: bit-identical\n", k->name,
           TRIALS, MAX_PARTS);
    return 0;
}

int main(void)
{
    /* EQ-5D-like utilities on the 1/1000 grid, 0/1 outcomes, SWEMWBS-like
     * metric scores on the 1/100 grid, whole days */
    for (int i = 0; i < N_ROWS; i++) {
        values_a[i] = (double)((i * 7919) % 1595 - 594) / 1000.0;
        values_b[i] = (double)((i * 104729) % 1595 - 594) / 1000.0;
    }
    const kind_case kinds[] = {
        {"mean", CAREALIGN_ACC_MEAN, 1000, 0},
        {"change", CAREALIGN_ACC_CHANGE, 1000, 1},
        {"distribution", CAREALIGN_ACC_DISTRIBUTION, 1000, 0},
    };
    int failed = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        failed |= run_kind(&kinds[k]);
    /* PROPORTION: 0/1 outcomes */
    for (int i = 0; i < N_ROWS; i++)
        values_a[i] = (double)((i * 31) % 7 < 3);
    const kind_case proportion = {"proportion", CAREALIGN_ACC_PROPORTION, 0, 0};
    failed |= run_kind(&proportion);
    return failed;
}
